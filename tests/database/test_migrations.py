"""Where the data lives, how the file is set up, schema revisions and broken files."""

import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from reciprocity_cli import db as db_module
from reciprocity_cli.db import Database
from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import locate
from reciprocity_cli.migrations import HEAD, REVISIONS
from tests.helpers import (
    ON_POSTGRES,
    POSTGRES,
    add_old_friend,
    alembic_config,
    make_database_at,
    sql,
    table_dump,
    url_of,
)


class TestWhere:
    def test_default_is_the_platform_data_dir(self, recip, monkeypatch, tmp_path):
        monkeypatch.delenv("RECIP_DB")
        expected = tmp_path / "home" / "data" / "reciprocity-cli" / "recip.db"
        assert recip("db", "path").stdout.strip() == str(expected)
        recip("partner", "add", "Joe")
        assert expected.exists()

    def test_env_then_option(self, recip, tmp_path, db_path):
        shown = recip("db", "path").stdout.strip()
        assert shown == Database(locate(str(db_path))).location.display()
        other = tmp_path / "other.db"
        assert recip("--db", str(other), "db", "path").stdout.strip() == str(other)
        recip("--db", str(other), "partner", "add", "Only Here")
        assert recip.json("partner", "list") == []
        assert recip.json("--db", str(other), "partner", "list")[0]["name"] == "Only Here"

    def test_sqlite_url_and_relative_path(self, recip, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        assert recip("--db", "shop.db", "db", "path").stdout.strip() == str(tmp_path / "shop.db")
        url = f"sqlite:///{tmp_path}/url.db"
        assert recip("--db", url, "db", "path").stdout.strip() == str(tmp_path / "url.db")

    def test_server_url_never_shows_the_password(self, recip):
        url = "postgresql+psycopg://sam:s3cret@db.example:5432/recip"
        shown = recip("--db", url, "db", "path").stdout.strip()
        assert shown == "postgresql+psycopg://sam:***@db.example:5432/recip"


class TestFileSetup:
    @pytest.mark.sqlite_only
    def test_new_file_is_0600_wal_with_foreign_keys_and_busy_timeout(self, db_path):
        database = Database(locate(str(db_path)))
        try:
            assert os.stat(db_path).st_mode & 0o777 == 0o600
            with database.session(write=False) as session:
                assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert session.execute(text("PRAGMA busy_timeout")).scalar() == 15_000
        finally:
            database.close()

    def test_check_reports_revision_and_integrity(self, recip, partners, db_path):
        out = recip("db", "check").stdout.splitlines()
        assert out == [
            f"database: {locate(str(db_path)).display()}",
            f"schema revision: {HEAD} (this recip: {HEAD})",
            "partners: 3, referrals: 0, touches: 0",
            "integrity: ok" if ON_POSTGRES is False else "integrity: kept by the server",
        ]


class TestRevisions:
    def test_revision_list_matches_the_alembic_scripts(self):
        script = ScriptDirectory.from_config(alembic_config())
        assert script.get_current_head() == HEAD
        walked = [rev.revision for rev in script.walk_revisions()]
        assert tuple(reversed(walked)) == REVISIONS

    def test_models_match_the_migrated_schema(self, db_path):
        import reciprocity_cli.models  # noqa: F401 (fills SQLModel.metadata)

        Database(locate(str(db_path))).close()
        engine = create_engine(url_of(db_path))
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        engine.dispose()
        assert diff == []

    def test_upgrade_from_the_first_revision_keeps_the_data(self, recip, db_path):
        make_database_at(db_path, "0001")
        add_old_friend(db_path)
        sql(
            db_path,
            "INSERT INTO referral (direction, partner_id, date, status, value_cents,"
            " created_at, updated_at) VALUES ('got', 1, '2025-03-04', 'won', 12345,"
            " '2025-03-04 00:00:00', '2025-03-04 00:00:00')",
        )
        [row] = recip.json("balance", "--by-value")
        assert (row["partner"], row["got"], row["last_got"]) == ("Old Friend", 123.45, "2025-03-04")
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
        engine = create_engine(url_of(db_path))
        with engine.connect() as connection:
            indexes = {i["name"] for i in inspect(connection).get_indexes("referral")}
        engine.dispose()
        assert {"ix_referral_partner_direction_date", "ix_referral_date"} <= indexes
        recip("give", "old")  # the id sequence carries on after the rows made by hand
        assert len(recip.json("log")) == 2

    @pytest.mark.sqlite_only
    def test_an_upgrade_keeps_a_copy_of_the_old_file_beside_it(self, recip, db_path):
        make_database_at(db_path, "0002")
        add_old_friend(db_path)
        before = table_dump(db_path)
        result = recip("partner", "list", "--json")
        assert [p["name"] for p in json.loads(result.stdout)] == ["Old Friend"]  # stdout clean
        [copy] = db_path.parent.glob("recip.db.before-upgrade-*")
        assert re.fullmatch(r"recip\.db\.before-upgrade-\d{8}-\d{6}", copy.name)
        assert result.stderr == (
            f"Note: Upgraded the database schema from 0002 to {HEAD}; "
            f"a copy of it as it was is in {copy}\n"
        )
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert table_dump(copy) == before  # the copy is the old file, old schema and all
        with sqlite3.connect(copy) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
                "0002",
            )
        again = recip("partner", "list")  # at HEAD now: no copy, no note
        assert again.stderr == ""
        assert len(list(db_path.parent.glob("recip.db.before-upgrade-*"))) == 1

    @pytest.mark.sqlite_only
    def test_a_new_database_needs_no_copy(self, recip, db_path):
        assert recip("partner", "list").stderr == ""
        assert list(db_path.parent.glob("*before-upgrade*")) == []

    def test_opening_at_head_does_not_import_alembic(self, db_path, monkeypatch):
        Database(locate(str(db_path))).close()

        def no_upgrade(self):
            raise AssertionError("upgrade attempted on a current database")

        monkeypatch.setattr(Database, "_upgrade", no_upgrade)
        Database(locate(str(db_path))).close()

    def test_a_newer_schema_is_refused_and_left_alone(self, recip, db_path):
        recip("partner", "add", "Joe")
        sql(db_path, "UPDATE alembic_version SET version_num = '9999'")
        before = db_path.read_bytes() if isinstance(db_path, Path) else table_dump(db_path)
        line = recip.fails("balance")
        assert "written by a newer recip (schema 9999); upgrade recip" in line
        after = db_path.read_bytes() if isinstance(db_path, Path) else table_dump(db_path)
        assert after == before


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


def test_a_failure_mid_command_leaves_the_database_as_it_was(recip, partners, db_path, monkeypatch):
    """give writes the referral, then reads the balance; a failure there must undo the write."""
    before = table_dump(db_path)

    def broken(*args, **kwargs):
        raise RecipError("injected failure after the insert")

    import reciprocity_cli.core.balance as balance_module

    monkeypatch.setattr(balance_module, "one_balance", broken)
    assert "injected failure" in recip.fails("give", "joe", "--customer", "Lost?")
    assert table_dump(db_path) == before


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


def test_unreadable_server_urls_are_one_line():
    with pytest.raises(RecipError, match="is not a database URL recip can read") as caught:
        locate("postgresql://sam:s3cret@db:54x/recip")
    assert "s3cret" not in str(caught.value)


def test_postgres_urls_use_psycopg():
    assert locate("postgresql://sam@db/recip").url == "postgresql+psycopg://sam@db/recip"
    assert locate("postgres://sam@db/recip").url == "postgresql+psycopg://sam@db/recip"


def test_locate_prefers_option_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "env.db"))
    assert locate(None).path == tmp_path / "env.db"
    assert locate(str(tmp_path / "opt.db")).path == tmp_path / "opt.db"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_sqlite_has_no_file(url):
    assert locate(url).path is None
