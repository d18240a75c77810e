"""`recip config`: list, read, set, reset, and refuse nonsense."""

import pytest

DEFAULTS = {
    "daily_goal": "1",
    "fair_band": "40-60",
    "week_start": "mon",
    "workdays": "mon,tue,wed,thu,fri,sat,sun",
    "quiet_days": "60",
    "currency": "",
    "followup_days": "14",
}


def test_lists_defaults(recip):
    assert recip.json("config") == DEFAULTS
    table = recip("config").stdout
    assert "fair_band" in table and "40-60" in table


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("daily_goal", "3", "3"),
        ("fair_band", "35-65", "35-65"),
        ("fair_band", " 45 - 55 ", "45-55"),
        ("week_start", "Sunday", "sun"),
        ("workdays", "mon-fri", "mon,tue,wed,thu,fri"),
        ("workdays", "fri-mon", "mon,fri,sat,sun"),
        ("workdays", "mon,wed,fri", "mon,wed,fri"),
        ("workdays", "all", DEFAULTS["workdays"]),
        ("quiet_days", "90", "90"),
        ("currency", "EUR", "EUR"),
        ("currency", "none", ""),
        ("fair-band", "30-70", "30-70"),
    ],
)
def test_set_then_read(recip, key, typed, stored):
    recip("config", key, typed)
    name = key.replace("-", "_")
    assert recip("config", name).stdout == (stored + "\n")
    assert recip.json("config")[name] == stored


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("daily_goal", "0", "from 1 to 50"),
        ("daily_goal", "two", "from 1 to 50"),
        ("daily_goal", "1.5", "from 1 to 50"),
        ("fair_band", "60-40", "around 50"),
        ("fair_band", "55-60", "around 50"),
        ("fair_band", "40", "around 50"),
        ("fair_band", "40-160", "around 50"),
        ("week_start", "someday", "such as mon"),
        ("workdays", "weekdays", "must list days"),
        ("quiet_days", "0", "from 1 to 3650"),
        ("currency", "DOLLARS-US", "short symbol"),
        ("currency", "\u00b2.", "cannot hold digits"),  # the amount could not be read back
        ("currency", "1\u20ac", "cannot hold digits"),
        ("colour", "blue", 'No setting "colour"'),
    ],
)
def test_rejects_invalid_values(recip, key, typed, message):
    assert message in recip.fails("config", key, typed)
    assert recip.json("config") == DEFAULTS


@pytest.mark.parametrize(("key", "value"), [("week_start", "monkey"), ("workdays", "monkey-fri")])
def test_day_names_must_be_days(recip, key, value):
    assert "must" in recip.fails("config", key, value)


def test_reset(recip):
    recip("config", "quiet_days", "90")
    assert recip("config", "quiet_days", "--reset").stdout.strip() == "quiet_days = 60 (default)"
    assert recip.json("config") == DEFAULTS
    assert "--reset takes a setting name" in recip.fails("config", "--reset", code=2)
