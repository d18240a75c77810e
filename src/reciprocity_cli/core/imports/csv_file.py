"""A CSV of referrals (recip's own, or a spreadsheet's) or of partners, read into checked rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports import sheet
from reciprocity_cli.core.imports.records import (
    PartnerRow,
    Plan,
    RowError,
    partner_row,
    referral_row,
)
from reciprocity_cli.core.imports.sheet_dates import DateReader


def _unguard(value: str) -> str:
    """Undo export's spreadsheet guard: "'=SUM" was "=SUM", "''=keep" was "'=keep"."""
    if value.startswith("'") and value[1:2] and value[1] in f.GUARDED_STARTS:
        return value[1:]
    return value


def table(text: str, delimiter: str = ",") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each row that is not blank, with its line number; a first line like
    `sep=;` (Excel's) only names the delimiter.

    Lists, not generators: the whole file is read as CSV before any row is checked, so a
    file that is not CSV is reported as such rather than by the first bad value in it.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    found = []
    try:
        if sheet.separator_line(text.lstrip("\ufeff")) is not None:
            next(reader, None)
        header = [cell.strip() for cell in next(reader, [])]
        for cells in reader:
            # Spreadsheets pad rows with empty cells; a value past the header is refused.
            if any(cells[len(header) :]):
                raise RowError(reader.line_num, "has more cells than the header.")
            if any(cells):
                found.append((reader.line_num, [_unguard(cell) for cell in cells]))
    except csv.Error as error:
        raise RowError(reader.line_num, f"is not valid CSV ({error}).") from None
    return header, found


def rows(text: str, delimiter: str = ",") -> list[tuple[int, dict]]:
    """Each row keyed by its header cell, lower-cased (a header cell left empty is not read)."""
    header, found = table(text, delimiter)
    keys = [cell.lower() for cell in header]
    return [(line, {k: v for k, v in zip(keys, cells, strict=False) if k}) for line, cells in found]


def plan_referrals(
    text: str, *, date_format: str | None = None, maps: Sequence[str] = (), name: str = "the file"
) -> Plan:
    """Referrals from any sheet that says, in some column, each one's date, direction and
    partner: recip's own CSV is one such sheet."""
    dates = DateReader(date_format)
    header, found = table(text, sheet.delimiter(text, maps))
    columns = sheet.columns(header, maps, name)
    plan = Plan(names_typed=True, known_columns=_known(columns.fields))
    for line, cells in found:
        raw = {key: value for key, value in zip(columns.fields, cells, strict=False) if key}
        plan.referrals.append(referral_row(line, raw, dates))
    plan.note_future_dates()
    if columns.unknown:
        plan.notes.append(sheet.unknown_note(columns.unknown))
    return plan


# A file's field and the referral column that holds it, where the names differ.
COLUMN_OF = {"value": "value_cents", "by": "made_by", "partner": "partner_id"}


def _known(fields: Sequence[str | None]) -> frozenset[str] | None:
    """The referral columns a sheet gives; None when it gives them all (recip's own CSV).
    An outcome carries its closing date: the file's, or the referral's own date."""
    known = {COLUMN_OF.get(field, field) for field in fields if field and field != "id"}
    if "status" in known:
        known.add("closed_on")
    every = {COLUMN_OF.get(field, field) for field in sheet.FIELDS if field != "id"}
    return None if known >= every else frozenset(known)


def partners(text: str, delimiter: str = ",") -> Iterator[PartnerRow]:
    for line, raw in rows(text, delimiter):
        if raw.get("tags"):  # the partners CSV that recip exports joins tags with commas
            raw["tags"] = raw["tags"].split(",")
        yield partner_row(line, raw)


def plan_partners(text: str, *, name: str = "the file") -> Plan:
    return Plan(partners=list(partners(text, sheet.delimiter(text))))
