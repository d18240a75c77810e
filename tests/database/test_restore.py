"""db restore: a copy made by db backup goes back in place whole, checked first, the database
as it was kept beside it, and no log of the old file replayed into it."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reciprocity_cli.migrations import HEAD
from tests.helpers import add_old_friend, make_database_at, sql, table_dump

CRASH_AFTER_A_WRITE = """
import os, sys, sqlite3
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute(
    "INSERT INTO referral (direction, partner_id, date, status, made_by, created_at,"
    " updated_at) VALUES ('got', 1, '2026-11-22', 'open', 'crash', '2026-11-22 10:00:00',"
    " '2026-11-22 10:00:00')"
)
connection.commit()
os._exit(0)  # no close, no checkpoint: the write stays in recip.db-wal
"""


def _kept(db_path: Path) -> list[Path]:
    return sorted(db_path.parent.glob("recip.db.before-restore-*"))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("held_open", [False, True], ids=["alone", "held-open-elsewhere"])
def test_a_stale_wal_is_not_replayed_into_the_restored_copy(
    recip, joe, db_path, tmp_path, held_open
):
    backup = tmp_path / "b.db"
    recip("db", "backup", str(backup))
    in_the_backup = table_dump(backup)
    recip("got", "joe", "--customer", "after the backup")
    subprocess.run([sys.executable, "-c", CRASH_AFTER_A_WRITE, str(db_path)], check=True)
    assert Path(f"{db_path}-wal").stat().st_size > 0  # a log left by a crash, beside it
    # Another program with the file open (a report in another terminal): SQLite cannot
    # fold the log in and remove it when recip lets go, so it is still there at the swap.
    reader = sqlite3.connect(db_path) if held_open else None
    if reader:
        reader.execute("SELECT count(*) FROM referral").fetchone()

    out = recip("db", "restore", str(backup), "--yes").stdout
    if reader:
        reader.close()
    [kept] = _kept(db_path)
    assert out == f"Restored {db_path} from {backup}; the database as it was is in {kept}.\n"
    assert table_dump(db_path) == in_the_backup
    assert [row["id"] for row in recip.json("log")] == [1]
    assert "integrity: ok" in recip("db", "check").stdout
    # The copy kept is the database as SQLite saw it, the crashed write included.
    customers = sql(kept, "SELECT customer, made_by FROM referral ORDER BY id")
    assert customers == [(None, "tester"), ("after the backup", "tester"), (None, "crash")]
    assert kept.stat().st_mode & 0o777 == 0o600
    assert db_path.stat().st_mode & 0o777 == 0o600


@pytest.mark.sqlite_only
def test_restore_asks_first(recip, joe, db_path, tmp_path):
    backup = tmp_path / "b.db"
    recip("db", "backup", str(backup))
    recip("give", "joe")
    before = table_dump(db_path)
    assert recip.declined("db", "restore", str(backup)) == "Cancelled, nothing changed."
    assert table_dump(db_path) == before
    assert _kept(db_path) == []
    asked = recip("db", "restore", str(backup), input="y\n").stderr
    assert f"Replace the database {db_path} with {backup}?" in asked
    assert len(recip.json("log")) == 1


@pytest.mark.sqlite_only
def test_restore_into_a_new_place_keeps_nothing(recip, joe, tmp_path, monkeypatch):
    backup = tmp_path / "b.db"
    recip("db", "backup", str(backup))
    target = tmp_path / "new" / "recip.db"
    monkeypatch.setenv("RECIP_DB", str(target))
    out = recip("db", "restore", str(backup), "-y").stdout
    assert out == f"Restored {target} from {backup}.\n"
    assert recip.json("log")[0]["partner"] == "Joe's Plumbing"


@pytest.mark.sqlite_only
def test_an_older_backup_is_restored_and_upgraded_on_next_use(recip, joe, db_path, tmp_path):
    old = tmp_path / "old.db"
    make_database_at(old, "0003")
    add_old_friend(old)
    out = recip("db", "restore", str(old), "-y").stdout
    assert out.splitlines()[1] == (
        "Its schema (0003) is older than this recip's; the next command upgrades it."
    )
    listed = recip("partner", "list", "--json")
    assert "Old Friend" in listed.stdout
    assert f"Upgraded the database schema from 0003 to {HEAD}" in listed.stderr


def _text_file(backup: Path) -> None:
    backup.write_text("name,phone\n")


def _foreign_sqlite(backup: Path) -> None:
    backup.unlink()
    with sqlite3.connect(backup) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")


def _newer(backup: Path) -> None:
    sql(backup, "UPDATE alembic_version SET version_num = '9999'")


def _damaged(backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page + 8 : page * 3] = b"\xff" * (page * 2 - 8)  # tables' pages overwritten
    backup.write_bytes(bytes(data))


def _with_a_wal(backup: Path) -> None:
    Path(f"{backup}-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_text_file, "is not a recip database (not a SQLite file)."),
        (_foreign_sqlite, "is not a recip database (it has no recip tables)."),
        (_newer, "was written by a newer recip (schema 9999); upgrade recip to restore it."),
        (_damaged, "is damaged ("),
        (_with_a_wal, "has a -wal file beside it"),
        (Path.unlink, "Cannot read"),
    ],
    ids=["text", "foreign", "newer", "damaged", "wal", "missing"],
)
def test_a_file_that_is_not_a_whole_recip_backup_is_refused(
    recip, joe, db_path, tmp_path, spoil, message
):
    backup = tmp_path / "b.db"
    recip("db", "backup", str(backup))
    spoil(backup)
    before = table_dump(db_path)
    line = recip.fails("db", "restore", str(backup), "--yes")
    assert message in line and str(backup) in line
    assert table_dump(db_path) == before
    assert _kept(db_path) == []
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.sqlite_only
def test_the_database_itself_is_refused(recip, joe, db_path):
    line = recip.fails("db", "restore", str(db_path), "--yes")
    assert line == f"Error: {db_path} is the database itself; name a copy made by recip db backup."


@pytest.mark.postgres
def test_a_server_database_is_pointed_to_a_json_backup(recip, postgres_database, monkeypatch):
    monkeypatch.setenv("RECIP_DB", postgres_database)
    line = recip.fails("db", "restore", "backup.db", "--yes")
    assert line == (
        "Error: db restore puts back a SQLite file; for a server database, restore a JSON "
        "backup with recip import FILE."
    )
