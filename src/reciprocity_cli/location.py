"""Where the database is: --db, RECIP_DB or the platform's data folder, as a URL and a file.

The ground floor under db.py (the engine), db_errors.py (what a failure means) and names.py
(Tab completion): all three ask this module where the database is, and it asks none of them.
Imports only the standard library at import time, as Tab completion reads it on every key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from reciprocity_cli.errors import RecipError

ENV_VAR = "RECIP_DB"
NAME_MAX = 255  # bytes in one file or folder name: Linux, macOS and Windows alike
APP_NAME = "reciprocity-cli"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "recip.db"


def database_file(option: str | None) -> Path | None:
    """The SQLite file --db or RECIP_DB names (or the default), with the standard library
    alone, for Tab completion and the prompt's `today --brief`; None for a server URL."""
    raw = option or os.environ.get(ENV_VAR) or ""
    if raw.startswith("sqlite:///"):
        raw = raw.removeprefix("sqlite:///").split("?", 1)[0]
    if "://" in raw:
        return None  # a server database: not worth a connection per key press or prompt
    return Path(raw).expanduser() if raw else default_path()


class Location(NamedTuple):
    """A database as a SQLAlchemy URL, plus the file behind it when it is a SQLite file."""

    url: str
    path: Path | None

    def display(self) -> str:
        """What to show users: the file path, or the URL with every secret hidden."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy import exc
        from sqlalchemy.engine import make_url

        try:
            url = make_url(self.url)
            # libpq also takes secrets as query parameters: ?password=, ?sslpassword=...
            hidden = {key: "***" for key in url.query if is_secret(key)}
            shown = url.update_query_dict(hidden).render_as_string(hide_password=True)
            return shown.replace("%2A%2A%2A", "***")
        except (exc.ArgumentError, ValueError):
            return _scheme_and_host(self.url)


def is_secret(key: str) -> bool:
    """A URL parameter that holds a secret: password, sslpassword, any *pass* or *secret*."""
    lowered = key.lower()
    return "pass" in lowered or "secret" in lowered


def _scheme_and_host(raw: str) -> str:
    """A URL that cannot be read, shown by its scheme and host only: a password may hold
    any of ?, / and #, so nothing between :// and the last @ is ever shown."""
    scheme, _, rest = raw.partition("://")
    if "@" in rest:
        host = re.split(r"[/?#]", rest.rpartition("@")[2], maxsplit=1)[0]
        return f"{scheme}://***@{host}"
    return f"{scheme}://{re.split(r'[/?#]', rest, maxsplit=1)[0]}"


def locate(option: str | None = None) -> Location:
    """--db wins, then RECIP_DB, then the platform's user data directory."""
    if option is not None and not option.strip():
        raise RecipError("--db is empty; give a file path or a database URL.")
    raw = option or os.environ.get(ENV_VAR) or ""
    if "://" not in raw:
        return _sqlite_location(_expanded(raw) if raw else default_path())
    if raw.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        database = make_url(raw).database
        if database and database != ":memory:":
            return _sqlite_location(_expanded(database))
    for plain in ("postgresql://", "postgres://"):  # libpq's spelling: use recip's driver
        if raw.startswith(plain):
            raw = "postgresql+psycopg://" + raw.removeprefix(plain)
    location = Location(raw, None)
    if raw.startswith("postgresql"):
        _require_database_name(location)
    return location


def _require_database_name(location: Location) -> None:
    """A server URL without a database would quietly use the login's default database
    (often `postgres`) and put recip's tables there."""
    from sqlalchemy import exc
    from sqlalchemy.engine import make_url

    try:
        url = make_url(location.url)
        named = url.database or url.query.get("dbname")
        url.port  # noqa: B018 (reading it checks it is a number)
    except (exc.ArgumentError, ValueError):
        raise RecipError(
            f'"{location.display()}" is not a database URL recip can read; write it like '
            "postgresql://user@host:5432/recip."
        ) from None
    if not named:
        raise RecipError(
            f"{location.display()} names no database; add one at the end, like "
            "postgresql://user@host/recip."
        )


def is_database_file(path: Path, database: Path | None) -> bool:
    """True when `path` is the database or its -wal/-shm companions, however it is spelt
    (relative, `..`, a symlink)."""
    if database is None:
        return False
    candidate = path.expanduser().resolve()
    for own in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if candidate == own.resolve():
            return True
        try:
            if candidate.exists() and own.exists() and os.path.samefile(candidate, own):
                return True
        except OSError:
            continue
    return False


def scratch_beside(path: Path, tag: str = "tmp") -> Path:
    """A private name beside `path` to write to and then rename into place, so a failed
    write never leaves a half-written file; short whatever the name, as a 250-byte name
    must not fail on its temporary's."""
    return path.with_name(f".{path.name[:40]}.recip-{os.getpid()}.{tag}")


def _expanded(raw: str) -> Path:
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # ~someone who has no home folder here
        raise RecipError(f'Cannot find the home folder in "{raw}"; write the full path.') from None


def _sqlite_location(path: Path) -> Location:
    path = path.absolute()
    # The system refuses a longer name with "File name too long", in whatever opens it first.
    longest = max((len(part.encode("utf-8", "surrogatepass")) for part in path.parts), default=0)
    if longest > NAME_MAX:
        raise RecipError(
            f"The database path has a name over {NAME_MAX} bytes long; choose a shorter one."
        )
    return Location(f"sqlite:///{path}", path)
