"""The open database: the engine, transactions and automatic schema upgrades.

Where the database is comes from location.py; what a failure means, from db_errors.py.

Nothing here touches the disk or imports SQLAlchemy at import time: `recip --help` stays fast.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from reciprocity_cli.db_files import BUSY_TIMEOUT_SECONDS, SQLITE_HEADER
from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import Location

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
LOCK = int.from_bytes(b"recip")  # the advisory lock schema upgrades take on PostgreSQL
# A change of this many rows or more (an import, the undo of one) has the PostgreSQL server
# measure its tables again at once (_refresh_statistics).
ANALYZE_AFTER = 1000


class Database:
    """One open database: the engine, schema kept at HEAD, and a transaction per use."""

    def __init__(
        self,
        location: Location,
        notify: Callable[[str], None] | None = None,
        on_write: Callable[[Session], AbstractContextManager] | None = None,
    ):
        self.location = location
        self.notify = notify or (lambda message: None)
        # Wraps every writing transaction: the change history opens its change here.
        self.on_write = on_write
        self.is_sqlite = location.url.startswith("sqlite")
        if location.path is not None and _prepare_sqlite_file(location.path):
            # A typo in --db or RECIP_DB must not pass for data that is gone.
            self.notify(f"Created a new database at {location.path}.")
        self.engine = _create_engine(location)
        try:
            self._ensure_schema()
        except Exception:
            self.engine.dispose()
            raise

    def close(self) -> None:
        if not self.is_sqlite:
            # Once per command, after any writes: teammates add partners too, so whatever
            # the command was, completion's list of names is brought up to date.
            with contextlib.suppress(RecipError):  # never hides the command's own outcome
                self._refresh_partner_names()
        self.engine.dispose()

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if anything fails.

        On SQLite a writing transaction starts with BEGIN IMMEDIATE, so two writers queue on the
        busy timeout instead of failing halfway through.
        """
        from sqlmodel import Session

        with self.translate_errors(), self.engine.connect() as connection:
            connection.execution_options(recip_write=write)
            if not self.is_sqlite:
                # A report reads one moment of a shared server, as it does of a SQLite file
                # in WAL; writers keep the default, so they never fail on each other's rows.
                connection.execution_options(
                    isolation_level="READ COMMITTED" if write else "REPEATABLE READ"
                )
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                wrapped = self.on_write(session) if write and self.on_write else nullcontext()
                with wrapped:
                    yield session
            if not self.is_sqlite and session.info.get("rows_written", 0) >= ANALYZE_AFTER:
                _refresh_statistics(connection)
        if write and self.location.path is not None:
            from reciprocity_cli.brief_cache import written

            written(self.location.path)  # committed: no brief line from before it holds

    def _refresh_partner_names(self) -> None:
        """Tab completion's copy of the active partner names of a server database (see
        names.py)."""
        from sqlalchemy import false, select

        from reciprocity_cli.models import Partner
        from reciprocity_cli.names import store_names

        query = select(Partner.name).where(Partner.archived == false()).order_by(Partner.name_key)
        with self.translate_errors(), self.engine.connect() as connection:
            store_names(self.location.url, list(connection.scalars(query)))

    @contextmanager
    def translate_errors(self) -> Iterator[None]:
        from sqlalchemy import exc

        from reciprocity_cli.db_errors import describe

        try:
            yield
        except exc.DBAPIError as error:
            raise RecipError(describe(error, self.location)) from None
        except DamagedValue as error:
            raise RecipError(error.naming(self.location.display())) from None

    def backup_to(self, target: Path, *, replace: bool = False) -> None:
        """A consistent copy of the live database, even while others write (db_files.py)."""
        from reciprocity_cli.db_files import backup

        if not self.is_sqlite:
            raise RecipError(
                "db backup copies SQLite files; for a server database use its own "
                "tools (pg_dump for PostgreSQL)."
            )
        backup(self.location, target, replace=replace)

    def revision(self) -> str | None:
        with self.translate_errors(), self.engine.connect() as connection:
            return _read_revision(connection)

    def _ensure_schema(self) -> None:
        """Check the schema is ours and current; upgrade it if it is older. Touches nothing
        in a database that is not recip's, or is newer than this recip."""
        from reciprocity_cli.migrations import HEAD, REVISIONS

        revision = self.revision()
        if revision is not None and revision not in REVISIONS:
            raise RecipError(
                f"The database {self.location.display()} was written by a newer recip "
                f"(schema {revision}); upgrade recip to open it."
            )
        if revision is None:  # new, or not recip's: look before anything is changed
            with self.translate_errors(), self.engine.connect() as connection:
                _refuse_foreign_tables(connection, self.location.display())
        if self.is_sqlite:
            self._use_wal()
        if revision != HEAD:
            copy, fresh = self._keep_a_copy(revision) if revision is not None else (None, False)
            try:
                self._upgrade()
            except RecipError as error:
                if copy is None:
                    raise
                raise RecipError(self._failed_upgrade(revision, copy, fresh, error)) from None
            if copy is not None:
                self.notify(
                    f"Upgraded the database schema from {revision} to {HEAD}; "
                    f"a copy of it as it was is in {copy}"
                )

    def _keep_a_copy(self, revision: str) -> tuple[Path | None, bool]:
        """Before an automatic upgrade, a copy of the file as it was, beside it: the one an
        earlier attempt left, if nothing was written since (each failed attempt must not
        add a full copy). True with a copy made now."""
        import datetime as dt

        from reciprocity_cli.db_files import copy_left_by_a_failed_upgrade

        if not self.is_sqlite or self.location.path is None:
            return None, False  # a server database is backed up with its own tools
        path = self.location.path
        left = copy_left_by_a_failed_upgrade(path, revision)
        if left is not None:
            return left, False
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = path.with_name(f"{path.name}.before-upgrade-{stamp}")
        if copy.exists():  # one made this very second holds the same data
            return copy, False
        self.backup_to(copy)
        return copy, True

    def _failed_upgrade(self, revision: str, copy: Path, fresh: bool, error: RecipError) -> str:
        """The line for an upgrade that failed. The upgrade is one transaction: if the database
        is as it was, the copy made for it goes; otherwise it stays, named, for next time."""
        from reciprocity_cli.migrations import HEAD

        what = f"The schema upgrade from {revision} to {HEAD} failed"
        try:
            unchanged = self.revision() == revision
        except RecipError:
            unchanged = False
        if unchanged and fresh:
            copy.unlink(missing_ok=True)
            return f"{what} and was rolled back; the database is as it was. {error}"
        return f"{what}; a copy of the database as it was is in {copy}. {error}"

    def _use_wal(self) -> None:
        """WAL lets readers carry on while one process writes. The mode is stored in the file,
        so this costs one query once it is set; a read-only file keeps the mode it has."""
        import sqlite3

        # Straight on the driver connection: the mode cannot change inside a transaction.
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                with contextlib.suppress(sqlite3.OperationalError):
                    cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
        finally:
            connection.close()

    def _upgrade(self) -> None:
        """Bring the schema to HEAD in one transaction: all of it, or none of it."""
        from alembic import command
        from alembic.config import Config
        from sqlalchemy import text

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.translate_errors(), self.engine.connect() as connection:
            connection.execution_options(recip_write=True)
            with connection.begin():
                if not self.is_sqlite:
                    # Teammates starting recip at once on a new server database: one sets
                    # up the schema, the others wait here and then find it done. (On SQLite
                    # BEGIN IMMEDIATE already lets one writer in at a time.)
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
                if _read_revision(connection) is None:  # read again, now that we hold the lock
                    _refuse_foreign_tables(connection, self.location.display())
                config.attributes["connection"] = connection
                command.upgrade(config, "head")


class DamagedValue(RecipError):
    """A value read back that its column cannot hold: the file was changed outside recip."""

    def __init__(self, kind: str, value: object):
        self.detail = f"a {kind} column holds {str(value)[:40]!r}"
        super().__init__(self.naming("The database"))

    def naming(self, display: str) -> str:
        return f"{display} is damaged ({self.detail}, written outside recip); restore a backup."


def _checked_types(colspecs: dict) -> dict:
    """The dialect's column types, each reading values back through a check: every command
    that reads rows (log, balance, report, export, ...) turns a malformed stored value into
    one line instead of a crash somewhere further on. One plain function per value: log and
    export read every row."""
    from sqlalchemy import types

    def parsed(impl, kind: str):
        def result_processor(self, dialect, coltype):
            convert = impl.result_processor(self, dialect, coltype)

            def read(value):
                try:
                    return convert(value)
                except (ValueError, TypeError, OverflowError):
                    raise DamagedValue(kind, value) from None

            return read

        return type(f"Checked{impl.__name__}", (impl,), {"result_processor": result_processor})

    def kept(impl, kind: str, values: dict | None = None):
        """Values the driver returns as they are: whole numbers, or those in `values`."""

        def result_processor(self, dialect, coltype):
            def read(value):
                if value is None or (type(value) is int and values is None):
                    return value
                if values is not None and type(value) is int and value in values:
                    return values[value]
                raise DamagedValue(kind, value)

            return read

        return type(f"Checked{impl.__name__}", (impl,), {"result_processor": result_processor})

    return {
        **colspecs,
        types.Date: parsed(colspecs.get(types.Date, types.Date), "date"),
        types.DateTime: parsed(colspecs.get(types.DateTime, types.DateTime), "timestamp"),
        types.Integer: kept(types.Integer, "number"),
        types.Boolean: kept(types.Boolean, "yes/no", {0: False, 1: True}),
    }


def _refresh_statistics(connection: Connection) -> None:
    """ANALYZE, just after a large change commits. The server's own autovacuum does it too,
    but up to a minute later, and a table it measured while nearly empty (say after an
    import was cancelled) is taken for nearly empty until then: the undo of an import of
    100,000 referrals planned its check on that and took 7 minutes instead of seconds.
    A teammate who does not own the tables gets a warning from the server, not an error."""
    with contextlib.suppress(Exception), connection.begin():  # the change itself is committed
        connection.exec_driver_sql("ANALYZE")


def _read_revision(connection: Connection) -> str | None:
    """The schema revision in one query; None for a database recip has not set up yet."""
    from sqlalchemy import exc, text

    try:
        with connection.begin_nested() if connection.in_transaction() else connection.begin():
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (exc.OperationalError, exc.ProgrammingError) as error:
        if "alembic_version" not in str(error.orig) and "no such table" not in str(error.orig):
            raise
        return None


def _refuse_foreign_tables(connection: Connection, display: str) -> None:
    from sqlalchemy import inspect

    tables = inspect(connection).get_table_names()
    # alembic_version too: another recip may have set the schema up a moment ago.
    if tables and "alembic_version" not in tables:
        raise RecipError(
            f"{display} holds tables recip did not make; point --db at a new or recip file."
        )


def _prepare_sqlite_file(path: Path) -> bool:
    """Refuse what is not a SQLite file; create a new one private to its owner (0600), and
    say so (True). A missing folder is made only for the default location: anywhere else it
    is more likely a typo in --db or RECIP_DB than a place meant for a new database."""
    if path.is_dir():
        raise RecipError(f"{path} is a directory; give --db a file name such as {path}/recip.db.")
    if path.exists():
        try:
            with path.open("rb") as file:
                header = file.read(len(SQLITE_HEADER))
        except OSError as error:
            raise RecipError(f"Cannot read the database {path}: {error.strerror}.") from None
        if header and header != SQLITE_HEADER:
            raise RecipError(f"{path} is not a recip database (not a SQLite file).")
        return False
    from reciprocity_cli.location import default_path

    try:
        if not path.parent.exists():
            if path != default_path().absolute():
                raise RecipError(
                    f"Cannot create the database {path}: the folder {path.parent} does not "
                    "exist. Check the path in --db or RECIP_DB, or create the folder first."
                )
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False  # another recip created it a moment ago
    except OSError as error:
        raise RecipError(f"Cannot create the database {path}: {error.strerror}.") from None
    return True


def _create_engine(location: Location) -> Engine:
    from sqlalchemy import create_engine, event, exc

    if not location.url.startswith("sqlite"):
        # A server that does not answer is reported after 10 s, not waited on forever.
        timeout = {"connect_timeout": 10} if location.url.startswith("postgresql") else {}
        try:
            return create_engine(location.url, connect_args=timeout)
        except ModuleNotFoundError as error:
            raise RecipError(
                f"The database driver {error.name} is not installed; for PostgreSQL install "
                "recip with its postgres extra: pip install 'reciprocity-cli[postgres]'."
            ) from None
        except (exc.NoSuchModuleError, exc.ArgumentError):
            raise RecipError(
                f'"{location.display()}" is not a database recip can use; give a file path '
                "or a URL such as sqlite:///path or postgresql+psycopg://user@host/db."
            ) from None

    engine = create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    # SQLite stores whatever it is given; a server enforces the column types itself.
    engine.dialect.colspecs = _checked_types(engine.dialect.colspecs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Leave transactions to us (the "begin" hook below), so DDL in migrations is
        # transactional too: pysqlite's own handling would commit before each DDL statement.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get("recip_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
