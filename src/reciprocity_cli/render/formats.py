"""Scripted output: picking a format; JSON, CSV and Markdown writers. No table art, no colour."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring  # what json.dumps uses with ensure_ascii=False
from pathlib import Path

from reciprocity_cli.core.fields import GUARDED_STARTS
from reciprocity_cli.errors import RecipError, UsageProblem

FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def choose(fmt: str | None, as_json: bool, output: Path | None, allowed: Sequence[str]) -> str:
    """--json, else --format, else the --output file's extension, else a table."""
    if as_json:
        if fmt and fmt.lower() != "json":
            raise UsageProblem(f"--json and --format {fmt} disagree; use one of them.")
        chosen = "json"
    elif fmt:
        chosen = fmt.strip().lower()
    elif output is not None and output.suffix.lower() in FORMAT_BY_SUFFIX:
        chosen = FORMAT_BY_SUFFIX[output.suffix.lower()]
    elif output is not None and output.suffix:  # report.pdf would get plain text, quietly
        raise UsageProblem(
            f'recip cannot tell a format from "{output.suffix}"; name the file .txt, .md, '
            ".html, .json or .csv, or pass --format."
        )
    else:
        chosen = "table"
    if chosen not in allowed:
        raise UsageProblem(f'--format "{fmt or chosen}" is not one of: {", ".join(allowed)}.')
    return chosen


def plain(value: object) -> object:
    """A value as JSON wants it: dates as YYYY-MM-DD, exact numbers as numbers."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        # A JSON number when a float carries it exactly, else the exact digits as a string.
        return float(value) if Decimal(repr(float(value))) == value else str(value)
    if isinstance(value, Fraction):
        return float(value)
    return value


def to_json(data: object) -> str:
    def default(value: object) -> object:
        converted = plain(value)
        if converted is value:
            raise TypeError(f"cannot write {type(value).__name__} as JSON")
        return converted

    return json.dumps(data, indent=2, ensure_ascii=False, default=default) + "\n"


def json_array_chunks(items: Iterable[object]) -> Iterator[str]:
    """A JSON list written item by item, exactly as to_json would print the whole list."""
    first = True
    for item in items:
        yield ("[\n  " if first else ",\n  ") + _item_json(item)
        first = False
    yield "[]\n" if first else "\n]\n"


def _item_json(item: object) -> str:
    """One item of a list, indented as in the list. A flat row (a dict of plain values, what
    long lists hold) is written here directly, several times faster than json's indenting
    encoder, which is pure Python; anything else goes through to_json."""
    if type(item) is dict and item:
        parts = []
        for key, value in item.items():
            text = _flat_json(value)
            if text is None or type(key) is not str:
                break
            parts.append(f"{encode_basestring(key)}: {text}")
        else:
            return "{\n    " + ",\n    ".join(parts) + "\n  }"
    return to_json(item).rstrip("\n").replace("\n", "\n  ")


def _flat_json(value: object, converted: bool = False) -> str | None:
    """A plain value as json.dumps writes it (ensure_ascii=False), or None for another."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    # Dates and exact numbers, as to_json's default turns them into the above.
    return None if converted else _flat_json(plain(value), converted=True)


def _cell(value: object) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(GUARDED_STARTS):
        return "'" + text
    return text


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> str:
    return "".join(csv_chunks(rows, columns))


def csv_chunks(rows: Iterable[dict], columns: Sequence[str]) -> Iterator[str]:
    """CSV in pieces of about 64 KB, so a large export never sits in memory whole."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def to_markdown(rows: Iterable[dict], columns: Sequence[str], headers: Sequence[str]) -> str:
    def escape(value: object) -> str:
        text = "" if plain(value) is None else str(plain(value))
        return md_cell(text)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# Characters Markdown would read as a tag, a table edge or emphasis: backslash-escaped, so
# a viewer shows them as typed and the plain text stays readable ("Petal & Stem", not
# "Petal &amp; Stem"). An & is escaped only where it would start an entity.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])|&(?=#?\w+;)")


def md_cell(text: str) -> str:
    """Text for a Markdown table cell, shown as typed by any Markdown viewer."""
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    return text.replace("\r", " ").replace("\n", " ")  # a table row is one line


def emit(text: str, output: Path | None) -> None:
    """Print, or write a file private to its owner (0600: it holds contacts)."""
    emit_chunks([text], output)


# The open database (and its -wal/-shm files): --output must never overwrite it.
_protected: Path | None = None


def protect(database: Path | None) -> None:
    global _protected
    _protected = database


def emit_chunks(chunks: Iterable[str], output: Path | None) -> None:
    """Like emit, for output made piece by piece (a large export never sits in memory).

    A file is written beside its final name and moved into place when complete, so an
    interrupted export leaves no half-written file; it is created 0600 (it holds contacts).
    """
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    from reciprocity_cli.location import is_database_file, scratch_beside

    if is_database_file(output, _protected):
        raise RecipError(f"{output} is the database itself; write the output somewhere else.")
    try:
        if output.exists() and not output.is_file():  # /dev/stdout, a fifo: write straight in
            _write(output, chunks, os.O_WRONLY)
            return
        scratch = scratch_beside(output)
        try:
            _write(scratch, chunks, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            os.replace(scratch, output)
        except BaseException:
            scratch.unlink(missing_ok=True)
            raise
    except OSError as error:  # named by what was asked for, never the hidden temporary
        reason = "the disk is full" if error.errno == errno.ENOSPC else error.strerror
        raise RecipError(f"Cannot write {output}: {reason}.") from None


def _write(path: Path, chunks: Iterable[str], flags: int) -> None:
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
        for chunk in chunks:
            file.write(chunk)
