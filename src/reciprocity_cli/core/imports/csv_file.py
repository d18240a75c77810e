"""recip's CSV of referrals or of partners, read into checked rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports.records import (
    PartnerRow,
    Plan,
    ReferralRow,
    RowError,
    partner_row,
    referral_row,
)


def _unguard(value: str) -> str:
    """Undo export's spreadsheet guard: "'=SUM" was "=SUM", "''=keep" was "'=keep"."""
    if value.startswith("'") and value[1:2] and value[1] in f.GUARDED_STARTS:
        return value[1:]
    return value


def rows(text: str) -> list[tuple[int, dict]]:
    """Each row that is not blank, with its line number, keyed by the header lower-cased.

    A list, not a generator: the whole file is read as CSV before any row is checked, so a
    file that is not CSV is reported as such rather than by the first bad value in it.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows = []
    try:
        for raw in reader:
            if None in raw:
                raise RowError(reader.line_num, "has more cells than the header.")
            cleaned = {k.strip().lower(): _unguard(v) if v else v for k, v in raw.items() if k}
            if any(v not in (None, "") for v in cleaned.values()):
                rows.append((reader.line_num, cleaned))
    except csv.Error as error:
        raise RowError(reader.line_num, f"is not valid CSV ({error}).") from None
    return rows


def referrals(text: str) -> Iterator[ReferralRow]:
    for line, raw in rows(text):
        yield referral_row(line, raw)


def partners(text: str) -> Iterator[PartnerRow]:
    for line, raw in rows(text):
        if raw.get("tags"):  # the partners CSV that recip exports joins tags with commas
            raw["tags"] = raw["tags"].split(",")
        yield partner_row(line, raw)


def plan_referrals(text: str) -> Plan:
    found = Plan(referrals=list(referrals(text)))
    found.note_future_dates()
    return found


def plan_partners(text: str) -> Plan:
    return Plan(partners=list(partners(text)))
