"""The weekly (or monthly) balance report: every figure is added up by the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from reciprocity_cli.core import habit
from reciprocity_cli.core.balance import Balance, balances
from reciprocity_cli.core.periods import Period
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner, Referral

OWE_MOST = 5


@dataclass(frozen=True)
class PartnerLine:
    partner: str
    given: int  # in the period
    got: int
    status: str  # all-time, as of the period's end
    net: int  # all-time
    share: float | None  # all-time


@dataclass(frozen=True)
class Quiet:
    partner: str
    last: dt.date | None
    days: int | None
    phone: str | None


@dataclass(frozen=True)
class StaffLine:
    by: str
    given: int
    got: int


@dataclass(frozen=True)
class Report:
    period: Period
    given: int
    got: int
    won_given_cents: int
    won_got_cents: int
    partners: list[PartnerLine]
    days_met: int
    workdays: int
    streak: habit.Streak
    thanks_due: list[habit.ThanksDue]
    quiet: list[Quiet]
    owe_most: list[Balance]
    by_staff: list[StaffLine]
    currency: str | None
    goal: int
    by: str | None = None  # one person's report: only what they recorded


def people(session: Session) -> list[str]:
    """Everyone who has recorded a referral, by name."""
    rows = session.execute(select(Referral.made_by).where(Referral.made_by.is_not(None)).distinct())
    return sorted((name for (name,) in rows), key=lambda name: (name.casefold(), name))


def person(session: Session, typed: str) -> str:
    """The name entries were recorded under: exactly as typed, else the one name that
    differs only in case. Two people whose names differ only in case must be typed exactly."""
    everyone = people(session)
    wanted = typed.strip()
    if wanted in everyone:
        return wanted
    alike = [name for name in everyone if name.casefold() == wanted.casefold()]
    if len(alike) == 1:
        return alike[0]
    if alike:
        names = ", ".join(f'"{name}"' for name in alike)
        raise RecipError(f'"{typed}" could be {names}; give the name exactly as recorded.')
    known = ", ".join(f'"{name}"' for name in everyone[:10]) or "nobody yet"
    raise RecipError(f'Nobody named "{typed}" has recorded a referral; who has: {known}.')


def build(
    session: Session, config: Settings, period: Period, today: dt.date, by: str | None = None
) -> Report:
    """The report; with `by`, one person's: the referrals they recorded, their daily goal
    and streak. What is due (thank-yous, quiet partners, who is owed) is the business's."""
    band = config.fair_band
    as_of = min(period.end, today)  # the habit and what is due cannot be judged in the future
    in_period = [
        b
        for b in balances(session, band, since=period.start, until=period.end, made_by=by)
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
                *([Referral.made_by == by] if by is not None else []),
            )
            .group_by(Referral.direction)
        ).all()
    )
    counts = habit.given_per_day(session, until=as_of, by=by)
    workdays = [
        period.start + dt.timedelta(days=n)
        for n in range(max((as_of - period.start).days + 1, 0))
        if (period.start + dt.timedelta(days=n)).weekday() in config.workdays
    ]
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
        days_met=sum(1 for day in workdays if habit.goal_met(counts, day, config.daily_goal)),
        workdays=len(workdays),
        streak=habit.streak(counts, as_of, config.daily_goal, config.workdays),
        thanks_due=habit.thanks_due(session, as_of),
        quiet=quiet_partners(session, as_of, config.quiet_days),
        owe_most=owe[:OWE_MOST],
        by_staff=[s for s in staff_lines(session, period) if by is None or s.by == by],
        currency=config.currency,
        goal=config.daily_goal,
        by=by,
    )


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


def staff_lines(session: Session, period: Period) -> list[StaffLine]:
    rows = session.execute(
        select(Referral.made_by, Referral.direction, func.count())
        .where(Referral.date >= period.start, Referral.date <= period.end)
        .group_by(Referral.made_by, Referral.direction)
    )
    table: dict[str, dict[str, int]] = {}
    for by, direction, count in rows:
        table.setdefault(by or "(nobody)", {"given": 0, "got": 0})[direction] = count
    lines = [StaffLine(by, c["given"], c["got"]) for by, c in table.items()]
    return sorted(lines, key=lambda s: (-(s.given + s.got), s.by.casefold()))
