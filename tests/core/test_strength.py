"""Habit strength (DESIGN): s <- s + (d - s) * 2/67 over workdays from the first referral
given through yesterday, today once done. The expected figures are worked out by hand in
the comments, step by step, so a change to the rule shows here."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.strength import FORMED, Habit, Strength, meaning

MON = dt.date(2026, 11, 23)  # today in these tests
MON_FRI = frozenset(range(5))
ALL = frozenset(range(7))


def day(offset: int) -> dt.date:
    return MON - dt.timedelta(days=offset)


# Last week, Mon 16 to Sun 22: met Mon, missed Tue, met Wed, Thu closed (nothing given),
# met Fri, and a referral on Saturday, which is no workday.
WEEK = {day(7): 1, day(5): 1, day(3): 1, day(2): 1}
CLOSED = frozenset({day(4)})


def test_a_short_history_by_hand():
    # Mon met:  s = 0 + (1 - 0) * 2/67                  = 0.0298507
    # Tue miss: s = 0.0298507 - 0.0298507 * 2/67        = 0.0289597
    # Wed met:  s = 0.0289597 + (1 - 0.0289597) * 2/67  = 0.0579461
    # Thu closed, skipped; Fri met:
    #           s = 0.0579461 + (1 - 0.0579461) * 2/67  = 0.0860672
    # Sat and Sun are not workdays; today (Mon) is not done yet, so not counted.
    habit = Habit(WEEK, 1, MON_FRI, CLOSED)
    assert habit.strength(MON, MON) == Strength(0.086, 4)


def test_today_counts_once_done():
    # As above, then today met: s = 0.0860672 + (1 - 0.0860672) * 2/67 = 0.1133487
    habit = Habit({**WEEK, MON: 1}, 1, MON_FRI, CLOSED)
    assert habit.strength(MON, MON) == Strength(0.113, 5)


def test_a_closed_day_left_open_is_a_missed_day():
    # Thu counted as missed: 0.0579461 * 65/67 = 0.0562164; Fri met: 0.0843892
    assert Habit(WEEK, 1, MON_FRI).strength(MON, MON) == Strength(0.084, 5)


def test_every_day_a_workday_counts_the_weekend_too():
    # Workdays all week, nothing closed: Mon 1, Tue 0, Wed 1, Thu 0, Fri 1, Sat 1, Sun 0.
    # Mon 0.0298507, Tue 0.0289597, Wed 0.0579461, Thu 0.0562164, Fri 0.0843892,
    # Sat 0.1117149, Sun 0.1083802
    assert Habit(WEEK, 1, ALL).strength(MON, MON) == Strength(0.108, 7)


def test_the_goal_decides_what_a_met_day_is():
    # Goal 2: only Mon 16 (two given) is met. Mon 0.0298507, then four misses (Tue, Wed,
    # Fri, and Thu left open): 0.0298507 * (65/67)^4 = 0.0264437
    counts = {**WEEK, day(7): 2}
    assert Habit(counts, 2, MON_FRI).strength(MON, MON) == Strength(0.026, 5)


def test_no_history_is_zero_days():
    assert Habit({}, 1, ALL).strength(MON, MON) == Strength(0.0, 0)
    # The first referral today, done: one day, met.
    assert Habit({MON: 1}, 1, ALL).strength(MON, MON) == Strength(0.03, 1)
    # ... and on a day outside workdays it starts nothing yet.
    assert Habit({day(1): 1}, 1, MON_FRI).strength(MON, MON) == Strength(0.0, 0)


def test_a_past_day_counts_whether_done_or_not():
    # As of Wed 18, in the past: Mon met, Tue missed, Wed met = 0.0579461
    assert Habit(WEEK, 1, MON_FRI, CLOSED).strength(day(5), MON) == Strength(0.058, 3)
    # As of Tue 17, missed and counted: 0.0289597
    assert Habit(WEEK, 1, MON_FRI, CLOSED).strength(day(6), MON) == Strength(0.029, 2)


def test_a_perfect_record_reaches_about_86_percent_in_66_workdays():
    # 1 - (65/67)^66 = 0.8646854: the README's "about 86%", and a formed habit.
    counts = {day(n): 1 for n in range(66)}
    strength = Habit(counts, 1, ALL).strength(MON, MON)
    assert strength == Strength(0.865, 66) and strength.percent == 86
    assert strength.strength >= FORMED
    assert meaning(strength) == "habit strength 86%: a habit now; a missed day barely dents it"
    assert Habit(counts, 1, ALL).strength(day(3), MON).strength < FORMED  # 63 days: not yet


def test_meaning_of_the_number():
    assert meaning(Strength(0.0, 0)) == (
        "habit strength 0%: it grows with every workday you meet the goal"
    )
    assert meaning(Strength(0.641, 80)) == (
        "habit strength 64%: keep going, most habits take about 66 days"
    )


def test_weekly_trend_ends_of_weeks_and_this_week_as_of_yesterday():
    habit = Habit(WEEK, 1, MON_FRI, CLOSED)
    points = habit.weekly(MON, MON, week_start=0, weeks=4)
    # Weeks before the first referral (Mon 16) are left out; this week (Mon 23 only, not
    # done) stands as of yesterday.
    assert [(p.start, p.strength, p.days) for p in points] == [
        (day(7), 0.086, 4),
        (MON, 0.086, 4),
    ]
    # Weeks starting on Sunday: Sun 15 to Sat 21, then Sun 22 to today.
    sunday = habit.weekly(MON, MON, week_start=6, weeks=2)
    assert [(p.start, p.strength) for p in sunday] == [(day(8), 0.086), (day(1), 0.086)]


@given(
    st.dictionaries(st.integers(0, 120).map(day), st.integers(1, 3), min_size=1, max_size=60),
    st.sets(st.integers(0, 6), min_size=1),
    st.sets(st.integers(0, 120).map(day), max_size=10),
)
def test_strength_stays_between_0_and_1_and_the_last_week_is_the_strength(counts, weekdays, closed):
    habit = Habit(counts, 2, frozenset(weekdays), frozenset(closed))
    strength = habit.strength(MON, MON)
    assert 0 <= strength.strength <= 1
    workdays_since_first = sum(
        1
        for n in range((MON - min(counts)).days + 1)
        if day(n).weekday() in weekdays and day(n) not in closed
    )
    assert strength.days <= workdays_since_first
    trend = habit.weekly(MON, MON, week_start=0, weeks=20)
    assert trend[-1].strength == strength.strength


@pytest.mark.parametrize("met", [0, 1])
def test_a_missed_workday_lowers_it_and_a_met_one_raises_it(met):
    counts = {day(n): 1 for n in range(3, 30)} | {day(1): met}
    habit = Habit(counts, 1, ALL)
    before, after = habit.strength(day(2), MON), habit.strength(day(1), MON)
    assert after.days == before.days + 1
    assert (after.strength > before.strength) if met else (after.strength < before.strength)
