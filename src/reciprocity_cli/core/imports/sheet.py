"""A spreadsheet of referrals: which column holds which field, whatever the sheet calls it,
and the character between its cells.

recip's own CSV names every field as recip does; a sheet kept by hand says `Date;Type;
Partner;Customer` (semicolons: what spreadsheet programs write where the comma is the
decimal mark). Headers are read case-insensitively, in any order, under common names
(SYNONYMS), and `--map COLUMN=FIELD` names the rest. Only date, direction and partner are
required; columns recip has no field for are named in one note.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reciprocity_cli.core.export import PARTNER_COLUMNS, REFERRAL_COLUMNS
from reciprocity_cli.core.words import fold
from reciprocity_cli.errors import RecipError, UsageProblem, quote_arg

FIELDS = REFERRAL_COLUMNS
REQUIRED = ("date", "direction", "partner")
SKIP = "skip"  # --map COLUMN=skip leaves a column out
DELIMITERS = ",;\t|"
SNIFF_CHARS = 4096  # a few lines are enough; the sniffer takes quadratic time on some text
SNIFF_LINES = 20

# What sheets call recip's fields, as label() writes them.
SYNONYMS = {
    "day": "date",
    "referral date": "date",
    "referred on": "date",
    "type": "direction",
    "kind": "direction",
    "partner name": "partner",
    "business": "partner",
    "client": "customer",
    "customer name": "customer",
    "client name": "customer",
    "contact": "customer_contact",
    "client contact": "customer_contact",
    "notes": "note",
    "comment": "note",
    "comments": "note",
    "amount": "value",
    "outcome": "status",
    "made by": "by",
    "staff": "by",
    "thanked": "thanked_on",
    "closed": "closed_on",
}


def label(cell: str) -> str:
    """A header cell as it is compared: case, accents, spacing, _ and - aside."""
    return " ".join(fold(cell).replace("_", " ").replace("-", " ").split())


FIELD_BY_LABEL = {**{label(name): name for name in FIELDS}, **SYNONYMS}


def separator_line(text: str) -> str | None:
    """The delimiter a first line like `sep=;` names (Excel writes and reads it)."""
    first = text[: text.find("\n") + 1 or len(text)].strip()
    found = re.fullmatch(r"(?i)sep=(.)", first)
    return found.group(1) if found else None


def delimiter(text: str, maps: Sequence[str] = ()) -> str:
    """The character between cells: what the standard library's sniffer sees in the first
    lines; where several would do (a header with a comma inside a name), the one that
    splits the header into the most columns recip knows."""
    text = text.lstrip("\ufeff")
    named = separator_line(text)
    if named is not None:
        return named
    head = text[:SNIFF_CHARS]
    lines = head.splitlines(keepends=True)
    if len(lines) > 1:  # a line cut short would weigh as much as a whole one
        head = "".join(lines[: min(SNIFF_LINES, len(lines) - 1)])
    try:
        guess = csv.Sniffer().sniff(head, DELIMITERS).delimiter
    except csv.Error:
        guess = ","
    known = set(FIELD_BY_LABEL) | {label(c) for c in PARTNER_COLUMNS}
    known |= {label(raw.rpartition("=")[0]) for raw in maps}
    header = lines[0] if lines else ""

    def score(candidate: str) -> int:
        try:
            cells = next(csv.reader(io.StringIO(header), delimiter=candidate), [])
        except csv.Error:
            return 0
        return sum(label(cell) in known for cell in cells)

    return max(DELIMITERS, key=lambda candidate: (score(candidate), candidate == guess))


@dataclass
class Columns:
    """The field each column of the header holds (None: not read), and the columns left out
    that recip has no field for."""

    fields: list[str | None]
    unknown: list[str]


def check_maps(maps: Sequence[str]) -> dict[str, tuple[str, str]]:
    """--map COLUMN=FIELD options: column label -> (field or SKIP, the option as given)."""
    found: dict[str, tuple[str, str]] = {}
    for raw in maps:
        column, equals, wanted = raw.rpartition("=")
        if not equals or not column.strip():
            raise UsageProblem(
                f'--map "{raw}" must be COLUMN=FIELD, e.g. --map "Referred by=partner".'
            )
        field = SKIP if label(wanted) == SKIP else FIELD_BY_LABEL.get(label(wanted))
        if field is None:
            raise UsageProblem(
                f'--map "{raw}": "{wanted}" is not a field recip imports; use one of: '
                f"{', '.join(FIELDS)}, or skip to leave the column out."
            )
        if label(column) in found:
            raise UsageProblem(
                f'--map "{found[label(column)][1]}" and --map "{raw}" name the same column; '
                "give one --map for each column."
            )
        found[label(column)] = (field, raw)
    return found


def columns(header: Sequence[str], maps: Sequence[str], name: str) -> Columns:
    """Which field each header cell names; refuses a map that names no column, two columns
    giving one field, and a sheet without date, direction or partner."""
    mapped = check_maps(maps)
    labels = [label(cell) for cell in header]
    shown = ", ".join(f'"{cell}"' for cell in header if cell.strip())
    for column, (_, raw) in mapped.items():
        if column not in labels:
            raise UsageProblem(
                f'--map "{raw}": {name} has no column "{raw.rpartition("=")[0]}"; '
                f"its columns are: {shown}."
            )
    fields: list[str | None] = []
    unknown = []
    for cell, key in zip(header, labels, strict=True):
        field = mapped[key][0] if key in mapped else FIELD_BY_LABEL.get(key)
        if field is None and key:
            unknown.append(cell)
        fields.append(None if field == SKIP else field)
    for field in FIELDS:
        given = [cell for cell, f in zip(header, fields, strict=True) if f == field]
        if len(given) > 1:
            raise RecipError(
                f'{name}: the columns "{given[0]}" and "{given[1]}" both hold {field}; leave '
                f'one out with --map "{given[0]}=skip".'
            )
    missing = [field for field in REQUIRED if field not in fields]
    if missing:
        what = " and ".join(missing) if len(missing) < 3 else "date, direction and partner"
        raise RecipError(
            f"{name}: no {what} column (its columns are: {shown or 'none'}); name the one "
            f"that holds {missing[0]} with --map COLUMN={missing[0]}."
        )
    return Columns(fields, unknown)


def unknown_note(unknown: Sequence[str]) -> str:
    shown = ", ".join(f'"{cell}"' for cell in unknown)
    if len(unknown) == 1:
        option = quote_arg(f"{unknown[0]}=FIELD")
        return f"Not imported: column {shown} (recip has no field for it; --map {option} reads it)."
    return (
        f"Not imported: columns {shown} (recip has no field for them; --map COLUMN=FIELD "
        "reads one into a field)."
    )
