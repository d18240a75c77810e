"""Tab completion of partner names, without the database stack.

Completion runs on every Tab press, so it must cost no more than starting Typer. For a
SQLite database it reads active names straight from the file with the standard library's
sqlite3, read-only; SQLAlchemy, SQLModel and Alembic are never imported.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import typer

from reciprocity_cli.db import ENV_VAR, default_path


def _database_file(ctx: typer.Context) -> Path | None:
    option = ctx.find_root().params.get("db") or os.environ.get(ENV_VAR) or ""
    if option.startswith("sqlite:///"):
        option = option.removeprefix("sqlite:///").split("?", 1)[0]
    if "://" in option:
        return None  # a server database: not worth a connection per Tab press
    return Path(option).expanduser() if option else default_path()


def active_names(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            rows = connection.execute(
                "SELECT name FROM partner WHERE archived = 0 ORDER BY name_key"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return []  # a locked, damaged or foreign file: offer nothing rather than fail
    return [name for (name,) in rows]


def partner_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Active partners whose name starts with what was typed, in any case."""
    path = _database_file(ctx)
    if path is None:
        return []
    typed = " ".join(incomplete.split()).casefold()
    return [name for name in active_names(path) if name.casefold().startswith(typed)]
