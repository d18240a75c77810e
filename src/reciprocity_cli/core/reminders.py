"""The reminders of the coming days, for a calendar: what to do on which local date.

Each reminder has a key that says what it is (its kind, the partner or referral, the day it
fell due), never when it was made: exported again tomorrow, the same reminder has the same
key, so a calendar updates it instead of adding a copy. A reminder already overdue is shown
today and moves along each day until it is done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from reciprocity_cli.core import habit
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.models import Partner

DAYS_MAX = 366


@dataclass(frozen=True)
class Reminder:
    key: str  # what the reminder is: stable across exports
    day: dt.date  # the local calendar date it is shown on
    title: str  # says what to do: some calendars drop alarms from subscribed feeds
    details: str


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _with_phone(name: str, phone: str | None) -> str:
    return f"{name} ({phone})" if phone else name


def refer_days(config: Settings, start: dt.date, days: int) -> list[dt.date]:
    """The workdays from `start` on which the daily goal counts."""
    every = (start + dt.timedelta(days=n) for n in range(days))
    return [day for day in every if day.weekday() in config.workdays]


def refer_reminders(
    session: Session, config: Settings, start: dt.date, days: int
) -> list[Reminder]:
    """A "Refer" reminder on each workday, naming today's picks: who to refer changes only
    when referrals are recorded, and the feed is exported again then (or daily)."""
    checklist = habit.today_checklist(session, config, start)
    goal, chosen = config.daily_goal, checklist.picks
    if not chosen:
        return []
    lines = [
        f"{pick.partner}: {pick.reason}" + (f", phone {pick.phone}" if pick.phone else "")
        for pick in chosen
    ]
    details = "Picks, the one you owe most first:\n" + "\n".join(lines)
    first = ", ".join(_with_phone(p.partner, p.phone) for p in chosen[:goal])
    reminders = []
    for day in refer_days(config, start, days):
        if day == start and checklist.done:
            title = f"Done today: referred {', '.join(checklist.given_to)}"
        else:
            title = f"Refer {_plural(goal, 'partner')} today: {first}"
        reminders.append(Reminder(f"refer-{day:%Y%m%d}", day, title, details))
    return reminders


def thanks_reminders(session: Session, start: dt.date) -> list[Reminder]:
    """Thank-yous due now, one a partner, keyed by the oldest referral not yet thanked."""
    return [
        Reminder(
            f"thanks-{due.partner_id}-{due.oldest:%Y%m%d}",
            start,
            f"Thank {due.partner} for {_plural(due.referrals, 'referral')}",
            f"Not yet thanked since {due.oldest}. Record it with: recip thank {due.partner}",
        )
        for due in habit.thanks_due(session, start)
    ]


def touch_reminders(session: Session, start: dt.date, days: int) -> list[Reminder]:
    """Stay-in-touch reminders on the day each partner's interval runs out (today when it
    already has), counted from the last give, got or touch as `today` counts them."""
    latest = habit.last_exchange(session, start)
    rows = session.execute(
        select(Partner.id, Partner.name, Partner.touch_every, Partner.phone).where(
            Partner.archived == False,  # noqa: E712
            Partner.touch_every.is_not(None),
        )
    )
    end = start + dt.timedelta(days=days)
    reminders = []
    for pid, name, every, phone in rows:
        last = latest.get(pid)
        due = start if last is None else last + dt.timedelta(days=every)
        if due < end:
            since = f"last exchange {last}" if last else "no exchange yet"
            reminders.append(
                Reminder(
                    f"touch-{pid}-{due:%Y%m%d}" if last else f"touch-{pid}-first",
                    max(due, start),
                    f"Get in touch with {_with_phone(name, phone)}",
                    f"Stay in touch every {_plural(every, 'day')}; {since}.",
                )
            )
    return reminders


def reminders(session: Session, config: Settings, start: dt.date, days: int) -> list[Reminder]:
    """Every reminder from `start` for `days` days, by day, then kind."""
    found = [
        *refer_reminders(session, config, start, days),
        *thanks_reminders(session, start),
        *touch_reminders(session, start, days),
    ]
    return sorted(found, key=lambda r: (r.day, r.key))
