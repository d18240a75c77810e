"""A write that dies halfway, by an injected failure or by SIGKILL, leaves all or nothing."""

import csv
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from reciprocity_cli.core.export import REFERRAL_COLUMNS
from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import locate
from reciprocity_cli.migrations import HEAD
from tests.helpers import ON_POSTGRES, TODAY, add_old_friend, make_database_at, sql, table_dump

WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|REPLACE)\b", re.IGNORECASE)


class FailAt:
    """Makes the n-th writing SQL statement fail as a full disk would. Counts every writing
    statement, so `seen` after a clean run says how many points a failure could hit."""

    def __init__(self, n: int | None):
        self.n, self.seen = n, 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if WRITES.match(statement):
            self.seen += 1
            if self.seen == self.n:
                raise driver_error("database or disk is full (injected)")


def driver_error(message: str) -> Exception:
    """The error the database driver itself would raise, so recip meets it as it would."""
    if ON_POSTGRES:
        import psycopg

        return psycopg.OperationalError(message)
    return sqlite3.OperationalError(message)


def fail_in_turn(recip, db_path, args: list[str]) -> int:
    """Run `args` with a failure injected at its first write, then its second, and so on,
    until it gets through. Each failure must be one line, exit 1, and no change at all.
    Returns how many failure points there were."""
    before = table_dump(db_path)
    upgrading_from = sql(db_path, "SELECT version_num FROM alembic_version")[0][0]
    n = 1
    while True:
        failure = FailAt(n)
        event.listen(Engine, "before_cursor_execute", failure)
        try:
            result = recip.runner.invoke(recip_app(), args)
        finally:
            event.remove(Engine, "before_cursor_execute", failure)
        if failure.seen < n:  # no failure point left: this run went through
            assert result.exit_code == 0, result.output
            return n - 1
        assert result.exit_code == 1, (n, result.output, result.exception)
        failed = (
            f"Database error on {locate(str(db_path)).display()}: "
            "database or disk is full (injected)"
        )
        [line] = result.stderr.strip().splitlines()
        assert line in (
            f"Error: {failed}",
            # An upgrade of a SQLite file says so: the copy it made is gone again.
            f"Error: The schema upgrade from {upgrading_from} to {HEAD} failed and was rolled "
            f"back; the database is as it was. {failed}",
        )
        assert table_dump(db_path) == before, f"failure at write {n} of {args} left a change"
        n += 1


def fail_at_every_write(recip, db_path, args: list[str], *, least: int) -> int:
    """fail_in_turn for a command on a current schema, which must change something."""
    recip("db", "check")  # any schema upgrade happens here, outside the measured command
    before = table_dump(db_path)
    points = fail_in_turn(recip, db_path, args)
    assert points >= least, f"{args} wrote in {points} statements; expected at least {least}"
    assert table_dump(db_path) != before
    return points


def recip_app():
    from reciprocity_cli.cli import app

    return app


def test_merge_is_all_or_nothing(recip, partners, db_path):
    recip("give", "joe")
    recip("got", "harbor")
    recip("touch", "harbor", "--kind", "meeting")
    fail_at_every_write(recip, db_path, ["partner", "merge", "harbor", "joe", "--yes"], least=3)
    assert [p["name"] for p in recip.json("partner", "list")] == ["Acme Roofing", "Joe's Plumbing"]


def test_undo_of_a_merge_is_all_or_nothing(recip, partners, db_path):
    """Undo puts back rows of several tables and marks two changes: all, or none."""
    recip("give", "joe")
    recip("got", "harbor")
    recip("partner", "merge", "harbor", "joe", "--yes")
    fail_at_every_write(recip, db_path, ["undo", "--yes"], least=4)
    names = [p["name"] for p in recip.json("partner", "list")]
    assert names == ["Acme Roofing", "Harbor View Hotel", "Joe's Plumbing"]


def test_rename_is_all_or_nothing(recip, partners, db_path):
    fail_at_every_write(recip, db_path, ["partner", "rename", "joe", "Joe & Sons"], least=1)
    assert recip.json("partner", "show", "Joe & Sons")["name"] == "Joe & Sons"


def test_edits_are_all_or_nothing(recip, partners, db_path):
    recip("got", "joe", "--customer", "Mrs. Patel")
    fail_at_every_write(
        recip,
        db_path,
        ["edit", "1", "--partner", "acme", "--customer", "Mr. Patel", "--value", "120"],
        least=1,
    )
    fail_at_every_write(
        recip, db_path, ["partner", "edit", "acme", "--phone", "555 0300", "--tag", "x"], least=1
    )
    [entry] = recip.json("log")
    assert (entry["partner"], entry["customer"]) == ("Acme Roofing", "Mr. Patel")


def test_thank_is_all_or_nothing(recip, partners, db_path):
    """A thank-you writes the touch and marks the referral: both, or neither."""
    recip("got", "joe")
    fail_at_every_write(recip, db_path, ["thank", "joe"], least=2)


def test_import_is_all_or_nothing(recip, partners, db_path, tmp_path):
    recip("give", "joe", "--customer", "Kept")
    recip("touch", "acme", "--kind", "meeting")
    recip("export", "--output", str(tmp_path / "backup.json"))
    for table in ("touch", "referral", "partner"):  # an empty database, schema and all
        sql(db_path, f"DELETE FROM {table}")
    fail_at_every_write(recip, db_path, ["import", str(tmp_path / "backup.json")], least=3)
    assert [e["customer"] for e in recip.json("log")] == ["Kept"]


def test_a_schema_upgrade_is_all_or_nothing(recip, db_path):
    """Every statement of every migration from the first revision to HEAD, failed in turn:
    the database stays at its old revision with its data, and the next run upgrades it."""
    make_database_at(db_path, "0001")
    add_old_friend(db_path)
    points = fail_in_turn(recip, db_path, ["partner", "list", "--json"])
    assert points >= 5  # tables, indexes and the revision: many points to fail at
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert [p["name"] for p in recip.json("partner", "list")] == ["Old Friend"]
    if isinstance(db_path, Path):  # the failed attempts left no copies, the last one made one
        assert len(list(db_path.parent.glob("recip.db.before-upgrade-*"))) == 1


def test_a_failure_mid_command_leaves_the_database_as_it_was(recip, partners, db_path, monkeypatch):
    """give writes the referral, then reads the balance; a failure there must undo the write."""
    before = table_dump(db_path)

    def broken(*args, **kwargs):
        raise RecipError("injected failure after the insert")

    import reciprocity_cli.core.balance as balance_module

    monkeypatch.setattr(balance_module, "one_balance", broken)
    assert "injected failure" in recip.fails("give", "joe", "--customer", "Lost?")
    assert table_dump(db_path) == before


# --- SIGKILL in the middle of a large import ------------------------------------------------

# Enough that the import is still writing when it is killed: SQLite writes its rows fast,
# so its file must be long; PostgreSQL writes them a few times slower, so a fifth will do, and
# its own crash safety (the server rolls back a dead client's transaction) is not what this
# tests.
ROWS = 20_000 if ON_POSTGRES else 100_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """ROWS referrals over 200 partners, as a spreadsheet export would hold them."""
    path = tmp_path_factory.mktemp("big") / "referrals.csv"
    with path.open("w", newline="") as file:
        writer = csv.DictWriter(file, REFERRAL_COLUMNS)
        writer.writeheader()
        for i in range(ROWS):
            writer.writerow(
                {
                    "date": f"20{16 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "direction": "given" if i % 3 else "got",
                    "partner": f"Partner {i % 200:03d}",
                    "customer": f"Customer {i}",
                }
            )
    return path


def _writing(db_path, wal_bytes: int) -> bool:
    """Whether the import is writing rows: on SQLite its write-ahead log holds `wal_bytes`;
    on PostgreSQL its session holds a transaction id (given at the first write), and has
    written about `wal_bytes` worth of WAL since."""
    if isinstance(db_path, Path):
        wal = Path(f"{db_path}-wal")
        return wal.exists() and wal.stat().st_size >= wal_bytes
    rows = sql(
        db_path,
        "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') FROM pg_stat_activity"
        " WHERE datname = current_database() AND backend_xid IS NOT NULL"
        " AND pid <> pg_backend_pid()",
    )
    if not rows:
        _writing.started = None
        return False
    position = float(rows[0][0])
    if getattr(_writing, "started", None) is None:
        _writing.started = position
    return position - _writing.started >= wal_bytes


def _kill_when(db_path, csv_path: Path, wal_bytes: int) -> tuple[int, float]:
    """Start the import, SIGKILL it once it is writing rows (see _writing), and return its
    exit status and when it died."""
    _writing.started = None
    env = {**os.environ, "RECIP_DB": str(db_path), "RECIP_TODAY": TODAY}
    child = subprocess.Popen(
        [sys.executable, "-m", "reciprocity_cli", "import", str(csv_path), "--create-partners"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    began = time.perf_counter()
    while child.poll() is None:
        if _writing(db_path, wal_bytes):
            child.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    return child.wait(timeout=120), time.perf_counter() - began


@pytest.mark.parametrize("wal_bytes", [64 * 1024, 4 * 1024 * 1024])
def test_sigkill_mid_import_leaves_all_or_nothing(recip, partners, db_path, big_csv, wal_bytes):
    recip("give", "joe", "--customer", "Before the import")
    code, _ = _kill_when(db_path, big_csv, wal_bytes)
    assert code == -signal.SIGKILL, "the import finished before it could be killed"
    if isinstance(db_path, Path):
        assert sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    [(referrals,)] = sql(db_path, "SELECT count(*) FROM referral")
    [(partners_now,)] = sql(db_path, "SELECT count(*) FROM partner")
    assert (referrals, partners_now) == (1, 3)  # none of the import: it had not committed
    # Nor of its history: the three partners and the give, each one change of one row.
    history = "SELECT (SELECT COUNT(*) FROM change), (SELECT COUNT(*) FROM change_row)"
    assert sql(db_path, history) == [(4, 4)]
    # The database still works, and the same import then goes through whole.
    assert [e["customer"] for e in recip.json("log")] == ["Before the import"]
    recip("import", str(big_csv), "--create-partners")
    assert sql(db_path, "SELECT count(*) FROM referral") == [(ROWS + 1,)]
    recip("undo", "--yes")  # the whole import, in one change
    assert sql(db_path, "SELECT count(*) FROM referral") == [(1,)]
