"""Report periods: week boundaries, ISO week 53, months across a year end."""

import datetime as dt

import pytest

from reciprocity_cli.core.periods import resolve_period
from reciprocity_cli.errors import RecipError, UsageProblem

MON = dt.date(2026, 11, 23)
SUN, MONDAY = 6, 0


def period(today=MON, week_start=MONDAY, **kwargs):
    options = {"week": None, "month": None, "since": None, "until": None, **kwargs}
    found = resolve_period(today=today, week_start=week_start, **options)
    return found.start.isoformat(), found.end.isoformat()


@pytest.mark.parametrize(
    ("week", "week_start", "expected"),
    [
        (None, MONDAY, ("2026-11-23", "2026-11-29")),
        ("this", MONDAY, ("2026-11-23", "2026-11-29")),
        ("last", MONDAY, ("2026-11-16", "2026-11-22")),
        (None, SUN, ("2026-11-22", "2026-11-28")),
        ("last", SUN, ("2026-11-15", "2026-11-21")),
        ("2026-W48", MONDAY, ("2026-11-23", "2026-11-29")),
        ("2026-W48", SUN, ("2026-11-22", "2026-11-28")),
        ("2026w01", MONDAY, ("2025-12-29", "2026-01-04")),  # ISO week 1 starts in December
        ("2026-W53", MONDAY, ("2026-12-28", "2027-01-03")),  # 2026 has 53 ISO weeks
        ("2026-W53", SUN, ("2026-12-27", "2027-01-02")),
    ],
)
def test_weeks(week, week_start, expected):
    assert period(week=week, week_start=week_start) == expected


def test_week_starting_sunday_seen_on_a_sunday():
    sunday = dt.date(2026, 11, 22)
    assert period(today=sunday, week_start=SUN) == ("2026-11-22", "2026-11-28")
    assert period(today=sunday, week_start=MONDAY) == ("2026-11-16", "2026-11-22")


def test_labels_name_the_iso_week():
    found = resolve_period(
        week="2026-W53", month=None, since=None, until=None, today=MON, week_start=SUN
    )
    assert found.label == "Week 53 of 2026, Sun 2026-12-27 to Sat 2027-01-02"


@pytest.mark.parametrize("week", ["2025-W53", "2026-W54", "2026-W00", "next", "W48"])
def test_impossible_weeks(week):
    with pytest.raises(RecipError):
        period(week=week)


@pytest.mark.parametrize(
    ("month", "today", "expected"),
    [
        ("this", MON, ("2026-11-01", "2026-11-30")),
        ("last", MON, ("2026-10-01", "2026-10-31")),
        ("last", dt.date(2027, 1, 15), ("2026-12-01", "2026-12-31")),  # across a year end
        ("2026-12", MON, ("2026-12-01", "2026-12-31")),
        ("2024-02", MON, ("2024-02-01", "2024-02-29")),
        ("2026-2", MON, ("2026-02-01", "2026-02-28")),
    ],
)
def test_months(month, today, expected):
    assert period(month=month, today=today) == expected


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "november", "26-11"])
def test_impossible_months(month):
    with pytest.raises(RecipError):
        period(month=month)


def test_since_until():
    assert period(since="2026-11-01", until="2026-11-10") == ("2026-11-01", "2026-11-10")
    assert period(since="7d") == ("2026-11-16", "2026-11-23")
    with pytest.raises(UsageProblem, match="--until needs --since"):
        period(until="2026-11-10")
    with pytest.raises(RecipError, match="is after"):
        period(since="2026-11-10", until="2026-11-01")


def test_one_period_at_a_time():
    with pytest.raises(UsageProblem, match="Choose one period"):
        period(week="last", month="this")
    with pytest.raises(UsageProblem, match="Choose one period"):
        period(week="last", since="3d")
