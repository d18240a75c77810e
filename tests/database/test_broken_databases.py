"""A database recip cannot use - not a database, someone else's, a directory, truncated,
locked, or a server that cannot be reached or refuses the password - gives one line,
exit 1, and keeps every byte."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from reciprocity_cli import db as db_module
from reciprocity_cli.db import Database
from reciprocity_cli.location import locate
from tests.helpers import ON_POSTGRES, POSTGRES, sql, table_dump


@pytest.mark.sqlite_only
class TestBrokenFiles:
    def test_not_a_database(self, recip, db_path):
        db_path.write_text("shopping list: eggs, milk\n")
        line = recip.fails("balance")
        assert line == f"Error: {db_path} is not a recip database (not a SQLite file)."
        assert db_path.read_text() == "shopping list: eggs, milk\n"

    def test_someone_elses_sqlite_database(self, recip, tmp_path):
        cookbook = tmp_path / "cookbook.db"
        with sqlite3.connect(cookbook) as connection:
            connection.execute("CREATE TABLE recipes (name TEXT)")
        before = cookbook.read_bytes()
        line = recip.fails("--db", str(cookbook), "partner", "list")
        assert "holds tables recip did not make" in line
        assert cookbook.read_bytes() == before

    def test_a_directory(self, recip, tmp_path):
        line = recip.fails("--db", str(tmp_path), "balance")
        assert "is a directory" in line

    def test_a_truncated_database(self, recip, partners, db_path):
        recip("give", "joe")
        Database(locate(str(db_path))).close()  # checkpoint the WAL into the file
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        data = db_path.read_bytes()
        db_path.write_bytes(data[: len(data) // 3])
        before = db_path.read_bytes()
        line = recip.fails("balance")
        assert "damaged or not a recip database" in line
        assert db_path.read_bytes() == before

    def test_a_locked_database_gives_one_line(self, recip, partners, db_path, monkeypatch):
        monkeypatch.setattr(db_module, "BUSY_TIMEOUT_SECONDS", 0.2)
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        files = {path: path.read_bytes() for path in db_path.parent.glob("recip.db*")}
        try:
            line = recip.fails("give", "joe")
            assert {path: path.read_bytes() for path in files} == files  # not a byte changed
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert "is busy (another program is writing); try again" in line
        assert recip.json("log") == []


@pytest.mark.postgres
def test_server_problems_are_one_line_and_never_show_the_password(recip):
    server = make_url(POSTGRES)
    base = f"postgresql+psycopg://{server.username}:{server.password}@{server.host}"
    cases = {
        f"{base}:1/postgres": "Cannot reach the database server at",
        f"postgresql+psycopg://{server.username}:wrong-pw@{server.host}:{server.port}/x": (
            f'refused the password for user "{server.username}"'
        ),
        f"{base}:{server.port}/no_such_db": 'has no database "no_such_db"; create it',
        "postgresql+psycopg://u:pw@no-such-host.invalid/x": "Cannot find the database server",
    }
    for url, message in cases.items():
        line = recip.fails("--db", url, "balance")
        assert message in line
        assert "wrong-pw" not in line and str(server.password) not in line
        assert ":***@" in line


@pytest.mark.postgres
def test_server_url_spellings_that_hide_or_miss_things(recip, monkeypatch, tmp_path):
    server = make_url(POSTGRES)
    at = f"{server.host}:{server.port}"
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.pgpass
    in_query = f"postgresql://{server.username}@{at}/x?password={server.password}"
    assert recip("--db", in_query, "db", "path").stdout.strip() == (
        f"postgresql+psycopg://{server.username}@{at}/x?password=***"
    )
    line = recip.fails("--db", f"postgresql://{server.username}@{at}/d", "balance")
    assert f'wants a password for user "{server.username}"' in line
    line = recip.fails(
        "--db",
        f"postgresql:///d?host={server.host}&port={server.port}&user=sam&password=no",
        "balance",
    )
    assert f'The database server at {at} refused the password for user "sam"' in line
    assert "password=no" not in line and "password=***" in line
    for url in (POSTGRES.rsplit("/", 1)[0] + "/", POSTGRES.rsplit("/", 1)[0]):
        assert "names no database; add one at the end" in recip.fails("--db", url, "balance")


# --- rows changed outside recip -------------------------------------------------------------

DAMAGE = {
    "date": "UPDATE referral SET date = 'not-a-date' WHERE id = 1",
    "impossible date": "UPDATE referral SET date = '2026-13-45' WHERE id = 1",
    # Day 0 sorts inside the month: the commands that read a date range read it back.
    "date in range": "UPDATE referral SET date = '2026-11-00' WHERE id = 1",
    "number": "UPDATE referral SET value_cents = 'abc' WHERE id = 1",
    "timestamp": "UPDATE referral SET created_at = 'yesterday' WHERE id = 1",
    "touch date": "UPDATE touch SET date = '2026-11-3x'",
    "yes/no": "UPDATE partner SET archived = 'abc'",
}


@pytest.mark.skipif(
    ON_POSTGRES, reason="PostgreSQL enforces column types: these values cannot be stored there"
)
@pytest.mark.parametrize(
    ("damage", "args", "kind", "value"),
    [
        ("date", ["log"], "date", "not-a-date"),
        ("date", ["balance"], "date", "not-a-date"),
        ("date", ["export"], "date", "not-a-date"),
        ("impossible date", ["log", "--json"], "date", "2026-13-45"),
        ("impossible date", ["sheet"], "date", "2026-13-45"),
        ("impossible date", ["partner", "show", "joe"], "date", "2026-13-45"),
        ("date in range", ["today"], "date", "2026-11-00"),
        ("date in range", ["report", "--month", "this"], "date", "2026-11-00"),
        ("number", ["log"], "number", "abc"),
        ("number", ["export", "--format", "csv"], "number", "abc"),
        # All-time figures come from the tallies, which hold what SQLite's arithmetic made
        # of the damage (0); the period's are added up from the rows, where 'abc' sums to
        # 0.0; db check looks at every row.
        ("number", ["balance", "--by-value", "--since", "2026-11-01"], "number", "0.0"),
        ("number", ["db", "check"], "number", "abc"),
        ("date", ["db", "check"], "date", "not-a-date"),
        ("date in range", ["db", "check"], "date", "2026-11-00"),
        ("touch date", ["db", "check"], "date", "2026-11-3x"),
        ("yes/no", ["db", "check"], "yes/no", "abc"),
        ("number", ["report", "--week", "last"], "number", "0.0"),
        ("timestamp", ["lost", "1"], "timestamp", "yesterday"),  # log shows no timestamps
        ("timestamp", ["export"], "timestamp", "yesterday"),
        ("touch date", ["partner", "show", "joe"], "date", "2026-11-3x"),
        ("touch date", ["export"], "date", "2026-11-3x"),
        ("yes/no", ["balance"], "yes/no", "abc"),
        ("yes/no", ["today"], "yes/no", "abc"),
        ("date in range", ["who", "plumbing"], "date", "2026-11-00"),
    ],
)
def test_a_value_damaged_outside_recip_is_one_line(recip, db_path, damage, args, kind, value):
    recip("partner", "add", "Joe's Plumbing", "--does", "plumbing")
    recip("got", "joe", "--value", "100", "--status", "won", "--date", "2026-11-20")
    recip("touch", "joe", "--kind", "meeting", "--date", "2026-11-21")
    sql(db_path, DAMAGE[damage])
    before = table_dump(db_path)
    line = recip.fails(*args)
    assert line == (
        f"Error: {db_path} is damaged (a {kind} column holds {value!r}, written outside "
        "recip); restore a backup."
    )
    assert table_dump(db_path) == before
