"""Regressions for what a hand review found: each of these once lost data or misled."""

import json
import os

import pytest

from tests.helpers import table_dump


@pytest.fixture
def joe(recip):
    recip("partner", "add", "Joe's Plumbing", "--phone", "555 0100")
    recip("give", "joe")


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


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args", [["export"], ["log", "--format", "csv"], ["balance", "--json"], ["sheet"]]
)
def test_output_onto_the_database_is_refused(recip, joe, db_path, tmp_path, args):
    before = table_dump(db_path)
    link = tmp_path / "alias.db"
    link.symlink_to(db_path)
    for target in (str(db_path), str(link), f"{db_path}-wal"):
        assert "is the database itself" in recip.fails(*args, "--output", target)
    assert table_dump(db_path) == before


def test_by_value_table_keeps_names_and_amounts_at_80_columns(recip, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    recip("partner", "add", "Harbor View Hotel")
    recip("config", "currency", "EUR")
    recip("got", "harbor", "--value", "12500.50", "--status", "won")
    recip("give", "harbor", "--value", "8300.25", "--status", "won")
    out = recip("balance", "--by-value").stdout
    assert "in EUR" in out.splitlines()[0]
    assert "Harbor View" in out and "Total (1)" in out
    assert "12,500.50" in out and "8,300.25" in out and "+4,200.25" in out
    assert "…" not in out


def test_quiet_is_judged_from_today_not_the_end_of_the_week(recip):
    recip("partner", "add", "Slow Co")
    recip("got", "slow", "--date", "58d")  # quiet_days is 60: not quiet yet
    assert recip.json("report")["quiet"] == []
    assert recip.json("report", "--week", "last")["quiet"] == []


@pytest.mark.parametrize(
    ("existing", "typed"),
    [("Café Über", "Cafe Uber"), ("Joe's Plumbing", "Joes Plumbin")],
)
def test_near_duplicates_are_caught_accents_and_typos(recip, existing, typed):
    recip("partner", "add", existing)
    assert "looks like the existing partner" in recip.fails("partner", "add", typed)


def test_names_that_differ_in_their_numbers_are_different(recip):
    recip("partner", "add", "Unit 1 Garage")
    recip("partner", "add", "Unit 2 Garage")
    assert len(recip.json("partner", "list")) == 2


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


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"name": 123}, "wrong type"),
        ({"name": "A", "does": 5}, "wrong type"),
        ({"name": "A", "tags": [1, 2]}, "wrong type"),
        ({"name": "A", "created_at": 5}, "not ISO 8601"),
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
        ("date", "2099-11-01", "in the future"),
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


def test_backup_version_and_settings_types(recip, tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"format": "recip-backup", "version": true}')
    assert "version True" in recip.fails("import", str(path))
    path.write_text('{"format": "recip-backup", "version": 1, "settings": [1]}')
    assert '"settings" in the backup must be an object' in recip.fails("import", str(path))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+nosuchdriver://u:p@127.0.0.1:1/x", "is not a database recip can use"),
        ("bogus://x", "is not a database recip can use"),
        ("", "--db is empty"),
    ],
)
def test_unusable_database_urls(recip, url, message):
    assert message in recip.fails("--db", url, "log")


def test_thanks_only_for_referrals_that_had_arrived(recip, joe):
    recip("got", "joe", "--date", "2026-11-03")
    recip("thank", "joe", "--date", "2026-11-01")
    assert [e["thanked_on"] for e in recip.json("log", "--direction", "got")] == [None]
    out = recip("thank", "joe", "--date", "2026-11-04").stdout
    assert "#2 (2026-11-03) is thanked" in out
    assert "already thanked on 2026-11-04" in recip.fails("thank", "joe", "--for", "2")


def test_thanked_on_must_fit_the_referral(recip, joe):
    recip("got", "joe", "--date", "2026-11-03")
    assert "only one you got is thanked" in recip.fails("edit", "1", "--thanked-on", "today")
    assert "is before the referral" in recip.fails("edit", "2", "--thanked-on", "2026-11-01")


def test_undo_after_thank_removes_the_thanks_not_a_referral(recip, joe):
    recip("got", "joe", "--date", "yesterday")
    recip("thank", "joe")
    out = recip("undo", "--yes").stdout
    assert out.startswith("Removed the thanks for Joe's Plumbing on 2026-11-23.")
    assert len(recip.json("log")) == 2
    assert recip.json("partner", "show", "joe")["touches"] == []


def test_markdown_escapes_html(recip):
    recip("partner", "add", "<script>x</script>")
    for args in (
        ["sheet", "--format", "md"],
        ["balance", "--format", "md"],
        ["partner", "list", "--format", "md"],
    ):
        out = recip(*args).stdout
        assert "<script>" not in out and "&lt;script&gt;" in out


@pytest.mark.parametrize(("key", "value"), [("week_start", "monkey"), ("workdays", "monkey-fri")])
def test_day_names_must_be_days(recip, key, value):
    assert "must" in recip.fails("config", key, value)


@pytest.mark.parametrize("value", ["1e3", "1E3", "Infinity", "0x10"])
def test_values_are_plain_decimals(recip, joe, value):
    assert "is not a number" in recip.fails("got", "joe", "--value", value)


def test_partner_show_touch_cost_is_a_number_or_null(recip, joe):
    recip("thank", "joe", "--gift", "wine", "--cost", "25.50")
    recip("touch", "joe", "--kind", "meeting")
    costs = [t["cost"] for t in recip.json("partner", "show", "joe")["touches"]]
    assert costs == [None, 25.5]
    assert os.environ["RECIP_TODAY"] == "2026-11-23"
