"""Whatever recip can store, it can export and import back (issue 17): after every kind of
write the command line can make, each export restores into a fresh database."""

import contextlib
import json

import pytest

from reciprocity_cli.core.words import name_key
from tests.helpers import ON_POSTGRES, new_postgres_database

# Values at the limits, in the spellings that once slipped past a check: a decomposed
# accent, compatibility letters (full width, a ligature), an emoji, and controls and line
# breaks in free text.
NAME = "Cafe\u0301 \uff22\uff4c\uff45\uff55 \ufb01ne " + "x" * 85  # keyed ("\ufb01" = fi): 100
SHORT = "Zo\u00eb \U0001f600 " + "s" * 194
NOTE = "line one\nline two\r\n\ttab \x1b[1m " + "n" * 9_971
TAGS = "Trades,\u200b,\uff34\uff21\uff27,Cafe\u0301"  # a blank one, full width, decomposed
HALF_NOTE = "h" * 4_999  # two merged are 9,999 with the line break
assert (len(name_key(NAME)), len(SHORT), len(NOTE)) == (100, 200, 10_000)


def _partner_with_notes(name: str) -> list[str]:
    return ["partner", "add", name, "--force", "--note", HALF_NOTE, "--tag", "Ünï,b"]


# Each kind of write, as the commands that make it after the set-up below (Joe, with a
# referral either way). A new kind of write is one line here.
WRITES = {
    "give": [["give", "joe", "--customer", SHORT, "--contact", SHORT, "--note", NOTE]],
    "give-by": [["give", "joe", "--by", SHORT, "--value", "999999999999.99", "--heat", "5"]],
    "got": [["got", "joe", "--customer", SHORT, "--note", NOTE, "--status", "won"]],
    "edit": [["edit", "1", "--note", NOTE, "--customer", SHORT, "--date", "1900-01-01"]],
    # Outcomes closed on a day of their own, after the referral's date.
    "won": [["edit", "1", "--date", "1900-01-01"], ["won", "1", "--value", "0.01", "-d", "2d"]],
    "lost": [["edit", "2", "--date", "2026-11-01"], ["lost", "2", "--note", NOTE[:9_000]]],
    "reopened": [
        ["lost", "1"],
        ["edit", "2", "--status", "won"],
        ["edit", "1", "--status", "open"],
    ],
    "thank": [["thank", "joe", "--gift", SHORT, "--cost", "25", "--by", SHORT]],
    "touch": [["touch", "joe", "--kind", "meeting", "--note", NOTE, "--cost", "1,250.50"]],
    "closed-days": [["off", "1900-01-01", "1900-01-03", "--note", SHORT], ["off", "2999-12-31"]],
    "partner-add": [
        [
            *("partner", "add", NAME, "--does", NOTE, "--contact", SHORT, "--phone", SHORT),
            *("--website", SHORT, "--address", NOTE, "--note", NOTE, "--touch-every", "3650"),
            *("--email", "zoë@exämple.com", "--kind", "supplier", "--tag", "a" * 50),
            *("--gift-every", "3650"),
        ]
    ],
    "partner-edit": [["partner", "edit", "joe", "--note", NOTE, "--does", NOTE]],
    "partner-tag": [["partner", "edit", "joe", "--tag", TAGS]],
    "partner-rename": [["partner", "rename", "joe", NAME]],
    "partner-archive": [["partner", "archive", "joe"]],
    "partner-merge": [
        _partner_with_notes("Harbor View Hotel"),
        _partner_with_notes("Harbour View Hotels"),
        ["partner", "merge", "Harbour View Hotels", "Harbor View Hotel", "--yes"],
    ],
    "settings": [["config", "currency", "EUR"], ["config", "workdays", "mon-fri"]],
}

EXPORTS = {
    "json": (["export"], "backup.json"),
    "referrals-csv": (["export", "--format", "csv"], "referrals.csv"),
    "partners-csv": (["export", "--format", "csv", "--what", "partners"], "partners.csv"),
    "vcard": (["export", "--format", "vcf"], "partners.vcf"),
}


@contextlib.contextmanager
def fresh_database(tmp_path, name: str):
    """An empty database on the test's engine."""
    if not ON_POSTGRES:
        yield str(tmp_path / f"{name}.db")
        return
    with new_postgres_database() as url:
        yield url


def _write(recip, write: str) -> None:
    recip("partner", "add", "Joe's Plumbing", "--note", "first note")
    recip("give", "joe")
    recip("got", "joe")
    for command in WRITES[write]:
        recip(*command)


@pytest.mark.parametrize("export", list(EXPORTS))
@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_exports_and_imports_back(recip, tmp_path, write, export):
    _write(recip, write)
    args, file_name = EXPORTS[export]
    backup = tmp_path / file_name
    recip(*args, "--output", str(backup))
    with fresh_database(tmp_path, "restored") as restored:
        recip("--db", restored, "import", str(backup), "--create-partners")
        # What came back is what went out: exported again, it is the same file.
        again = tmp_path / f"again-{file_name}"
        recip("--db", restored, *args, "--output", str(again))
    if export == "json":
        original, restored_copy = json.loads(backup.read_text()), json.loads(again.read_text())
        original.pop("exported_at", None), restored_copy.pop("exported_at", None)
        assert restored_copy == original
    elif export == "vcard":
        # A card's NOTE shows the referral balance on the day of export; cards carry no
        # referrals, so the restored copy has none to show. Everything else is the same.
        assert _without_notes(again.read_text()) == _without_notes(backup.read_text())
    else:
        assert again.read_text() == backup.read_text()


def _without_notes(cards: str) -> list[str]:
    unfolded = cards.replace("\r\n ", "").replace("\n ", "")
    return [line for line in unfolded.splitlines() if not line.startswith("NOTE:")]
