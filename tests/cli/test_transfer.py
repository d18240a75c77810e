"""export, import and db backup: round trips, idempotency, all-or-nothing, real vCards;
an imported backup is checked as the CLI checks what is typed; no copy onto the database."""

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, table_dump


@pytest.fixture
def history(recip, partners):
    recip(
        "partner",
        "edit",
        "joe",
        "--email",
        "joe@example.com",
        "--website",
        "joes.example",
        "--address",
        "1 High St, Harbourtown",
        "--note",
        "ask for Joe\nnot the office",
        "--contact",
        "Joe Bloggs",
        "--kind",
        "supplier",
        "--touch-every",
        "30",
    )
    recip("partner", "add", "=cmd|' /C calc'!A0", "--does", "-2+3", "--phone", "+44 20 7946 0000")
    recip(
        "give",
        "joe",
        "--customer",
        "Mrs. Patel",
        "--contact",
        "555 0111",
        "--note",
        'said "asap", 🙂',
        "--heat",
        "4",
        "--value",
        "1250.50",
        "--status",
        "won",
        "--by",
        "sam",
        "--date",
        "2026-11-02",
    )
    recip("got", "harbor", "--customer", "@home", "--date", "2026-11-10")
    recip("got", "harbor", "--date", "2026-11-10")  # the same again: two real referrals
    recip("thank", "harbor", "--gift", "wine", "--cost", "25")
    recip("touch", "acme", "--kind", "meeting", "--note", "coffee", "--date", "2026-11-05")
    recip("give", "=cmd")
    recip("config", "currency", "EUR")
    recip("partner", "archive", "acme")


def export(recip, tmp_path, name, *args):
    path = tmp_path / name
    recip("export", "--output", str(path), *args)
    return path


def fresh(monkeypatch, tmp_path, name="restored.db"):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / name))


def test_json_backup_round_trip_is_exact(recip, history, tmp_path, monkeypatch):
    first = export(recip, tmp_path, "backup.json")
    assert os.stat(first).st_mode & 0o777 == 0o600
    document = json.loads(first.read_text())
    assert (document["format"], document["version"]) == ("recip-backup", 1)
    assert len(document["referrals"]) == 4 and len(document["touches"]) == 2
    fresh(monkeypatch, tmp_path)
    out = recip("import", str(first)).stdout
    assert "added 4 partners, 1 setting, 4 referrals, 2 touches" in out
    second = export(recip, tmp_path, "again.json")
    assert second.read_text() == first.read_text()
    assert recip.json("log")[-1]["id"] == 1  # ids kept


def test_importing_twice_adds_nothing(recip, history, tmp_path, monkeypatch):
    backup = export(recip, tmp_path, "backup.json")
    referrals = export(recip, tmp_path, "referrals.csv", "--format", "csv")
    out = recip("import", str(backup)).stdout
    assert "added nothing" in out and "skipped 4 partners, 1 setting, 4 referrals, 2 touches" in out
    assert "added nothing" in recip("import", str(referrals)).stdout
    fresh(monkeypatch, tmp_path)
    recip("import", str(backup))
    before = table_dump(tmp_path / "restored.db")
    recip("import", str(backup))
    recip("import", str(referrals))
    assert table_dump(tmp_path / "restored.db") == before


def test_referral_csv_header_guard_and_round_trip(recip, history, tmp_path, monkeypatch):
    path = export(recip, tmp_path, "referrals.csv", "--format", "csv")
    lines = path.read_text().splitlines()
    assert lines[0] == (
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,thanked_on"
        ",closed_on"  # DESIGN's header, then recip's newer columns at the end
    )
    assert lines[1] == (
        '1,2026-11-02,given,Joe\'s Plumbing,Mrs. Patel,555 0111,"said ""asap"", 🙂",4,'
        "1250.50,won,sam,,2026-11-02"
    )
    assert "'@home" in path.read_text() and "'=cmd|' /C calc'!A0" in path.read_text()
    partners_csv = export(recip, tmp_path, "partners.csv", "--format", "csv", "--what", "partners")
    fresh(monkeypatch, tmp_path)
    recip("import", str(partners_csv))
    recip("import", str(path))
    assert export(recip, tmp_path, "again.csv", "--format", "csv").read_text() == path.read_text()
    again = export(recip, tmp_path, "again-partners.csv", "--format", "csv", "--what", "partners")
    assert again.read_text() == partners_csv.read_text()
    assert recip.json("partner", "show", "=cmd")["name"] == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("'=keep my quote", "''=keep my quote"),  # was "=keep my quote" after a round trip
        ("'@home", "''@home"),
        ("'plain", "''plain"),
        ("'", "''"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("it's", "it's"),
    ],
)
def test_a_csv_round_trip_keeps_every_leading_apostrophe(
    recip, joe, tmp_path, monkeypatch, text, cell
):
    recip("give", "joe", "--customer", text, "--note", text)
    path = export(recip, tmp_path, "referrals.csv", "--format", "csv")
    assert path.read_text().splitlines()[2].split(",")[4] == cell
    fresh(monkeypatch, tmp_path)
    recip("partner", "add", "Joe's Plumbing")
    recip("import", str(path))
    assert [(e["customer"], e["note"]) for e in recip.json("log")] == [(text, text), (None, None)]


def test_vcf_round_trip_carries_every_field(recip, history, tmp_path, monkeypatch):
    path = export(recip, tmp_path, "partners.vcf")
    assert path.read_text().count("BEGIN:VCARD") == 4
    original = {p["name"]: p for p in recip.json("partner", "list", "--all")}
    fresh(monkeypatch, tmp_path)
    assert "added 4 partners" in recip("import", str(path)).stdout
    restored = {p["name"]: p for p in recip.json("partner", "list", "--all")}
    carried = ("does", "kind", "contact", "phone", "email", "website", "address", "tags", "notes")
    for name, partner in original.items():
        assert {k: restored[name][k] for k in carried} == {k: partner[k] for k in carried}


def test_real_world_vcards(recip):
    for name in ("android-2.1.vcf", "iphone-3.0.vcf", "nextcloud-4.0.vcf", "outlook-2.1.vcf"):
        recip("import", str(FIXTURES / name))
    # Android's "Harbor View Hotel" is a name without a company (N, FN): a private contact.
    assert "Harbor View Hotel" not in {p["name"] for p in recip.json("partner", "list")}
    recip("import", str(FIXTURES / "android-2.1.vcf"), "--all")
    got = {p["name"]: p for p in recip.json("partner", "list")}
    assert set(got) == {
        "Müller Elektro GmbH",
        "Harbor View Hotel",
        "Patel & Daughters Florists",
        "Café Crème",
        "Smith Garage",
    }
    muller = got["Müller Elektro GmbH"]
    assert muller["contact"] == "Jürgen Müller"
    assert muller["phone"] == "+49 170 1234567 / +49 30 987654"  # several phones per card
    assert muller["address"] == "Hauptstraße 1, Berlin, 10115, Deutschland"
    # quoted-printable across a soft line break
    assert muller["notes"] == (
        "Notdienst rund um die Uhr, auch sonntags. Fragt nach Jürgen, nicht nach der Zentrale."
    )
    patel = got["Patel & Daughters Florists"]
    assert patel["email"] == "priya@pateldaughters.example"
    assert patel["website"] == "https://pateldaughters.example"
    assert patel["tags"] == ["florist", "events"]
    assert patel["notes"] == (
        "Weddings, funerals, corporate. Closed Mondays.\nAsk about the loyalty card."
    )
    cafe = got["Café Crème"]
    assert (cafe["kind"], cafe["tags"], cafe["phone"]) == (
        "networking",
        ["coffee"],
        "+33-1-55-55-03-00",
    )
    assert got["Smith Garage"]["notes"] == "Café owner\u2019s friend"  # windows-1252


def test_vcard_fills_missing_fields_only_unless_overwrite(recip):
    recip("partner", "add", "Harbor View Hotel", "--phone", "555 9999")
    out = recip("import", str(FIXTURES / "android-2.1.vcf"), "--all").stdout
    assert "added 1 partner; updated nothing; skipped 1 partner" in out
    assert recip.json("partner", "show", "harbor")["phone"] == "555 9999"
    recip("import", str(FIXTURES / "android-2.1.vcf"), "--overwrite", "--all")
    assert recip.json("partner", "show", "harbor")["phone"] == "555 0200"


def test_dry_run_writes_nothing(recip, history, tmp_path, db_path):
    backup = export(recip, tmp_path, "backup.json")
    recip("rm", "4", "--yes")
    before = table_dump(db_path)
    out = recip("import", str(backup), "--dry-run").stdout
    assert out.startswith("Dry run, nothing written. Would have added 1 referral;")
    assert table_dump(db_path) == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("9,2026-02-30,given,Joe's Plumbing,,,,,,open,,", 'line 3: date "2026-02-30" is not'),
        ("9,2026-11-01,sideways,Joe's Plumbing,,,,,,open,,", "line 3: --direction"),
        ("9,2026-11-01,given,Nobody Ltd,,,,,,open,,", 'line 3: no partner named "Nobody Ltd"'),
        ("9,2026-11-01,given,Joe's Plumbing,,,,7,,open,,", "line 3: --heat"),
        ("9,2026-11-01,given,Joe's Plumbing,,,,,-4,open,,", "line 3: --value"),
        ("x,2026-11-01,given,Joe's Plumbing,,,,,,open,,", 'line 3: id "x"'),
        ("9,2026-11-01,given,Joe's Plumbing,,,,,,open,,,extra", "line 3: has more cells"),
    ],
)
def test_a_bad_row_stops_everything(recip, partners, tmp_path, db_path, row, message):
    recip("give", "joe")
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n8,2026-11-01,got,Joe's Plumbing,,,,,,open,,\n" + row + "\n"
    )
    before = table_dump(db_path)
    before_bytes = db_path.read_bytes() if isinstance(db_path, Path) else None
    assert message in recip.fails("import", str(path))
    assert table_dump(db_path) == before
    if before_bytes is not None:
        assert db_path.read_bytes() == before_bytes


def test_a_csv_direction_may_be_any_word_for_it(recip, partners, tmp_path):
    """A spreadsheet says Gave, sent or received: stored as given or got."""
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n,2026-11-01,Gave,Joe's Plumbing,,,,,,,,\n,2026-11-02,received,Acme Roofing"
        ",,,,,,,,\n,2026-11-03,OUT,Acme Roofing,,,,,,,,\n,2026-11-04,in,Joe's Plumbing,,,,,,,,\n"
    )
    recip("import", str(path))
    assert [(e["date"], e["direction"]) for e in recip.json("log")] == [
        ("2026-11-04", "got"),
        ("2026-11-03", "given"),
        ("2026-11-02", "got"),
        ("2026-11-01", "given"),
    ]


def test_create_partners(recip, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n,2026-11-01,got,New Friend,,,,,,,,\n,2026-11-01,got,New Friend,,,,,,,,\n"
    )
    assert "no partner named" in recip.fails("import", str(path))
    out = recip("import", str(path), "--create-partners").stdout
    assert "added 1 partner, 2 referrals" in out
    assert "skipped 2 referrals" in recip("import", str(path)).stdout


def test_new_partners_beyond_one_batch_each_get_their_own_referrals(recip, tmp_path):
    # More new partners than are inserted at once, some named again further on.
    names = [f"Partner {number:04d} Roofing" for number in range(1_200)]
    named = [*names, *names[::-7]]
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n"
        + "".join(f",2026-11-01,got,{name},c{row},,,,,,,\n" for row, name in enumerate(named))
    )
    out = recip("import", str(path), "--create-partners").stdout
    assert "added 1200 partners, 1372 referrals" in out
    entries = recip.json("log", "--limit", "0")
    assert sorted((e["customer"], e["partner"]) for e in entries) == sorted(
        (f"c{row}", name) for row, name in enumerate(named)
    )


def test_import_never_adds_a_near_duplicate(recip, joe, tmp_path, db_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n,2026-11-01,got,Joe Plumbing,,,,,,,,\n"
    )
    before = table_dump(db_path)
    line = recip.fails("import", str(path), "--create-partners")
    assert 'line 2: "Joe Plumbing" looks like the existing partner "Joe\'s Plumbing"' in line
    assert table_dump(db_path) == before


def referrals_csv(tmp_path, *partners: str) -> Path:
    """A CSV of referrals got on one day, one from each partner named."""
    header = "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
    rows = "".join(f',2026-11-01,got,"{p}",,,,,,,,\n' for p in partners)
    path = tmp_path / "in.csv"
    path.write_text(f"{header}thanked_on\n{rows}")
    return path


@pytest.mark.parametrize("create", [[], ["--create-partners"]])
@pytest.mark.parametrize(
    ("typed", "close"),
    [("Acme Roofing & Gutters", "Acme Roofing"), ("Harbour View Hotel", "Harbor View Hotel")],
)
def test_import_names_the_partner_a_new_name_is_close_to(
    recip, partners, tmp_path, db_path, create, typed, close
):
    # ("Harbor View" is the start of "Harbor View Hotel": found, as recip give finds it.)
    path = referrals_csv(tmp_path, "Joe's Plumbing", typed)
    before = table_dump(db_path)
    assert recip.fails("import", str(path), *create) == (
        f'Error: line 3: "{typed}" looks like the existing partner "{close}"; use that name '
        "in the file, or add it first with recip partner add --force."
    )
    assert table_dump(db_path) == before


def test_import_matches_names_as_partner_add_compares_them(recip, partners, tmp_path):
    recip("partner", "add", "Café Flore")
    path = referrals_csv(
        tmp_path, "cafe flore", "ACME ROOFING LTD", "Harbor View Hotel, Inc.", "joes plumbing"
    )
    out = recip("import", str(path)).stdout
    assert "added 4 referrals" in out
    for typed, name in [
        ("cafe flore", "Café Flore"),
        ("ACME ROOFING LTD", "Acme Roofing"),
        ("Harbor View Hotel, Inc.", "Harbor View Hotel"),
        ("joes plumbing", "Joe's Plumbing"),
    ]:
        assert f'matched "{typed}" to the existing partner "{name}"' in out
    assert sorted(e["partner"] for e in recip.json("log")) == [
        "Acme Roofing",
        "Café Flore",
        "Harbor View Hotel",
        "Joe's Plumbing",
    ]


def test_import_refuses_a_name_that_could_be_two_partners(recip, partners, tmp_path, db_path):
    recip("partner", "add", "Acme Roofing Ltd", "--force")
    path = referrals_csv(tmp_path, "Acme Roofing Inc")
    before = table_dump(db_path)
    assert recip.fails("import", str(path)) == (
        'Error: line 2: "Acme Roofing Inc" could be "Acme Roofing" or "Acme Roofing Ltd"; '
        "use the exact name."
    )
    assert table_dump(db_path) == before


def test_import_checks_new_partners_of_a_vcard_too(recip, partners, tmp_path, db_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Harbor View\nORG:Harbor View\nEND:VCARD\n")
    before = table_dump(db_path)
    assert 'looks like the existing partner "Harbor View Hotel"' in recip.fails("import", str(path))
    assert table_dump(db_path) == before


def test_a_backup_restores_near_duplicates_added_with_force(recip, tmp_path, monkeypatch):
    names = ["Acme", "Acme Roofing", "Cafe Flore", "Café Flore", "Joe's Plumbing", "Joes Plumbing"]
    for name in names:
        recip("partner", "add", name, "--force")
        recip("give", name)
    path = export(recip, tmp_path, "backup.json")
    fresh(monkeypatch, tmp_path)
    out = recip("import", str(path)).stdout
    assert "added 6 partners, 6 referrals" in out and "matched" not in out
    assert sorted((row["partner"], row["given"]) for row in recip.json("balance")) == [
        (name, 1) for name in sorted(names)
    ]
    assert "skipped 6 partners, 6 referrals" in recip("import", str(path)).stdout


def test_unreadable_files(recip, tmp_path):
    bad_json = tmp_path / "x.json"
    bad_json.write_text('{"format": "recip-backup", "version": 1,\n  "partners": [\n')
    assert "line 3: is not valid JSON" in recip.fails("import", str(bad_json))
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "recip-backup", "version": 9}')
    assert "version 9" in recip.fails("import", str(newer))
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    assert "not a file recip reads" in recip.fails("import", str(other))
    broken = tmp_path / "broken.vcf"
    broken.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Half\n")
    assert "line 1: a vCard starts here but has no END:VCARD" in recip.fails("import", str(broken))
    assert "Cannot read" in recip.fails("import", str(tmp_path / "missing.csv"))


def test_backup_record_lines_are_reported(recip, history, tmp_path, monkeypatch):
    backup = export(recip, tmp_path, "backup.json")
    lines = backup.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if '"direction": "got"' in line)
    lines[index] = lines[index].replace('"2026-11-10"', '"2026-11-31"', 1)
    backup.write_text("\n".join(lines))
    fresh(monkeypatch, tmp_path)
    assert f"line {index + 1}: date" in recip.fails("import", str(backup))


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"name": 123}, "name must be text, not a number."),
        ({"name": "A", "does": 5}, "does must be text, not a number."),
        ({"name": "A", "tags": [1, 2]}, "tags must be a list of text; one of them is a number."),
        ({"name": "A", "created_at": 5}, "created_at must be an ISO 8601 timestamp, not a number"),
    ],
)
def test_backup_with_wrong_json_types_names_the_line(recip, tmp_path, record, message):
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps({"format": "recip-backup", "version": 1, "partners": [record]}, indent=1)
    )
    line = recip.fails("import", str(path))
    assert line.startswith("Error: line 5:") and message in line  # where the record opens


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "3000-01-01", "is outside 1900-01-01 to 2999-12-31"),
        ("date", "20261101", "not a date (YYYY-MM-DD)"),
        ("date", 20261101, "not a date (YYYY-MM-DD)"),
        ("heat", 0, "--heat"),
        ("id", "99999999999999999999999", "is not a whole number"),
    ],
)
def test_backup_referrals_are_checked_like_the_cli(recip, joe, tmp_path, field, value, message):
    row = {
        "id": 7,
        "date": "2026-11-01",
        "direction": "got",
        "partner": "Joe's Plumbing",
        "status": "open",
        field: value,
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"format": "recip-backup", "version": 1, "referrals": [row]}))
    assert message in recip.fails("import", str(path))


CSV_HEADER = "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"


def _referrals_csv(tmp_path, *values: str) -> Path:
    path = tmp_path / "in.csv"
    rows = [f',2026-11-0{n + 1},got,Joe\'s Plumbing,,,,,"{v}",won,,' for n, v in enumerate(values)]
    path.write_text(CSV_HEADER + "thanked_on\n" + "\n".join(rows) + "\n")
    return path


def test_csv_values_are_read_as_the_cli_reads_them(recip, joe, tmp_path):
    recip("import", str(_referrals_csv(tmp_path, "$1,200", "1.234,50 €", "2 400", "12,50")))
    values = [e["value"] for e in recip.json("log", "--direction", "got")]
    assert sorted(values) == [12.5, 1200, 1234.5, 2400]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.200", 'line 3: --value "1.200" could be 1.2 or 1200'),
        ("12 EUR", 'line 3: --value "12 EUR" is in EUR, but this database keeps amounts in $'),
    ],
)
def test_csv_values_that_could_mislead_stop_the_import(
    recip, joe, tmp_path, db_path, value, message
):
    recip("config", "currency", "$")
    before = table_dump(db_path)
    assert message in recip.fails("import", str(_referrals_csv(tmp_path, "USD 5", value)))
    assert table_dump(db_path) == before


def test_a_backup_holds_its_amounts_to_its_own_currency(recip, tmp_path):
    def backup(value: str) -> Path:
        path = tmp_path / "b.json"
        document = {
            "format": "recip-backup",
            "version": 1,
            "settings": {"currency": "€"},
            "partners": [{"name": "Joe"}],
            "touches": [{"date": "2026-11-01", "kind": "gift", "partner": "Joe", "cost": value}],
        }
        path.write_text(json.dumps(document))
        return path

    assert "is in $, but this database keeps amounts in €" in recip.fails(
        "import", str(backup("$12"))
    )
    recip("import", str(backup("12 EUR")))
    assert recip.json("partner", "show", "joe")["touches"][0]["cost"] == 12


def test_exported_amounts_import_exactly(recip, joe, tmp_path, monkeypatch):
    for value in ("0.01", "0.10", "1", "1000", "1234.5", "1000000", "999999999999.99"):
        recip("got", "joe", "--value", value)
    recip("thank", "joe", "--cost", "1,000.05")
    backup = export(recip, tmp_path, "backup.json")
    referrals = export(recip, tmp_path, "referrals.csv", "--format", "csv")
    for name, files in (("from-json.db", [backup]), ("from-csv.db", [referrals])):
        fresh(monkeypatch, tmp_path, name)
        recip("partner", "add", "Joe's Plumbing")
        for path in files:
            recip("import", str(path))
        again = export(recip, tmp_path, f"{name}.csv", "--format", "csv")
        assert again.read_text() == referrals.read_text()
    fresh(monkeypatch, tmp_path, "from-json.db")
    assert recip.json("partner", "show", "joe")["touches"][0]["cost"] == 1000.05


def test_backup_version_and_settings_types(recip, tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"format": "recip-backup", "version": true}')
    assert "version True" in recip.fails("import", str(path))
    path.write_text('{"format": "recip-backup", "version": 1, "settings": [1]}')
    assert '"settings" in the backup must be an object' in recip.fails("import", str(path))


@pytest.mark.sqlite_only
def test_db_backup_is_a_consistent_private_copy(recip, history, tmp_path):
    target = tmp_path / "copy.db"
    assert "Backed up" in recip("db", "backup", str(target)).stdout
    assert os.stat(target).st_mode & 0o777 == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM referral").fetchone() == (4,)
    assert recip.json("--db", str(target), "log")[0]["partner"] == "=cmd|' /C calc'!A0"
    assert "exists; pass --replace" in recip.fails("db", "backup", str(target))
    recip("db", "backup", str(target), "--replace")


def _full_disk_for_the_copy(monkeypatch):
    """The backup's scratch file can hold one page: SQLite's own "database or disk is full",
    with the rollback journal it leaves behind on a real full disk."""
    connect = sqlite3.connect

    def connect_on_a_full_disk(database, *args, **kwargs):
        connection = connect(database, *args, **kwargs)
        if ".recip-" in str(database):
            connection.execute("PRAGMA journal_mode = PERSIST")
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_on_a_full_disk)


def _full_disk_at_the_rename(monkeypatch):
    def no_space(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("full_disk", [_full_disk_for_the_copy, _full_disk_at_the_rename])
def test_a_backup_to_a_full_disk_names_the_target_and_leaves_nothing(
    recip, history, db_path, tmp_path, monkeypatch, full_disk
):
    folder = tmp_path / "usb"
    folder.mkdir()
    before = table_dump(db_path)
    with monkeypatch.context() as patch:
        full_disk(patch)
        line = recip.fails("db", "backup", str(folder / "b.db"))
    assert line == f"Error: Cannot write the backup {folder / 'b.db'}: the disk is full."
    assert list(folder.iterdir()) == []  # no scratch file, journal or half a copy
    assert table_dump(db_path) == before


@pytest.mark.sqlite_only
def test_backup_onto_the_database_itself_is_refused(recip, joe, db_path, tmp_path, monkeypatch):
    before = table_dump(db_path)
    monkeypatch.chdir(tmp_path / "home" if (tmp_path / "home").exists() else tmp_path)
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    for target in ("../recip.db", str(link)):
        line = recip.fails("db", "backup", target, "--replace")
        assert "another file than the database itself" in line
    assert table_dump(db_path) == before


def test_progress_bar_only_in_a_terminal(recip, history, tmp_path, monkeypatch):
    from reciprocity_cli.cli import transfer

    backup = export(recip, tmp_path, "backup.json")
    monkeypatch.setattr(transfer, "PROGRESS_FROM", 1)
    fresh(monkeypatch, tmp_path, "piped.db")
    piped = recip("import", str(backup))
    # Not a terminal: no bar, only the note that the import made a new database.
    assert piped.stderr == f"Note: Created a new database at {tmp_path / 'piped.db'}.\n"
    monkeypatch.setattr(transfer, "stderr_is_terminal", lambda: True)
    fresh(monkeypatch, tmp_path, "terminal.db")
    shown = recip("import", str(backup))
    assert "added 4 partners" in shown.stdout
    assert "Importing" in shown.stderr


def test_new_entries_after_restoring_a_backup_get_new_ids(
    recip, history, tmp_path, another_database
):
    """A backup keeps its ids; recording in the database it was restored into must not
    collide with them (PostgreSQL's id sequences do not move when rows arrive with ids)."""
    backup = export(recip, tmp_path, "backup.json")
    ids = [e["id"] for e in recip.json("log")]
    restored = ["--db", str(another_database)]
    recip(*restored, "import", str(backup))
    assert sorted(e["id"] for e in recip.json(*restored, "log")) == sorted(ids)
    recip(*restored, "give", "joe", "--customer", "After the restore")
    recip(*restored, "thank", "joe", "--force")
    recip(*restored, "touch", "joe", "--kind", "meeting")
    newest = recip.json(*restored, "log")[0]
    assert newest["customer"] == "After the restore" and newest["id"] > max(ids)


# closed_on: carried by the backup and the CSV, read back from files that predate it.

OLD_CSV_HEADER = CSV_HEADER + "thanked_on\n"  # what recip wrote before closed_on


def _closed(recip, *db: str) -> list[tuple]:
    return [(e["id"], e["status"], e["closed_on"]) for e in recip.json(*db, "log")]


def test_backup_and_csv_carry_closed_on(recip, partners, tmp_path, another_database):
    recip("give", "joe", "--date", "2026-11-02")
    recip("got", "harbor", "--date", "2026-11-03")
    recip("give", "acme", "--date", "2026-11-04")
    recip("won", "1", "--date", "2026-11-20")
    recip("lost", "2", "--date", "2026-11-21")
    expected = [(3, "open", None), (2, "lost", "2026-11-21"), (1, "won", "2026-11-20")]
    backup = export(recip, tmp_path, "backup.json")
    records = json.loads(backup.read_text())["referrals"]
    assert [r["closed_on"] for r in records] == ["2026-11-20", "2026-11-21", None]
    table = export(recip, tmp_path, "referrals.csv", "--format", "csv")
    assert table.read_text().splitlines()[1].endswith(",won,tester,,2026-11-20")
    db = ("--db", str(another_database))
    recip(*db, "import", str(backup))
    assert _closed(recip, *db) == expected
    recip(*db, "edit", "1", "--status", "open")  # the CSV, imported with --overwrite, closes it
    recip(*db, "import", str(table), "--overwrite")
    assert _closed(recip, *db) == expected


def test_an_old_csv_without_closed_on_still_imports(recip, joe, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        OLD_CSV_HEADER + ",2026-11-01,got,Joe's Plumbing,,,,,,won,,\n"
        ",2026-11-02,given,Joe's Plumbing,,,,,,lost,,\n,2026-11-03,got,Joe's Plumbing,,,,,,,,\n"
    )
    assert "added 3 referrals" in recip("import", str(path)).stdout
    assert _closed(recip)[1:] == [
        (4, "open", None),
        (3, "lost", "2026-11-02"),  # closed on its own date, as the upgrade did
        (2, "won", "2026-11-01"),
    ]


def test_an_old_backup_without_closed_on_still_imports(recip, joe, tmp_path):
    row = {"id": 7, "date": "2026-11-01", "direction": "got", "partner": "Joe's Plumbing"}
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps(
            {"format": "recip-backup", "version": 1, "referrals": [{**row, "status": "won"}]}
        )
    )
    recip("import", str(path))
    assert _closed(recip)[-1] == (7, "won", "2026-11-01")


@pytest.mark.parametrize(
    ("status", "closed_on", "message"),
    [
        ("open", "2026-11-05", "line 2: closed_on 2026-11-05 is given, but the referral is open."),
        ("", "2026-11-05", "closed_on 2026-11-05 is given, but the referral is open."),
        ("won", "2026-10-31", "line 2: closed_on 2026-10-31 is before the referral's date "),
        ("lost", "2026-11-31", 'line 2: closed_on "2026-11-31" is not a real date.'),
        ("won", "yesterday", 'line 2: closed_on "yesterday" is not a date (YYYY-MM-DD).'),
    ],
)
def test_a_closed_on_that_cannot_be_stops_the_import(
    recip, joe, tmp_path, db_path, status, closed_on, message
):
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(
        OLD_CSV_HEADER.replace("\n", ",closed_on\n")
        + f",2026-11-01,got,Joe's Plumbing,,,,,,{status},,,{closed_on}\n"
    )
    row = {"date": "2026-11-01", "direction": "got", "partner": "Joe's Plumbing"}
    json_path = tmp_path / "in.json"
    json_path.write_text(
        '{"format": "recip-backup", "version": 1, "referrals": [\n'
        + json.dumps({**row, "status": status, "closed_on": closed_on})
        + "\n]}"
    )
    before = table_dump(db_path)
    assert message in recip.fails("import", str(csv_path))
    assert message in recip.fails("import", str(json_path))
    assert table_dump(db_path) == before


def test_a_won_row_with_an_empty_closed_on_closes_on_its_date(recip, joe, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        OLD_CSV_HEADER.replace("\n", ",closed_on\n")
        + ",2026-11-04,got,Joe's Plumbing,,,,,,won,,,\n"
    )
    recip("import", str(path))
    assert (2, "won", "2026-11-04") in _closed(recip)


def test_merging_keeps_the_closing_date_with_its_status(recip, joe, tmp_path):
    """Without --overwrite a referral keeps its status, so it takes no closing date from a
    file that says it closed; with it, status and date come together, and reopening clears."""
    recip("edit", "1", "--date", "2026-11-01")
    path = tmp_path / "in.csv"
    path.write_text(
        OLD_CSV_HEADER.replace("\n", ",closed_on\n")
        + "1,2026-11-01,given,Joe's Plumbing,,,a note,,,won,,,2026-11-09\n"
    )
    recip("import", str(path))
    assert _closed(recip) == [(1, "open", None)]
    assert recip.json("log")[0]["note"] == "a note"  # the empty field was filled
    recip("import", str(path), "--overwrite")
    assert _closed(recip) == [(1, "won", "2026-11-09")]
    path.write_text(
        OLD_CSV_HEADER.replace("\n", ",closed_on\n")
        + "1,2026-11-01,given,Joe's Plumbing,,,a note,,,open,,,\n"
    )
    recip("import", str(path), "--overwrite")
    assert _closed(recip) == [(1, "open", None)]


def test_a_closed_on_after_today_is_kept_and_noted(recip, joe, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        OLD_CSV_HEADER.replace("\n", ",closed_on\n")
        + ",2026-11-20,got,Joe's Plumbing,,,,,,won,,,2026-11-30\n"
    )
    result = recip("import", str(path))
    assert "1 referral dated after today (2026-11-23) kept as written" in result.stderr
    assert (2, "won", "2026-11-30") in _closed(recip)
