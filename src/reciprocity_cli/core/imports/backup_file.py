"""recip's JSON backup, read into checked partners, referrals, touches and settings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from reciprocity_cli.core.export import BACKUP_FORMAT, BACKUP_VERSION
from reciprocity_cli.core.imports import history_records
from reciprocity_cli.core.imports import values as v
from reciprocity_cli.core.imports.records import (
    CLOSED_FIELDS,
    PARTNER_FIELDS,
    REFERRAL_FIELDS,
    TOUCH_FIELDS,
    Plan,
    RowError,
    checked,
    closed_row,
    partner_row,
    referral_row,
    touch_row,
)
from reciprocity_cli.core.settings import SPECS
from reciprocity_cli.errors import RecipError

TOP_FIELDS = frozenset(
    (
        "format",
        "version",
        "schema",
        "settings",
        "partners",
        "referrals",
        "touches",
        "closed_days",
        "changes",
        "change_rows",
    )
)
SECTIONS: dict[str, tuple[Callable, frozenset[str]]] = {
    "partners": (partner_row, PARTNER_FIELDS),
    "referrals": (referral_row, REFERRAL_FIELDS),
    "touches": (touch_row, TOUCH_FIELDS),
    "closed_days": (closed_row, CLOSED_FIELDS),  # absent from backups made before them
    # The change history (absent from backups made before it).
    "changes": (history_records.change_record, history_records.CHANGE_FIELDS),
    "change_rows": (history_records.change_row_record, history_records.ROW_FIELDS),
}
# recip writes four levels (the backup, a list, a record, its tags); far deeper is not a
# backup, and json's parser would recurse until Python stops it.
MAX_DEPTH = 32
NUMBER_DIGITS = 18  # ids are the longest numbers recip writes
UNKNOWN_SHOWN = 8
# What the scan below needs of JSON: the brackets outside strings. Each match is the run of
# text before a bracket (strings, escapes and all, skipped whole) and the bracket itself, so
# a record costs the scan a few steps whatever its fields. An unclosed string runs to the end.
_TO_BRACKET = re.compile(r'(?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+"?)*+([\[\]{}]|$)')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def record_lines(text: str) -> dict[str, list[int]]:
    """The line each record of the backup's top-level arrays starts on, for error messages;
    and the first line where lists and objects nest deeper than MAX_DEPTH, refused before
    json reads them."""
    lines: dict[str, list[int]] = {}
    depth, line, key, position = 0, 1, None, 0
    for match in _TO_BRACKET.finditer(text):
        bracket = match.group(1)
        line += text.count("\n", position, match.start(1))
        if depth == 1 and bracket == "[":  # the run before holds the array's name
            names = _STRING.findall(text, position, match.start(1))
            key = names[-1] if names else None
            lines[key] = []
        position = match.end()
        if not bracket:
            break
        if bracket in "[{":
            if depth == 2 and bracket == "{" and key is not None:
                lines[key].append(line)
            depth += 1
            if depth > MAX_DEPTH:
                raise RowError(
                    line, f"lists and objects nest over {MAX_DEPTH} deep here; not a recip backup."
                )
        else:
            depth -= 1
    return lines


def _object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: with a key twice, which value the file
    meant is a guess (json keeps the last), so the backup is refused."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise RecipError(
            f'The backup has the key "{twice}" twice in one object; remove one and import again.'
        )
    return found


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > NUMBER_DIGITS:
        raise RecipError(
            f"The backup holds a number of {len(digits.lstrip('-'))} digits; recip writes "
            f"numbers of at most {NUMBER_DIGITS}."
        )
    return int(digits)


def _constant(name: str) -> float:
    raise RecipError(
        f"The backup holds {name}, which is not a JSON value; it is not a recip backup."
    )


def parse(text: str) -> tuple[dict, dict[str, list[int]]]:
    """The backup's top-level object, checked to be JSON as recip writes it, and where each
    record starts."""
    positions = record_lines(text)
    try:
        document = json.loads(
            text, object_pairs_hook=_object, parse_int=_integer, parse_constant=_constant
        )
    except json.JSONDecodeError as error:
        raise RowError(error.lineno, f"is not valid JSON ({error.msg}).") from None
    except RecursionError:  # record_lines refuses deep nesting first; this is the backstop
        raise RecipError("The backup nests lists and objects too deep to read.") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise RecipError('This JSON is not a recip backup (no "format": "recip-backup").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > BACKUP_VERSION:
        raise RecipError(
            f"This backup is version {version}; this recip reads up to "
            f"{BACKUP_VERSION}. Upgrade recip to import it."
        )
    return document, positions


def records(
    document: dict, positions: dict[str, list[int]], key: str, unknown: dict[str, str]
) -> Iterator:
    """The checked rows of one of the backup's arrays, each with the line its object starts
    on; fields recip does not read are added to `unknown`."""
    build, known = SECTIONS[key]
    items = document.get(key) or []
    if not isinstance(items, list):
        raise RecipError(f'"{key}" in the backup must be a list.')
    where = positions.get(key, [])
    for number, item in enumerate(items):
        line = where[number] if number < len(where) else 1
        if not isinstance(item, dict):
            raise RowError(line, f"{key} record {number + 1} is not an object.")
        for name in item.keys() - known:
            unknown.setdefault(name, key)
        yield build(line, item)


def _settings(document: dict) -> dict[str, str]:
    settings = document.get("settings") or {}
    if not isinstance(settings, dict):
        raise RecipError('"settings" in the backup must be an object of names and values.')
    found = {}
    for key, value in settings.items():
        if key not in SPECS:
            raise RecipError(f'The backup has an unknown setting "{key}".')
        if not isinstance(value, str):  # recip writes every setting as text
            raise RecipError(f'The backup\'s setting "{key}" must be text, not {v.kind_of(value)}.')
        found[key] = checked(1, SPECS[key].check, key, value)
    return found


def unknown_note(unknown: dict[str, str]) -> str:
    shown = [f'"{name[:40]}" ({where})' for name, where in sorted(unknown.items())[:UNKNOWN_SHOWN]]
    more = len(unknown) - len(shown)
    return (
        "The backup has fields this recip does not read, ignored: "
        + ", ".join(shown)
        + (f" and {more} more" if more else "")
        + "."
    )


def _once_each(rows: Iterator) -> list:
    """Closed days, each date once: with a date twice, which note the file meant is a guess."""
    found: dict = {}
    for row in rows:
        if row.date in found:
            raise RowError(row.line, f"closed day {row.date} is listed twice; keep one.")
        found[row.date] = row
    return list(found.values())


def plan(text: str) -> Plan:
    document, positions = parse(text)
    unknown = {name: "top level" for name in document.keys() - TOP_FIELDS}
    found = Plan(
        partners=list(records(document, positions, "partners", unknown)),
        referrals=list(records(document, positions, "referrals", unknown)),
        touches=list(records(document, positions, "touches", unknown)),
        closed_days=_once_each(records(document, positions, "closed_days", unknown)),
        settings=_settings(document),
        changes=list(records(document, positions, "changes", unknown)),
        change_rows=list(records(document, positions, "change_rows", unknown)),
    )
    if unknown:
        found.notes.append(unknown_note(unknown))
    found.note_future_dates()
    return found
