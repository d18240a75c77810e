"""The reminders of the coming days, for a calendar: what to do on which local date.

Each reminder has a key that says what it is (its kind, the partner or referral, the day it
fell due), never when it was made: exported again tomorrow, the same reminder has the same
key, so a calendar updates it instead of adding a copy. A reminder already overdue is shown
today and moves along each day until it is done.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from reciprocity_cli.core import followups, habit
from reciprocity_cli.core.closed import closed_between, is_workday
from reciprocity_cli.core.gifts import gift_schedule
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.core.words import plural
from reciprocity_cli.models import Partner

DAYS_MAX = 366
FOLLOWUPS_LISTED = 20  # in the one event for follow-ups already due; `recip followup` has all


class Reminder(NamedTuple):
    key: str  # what the reminder is: stable across exports
    day: dt.date  # the local calendar date it is shown on
    title: str  # says what to do: some calendars drop alarms from subscribed feeds
    details: str


def _with_phone(name: str, phone: str | None) -> str:
    return f"{name} ({phone})" if phone else name


def refer_days(session: Session, config: Settings, start: dt.date, days: int) -> list[dt.date]:
    """The workdays from `start` on which the daily goal counts: closed days are skipped."""
    end = start + dt.timedelta(days=days - 1)
    closed = closed_between(session, start, end)
    every = (start + dt.timedelta(days=n) for n in range(days))
    return [day for day in every if is_workday(day, config.workdays, closed)]


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
    for day in refer_days(session, config, start, days):
        if day == start and checklist.done:
            title = f"Done today: referred {', '.join(checklist.given_to)}"
        else:
            title = f"Refer {plural(goal, 'partner')} today: {first}"
        reminders.append(Reminder(f"refer-{day:%Y%m%d}", day, title, details))
    return reminders


def thanks_reminders(session: Session, start: dt.date) -> list[Reminder]:
    """Thank-yous due now, one a partner, keyed by the oldest referral not yet thanked."""
    return [
        Reminder(
            f"thanks-{due.partner_id}-{due.oldest:%Y%m%d}",
            start,
            f"Thank {due.partner} for {plural(due.referrals, 'referral')}",
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
                    f"Stay in touch every {plural(every, 'day')}; {since}.",
                )
            )
    return reminders


def gift_reminders(session: Session, start: dt.date, days: int) -> list[Reminder]:
    """Gift reminders on the day each partner's gift interval runs out (today when it
    already has), from the last gift as `today` counts it."""
    end = start + dt.timedelta(days=days)
    reminders = []
    for gift in gift_schedule(session, start):
        if gift.due < end:
            since = f"last gift {gift.last}" if gift.last else "no gift yet"
            key = f"gift-{gift.partner_id}-" + (f"{gift.due:%Y%m%d}" if gift.last else "first")
            reminders.append(
                Reminder(
                    key,
                    max(gift.due, start),
                    f"Send a gift to {_with_phone(gift.partner, gift.phone)}",
                    f"A gift every {plural(gift.every, 'day')}; {since}. "
                    f"Record it with: recip thank {gift.partner} --gift WHAT",
                )
            )
    return reminders


def _followup_line(due: followups.FollowUp) -> str:
    return f"#{due.id} {_with_phone(due.question, due.phone)}, open {plural(due.days_open, 'day')}"


RECORD_OUTCOME = "Record what happened with: recip won ID or recip lost ID"


def followup_reminders(
    session: Session, config: Settings, start: dt.date, days: int
) -> list[Reminder]:
    """Follow-ups on the day a referral reaches `followup_days`. Those already due share one
    event today (a long-open history would otherwise fill the day with events), under one
    UID that moves along each day; each coming one has its own, keyed by its referral."""
    wait = config.followup_days
    found = []
    due = followups.due(session, start, wait)
    if due.count:
        listed = list(followups.followups(session, start, wait, limit=FOLLOWUPS_LISTED))
        lines = [_followup_line(each) for each in listed]
        if due.count > len(listed):
            lines.append(f"and {due.count - len(listed)} more: see recip followup")
        oldest = listed[0]
        title = (
            _with_phone(oldest.question, oldest.phone)
            if due.count == 1
            else f"Follow up on {due.count} referrals: {oldest.question}"
        )
        found.append(Reminder("followups-due", start, title, "\n".join([*lines, RECORD_OUTCOME])))
    last = start + dt.timedelta(days=days - 1)
    for coming in followups.followups(session, last, wait, after=start - dt.timedelta(days=wait)):
        found.append(
            Reminder(
                f"followup-{coming.id}",
                coming.date + dt.timedelta(days=wait),
                _with_phone(coming.question, coming.phone),
                f"Referral #{coming.id} of {coming.date}, open {plural(wait, 'day')} by then. "
                + RECORD_OUTCOME,
            )
        )
    return found


def reminders(session: Session, config: Settings, start: dt.date, days: int) -> list[Reminder]:
    """Every reminder from `start` for `days` days, by day, then kind."""
    found = [
        *refer_reminders(session, config, start, days),
        *thanks_reminders(session, start),
        *touch_reminders(session, start, days),
        *gift_reminders(session, start, days),
        *followup_reminders(session, config, start, days),
    ]
    return sorted(found, key=lambda r: (r.day, r.key))
