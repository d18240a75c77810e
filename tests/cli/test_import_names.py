"""A sheet's partner names are found as `recip give` finds what is typed (case, accents,
the unique start of a name or of a word in it), and an import never adds a near-duplicate."""

import pytest

from tests.helpers import table_dump


def sheet(tmp_path, *names: str, extra: str = ""):
    path = tmp_path / "sheet.csv"
    rows = "".join(f'2026-04-0{n % 9 + 1};got;"{name}"\n' for n, name in enumerate(names))
    path.write_text(f"Date;Type;Partner\n{rows}{extra}")
    return path


def partners_of(recip) -> list[str]:
    return sorted(row["name"] for row in recip.json("partner", "list", "--all"))


def given_to(recip) -> list[str]:
    return sorted(e["partner"] for e in recip.json("log"))


def test_names_are_found_as_the_command_line_finds_them(recip, partners, tmp_path):
    recip("partner", "add", "Café Flore")
    recip("partner", "add", "City Taxi")
    path = sheet(tmp_path, "joe", "joe", "cafe", "taxi", "harbor view", "Acme Roofing Ltd")
    out = recip("import", str(path)).stdout
    assert "added 6 referrals" in out
    assert out.splitlines()[1:] == [  # each name said once, however many rows use it
        '  matched "joe" to the existing partner "Joe\'s Plumbing"',
        '  matched "cafe" to the existing partner "Café Flore"',
        '  matched "taxi" to the existing partner "City Taxi"',
        '  matched "harbor view" to the existing partner "Harbor View Hotel"',
        '  matched "Acme Roofing Ltd" to the existing partner "Acme Roofing"',
    ]
    assert given_to(recip) == [
        "Acme Roofing",
        "Café Flore",
        "City Taxi",
        "Harbor View Hotel",
        "Joe's Plumbing",
        "Joe's Plumbing",
    ]


def test_a_start_two_partners_share_is_refused(recip, partners, tmp_path, db_path):
    recip("partner", "add", "Joey's Diner")
    recip("db", "check")
    before = table_dump(db_path)
    for create in ([], ["--create-partners"]):
        assert recip.fails("import", str(sheet(tmp_path, "Joe's", "jo")), *create) == (
            'Error: line 3: "jo" matches several partners: "Joe\'s Plumbing", "Joey\'s Diner"; '
            "write more of the name."
        )
    assert table_dump(db_path) == before


@pytest.mark.parametrize(
    ("create", "message"),
    [
        (
            [],
            'line 2: no partner named "Harbr Hotel"; did you mean "Harbor View Hotel"? Write the '
            "name as recip has it, or import with --create-partners to add it.",
        ),
        (
            ["--create-partners"],
            'line 2: "Joes Plumbng" looks like the existing partner "Joe\'s Plumbing"; use that '
            "name in the file, or add it first with recip partner add --force.",
        ),
    ],
)
def test_a_name_close_to_a_partner_names_it(recip, partners, tmp_path, db_path, create, message):
    typed = "Joes Plumbng" if create else "Harbr Hotel"
    recip("db", "check")
    before = table_dump(db_path)
    assert recip.fails("import", str(sheet(tmp_path, typed)), *create) == f"Error: {message}"
    assert table_dump(db_path) == before


def test_create_partners_never_adds_a_near_duplicate(recip, joe, tmp_path):
    """`joe` beside "Joe's Plumbing" is Joe's Plumbing; a partner the sheet adds is found
    by its start on the rows after."""
    path = sheet(tmp_path, "joe", "New Friend Bakery", "new friend", "NEW")
    out = recip("import", str(path), "--create-partners").stdout
    assert "added 1 partner, 4 referrals" in out
    assert partners_of(recip) == ["Joe's Plumbing", "New Friend Bakery"]
    assert given_to(recip).count("New Friend Bakery") == 3


def test_archived_partners_are_found_by_their_whole_name_only(recip, partners, tmp_path):
    recip("partner", "archive", "acme")
    assert recip.fails("import", str(sheet(tmp_path, "acme")), "--create-partners") == (
        'Error: line 2: "acme" looks like the existing partner "Acme Roofing" (archived); use '
        "that name in the file, or add it first with recip partner add --force."
    )
    recip("import", str(sheet(tmp_path, "acme roofing")))
    assert given_to(recip) == ["Acme Roofing"]


def test_a_backup_still_names_partners_exactly(recip, joe, tmp_path):
    """recip writes whole names into its backups: one restores as it was, never by a start."""
    path = tmp_path / "backup.json"
    path.write_text(
        '{"format": "recip-backup", "version": 1, "referrals": [\n'
        '{"date": "2026-04-01", "direction": "got", "partner": "joe"}]}'
    )
    assert recip.fails("import", str(path)) == (
        'Error: line 2: no partner named "joe"; did you mean "Joe\'s Plumbing"? Write the name '
        "as recip has it, or import with --create-partners to add it."
    )


def test_what_a_sheet_leaves_out_is_unknown_not_empty(recip, joe, tmp_path):
    """A referral recorded by hand (with --by, a heat, an outcome) is the one a sheet without
    those columns lists: skipped, and --overwrite changes none of them."""
    recip("give", "joe", "--date", "2026-04-01", "--customer", "Kim", "--heat", "4")
    recip("won", "2")
    path = tmp_path / "sheet.csv"
    path.write_text("Date;Type;Partner;Client\n2026-04-01;gave;joe;Kim\n")
    for extra in ([], ["--overwrite"]):
        assert "skipped 1 referral" in recip("import", str(path), *extra).stdout
    [entry] = recip.json("log", "--since", "2026-04-01", "--until", "2026-04-01")
    assert (entry["status"], entry["by"]) == ("won", "tester")
