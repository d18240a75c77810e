"""`recip off`: closed days, and how the streak, habit strength and report skip them. Today
is Monday 2026-11-23 (conftest)."""

import json

import pytest

from tests.helpers import table_dump


def test_close_a_range_list_and_remove(recip):
    out = recip("off", "2026-12-24", "2027-01-01", "--note", "Christmas").stdout
    assert out == (
        "Closed 2026-12-24 to 2027-01-01 (9 days). The streak and habit strength skip "
        "closed days.\n"
    )
    again = recip("off", "2026-12-31", "2027-01-02").stdout
    assert again.startswith("Closed 2026-12-31 to 2027-01-02 (3 days) (2 already were).")
    listed = recip.json("off", "--list")
    assert len(listed) == 10 and listed[0] == {"date": "2026-12-24", "note": "Christmas"}
    assert listed[-1] == {"date": "2027-01-02", "note": None}
    assert listed[7] == {"date": "2026-12-31", "note": "Christmas"}  # kept: no new note given
    out = recip("off", "--remove", "2026-12-25").stdout
    assert out == "Fri 2026-12-25 is a workday again (was closed: Christmas).\n"
    assert "2026-12-25" not in [row["date"] for row in recip.json("off", "--list")]
    recip("off", "2026-12-24", "--note", "Christmas Eve")  # a new note replaces the old
    assert recip.json("off", "--list")[0]["note"] == "Christmas Eve"


def test_relative_dates_and_one_day(recip):
    assert recip("off", "today", "--note", "sick").stdout.startswith("Closed Mon 2026-11-23.")
    assert recip("off", "yesterday").stdout.startswith("Closed Sun 2026-11-22.")
    assert [row["date"] for row in recip.json("off", "--list")] == ["2026-11-22", "2026-11-23"]


def test_list_formats(recip, tmp_path):
    recip("off", "2026-12-24", "2026-12-25", "--note", "=Christmas|")
    table = recip("off", "--list").stdout
    assert "Closed days (2)" in table and "2026-12-25  Fri  =Christmas|" in table
    csv = recip("off", "--list", "--format", "csv").stdout
    assert csv == "date,day,note\n2026-12-24,Thu,'=Christmas|\n2026-12-25,Fri,'=Christmas|\n"
    md = recip("off", "--list", "--format", "md").stdout
    assert "| 2026-12-24 | Thu | =Christmas\\| |" in md
    recip("off", "--list", "--output", str(tmp_path / "closed.json"))
    assert len(json.loads((tmp_path / "closed.json").read_text())) == 2


def test_no_closed_days(recip):
    assert recip("off", "--list").stdout.startswith("No closed days.")
    assert recip.json("off", "--list") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2026-12-24", "2026-12-01"],
            "Error: UNTIL 2026-12-01 is before DATE 2026-12-24; swap them.",
        ),
        (["2026-02-30"], 'Error: "2026-02-30" is not a real date (day is out of range for month).'),
        (["2026-12-24", "soon"], 'Error: "soon" is not a date.'),
        (
            ["2020-01-01", "2026-01-01"],
            "Error: 2020-01-01 to 2026-01-01 is 2,193 days; close at most 1,098 (three years) "
            "at a time.",
        ),
        (
            ["--remove", "2026-12-24"],
            "Error: 2026-12-24 is not a closed day; see them with recip off --list.",
        ),
        (["2026-12-24", "--note", "x" * 201], "Error: --note is 201 characters long;"),
        (["2026-12-24", "--note", "a\x1b[31mb"], "Error: --note contains control characters"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(recip, db_path, args, message):
    recip("off", "2026-11-01")
    before = table_dump(db_path)
    assert recip.fails("off", *args).startswith(message)
    assert table_dump(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--list", "2026-12-24"],
        ["--list", "--note", "x"],
        ["2026-12-24", "--json"],
        ["--remove", "2026-12-24", "2026-12-25"],
        ["2026-12-24", "2026-12-25", "2026-12-26"],
    ],
)
def test_usage_mistakes_exit_2(recip, args):
    recip.fails("off", *args, code=2)


def test_a_closed_day_neither_counts_nor_breaks_the_streak(recip):
    recip("partner", "add", "Joe")
    for day in ("2026-11-18", "2026-11-20", "2026-11-22"):  # Wed, Fri, Sun; Thu and Sat missed
        recip("give", "joe", "--date", day)
    assert recip.json("today")["streak"] == 1
    recip("off", "2026-11-19")  # Thursday closed
    recip("off", "2026-11-21", "--note", "sick")  # Saturday too
    today = recip.json("today")
    assert (today["streak"], today["best_streak"]) == (3, 3)
    assert [m["mark"] for m in today["week"]] == [
        "before_start",  # Tue 17: before the first referral, so not missed
        "met",
        "off",  # closed
        "met",
        "off",
        "met",
        "pending",  # today, not done yet
    ]
    # Habit strength over Wed, Fri, Sun (Tue 17 is before the first referral):
    # 2/67 = 0.0298507, then 0.0588105, then 0.0869059
    assert today["habit"] == {"strength": 0.087, "days": 3}
    recip("off", "--remove", "2026-11-21")
    assert recip.json("today")["streak"] == 1
    assert recip.json("today")["habit"] == {"strength": 0.085, "days": 4}  # Sat missed
    # 0.0298507, 0.0588105, 0.0570549 (Sat missed), 0.0852024 (Sun met)


def test_today_closed(recip):
    recip("partner", "add", "Joe")
    recip("give", "joe", "--date", "yesterday")
    recip("off", "today")
    today = recip.json("today")
    assert today["closed_today"] is True and today["streak"] == 1
    assert today["week"][-1]["mark"] == "off"
    assert "Closed today (recip off)" in recip("today").stdout
    assert recip("today", "--brief").stdout == "closed today | streak 1\n"


def test_the_report_leaves_closed_days_out_of_the_goal_count(recip):
    recip("partner", "add", "Joe")
    for day in ("2026-11-16", "2026-11-17", "2026-11-20"):
        recip("give", "joe", "--date", day)
    report = recip.json("report", "--week", "last")
    assert (report["habit"]["days_met"], report["habit"]["workdays"]) == (3, 7)
    assert report["streak"] == 0  # Saturday and Sunday missed
    recip("off", "2026-11-18", "2026-11-19", "--note", "fair")
    recip("off", "2026-11-21", "2026-11-22")
    report = recip.json("report", "--week", "last")
    assert (report["habit"]["days_met"], report["habit"]["workdays"]) == (3, 3)
    assert report["streak"] == 3  # Mon, Tue, (Wed, Thu closed), Fri, (Sat, Sun closed)
    screen = recip("report", "--week", "last").stdout
    assert "Daily goal (1) met on 3 of 3 workdays" in screen


def test_backups_carry_closed_days(recip, tmp_path, another_database):
    recip("off", "2026-12-24", "2026-12-26", "--note", "Christmas 🎄")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    document = json.loads(backup.read_text())
    assert document["closed_days"][0] == {"date": "2026-12-24", "note": "Christmas 🎄"}
    out = recip("--db", str(another_database), "import", str(backup)).stdout
    assert "added 3 closed days" in out
    assert recip("--db", str(another_database), "import", str(backup)).stdout.count(
        "skipped 3 closed days"
    )
    assert recip.json("--db", str(another_database), "off", "--list") == recip.json("off", "--list")


def test_a_backup_from_before_closed_days_still_imports(recip, tmp_path):
    recip("partner", "add", "Joe")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    document = json.loads(backup.read_text())
    del document["closed_days"]
    backup.write_text(json.dumps(document))
    assert "skipped 1 partner" in recip("import", str(backup)).stdout


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ('[{"date": "2026-02-30"}]', 'closed_days: line 3: date "2026-02-30" is not a real date.'),
        ('[{"date": 20261224}]', "date 20261224 is not a date (YYYY-MM-DD): it is a number."),
        ('[{"note": "x"}]', "date is empty."),
        ('[{"date": "2026-12-24", "note": ["x"]}]', "note must be text, not a list."),
        (
            '[{"date": "2026-12-24"}, {"date": "2026-12-24"}]',
            "closed day 2026-12-24 is listed twice",
        ),
        ('{"date": "2026-12-24"}', '"closed_days" in the backup must be a list.'),
        ('["2026-12-24"]', "closed_days record 1 is not an object."),
    ],
)
def test_bad_closed_days_in_a_backup(recip, tmp_path, db_path, records, message):
    backup = tmp_path / "backup.json"
    backup.write_text(
        '{"format": "recip-backup", "version": 1,\n"closed_days":\n' + records + "\n}\n"
    )
    before = table_dump(db_path)
    assert message.split(": ", 1)[-1] in recip.fails("import", str(backup))
    assert table_dump(db_path) == before
