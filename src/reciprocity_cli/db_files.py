"""Copies of a SQLite database file: `db backup`, `db restore`, and the copy kept before a
schema upgrade. Standard library only, and never through SQLAlchemy: a restore must work on
a database too damaged to open."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
from pathlib import Path

from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import Location, is_database_file, scratch_beside

BUSY_TIMEOUT_SECONDS = 15
SQLITE_HEADER = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database
RECIP_TABLES = {"alembic_version", "partner", "referral", "touch", "setting"}


def backup(location: Location, target: Path, *, replace: bool = False) -> None:
    """A consistent copy of the live database through SQLite's backup API, even while
    others write; the copy is created 0600, like the database."""
    from reciprocity_cli.db_errors import describe

    if location.path is None:
        raise RecipError(
            "db backup copies SQLite files; for a server database use its own "
            "tools (pg_dump for PostgreSQL)."
        )
    target = target.expanduser().absolute()
    try:  # a name the system refuses (too long, a loop of links) is one line too
        if is_database_file(target, location.path):
            raise RecipError("The backup must go to another file than the database itself.")
        if target.is_dir():
            raise RecipError(f"{target} is a directory; name a file such as {target}/recip.db.")
        if target.exists() and not replace:
            raise RecipError(f"{target} exists; pass --replace to overwrite it.")
    except OSError as error:
        raise RecipError(f"Cannot write the backup {target}: {_reason(error)}.") from None
    # Copy into a private temporary file beside the target, then move it into place:
    # a failed backup never leaves a half-written or emptied file behind.
    scratch = scratch_beside(target)
    try:
        os.close(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        raise RecipError(f"Cannot write the backup {target}: {_reason(error)}.") from None
    source = sqlite3.connect(location.path, timeout=BUSY_TIMEOUT_SECONDS)
    copy = sqlite3.connect(scratch)
    try:
        with copy:
            source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        copy.close()
        os.replace(scratch, target)
    except (sqlite3.Error, OSError) as error:
        copy.close()
        _remove_with_companions(scratch)
        if _failed_on_the_copy(error):
            raise RecipError(f"Cannot write the backup {target}: {_reason(error)}.") from None
        raise RecipError(describe(error, location)) from None
    finally:
        source.close()


def checked_backup(source: Path, location: Location) -> tuple[Path, str]:
    """The file `db restore` was given, once it is known to be a whole recip database this
    recip can open; and its schema revision."""
    from reciprocity_cli.migrations import REVISIONS

    source = source.expanduser().absolute()
    if is_database_file(source, location.path):
        raise RecipError(f"{source} is the database itself; name a copy made by recip db backup.")
    try:
        with source.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise RecipError(f"Cannot read {source}: {_reason(error)}.") from None
    if header != SQLITE_HEADER:
        raise RecipError(f"{source} is not a recip database (not a SQLite file).")
    if _size(Path(f"{source}-wal")):
        # What is committed may sit in that log: copying the file alone would lose it.
        raise RecipError(
            f"{source} has a -wal file beside it (a database in use, or left by a crash); "
            f"copy it with recip --db {source} db backup FILE, and restore that copy."
        )
    # immutable: read the file's bytes as they are, without creating or reading companions.
    try:
        with contextlib.closing(
            sqlite3.connect(f"{source.as_uri()}?mode=ro&immutable=1", uri=True)
        ) as backup_file:
            problems = [row[0] for row in backup_file.execute("PRAGMA integrity_check")]
            tables = {
                row[0]
                for row in backup_file.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if tables >= RECIP_TABLES:
                row = backup_file.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.Error as error:
        raise RecipError(f"{source} is damaged ({error}); choose another backup.") from None
    if problems != ["ok"]:
        raise RecipError(f"{source} is damaged ({problems[0]}); choose another backup.")
    if revision is None:
        raise RecipError(f"{source} is not a recip database (it has no recip tables).")
    if revision not in REVISIONS:
        raise RecipError(
            f"{source} was written by a newer recip (schema {revision}); upgrade recip to "
            "restore it."
        )
    return source, revision


def restore(source: Path, database: Path) -> Path | None:
    """Put a checked backup in place of the database: a copy of the database as it was is
    kept beside it (returned), its companions go, and the backup arrives whole or not at all."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch = scratch_beside(database, "restore")
    try:
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as copy, source.open("rb") as original:
            shutil.copyfileobj(original, copy)
            copy.flush()
            os.fsync(copy.fileno())
    except OSError as error:
        scratch.unlink(missing_ok=True)
        raise RecipError(
            f"Cannot write beside the database {database}: {_reason(error)}."
        ) from None
    try:
        kept = _keep_the_current(database)
        # A log left beside the database belongs to the old file: beside the restored one
        # SQLite would replay it into it. It is in the kept copy already.
        for companion in COMPANIONS:
            Path(f"{database}{companion}").unlink(missing_ok=True)
        os.replace(scratch, database)
    except OSError as error:
        raise RecipError(f"Cannot replace the database {database}: {_reason(error)}.") from None
    finally:
        scratch.unlink(missing_ok=True)
    _sync_folder(database.parent)
    return kept


def _keep_the_current(database: Path) -> Path | None:
    """The database as it is, beside it, before a restore replaces it: through SQLite (with
    what its log holds), or byte for byte, log and all, if SQLite cannot read it."""
    if not _size(database):
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.before-restore-{stamp}")
    os.close(os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        with (
            contextlib.closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)) as live,
            contextlib.closing(sqlite3.connect(kept)) as copy,
        ):
            live.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error:  # damaged: perhaps why it is being restored
        _remove_with_companions(kept)
        shutil.copyfile(database, kept)
        os.chmod(kept, 0o600)
        if _size(Path(f"{database}-wal")):
            shutil.copyfile(f"{database}-wal", f"{kept}-wal")
            os.chmod(f"{kept}-wal", 0o600)
    return kept


WAL_HEADER_BYTES = 32  # a write-ahead log this long holds no frames yet


def copy_left_by_a_failed_upgrade(path: Path, revision: str) -> Path | None:
    """The newest copy beside the database that holds the same revision and is newer than
    the database's last write: one a failed upgrade kept (a copy made by an upgrade that
    succeeded holds an older revision than the database)."""
    copies = sorted(path.parent.glob(f"{path.name}.before-upgrade-*"))
    if not copies:
        return None
    newest = copies[-1]
    wal = Path(f"{path}-wal")
    try:
        # A log with no frames was only opened (each connection creates it), not written.
        logged = wal.exists() and wal.stat().st_size > WAL_HEADER_BYTES
        written = [p.stat().st_mtime for p in (path, *([wal] if logged else []))]
        if newest.stat().st_mtime < max(written):
            return None
        with contextlib.closing(sqlite3.connect(f"file:{newest}?mode=ro", uri=True)) as copy:
            held = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except (OSError, sqlite3.Error):
        return None
    return newest if held == (revision,) else None


def _failed_on_the_copy(error: Exception) -> bool:
    """Whether a failed backup failed writing the copy (the live database is only read)."""
    name = getattr(error, "sqlite_errorname", "")
    return isinstance(error, OSError) or name.startswith(
        ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")
    )


def _reason(error: Exception) -> str:
    if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL" or (
        getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT)
    ):
        return "the disk is full"
    return getattr(error, "strerror", None) or str(error)


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", *COMPANIONS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _sync_folder(folder: Path) -> None:
    """The rename reaches the disk too, not only the file's bytes."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
