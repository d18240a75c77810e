"""Report periods: a week (starting on the week_start setting), a month, or two dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from reciprocity_cli.core.dates import EARLIEST, LATEST, check_period, parse_date
from reciprocity_cli.errors import RecipError, UsageProblem


class Period(NamedTuple):
    start: dt.date
    end: dt.date
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_containing(day: dt.date, week_start: int) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=(day.weekday() - week_start) % 7)
    return start, start + dt.timedelta(days=6)


def _check_year(year: int, text: str) -> None:
    if not EARLIEST.year <= year <= LATEST.year:  # the years every date of recip lies in
        raise RecipError(
            f'"{text}" is out of range; years run from {EARLIEST.year} to {LATEST.year}.'
        )


def _week(text: str, today: dt.date, week_start: int) -> Period:
    word = text.strip().lower()
    if word in ("this", "last"):
        start, end = week_containing(today, week_start)
        if word == "last":
            start, end = start - dt.timedelta(days=7), end - dt.timedelta(days=7)
    elif match := re.fullmatch(r"([0-9]{4})-?w([0-9]{1,2})", word):
        year, week = int(match.group(1)), int(match.group(2))
        _check_year(year, text)
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise RecipError(f'{year} has no ISO week {week}; "{text}" is not a week.') from None
        # The week that starts on week_start and holds that ISO week's Monday.
        start, end = week_containing(monday, week_start)
    else:
        raise RecipError(f'--week "{text}" must be this, last or YYYY-Www (e.g. 2026-W48).')
    iso_year, iso_week, _ = (start + dt.timedelta(days=(0 - start.weekday()) % 7)).isocalendar()
    label = f"Week {iso_week} of {iso_year}, {start:%a} {start} to {end:%a} {end}"
    return Period(start, end, label)


def _month(text: str, today: dt.date) -> Period:
    word = text.strip().lower()
    if word == "this":
        year, month = today.year, today.month
    elif word == "last":
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    elif match := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", word):
        year, month = int(match.group(1)), int(match.group(2))
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise RecipError(f'--month "{text}" has no month {month}; use YYYY-MM.')
    else:
        raise RecipError(f'--month "{text}" must be this, last or YYYY-MM (e.g. 2026-11).')
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period(start, following - dt.timedelta(days=1), f"{start:%B %Y}")


def resolve_period(
    *,
    week: str | None,
    month: str | None,
    since: str | None,
    until: str | None,
    today: dt.date,
    week_start: int,
) -> Period:
    """Exactly one way of naming the period; this week when none is given."""
    chosen = [name for name, value in (("--week", week), ("--month", month)) if value]
    if since or until:
        chosen.append("--since/--until")
    if len(chosen) > 1:
        raise UsageProblem(f"Choose one period: {' or '.join(chosen)}, not both.")
    if month:
        return _month(month, today)
    if since or until:
        if not since:
            raise UsageProblem("--until needs --since too (e.g. --since 2026-11-01).")
        start = parse_date(since, reference=today)
        end = parse_date(until, reference=today) if until else today
        check_period(start, end)
        return Period(start, end, f"{start} to {end}")
    return _week(week or "this", today, week_start)
