"""give, got, log, edit, rm, undo - and how PARTNER is resolved."""

import pytest

from reciprocity_cli.cli import common
from reciprocity_cli.core.fields import DIRECTION_WORDS
from tests.helpers import sql, table_dump


def test_give_records_every_field_and_confirms_with_the_new_balance(recip, partners):
    out = recip(
        "give",
        "joe",
        "--customer",
        "Mrs. Patel",
        "--contact",
        "555 0111",
        "--note",
        "leaky tap",
        "--heat",
        "5",
        "--value",
        "1250.50",
        "--status",
        "won",
        "--by",
        "Sam",
        "--date",
        "yesterday",
    ).stdout
    assert out.strip() == (
        "Recorded #1: given to Joe's Plumbing (Mrs. Patel, 2026-11-22). "
        "Balance: given 1, got 0, net -1 - they owe you."
    )
    [entry] = recip.json("log")
    assert entry == {
        "id": 1,
        "date": "2026-11-22",
        "direction": "given",
        "partner": "Joe's Plumbing",
        "customer": "Mrs. Patel",
        "note": "leaky tap",
        "value": 1250.5,
        "status": "won",
        "by": "Sam",
        "customer_contact": "555 0111",
        "heat": 5,
        "thanked_on": None,
        "closed_on": "2026-11-22",
    }


def test_an_outcome_logged_with_the_entry_is_closed_on_its_date(recip, partners, db_path):
    recip("give", "joe", "--status", "lost", "--date", "2026-11-20")
    recip("got", "harbor", "--status", "won", "--date", "yesterday")
    recip("got", "harbor")
    rows = sql(db_path, "SELECT id, status, closed_on FROM referral ORDER BY id")
    assert [(i, s, str(c) if c else None) for i, s, c in rows] == [
        (1, "lost", "2026-11-20"),
        (2, "won", "2026-11-22"),
        (3, "open", None),
    ]


def test_got_uses_defaults_today_open_and_recip_me(recip, partners):
    out = recip("got", "harbor").stdout
    assert out.strip() == (
        "Recorded #1: got from Harbor View Hotel (2026-11-23). "
        "Balance: given 0, got 1, net +1 - you owe them."
    )
    [entry] = recip.json("log")
    assert (entry["date"], entry["status"], entry["by"], entry["value"]) == (
        "2026-11-23",
        "open",
        "tester",
        None,
    )


def test_values_are_exact_decimals(recip, partners):
    for value in ("0.10", "0.20", "999999999999.99", "1,000"):
        recip("got", "joe", "--value", value, "--status", "won")
    values = [e["value"] for e in recip.json("log")]
    assert values == [1000, 999999999999.99, 0.2, 0.1]
    [row] = [r for r in recip.json("balance", "--by-value") if r["partner"] == "Joe's Plumbing"]
    assert row["got"] == 1000000001000.29  # 0.10 + 0.20 + 999999999999.99 + 1000, exactly


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--heat", "9", "must be a whole number from 1 to 5"),
        ("--heat", "0", "must be a whole number from 1 to 5"),
        ("--heat", "hot", "must be a whole number from 1 to 5"),
        ("--value", "-5", "is negative"),
        ("--value", "abc", "is not a number"),
        ("--value", "NaN", "is not a number"),
        ("--value", "1e400", "is not a number"),
        ("--value", "1000000000000", "too large"),
        ("--value", "0.005", "more than 2 decimal places"),
        ("--value", "1.200", "could be 1.2 or 1200"),
        ("--value", "-$5", "is negative"),
        ("--value", "5 dollars", '"dollars" is not a currency recip knows'),
        ("--status", "maybe", "is not one of: open, won, lost"),
        ("--date", "2026-02-30", "is not a real date"),
        ("--date", "tomorrow", "is not a date"),
        ("--date", "2027-01-01", "is in the future"),
        ("--date", "1850-01-01", "too far back"),
        ("--date", "03/04/2026", "could be 2026-03-04 or 2026-04-03; write it as YYYY-MM-DD."),
        ("--date", "31.02.2026", "is not a real date"),
        ("--date", "12/24/2026", "is in the future"),
        ("--customer", "x" * 201, "the limit is 200"),
        ("--note", "x" * 10_001, "the limit is 10000"),
        ("--note", "nul\x00", "NUL"),
        ("--by", "a\nb", "control characters"),
    ],
)
@pytest.mark.parametrize("command", ["give", "got"])
def test_bad_input_is_one_line_and_writes_nothing(
    recip, partners, db_path, command, option, value, message
):
    before = table_dump(db_path)
    line = recip.fails(command, "joe", option, value)
    assert message in line, line
    assert table_dump(db_path) == before


def test_text_is_stored_exactly(recip, partners):
    note = 'She said "call after 5" 🙂\nSecond line; DROP TABLE referral; --'
    recip("give", "joe", "--note", note, "--customer", "[bold]Zoë[/bold]")
    [entry] = recip.json("log")
    assert entry["note"] == note and entry["customer"] == "[bold]Zoë[/bold]"
    assert "[bold]Zoë[/bold]" in recip("log").stdout


class TestPartnerResolution:
    def test_exact_name_any_case(self, recip, partners):
        recip("give", "ACME ROOFING")
        assert recip.json("log")[0]["partner"] == "Acme Roofing"

    def test_unique_prefix(self, recip, partners):
        recip("give", "harb")
        assert recip.json("log")[0]["partner"] == "Harbor View Hotel"

    def test_exact_beats_prefix(self, recip, partners):
        recip("partner", "add", "Acme", "--force")
        recip("give", "acme")
        assert recip.json("log")[0]["partner"] == "Acme"

    def test_ambiguous_prefix_lists_the_matches(self, recip, partners):
        recip("partner", "add", "Harbor Fish Bar")
        line = recip.fails("give", "harbor")
        assert line == (
            'Error: "harbor" matches several partners: "Harbor Fish Bar", "Harbor View Hotel". '
            "Type more of the name."
        )

    def test_typo_suggests_close_matches(self, recip, partners):
        line = recip.fails("give", "acme rofing")
        assert line == 'Error: No partner matches "acme rofing". Did you mean "Acme Roofing"?'

    def test_unknown_name_says_how_to_add_it(self, recip, partners, db_path):
        before = table_dump(db_path)
        line = recip.fails("got", "Bella's Bistro")
        assert line == (
            'Error: No partner matches "Bella\'s Bistro". '
            'Add it with: recip partner add "Bella\'s Bistro"'
        )
        assert table_dump(db_path) == before


@pytest.fixture
def town(recip):
    """Partners whose names test the matching rules; Laura Bianchi is archived."""
    for name in ("City Taxi", "Café Flore", "Zoes Salon", "Laura Bianchi", "Big City Bakery"):
        recip("partner", "add", name)
    recip("partner", "archive", "Laura Bianchi")


def _partner_of_last_entry(recip):
    return recip.json("log")[0]["partner"]


class TestMatching:
    """DESIGN: case and accents aside, exact name, else a unique start of the name, else a
    unique start of one of its words; archived partners by their exact name only."""

    @pytest.mark.parametrize(
        ("typed", "found"),
        [
            ("taxi", "City Taxi"),  # the start of a word
            ("TAX", "City Taxi"),
            ("cafe", "Café Flore"),  # accents typed without...
            ("zoë", "Zoes Salon"),  # ...and with
            ("CAFÉ FLORE", "Café Flore"),
            ("flo", "Café Flore"),
            ("city", "City Taxi"),  # a start of the name beats a start of a word
            ("bakery", "Big City Bakery"),
            ("city b", "Big City Bakery"),  # several words, from the start of one
        ],
    )
    def test_found(self, recip, town, typed, found):
        recip("give", typed)
        assert _partner_of_last_entry(recip) == found

    def test_the_middle_of_a_word_is_not_a_match(self, recip, town, db_path):
        before = table_dump(db_path)
        line = recip.fails("give", "axi")
        assert line == 'Error: No partner matches "axi". Did you mean "City Taxi"?'
        assert table_dump(db_path) == before

    def test_several_word_starts_are_listed(self, recip, town, db_path):
        recip("partner", "add", "Old Town Flowers")
        before = table_dump(db_path)
        line = recip.fails("give", "flo")
        assert line == (
            'Error: "flo" matches several partners: "Café Flore", "Old Town Flowers". '
            "Type more of the name."
        )
        assert table_dump(db_path) == before

    @pytest.mark.parametrize("typed", ["Laura Bianchi", "laura bianchi", "LAURA BIANCHÍ"])
    def test_archived_partner_by_exact_name_says_archived(self, recip, town, typed):
        out = recip("give", typed, "--customer", "Ann").stdout
        assert out.startswith("Recorded #1: given to Laura Bianchi (archived) (Ann, 2026-11-23).")
        out = recip("got", typed).stdout
        assert out.startswith("Recorded #2: got from Laura Bianchi (archived) (2026-11-23).")

    @pytest.mark.parametrize("typed", ["la", "Laura", "bianchi"])
    def test_archived_partner_is_not_found_by_a_start(self, recip, town, db_path, typed):
        before = table_dump(db_path)
        line = recip.fails("give", typed)
        assert line == (
            f'Error: No partner matches "{typed}". Did you mean "Laura Bianchi" (archived)? '
            "An archived partner is found by its full name only."
        )
        assert table_dump(db_path) == before

    def test_an_active_partner_is_found_by_a_start_an_archived_one_shares(self, recip, town):
        recip("partner", "add", "Lakeside Inn")
        recip("give", "la")
        assert _partner_of_last_entry(recip) == "Lakeside Inn"

    def test_other_commands_resolve_the_same_way(self, recip, town):
        recip("thank", "taxi", "--force")
        recip("give", "cafe")
        assert [e["partner"] for e in recip.json("log", "--partner", "flore")] == ["Café Flore"]
        assert recip.json("partner", "show", "salon")["name"] == "Zoes Salon"
        assert recip.json("partner", "show", "laura bianchi")["archived"] is True
        assert 'No partner matches "laura"' in recip.fails("partner", "show", "laura")
        recip("partner", "archive", "laura", "--restore")  # restoring looks among archived
        recip("give", "la")
        assert _partner_of_last_entry(recip) == "Laura Bianchi"


class TestPrompt:
    """Only in a terminal: a close match is offered first, else adding the name as typed."""

    @pytest.fixture(autouse=True)
    def terminal(self, monkeypatch):
        monkeypatch.setattr(common, "is_interactive", lambda: True)

    @pytest.mark.parametrize("answer", ["\n", "y\n", "Y\n", "yes\n"])
    def test_one_close_match_is_offered_and_enter_takes_it(self, recip, town, answer):
        result = recip("give", "taxy", "--customer", "Ann", input=answer)
        assert 'Use "City Taxi"? [Y/n]' in result.stdout
        assert "Recorded #1: given to City Taxi (Ann, 2026-11-23)" in result.stdout
        assert "Add" not in result.stdout and result.stderr == ""
        assert len(recip.json("partner", "list")) == 4

    def test_archived_close_match_says_so(self, recip, town):
        result = recip("give", "lau", input="\n")
        assert 'Use "Laura Bianchi" (archived)? [Y/n]' in result.stdout
        assert "given to Laura Bianchi (archived)" in result.stdout

    def test_declining_the_match_offers_the_name_and_no_adds_nothing(self, recip, town, db_path):
        before = table_dump(db_path)
        result = recip("give", "taxy", input="n\n\n", code=1)
        assert 'Use "City Taxi"? [Y/n]: n' in result.stdout
        assert 'Add "taxy" as a new partner? [y/N]' in result.stdout
        assert result.stderr == 'Error: No partner matches "taxy". Did you mean "City Taxi"?\n'
        assert table_dump(db_path) == before

    def test_declining_the_match_then_adding_keeps_the_typed_name(self, recip, town):
        out = recip("give", "Taxy", input="n\ny\n\n\n").stdout
        assert 'Use "City Taxi"? [Y/n]: n\nAdd "Taxy" as a new partner? [y/N]: y' in out
        assert "Recorded #1: given to Taxy" in out
        [added] = [p for p in recip.json("partner", "list") if p["name"] == "Taxy"]
        assert (added["does"], added["phone"]) == (None, None)

    def test_a_near_duplicate_is_never_offered(self, recip, partners, db_path):
        # "Joe's Plumbing, Ltd." is Joe's Plumbing but for a legal suffix: use it, or nothing.
        before = table_dump(db_path)
        result = recip("give", "Joe's Plumbing, Ltd.", input="n\n", code=1)
        assert 'Use "Joe\'s Plumbing"? [Y/n]' in result.stdout
        assert "Add" not in result.stdout
        assert result.stderr == (
            'Error: "Joe\'s Plumbing, Ltd." looks like the existing partner "Joe\'s Plumbing"; '
            "use that name, or pass --force if it is a different business.\n"
        )
        assert table_dump(db_path) == before
        recip("give", "Joe's Plumbing, Ltd.", input="\n")
        assert _partner_of_last_entry(recip) == "Joe's Plumbing"

    def test_an_apostrophe_need_not_be_typed(self, recip, partners):
        recip("give", "joes")
        recip("give", "Joes Plumbing")
        assert _partner_of_last_entry(recip) == "Joe's Plumbing"

    def test_no_close_match_offers_to_add_with_what_they_do_and_phone(self, recip, partners):
        result = recip(
            "give", "bella's BISTRO", "--customer", "Ann", input="y\nfrench food\n555 0900\n"
        )
        assert "Use" not in result.stdout
        assert 'Add "bella\'s BISTRO" as a new partner? [y/N]' in result.stdout
        assert "What do they do? (Enter skips)" in result.stdout
        assert "Recorded #1: given to bella's BISTRO (Ann, 2026-11-23)" in result.stdout
        shown = recip.json("partner", "show", "bella")
        assert (shown["name"], shown["does"], shown["phone"]) == (
            "bella's BISTRO",
            "french food",
            "555 0900",
        )

    @pytest.mark.parametrize("answer", ["\n", "n\n", ""])
    def test_no_close_match_and_no_adds_nothing(self, recip, partners, db_path, answer):
        before = table_dump(db_path)
        recip("give", "Bella's Bistro", input=answer, code=1)
        assert table_dump(db_path) == before

    def test_several_close_matches_are_named_then_adding_is_offered(self, recip, partners):
        recip("partner", "add", "Harbor Fish Bar")
        result = recip("give", "harbour", input="n\n", code=1)
        assert result.stderr == (
            'No partner matches "harbour". Did you mean "Harbor Fish Bar", "Harbor View Hotel"?\n'
            "Error: Nothing recorded; run it again with one of those names.\n"
        )
        assert 'Add "harbour" as a new partner? [y/N]' in result.stdout

    def test_not_a_terminal_never_asks(self, recip, town, monkeypatch, db_path):
        monkeypatch.setattr(common, "is_interactive", lambda: False)
        before = table_dump(db_path)
        result = recip("give", "taxy", input="y\n", code=1)
        assert result.stdout == ""
        assert result.stderr == 'Error: No partner matches "taxy". Did you mean "City Taxi"?\n'
        assert table_dump(db_path) == before


def _history(recip):
    recip("give", "joe", "--date", "2026-11-01", "--customer", "A")
    recip("got", "harbor", "--date", "2026-11-10", "--customer", "B")
    recip("give", "acme", "--date", "2026-11-10", "--customer", "C")
    recip("got", "joe", "--date", "2026-11-20", "--customer", "D")


def test_log_is_newest_first_with_ids_and_filters(recip, partners):
    _history(recip)
    assert [(e["id"], e["customer"]) for e in recip.json("log")] == [
        (4, "D"),
        (3, "C"),
        (2, "B"),
        (1, "A"),
    ]
    assert [e["customer"] for e in recip.json("log", "--partner", "joe")] == ["D", "A"]
    assert [e["customer"] for e in recip.json("log", "--direction", "got")] == ["D", "B"]
    assert [e["customer"] for e in recip.json("log", "--since", "2026-11-10")] == ["D", "C", "B"]
    assert [e["customer"] for e in recip.json("log", "--until", "2026-11-10")] == ["C", "B", "A"]
    assert [e["customer"] for e in recip.json("log", "--since", "13d", "--until", "4d")] == [
        "C",
        "B",
    ]
    assert [e["customer"] for e in recip.json("log", "--limit", "1")] == ["D"]
    table = recip("log").stdout
    assert "Referrals (4)" in table and "→ gave" in table and "← got" in table


@pytest.mark.parametrize(
    ("typed", "direction", "customers"),
    [
        *((word, "given", ["C", "A"]) for word in ("given", "give", "gave", "sent", "out", "Gave")),
        *((word, "got", ["D", "B"]) for word in ("got", "received", "in", "IN")),
    ],
)
def test_log_direction_takes_the_words_people_use(recip, partners, typed, direction, customers):
    _history(recip)
    entries = recip.json("log", "--direction", typed)
    assert [(e["customer"], e["direction"]) for e in entries] == [
        (customer, direction) for customer in customers
    ]


def test_direction_help_lists_every_word_it_takes(recip):
    for command in ("log", "edit"):
        out = " ".join(recip(command, "--help").stdout.split())
        assert all(word in out for words in DIRECTION_WORDS.values() for word in words)


def test_log_formats(recip, partners, tmp_path):
    _history(recip)
    csv_text = recip("log", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == (
        "id,date,direction,partner,customer,note,value,status,by,closed_on"
    )
    assert csv_text.splitlines()[1] == "4,2026-11-20,got,Joe's Plumbing,D,,,open,tester,"
    assert recip("log", "--format", "md").stdout.startswith("| id | date |")
    recip("log", "--output", str(tmp_path / "log.csv"))
    assert (tmp_path / "log.csv").read_text().startswith("id,date,direction")


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--since", "2026-11-20", "--until", "2026-11-01"], "is after --until", 1),
        (
            ["--direction", "sideways"],
            "is not one of: given (also give, gave, sent, out), got (also received, in).",
            1,
        ),
        (["--partner", "nobody"], "No partner matches", 1),
        (["--since", "soon"], "is not a date", 1),
        (["--since", "01/02/2026"], "could be 2026-01-02 or 2026-02-01", 1),
        (["--format", "xml"], "is not one of: table, json, csv, md", 2),
        (["--json", "--format", "csv"], "disagree", 2),
        (["--limit", "-1"], "--limit must be a whole number from 0 to 1,000,000,000", 2),
    ],
)
def test_log_rejects_bad_options(recip, partners, args, message, code):
    assert message in recip.fails("log", *args, code=code)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2026-11-3", "2026-11-03"),
        ("20.11.2026", "2026-11-20"),
        ("11/20/2026", "2026-11-20"),
        ("11/11/2026", "2026-11-11"),
        ("1w", "2026-11-16"),
        ("last friday", "2026-11-20"),
        ("last mon", "2026-11-16"),  # today is a Monday: last Monday is a week ago
        ("mon", "2026-11-23"),
    ],
)
def test_dates_as_people_write_them(recip, joe, typed, date):
    recip("got", "joe", "--date", typed)
    assert recip.json("log", "--direction", "got")[0]["date"] == date
    recip("edit", "1", "--date", typed)
    assert recip.json("log", "--direction", "given")[0]["date"] == date


def test_the_period_options_read_the_same_forms(recip, partners):
    recip("give", "joe", "--date", "2026-11-01")
    recip("give", "joe", "--date", "2026-11-16")
    shown = recip.json("log", "--since", "2w", "--until", "last fri")
    assert [e["date"] for e in shown] == ["2026-11-16"]


def test_edit_corrects_an_entry(recip, partners):
    _history(recip)
    out = recip("edit", "1", "--status", "won", "--value", "800", "--partner", "acme").stdout
    assert out.strip() == "Updated #1: value, status, partner, closed_on 2026-11-23."
    entry = next(e for e in recip.json("log") if e["id"] == 1)
    assert (entry["partner"], entry["status"], entry["value"]) == ("Acme Roofing", "won", 800)
    recip("edit", "#1", "--direction", "got", "--note", "moved", "--thanked-on", "today")
    entry = next(e for e in recip.json("log") if e["id"] == 1)
    assert (entry["direction"], entry["note"], entry["thanked_on"]) == (
        "got",
        "moved",
        "2026-11-23",
    )
    recip("edit", "1", "--note", "", "--value", "")
    entry = next(e for e in recip.json("log") if e["id"] == 1)
    assert (entry["note"], entry["value"]) == (None, None)


@pytest.mark.parametrize(("typed", "stored"), [("received", "got"), ("Sent", "given")])
def test_edit_direction_takes_the_words_people_use(recip, partners, typed, stored):
    recip("got" if stored == "given" else "give", "joe")  # the other way round first
    assert recip("edit", "1", "--direction", typed).stdout.strip() == "Updated #1: direction."
    assert recip.json("log")[0]["direction"] == stored


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99", "--note", "x"], "No entry #99"),
        (["abc", "--note", "x"], "is not an entry id"),
        (["1"], "Nothing to change"),
        (["1", "--direction", "up"], "not one of: given (also give, gave, sent, out), got"),
        (["1", "--heat", "6"], "from 1 to 5"),
    ],
)
def test_edit_rejects_bad_input(recip, partners, db_path, args, message):
    _history(recip)
    before = table_dump(db_path)
    assert message in recip.fails("edit", *args)
    assert table_dump(db_path) == before


def test_thanked_on_must_fit_the_referral(recip, joe):
    recip("got", "joe", "--date", "2026-11-03")
    assert "only one you got is thanked" in recip.fails("edit", "1", "--thanked-on", "today")
    assert "is before the referral" in recip.fails("edit", "2", "--thanked-on", "2026-11-01")


def test_rm_asks_first(recip, partners, db_path):
    _history(recip)
    before = table_dump(db_path)
    assert recip.declined("rm", "2") == "Cancelled, nothing changed."
    assert recip.declined("rm", "2", input="") == (  # no answer at all
        "Cancelled, nothing changed (no answer; --yes skips the question)."
    )
    assert table_dump(db_path) == before
    done = recip("rm", "2", input="y\n")
    assert "Delete: #2 got from Harbor View Hotel on 2026-11-10, B?" in done.stderr
    assert "Removed #2" in done.stdout
    recip("rm", "3", "--yes")
    assert [e["id"] for e in recip.json("log")] == [4, 1]
    assert "No entry #3" in recip.fails("rm", "3", "--yes")


def test_undo_takes_back_the_last_change_and_ids_are_not_reused(recip, partners):
    _history(recip)
    recip("give", "joe", "--date", "2026-10-01", "--customer", "oops")  # old date, newest entry
    out = recip("undo", "--yes").stdout
    assert out.strip().endswith("(recip give joe --date 2026-10-01 --customer oops).")
    assert [e["id"] for e in recip.json("log")] == [4, 3, 2, 1]
    recip("give", "joe")
    assert recip.json("log")[0]["id"] == 6


def test_undo_after_thank_removes_the_thanks_and_unmarks_the_referral(recip, joe):
    recip("got", "joe", "--date", "yesterday")
    recip("thank", "joe")
    out = recip("undo", "--yes").stdout
    assert out.startswith("Took back change #") and "(recip thank joe)" in out
    assert [e["thanked_on"] for e in recip.json("log")] == [None, None]
    assert recip.json("partner", "show", "joe")["touches"] == []


def test_undo_follows_the_order_of_changes_not_the_stamps(recip, joe, db_path):
    # A touch stamped in the future: restored from a backup, or written on a shared server by
    # a computer whose clock runs fast. The change made after it is still the last one.
    recip("touch", "joe", "--kind", "meeting", "--date", "2026-11-20")
    sql(db_path, "UPDATE touch SET created_at = '2999-12-31 00:00:00'")
    sql(db_path, "UPDATE referral SET created_at = '2999-12-31 00:00:00'")
    recip("got", "joe", "--customer", "newest")
    assert "(recip got joe --customer newest)" in recip("undo", "-y").stdout
    assert "(recip touch joe --kind meeting" in recip("undo", "-y").stdout
    assert "(recip give joe)" in recip("undo", "-y").stdout


def test_undo_after_an_import_takes_it_back_whole(
    recip, joe, another_database, tmp_path, monkeypatch
):
    recip("touch", "joe", "--kind", "meeting", "--date", "2026-11-20")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    monkeypatch.setenv("RECIP_DB", str(another_database))
    recip("partner", "add", "Acme Roofing")
    recip("give", "acme")  # #1 here, before the import
    recip("import", str(backup))  # the backup's #1 goes to #2, with Joe and the meeting
    assert len(recip.json("log")) == 2
    assert "(recip import " in recip("undo", "-y").stdout
    assert [e["partner"] for e in recip.json("log")] == ["Acme Roofing"]
    assert [p["name"] for p in recip.json("partner", "list")] == ["Acme Roofing"]
    recip("got", "acme")
    assert "(recip got acme)" in recip("undo", "-y").stdout
    assert "(recip give acme)" in recip("undo", "-y").stdout


def test_every_change_is_noted_once_with_who_typed_it(recip, joe, db_path):
    recip("got", "joe", "--by", "Sam")  # Sam gets the credit; tester typed it
    recip("thank", "joe")
    recip("touch", "joe", "--kind", "promo")
    rows = sql(db_path, "SELECT command, command_line, made_by FROM change ORDER BY id")
    assert rows == [
        ("partner add", 'partner add "Joe\'s Plumbing" --phone "555 0100"', "tester"),
        ("give", "give joe", "tester"),
        ("got", "got joe --by Sam", "tester"),
        ("thank", "thank joe", "tester"),
        ("touch", "touch joe --kind promo", "tester"),
    ]
    recip.fails("touch", "joe", "--kind", "party")  # refused: no change either
    recip("balance")  # reading: no change
    assert len(sql(db_path, "SELECT id FROM change")) == 5


def test_undo_on_an_empty_database(recip):
    assert "nothing to undo" in recip.fails("undo", "--yes")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.250", "could be 1.25 or 1250; write 1.25 or 1250 to say which."),
        ("1.005", "could be 1.005 or 1005; write 1005 if that is what you meant."),
        ("1,250,50", "separators group digits in threes"),
        ("1,0,0", "is not a number"),
        (",5", "is not a number"),
        ("1_000", "is not a number"),
        ("\u0663", "is not a number"),  # Arabic-Indic three: refused, not read as 3
        ("\uff11\uff12", "is not a number"),  # full-width 12
    ],
)
def test_amounts_that_could_be_misread_are_refused(recip, value, message):
    recip("partner", "add", "Joe's Plumbing")
    assert message in recip.fails("give", "joe", f"--value={value}")
    assert recip.json("log") == []


@pytest.mark.parametrize("value", ["1e3", "1E3", "Infinity", "0x10"])
def test_values_are_plain_decimals(recip, joe, value):
    assert "is not a number" in recip.fails("got", "joe", "--value", value)


def test_thousands_separators_are_read(recip):
    recip("partner", "add", "Joe's Plumbing")
    recip("got", "joe", "--value", "1,250.50", "--status", "won")
    assert recip.json("log")[0]["value"] == 1250.5


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("$2,400", 2400),
        ("2400€", 2400),
        ("EUR 1,500", 1500),
        ("2 400", 2400),
        ("2\u202f400,50", 2400.5),
        ("1.200,50", 1200.5),
        ("1,200.50", 1200.5),
        ("1'200.50", 1200.5),
        ("12,50", 12.5),  # a comma before one or two digits is a decimal comma
        ("1,5", 1.5),
        ("1,500", 1500),  # before three it groups thousands
    ],
)
@pytest.mark.parametrize("command", ["give", "got"])
def test_amounts_as_people_write_them(recip, joe, command, typed, value):
    recip(command, "joe", "--value", typed)
    assert recip.json("log")[0]["value"] == value


def test_edit_reads_amounts_the_same_way(recip, joe):
    recip("edit", "1", "--value", "$1.250,50")
    assert recip.json("log")[0]["value"] == 1250.5
    assert "could be 1.25 or 1250" in recip.fails("edit", "1", "--value", "1.250")
    assert recip.json("log")[0]["value"] == 1250.5


def test_the_currency_recip_prints_is_read_back(recip, joe):
    recip("config", "currency", "EUR")
    recip("got", "joe", "--value", "EUR 1,250.50", "--status", "won")
    printed = recip("log").stdout
    assert "EUR 1,250.50" in printed
    recip("got", "joe", "--value", "EUR 1,250.50", "--status", "won")
    recip("got", "joe", "--value", "1.250,50 €", "--status", "won")
    assert [e["value"] for e in recip.json("log")][:3] == [1250.5, 1250.5, 1250.5]


@pytest.mark.parametrize("command", ["give", "got"])
def test_another_currency_than_the_setting_is_refused(recip, joe, db_path, command):
    recip("config", "currency", "$")
    before = table_dump(db_path)
    line = recip.fails(command, "joe", "--value", "EUR 1,500")
    assert line == (
        'Error: --value "EUR 1,500" is in EUR, but this database keeps amounts in $ '
        "(recip config currency); convert it to $ first."
    )
    assert table_dump(db_path) == before
    recip(command, "joe", "--value", "USD 1,500")  # "$" could be any dollar: USD is one
    assert recip.json("log")[0]["value"] == 1500


def test_edit_refuses_another_currency_and_changes_nothing(recip, joe, db_path):
    recip("config", "currency", "GBP")
    before = table_dump(db_path)
    assert "is in €, but this database keeps amounts in GBP" in recip.fails(
        "edit", "1", "--value", "€5", "--note", "x"
    )
    assert table_dump(db_path) == before
