"""`recip partner ...` through the real CLI against a temporary database."""

import os

import pytest

from tests.helpers import table_dump


def test_add_then_list_shows_every_field(recip):
    result = recip(
        "partner",
        "add",
        "Joe's Plumbing",
        "--does",
        "emergency plumbing, boilers",
        "--kind",
        "supplier",
        "--contact",
        "Joe Bloggs",
        "--phone",
        "555 0100",
        "--email",
        "joe@example.com",
        "--website",
        "joes.example",
        "--address",
        "1 High St",
        "--tag",
        "trades",
        "--tag",
        "Trusted,24h",
        "--note",
        "ask for Joe",
        "--touch-every",
        "30",
        "--gift-every",
        "90",
    )
    assert result.stdout.startswith('Added partner "Joe\'s Plumbing" (supplier).')
    assert 'recip give "Joe\'s Plumbing"' in result.stdout
    [row] = recip.json("partner", "list")
    assert row == {
        "name": "Joe's Plumbing",
        "does": "emergency plumbing, boilers",
        "kind": "supplier",
        "contact": "Joe Bloggs",
        "phone": "555 0100",
        "email": "joe@example.com",
        "website": "joes.example",
        "address": "1 High St",
        "tags": ["trades", "trusted", "24h"],
        "notes": "ask for Joe",
        "touch_every": 30,
        "gift_every": 90,
        "archived": False,
        "given": 0,
        "got": 0,
        "status": "no_activity",
    }


def test_list_table_filters_and_empty_message(recip, partners):
    table = recip("partner", "list").stdout
    assert "Joe's Plumbing" in table and "555 0200" in table and "Partners (3)" in table
    trades = [row["name"] for row in recip.json("partner", "list", "--tag", "trades")]
    assert trades == ["Acme Roofing", "Joe's Plumbing"]
    assert [r["name"] for r in recip.json("partner", "list", "--kind", "networking")] == [
        "Harbor View Hotel"
    ]
    assert (
        'No partners have the tag "nothing"' in recip("partner", "list", "--tag", "nothing").stdout
    )


@pytest.mark.parametrize(
    "name", ["joe's plumbing", "  JOE'S   PLUMBING  ", "Joes Plumbing", "Joe's Plumbin"]
)
def test_no_duplicates_or_silent_near_duplicates(recip, partners, name):
    line = recip.fails("partner", "add", name)
    assert "Joe's Plumbing" in line
    assert len(recip.json("partner", "list")) == 3


@pytest.mark.parametrize(
    ("existing", "typed"),
    [("Café Über", "Cafe Uber"), ("Joe's Plumbing", "Joes Plumbin")],
)
def test_near_duplicates_are_caught_accents_and_typos(recip, existing, typed):
    recip("partner", "add", existing)
    assert "looks like the existing partner" in recip.fails("partner", "add", typed)


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Harbor View Hotel", "Harbor View"),  # the start of a name, at a word boundary
        ("Harbor View", "Harbor View Hotel"),
        ("Bayside Roofing", "Bayside Roofing Ltd"),  # a legal suffix
        ("Bayside Roofing Ltd", "BAYSIDE RÖOFING, INC."),
    ],
)
def test_a_near_duplicate_needs_force(recip, db_path, existing, typed):
    recip("partner", "add", existing)
    before = table_dump(db_path)
    assert recip.fails("partner", "add", typed) == (
        f'Error: "{typed}" looks like the existing partner "{existing}"; use that name, '
        "or pass --force if it is a different business."
    )
    assert table_dump(db_path) == before
    recip("partner", "add", typed, "--force")
    assert len(recip.json("partner", "list")) == 2


def test_a_near_duplicate_of_an_archived_partner_says_so(recip):
    recip("partner", "add", "Old Mill Bakery")
    recip("partner", "archive", "Old Mill Bakery")
    line = recip.fails("partner", "add", "Old Mill")
    assert 'looks like the existing partner "Old Mill Bakery" (archived);' in line


def test_rename_refuses_a_near_duplicate_without_force(recip, partners, db_path):
    before = table_dump(db_path)
    line = recip.fails("partner", "rename", "acme", "Harbor View")
    assert 'looks like the existing partner "Harbor View Hotel"' in line
    assert table_dump(db_path) == before
    recip("partner", "rename", "acme", "Harbor View", "--force")
    recip("partner", "rename", "joe", "Joe's Plumbing Ltd")  # like itself only: no question
    names = [p["name"] for p in recip.json("partner", "list")]
    assert names == ["Harbor View", "Harbor View Hotel", "Joe's Plumbing Ltd"]


def test_names_that_differ_in_their_numbers_are_different(recip):
    recip("partner", "add", "Unit 1 Garage")
    recip("partner", "add", "Unit 2 Garage")
    assert len(recip.json("partner", "list")) == 2


def test_force_adds_a_different_business_with_a_similar_name(recip, partners):
    recip("partner", "add", "Joes Plumbing", "--force")
    assert len(recip.json("partner", "list")) == 4
    # ...but never an exact duplicate, forced or not.
    assert "already exists" in recip.fails("partner", "add", "JOE'S PLUMBING", "--force")


@pytest.mark.parametrize(
    "name",
    ['Café "Le Zinc"', "O'Brien & Sons 🔧", "[red]Acme[/red]", "Ünïcødé Ltd", "a" * 100],
)
def test_odd_names_are_stored_and_printed_literally(recip, name):
    recip("partner", "add", name)
    assert recip.json("partner", "list")[0]["name"] == name
    assert name in recip("partner", "list").stdout.replace("\n", "")
    assert name in recip("partner", "show", name).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "Partner name is empty"),
        (["x" * 101], "the limit is 100"),
        (["\x1b[31mRed"], "control characters"),
        (["Ok", "--kind", "friend"], '--kind "friend" is not one of'),
        (["Ok", "--email", "not-an-email"], "does not look like an email"),
        (["Ok", "--touch-every", "-3"], "between 1 and 3650"),
        (["Ok", "--phone", "1" * 201], "the limit is 200"),
        (["Ok", "--note", "a\x00b"], "NUL"),
    ],
)
def test_add_rejects_bad_input_with_one_line(recip, db_path, args, message):
    recip("partner", "add", "Existing")
    before = table_dump(db_path)
    line = recip.fails("partner", "add", *args)
    assert line.startswith("Error: ") and message in line
    assert table_dump(db_path) == before


def test_touch_every_must_be_a_number(recip):
    result = recip("partner", "add", "Ok", "--touch-every", "often", code=2)
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_gives_details_balance_and_history(recip, partners):
    recip("give", "joe", "--customer", "Mrs. Patel", "--date", "2026-11-20")
    recip("got", "joe", "--customer", "Mr. Lee", "--value", "300")
    recip("got", "joe")
    shown = recip.json("partner", "show", "joe")
    assert shown["phone"] == "555 0100" and shown["does"] == "emergency plumbing, boilers"
    assert shown["balance"]["given"] == 1 and shown["balance"]["got"] == 2
    assert shown["balance"]["status"] == "you_owe"
    assert [(h["direction"], h["customer"]) for h in shown["history"]] == [
        ("got", None),
        ("got", "Mr. Lee"),
        ("given", "Mrs. Patel"),
    ]
    screen = recip("partner", "show", "joe").stdout
    for expected in (
        "Joe's Plumbing",
        "555 0100",
        "given 1, got 2, net +1",
        "you owe them",
        "Mrs. Patel",
        "History (3 referrals)",
    ):
        assert expected in screen, screen


def test_partner_show_touch_cost_is_a_number_or_null(recip, joe):
    recip("thank", "joe", "--gift", "wine", "--cost", "25.50", "--force")
    recip("touch", "joe", "--kind", "meeting")
    costs = [t["cost"] for t in recip.json("partner", "show", "joe")["touches"]]
    assert costs == [None, 25.5]
    assert os.environ["RECIP_TODAY"] == "2026-11-23"


def test_edit_changes_and_clears_fields(recip, partners):
    out = recip("partner", "edit", "joe", "--phone", "555 0199", "--contact", "Joe").stdout
    assert out.strip() == 'Updated "Joe\'s Plumbing": contact, phone.'
    recip("partner", "edit", "joe", "--tag", "", "--does", "")
    shown = recip.json("partner", "show", "joe")
    assert (shown["phone"], shown["contact"], shown["tags"], shown["does"]) == (
        "555 0199",
        "Joe",
        [],
        None,
    )
    assert "Nothing to change" in recip.fails("partner", "edit", "joe")
    assert "nothing changed" in recip("partner", "edit", "joe", "--phone", "555 0199").stdout


def test_rename_keeps_history_and_refuses_taken_names(recip, partners):
    recip("give", "joe")
    out = recip("partner", "rename", "joe", "Joe's Plumbing & Heating").stdout
    assert out.strip() == 'Renamed "Joe\'s Plumbing" to "Joe\'s Plumbing & Heating".'
    assert recip.json("log")[0]["partner"] == "Joe's Plumbing & Heating"
    assert "already exists" in recip.fails("partner", "rename", "joe", "acme roofing")
    recip("partner", "rename", "acme", "ACME ROOFING")  # a change of case is fine
    assert "ACME ROOFING" in [p["name"] for p in recip.json("partner", "list")]


def test_archive_hides_from_list_keeps_history_and_restores(recip, partners):
    recip("give", "acme")
    out = recip("partner", "archive", "acme").stdout
    assert 'Archived "Acme Roofing"' in out and "--restore" in out
    names = [p["name"] for p in recip.json("partner", "list")]
    assert "Acme Roofing" not in names
    archived = recip.json("partner", "list", "--archived")
    assert [p["archived"] for p in archived if p["name"] == "Acme Roofing"] == [True]
    assert recip.json("log")[0]["partner"] == "Acme Roofing"
    assert "already archived" in recip.fails("partner", "archive", "acme roofing")
    recip("partner", "archive", "acme", "--restore")  # a start of it: among archived ones
    assert "Acme Roofing" in [p["name"] for p in recip.json("partner", "list")]


def test_merge_moves_everything_then_removes_the_duplicate(recip, partners, db_path):
    email = "office@joes.example"
    recip("partner", "add", "Joes Plumbing Ltd", "--force", "--email", email, "--tag", "ltd")
    recip("give", "joes plumbing ltd")
    recip("got", "joes plumbing ltd")
    recip("give", "Joe's Plumbing")
    assert "matches several" in recip.fails("give", "joe's")  # apostrophes aside, both fit
    before = table_dump(db_path)
    assert "nothing changed" in recip.declined(
        "partner", "merge", "joes plumbing ltd", "Joe's Plumbing"
    )
    assert table_dump(db_path) == before
    out = recip("partner", "merge", "joes plumbing ltd", "Joe's Plumbing", "--yes").stdout
    assert "moved 2 referral(s) and 0 touch(es)" in out
    shown = recip.json("partner", "show", "joe's plumbing")
    assert (shown["balance"]["given"], shown["balance"]["got"]) == (2, 1)
    assert shown["email"] == "office@joes.example"  # filled from the duplicate
    assert shown["tags"] == ["trades", "ltd"]
    assert "Joes Plumbing Ltd" not in [p["name"] for p in recip.json("partner", "list", "--all")]
    assert "into itself" in recip.fails("partner", "merge", "joe", "joe's plumbing", "--yes")


def test_partner_alone_shows_help(recip):
    out = recip("partner").stdout
    assert "add" in out and "merge" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partner", "edit", "nobody", "--phone", "1"], 'No partner matches "nobody"'),
        (["partner", "edit", "joe", "--kind", "pal"], "is not one of"),
        (["partner", "edit", "joe", "--email", "joe at home"], "does not look like an email"),
        (["partner", "edit", "joe", "--touch-every", "4000"], "between 1 and 3650"),
        (["partner", "edit", "joe", "--contact", "x" * 201], "the limit is 200"),
        (["partner", "edit", "joe", "--tag", "x" * 51], "not usable"),
        (["partner", "rename", "joe", "  "], "Partner name is empty"),
        (["partner", "rename", "joe", "y" * 101], "the limit is 100"),
        (["partner", "rename", "joe", "Harbour View Hotel"], "looks like the existing partner"),
        (["partner", "rename", "nobody", "New"], 'No partner matches "nobody"'),
        (["partner", "archive", "harbor view hotel", "--restore"], "already active"),
        (["partner", "merge", "nobody", "joe", "--yes"], 'No partner matches "nobody"'),
        (["partner", "show", "nobody"], 'No partner matches "nobody"'),
        (["partner", "show", ""], "Partner name is empty"),
        (["partner", "list", "--kind", "pal"], "is not one of"),
    ],
)
def test_partner_commands_reject_bad_input(recip, partners, db_path, args, message):
    before = table_dump(db_path)
    assert message in recip.fails(*args)
    assert table_dump(db_path) == before


def test_two_people_adding_the_same_partner_at_once(recip, monkeypatch, db_path):
    """Both checked the name was free before either wrote it: the database's unique index
    stops the second, which gets one plain line instead of a constraint name."""
    import reciprocity_cli.core.partners as partners_module

    recip("partner", "add", "Acme Roofing")
    monkeypatch.setattr(partners_module, "_check_name_free", lambda *args, **kwargs: None)
    line = recip.fails("partner", "add", "ACME roofing")
    assert line == (
        "Error: A partner with that name was added a moment ago (by another recip); see it "
        "with recip partner list and use it."
    )
    assert [p["name"] for p in recip.json("partner", "list")] == ["Acme Roofing"]


class TestAFilterThatMatchesNothing:
    """An empty list after --tag or --kind must not look like an empty database."""

    @pytest.mark.parametrize("command", [["partner", "list"], ["balance"]])
    def test_says_which_filter_and_what_exists(self, recip, partners, command):
        assert recip(*command, "--tag", "trade").stdout.strip() == (
            'No partners have the tag "trade". Tags in use: trades (2).'
        )
        assert recip(*command, "--kind", "supplier").stdout.strip() == (
            'No partners are of kind "supplier". Kinds in use: complementary (2), networking (1).'
        )
        assert recip(*command, "--kind", "networking", "--tag", "trades").stdout.strip() == (
            'No partners of kind "networking" have the tag "trades".'
        )

    def test_a_sheet_of_nothing_is_refused_with_the_reason(self, recip, partners):
        assert recip.fails("sheet", "--tag", "trade") == (
            'Error: No partners have the tag "trade". Tags in use: trades (2).'
        )

    def test_machine_formats_stay_empty_and_the_reason_goes_to_stderr(self, recip, partners):
        result = recip("partner", "list", "--tag", "trade", "--json")
        assert result.stdout.strip() == "[]"
        assert result.stderr.startswith('Note: No partners have the tag "trade"')

    def test_no_partners_at_all_still_says_how_to_add_one(self, recip):
        assert "Add one with" in recip("partner", "list", "--tag", "trade").stdout
        assert "Add one with" in recip("balance", "--kind", "supplier").stdout
