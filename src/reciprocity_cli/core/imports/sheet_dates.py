"""Dates as spreadsheets write them: YYYY-MM-DD, or the local form `--date-format` names.

03/04/2026 is the 4th of March in one country and the 3rd of April in the next, and a file
seldom says which: recip never guesses. A date that is not YYYY-MM-DD needs the format,
and the first row that shows one says so, with the formats its date could be written in.
"""

from __future__ import annotations

import datetime as dt
import re

from reciprocity_cli.core.dates import EARLIEST, LATEST
from reciprocity_cli.core.imports import values as v
from reciprocity_cli.core.imports.values import RowError
from reciprocity_cli.errors import UsageProblem

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# Two days a format must write and read back as themselves: day, month and year all count.
SAMPLES = (dt.datetime(2026, 11, 23), dt.datetime(1999, 2, 3))
# Month names as spreadsheets write them ("3 Apr 2026", "April 3, 2026", Excel's 03-Apr-26).
NAMED_MONTHS = (
    *("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y"),
    *("%d-%b-%Y", "%d-%b-%y"),
)


def check_format(fmt: str) -> str:
    """The --date-format, if it reads back every day it writes."""
    for sample in SAMPLES:
        try:
            good = dt.datetime.strptime(sample.strftime(fmt), fmt).date() == sample.date()
        except (ValueError, re.error):  # a bad directive; one given twice ("%d %d")
            good = False
        if not good:
            raise UsageProblem(
                f'--date-format "{fmt}" is not a format recip can read dates with: it must '
                "give the day, the month and the year, like %d.%m.%Y or %m/%d/%Y."
            )
    return fmt


def _parses(value: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def formats_for(value: str) -> list[str]:
    """The formats a date that is not YYYY-MM-DD could be in; both orders when it fits both."""
    found = re.fullmatch(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2}|\d{4})", value)
    if found is None:
        return [fmt for fmt in NAMED_MONTHS if _parses(value, fmt)]
    first, sep, _, last = found.groups()
    if len(first) == 4:
        candidates = [f"%Y{sep}%m{sep}%d"]
    else:
        year = "%Y" if len(last) == 4 else "%y"
        day_first, month_first = f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}"
        # Dots mean day first wherever they are written; slashes are the ambiguous ones.
        candidates = [day_first, month_first] if sep == "." else [month_first, day_first]
    return [fmt for fmt in candidates if _parses(value, fmt)]


class DateReader:
    """Reads a file's dates: YYYY-MM-DD always, the --date-format's form when given."""

    def __init__(self, fmt: str | None = None):
        self.fmt = None if fmt is None else check_format(fmt)

    def __call__(self, raw: object, line: int, field: str) -> dt.date | None:
        if not isinstance(raw, str) or not raw.strip() or ISO.fullmatch(raw.strip()):
            return v.date(raw, line, field)
        value = raw.strip()
        if self.fmt is None:
            formats = formats_for(value)
            if not formats:  # "yesterday", "soon": not a date in any form
                return v.date(raw, line, field)
            raise RowError(line, f'{field} "{raw}" is not YYYY-MM-DD; {_advice(formats)}')
        try:
            found = dt.datetime.strptime(value, self.fmt).date()
        except ValueError:
            example = SAMPLES[0].strftime(self.fmt)
            raise RowError(
                line, f'{field} "{raw}" does not match --date-format {self.fmt} (e.g. {example}).'
            ) from None
        if not EARLIEST <= found <= LATEST:
            raise RowError(line, f"{field} {found} is outside {EARLIEST} to {LATEST}.")
        return found


def _order(fmt: str) -> str:
    return "day first" if fmt.index("%d") < fmt.index("%m") else "month first"


def _advice(formats: list[str]) -> str:
    if len(formats) == 2:
        first, second = formats
        return (
            f"say how this file writes dates: --date-format {first} ({_order(first)}) "
            f"or --date-format {second} ({_order(second)})."
        )
    return f"say how this file writes dates: --date-format {formats[0]}."
