"""Gestures as entries of their own: one rule for a thank-you whichever command records it,
asking before a thank-you nothing waits for, and t-ids for listing (log --touches),
correcting (edit t3) and removing (rm t3). Today is Monday 2026-11-23 (conftest)."""

import csv
import io

import pytest


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
