"""One checked reader per kind of value a file gives: text, whole number, true or false, tags,
amount, date and timestamp.

A CSV or a vCard gives text; a backup may hold any JSON value in any field. Each reader
takes what the file held and returns the value recip stores, or stops the import with
`line N: <field> ...` saying what was found, so no value reaches a field check or the
database driver as a type it was not written for.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import EARLIEST, LATEST
from reciprocity_cli.errors import RecipError


class RowError(RecipError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")


def kind_of(value: object) -> str:
    """How a JSON value is named in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text"


def _empty(raw: object) -> bool:
    return raw is None or raw == ""


def text(raw: object, line: int, field: str) -> str | None:
    """Text, or None for a missing or empty value."""
    if _empty(raw):
        return None
    if not isinstance(raw, str):
        raise RowError(line, f"{field} must be text, not {kind_of(raw)}.")
    return raw


def whole(raw: object, line: int, field: str, digits: int) -> int | None:
    """A whole number of at most `digits` digits, written as a JSON number or as text."""
    if _empty(raw):
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        if 0 <= raw < 10**digits:
            return raw
        raise RowError(line, f"{field} {raw} is not a whole number of up to {digits} digits.")
    if not isinstance(raw, str):
        raise RowError(line, f"{field} must be a whole number, not {kind_of(raw)}.")
    number = f.whole_number(raw, digits)
    if number is None:
        raise RowError(line, f'{field} "{raw}" is not a whole number.')
    return number


def number_text(raw: object, line: int, field: str) -> str | None:
    """A whole number as the text a field check reads ("4" for a heat), from a JSON number
    or from text; a fraction, a list or true is not one."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    if _empty(raw) or isinstance(raw, str):
        return raw or None
    raise RowError(line, f"{field} must be a whole number, not {kind_of(raw)}.")


def flag(raw: object, line: int, field: str) -> bool | None:
    """true or false; in a CSV also 1/0 and yes/no."""
    if isinstance(raw, bool) or raw is None:
        return raw
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in ("", "true", "false", "1", "0", "yes", "no"):
            return word in ("true", "1", "yes") if word else None
        raise RowError(line, f'{field} "{raw}" must be true or false.')
    raise RowError(line, f"{field} must be true or false, not {kind_of(raw)}.")


def tags(raw: object, line: int) -> list[str] | None:
    """A list of tags; text is one tag (or several separated by commas)."""
    if _empty(raw) or raw == []:
        return None
    if isinstance(raw, str):
        return [raw]
    if not isinstance(raw, list):
        raise RowError(line, f"tags must be a list of text, not {kind_of(raw)}.")
    for item in raw:
        if not isinstance(item, str):
            raise RowError(line, f"tags must be a list of text; one of them is {kind_of(item)}.")
    return raw


def amount(raw: object, line: int, field: str) -> str | None:
    """An amount as the text it is read from: "1250.50", "$1,200"; a JSON number as written."""
    if _empty(raw):
        return None
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
        return str(raw)
    raise RowError(line, f"{field} must be an amount, not {kind_of(raw)}.")


def date(raw: object, line: int, field: str) -> dt.date | None:
    """YYYY-MM-DD only (files get no relative dates), from EARLIEST to LATEST. Dates after
    today are kept: the file says what happened, and the caller names them in a note."""
    if _empty(raw):
        return None
    if not isinstance(raw, str):
        shown = f" {raw}" if isinstance(raw, int | float) else ""
        raise RowError(line, f"{field}{shown} is not a date (YYYY-MM-DD): it is {kind_of(raw)}.")
    value = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise RowError(line, f'{field} "{raw}" is not a date (YYYY-MM-DD).')
    try:
        found = dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(line, f'{field} "{raw}" is not a real date.') from None
    if not EARLIEST <= found <= LATEST:
        raise RowError(line, f"{field} {found} is outside {EARLIEST} to {LATEST}.")
    return found


def stamp(raw: object, line: int, field: str) -> dt.datetime | None:
    """An ISO 8601 timestamp in the years dates may have: "0001-01-01T00:00:00+14:00" is
    syntax a parser takes, and an overflow once turned into UTC."""
    if _empty(raw):
        return None
    if not isinstance(raw, str):
        raise RowError(line, f"{field} must be an ISO 8601 timestamp, not {kind_of(raw)}.")
    try:
        found = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise RowError(line, f'{field} "{raw}" is not ISO 8601.') from None
    if not EARLIEST <= found.date() <= LATEST:
        raise RowError(line, f"{field} {raw} is outside {EARLIEST} to {LATEST}.")
    # Without a zone it is UTC, as recip stores it (the database refuses a naive one).
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)
