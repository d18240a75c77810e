"""Active partner names for Tab completion, with only the standard library: where they are
read from, and which of them a Tab press offers for what was typed.

Tab completion runs on every key press: it must not import SQLAlchemy, and it must never
create or change a database. A SQLite file is read directly. A server database (shared
PostgreSQL) would cost a driver import and a connection per key press, so recip keeps its
active partner names, and nothing else, in a small private file in the user cache folder,
rewritten at the end of every recip command on that database.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from reciprocity_cli.core.words import name_fold  # standard library only, like this file
from reciprocity_cli.location import APP_NAME, ENV_VAR, database_file, scratch_beside


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


def cache_file(url: str) -> Path:
    """Where a server database's names are kept: one file per database, named by a hash of
    what the database is (server, port, login and database name), never of a secret, so
    every spelling of one URL shares one file and the name reveals nothing to test a
    password guess against."""
    from platformdirs import user_cache_path

    digest = hashlib.sha256(database_identity(url).encode()).hexdigest()[:16]
    return user_cache_path(APP_NAME) / f"partner-names-{digest}.txt"


def database_identity(url: str) -> str:
    """postgresql://user@host:port/database, read as libpq reads a URL: the parts written
    in it, else its query parameters, else libpq's defaults."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    login, _, place = parts.netloc.rpartition("@")
    host, _, port = place.rpartition(":") if place.rpartition(":")[2].isdigit() else (place, "", "")
    user = unquote(login.partition(":")[0]) or query.get("user", "")
    database = unquote(parts.path.lstrip("/")) or query.get("dbname", "")
    host = unquote(host) or query.get("host", "localhost")
    port = port or query.get("port", "5432")
    return f"postgresql://{user}@{host}:{port}/{database}"


def cached_names(url: str) -> list[str]:
    try:
        return cache_file(url).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def store_names(url: str, names: list[str]) -> None:
    """Replace the cache in one step (a Tab press never reads half a file); 0600, as it
    names the business's partners. A failure only costs completions, never the command."""
    path = cache_file(url)
    scratch = scratch_beside(path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write("".join(f"{name}\n" for name in names if "\n" not in name))
        os.replace(scratch, path)
    except OSError:
        scratch.unlink(missing_ok=True)


def _word_starts(folded: str) -> list[int]:
    """Where the words of a folded name begin: after a space or punctuation."""
    return [
        index
        for index, ch in enumerate(folded)
        if ch.isalnum() and (index == 0 or not folded[index - 1].isalnum())
    ]


def matching(typed: str, names: list[str]) -> list[str]:
    """The names a Tab press offers for what was typed, in their order: what `recip give`
    would accept (DESIGN: ignoring case and accents, a name that starts with it, else one
    with a word that starts with it: "taxi" offers "City Taxi"). A name with a control
    character is never offered: no shell could be handed it as one line."""
    usable = [name for name in names if not any(unicodedata.category(ch) == "Cc" for ch in name)]
    key = name_fold(typed)
    if not key:
        return usable
    if typed[-1].isspace():  # "harbor " is not "harbortown"
        key += " "
    folded = [(name, name_fold(name)) for name in usable]
    starting = [name for name, text in folded if text.startswith(key)]
    if starting:
        return starting
    return [
        name
        for name, text in folded
        if any(text.startswith(key, index) for index in _word_starts(text))
    ]


def matching_names(typed: str, option: str | None) -> list[str]:
    """Active partners of the database --db (or RECIP_DB, or the default) names that a Tab
    press offers for what was typed."""
    raw = option or os.environ.get(ENV_VAR) or ""
    if "://" in raw and not raw.startswith("sqlite:"):
        names = cached_names(raw)
    else:
        names = active_names(database_file(option))
    return matching(typed, names)
