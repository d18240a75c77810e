"""`recip report` through the CLI. Today is Monday 2026-11-23; this week is 23-29 Nov."""

import os

import pytest


@pytest.fixture
def week(recip):
    recip("partner", "add", "Joe's Plumbing", "--phone", "555 0100")
    recip("partner", "add", "Harbor View Hotel")
    recip("partner", "add", "Acme Roofing")
    recip("partner", "add", "Quiet Quarry", "--phone", "555 0999")
    recip("config", "currency", "EUR")
    # Last week (16-22 Nov): Mon, Tue, Wed and Fri met the goal; Thu missed.
    for day in ("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20"):
        recip("give", "joe", "--date", day, "--by", "maria")
    recip(
        "got",
        "harbor",
        "--date",
        "2026-11-19",
        "--value",
        "450.50",
        "--status",
        "won",
        "--by",
        "sam",
    )
    recip("got", "harbor", "--date", "2026-11-21", "--by", "sam")
    recip("got", "joe", "--date", "2026-11-22", "--value", "100", "--status", "lost")
    recip("give", "acme", "--date", "2026-11-22", "--value", "80", "--status", "won")
    # Long ago, to make Quiet Quarry quiet and Acme's history older.
    recip("got", "quiet", "--date", "2026-08-01")
    recip("thank", "quiet", "--date", "2026-08-02")  # a touch counts as an exchange


def goal_count(report: dict) -> dict:
    return {key: report["habit"][key] for key in ("goal", "days_met", "workdays")}


def test_json_report_for_last_week(recip, week):
    report = recip.json("report", "--week", "last")
    assert report["period"] == {
        "start": "2026-11-16",
        "end": "2026-11-22",
        "label": "Week 47 of 2026, Mon 2026-11-16 to Sun 2026-11-22",
    }
    assert (report["given"], report["got"]) == (5, 3)
    assert report["won_value"] == {"given": 80, "got": 450.5}
    assert report["currency"] == "EUR"
    partners = {p["partner"]: p for p in report["partners"]}
    assert (partners["Joe's Plumbing"]["given"], partners["Joe's Plumbing"]["got"]) == (4, 1)
    assert partners["Joe's Plumbing"]["status"] == "they_owe"
    assert partners["Harbor View Hotel"]["status"] == "you_owe"
    assert "Quiet Quarry" not in partners  # nothing in the period
    assert goal_count(report) == {"goal": 1, "days_met": 5, "workdays": 7}
    assert (report["streak"], report["best_streak"]) == (1, 3)  # Sat 21st broke it
    assert [(t["partner"], t["referrals"]) for t in report["thanks_due"]] == [
        ("Harbor View Hotel", 2),
        ("Joe's Plumbing", 1),
    ]
    assert [(q["partner"], q["last"], q["days"]) for q in report["quiet"]] == [
        ("Quiet Quarry", "2026-08-02", 112)
    ]
    assert [(o["partner"], o["net"]) for o in report["owe_most"]] == [
        ("Harbor View Hotel", 2),
        ("Quiet Quarry", 1),
    ]
    assert report["by_staff"] == [
        {"by": "maria", "given": 4, "got": 0},
        {"by": "sam", "given": 0, "got": 2},
        {"by": "tester", "given": 1, "got": 1},
    ]


def test_one_persons_week(recip, week):
    """--by NAME: what that person recorded, their goal and streak; what is due stays the
    business's (thank-yous, quiet partners, who is owed: statuses are the partnership's)."""
    maria = recip.json("report", "--week", "last", "--by", "Maria")  # any case
    assert maria["by"] == "maria"
    assert (maria["given"], maria["got"]) == (4, 0)
    assert [(p["partner"], p["given"], p["got"], p["status"]) for p in maria["partners"]] == [
        ("Joe's Plumbing", 4, 0, "they_owe")
    ]
    assert maria["won_value"] == {"given": 0, "got": 0}
    assert goal_count(maria) == {"goal": 1, "days_met": 4, "workdays": 7}  # not the 22nd
    assert maria["by_staff"] == [{"by": "maria", "given": 4, "got": 0}]
    assert [t["partner"] for t in maria["thanks_due"]] == ["Harbor View Hotel", "Joe's Plumbing"]
    sam = recip.json("report", "--week", "last", "--by", "sam")
    assert (sam["given"], sam["got"], sam["won_value"]["got"]) == (0, 2, 450.5)
    assert sam["habit"]["days_met"] == 0 and sam["streak"] == 0
    assert recip.json("report", "--week", "last")["by"] is None
    screen = recip("report", "--week", "last", "--by", "sam").stdout
    assert screen.startswith("Referral report for sam: Week 47 of 2026")
    page = recip("report", "--week", "last", "--by", "sam", "--format", "html").stdout
    assert "<h1>Referral report for sam</h1>" in page


def test_report_for_someone_who_never_recorded(recip, week):
    line = recip.fails("report", "--by", "Nobody")
    assert line == (
        'Error: Nobody named "Nobody" has recorded a referral or a gesture; '
        'who has: "maria", "sam", "tester".'
    )


def test_default_is_this_week(recip, week):
    recip("give", "harbor")
    report = recip.json("report")
    assert report["period"]["start"] == "2026-11-23" and report["period"]["end"] == "2026-11-29"
    assert (report["given"], report["got"]) == (1, 0)
    assert goal_count(report) == {"goal": 1, "days_met": 1, "workdays": 1}  # only today so far
    assert report["streak"] == 2  # Sunday the 22nd and today


def test_week_start_sunday_moves_the_boundary(recip, week):
    recip("config", "week_start", "sun")
    report = recip.json("report", "--week", "last")
    assert (report["period"]["start"], report["period"]["end"]) == ("2026-11-15", "2026-11-21")
    assert (report["given"], report["got"]) == (4, 2)


def test_month_and_custom_period(recip, week):
    assert recip.json("report", "--month", "2026-08")["got"] == 1
    custom = recip.json("report", "--since", "2026-11-20", "--until", "2026-11-21")
    assert (custom["given"], custom["got"]) == (1, 1)
    assert custom["habit"]["workdays"] == 2


def test_quiet_is_judged_from_today_not_the_end_of_the_week(recip):
    recip("partner", "add", "Slow Co")
    recip("got", "slow", "--date", "58d")  # quiet_days is 60: not quiet yet
    assert recip.json("report")["quiet"] == []
    assert recip.json("report", "--week", "last")["quiet"] == []


def test_terminal_report(recip, week):
    screen = recip("report", "--week", "last").stdout
    assert "Referral report: Week 47 of 2026" in screen
    assert "Referrals given 5, got 3. Won value: got EUR 450.50, given EUR 80." in screen
    assert "Daily goal (1) met on 5 of 7 workdays; streak 1 (best 3)." in screen
    assert "████" in screen  # Joe's four given, as a bar
    for heading in ("Thank-yous due", "Gone quiet", "You owe most", "By person"):
        assert heading in screen


def test_formats_and_output_files(recip, week, tmp_path):
    md = recip("report", "--week", "last", "--format", "md").stdout
    assert md.startswith("# Referral report: Week 47 of 2026")
    assert "| Joe's Plumbing | 4 | 1 | they owe you |" in md
    csv_lines = recip("report", "--week", "last", "-f", "csv").stdout.splitlines()
    assert csv_lines[0] == (  # which figures are the period's and which all-time, by name
        "partner,given,got,all_time_status,all_time_net,all_time_share,period_start,period_end"
    )
    assert csv_lines[1] == "Joe's Plumbing,4,1,they_owe,-3,0.8,2026-11-16,2026-11-22"
    recip("report", "--week", "last", "--output", str(tmp_path / "week.html"))
    page = (tmp_path / "week.html").read_text()
    assert page.startswith("<!doctype html>") and "<svg" in page and "@page" in page
    assert os.stat(tmp_path / "week.html").st_mode & 0o777 == 0o600


def test_html_escapes_everything(recip, tmp_path):
    recip("partner", "add", "<script>alert(1)</script> & Co")
    recip("give", "<script>")
    page = recip("report", "--format", "html").stdout
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_empty_report(recip):
    report = recip.json("report")
    assert (report["given"], report["got"], report["partners"]) == (0, 0, [])
    assert "No referrals in this period." in recip("report").stdout


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--week", "2025-W53"], "has no ISO week 53", 1),
        (["--week", "next"], "must be this, last or YYYY-Www", 1),
        (["--month", "2026-13"], "has no month 13", 1),
        (["--week", "last", "--month", "this"], "Choose one period", 2),
        (["--until", "2026-11-01"], "--until needs --since", 2),
        (["--format", "pdf"], "is not one of: table, md, html, json, csv", 2),
    ],
)
def test_bad_periods(recip, args, message, code):
    assert message in recip.fails("report", *args, code=code)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--month", "0000-01"],
        ["report", "--week", "0001-W01"],
        ["report", "--month", "9999-12"],
        ["report", "--week", "3000-W01"],
    ],
)
def test_periods_outside_the_calendar(recip, args):
    assert "is out of range; years run from 1900 to 2999" in recip.fails(*args)


def record_as(recip, monkeypatch, *names):
    """A referral given to Joe by each name, alternately through --by and RECIP_ME."""
    if not recip.json("partner", "list"):
        recip("partner", "add", "Joe's Plumbing")
    for n, name in enumerate(names):
        if n % 2:
            recip("give", "joe", "--by", name)
        else:
            monkeypatch.setenv("RECIP_ME", name)
            recip("give", "joe")
    monkeypatch.setenv("RECIP_ME", "tester")


def test_spellings_of_one_name_are_one_person(recip, monkeypatch):
    """--by Sam and RECIP_ME=sam are one person: case, accents and surrounding spaces aside.
    What was stored stays as typed; the report groups when it reads."""
    record_as(recip, monkeypatch, "sam", "Sam", "sam", " SAM ", "Sám", "Maria")
    report = recip.json("report")
    assert report["by_staff"] == [
        {"by": "sam", "given": 5, "got": 0},  # the spelling used most
        {"by": "Maria", "given": 1, "got": 0},
    ]
    assert "  • sam: gave 5, got 0" in recip("report").stdout.splitlines()
    assert [entry["by"] for entry in recip.json("log")][::-1] == [
        "sam",
        "Sam",
        "sam",
        " SAM ",
        "Sám",
        "Maria",
    ]
    for typed in ("sam", "Sam", "SAM", "  sam ", "sám", "SÁM"):
        mine = recip.json("report", "--by", typed)
        assert (mine["by"], mine["given"], mine["habit"]["days_met"]) == ("sam", 5, 1), typed
        assert mine["by_staff"] == [{"by": "sam", "given": 5, "got": 0}]
        assert mine["partners"][0]["given"] == 5
    assert recip.json("report", "--by", "maria")["given"] == 1


def test_the_name_shown_is_the_one_used_most_then_capitals_first(recip, monkeypatch):
    record_as(recip, monkeypatch, "maria", "Maria")  # a tie: "Maria" sorts first
    assert recip.json("report", "--by", "MARIA")["by"] == "Maria"
    assert recip.json("report")["by_staff"][0]["by"] == "Maria"
    record_as(recip, monkeypatch, "maria")  # now "maria" is used most
    assert recip.json("report", "--by", "MARIA")["by"] == "maria"
    assert recip.json("report")["by_staff"][0] == {"by": "maria", "given": 3, "got": 0}


def test_the_name_shown_follows_the_period(recip, monkeypatch):
    """By person counts the period's spellings; report --by names the person as most
    recorded over all time."""
    record_as(recip, monkeypatch, "Sam")
    recip("give", "joe", "--by", "sam", "--date", "2026-11-16")
    recip("give", "joe", "--by", "sam", "--date", "2026-11-17")
    assert recip.json("report")["by_staff"] == [{"by": "Sam", "given": 1, "got": 0}]
    assert recip.json("report", "--week", "last")["by_staff"] == [
        {"by": "sam", "given": 2, "got": 0}
    ]
    mine = recip.json("report", "--by", "SAM")  # this week, under the all-time name
    assert (mine["by"], mine["given"], mine["by_staff"]) == (
        "sam",
        1,
        [{"by": "sam", "given": 1, "got": 0}],
    )


def test_a_name_recorded_with_inner_spaces(recip, monkeypatch):
    record_as(recip, monkeypatch, "Mary  Ann", "mary ann")
    for typed in ("Mary  Ann", "mary ann", " MARY ANN "):
        mine = recip.json("report", "--by", typed)
        assert (mine["by"], mine["given"]) == ("Mary Ann", 2)
    assert recip.json("report")["by_staff"] == [{"by": "Mary Ann", "given": 2, "got": 0}]


def test_a_blank_name_counts_as_nobody(recip, monkeypatch):
    record_as(recip, monkeypatch, "Sam", "  ")
    assert recip.json("report")["by_staff"] == [
        {"by": "(nobody)", "given": 1, "got": 0},
        {"by": "Sam", "given": 1, "got": 0},
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Error: --by is empty; give the name entries were recorded under."),
        ("   ", "Error: --by is empty; give the name entries were recorded under."),
        (
            "Samuel",
            'Error: Nobody named "Samuel" has recorded a referral or a gesture; who has: "Sam".',
        ),
        ("sa", 'Error: Nobody named "sa" has recorded a referral or a gesture; who has: "Sam".'),
    ],
)
def test_report_by_someone_unknown(recip, monkeypatch, db_path, typed, message):
    record_as(recip, monkeypatch, "sam", "Sam", "Sam")
    before = recip.json("log")
    assert recip.fails("report", "--by", typed) == message
    assert recip.json("log") == before


@pytest.mark.parametrize("me", ["\x1b[31mx", "y" * 201, "tab\there"])
def test_recip_me_is_checked_like_by(recip, monkeypatch, me):
    recip("partner", "add", "Joe's Plumbing")
    monkeypatch.setenv("RECIP_ME", me)
    assert "RECIP_ME must be a name on one line" in recip.fails("give", "joe")
    recip("give", "joe", "--by", "Sam")  # --by wins, and RECIP_ME is not read
    assert recip.json("log")[0]["by"] == "Sam"
