"""A daily goal applies from the day it is set: raising it never re-judges the days before,
in the streak, the best streak, the week row, the habit strength or the report."""

import pytest


@pytest.fixture
def five_days(recip, partners, monkeypatch):
    """One referral given each day from Monday 2026-11-16 to Friday 2026-11-20, then the goal
    raised to 2 on the Friday."""
    for day in range(16, 21):
        monkeypatch.setenv("RECIP_TODAY", f"2026-11-{day}")
        recip("give", "joe")
    recip("config", "daily_goal", "2")


def test_raising_the_goal_keeps_the_days_before(recip, five_days):
    today = recip.json("today")
    assert (today["goal"], today["given_today"], today["done"]) == (2, 1, False)
    assert (today["streak"], today["best_streak"]) == (4, 4)  # Friday is not over yet
    marks = {day["date"]: day["mark"] for day in today["week"]}
    assert [marks[f"2026-11-{d}"] for d in range(16, 20)] == ["met"] * 4
    assert today["habit"]["strength"] > 0
    recip("give", "acme")
    today = recip.json("today")
    assert (today["done"], today["streak"], today["best_streak"]) == (True, 5, 5)


def test_the_report_judges_each_day_by_its_own_goal(recip, five_days):
    recip("give", "acme")
    habit = recip.json("report", "--week", "2026-W47")["habit"]
    assert (habit["days_met"], habit["goal"]) == (5, 2)


def test_a_goal_taken_back_never_applied(recip, five_days, monkeypatch):
    monkeypatch.setenv("RECIP_TODAY", "2026-11-23")
    recip("undo", "--yes")  # the config change
    today = recip.json("today")
    assert today["goal"] == 1
    marks = {day["date"]: day["mark"] for day in today["week"]}
    assert marks["2026-11-20"] == "met"
    assert today["best_streak"] == 5


def test_a_lower_goal_counts_from_its_day_too(recip, partners, monkeypatch):
    recip("config", "daily_goal", "2")  # from Monday 2026-11-23, the pinned today
    recip("give", "joe")  # 1 of 2: Monday is missed, and stays missed
    monkeypatch.setenv("RECIP_TODAY", "2026-11-24")
    recip("config", "daily_goal", "1")
    recip("give", "joe")
    monkeypatch.setenv("RECIP_TODAY", "2026-11-25")
    today = recip.json("today")
    marks = {day["date"]: day["mark"] for day in today["week"]}
    assert (marks["2026-11-23"], marks["2026-11-24"]) == ("missed", "met")
    assert (today["streak"], today["best_streak"]) == (1, 1)
