"""The line `recip today --brief` printed last, remembered for the next shell prompt, with
only the standard library.

A prompt runs `recip today --brief` before every prompt, so it must cost about what starting
Python does; working the line out costs SQLAlchemy and a walk of the history. So the full
`today` (cli/daily.py) stores the line it worked out in a small private file in the user
cache folder, under a key made of what the answer depends on:

- the database file as it stood before it was read: its identity (device, inode), size and
  change times, and those of its write-ahead log (any write, by anyone, changes them);
- a stamp that every committed write through recip on this machine renews (db.py), which
  also catches two writes too close together for the file times to tell apart. The full
  path makes the stamp before it takes the key, and a writer renews it after its commit, so
  a line read before a write is never stored under a key that outlives the write;
- the date (RECIP_TODAY or the local calendar), and recip's version.

entry.py asks `fast_line` first: while the key still holds, the stored line is the answer;
otherwise the full path works it out again (and stores it). The rules live only in the full
path; this file only remembers an answer. Only SQLite files are kept: a server database
(shared PostgreSQL) is written from other machines, which no file here would notice, so
`--brief` on one always takes the full path. Nothing is kept until `--brief` is first used
on a database.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reciprocity_cli import __version__
from reciprocity_cli.location import APP_NAME, scratch_beside

FORMAT = "recip-brief-1"


def _files(database: Path) -> tuple[Path, Path, str]:
    """The line's file and the stamp's, named by a hash of where the database really is
    (every spelling of one path shares them), and that real path."""
    import zlib  # a checksum is enough: the key inside names the path in full

    from platformdirs import user_cache_path

    real = os.path.realpath(database)
    digest = f"{zlib.crc32(real.encode('utf-8', 'surrogatepass')):08x}"
    folder = user_cache_path(APP_NAME)
    return folder / f"brief-{digest}.txt", folder / f"brief-{digest}.stamp", real


def _signature(path: str) -> str:
    """What changes when a file is written: identity, size, modification and change times."""
    info = os.stat(path)
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _key(database: Path, day: str) -> str | None:
    """The key for the database as it stands now; None if it cannot be read."""
    _, stamp, real = _files(database)
    try:
        mark = stamp.read_text(encoding="ascii").strip()
        main = _signature(real)
    except (OSError, UnicodeDecodeError):
        return None
    try:
        wal = _signature(f"{real}-wal")
    except FileNotFoundError:
        wal = "-"
    except OSError:
        return None
    return " ".join((FORMAT, __version__, day, ascii(real), main, wal, mark))


def _write_private(path: Path, text: str) -> None:
    """Replace the file in one step (a prompt never reads half of it); 0600 in a 0700
    folder, as the line names a partner and their phone."""
    scratch = scratch_beside(path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(scratch, path)
    except OSError:
        scratch.unlink(missing_ok=True)
        raise


def _new_stamp() -> str:
    return os.urandom(12).hex()


def begin(database: Path, day: str, *, wanted: bool) -> str | None:
    """Before the full path reads the database: the key to store its line under, or None
    when the line is not to be kept (not asked for, and --brief never used here)."""
    status, stamp, _ = _files(database)
    try:
        if not wanted and not status.exists():
            return None
        if not stamp.exists():
            _write_private(stamp, _new_stamp())
    except OSError:
        return None  # an unwritable cache folder only costs speed
    return _key(database, day)


def store(database: Path, key: str, line: str) -> None:
    status, _, _ = _files(database)
    with contextlib.suppress(OSError):  # only costs speed
        _write_private(status, f"{key}\n{line}\n")


def written(database: Path) -> None:
    """After a committed write: renew the stamp, if --brief is in use on this database, so
    no line stored before the write is answered after it."""
    _, stamp, _ = _files(database)
    with contextlib.suppress(OSError):
        if stamp.exists():
            _write_private(stamp, _new_stamp())


def stored_line(database: Path, day: str) -> str | None:
    """The line stored for the database as it stands now, on `day`; None if there is none
    or anything changed since."""
    status, _, _ = _files(database)
    try:
        key, line, *_ = status.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return line if key == _key(database, day) else None


def database_option(args: list[str]) -> tuple[bool, str | None]:
    """Whether the words after `recip` are exactly `[--db X] today --brief`, and the --db."""
    option = None
    if args[:1] == ["--db"] and len(args) > 2:
        option, args = args[1], args[2:]
    elif args[:1] and args[0].startswith("--db="):
        option, args = args[0].removeprefix("--db="), args[1:]
    if args != ["today", "--brief"] or (option is not None and not option.strip()):
        return False, None
    return True, option


def fast_line(args: list[str]) -> str | None:
    """The answer to `recip [--db X] today --brief` if one is stored and still holds."""
    import time

    from reciprocity_cli.location import database_file

    asked, option = database_option(args)
    if not asked:
        return None
    database = database_file(option)
    if database is None:
        return None  # a server database: the full path
    # The day as core/dates.py reads it, written as the full path writes it in its key.
    # RECIP_TODAY is taken as written: if it is not a date the full path refuses, that
    # spelling never gets a stored line, and the full path says what is wrong with it.
    day = os.environ.get("RECIP_TODAY") or time.strftime("%Y-%m-%d")
    return stored_line(database, day)
