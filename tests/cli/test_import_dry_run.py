"""A dry run says what an import would do by name: the partners it would add or update
(which fields), the referrals it would add, update or skip as already present; as tables,
or with --json every row, and nothing is written."""

import pytest

from tests.helpers import table_dump

SHEET = (
    "ID;Date;Type;Partner;Customer;Amount;Note\n"
    ";2026-04-03;Gave;joe;Mrs. Patel;$2,400;\n"
    ";2026-04-01;given;Joe's Plumbing;Kim;;\n"
    "2;2026-04-02;got;harbor;Lee;;called back\n"
    ";2026-04-05;got;New Friend Bakery;;;\n"
)


@pytest.fixture
def history(recip, partners):
    recip("give", "joe", "--date", "2026-04-01", "--customer", "Kim")
    recip("got", "harbor", "--date", "2026-04-02", "--customer", "Lee")


def cells(out: str) -> list[list[str]]:
    """The rows of the tables: lines that start with a line number."""
    return [line.split("  ") for line in out.splitlines() if line.strip()[:1].isdigit()]


def titles(out: str) -> set[str]:
    return {line.strip() for line in out.splitlines()}


def words(row: list[str]) -> list[str]:
    return [cell.strip() for cell in row if cell.strip()]


def test_a_dry_run_lists_each_row_by_name(recip, history, tmp_path, db_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET)
    before = table_dump(db_path)
    out = recip("import", str(path), "--dry-run", "--create-partners").stdout
    assert table_dump(db_path) == before
    assert out.splitlines()[:3] == [
        "Dry run, nothing written. Would have added 1 partner, 2 referrals; updated 1 referral; "
        "skipped 1 referral (already present).",
        '  matched "joe" to the existing partner "Joe\'s Plumbing"',
        '  matched "harbor" to the existing partner "Harbor View Hotel"',
    ]
    assert {"Partners", "Referrals"} <= titles(out)
    # What is added first, then updated, then skipped; each with the file's line.
    assert [words(row) for row in cells(out)] == [
        ["5", "add", "New Friend Bakery", "-"],
        ["2", "add", "2026-04-03", "given", "Joe's Plumbing", "Mrs. Patel", "2,400"],
        ["5", "add", "2026-04-05", "got", "New Friend Bakery"],
        ["4", "update #2 (note)", "2026-04-02", "got", "Harbor View Hotel", "Lee"],
        ["3", "skip: is #1", "2026-04-01", "given", "Joe's Plumbing", "Kim"],
    ]


def test_the_same_as_json(recip, history, tmp_path, db_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET)
    before = table_dump(db_path)
    report = recip.json("import", str(path), "--dry-run", "--create-partners")
    assert table_dump(db_path) == before
    assert (report["file"], report["kind"], report["written"]) == ("sheet.csv", "referrals", False)
    assert report["add"]["partners"] == [{"line": 5, "name": "New Friend Bakery", "fields": []}]
    assert report["add"]["referrals"] == [
        {
            "line": 2,
            "id": None,
            "date": "2026-04-03",
            "direction": "given",
            "partner": "Joe's Plumbing",
            "customer": "Mrs. Patel",
            "value": 2400,
            "status": "open",
        },
        {
            "line": 5,
            "id": None,
            "date": "2026-04-05",
            "direction": "got",
            "partner": "New Friend Bakery",
            "customer": None,
            "value": None,
            "status": "open",
        },
    ]
    [updated] = report["update"]["referrals"]
    assert (updated["line"], updated["id"], updated["fields"]) == (4, 2, ["note"])
    [skipped] = report["skip"]["referrals"]
    assert (skipped["line"], skipped["id"], skipped["customer"]) == (3, 1, "Kim")
    assert report["matched"] == [
        {"line": 2, "typed": "joe", "partner": "Joe's Plumbing"},
        {"line": 4, "typed": "harbor", "partner": "Harbor View Hotel"},
    ]
    assert set(report["add"]) == {"partners", "referrals", "touches", "settings", "closed_days"}
    assert report["update"]["partners"] == report["skip"]["partners"] == []


def test_json_after_a_real_import_says_what_it_wrote(recip, history, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET)
    report = recip.json("import", str(path), "--create-partners")
    assert report["written"] is True
    assert [row["line"] for row in report["add"]["referrals"]] == [2, 5]
    assert len(recip.json("log")) == 4
    again = recip.json("import", str(path))
    assert [row["line"] for row in again["skip"]["referrals"]] == [2, 3, 4, 5]
    assert again["add"]["referrals"] == again["update"]["referrals"] == []


def test_partners_to_update_name_their_fields(recip, partners, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "name,phone,email,website\nJoe's Plumbing,555 9999,joe@example.com,\n"
        "Acme Roofing,,,acme.example\nHarbor View Hotel,,,\nNew Co,555 1234,,\n"
    )
    out = recip("import", str(path), "--dry-run").stdout
    assert [words(row) for row in cells(out)] == [
        ["5", "add", "New Co", "phone"],
        ["2", "update", "Joe's Plumbing", "email"],  # the phone it has is kept
        ["3", "update", "Acme Roofing", "website"],
        ["4", "skip", "Harbor View Hotel", "-"],
    ]
    out = recip("import", str(path), "--dry-run", "--overwrite").stdout
    assert ["2", "update", "Joe's Plumbing", "phone, email"] in [words(r) for r in cells(out)]


def test_a_long_dry_run_shows_the_first_rows_and_counts_the_rest(recip, joe, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "date,direction,partner,customer\n"
        + "".join(f"2026-04-01,got,joe,c{n}\n" for n in range(120))
    )
    out = recip("import", str(path), "--dry-run").stdout
    assert len(cells(out)) == 50
    assert "... and 70 more to add; --json lists them all." in out
    assert len(recip.json("import", str(path), "--dry-run")["add"]["referrals"]) == 120


def test_a_backup_s_dry_run_lists_its_settings_and_touches(recip, partners, tmp_path, monkeypatch):
    recip("thank", "joe", "--gift", "wine", "--force")
    recip("config", "currency", "EUR")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "other.db"))
    report = recip.json("import", str(backup), "--dry-run")
    assert report["add"]["settings"] == [{"key": "currency", "value": "EUR"}]
    assert [(t["kind"], t["partner"]) for t in report["add"]["touches"]] == [
        ("gift", "Joe's Plumbing")
    ]
    out = recip("import", str(backup), "--dry-run").stdout
    assert {"Partners", "Settings", "Touches"} <= titles(out)
    assert recip.json("partner", "list") == []  # nothing written
