"""won and lost: the outcome and its closing date; edit and undo keep them in step."""

import pytest

from tests.helpers import table_dump


def _entry(recip, entry_id: int) -> dict:
    return next(e for e in recip.json("log") if e["id"] == entry_id)


@pytest.fixture
def sent(recip, partners):
    """#1 given to Joe for Mrs. Patel on 2026-11-10, #2 got from the hotel today."""
    recip("give", "joe", "--customer", "Mrs. Patel", "--note", "leaky tap", "--date", "2026-11-10")
    recip("got", "harbor")


def test_won_closes_today_with_its_value_and_says_who(recip, sent):
    out = recip("won", "1", "--value", "1,250").stdout
    assert out == (
        "Won #1: given to Joe's Plumbing (Mrs. Patel), closed 2026-11-23, value 1,250.\n"
    )
    entry = _entry(recip, 1)
    assert (entry["status"], entry["closed_on"], entry["value"]) == ("won", "2026-11-23", 1250)


def test_won_takes_a_date_and_a_got_says_got_from(recip, sent):
    recip("config", "currency", "EUR")
    out = recip("won", "#2", "--date", "today", "--value", "99.50").stdout
    assert out == "Won #2: got from Harbor View Hotel, closed 2026-11-23, value EUR 99.50.\n"
    recip("edit", "2", "--date", "2026-11-01", "--status", "open")
    assert recip("won", "2", "-d", "2026-11-02").stdout.startswith("Won #2: got from")
    assert _entry(recip, 2)["closed_on"] == "2026-11-02"


def test_lost_adds_its_note_to_the_end_once(recip, sent):
    out = recip("lost", "1", "--note", "went with a cheaper quote", "--date", "yesterday").stdout
    assert out == (
        "Lost #1: given to Joe's Plumbing (Mrs. Patel), closed 2026-11-22, note added.\n"
    )
    entry = _entry(recip, 1)
    assert (entry["status"], entry["closed_on"]) == ("lost", "2026-11-22")
    assert entry["note"] == "leaky tap; went with a cheaper quote"
    # Run again, the same note is not written twice and nothing changes.
    assert recip("lost", "1", "--note", "went with a cheaper quote").stdout == (
        "#1 is already lost: given to Joe's Plumbing (Mrs. Patel), closed 2026-11-22; "
        "nothing changed.\n"
    )
    recip("lost", "2", "--note", "no show")
    assert _entry(recip, 2)["note"] == "no show"  # a referral without a note gets just this


def test_the_same_outcome_twice_keeps_its_date(recip, sent):
    recip("won", "1", "--date", "2026-11-20")
    assert recip("won", "1").stdout == (
        "#1 is already won: given to Joe's Plumbing (Mrs. Patel), closed 2026-11-20; "
        "nothing changed.\n"
    )
    assert _entry(recip, 1)["closed_on"] == "2026-11-20"
    out = recip("won", "1", "--date", "2026-11-21", "--value", "300").stdout
    assert out.endswith("closed 2026-11-21, value 300 (already won; date and value updated).\n")


def test_changing_an_outcome_says_what_it_was(recip, sent):
    recip("lost", "1", "--date", "2026-11-20")
    out = recip("won", "1").stdout
    assert out == (
        "Won #1: given to Joe's Plumbing (Mrs. Patel), closed 2026-11-23 "
        "(was lost, closed 2026-11-20).\n"
    )
    assert recip("lost", "1", "--date", "2026-11-23").stdout.endswith(
        "(was won, closed 2026-11-23).\n"
    )


def test_an_archived_partner_is_named_so(recip, sent):
    recip("partner", "archive", "joe")
    assert "given to Joe's Plumbing (archived) (Mrs. Patel)" in recip("won", "1").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["won", "99"], "No entry #99; `recip log` lists the entries and ids."),
        (
            ["won", "joes"],
            '"joes" is not an entry id. Find the id with recip log --status open '
            '(--partner PARTNER or --search "joes").',
        ),
        (["lost", "-"], '"-" is not an entry id; ids are the numbers `recip log` shows.'),
        (["lost", "9" * 19], "is not an entry id; ids are the numbers `recip log` shows."),
        (["lost", "\U0001f600"], '"\U0001f600" is not an entry id; ids are the numbers'),
        (["won", "Mrs Patel"], "Find the id with recip log --status open (--partner PARTNER or"),
        (["won", "1", "--value", "abc"], '--value "abc" is not a number'),
        (["won", "1", "--value", "-5"], "--value"),
        (["won", "1", "--value", ""], "--value needs an amount"),
        (["won", "1", "--value", "1.200"], "could be 1.2 or 1200"),
        (
            ["won", "1", "--date", "2026-11-09"],
            "#1 is from 2026-11-10; it cannot have closed earlier, on 2026-11-09.",
        ),
        (["lost", "1", "--date", "2026-11-24"], "--date 2026-11-24 is in the future"),
        (["lost", "1", "--date", "2026-02-30"], "is not a real date"),
        (["lost", "1", "--date", "soon"], '"soon" is not a date'),
        (["lost", "1", "--note", "  "], "--note needs some text"),
        (["lost", "1", "--note", "x\x00y"], "NUL character"),
        (["lost", "1", "--note", "n" * 10_000], "The note would be 10011 characters long"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(recip, sent, db_path, args, message):
    recip("config", "currency", "$")
    before = table_dump(db_path)
    line = recip.fails(*args)
    assert message in line, line
    assert table_dump(db_path) == before


def test_lost_takes_no_value_and_won_no_note(recip, sent):
    assert "No such option: --value" in recip.fails("lost", "1", "--value", "5", code=2)
    assert "No such option: --note" in recip.fails("won", "1", "--note", "x", code=2)


def test_edit_status_keeps_the_closing_date_in_step(recip, sent):
    out = recip("edit", "1", "--status", "won").stdout
    assert out == "Updated #1: status, closed_on 2026-11-23.\n"
    assert recip("edit", "1", "--status", "lost").stdout == "Updated #1: status.\n"
    assert _entry(recip, 1)["closed_on"] == "2026-11-23"  # a correction keeps the date
    assert recip("edit", "1", "--status", "open").stdout == (
        "Updated #1: status, closed_on cleared.\n"
    )
    assert _entry(recip, 1)["closed_on"] is None
    recip("edit", "1", "--status", "won", "--closed-on", "2026-11-12")
    assert _entry(recip, 1)["closed_on"] == "2026-11-12"
    recip("edit", "1", "--closed-on", "2026-11-15")
    assert _entry(recip, 1)["closed_on"] == "2026-11-15"


def test_a_date_known_when_logged_moves_with_the_referral(recip, partners):
    recip("give", "joe", "--status", "won", "--date", "2026-11-10")
    recip("edit", "1", "--date", "2026-11-12")
    assert (_entry(recip, 1)["date"], _entry(recip, 1)["closed_on"]) == (
        "2026-11-12",
        "2026-11-12",
    )
    recip("won", "1", "--date", "2026-11-20")
    recip("edit", "1", "--date", "2026-11-14")  # still before the closing date: kept
    assert _entry(recip, 1)["closed_on"] == "2026-11-20"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--closed-on", "2026-11-20"], "#1 is open; --closed-on is for a referral that is won"),
        (["--status", "open", "--closed-on", "today"], "#1 is open; --closed-on"),
        (["--status", "won", "--closed-on", "2026-11-01"], "would be closed on 2026-11-01"),
        (["--status", "won", "--closed-on", "tomorrow"], '"tomorrow" is not a date'),
        (["--status", "won", "--closed-on", "2026-12-01"], "--closed-on 2026-12-01 is in the"),
        (["--status", "won", "--closed-on", ""], "--closed-on needs a date"),
    ],
)
def test_edit_refuses_a_closing_date_that_cannot_be(recip, sent, db_path, args, message):
    before = table_dump(db_path)
    assert message in recip.fails("edit", "1", *args)
    assert table_dump(db_path) == before


def test_edit_refuses_a_date_after_the_closing_date(recip, sent, db_path):
    recip("won", "1", "--date", "2026-11-15")
    before = table_dump(db_path)
    assert recip.fails("edit", "1", "--date", "2026-11-16") == (
        "Error: #1 would be closed on 2026-11-15, before its date 2026-11-16; give the day "
        "the outcome was known with --closed-on DATE."
    )
    assert table_dump(db_path) == before
    recip("edit", "1", "--date", "2026-11-16", "--closed-on", "2026-11-16")
    assert _entry(recip, 1)["closed_on"] == "2026-11-16"


def test_undo_takes_back_the_outcome_first_then_the_entries(recip, sent):
    recip("won", "1")
    assert "(recip won 1)" in recip("undo", "--yes").stdout
    assert [(e["id"], e["status"], e["closed_on"]) for e in recip.json("log")] == [
        (2, "open", None),
        (1, "open", None),
    ]
    recip("undo", "--yes")
    recip("undo", "--yes")
    assert recip.json("log") == []
    assert "No entry #1" in recip.fails("won", "1")
