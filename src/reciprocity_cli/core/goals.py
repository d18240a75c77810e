"""The daily goal as it stood on each day: a goal applies from the day it is set, so raising
it never re-judges the days before (a best streak of 4 stays 4).

The days come from the change history (each change notes the day it was made): the
`daily_goal` setting's rows there, oldest first. A change taken back never happened, and
neither did the undo that took it back. Before the history began, the goal is the one
the first change found (or the current one, with no change at all)."""

from __future__ import annotations

import bisect
import datetime as dt
import json
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from reciprocity_cli.core.history import standing
from reciprocity_cli.core.settings import SPECS
from reciprocity_cli.models import Change, ChangeRow

KEY = "daily_goal"


class Goal(NamedTuple):
    """The goal on any day: `first` before the first day in `days`, then each value from its
    day on."""

    first: int
    days: tuple[dt.date, ...] = ()
    values: tuple[int, ...] = ()

    @classmethod
    def constant(cls, goal: int) -> Goal:
        return cls(goal)

    def on(self, day: dt.date) -> int:
        found = bisect.bisect_right(self.days, day)
        return self.values[found - 1] if found else self.first


def goal_on(goal: int | Goal, day: dt.date) -> int:
    """The goal of a day, whether the caller has one goal or its history."""
    return goal if isinstance(goal, int) else goal.on(day)


def _value(row: str | None) -> int:
    """The goal a setting row held; no row is the default."""
    return int(json.loads(row)["value"]) if row else int(SPECS[KEY].default)


def goal_history(session: Session, current: int) -> Goal:
    """The daily goal day by day, ending at `current` (the setting as it is now)."""
    query = (
        standing(
            select(Change.made_on, ChangeRow.before, ChangeRow.after).join(
                Change, Change.id == ChangeRow.change_id
            )
        )
        .where(
            ChangeRow.table_name == "setting",
            ChangeRow.row_key == KEY,
            Change.made_on.is_not(None),
        )
        .order_by(Change.id, ChangeRow.id)
    )
    rows = list(session.execute(query))
    if not rows:
        return Goal.constant(current)
    by_day: dict[dt.date, int] = {}
    for day, _, after in rows:
        by_day[day] = _value(after)  # the day's last change is the day's goal
    days = sorted(by_day)
    values = [by_day[day] for day in days]
    values[-1] = current  # the setting itself has the last word (written outside recip too)
    return Goal(_value(rows[0][1]), tuple(days), tuple(values))
