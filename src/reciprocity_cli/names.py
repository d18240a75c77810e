"""Active partner names straight from a SQLite file, with only the standard library.

Tab completion runs on every key press: it must not import SQLAlchemy, and it must never
create or change a database.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reciprocity_cli.db import ENV_VAR, default_path


def database_file(option: str | None) -> Path | None:
    """The SQLite file --db or RECIP_DB names (or the default); None for a server URL."""
    raw = option or os.environ.get(ENV_VAR) or ""
    if raw.startswith("sqlite:///"):
        raw = raw.removeprefix("sqlite:///").split("?", 1)[0]
    if "://" in raw:
        return None  # a server database: not worth a connection per Tab press
    return Path(raw).expanduser() if raw else default_path()


def active_names(path: Path | None) -> list[str]:
    if path is None or not path.is_file():
        return []
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            rows = connection.execute(
                "SELECT name FROM partner WHERE archived = 0 ORDER BY name_key"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return []  # a locked, damaged or foreign file: offer nothing rather than fail
    return [name for (name,) in rows]


def starting_with(typed: str, option: str | None) -> list[str]:
    """Active partners whose name starts with what was typed, in any case."""
    prefix = " ".join(typed.split()).casefold()
    names = active_names(database_file(option))
    return [name for name in names if name.casefold().startswith(prefix)]
