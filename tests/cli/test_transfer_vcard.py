"""vCards for phones (issue 20): what a phone shows of an exported card, read back by vobject
and by a second, independent parser (GNOME's Evolution Data Server, the library behind
Evolution and GNOME Contacts); recip's own cards restored exactly, older recips' cards as
before; only businesses imported from a phone unless --all."""

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.helpers import FIXTURES, table_dump

ADDRESS_BOOK = Path(__file__).parents[1] / "address_book.py"
CHECK = (
    "import gi; gi.require_version('EBookContacts', '1.2'); from gi.repository import EBookContacts"
)


@functools.cache
def address_book_python() -> str | None:
    """A Python that has GNOME's EBookContacts bindings: the system's, where Debian's
    python3-gi and gir1.2-ebookcontacts-1.2 are installed (CI installs them)."""
    for candidate in dict.fromkeys([sys.executable, "/usr/bin/python3"]):
        if Path(candidate).exists():
            checked = subprocess.run([candidate, "-c", CHECK], capture_output=True, check=False)
            if checked.returncode == 0:
                return candidate
    return None


def address_book(path: Path) -> list[dict]:
    python = address_book_python()
    if python is None:
        pytest.skip(
            "GNOME's EBookContacts is missing: apt-get install python3-gi gir1.2-ebookcontacts-1.2"
        )
    shown = subprocess.run([python, str(ADDRESS_BOOK), str(path)], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


@pytest.fixture
def shop(recip, partners):
    """Joe's Plumbing with every field, one referral given and two got; Harbor View Hotel
    given one; Acme Roofing nothing yet."""
    recip(
        *("partner", "edit", "joe", "--contact", "Joe Bloggs", "--email", "joe@example.com"),
        *("--website", "joes.example", "--address", "1 High St, Harbourtown"),
        *("--note", "ask for Joe\nnot the office", "--kind", "supplier", "--touch-every", "30"),
        *("--tag", "trades,24/7"),
    )
    recip("give", "joe")
    recip("got", "joe")
    recip("got", "joe")
    recip("give", "harbor")


def export(recip, tmp_path: Path, *args: str, name: str = "partners.vcf") -> Path:
    path = tmp_path / name
    recip("export", "--format", "vcf", *args, "--output", str(path))
    return path


def cards(path: Path) -> dict:
    return {card.fn.value: card for card in vobject.readComponents(path.read_text())}


def test_a_phone_shows_the_business_the_person_what_they_do_and_the_balance(recip, shop, tmp_path):
    card = cards(export(recip, tmp_path))["Joe's Plumbing"]
    assert card.version.value == "3.0"
    assert (card.org.value, card.n.value.family, card.n.value.given) == (
        ["Joe's Plumbing"],
        "Bloggs",
        "Joe",
    )
    assert card.title.value == "emergency plumbing, boilers"
    assert card.note.value == (
        "emergency plumbing, boilers\nReferrals: you gave 1, got 2 - you owe them\n\n"
        "ask for Joe\nnot the office"
    )
    assert card.categories.value == ["trades", "24/7"]
    assert card.tel.value == "555 0100" and card.tel.params["TYPE"] == ["WORK", "VOICE"]
    assert card.x_abshowas.value == "COMPANY"  # an iPhone lists the company, not Joe
    # The words are those of `recip balance`.
    balance = {row["partner"]: row for row in recip.json("balance")}
    assert balance["Joe's Plumbing"]["status"] == "you_owe"
    assert "you owe" in recip("balance").stdout


def test_the_balance_line_says_each_partner_s_own_balance(recip, shop, tmp_path):
    found = cards(export(recip, tmp_path))
    assert found["Harbor View Hotel"].note.value == (
        "hotel, 40 rooms\nReferrals: you gave 1, got 0 - they owe you"
    )
    assert found["Acme Roofing"].note.value == "roofs, gutters"  # nothing passed yet: no line


def test_every_balance_comes_from_one_query(recip, shop, tmp_path):
    """The statements an export runs do not grow with the partners it writes."""

    def statements() -> int:
        run: list[str] = []

        def count(connection, cursor, statement, *args):
            run.append(statement)

        event.listen(Engine, "before_cursor_execute", count)
        try:
            export(recip, tmp_path)
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        return len(run)

    few = statements()
    for number in range(12):
        recip("partner", "add", f"Partner {number:02d} Bakery", "--force")
        recip("give", f"Partner {number:02d} Bakery")
    assert statements() == few


def test_vcard_4(recip, shop, tmp_path):
    path = export(recip, tmp_path, "--vcard-version", "4.0")
    text = path.read_text()
    assert text.count("VERSION:4.0") == text.count("BEGIN:VCARD") == 3
    assert text.count("KIND:org") == 3 and "VERSION:3.0" not in text
    assert "TEL;TYPE=work,voice;VALUE=text:555 0100" in text.splitlines()
    assert "EMAIL;TYPE=work:joe@example.com" in text.splitlines()
    card = cards(path)["Joe's Plumbing"]
    assert (card.n.value.family, card.title.value) == ("Bloggs", "emergency plumbing, boilers")
    assert "n" not in cards(path)["Acme Roofing"].contents  # no person: no N (3.0 needs one)
    # Without --format, --vcard-version alone means vCards.
    assert recip("export", "--vcard-version", "4").stdout.splitlines() == text.splitlines()


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_an_address_book_shows_the_same(recip, shop, tmp_path, version):
    shown = {
        card["full-name"]: card
        for card in address_book(export(recip, tmp_path, "--vcard-version", version))
    }
    joe = shown["Joe's Plumbing"]
    assert (joe["org"], joe["family"], joe["given"]) == ("Joe's Plumbing", "Bloggs", "Joe")
    assert (joe["title"], joe["business-phone"]) == ("emergency plumbing, boilers", "555 0100")
    assert (joe["email-1"], joe["homepage-url"]) == ("joe@example.com", "joes.example")
    assert joe["categories"] == "trades,24/7"
    assert joe["work-street"] == "1 High St, Harbourtown"
    assert joe["note"].splitlines()[1] == "Referrals: you gave 1, got 2 - you owe them"
    version_shown = {name: values for name, values, _ in joe["attributes"]}["VERSION"]
    assert version_shown == [version]
    assert set(shown) == {"Joe's Plumbing", "Harbor View Hotel", "Acme Roofing"}


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_recip_s_own_cards_restore_every_field_exactly(recip, shop, tmp_path, monkeypatch, version):
    # Texts a phone would change: ends trimmed, a lone carriage return made a line break,
    # and the escape recip writes for it, written literally.
    recip(
        *("partner", "edit", "joe", "--does", "pipes\rboilers\r\n24/7 %0D 100%25 %"),
        *("--note", "\r", "--address", " 1 High St\r\n Harbourtown ", "--phone", " 555 0100 "),
        *("--contact", " Joe  Bloggs ", "--website", "x%0Dy"),
    )
    recip("partner", "edit", "harbor", "--gift-every", "365")
    recip("partner", "archive", "acme")
    before = recip.json("partner", "list", "--all")
    path = export(recip, tmp_path, "--vcard-version", version)
    assert b"\r" not in path.read_bytes().replace(b"\r\n", b"")  # every line CRLF
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "restored.db"))
    recip("import", str(path))
    kept = ("given", "got", "status")  # referrals are not in cards
    after = recip.json("partner", "list", "--all")
    assert [{k: v for k, v in p.items() if k not in kept} for p in after] == [
        {k: v for k, v in p.items() if k not in kept} for p in before
    ]


def test_cards_of_an_older_recip_import_as_before(recip):
    """Written by recip before phones were shown in full: the kind in CATEGORIES, the
    notes in NOTE, no %-escapes."""
    out = recip("import", str(FIXTURES / "recip-old-3.0.vcf")).stdout
    assert "added 2 partners" in out
    joe = recip.json("partner", "show", "joe")
    assert {k: joe[k] for k in ("does", "kind", "contact", "tags", "notes", "touch_every")} == {
        "does": "emergency plumbing, boilers; call-out 100% refunded",
        "kind": "supplier",
        "contact": "Joe Bloggs",
        "tags": ["trades", "24/7"],
        "notes": "ask for Joe; not the office\n after 6pm: mobile",
        "touch_every": None,
    }
    harbor = recip.json("partner", "show", "harbor")
    assert (harbor["kind"], harbor["does"], harbor["tags"]) == ("networking", "hotel, 40 rooms", [])


PHONE_BOOK = """BEGIN:VCARD\r
VERSION:3.0\r
N:Doe;Jane;;;\r
FN:Jane Doe\r
TEL;TYPE=CELL:555 1111\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:Bloggs;Joe;;;\r
FN:Joe Bloggs\r
ORG:Joe's Plumbing;\r
TEL;TYPE=WORK:555 0100\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
KIND:org\r
FN:Harbor View Hotel\r
TEL;VALUE=uri;TYPE=work:tel:+1-555-0200\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:2.1\r
N:;Mum\r
FN:Mum\r
TEL;CELL:555 2222\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:Okafor;Chidi;;Dr.;\r
FN:Dr. Chidi\\nOkafor\r
EMAIL:chidi@example.com\r
END:VCARD\r
"""


@pytest.fixture
def phone_book(tmp_path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text(PHONE_BOOK, newline="")
    return path


def test_a_phone_s_private_contacts_are_left_out(recip, phone_book):
    out = recip("import", str(phone_book)).stdout.splitlines()
    assert out == [
        "Imported contacts.vcf (vcard): added 2 partners; updated nothing; skipped nothing "
        "(already present).",
        "Skipped 3 private contacts (no company); --all imports them too.",
    ]
    listed = {p["name"]: p for p in recip.json("partner", "list")}
    assert set(listed) == {"Joe's Plumbing", "Harbor View Hotel"}
    assert listed["Joe's Plumbing"]["contact"] == "Joe Bloggs"
    assert listed["Harbor View Hotel"]["phone"] == "+1-555-0200"


def test_a_dry_run_names_them(recip, phone_book, db_path):
    recip("partner", "add", "Acme Roofing")
    before = table_dump(db_path)
    out = recip("import", str(phone_book), "--dry-run").stdout.splitlines()
    assert out[:5] == [
        "Dry run, nothing written. Would have added 2 partners; updated nothing; skipped "
        "nothing (already present).",
        "Would have skipped 3 private contacts (no company); --all imports them too:",
        "  Jane Doe (line 1)",
        "  Mum (line 20)",
        "  Dr. Chidi Okafor (line 26)",
    ]
    # Then the partners it would add, by name, with the fields each card fills.
    rows = [line.split() for line in out[5:] if line.split()[:2] in (["7", "add"], ["14", "add"])]
    assert rows == [
        ["7", "add", "Joe's", "Plumbing", "contact,", "phone"],
        ["14", "add", "Harbor", "View", "Hotel", "phone"],
    ]
    assert table_dump(db_path) == before


def test_all_imports_them_too(recip, phone_book):
    out = recip("import", str(phone_book), "--all").stdout
    assert "added 5 partners" in out and "private" not in out
    assert recip.json("partner", "show", "mum")["phone"] == "555 2222"


def test_a_private_contact_is_never_checked_unless_imported(recip, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(PHONE_BOOK + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n")
    assert "Skipped 4 private contacts" in recip("import", str(path)).stdout
    assert recip.fails("import", str(path), "--all") == (
        "Error: line 32: this vCard has neither FN nor ORG, so no name."
    )


def test_all_is_for_vcards(recip, tmp_path):
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    assert recip.fails("import", str(backup), "--all", code=2) == (
        "Error: --all is for vCards (.vcf); a backup or a CSV imports every row."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vcard-version", "2.1"], '--vcard-version "2.1" is not one of: 3.0, 4.0.'),
        (["--format", "csv", "--vcard-version", "4.0"], "--vcard-version is for vCards"),
        (["--vcard-version", "4.0", "--output", "x.json"], "not json"),
    ],
)
def test_a_vcard_version_that_does_not_fit(recip, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert message in recip.fails("export", *args, code=2)
    assert not (tmp_path / "x.json").exists()
