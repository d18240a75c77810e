import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.dates import parse_date
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
    ],
)
def test_rejected_forms(typed, message):
    with pytest.raises(RecipError, match=message):
        parse_date(typed, reference=MONDAY)


@given(st.dates(min_value=dt.date(1990, 1, 1)), st.integers(min_value=0, max_value=3650))
def test_days_ago_counts_back_exactly(reference, days):
    assert parse_date(f"{days}d", reference=reference) == reference - dt.timedelta(days=days)


@given(st.dates(min_value=dt.date(1900, 1, 1)))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), reference=MONDAY) == day


@given(st.dates(min_value=dt.date(1990, 1, 1)), st.sampled_from(["mon", "wed", "sun"]))
def test_weekday_is_within_the_last_week(reference, name):
    found = parse_date(name, reference=reference)
    assert 0 <= (reference - found).days <= 6
    assert found.strftime("%a").lower() == name
