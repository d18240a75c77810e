"""Issue 17 through the real CLI: one partner for what looks like one name, no invisible
names, limits that hold after a merge, and a login name that a backup can take back."""

import json

import pytest

from tests.helpers import sql, table_dump

COMPOSED, DECOMPOSED = "Caf\u00e9 Bleu", "Cafe\u0301 Bleu"


def test_a_pasted_accent_is_the_same_partner(recip):
    recip("partner", "add", COMPOSED)
    line = recip.fails("partner", "add", "--force", DECOMPOSED)
    assert line == f'Error: A partner named "{COMPOSED}" already exists.'
    recip("give", DECOMPOSED)
    recip("give", "\uff43\uff41\uff46\u00e9")  # full width, as some phones type
    [partner] = recip.json("partner", "list")
    assert partner["name"] == COMPOSED and partner["given"] == 2


def test_a_decomposed_name_is_stored_composed(recip):
    recip("partner", "add", DECOMPOSED)
    assert [p["name"] for p in recip.json("partner", "list")] == [COMPOSED]
    recip("partner", "rename", "cafe", "Zoe\u0308's Bar")
    assert [p["name"] for p in recip.json("partner", "list")] == ["Zo\u00eb's Bar"]


def test_partners_stored_before_names_were_composed_can_still_be_named(recip, db_path):
    """Rows keyed the old way (case-folded only) keep their key until renamed: each of two
    look-alikes answers to its own spelling, so they can be merged."""
    recip("partner", "add", COMPOSED)
    recip("partner", "add", "Other")
    sql(db_path, "UPDATE partner SET name = ?, name_key = ? WHERE name = 'Other'",
        DECOMPOSED, DECOMPOSED.casefold())  # fmt: skip
    line = recip.fails("partner", "add", "--force", "Cafe\u0301 bleu")
    assert line == f'Error: A partner named "{COMPOSED}" already exists.'
    recip("give", DECOMPOSED)  # the old row, by the spelling it was stored with
    recip("partner", "merge", DECOMPOSED, COMPOSED, "--yes")
    [partner] = recip.json("partner", "list")
    assert partner["name"] == COMPOSED and partner["given"] == 1


def test_an_old_row_alone_is_found_by_any_spelling(recip, db_path):
    recip("partner", "add", "Placeholder")
    old_name = "\uff26\uff49\uff4e\uff45 Foods"  # full width, keyed as recip did: casefold
    sql(db_path, "UPDATE partner SET name = ?, name_key = ?", old_name, old_name.casefold())
    recip("give", "fine foods")
    recip("give", old_name)
    assert "already exists" in recip.fails("partner", "add", "--force", "Fine Foods")


@pytest.mark.parametrize("blank", ["\u200b", "\u00ad", "\ufeff", "\u3164", " \u200b \u2060 "])
def test_invisible_names_are_refused_everywhere(recip, db_path, tmp_path, blank):
    recip("partner", "add", "Joe's Plumbing")
    before = table_dump(db_path)
    shown = "".join(f"\\u{ord(ch):04x}" if ch != " " else " " for ch in blank.strip())
    expected = f'Partner name "{shown}" has no visible characters'
    assert expected in recip.fails("partner", "add", blank)
    assert expected in recip.fails("partner", "rename", "joe", blank)
    partners_csv = tmp_path / "partners.csv"
    partners_csv.write_text(f"name,does\n{blank},roofs\n", encoding="utf-8")
    assert recip.fails("import", str(partners_csv)).startswith("Error: line 2: Partner name")
    assert "has no visible characters" in recip.fails("give", blank)
    assert table_dump(db_path) == before


def test_invisible_characters_around_a_name_are_dropped(recip):
    recip("partner", "add", "\u200bAcme Roofing\ufeff")
    recip("give", "\u200bacme")
    [partner] = recip.json("partner", "list")
    assert partner["name"] == "Acme Roofing" and partner["given"] == 1


def test_a_merge_that_would_pass_the_note_limit_is_refused(recip, db_path, tmp_path):
    """The issue's case: two notes of 10,000 merged are 20,001, which no import takes."""
    recip("partner", "add", "Harbor View Hotel", "--note", "a" * 10_000)
    recip("partner", "add", "Harbour View Hotels", "--force", "--note", "b" * 10_000)
    recip("give", "harbour")
    before = table_dump(db_path)
    line = recip.fails("partner", "merge", "Harbour View Hotels", "Harbor View Hotel", "--yes")
    assert line == (
        'Error: Together the notes of "Harbour View Hotels" and "Harbor View Hotel" are '
        "20,001 characters long; the limit is 10,000. Shorten one first: "
        'recip partner edit "Harbour View Hotels" --note ...'
    )
    assert table_dump(db_path) == before
    recip("partner", "edit", "Harbour View Hotels", "--note", "")
    recip("partner", "merge", "Harbour View Hotels", "Harbor View Hotel", "--yes")
    [partner] = recip.json("partner", "list")
    assert partner["notes"] == "a" * 10_000 and partner["given"] == 1
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    recip("--db", str(tmp_path / "restored.db"), "import", str(backup))


@pytest.mark.parametrize(
    ("login", "stored"),
    [
        ("sam\x1b[31m", "sam[31m"),
        ("x" * 300, "x" * 200),
        ("\x07\x08", None),
    ],
)
def test_a_login_name_that_would_not_import_is_made_storable(
    recip, monkeypatch, tmp_path, another_database, login, stored
):
    """The default --by is the login name (getpass: LOGNAME, then USER ...). Cleaned
    rather than refused: no one should need --by on every command to work around it."""
    monkeypatch.delenv("RECIP_ME")
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, login)
    recip("partner", "add", "Joe's Plumbing")
    recip("give", "joe")
    recip("touch", "joe", "--kind", "meeting")
    assert [e["by"] for e in recip.json("log")] == [stored]
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    assert [t["by"] for t in json.loads(backup.read_text())["touches"]] == [stored]
    recip("--db", str(another_database), "import", str(backup))
    assert [e["by"] for e in recip.json("--db", str(another_database), "log")] == [stored]
