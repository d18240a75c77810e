"""What tests share besides fixtures: the backend under test, the pinned calendar, and ways
to look inside the test's database or make one as an older recip left it.

Import from here, `from tests.helpers import table_dump`: never from conftest.py or from
another test module (conftest.py says why)."""

import atexit
import os
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from reciprocity_cli.db import MIGRATIONS_DIR

TODAY = "2026-11-23"  # a Monday
BACKEND = os.environ.get("RECIP_TEST_BACKEND", "sqlite")
POSTGRES = os.environ.get("RECIP_TEST_POSTGRES", "")
ON_POSTGRES = BACKEND == "postgresql"
if BACKEND not in ("sqlite", "postgresql"):
    raise pytest.UsageError(f"RECIP_TEST_BACKEND={BACKEND!r}: use sqlite or postgresql")
if ON_POSTGRES and not POSTGRES:
    raise pytest.UsageError(
        "RECIP_TEST_BACKEND=postgresql needs RECIP_TEST_POSTGRES, a server URL such as "
        "postgresql+psycopg://postgres@127.0.0.1:54329/postgres (.ci/postgres starts one)"
    )

FIXTURES = Path(__file__).parent / "fixtures"  # real-world files to import


def examples(on_sqlite: int) -> int:
    """Hypothesis examples per property: all of them on SQLite; a sixth on PostgreSQL, where
    each costs a server round trip per statement. Checking text is the same Python code on
    both; the PostgreSQL run proves the server stores what SQLite does."""
    return on_sqlite if not ON_POSTGRES else max(5, on_sqlite // 6)


def server_connection(url: str = POSTGRES):
    """A plain psycopg connection to the test server, in autocommit for CREATE DATABASE."""
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


_server = None  # the connection on_server keeps


@atexit.register
def _close_server() -> None:
    if _server is not None:
        _server.close()


def on_server(statement: str) -> None:
    """CREATE or DROP DATABASE on the test server, over one connection kept for the whole
    run: a new one for each statement cost the server a process and a login, twice a test.
    A connection that broke (the server restarted, a test ended it) is replaced once."""
    import psycopg

    global _server
    for attempt in range(2):
        if _server is None or _server.closed:
            _server = server_connection()
        try:
            _server.execute(statement)
            return
        except psycopg.OperationalError:
            _server.close()
            if attempt:
                raise


@contextmanager
def new_postgres_database(template: str | None = None, prefix: str = "recip_test"):
    """A new database on the test server: its SQLAlchemy URL; dropped after, whatever the
    test did. Empty, or a copy of the database named `template` (which nobody may be
    connected to). The name is random: two runs may share a server."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    on_server(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield database_url(name)
    finally:
        on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(name: str) -> str:
    """The URL of the test server's database `name`."""
    return POSTGRES.rsplit("/", 1)[0] + f"/{name}"


def table_dump(database) -> list:
    """Every row of every table, to prove a failed command changed nothing."""
    if isinstance(database, Path):
        with sqlite3.connect(database) as connection:
            tables = [
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return [
                (t, sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
                for t in sorted(tables)
            ]
    with server_connection(str(database)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        return [
            (t, sorted(map(tuple, connection.execute(f'SELECT * FROM "{t}"')), key=repr))
            for t in sorted(tables)
        ]


def sql(database, statement: str, *params) -> list[tuple]:
    """Run one SQL statement on the test's database, SQLite or PostgreSQL; its rows."""
    if isinstance(database, Path):
        connection = sqlite3.connect(database)
        try:
            with connection:
                return connection.execute(statement, params).fetchall()
        finally:
            connection.close()  # the last connection out folds the WAL into the file
    with server_connection(str(database)) as connection:
        cursor = connection.execute(statement.replace("?", "%s"), params or None)
        return cursor.fetchall() if cursor.description else []


# --- a database as an older recip left it --------------------------------------------------


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def add_old_friend(database) -> None:
    """A partner as an older recip stored it, written by hand."""
    sql(
        database,
        "INSERT INTO partner (id, name, name_key, kind, archived, created_at, updated_at)"
        " VALUES (1, 'Old Friend', 'old friend', 'complementary', false,"
        " '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
    )


def url_of(database) -> str:
    return f"sqlite:///{database}" if isinstance(database, Path) else database


def make_database_at(database, revision: str) -> None:
    """A database (file or server URL) as an older recip would have left it. One the
    `recip` fixture made at HEAD is replaced: a file by a new one, a server database by a
    new empty one of the same name."""
    if isinstance(database, Path):
        for companion in ("", "-wal", "-shm"):
            Path(f"{database}{companion}").unlink(missing_ok=True)
    else:
        name = database.rsplit("/", 1)[1]
        on_server(f'DROP DATABASE "{name}" WITH (FORCE)')
        on_server(f'CREATE DATABASE "{name}"')
    engine = create_engine(url_of(database))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
