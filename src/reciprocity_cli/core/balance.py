"""The reciprocity rules (DESIGN.md) and the per-partner balance query, added up in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from fractions import Fraction
from typing import NamedTuple

from sqlalchemy import case, func, literal, select, tuple_
from sqlmodel import Session

from reciprocity_cli.models import Partner, PartnerTally, Referral

STATUS_ORDER = ("you_owe", "balanced", "they_owe", "no_activity")

Band = tuple[Fraction, Fraction]


def share_of(given: int, got: int) -> Fraction | None:
    """given / (given + got), exactly; None when nothing has passed either way."""
    total = given + got
    return None if total == 0 else Fraction(given, total)


def status_of(given: int, got: int, band: Band) -> str:
    """you_owe below the fair band, they_owe above it; the bounds themselves are balanced."""
    share = share_of(given, got)
    if share is None:
        return "no_activity"
    low, high = band
    if share < low:
        return "you_owe"
    if share > high:
        return "they_owe"
    return "balanced"


class Balance(NamedTuple):
    """One partner's balance over a period. With by_value, amounts are hundredths of money."""

    partner_id: int
    partner: str
    kind: str
    archived: bool
    given: int
    got: int
    last_given: dt.date | None
    last_got: dt.date | None
    status: str

    @property
    def net(self) -> int:
        return self.got - self.given

    @property
    def share(self) -> Fraction | None:
        return share_of(self.given, self.got)

    def sort_key(self) -> tuple:
        """You-owe first by largest net, then balanced, they-owe and idle partners."""
        return (STATUS_ORDER.index(self.status), -self.net, self.partner.casefold())


def tag_filter(tag: str):
    """Tags are stored comma-separated; match one whole tag, whatever characters it holds."""
    padded = literal(",") + func.coalesce(Partner.tags, "") + literal(",")
    return padded.contains(f",{tag.strip().lower()},", autoescape=True)


def balances(
    session: Session,
    band: Band,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    tag: str | None = None,
    by_value: bool = False,
    partner_ids: list[int] | None = None,
    made_by: Collection[str] | None = None,
) -> list[Balance]:
    """Per-partner given/got, sorted you-owe first. Archived partners appear only with activity.

    All-time figures (no `since`, no `made_by`) are read from partner_tally, a row per
    partner and direction that the database keeps (revision 0008); with `until`, the few
    referrals dated after it are taken off again. Other periods are added up per (partner,
    direction) in a subquery, which SQLite answers by seeking the period in the (direction,
    date) index; each partner then gets at most two summed rows, never its referrals.
    """
    partner = Partner.__table__.c
    from_tally = since is None and made_by is None
    if from_tally:
        summed = _tallied(by_value)
    else:
        summed = _summed(by_value, since, until, partner_ids, made_by)
    query = select(
        partner.id,
        partner.name,
        partner.kind,
        partner.archived,
        summed.c.direction,
        summed.c.total,
        summed.c.last,
    ).select_from(Partner.__table__.outerjoin(summed, summed.c.partner_id == partner.id))
    if kind:
        query = query.where(partner.kind == kind)
    if tag:
        query = query.where(tag_filter(tag))
    if partner_ids is not None:
        query = query.where(partner.id.in_(partner_ids))

    found: dict[int, dict] = {}
    for pid, name, kind_, archived, direction, total, last in session.execute(query):
        row = found.setdefault(
            pid, {"name": name, "kind": kind_, "archived": bool(archived), "given": 0, "got": 0}
        )
        if direction is not None:
            row[direction] = int(total or 0)
            row[f"last_{direction}"] = last
    if from_tally and until is not None:
        _take_off_after(session, found, until, by_value)
    rows = [
        Balance(
            partner_id=pid,
            partner=row["name"],
            kind=row["kind"],
            archived=row["archived"],
            given=row["given"],
            got=row["got"],
            last_given=row.get("last_given"),
            last_got=row.get("last_got"),
            status=status_of(row["given"], row["got"], band),
        )
        for pid, row in found.items()
        # An archived partner is listed only for activity (in the period) in either direction.
        if not row["archived"] or "last_given" in row or "last_got" in row
    ]
    return sorted(rows, key=Balance.sort_key)


def _weight(by_value: bool):
    """What a referral counts for: one, or with by_value the value of one won."""
    referral = Referral.__table__.c
    if not by_value:
        return literal(1)
    return case((referral.status == "won", func.coalesce(referral.value_cents, 0)), else_=0)


def _summed(by_value, since, until, partner_ids, made_by):
    """Per (partner, direction) of the referrals in a period (or by some people): the
    total and the last date, added up from the referrals themselves."""
    referral = Referral.__table__.c
    activity = select(
        referral.partner_id,
        referral.direction,
        func.sum(_weight(by_value)).label("total"),
        func.max(referral.date).label("last"),
    ).group_by(referral.partner_id, referral.direction)
    if since:
        activity = activity.where(referral.date >= since)
    if until:
        activity = activity.where(referral.date <= until)
    if since or until:
        # Both directions named: SQLite then seeks the period in the (direction, date)
        # index, instead of walking every referral in partner order (issue 14).
        activity = activity.where(referral.direction.in_(["given", "got"]))
    if partner_ids is not None:
        activity = activity.where(referral.partner_id.in_(partner_ids))
    if made_by is not None:
        activity = activity.where(referral.made_by.in_(list(made_by)))
    return activity.subquery()


def _tallied(by_value: bool):
    """The same figures for all time, read from the tallies the database keeps."""
    tally = PartnerTally.__table__.c
    total = tally.won_cents if by_value else tally.referrals
    return (
        select(
            tally.partner_id,
            tally.direction,
            total.label("total"),
            tally.last_date.label("last"),
        )
        .where(tally.referrals > 0)
        .subquery()
    )


def _take_off_after(session: Session, found: dict[int, dict], until: dt.date, by_value: bool):
    """Turn all-time figures into figures up to `until`: subtract the referrals dated after
    it (found by seeking the (direction, date) index, so it costs what lies after `until`),
    and read back the last date before it for the partners who had any."""
    referral = Referral.__table__.c
    after = session.execute(
        select(referral.partner_id, referral.direction, func.sum(_weight(by_value)))
        .where(referral.direction.in_(["given", "got"]), referral.date > until)
        .group_by(referral.partner_id, referral.direction)
    ).all()
    pairs = [(pid, direction) for pid, direction, _ in after if pid in found]
    for pid, direction, total in after:
        if pid in found:
            found[pid][direction] -= int(total or 0)
            found[pid].pop(f"last_{direction}", None)
    for (pid, direction), last in _last_on_or_before(session, pairs, until).items():
        found[pid][f"last_{direction}"] = last


def _last_on_or_before(
    session: Session, pairs: list[tuple[int, str]], until: dt.date
) -> dict[tuple[int, str], dt.date]:
    """For each (partner, direction), the date of its last referral on or before `until`
    (none: left out): one seek each of the (partner, direction, date) index."""
    if not pairs:
        return {}
    referral = Referral.__table__.c
    rows = session.execute(
        select(referral.partner_id, referral.direction, func.max(referral.date))
        .where(tuple_(referral.partner_id, referral.direction).in_(pairs))
        .where(referral.date <= until)
        .group_by(referral.partner_id, referral.direction)
    )
    return {(pid, direction): last for pid, direction, last in rows}


def last_dates(session: Session, until: dt.date) -> dict[int, dt.date]:
    """Per partner, the date of its last referral either way on or before `until`: from the
    tallies, seeking the index only where a referral is dated after `until`."""
    tally = PartnerTally.__table__.c
    lasts = {
        (pid, direction): last
        for pid, direction, last in session.execute(
            select(tally.partner_id, tally.direction, tally.last_date).where(tally.referrals > 0)
        )
    }
    later = [pair for pair, last in lasts.items() if last > until]
    for pair in later:
        del lasts[pair]
    lasts.update(_last_on_or_before(session, later, until))
    latest: dict[int, dt.date] = {}
    for (pid, _), last in lasts.items():
        latest[pid] = max(last, latest.get(pid, last))
    return latest


def one_balance(session: Session, band: Band, partner_id: int) -> Balance:
    """A single partner's all-time balance (archived or not)."""
    rows = balances(session, band, partner_ids=[partner_id])
    if rows:
        return rows[0]
    name, kind, archived = session.execute(
        select(Partner.name, Partner.kind, Partner.archived).where(Partner.id == partner_id)
    ).one()
    return Balance(partner_id, name, kind, archived, 0, 0, None, None, "no_activity")
