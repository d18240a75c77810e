"""A CSV of referrals (recip's own, or a spreadsheet's) or of partners, read into checked rows."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from typing import IO

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports import sheet
from reciprocity_cli.core.imports.plan import FirstError, Plan, Survey
from reciprocity_cli.core.imports.records import RowError, partner_row, referral_row
from reciprocity_cli.core.imports.sheet_dates import DateReader
from reciprocity_cli.core.imports.source import TextFile


def _unguard(value: str) -> str:
    """Undo export's spreadsheet guard: "'=SUM" was "=SUM", "''=keep" was "'=keep"."""
    if value.startswith("'") and value[1:2] and value[1] in f.GUARDED_STARTS:
        return value[1:]
    return value


def table(text: IO[str], delimiter: str = ",") -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The header, and each row that is not blank with its line number, read as they come;
    a first line like `sep=;` (Excel's) only names the delimiter."""
    reader = csv.reader(text, delimiter=delimiter)
    try:
        first = next(reader, [])
        if first and separator(first, delimiter) is not None:
            first = next(reader, [])
    except csv.Error as error:
        raise RowError(reader.line_num, f"is not valid CSV ({error}).") from None
    header = [cell.strip() for cell in first]
    if header:
        header[0] = header[0].lstrip("\ufeff").strip()

    def rows() -> Iterator[tuple[int, list]]:
        try:
            for cells in reader:
                # Spreadsheets pad rows with empty cells; a value past the header is refused.
                if any(cells[len(header) :]):
                    raise RowError(reader.line_num, "has more cells than the header.")
                if any(cells):
                    yield reader.line_num, [_unguard(c) if c[:1] == "'" else c for c in cells]
        except csv.Error as error:
            raise RowError(reader.line_num, f"is not valid CSV ({error}).") from None

    return header, rows()


def separator(cells: list[str], delimiter: str) -> str | None:
    """The delimiter a first line like `sep=;` names, read back from its cells."""
    return sheet.separator_line(delimiter.join(cells).lstrip("\ufeff"))


def check_all(file: TextFile, read: Callable[..., Iterator[tuple[str, object]]]) -> Survey:
    """The check pass: every row read with `read`, in the encoding that reads the file.
    A bad value is reported once the whole file has been read as CSV."""

    def survey(file: TextFile) -> Survey:
        found = Survey()
        with file.open() as text:
            first = FirstError()
            rows = read(text, first)
            for kind, row in rows:
                found.see(kind, row)
        first.raise_first()
        return found

    return file.whole(survey)


def again(file: TextFile, read) -> Callable[[], Iterator[tuple[str, object]]]:
    """The write pass: the rows read again, one at a time."""

    def rows() -> Iterator[tuple[str, object]]:
        with file.open() as text:
            yield from read(text, FirstError(strict=True))

    return rows


def plan_referrals(
    file: TextFile,
    *,
    date_format: str | None = None,
    maps: Sequence[str] = (),
    name: str = "the file",
) -> Plan:
    """Referrals from any sheet that says, in some column, each one's date, direction and
    partner: recip's own CSV is one such sheet."""
    dates = DateReader(date_format)
    delimiter = sheet.delimiter(file.head, maps)
    found: dict = {}

    def read(text: IO[str], first: FirstError) -> Iterator[tuple[str, object]]:
        header, lines = table(text, delimiter)
        columns = found.setdefault("columns", sheet.columns(header, maps, name))
        fields = columns.fields
        for line, cells in lines:
            raw = {key: value for key, value in zip(fields, cells, strict=False) if key}
            row = first.check(referral_row, line, raw, dates)
            if row is not None:
                yield "referrals", row

    survey = check_all(file, read)
    columns = found["columns"]
    survey.plan.names_typed = True
    survey.plan.known_columns = _known(columns.fields)
    plan = survey.done(again(file, read))
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


def plan_partners(file: TextFile, *, name: str = "the file") -> Plan:
    delimiter = sheet.delimiter(file.head)

    def read(text: IO[str], first: FirstError) -> Iterator[tuple[str, object]]:
        header, lines = table(text, delimiter)
        keys = [cell.lower() for cell in header]  # a header cell left empty is not read
        for line, cells in lines:
            raw = {k: v for k, v in zip(keys, cells, strict=False) if k}
            if raw.get("tags"):  # the partners CSV that recip exports joins tags with commas
                raw["tags"] = raw["tags"].split(",")
            row = first.check(partner_row, line, raw)
            if row is not None:
                yield "partners", row

    return check_all(file, read).done(again(file, read))
