"""The weekly (or monthly) balance report: every figure is added up by the database."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session

from reciprocity_cli.core import habit
from reciprocity_cli.core.balance import Balance, balances
from reciprocity_cli.core.closed import closed_between, is_workday
from reciprocity_cli.core.gestures import period_cost
from reciprocity_cli.core.goals import goal_history
from reciprocity_cli.core.periods import Period
from reciprocity_cli.core.scorecard import OneWay, Outcomes, one_way_partners, outcomes_between
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.core.strength import Habit, Strength, WeekStrength
from reciprocity_cli.core.words import fold
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner, Referral, Touch

OWE_MOST = 5
TREND_WEEKS = (12, 53)  # the habit's trend: the period's weeks, at least 12, at most a year


class PartnerLine(NamedTuple):
    partner: str
    given: int  # in the period
    got: int
    status: str  # all-time, as of the period's end
    net: int  # all-time
    share: float | None  # all-time


class Quiet(NamedTuple):
    partner: str
    last: dt.date | None
    days: int | None
    phone: str | None


class StaffLine(NamedTuple):
    by: str
    given: int
    got: int


class Report(NamedTuple):
    period: Period
    given: int
    got: int
    won_given_cents: int
    won_got_cents: int
    partners: list[PartnerLine]
    days_met: int
    workdays: int
    streak: habit.Streak
    strength: Strength  # as of the period's end (or today)
    trend: list[WeekStrength]  # at the end of each week, oldest first
    thanks_due: list[habit.ThanksDue]
    quiet: list[Quiet]
    owe_most: list[Balance]
    by_staff: list[StaffLine]
    currency: str | None
    goal: int
    by: str | None = None  # one person's report: only what they recorded
    outcomes: Outcomes = Outcomes()  # closed in the period, by closed_on
    one_way: tuple[OneWay, ...] = ()  # as of the period's end, the business's
    gesture_cost_cents: int = 0  # gifts, promos and other gestures dated in the period


class Person(NamedTuple):
    """Someone who records referrals. `--by Sam` on one day and RECIP_ME=sam on another are
    one person: names are compared ignoring case, accents and spaces around them, when read,
    so what was stored stays exactly as it was typed."""

    name: str  # as shown: the spelling used most
    spellings: tuple[str, ...]  # every spelling stored, to select their entries by


def people(session: Session) -> list[Person]:
    """Everyone who has recorded a referral or a gesture, by name. The database counts each
    spelling (people are few, spellings fewer still); they are grouped into people here, in
    Python, because SQLite's lower() knows only ASCII and neither engine drops accents."""
    grouped: dict[str, dict[str, int]] = {}
    for model in (Referral, Touch):
        rows = session.execute(
            select(model.made_by, func.count())
            .where(model.made_by.is_not(None))
            .group_by(model.made_by)
        )
        for spelling, count in rows:
            if fold(spelling):
                counts = grouped.setdefault(fold(spelling), {})
                counts[spelling] = counts.get(spelling, 0) + count
    found = [Person(shown(counts), tuple(sorted(counts))) for counts in grouped.values()]
    return sorted(found, key=lambda p: (fold(p.name), p.name))


def shown(counts: dict[str, int]) -> str:
    """The name to show for one person's spellings: the one used most, spaces tidied; on a
    tie the first in code-point order (capitals before small letters), on either engine."""
    tidy = {" ".join(spelling.split()): 0 for spelling in counts}
    for spelling, count in counts.items():
        tidy[" ".join(spelling.split())] += count
    return min(tidy, key=lambda name: (-tidy[name], name))


def person(session: Session, typed: str) -> Person:
    """The person a typed name means, ignoring case, accents and surrounding spaces."""
    wanted = fold(typed)
    if not wanted:
        raise RecipError("--by is empty; give the name entries were recorded under.")
    everyone = people(session)
    for someone in everyone:
        if fold(someone.name) == wanted:
            return someone
    known = ", ".join(f'"{someone.name}"' for someone in everyone[:10]) or "nobody yet"
    raise RecipError(
        f'Nobody named "{typed}" has recorded a referral or a gesture; who has: {known}.'
    )


def build(
    session: Session, config: Settings, period: Period, today: dt.date, by: Person | None = None
) -> Report:
    """The report; with `by`, one person's: the referrals they recorded, their daily goal
    and streak. What is due (thank-yous, quiet partners, who is owed) is the business's."""
    band = config.fair_band
    spellings = None if by is None else by.spellings
    as_of = min(period.end, today)  # the habit and what is due cannot be judged in the future
    in_period = [
        b
        for b in balances(session, band, since=period.start, until=period.end, made_by=spellings)
        if b.given or b.got
    ]
    all_time = {b.partner_id: b for b in balances(session, band, until=period.end)}
    lines = [
        PartnerLine(
            b.partner,
            b.given,
            b.got,
            all_time[b.partner_id].status,
            all_time[b.partner_id].net,
            None if all_time[b.partner_id].share is None else float(all_time[b.partner_id].share),
        )
        for b in sorted(in_period, key=lambda b: (-(b.given + b.got), b.partner.casefold()))
    ]
    won = dict(
        session.execute(
            select(Referral.direction, func.coalesce(func.sum(Referral.value_cents), 0))
            .where(
                Referral.status == "won",
                Referral.date >= period.start,
                Referral.date <= period.end,
                *([Referral.made_by.in_(spellings)] if spellings is not None else []),
            )
            .group_by(Referral.direction)
        ).all()
    )
    counts = habit.given_per_day(session, until=as_of, by=spellings)
    closed = closed_between(session, until=as_of)
    workdays = [
        period.start + dt.timedelta(days=n)
        for n in range(max((as_of - period.start).days + 1, 0))
        if is_workday(period.start + dt.timedelta(days=n), config.workdays, closed)
    ]
    goal = goal_history(session, config.daily_goal)  # each day judged by its own goal
    days = Habit(counts, goal, config.workdays, closed)
    owe = sorted(
        (b for b in all_time.values() if b.status == "you_owe" and not b.archived),
        key=lambda b: (-b.net, b.partner.casefold()),
    )
    return Report(
        period=period,
        given=sum(line.given for line in lines),
        got=sum(line.got for line in lines),
        won_given_cents=int(won.get("given", 0)),
        won_got_cents=int(won.get("got", 0)),
        partners=lines,
        days_met=sum(1 for day in workdays if habit.goal_met(counts, day, goal)),
        workdays=len(workdays),
        streak=habit.streak(counts, as_of, goal, config.workdays, closed),
        strength=days.strength(as_of, today),
        trend=days.weekly(as_of, today, config.week_start, trend_weeks(period, as_of)),
        thanks_due=habit.thanks_due(session, as_of),
        quiet=quiet_partners(session, as_of, config.quiet_days),
        owe_most=owe[:OWE_MOST],
        by_staff=staff_lines(session, period, by),
        currency=config.currency,
        goal=goal.on(as_of),
        by=None if by is None else by.name,
        outcomes=outcomes_between(
            session, period.start, period.end, None if spellings is None else list(spellings)
        ),
        one_way=tuple(one_way_partners(session, as_of, config.quiet_days)),
        gesture_cost_cents=period_cost(session, period.start, period.end, spellings),
    )


def trend_weeks(period: Period, as_of: dt.date) -> int:
    """How many weeks the habit's trend shows: those the period spans, within TREND_WEEKS."""
    spanned = max((as_of - period.start).days, 0) // 7 + 1
    return min(max(spanned, TREND_WEEKS[0]), TREND_WEEKS[1])


def quiet_partners(session: Session, day: dt.date, quiet_days: int) -> list[Quiet]:
    """Active partners with no referral either way, nor a touch, in the last quiet_days."""
    latest = habit.last_exchange(session, day)
    names = dict(
        (pid, (name, phone))
        for pid, name, phone in session.execute(select(Partner.id, Partner.name, Partner.phone))
    )
    quiet = [
        Quiet(names[pid][0], last, None if last is None else (day - last).days, names[pid][1])
        for pid, last in latest.items()
        if last is None or (day - last).days >= quiet_days
    ]
    return sorted(quiet, key=lambda q: (q.last or dt.date.min, q.partner.casefold()))


def staff_lines(session: Session, period: Period, by: Person | None = None) -> list[StaffLine]:
    """Referrals per person in the period, spellings of one name added together and shown
    as the one used most in the period; with `by`, only that person's line, under their
    name."""
    rows = session.execute(
        select(Referral.made_by, Referral.direction, func.count())
        .where(Referral.date >= period.start, Referral.date <= period.end)
        .group_by(Referral.made_by, Referral.direction)
    )
    table: dict[str, dict[str, dict[str, int]]] = {}  # person -> spelling -> direction -> n
    for spelling, direction, count in rows:
        counts = table.setdefault(fold(spelling or ""), {}).setdefault(spelling or "", {})
        counts[direction] = count
    lines = [
        StaffLine(
            shown({s: sum(c.values()) for s, c in spellings.items()}) if key else "(nobody)",
            sum(c.get("given", 0) for c in spellings.values()),
            sum(c.get("got", 0) for c in spellings.values()),
        )
        for key, spellings in table.items()
        if by is None or key == fold(by.name)
    ]
    if by is not None:
        lines = [StaffLine(by.name, line.given, line.got) for line in lines]
    return sorted(lines, key=lambda s: (-(s.given + s.got), s.by.casefold()))
