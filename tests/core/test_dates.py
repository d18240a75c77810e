import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.dates import EARLIEST, LATEST, parse_date
from reciprocity_cli.errors import RecipError

MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", MONDAY),
        ("Today", MONDAY),
        ("yesterday", dt.date(2026, 11, 22)),
        ("mon", MONDAY),  # today counts as the most recent Monday
        ("monday", MONDAY),
        ("sun", dt.date(2026, 11, 22)),
        ("tue", dt.date(2026, 11, 17)),
        ("Friday", dt.date(2026, 11, 20)),
        ("0d", MONDAY),
        ("3d", dt.date(2026, 11, 20)),
        ("365d", dt.date(2025, 11, 23)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        (" 2026-01-05 ", dt.date(2026, 1, 5)),
        # without zero padding
        ("2026-11-3", dt.date(2026, 11, 3)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("2026-01-5", dt.date(2026, 1, 5)),
        # day and month either way round, when a day over 12 makes the order clear
        ("23.11.2026", MONDAY),
        ("11/23/2026", MONDAY),
        ("23/11/2026", MONDAY),
        ("11.23.2026", MONDAY),
        ("13.1.2026", dt.date(2026, 1, 13)),
        ("1/13/2026", dt.date(2026, 1, 13)),
        ("3/3/2026", dt.date(2026, 3, 3)),  # the same either way
        ("12/12/2025", dt.date(2025, 12, 12)),
        # weeks ago
        ("0w", MONDAY),
        ("1w", dt.date(2026, 11, 16)),
        ("2W", dt.date(2026, 11, 9)),
        # last <weekday>: the most recent one strictly before today
        ("last friday", dt.date(2026, 11, 20)),
        ("last fri", dt.date(2026, 11, 20)),
        ("Last  Sunday", dt.date(2026, 11, 22)),  # yesterday
        ("last mon", dt.date(2026, 11, 16)),  # today is a Monday: the one before
        ("last tue", dt.date(2026, 11, 17)),
    ],
)
def test_accepted_forms(typed, expected):
    assert parse_date(typed, reference=MONDAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "is not a real date"),
        ("2025-02-29", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("2026-00-10", "is not a real date"),
        ("99999d", "too far back"),
        ("1899-12-31", "too far back"),
        ("tomorrow", "is not a date"),
        ("-3d", "is not a date"),
        ("26-11-23", "is not a date"),
        ("", "is not a date"),
        ("2026-2-30", "is not a real date"),
        ("2026-011-05", "is not a date"),
        # both numbers could be the month: both readings shown, neither guessed
        ("03/04/2026", '"03/04/2026" could be 2026-03-04 or 2026-04-03; write it as YYYY-MM-DD.'),
        ("4.3.2026", '"4.3.2026" could be 2026-03-04 or 2026-04-03; write it as YYYY-MM-DD.'),
        ("12/01/2026", "could be 2026-01-12 or 2026-12-01"),
        ("13/13/2026", r"is not a real date \(neither 13 nor 13 is a month\)"),
        ("31/02/2026", "is not a real date"),
        ("2/30/2026", "is not a real date"),
        ("31.04.2026", "is not a real date"),
        ("0/5/2026", "is not a real date"),
        ("5/0/2026", "is not a real date"),
        ("1/1/0000", "is not a real date"),
        ("3/4/1899", "is not a real date|too far back"),
        ("13/1/1899", "too far back"),
        ("23/11/26", "is not a date"),  # two-digit years are not read
        ("2026/11/23", "is not a date"),
        ("23-11-2026", "is not a date"),
        ("23.11/2026", "is not a date"),
        ("99999w", "too far back"),
        ("-1w", "is not a date"),
        ("1w2d", "is not a date"),
        ("last", "is not a date"),
        ("last month", "is not a date"),
        ("next fri", "is not a date"),
        ("lastfri", "is not a date"),
        ("3000-01-01", "too far ahead; dates end at 2999-12-31"),
        ("31.12.9999", "too far ahead"),
    ],
)
def test_rejected_forms(typed, message):
    with pytest.raises(RecipError, match=message):
        parse_date(typed, reference=MONDAY)


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=LATEST),
    st.integers(min_value=0, max_value=3650),
)
def test_days_ago_counts_back_exactly(reference, days):
    assert parse_date(f"{days}d", reference=reference) == reference - dt.timedelta(days=days)


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), reference=MONDAY) == day


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=LATEST),
    st.sampled_from(["mon", "wed", "sun"]),
)
def test_weekday_is_within_the_last_week(reference, name):
    found = parse_date(name, reference=reference)
    assert 0 <= (reference - found).days <= 6
    assert found.strftime("%a").lower() == name


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=LATEST),
    st.integers(min_value=0, max_value=520),
)
def test_weeks_ago_counts_back_exactly(reference, weeks):
    assert parse_date(f"{weeks}w", reference=reference) == reference - dt.timedelta(weeks=weeks)


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_iso_dates_without_zero_padding(day):
    assert parse_date(f"{day.year}-{day.month}-{day.day}", reference=MONDAY) == day


def _readings(day: dt.date) -> set[dt.date]:
    """Both ways of reading the day and month of `day` written in some order."""
    found = {day}
    if day.day <= 12:
        found.add(day.replace(month=day.day, day=day.month))
    return found


@given(st.dates(min_value=EARLIEST, max_value=LATEST), st.booleans(), st.sampled_from(["/", "."]))
def test_day_and_month_are_read_only_when_the_order_is_clear(day, padded, separator):
    width = 2 if padded else 1
    for typed in (
        f"{day.day:0{width}}{separator}{day.month:0{width}}{separator}{day.year}",
        f"{day.month:0{width}}{separator}{day.day:0{width}}{separator}{day.year}",
    ):
        readings = _readings(day)
        if len(readings) == 1:
            assert parse_date(typed, reference=MONDAY) == day
        else:
            with pytest.raises(RecipError) as refused:
                parse_date(typed, reference=MONDAY)
            first, second = sorted(readings)
            assert str(refused.value) == (
                f'"{typed}" could be {first} or {second}; write it as YYYY-MM-DD.'
            )


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=LATEST),
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sunday"]),
)
def test_last_weekday_is_strictly_before_today(reference, name):
    found = parse_date(f"last {name}", reference=reference)
    assert 1 <= (reference - found).days <= 7
    assert found.strftime("%a").lower() == name[:3]
    latest = parse_date(name, reference=reference)
    assert found == (latest if latest < reference else latest - dt.timedelta(days=7))
