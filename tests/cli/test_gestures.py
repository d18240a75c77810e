"""Gestures as entries of their own: one rule for a thank-you whichever command records it,
asking before a thank-you nothing waits for, and t-ids for listing (log --touches),
correcting (edit t3) and removing (rm t3). Today is Monday 2026-11-23 (conftest)."""

import csv
import io

import pytest

from reciprocity_cli.cli import common
from tests.helpers import table_dump


@pytest.fixture
def petal(recip):
    """Petal & Stem sent two customers, neither thanked yet; Joe's Plumbing was sent one."""
    recip("partner", "add", "Petal & Stem", "--does", "flowers")
    recip("partner", "add", "Joe's Plumbing")
    recip("got", "petal", "--customer", "Mrs. Rose", "--date", "2026-11-10")  # 1
    recip("got", "petal", "--customer", "Mr. Lily", "--date", "2026-11-12")  # 2
    recip("give", "joe", "--date", "2026-11-11")  # 3


def _thanked(recip) -> dict[int, str | None]:
    return {e["id"]: e["thanked_on"] for e in recip.json("log", "--direction", "got")}


def _due(recip) -> list[tuple[str, int]]:
    return [(d["partner"], d["referrals"]) for d in recip.json("today")["thanks_due"]]


# --- one rule for a thank-you ---------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("thank", "petal"),
        ("touch", "petal", "--kind", "thanks"),
        ("touch", "petal", "--kind", " Thanks "),
    ],
)
def test_thank_and_touch_kind_thanks_mark_the_same_referral(recip, petal, command):
    assert _due(recip) == [("Petal & Stem", 2)]
    out = recip(*command).stdout
    assert out.strip() == (
        "Recorded t1: a thank-you for Petal & Stem on 2026-11-23; "
        "#1 (Mrs. Rose, 2026-11-10) is thanked."
    )
    assert _thanked(recip) == {2: None, 1: "2026-11-23"}
    recip(*command)
    assert _thanked(recip) == {2: "2026-11-23", 1: "2026-11-23"}
    assert _due(recip) == []
    assert [t["kind"] for t in recip.json("log", "--touches")] == ["thanks", "thanks"]


def test_touch_thanks_keeps_its_note_date_cost_and_by(recip, petal):
    recip(
        "touch",
        "petal",
        "-k",
        "thanks",
        "-n",
        "card",
        "--cost",
        "3",
        "-d",
        "2026-11-11",
        "--by",
        "Sam",
    )
    assert _thanked(recip) == {2: None, 1: "2026-11-11"}  # #2 had not arrived yet
    [row] = recip.json("log", "--touches")
    assert row == {
        "id": 1,
        "kind": "thanks",
        "partner": "Petal & Stem",
        "date": "2026-11-11",
        "note": "card",
        "cost": 3,
        "by": "Sam",
    }


def test_a_meeting_or_a_gift_by_touch_thanks_nothing(recip, petal):
    recip("touch", "petal", "--kind", "meeting")
    recip("touch", "petal", "--kind", "gift", "--note", "vase")
    assert _thanked(recip) == {2: None, 1: None}


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        (("thank", "joe"), "add --force to record one anyway."),
        (("touch", "joe", "--kind", "thanks"), "add --force to record one anyway."),
        (
            ("thank", "joe", "--gift", "wine"),
            "add --force to record the gift anyway, or record a gift alone with "
            'recip touch "Joe\'s Plumbing" --kind gift.',
        ),
    ],
)
def test_nothing_waiting_is_refused_outside_a_terminal(recip, petal, db_path, command, advice):
    before = table_dump(db_path)
    assert recip.fails(*command) == (
        f"Error: Nothing from Joe's Plumbing is waiting for a thank-you; {advice}"
    )
    assert table_dump(db_path) == before
    recip(*command, "--force")
    assert [t["partner"] for t in recip.json("log", "--touches")] == ["Joe's Plumbing"]


def test_a_second_thanks_for_the_same_referrals_needs_force(recip, petal, db_path):
    recip("thank", "petal")
    recip("thank", "petal")
    before = table_dump(db_path)
    assert "Nothing from Petal & Stem is waiting" in recip.fails("thank", "petal")
    assert "Nothing from Petal & Stem is waiting" in recip.fails("touch", "petal", "-k", "thanks")
    assert table_dump(db_path) == before
    assert "no referral from them was waiting" in recip("thank", "petal", "--force").stdout


def test_a_thanks_dated_before_anything_arrived_is_nothing_waiting(recip, petal):
    assert "is waiting" in recip.fails("thank", "petal", "--date", "2026-11-09")
    recip("thank", "petal", "--date", "2026-11-09", "--force")
    assert _thanked(recip) == {2: None, 1: None}


def test_bad_input_is_reported_before_the_question(recip, petal, monkeypatch, db_path):
    monkeypatch.setattr(common, "is_interactive", lambda: True)
    before = table_dump(db_path)
    assert "is negative" in recip.fails("thank", "joe", "--cost", "-3", input="y\n")
    assert "in the future" in recip.fails("touch", "joe", "-k", "thanks", "-d", "2030-01-01")
    assert "is not a referral you got from" in recip.fails("thank", "joe", "--for", "3")
    assert table_dump(db_path) == before


class TestAsking:
    """In a terminal, a thank-you nothing waits for is asked about, on stderr."""

    QUESTION = "Nothing from Joe's Plumbing is waiting for a thank-you; record one anyway? [y/N]: "

    @pytest.fixture(autouse=True)
    def terminal(self, monkeypatch):
        monkeypatch.setattr(common, "is_interactive", lambda: True)

    @pytest.mark.parametrize("command", [("thank", "joe"), ("touch", "joe", "--kind", "thanks")])
    def test_yes_records_it(self, recip, petal, command):
        result = recip(*command, input="y\n")
        assert result.stderr == self.QUESTION + "\n"  # the answer was piped, not echoed
        assert result.stdout.strip() == (
            "Recorded t1: a thank-you for Joe's Plumbing on 2026-11-23 "
            "(no referral from them was waiting for thanks)."
        )

    @pytest.mark.parametrize("answer", ["\n", "n\n", ""])
    def test_no_records_nothing(self, recip, petal, db_path, answer):
        before = table_dump(db_path)
        said = recip.declined("thank", "joe", input=answer)
        assert said.startswith("Cancelled")
        assert table_dump(db_path) == before

    def test_nothing_is_asked_when_a_referral_waits_or_with_force(self, recip, petal):
        assert recip("thank", "petal", input="").stderr == ""
        assert recip("thank", "joe", "--force", input="").stderr == ""


# --- listing --------------------------------------------------------------------------------


@pytest.fixture
def gestures(recip, petal):
    recip("thank", "petal", "--date", "2026-11-12")  # t1
    recip("thank", "petal", "--gift", "Café crème beans", "--cost", "12.50", "--by", "Sam")  # t2
    recip("touch", "joe", "--kind", "meeting", "--note", "coffee", "--date", "2026-11-01")  # t3
    recip("touch", "joe", "--kind", "promo", "--note", "fair stand", "--cost", "40")  # t4


def _ids(recip, *args: str) -> list[int]:
    return [t["id"] for t in recip.json("log", "--touches", *args)]


def test_log_touches_json_lists_every_gesture_newest_first(recip, gestures):
    rows = recip.json("log", "--touches")
    assert [(r["id"], r["date"], r["kind"], r["cost"], r["by"]) for r in rows] == [
        (4, "2026-11-23", "promo", 40, "tester"),
        (2, "2026-11-23", "gift", 12.5, "Sam"),
        (1, "2026-11-12", "thanks", None, "tester"),
        (3, "2026-11-01", "meeting", None, "tester"),
    ]
    assert list(rows[0]) == ["id", "kind", "partner", "date", "note", "cost", "by"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("--partner", "joe"), [4, 3]),
        (("--kind", "gift"), [2]),
        (("--kind", "THANKS"), [1]),
        (("--since", "2026-11-12"), [4, 2, 1]),
        (("--until", "2026-11-12"), [1, 3]),
        (("--by", "sam"), [2]),
        (("--by", " SAM "), [2]),
        (("--search", "cafe creme"), [2]),  # case and accents aside
        (("--search", "coffee"), [3]),
        (("--search", "petal"), []),  # the partner is not searched: --partner is for that
        (("--partner", "petal", "--kind", "thanks", "--since", "2026-11-12"), [1]),
        (("--limit", "2"), [4, 2]),
    ],
)
def test_log_touches_filters(recip, gestures, args, ids):
    assert _ids(recip, *args) == ids


def test_log_touches_table_shows_t_ids_and_costs(recip, gestures):
    out = recip("log", "--touches").stdout
    assert out.splitlines()[0].strip() == "Gestures (4)"
    lines = [line.split() for line in out.splitlines() if line.strip().startswith("t")]
    assert [line[:3] for line in lines] == [
        ["t4", "2026-11-23", "promo"],
        ["t2", "2026-11-23", "gift"],
        ["t1", "2026-11-12", "thanks"],
        ["t3", "2026-11-01", "meeting"],
    ]
    assert "12.50" in out and "40" in out and "Sam" in out


def test_log_touches_table_limit_says_what_it_left_out(recip, gestures):
    result = recip("log", "--touches", "--limit", "1")
    assert "Latest 1 of 4 gestures" in result.stdout
    assert result.stderr == "Note: Showing the newest 1 of 4 gestures; --limit 0 shows all.\n"


def test_log_touches_csv_and_markdown_write_t_ids(recip, gestures, tmp_path):
    rows = list(csv.DictReader(io.StringIO(recip("log", "--touches", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == ["t4", "t2", "t1", "t3"]
    assert rows[1] == {
        "id": "t2",
        "date": "2026-11-23",
        "kind": "gift",
        "partner": "Petal & Stem",
        "note": "Café crème beans",
        "cost": "12.5",
        "by": "Sam",
    }
    md = tmp_path / "gestures.md"
    result = recip("log", "--touches", "--output", str(md))
    assert result.stdout == "" and result.stderr == f"Wrote {md}.\n"
    lines = md.read_text().splitlines()
    assert lines[0] == "| id | date | kind | partner | note | cost | by |"
    assert lines[3] == "| t2 | 2026-11-23 | gift | Petal & Stem | Café crème beans | 12.5 | Sam |"


def test_log_touches_when_nothing_matches(recip, petal, gestures):
    assert recip("log", "--touches", "--kind", "promo", "--partner", "petal").stdout == (
        "No gestures match; recip log --touches without filters lists them all.\n"
    )


def test_log_touches_on_an_empty_database(recip):
    assert recip("log", "--touches").stdout.startswith("No gestures yet.")
    assert recip.json("log", "--touches") == []


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("--touches", "--direction", "got"), "--direction and --status are for referrals", 2),
        (("--touches", "--status", "won"), "--direction and --status are for referrals", 2),
        (("--kind", "gift"), "--kind is a gesture's kind; add --touches", 2),
        (("--touches", "--kind", "party"), '--kind "party" is not one of: thanks, gift', 1),
        (
            ("--touches", "--by", "bob"),
            'Nobody named "bob" has recorded a gesture; who has: "Sam"',
            1,
        ),
        (("--touches", "--since", "2026-11-20", "--until", "2026-11-01"), "swap them", 1),
        (("--touches", "--format", "html"), "is not one of: table, json, csv, md", 2),
    ],
)
def test_log_touches_bad_filters_are_one_line(recip, gestures, args, message, code):
    assert message in recip.fails("log", *args, code=code)


def test_log_by_filters_referrals_too(recip, petal):
    recip("got", "petal", "--by", "Sam")
    recip("give", "joe", "--by", "sam ")
    assert [e["id"] for e in recip.json("log", "--by", "SAM")] == [5, 4]
    assert 'Nobody named "bob" has recorded a referral' in recip.fails("log", "--by", "bob")


# --- correcting and removing ----------------------------------------------------------------


def test_edit_a_gesture(recip, gestures):
    out = recip("edit", "t2", "--cost", "14", "--note", "beans and a card").stdout
    assert out == "Updated t2: note, cost.\n"
    out = recip("edit", "T3", "--kind", "promo", "--date", "2026-11-02", "--by", "Ann").stdout
    assert out == "Updated t3: kind, date, by.\n"
    assert recip("edit", "#t3", "--partner", "petal").stdout == "Updated t3: partner.\n"
    rows = {r["id"]: r for r in recip.json("log", "--touches")}
    assert (rows[2]["cost"], rows[2]["note"]) == (14, "beans and a card")
    assert (rows[3]["kind"], rows[3]["date"], rows[3]["by"], rows[3]["partner"]) == (
        "promo",
        "2026-11-02",
        "Ann",
        "Petal & Stem",
    )
    assert recip("edit", "t2", "--cost", "").stdout == "Updated t2: cost.\n"
    assert recip.json("log", "--touches", "--kind", "gift")[0]["cost"] is None
    assert recip("edit", "t2", "--note", "beans and a card").stdout == (
        "t2 already had those values; nothing changed.\n"
    )


def test_a_thanks_edited_into_a_meeting_leaves_the_referral_marked(recip, gestures):
    out = recip("edit", "t1", "--kind", "meeting").stdout
    assert "The referral it thanked (#1) stays marked; clear it with recip edit 1" in out
    assert _thanked(recip)[1] == "2026-11-12"


def test_a_plain_number_is_still_a_referral(recip, gestures):
    recip("edit", "3", "--note", "referral three")
    assert [e["note"] for e in recip.json("log") if e["id"] == 3] == ["referral three"]
    assert [t["note"] for t in recip.json("log", "--touches") if t["id"] == 3] == ["coffee"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("t1", "--status", "won"), "Error: --status is for referrals; t1 is a gesture"),
        (("t1", "--value", "5", "--customer", "x"), "Error: --customer and --value are for"),
        (("t1", "--thanked-on", ""), "Error: --thanked-on is for referrals"),
        (("1", "--cost", "5"), "Error: --cost is for gestures (ids like t3, see recip log "),
        (
            ("#1", "--kind", "gift"),
            "--kind is for gestures (ids like t3, see recip log --touches); #1 is a referral.",
        ),
        (("t99", "--note", "x"), "Error: No gesture t99; recip log --touches lists them"),
        (("t", "--note", "x"), 'Error: "t" is not a gesture id'),
        (("t-1", "--note", "x"), 'Error: "t-1" is not a gesture id'),
        (("t1",), "Error: Nothing to change"),
        (("t1", "--kind", "party"), '--kind "party" is not one of'),
        (("t1", "--cost", "-2"), "is negative"),
        (("t1", "--cost", "five"), "is not a number"),
        (("t1", "--date", "2030-01-01"), "in the future"),
        (("t1", "--date", ""), "Error:"),
        (("t1", "--note", "x\x00y"), "NUL"),
        (("t1", "--by", "a\nb"), "control characters"),
        (("t1", "--partner", "nobody"), 'No partner matches "nobody"'),
    ],
)
def test_edit_refusals_are_one_line_and_write_nothing(recip, gestures, db_path, args, message):
    before = table_dump(db_path)
    assert message in recip.fails("edit", *args)
    assert table_dump(db_path) == before


def test_commands_that_take_a_referral_say_a_t_id_is_a_gesture(recip, gestures):
    assert recip.fails("thank", "petal", "--for", "t1") == (
        'Error: "t1" is a gesture (see recip log --touches); this needs a referral\'s number.'
    )


def test_rm_a_gesture(recip, gestures, db_path):
    before = table_dump(db_path)
    assert recip.declined("rm", "t4") == "Cancelled, nothing changed."
    assert table_dump(db_path) == before
    out = recip("rm", "T4", "--yes").stdout
    assert out == (
        "Removed t4, the promo for Joe's Plumbing on 2026-11-23, fair stand. "
        "recip undo puts it back.\n"
    )
    assert _ids(recip) == [2, 1, 3]
    assert len(recip.json("log")) == 3  # referral #4 does not exist, and no referral went
    assert "No gesture t4" in recip.fails("rm", "t4", "--yes")
    out = recip("rm", "t1", "--yes").stdout
    assert "The referral it thanked (#1) stays marked; clear it with recip edit 1" in out


def test_rm_a_plain_number_removes_the_referral(recip, gestures):
    recip("rm", "1", "--yes")
    assert [e["id"] for e in recip.json("log")] == [2, 3]
    assert _ids(recip) == [4, 2, 1, 3]


# --- what gestures cost ---------------------------------------------------------------------


def test_partner_show_adds_up_what_gestures_cost(recip, petal):
    recip("touch", "petal", "--kind", "gift", "--cost", "30", "--date", "2025-12-20")
    recip("touch", "petal", "--kind", "gift", "--cost", "12.50", "--date", "2026-02-14")
    recip("touch", "petal", "--kind", "promo", "--cost", "100", "--date", "2026-05-01")
    recip("touch", "petal", "--kind", "meeting", "--date", "2026-06-01")
    recip("touch", "joe", "--kind", "gift", "--cost", "999")
    shown = recip.json("partner", "show", "petal")
    assert shown["gestures"] == {"count": 4, "gifts": 2, "cost": 142.5, "cost_this_year": 112.5}
    screen = recip("partner", "show", "petal").stdout
    assert "Spent on gestures  142.50 all time, 112.50 in 2026 (2 gifts)" in screen
    assert "Gestures (4)" in screen and "t4" in screen


def test_partner_show_with_no_gestures(recip, petal):
    assert recip.json("partner", "show", "joe")["gestures"] == {
        "count": 0,
        "gifts": 0,
        "cost": 0,
        "cost_this_year": 0,
    }
    screen = recip("partner", "show", "joe").stdout
    assert "Spent on gestures" not in screen and "Gestures" not in screen


def test_partner_show_spend_in_the_currency(recip, petal):
    recip("config", "currency", "EUR")
    recip("touch", "petal", "--kind", "gift", "--cost", "1234.5")
    screen = recip("partner", "show", "petal").stdout
    assert "EUR 1,234.50 all time, EUR 1,234.50 in 2026 (1 gift)" in screen


@pytest.fixture
def spent(recip, petal):
    recip("touch", "petal", "--kind", "gift", "--cost", "20", "--date", "2026-11-16")
    recip(
        "touch", "joe", "--kind", "promo", "--cost", "7.25", "--date", "2026-11-22", "--by", "Sam"
    )
    recip("touch", "joe", "--kind", "gift", "--cost", "50", "--date", "2026-11-15")  # week 46
    recip("touch", "joe", "--kind", "promo", "--cost", "3", "--date", "2026-11-23")  # this week


def test_report_says_what_gestures_cost_in_the_period(recip, spent):
    assert recip.json("report", "--week", "last")["gesture_cost"] == 27.25
    assert recip.json("report")["gesture_cost"] == 3
    assert recip.json("report", "--week", "2026-W46")["gesture_cost"] == 50
    assert recip.json("report", "--month", "2026-11")["gesture_cost"] == 80.25
    assert (
        recip.json("report", "--since", "2026-12-01", "--until", "2026-12-31")["gesture_cost"] == 0
    )


def test_report_by_one_person_counts_their_gestures(recip, spent):
    # Sam has recorded only a gesture: he is someone the report can be about all the same.
    assert recip.json("report", "--week", "last", "--by", "sam")["gesture_cost"] == 7.25
    recip("give", "joe", "--by", "Sam", "--date", "2026-11-20")
    assert recip.json("report", "--week", "last", "--by", "sam")["gesture_cost"] == 7.25
    assert recip.json("report", "--week", "last", "--by", "tester")["gesture_cost"] == 20


def test_report_gesture_cost_in_every_format(recip, spent, tmp_path):
    assert "Spent on gestures: 27.25." in recip("report", "--week", "last").stdout
    assert "Spent on gestures: 27.25." in recip("report", "--week", "last", "-f", "md").stdout
    page = recip("report", "--week", "last", "-f", "html").stdout
    assert "<p>Spent on gestures: 27.25.</p>" in page
    recip("config", "currency", "USD")
    assert "Spent on gestures: USD 27.25." in recip("report", "--week", "last").stdout
    assert recip.json("report", "--week", "last")["gesture_cost"] == 27.25
