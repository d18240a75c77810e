"""The scorecard: per partner, outcomes both ways, value won, reciprocity lag and one-way runs
(DESIGN, "Closing the loop"). Every figure is added up by the database; Python only puts a
handful of summed rows per partner side by side.

Counts, outcomes and values are of the referrals dated in the period. The lag is over the
referrals received in the period, the return looked for up to the period's end; the
unreturned run is as it stood at the period's end, wherever it began."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import NamedTuple

from sqlalchemy import Date, and_, case, func, literal, select
from sqlmodel import Session

from reciprocity_cli.core.balance import STATUS_ORDER, Band, status_of, tag_filter
from reciprocity_cli.core.lags import days_between, next_given, tallied_medians
from reciprocity_cli.core.tally import FIGURES, recount
from reciprocity_cli.models import Partner, PartnerTally, Referral

ONE_WAY_RUN = 3  # referrals given since their last one back, before a partner is one-way


def rate(won: int, lost: int) -> Fraction | None:
    """won / (won + lost), exactly; None when none is closed."""
    return None if won + lost == 0 else Fraction(won, won + lost)


class Card(NamedTuple):
    partner_id: int
    partner: str
    kind: str
    archived: bool
    phone: str | None
    given: int
    got: int
    given_won: int
    given_lost: int
    got_won: int
    got_lost: int
    value_given_won_cents: int
    value_got_won_cents: int
    lag_days: Fraction | None  # the median: a whole number, or halfway between two
    unreturned: int
    one_way_since: dt.date | None
    status: str  # the balance of counts in the period, as `balance` has it
    one_way: bool

    @property
    def net(self) -> int:
        return self.got - self.given

    @property
    def given_win_rate(self) -> Fraction | None:
        return rate(self.given_won, self.given_lost)

    @property
    def got_win_rate(self) -> Fraction | None:
        return rate(self.got_won, self.got_lost)

    def sort_key(self) -> tuple:
        """One-way partners first (the longest run first), then as `balance` sorts."""
        if self.one_way:
            return (0, -self.unreturned, self.one_way_since, self.partner.casefold())
        return (1, STATUS_ORDER.index(self.status), -self.net, self.partner.casefold())


def is_one_way(unreturned: int, since: dt.date | None, day: dt.date, quiet_days: int) -> bool:
    """At least three given since their last one back, the first of them quiet_days ago."""
    return unreturned >= ONE_WAY_RUN and since is not None and (day - since).days >= quiet_days


def _in_period(column, since: dt.date | None, until: dt.date | None) -> list:
    return [
        *([column >= since] if since else []),
        *([column <= until] if until else []),
    ]


def outcome_counts(
    session: Session,
    since: dt.date | None,
    until: dt.date | None,
    partner_ids: list[int] | None = None,
) -> dict[int, dict[str, int]]:
    """Per partner: referrals each way, won and lost each way, and the value won each way.
    For all time, the tallies the database keeps (revision 0008); for a period, grouped by
    partner and direction only, so SQLite walks one covering index in order."""
    if since is None and until is None:
        tally = PartnerTally.__table__.c
        query = select(tally.partner_id, tally.direction, *(tally[f] for f in FIGURES)).where(
            tally.referrals > 0
        )
        if partner_ids is not None:
            query = query.where(tally.partner_id.in_(partner_ids))
    else:
        referral = Referral.__table__.c
        query = recount(*_in_period(referral.date, since, until))
        if partner_ids is not None:
            query = query.where(referral.partner_id.in_(partner_ids))
    found: dict[int, dict[str, int]] = {}
    for pid, direction, count, won_, lost, value, _last in session.execute(query):
        found.setdefault(pid, {}).update(
            {
                direction: count,
                f"{direction}_won": int(won_),
                f"{direction}_lost": int(lost),
                f"value_{direction}_won": int(value),
            }
        )
    return found


def median_lags(
    session: Session,
    since: dt.date | None,
    until: dt.date | None,
    partner_ids: list[int] | None = None,
) -> dict[int, Fraction]:
    """Per partner, the median of the days from each referral got to the next one given back
    (the same day counts as 0), over those that were returned; even counts take the mean of
    the middle two. All in the database, and only one row per partner comes back.

    Partner by partner (the outer join keeps SQLite on that order, so the index pages it
    reads stay warm), each referral got is one seek in the (partner, direction, date) index
    for the first given on or after its day; window functions then number the lags. For all
    time, the lag tallies the database keeps answer instead (core/lags.py)."""
    if since is None and until is None:
        return tallied_medians(session, partner_ids)
    partner = Partner.__table__.c
    got = Referral.__table__.alias("got")
    returned = next_given(got, until)
    received = and_(
        got.c.partner_id == partner.id,
        got.c.direction == "got",
        *_in_period(got.c.date, since, until),
    )
    lags = select(
        partner.id.label("pid"), days_between(session, returned, got.c.date).label("lag")
    ).select_from(Partner.__table__.outerjoin(got, received))
    if partner_ids is not None:
        lags = lags.where(partner.id.in_(partner_ids))
    # OFFSET 0 keeps the subquery whole: inlined, SQLite would run each seek twice.
    lags = lags.offset(0).subquery()
    ranked = (
        select(
            lags.c.pid,
            lags.c.lag,
            func.row_number().over(partition_by=lags.c.pid, order_by=lags.c.lag).label("n"),
            func.count()
            .over(partition_by=lags.c.pid, order_by=lags.c.lag, rows=(None, None))
            .label("total"),
        )
        .where(lags.c.lag.is_not(None))
        .subquery()
    )
    # The middle lag, or the middle two: those numbered n with 2n in [total, total + 2].
    middle = (
        select(ranked.c.pid, func.sum(ranked.c.lag), func.count())
        .where(ranked.c.n * 2 >= ranked.c.total, ranked.c.n * 2 <= ranked.c.total + 2)
        .group_by(ranked.c.pid)
    )
    return {pid: Fraction(int(total), count) for pid, total, count in session.execute(middle)}


def unreturned_runs(
    session: Session, until: dt.date | None, partner_ids: list[int] | None = None
) -> dict[int, tuple[int, dt.date]]:
    """Per partner with any: the referrals given after the date of their last one got (all
    of them if none came back), and the date of the first, as they stood on `until`.

    Per partner, the last one got is one index seek and the run after it one range of the
    index: the work is the runs' length, not the history's."""
    partner = Partner.__table__.c
    got = Referral.__table__.alias("got")
    given = Referral.__table__.alias("given")
    last_got = (
        select(func.max(got.c.date))
        .where(
            got.c.partner_id == partner.id,
            got.c.direction == "got",
            *_in_period(got.c.date, None, until),
        )
        .correlate_except(got)  # to the partner two levels out
        .scalar_subquery()
    )
    after = func.coalesce(last_got, literal(dt.date(1, 1, 1), Date))

    def run(measure):
        return (
            select(measure)
            .where(
                given.c.partner_id == partner.id,
                given.c.direction == "given",
                given.c.date > after,
                *_in_period(given.c.date, None, until),
            )
            .scalar_subquery()
        )

    query = select(partner.id, run(func.count()), run(func.min(given.c.date)))
    if partner_ids is not None:
        query = query.where(partner.id.in_(partner_ids))
    return {pid: (count, first) for pid, count, first in session.execute(query) if count}


def scorecards(
    session: Session,
    band: Band,
    quiet_days: int,
    day: dt.date,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    tag: str | None = None,
    partner_ids: list[int] | None = None,
) -> list[Card]:
    """Every partner's card, one-way partners first, then as `balance` sorts. Archived
    partners appear only with referrals in the period (or when asked for by id). One-way is
    judged on `until`, or on `day` (today) when the period runs on to now."""
    as_of = min(until, day) if until else day
    counts = outcome_counts(session, since, until, partner_ids)
    lags = median_lags(session, since, until, partner_ids)
    runs = unreturned_runs(session, until, partner_ids)
    query = select(Partner.id, Partner.name, Partner.kind, Partner.archived, Partner.phone)
    if kind:
        query = query.where(Partner.kind == kind)
    if tag:
        query = query.where(tag_filter(tag))
    if partner_ids is not None:
        query = query.where(Partner.id.in_(partner_ids))
    cards = []
    for pid, name, kind_, archived, phone in session.execute(query):
        row = counts.get(pid, {})
        if archived and not row and partner_ids is None:
            continue
        unreturned, first = runs.get(pid, (0, None))
        given, got = row.get("given", 0), row.get("got", 0)
        cards.append(
            Card(
                partner_id=pid,
                partner=name,
                kind=kind_,
                archived=bool(archived),
                phone=phone,
                given=given,
                got=got,
                given_won=row.get("given_won", 0),
                given_lost=row.get("given_lost", 0),
                got_won=row.get("got_won", 0),
                got_lost=row.get("got_lost", 0),
                value_given_won_cents=row.get("value_given_won", 0),
                value_got_won_cents=row.get("value_got_won", 0),
                lag_days=lags.get(pid),
                unreturned=unreturned,
                one_way_since=first,
                status=status_of(given, got, band),
                one_way=not archived and is_one_way(unreturned, first, as_of, quiet_days),
            )
        )
    return sorted(cards, key=Card.sort_key)


class OneWay(NamedTuple):
    partner: str
    unreturned: int
    since: dt.date
    phone: str | None


def one_way_partners(session: Session, day: dt.date, quiet_days: int) -> list[OneWay]:
    """Active partners who are one-way on `day`, the longest run first: for today and report,
    which need only the runs, not the whole scorecard."""
    runs = unreturned_runs(session, day)
    cutoff = day - dt.timedelta(days=quiet_days)
    wanted = [pid for pid, (n, first) in runs.items() if n >= ONE_WAY_RUN and first <= cutoff]
    if not wanted:
        return []
    rows = session.execute(
        select(Partner.id, Partner.name, Partner.phone).where(
            Partner.id.in_(wanted),
            Partner.archived == False,  # noqa: E712
        )
    )
    found = [OneWay(name, runs[pid][0], runs[pid][1], phone) for pid, name, phone in rows]
    return sorted(found, key=lambda o: (-o.unreturned, o.since, o.partner.casefold()))


ADVICE = "talk to them, or send your customers elsewhere"


def run_text(one_way: OneWay | Card) -> str:
    """'5 sent since 2026-07-01, none back'."""
    since = one_way.since if isinstance(one_way, OneWay) else one_way.one_way_since
    return f"{one_way.unreturned} sent since {since}, none back"


def advice(one_way: OneWay | Card) -> str:
    """The line that says what to do about a one-way partner."""
    return f"{run_text(one_way)}: {ADVICE}"


class Tally(NamedTuple):
    """Referrals one way that were won and lost, and the value of those won (hundredths)."""

    won: int = 0
    lost: int = 0
    value_won_cents: int = 0

    @property
    def win_rate(self) -> Fraction | None:
        return rate(self.won, self.lost)


class Outcomes(NamedTuple):
    """Referrals closed (won or lost) in a period, by the date the outcome was recorded."""

    given: Tally = Tally()
    got: Tally = Tally()

    @property
    def closed(self) -> int:
        return self.given.won + self.given.lost + self.got.won + self.got.lost


def outcomes_between(
    session: Session, start: dt.date, end: dt.date, made_by: list[str] | None = None
) -> Outcomes:
    """What was won and lost from `start` to `end`, counted and valued by the database."""
    referral = Referral.__table__.c
    won = referral.status == "won"
    query = select(
        referral.direction,
        func.sum(case((won, 1), else_=0)),
        func.sum(case((referral.status == "lost", 1), else_=0)),
        func.sum(case((won, func.coalesce(referral.value_cents, 0)), else_=0)),
    ).where(referral.closed_on >= start, referral.closed_on <= end, referral.status != "open")
    if made_by is not None:
        query = query.where(referral.made_by.in_(made_by))
    tallies = {
        direction: Tally(int(won_), int(lost), int(value))
        for direction, won_, lost, value in session.execute(query.group_by(referral.direction))
    }
    return Outcomes(**tallies)
