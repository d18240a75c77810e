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
from tests.helpers import POSTGRES


@pytest.mark.sqlite_only
class TestBrokenFiles:
    def test_not_a_database(self, recip, db_path):
        db_path.write_text("shopping list: eggs, milk\n")
        line = recip.fails("balance")
        assert line == f"Error: {db_path} is not a recip database (not a SQLite file)."
        assert db_path.read_text() == "shopping list: eggs, milk\n"

    def test_someone_elses_sqlite_database(self, recip, db_path):
        with sqlite3.connect(db_path) as connection:
            connection.execute("CREATE TABLE recipes (name TEXT)")
        before = db_path.read_bytes()
        assert "holds tables recip did not make" in recip.fails("partner", "list")
        assert db_path.read_bytes() == before

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
