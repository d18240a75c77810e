"""A balance status reads the same wherever people read it (tables, Markdown, HTML, the sheet,
sentences), and scripts get DESIGN.md's values in JSON and CSV; README.md shows the words."""

import csv
import html
import io
import re
from pathlib import Path

import pytest

WORDS = {
    "you_owe": "you owe them",
    "they_owe": "they owe you",
    "balanced": "balanced",
    "no_activity": "no activity",
}
STATUS = {  # all time
    "Joe's Plumbing": "you_owe",  # got 2, gave 0
    "Dock Cafe": "they_owe",  # gave 2 (one last month), got 1
    "Bay Hotel": "balanced",  # gave 1, got 1
    "Old Mill Bakery": "no_activity",
}
IN_LAST_WEEK = ("Joe's Plumbing", "Dock Cafe", "Bay Hotel")  # 16 to 22 November


@pytest.fixture
def four(recip):
    for name in STATUS:
        recip("partner", "add", name, "--does", "catering and more")
    for args in (
        ["got", "joe", "--date", "2026-11-17"],
        ["got", "joe", "--date", "2026-11-18"],
        ["give", "dock", "--date", "2026-10-02"],
        ["give", "dock", "--date", "2026-11-19"],
        ["got", "dock", "--date", "2026-11-20"],
        ["give", "bay", "--date", "2026-11-19"],
        ["got", "bay", "--date", "2026-11-20"],
    ):
        recip(*args)


def _line_of(text: str, name: str) -> str:
    """The line that names `name` (as HTML writes it, in a page)."""
    return next(line for line in text.splitlines() if name in line or html.escape(name) in line)


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["balance"], STATUS),
        (["balance", "--format", "md"], STATUS),
        (["partner", "list"], STATUS),
        (["partner", "list", "--format", "md"], STATUS),
        (["who", "catering"], STATUS),
        (["scorecard", "--format", "md"], STATUS),
        (["scorecard", "--format", "html"], STATUS),
        (["report", "--week", "last"], IN_LAST_WEEK),
        (["report", "--week", "last", "--format", "md"], IN_LAST_WEEK),
    ],
)
def test_people_read_one_set_of_words(recip, four, args, names):
    out = recip(*args).stdout
    for name in names:
        assert WORDS[STATUS[name]] in _line_of(out, name), (name, out)
    shown = re.sub(r"<style>.*?</style>|<[^>]*>", " ", out, flags=re.S)  # a page's text
    for value in ("you_owe", "they_owe", "no_activity", "you\\_owe", "no\\_activity", "idle"):
        assert value not in shown


def test_html_and_sentences_use_the_same_words(recip, four):
    page = recip("report", "--week", "last", "--format", "html").stdout
    for name in IN_LAST_WEEK:
        status = STATUS[name]
        row = f'<tr><td>{html.escape(name)}</td><td class="n">'
        assert f'<td class="{status}">{WORDS[status]}</td>' in _line_of(page, row)
    assert recip("partner", "show", "joe").stdout.count("you owe them") == 1
    given = recip("give", "old mill").stdout
    assert given.rstrip().endswith("net -1 - they owe you.")


def test_the_sheet_badges_are_the_same_words(recip, four):
    text = recip("sheet").stdout
    for name, status in STATUS.items():
        assert f"[{WORDS[status].upper()}]" in _line_of(text, name)
    table = recip("sheet", "--format", "md").stdout
    for name, status in STATUS.items():
        assert _line_of(table, name).endswith(f"| {WORDS[status].capitalize()} |")


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["balance"], "partner"),
        (["partner", "list"], "name"),
        (["who", "catering"], "partner"),
        (["scorecard"], "partner"),
    ],
)
def test_json_keeps_design_values(recip, four, args, key):
    rows = recip.json(*args)
    assert {row[key]: row["status"] for row in rows} == STATUS


@pytest.mark.parametrize(
    ("args", "key"),
    [(["balance"], "partner"), (["partner", "list"], "name"), (["scorecard"], "partner")],
)
def test_csv_keeps_design_values(recip, four, args, key):
    rows = csv.DictReader(io.StringIO(recip(*args, "--format", "csv").stdout))
    assert {row[key]: row["status"] for row in rows} == STATUS


def test_report_csv_says_which_figures_are_all_time(recip, four):
    rows = list(csv.DictReader(io.StringIO(recip("report", "-w", "last", "-f", "csv").stdout)))
    assert list(rows[0]) == [
        *("partner", "given", "got", "all_time_status", "all_time_net", "all_time_share"),
        *("period_start", "period_end"),
    ]
    dock = next(row for row in rows if row["partner"] == "Dock Cafe")
    # Given counts the week (one); the net and share count October's referral too.
    assert (dock["given"], dock["got"], dock["all_time_net"]) == ("1", "1", "-1")
    assert dock["all_time_share"] == "0.667"  # 2 of 3, rounded
    assert dock["all_time_status"] == "they_owe"
    assert (dock["period_start"], dock["period_end"]) == ("2026-11-16", "2026-11-22")
    report = recip.json("report", "--week", "last")
    assert {p["partner"]: p["status"] for p in report["partners"]} == {
        name: STATUS[name] for name in IN_LAST_WEEK
    }


def test_readme_shows_the_words():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for value, words in WORDS.items():
        assert f"| `{value}` | {words} |" in readme
