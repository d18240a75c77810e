"""Habit strength (DESIGN, "Closing the loop"): an exponential average of the days the daily
goal was met, over workdays, with a 66-day horizon (the median time to an automatic habit
in Lally et al., 2010). A streak breaks on one missed day; strength shows the habit forming
and survives a sick day.

Over the workdays from the first day a referral was given through yesterday (today too once
it is done): s <- s + (d - s) * 2/67, where d is 1 on a day the goal was met, else 0, and s
starts at 0. The database counts referrals per day (habit.given_per_day); the recurrence
walks days, not rows, so ten years cost 3,650 steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from typing import NamedTuple

from reciprocity_cli.core.closed import is_workday
from reciprocity_cli.core.goals import Goal, goal_on

HORIZON = 66  # days
RATE = 2 / (HORIZON + 1)
# As strong as 66 workdays in a row make it (about 86%): a habit, by Lally's median.
FORMED = 1 - (1 - RATE) ** HORIZON
DAY = dt.timedelta(days=1)


class Strength(NamedTuple):
    strength: float  # from 0 to 1, rounded to 3 places
    days: int  # the workdays counted

    @property
    def percent(self) -> int:
        return round(self.strength * 100)


class WeekStrength(NamedTuple):
    start: dt.date  # the week's first day (the week_start setting)
    strength: float
    days: int


class Habit(NamedTuple):
    """What the strength rule reads: referrals given per day, the goal, the workdays."""

    counts: Mapping[dt.date, int]
    goal: int | Goal  # a Goal judges each day by the goal it had
    workdays: frozenset[int]
    closed: Set[dt.date] = frozenset()

    def last_counted(self, until: dt.date, today: dt.date) -> dt.date:
        """The last day the rule reads: `until`, but today (or later) only once today is
        done, as the day still has time."""
        if until < today:
            return until
        return today if self.counts.get(today, 0) >= goal_on(self.goal, today) else today - DAY

    def _walk(
        self, through: dt.date, marks: Set[dt.date] = frozenset()
    ) -> tuple[tuple[float, int], dict[dt.date, tuple[float, int]]]:
        """The strength and the workdays counted at the end of `through`, walking every day
        from the first referral given; and the same at the end of each of `marks` passed."""
        s, days, at = 0.0, 0, {}
        day = min(self.counts) if self.counts else through + DAY
        while day <= through:
            if is_workday(day, self.workdays, self.closed):
                met = 1.0 if self.counts.get(day, 0) >= goal_on(self.goal, day) else 0.0
                s += (met - s) * RATE
                days += 1
            if day in marks:
                at[day] = (s, days)
            day += DAY
        return (s, days), at

    def strength(self, until: dt.date, today: dt.date) -> Strength:
        (s, days), _ = self._walk(self.last_counted(until, today))
        return Strength(round(s, 3), days)

    def weekly(
        self, until: dt.date, today: dt.date, week_start: int, weeks: int
    ) -> list[WeekStrength]:
        """The strength at the end of each of the `weeks` weeks up to the one holding
        `until` (the last one as of `until`), oldest first: a trend, from one walk. Weeks
        that ended before the first referral given are left out: nothing to show yet."""
        last_start = until - dt.timedelta(days=(until.weekday() - week_start) % 7)
        starts = [last_start - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
        ends = {start: min(start + dt.timedelta(days=6), until) for start in starts}
        latest, at = self._walk(self.last_counted(until, today), set(ends.values()))
        first = min(self.counts) if self.counts else until + DAY
        points = []
        for start in starts:
            if ends[start] >= first:
                # A week's end the walk did not reach is today, not done yet: as of yesterday.
                s, days = at.get(ends[start], latest)
                points.append(WeekStrength(start, round(s, 3), days))
        return points


def meaning(strength: Strength) -> str:
    """One line on what the number means, for the morning screen and the report."""
    head = f"habit strength {strength.percent}%"
    if strength.days == 0:
        return f"{head}: it grows with every workday you meet the goal"
    if strength.strength >= FORMED:
        return f"{head}: a habit now; a missed day barely dents it"
    return f"{head}: keep going, most habits take about {HORIZON} days"
