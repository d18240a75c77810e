"""The tallies (per partner, given per day, and not yet thanked) against a full recount:
what `recip db check` compares and what `--repair` rebuilds. The database keeps the tallies
itself (triggers, revisions 0008 to 0011); a disagreement means the file was changed by
something that bypassed them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import String, case, cast, delete, func, insert, select
from sqlmodel import Session

from reciprocity_cli.core import lags
from reciprocity_cli.models import (
    DayTally,
    Partner,
    PartnerLag,
    PartnerTally,
    Referral,
    ThanksTally,
)

FIGURES = ("referrals", "won", "lost", "won_cents", "last_date")
THANKS_FIGURES = ("not thanked", "oldest not thanked")  # thanks_tally's unthanked, oldest


class Disagreement(NamedTuple):
    partner: str | None  # None: the day tallies, everyone's
    direction: str
    figure: str
    stored: object
    counted: object


def recount(*where):
    """Every (partner, direction) tally as the referrals have it now, added up in full; with
    `where`, of just the referrals it picks (a period, say)."""
    referral = Referral.__table__.c
    won = referral.status == "won"
    return (
        select(
            referral.partner_id,
            referral.direction,
            func.count().label("referrals"),
            func.sum(case((won, 1), else_=0)).label("won"),
            func.sum(case((referral.status == "lost", 1), else_=0)).label("lost"),
            func.sum(case((won, func.coalesce(referral.value_cents, 0)), else_=0)).label(
                "won_cents"
            ),
            func.max(referral.date).label("last_date"),
        )
        .where(*where)
        .group_by(referral.partner_id, referral.direction)
    )


def disagreements(session: Session) -> list[Disagreement]:
    """Each figure a stored tally holds that the recount does not (a missing tally is all
    zeros), sorted by partner, then the days given. Both sides are read as text, so a value
    written outside recip into a tally (a count that is "x") is one more disagreement, which
    --repair mends, rather than a damaged file to restore."""
    stored = {(r[0], r[1]): r[2:] for r in _as_text(session, select(PartnerTally.__table__))}
    counted = {(r[0], r[1]): r[2:] for r in _as_text(session, recount())}
    stored_lags = {(r[0], r[1]): r[2] for r in _as_text(session, select(PartnerLag.__table__))}
    counted_lags = {(r[0], r[1]): r[2] for r in _as_text(session, lags.recount(session))}
    nothing = ("0", "0", "0", "0", None)
    names = {str(pid): name for pid, name in session.execute(select(Partner.id, Partner.name))}

    def name(pid: str) -> str:
        return names.get(pid, f"partner #{pid}")

    found = []
    for (pid, direction), have, want in _differences(stored, counted, nothing):
        found += _figures(name(pid), direction, FIGURES, have, want)
    for (pid, days), a, b in _differences(stored_lags, counted_lags, "0"):
        figure = f"referrals returned after {days} days"
        found.append(Disagreement(name(pid), "got", figure, a, b))
    stored_thanks = {r[0]: r[1:] for r in _as_text(session, select(ThanksTally.__table__))}
    counted_thanks = {r[0]: r[1:] for r in _as_text(session, recount_thanks())}
    for pid, have, want in _differences(stored_thanks, counted_thanks, ("0", None)):
        found += _figures(name(pid), "got", THANKS_FIGURES, have, want)
    # Stable: each partner's figures stay in the order above.
    found.sort(key=lambda d: (d.partner.casefold(), d.direction))
    stored_days = dict(_as_text(session, select(DayTally.__table__)))
    counted_days = dict(_as_text(session, recount_days()))
    for date, a, b in _differences(stored_days, counted_days, "0"):
        found.append(Disagreement(None, "given", f"referrals on {date}", a, b))
    return found


def _differences(stored: dict, counted: dict, nothing) -> Iterator[tuple]:
    """(key, stored, counted) for each key whose values differ, in key order; a key one side
    lacks holds `nothing` there."""
    for key in sorted(stored.keys() | counted.keys()):
        a, b = stored.get(key, nothing), counted.get(key, nothing)
        if a != b:
            yield key, a, b


def _figures(partner: str, direction: str, figures, have, want) -> list[Disagreement]:
    """One disagreement for each of a tally row's figures that differs from its recount."""
    return [
        Disagreement(partner, direction, figure, a, b)
        for figure, a, b in zip(figures, have, want, strict=True)
        if a != b
    ]


def _as_text(session: Session, query) -> list[tuple]:
    """The rows of `query`, every value as the text the database holds (NULL as None)."""
    columns = query.subquery().c
    return session.execute(select(*(cast(c, String) for c in columns))).all()


def recount_days():
    """Referrals given per day, as the referrals have them now, added up in full."""
    referral = Referral.__table__.c
    return (
        select(referral.date, func.count().label("given"))
        .where(referral.direction == "given")
        .group_by(referral.date)
    )


def recount_thanks():
    """Per partner, the referrals got and not thanked and the oldest one's date, in full."""
    referral = Referral.__table__.c
    return (
        select(
            referral.partner_id,
            func.count().label("unthanked"),
            func.min(referral.date).label("oldest"),
        )
        .where(referral.direction == "got", referral.thanked_on.is_(None))
        .group_by(referral.partner_id)
    )


def rebuild(session: Session) -> None:
    """Throw the tallies away and add them up again from the referrals."""
    session.execute(delete(PartnerTally))
    session.execute(
        insert(PartnerTally).from_select(["partner_id", "direction", *FIGURES], recount())
    )
    session.execute(delete(DayTally))
    session.execute(insert(DayTally).from_select(["date", "given"], recount_days()))
    session.execute(delete(ThanksTally))
    session.execute(
        insert(ThanksTally).from_select(["partner_id", "unthanked", "oldest"], recount_thanks())
    )
    session.execute(delete(PartnerLag))
    session.execute(
        insert(PartnerLag).from_select(["partner_id", "lag_days", "gots"], lags.recount(session))
    )
