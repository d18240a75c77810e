"""The daily habit: which partners to refer today, whether the day is done, the streak, and
what else is due (thank-yous, stay-in-touch intervals). Rules from DESIGN.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Set
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session

from reciprocity_cli.core.balance import Balance, balances, last_dates
from reciprocity_cli.core.closed import closed_between, is_workday
from reciprocity_cli.core.gifts import GiftDue, gifts_due
from reciprocity_cli.core.goals import Goal, goal_history, goal_on
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.core.strength import Habit, Strength
from reciprocity_cli.models import DayTally, Partner, Referral, ThanksTally, Touch

ALTERNATES = 3
DAY = dt.timedelta(days=1)


def given_per_day(
    session: Session,
    *,
    until: dt.date,
    since: dt.date | None = None,
    by: Collection[str] | None = None,
) -> dict[dt.date, int]:
    """How many referrals were given on each day that had any: everyone's from the day
    tallies the database keeps (revision 0010), one person's counted from the referrals."""
    if by is None:
        tally = DayTally.__table__.c
        date, query = tally.date, select(tally.date, tally.given)
    else:
        date = Referral.date
        query = (
            select(Referral.date, func.count())
            .where(Referral.direction == "given")
            .where(Referral.made_by.in_(list(by)))  # any of the spellings they were recorded by
            .group_by(Referral.date)
        )
    query = query.where(date <= until)
    if since:
        query = query.where(date >= since)
    return dict(session.execute(query).all())


class Streak(NamedTuple):
    current: int
    best: int


def goal_met(counts: Mapping[dt.date, int], day: dt.date, goal: int | Goal) -> bool:
    """The day's goal met: each day by the goal it had (core/goals.py)."""
    return counts.get(day, 0) >= goal_on(goal, day)


def streak(
    counts: Mapping[dt.date, int],
    today: dt.date,
    goal: int | Goal,
    workdays: frozenset[int],
    closed: Set[dt.date] = frozenset(),
) -> Streak:
    """Consecutive workdays on which the goal was met, ending today if today is done, else
    yesterday; other days (and closed days) neither count nor break it. Best is the longest
    such run ever."""
    if not counts:
        return Streak(0, 0)
    first = min(counts)
    best = run = 0
    day = first
    while day <= today:
        if is_workday(day, workdays, closed):
            if goal_met(counts, day, goal):
                run += 1
                best = max(best, run)
            elif day != today:  # today still has time; it only counts once done
                run = 0
        day += DAY
    current = 0
    day = today if goal_met(counts, today, goal) else today - DAY
    while day >= first:
        if is_workday(day, workdays, closed):
            if not goal_met(counts, day, goal):
                break
            current += 1
        day -= DAY
    return Streak(current, max(best, current))


class DayMark(NamedTuple):
    day: dt.date
    # "met", "missed", "pending" (today, not done yet), "off" (not a workday), or
    # "before_start" (before anything was recorded: nothing to judge yet)
    mark: str


def week_strip(
    counts: Mapping[dt.date, int],
    today: dt.date,
    goal: int | Goal,
    workdays: frozenset[int],
    closed: Set[dt.date] = frozenset(),
    start: dt.date | None = None,
) -> list[DayMark]:
    """The last seven days, oldest first, so the habit is visible at a glance. Days before
    `start` (the first entry of any kind; a referral given is one too; none: today) are not
    failures: the habit had not begun. Only this picture says so; the streak and strength
    have rules of their own."""
    start = min(filter(None, (start, min(counts, default=None), today)))
    marks = []
    for back in range(6, -1, -1):
        day = today - dt.timedelta(days=back)
        if goal_met(counts, day, goal):
            mark = "met"
        elif day < start:
            mark = "before_start"
        elif not is_workday(day, workdays, closed):
            mark = "off"
        elif day == today:
            mark = "pending"
        else:
            mark = "missed"
        marks.append(DayMark(day, mark))
    return marks


class Pick(NamedTuple):
    partner: str
    reason: str
    phone: str | None
    does: str | None
    net: int
    last_given: dt.date | None


def pick_order(balance: Balance) -> tuple:
    """You-owe first by largest net; then longest since you last gave (never first); name."""
    owed = balance.status == "you_owe"
    never = balance.last_given is None
    return (
        0 if owed else 1,
        -balance.net if owed else 0,
        0 if never else 1,
        balance.last_given or dt.date.min,
        balance.partner.casefold(),
    )


def reason_for(balance: Balance, day: dt.date) -> str:
    if balance.status == "you_owe":
        sent = balance.given or "none"
        return f"they sent you {balance.got}, you sent {sent}"
    if balance.last_given is None:
        return "never referred"
    days = (day - balance.last_given).days
    return f"no referral from you in {days} day{'s' if days != 1 else ''}"


def picks(session: Session, config: Settings, day: dt.date) -> list[Pick]:
    """Today's picks then the alternates, from active partners not given a referral today."""
    candidates = [
        b
        for b in balances(session, config.fair_band, until=day)
        if not b.archived and b.last_given != day
    ]
    chosen = sorted(candidates, key=pick_order)[: config.daily_goal + ALTERNATES]
    contacts = _contacts(session, [b.partner_id for b in chosen])
    return [
        Pick(
            partner=b.partner,
            reason=reason_for(b, day),
            phone=contacts[b.partner_id][0],
            does=contacts[b.partner_id][1],
            net=b.net,
            last_given=b.last_given,
        )
        for b in chosen
    ]


def _contacts(session: Session, ids: Iterable[int]) -> dict[int, tuple[str | None, str | None]]:
    rows = session.execute(
        select(Partner.id, Partner.phone, Partner.does).where(Partner.id.in_(list(ids)))
    )
    return {pid: (phone, does) for pid, phone, does in rows}


class ThanksDue(NamedTuple):
    partner: str
    referrals: int
    oldest: dt.date
    partner_id: int = 0  # for keys that outlive a rename (calendar reminders)


def thanks_due(session: Session, day: dt.date) -> list[ThanksDue]:
    """Referrals received up to `day` and not yet thanked, per partner, oldest first.

    Read from thanks_tally, a row per partner that the database keeps (revision 0011), so
    the cost is the partners, not the referrals due. As of a past day, the referrals got
    after it and still unthanked are taken off, and those thanked after it put back: two
    ranges of the indexes, which cost what lies after the day."""
    tally, received, partner = (
        ThanksTally.__table__.c,
        Referral.__table__.c,
        Partner.__table__.c,
    )
    due: dict[int, list] = {}  # partner id -> [name, how many, oldest]
    rows = session.execute(
        select(tally.partner_id, partner.name, tally.unthanked, tally.oldest).join_from(
            ThanksTally.__table__, Partner.__table__, partner.id == tally.partner_id
        )
    )
    for pid, name, count, oldest in rows:
        due[pid] = [name, count, oldest]
    later = session.execute(
        select(received.partner_id, func.count())
        .where(received.direction == "got", received.date > day, received.thanked_on.is_(None))
        .group_by(received.partner_id)
    )
    for pid, count in later:  # received after the day: not due yet then
        if pid in due:  # (always, unless something bypassed the tally: db check finds that)
            due[pid][1] -= count
    thanked_later = session.execute(
        select(received.partner_id, partner.name, func.count(), func.min(received.date))
        .join_from(Referral.__table__, Partner.__table__, partner.id == received.partner_id)
        .where(received.direction == "got", received.thanked_on > day, received.date <= day)
        .group_by(received.partner_id, partner.name)
    )
    for pid, name, count, oldest in thanked_later:  # thanked after the day: still due then
        name, before, first = due.get(pid) or (name, 0, oldest)
        # Some still unthanked on the day: the tally's oldest is one of them.
        due[pid] = [name, before + count, min(first, oldest) if before else oldest]
    found = [ThanksDue(name, n, oldest, pid) for pid, (name, n, oldest) in due.items() if n > 0]
    return sorted(found, key=lambda d: (d.oldest, d.partner.casefold()))


def last_exchange(session: Session, day: dt.date) -> dict[int, dt.date | None]:
    """Per active partner, the last give, got or touch on or before `day` (None: never).
    Referrals from the tallies (balance.last_dates), so the cost is the partners'."""
    touch_last = (
        select(Touch.partner_id, func.max(Touch.date).label("last"))
        .where(Touch.date <= day)
        .group_by(Touch.partner_id)
    )
    latest: dict[int, dt.date | None] = {
        pid: None
        for (pid,) in session.execute(select(Partner.id).where(Partner.archived == False))  # noqa: E712
    }
    for pid, last in [*last_dates(session, day).items(), *session.execute(touch_last)]:
        if pid in latest and last is not None:
            latest[pid] = max(filter(None, (latest[pid], last)))
    return latest


class TouchDue(NamedTuple):
    partner: str
    every: int
    last: dt.date | None
    phone: str | None

    def days_since(self, day: dt.date) -> int | None:
        return None if self.last is None else (day - self.last).days


def touch_due(session: Session, day: dt.date) -> list[TouchDue]:
    """Partners whose stay-in-touch interval has passed since the last give, got or touch."""
    latest = last_exchange(session, day)
    rows = session.execute(
        select(Partner.id, Partner.name, Partner.touch_every, Partner.phone).where(
            Partner.archived == False,  # noqa: E712
            Partner.touch_every.is_not(None),
        )
    )
    due = [
        TouchDue(name, every, latest.get(pid), phone)
        for pid, name, every, phone in rows
        if latest.get(pid) is None or (day - latest[pid]).days >= every
    ]
    return sorted(due, key=lambda d: (d.last or dt.date.min, d.partner.casefold()))


def first_entry(session: Session) -> dt.date | None:
    """The date of the first referral (either way) or gesture ever recorded: where the
    week's picture starts judging days. Two MIN queries (referral dates are indexed;
    gestures are few)."""
    firsts = [session.scalar(select(func.min(table.date))) for table in (Referral, Touch)]
    return min(filter(None, firsts), default=None)


def given_on(session: Session, day: dt.date) -> list[str]:
    rows = session.execute(
        select(Partner.name)
        .join(Referral, Referral.partner_id == Partner.id)
        .where(Referral.direction == "given", Referral.date == day)
        .order_by(Referral.id)
    )
    return [name for (name,) in rows]


class Today(NamedTuple):
    date: dt.date
    goal: int
    given_today: int
    streak: Streak
    habit: Strength
    closed_today: bool  # a closed day: the goal does not apply
    week: list[DayMark]
    given_to: list[str]  # partners given a referral that day, in order
    picks: list[Pick]  # the goal's picks first, then the alternates
    thanks_due: list[ThanksDue]
    gifts_due: list[GiftDue]
    touch_due: list[TouchDue]

    @property
    def done(self) -> bool:
        return self.given_today >= self.goal

    @property
    def open_slots(self) -> int:
        return max(self.goal - self.given_today, 0)


def today_checklist(session: Session, config: Settings, day: dt.date) -> Today:
    counts = given_per_day(session, until=day)
    closed = closed_between(session, until=day)
    goal = goal_history(session, config.daily_goal)  # each day judged by its own goal
    days = Habit(counts, goal, config.workdays, closed)
    return Today(
        date=day,
        goal=goal.on(day),
        given_today=counts.get(day, 0),
        streak=streak(counts, day, goal, config.workdays, closed),
        habit=days.strength(day, day),
        closed_today=day in closed,
        week=week_strip(counts, day, goal, config.workdays, closed, first_entry(session)),
        given_to=given_on(session, day),
        picks=picks(session, config, day),
        thanks_due=thanks_due(session, day),
        gifts_due=gifts_due(session, day),
        touch_due=touch_due(session, day),
    )
