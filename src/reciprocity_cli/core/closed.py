"""Closed days: holidays, vacations, sick days. Every rule that counts workdays (the streak,
habit strength, the report's goal count) skips them like a day outside `workdays`, so one
day off neither counts nor breaks anything (DESIGN, "Closed days")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import ClosedDay

# One command closes at most this many days: a vacation, a long illness, a seasonal closure.
# Longer is a slip (a year typed wrong), and would write a row per day.
MOST_DAYS = 3 * 366


class Closing(NamedTuple):
    """What `recip off` did: the days closed now, and those that already were."""

    first: dt.date
    last: dt.date
    added: int
    already: int


def close(
    session: Session, first: dt.date, last: dt.date | None = None, note: str | None = None
) -> Closing:
    """Close every day from `first` to `last` (one day without it). A day already closed
    keeps its note unless a new one is given."""
    last = first if last is None else last
    if last < first:
        raise RecipError(f"UNTIL {last} is before DATE {first}; swap them.")
    days = (last - first).days + 1
    if days > MOST_DAYS:
        raise RecipError(
            f"{first} to {last} is {days:,} days; close at most {MOST_DAYS:,} (three years) "
            "at a time."
        )
    note = f.clean_text(note, "note", f.SHORT_MAX) if note is not None else None
    existing = {
        row.date: row
        for row in session.scalars(
            select(ClosedDay).where(ClosedDay.date >= first, ClosedDay.date <= last)
        )
    }
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        if day in existing:
            if note is not None:
                existing[day].note = note
        else:
            session.add(ClosedDay(date=day, note=note))
    return Closing(first, last, days - len(existing), len(existing))


def reopen(session: Session, day: dt.date) -> ClosedDay:
    """Remove one closed day; refused for a day that is not closed."""
    row = session.get(ClosedDay, day)
    if row is None:
        raise RecipError(f"{day} is not a closed day; see them with recip off --list.")
    found = ClosedDay(date=row.date, note=row.note)
    session.execute(delete(ClosedDay).where(ClosedDay.date == day))
    return found


def all_closed(session: Session) -> list[ClosedDay]:
    return list(session.scalars(select(ClosedDay).order_by(ClosedDay.date)))


def closed_between(
    session: Session, since: dt.date | None = None, until: dt.date | None = None
) -> frozenset[dt.date]:
    """The closed dates in a range (a few hundred at most: days, not rows of history)."""
    query = select(ClosedDay.date)
    if since is not None:
        query = query.where(ClosedDay.date >= since)
    if until is not None:
        query = query.where(ClosedDay.date <= until)
    return frozenset(session.scalars(query))


def is_workday(day: dt.date, workdays: Set[int], closed: Set[dt.date]) -> bool:
    """A day that counts: one of the `workdays` setting's weekdays, and not closed."""
    return day.weekday() in workdays and day not in closed
