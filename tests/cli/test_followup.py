"""`recip followup`: which open referrals to ask about, oldest first, in every format.
Today is Monday 2026-11-23 (conftest); the followup_days setting defaults to 14."""

import csv
import io
import json

import pytest

from tests.helpers import table_dump

KEYS = ("id", "date", "direction", "partner", "customer", "customer_contact", "days_open", "phone")


@pytest.fixture
def open_ones(recip, partners):
    """Due at 14 days: #3 (34 days), #1 and #2 (22 days, the same day), #4 (exactly 14).
    Not due: #5 (13 days), and the closed #6 and #7 however old."""
    recip("give", "joe", "--date", "2026-11-01", "--customer", "Mrs. Patel", "--contact", "555 9")
    recip("got", "harbor", "--date", "2026-11-01", "--customer", "the wedding party")
    recip("give", "acme", "--date", "2026-10-20")
    recip("got", "acme", "--date", "2026-11-09")
    recip("give", "joe", "--date", "2026-11-10", "--customer", "Mr. Lee")
    recip("give", "harbor", "--date", "2026-09-01", "--status", "won", "--value", "100")
    recip("got", "joe", "--date", "2026-09-02", "--status", "lost")


def ids(rows) -> list[int]:
    return [row["id"] for row in rows]


def test_json_lists_open_referrals_oldest_first_ties_by_id(recip, open_ones):
    rows = recip.json("followup")
    # #1 and #2 share a day: the one recorded first comes first (not Harbor by name).
    assert ids(rows) == [3, 1, 2, 4]
    assert {key: rows[1][key] for key in KEYS} == {
        "id": 1,
        "date": "2026-11-01",
        "direction": "given",
        "partner": "Joe's Plumbing",
        "customer": "Mrs. Patel",
        "customer_contact": "555 9",
        "days_open": 22,
        "phone": "555 0100",
    }
    assert [row["days_open"] for row in rows] == [34, 22, 22, 14]
    assert [row["phone"] for row in rows] == [None, "555 0100", "555 0200", None]


def test_each_follow_up_says_what_to_ask(recip, open_ones):
    questions = {row["id"]: row["question"] for row in recip.json("followup")}
    assert questions == {
        1: "Ask Joe's Plumbing how it went with Mrs. Patel",
        2: "Did the wedding party from Harbor View Hotel book?",
        3: "Ask Acme Roofing how the customer you sent on 2026-10-20 got on",
        4: "Did the customer Acme Roofing sent on 2026-11-09 book?",
    }


def test_days_default_to_the_setting_and_can_be_given(recip, open_ones):
    assert ids(recip.json("followup", "--days", "22")) == [3, 1, 2]
    assert ids(recip.json("followup", "--days", "23")) == [3]
    assert ids(recip.json("followup", "--days", "1")) == [3, 1, 2, 4, 5]
    assert recip.json("followup", "--days", "3650") == []
    recip("config", "followup_days", "30")
    assert ids(recip.json("followup")) == [3]
    recip("config", "followup_days", "13")
    assert ids(recip.json("followup")) == [3, 1, 2, 4, 5]


def test_a_referral_closed_or_recorded_today_is_not_due(recip, partners):
    recip("give", "joe")
    recip("give", "joe", "--date", "2026-01-01", "--status", "won")
    assert recip.json("followup", "--days", "1") == []
    assert recip("followup").stdout == (
        "Nothing to follow up: no open referral is 14 days old or more.\n"
    )


def test_direction_and_partner_narrow_the_list(recip, open_ones):
    assert ids(recip.json("followup", "--direction", "given")) == [3, 1]
    assert ids(recip.json("followup", "--direction", "received")) == [2, 4]
    assert ids(recip.json("followup", "--partner", "acme")) == [3, 4]
    assert ids(recip.json("followup", "--partner", "acme", "--direction", "got")) == [4]
    assert "is not one of" in recip.fails("followup", "--direction", "sideways")
    assert 'No partner matches "zzz"' in recip.fails("followup", "--partner", "zzz")


def test_an_archived_partners_referrals_only_when_named(recip, open_ones):
    recip("partner", "archive", "acme")
    assert ids(recip.json("followup")) == [1, 2]
    assert ids(recip.json("followup", "--partner", "Acme Roofing")) == [3, 4]


@pytest.mark.parametrize("days", ["0", "-1", "3651", "99999999999999999999", "abc", "", "1.5"])
def test_bad_days_are_one_line(recip, open_ones, db_path, days):
    before = table_dump(db_path)
    line = recip.fails("followup", "--days", days, code=2)
    assert line.startswith("Error: --days must be a whole number of days from 1 to 3,650")
    assert table_dump(db_path) == before


def test_the_table_shows_the_question_days_and_phone(recip, open_ones):
    out = recip("followup").stdout
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "Follow up: 4 open referrals 14+ days old, oldest first"
    assert "← Did the wedding party from Harbor View Hotel book?" in out
    assert "→ Ask Joe's Plumbing how it went with Mrs. Patel" in out
    [patel] = [line for line in lines if "Mrs. Patel" in line]
    assert patel.split()[:3] == ["1", "2026-11-01", "22"] and "555 0100" in patel
    assert "555 9" in patel  # the customer's contact, shown when any has one
    assert out.index("Acme Roofing how the customer") < out.index("Mrs. Patel")
    assert lines[-1] == "Record what happened: recip won ID (or recip lost ID)"


def test_csv_markdown_and_html(recip, open_ones, tmp_path):
    rows = list(csv.DictReader(io.StringIO(recip("followup", "--format", "csv").stdout)))
    assert [int(row["id"]) for row in rows] == [3, 1, 2, 4]
    assert list(rows[0])[: len(KEYS)] == list(KEYS)
    assert rows[0]["customer"] == "" and rows[1]["days_open"] == "22"
    md = recip("followup", "--format", "md").stdout
    assert md.splitlines()[0].startswith("| # | Date | Direction | Partner |")
    assert "| 2 | 2026-11-01 | got | Harbor View Hotel | the wedding party |" in md
    recip("followup", "--output", str(tmp_path / "due.html"))
    page = (tmp_path / "due.html").read_text()
    assert page.startswith("<!doctype html>") and "Joe&#x27;s Plumbing" in page
    assert page.index("Acme Roofing") < page.index("Mrs. Patel")
    recip("followup", "--output", str(tmp_path / "due.json"))
    assert ids(json.loads((tmp_path / "due.json").read_text())) == [3, 1, 2, 4]
    recip("followup", "--output", str(tmp_path / "due.csv"))
    assert (tmp_path / "due.csv").read_text().startswith("id,date,direction,partner,")
    assert "is not one of" in recip.fails("followup", "--format", "pdf", code=2)


def test_what_customers_typed_is_escaped_everywhere(recip, partners, tmp_path):
    recip("give", "joe", "--date", "30d", "--customer", "<b>Bob</b> | [red]x[/red]")
    assert "[red]x[/red]" in recip("followup").stdout
    assert "\\|" in recip("followup", "--format", "md").stdout
    page = recip("followup", "--format", "html").stdout
    assert "<b>Bob" not in page and "&lt;b&gt;Bob" in page
