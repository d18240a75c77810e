"""Streaks and the week strip on the core: pure functions over per-day counts."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.habit import streak, week_strip

MON = dt.date(2026, 11, 23)
ALL = frozenset(range(7))
MON_FRI = frozenset(range(5))


def days(*offsets, count=1):
    """Counts for days `offset` days before Monday 2026-11-23."""
    return {MON - dt.timedelta(days=o): count for o in offsets}


def test_no_history():
    assert streak({}, MON, 1, ALL) == (0, 0)


def test_history_starting_today():
    assert streak(days(0), MON, 1, ALL) == (1, 1)


def test_today_not_done_yet_keeps_yesterdays_streak():
    assert streak(days(1, 2, 3), MON, 1, ALL) == (3, 3)


def test_today_done_extends_it():
    assert streak(days(0, 1, 2, 3), MON, 1, ALL) == (4, 4)


def test_a_gap_breaks_it_but_best_remembers():
    counts = days(0, 1, 3, 4, 5, 6, 7)
    assert streak(counts, MON, 1, ALL) == (2, 5)


def test_yesterday_missed_and_today_not_done_is_zero():
    assert streak(days(2, 3), MON, 1, ALL) == (0, 2)


def test_weekends_outside_workdays_neither_count_nor_break():
    # Fri 20th, Thu 19th given; Sat/Sun nothing; Monday (today) not done yet.
    assert streak(days(3, 4), MON, 1, MON_FRI) == (2, 2)
    # A weekend referral does not count either.
    assert streak(days(1, 3, 4), MON, 1, MON_FRI) == (2, 2)
    # With every day a workday, the empty weekend breaks it.
    assert streak(days(3, 4), MON, 1, ALL) == (0, 2)


def test_a_raised_goal_needs_that_many_each_day():
    counts = {**days(1, 2, count=2), **days(3, count=1), **days(4, 5, count=3)}
    assert streak(counts, MON, 2, ALL) == (2, 2)
    assert streak(counts, MON, 1, ALL) == (5, 5)
    assert streak(counts, MON, 3, ALL) == (0, 2)


def test_week_strip_marks():
    marks = week_strip(days(0, 2, 5), MON, 1, MON_FRI)
    assert marks[0].day.isoformat() == "2026-11-17"
    # A referral on a day off still shows as met; it just does not count for the streak.
    # Tuesday comes before the first referral: not missed, just not begun.
    expected = ["before_start", "met", "missed", "missed", "met", "off", "met"]
    assert [m.mark for m in marks] == expected
    earlier = week_strip(days(0, 2, 5), MON, 1, MON_FRI, start=MON - dt.timedelta(days=30))
    assert [m.mark for m in earlier] == ["missed", *expected[1:]]
    pending = week_strip(days(2), MON, 1, ALL)
    assert [m.mark for m in pending][-3:] == ["met", "missed", "pending"]
    nothing = week_strip({}, MON, 1, ALL)
    assert [m.mark for m in nothing] == ["before_start"] * 6 + ["pending"]


@given(st.sets(st.integers(0, 60)), st.frozensets(st.integers(0, 6), min_size=1))
def test_current_never_exceeds_best_or_the_workdays_met(offsets, workdays):
    counts = days(*offsets)
    result = streak(counts, MON, 1, workdays)
    assert 0 <= result.current <= result.best
    met_workdays = sum(1 for d in counts if d.weekday() in workdays)
    assert result.best <= met_workdays


@pytest.mark.parametrize("goal", [1, 2, 5])
@given(offsets=st.sets(st.integers(0, 30)))
def test_streak_of_a_full_run_is_its_length(goal, offsets):
    run = max((n for n in range(32) if all(k in offsets for k in range(1, n + 1))), default=0)
    assert streak(days(*offsets, count=goal), MON, goal, ALL).current == run + (0 in offsets)
