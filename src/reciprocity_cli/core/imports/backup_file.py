"""recip's JSON backup, read into checked partners, referrals, touches and settings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from reciprocity_cli.core.export import BACKUP_FORMAT, BACKUP_VERSION
from reciprocity_cli.core.imports.records import (
    Plan,
    RowError,
    checked,
    partner_row,
    referral_row,
    touch_row,
)
from reciprocity_cli.core.settings import SPECS
from reciprocity_cli.errors import RecipError


def record_lines(text: str) -> dict[str, list[int]]:
    """The line each record of the backup's top-level arrays starts on, for error messages."""
    lines: dict[str, list[int]] = {}
    depth, line, key, last_string = 0, 1, None, None
    in_string = escaped = False
    start = 0
    for index, ch in enumerate(text):
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                last_string = text[start + 1 : index]
            continue
        if ch == '"':
            in_string, start = True, index
        elif ch in "[{":
            if depth == 1 and ch == "[":
                key = last_string
                lines[key] = []
            elif depth == 2 and ch == "{" and key is not None:
                lines[key].append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
    return lines


def built(build: Callable, line: int, raw: dict):
    """One row checked; a value of the wrong JSON type is an error of that row, not a crash."""
    try:
        return build(line, raw)
    except RecipError:
        raise
    except (AttributeError, TypeError, ValueError, OverflowError):
        raise RowError(
            line, "a value has the wrong type (text, number or list expected)."
        ) from None


def records(document: dict, positions: dict[str, list[int]], key: str, build: Callable) -> Iterator:
    """The checked rows of one of the backup's arrays, each with the line its object starts on."""
    items = document.get(key) or []
    if not isinstance(items, list):
        raise RecipError(f'"{key}" in the backup must be a list.')
    where = positions.get(key, [])
    for number, item in enumerate(items):
        line = where[number] if number < len(where) else 1
        if not isinstance(item, dict):
            raise RowError(line, f"{key} record {number + 1} is not an object.")
        yield built(build, line, item)


def plan(text: str) -> Plan:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RowError(error.lineno, f"is not valid JSON ({error.msg}).") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise RecipError('This JSON is not a recip backup (no "format": "recip-backup").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > BACKUP_VERSION:
        raise RecipError(
            f"This backup is version {version}; this recip reads up to "
            f"{BACKUP_VERSION}. Upgrade recip to import it."
        )
    positions = record_lines(text)
    settings = document.get("settings") or {}
    if not isinstance(settings, dict):
        raise RecipError('"settings" in the backup must be an object of names and values.')
    found = Plan(
        partners=list(records(document, positions, "partners", partner_row)),
        referrals=list(records(document, positions, "referrals", referral_row)),
        touches=list(records(document, positions, "touches", touch_row)),
    )
    for key, value in settings.items():
        if key not in SPECS:
            raise RecipError(f'The backup has an unknown setting "{key}".')
        found.settings[key] = checked(1, SPECS[key].check, key, str(value))
    return found
