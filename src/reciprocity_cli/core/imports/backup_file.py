"""recip's JSON backup, read into checked partners, referrals, touches and settings.

Read record by record (json_stream), twice: the check pass checks every record and keeps
the settings, the partner names and where each array is; the write pass reads the arrays
again in the order the writer takes them (partners first, the history last).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO

from reciprocity_cli.core.export import BACKUP_FORMAT, BACKUP_VERSION
from reciprocity_cli.core.imports import history_records
from reciprocity_cli.core.imports import values as v
from reciprocity_cli.core.imports.json_stream import Pieces
from reciprocity_cli.core.imports.plan import FirstError, Plan, Survey
from reciprocity_cli.core.imports.records import (
    CLOSED_FIELDS,
    PARTNER_FIELDS,
    REFERRAL_FIELDS,
    TOUCH_FIELDS,
    RowError,
    checked,
    closed_row,
    partner_row,
    referral_row,
    touch_row,
)
from reciprocity_cli.core.imports.source import TextFile
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
# Each array's kind of row, as the writer names it; and the order the writer takes them in.
KIND_OF = {
    "partners": "partners",
    "referrals": "referrals",
    "touches": "touches",
    "closed_days": "closed days",
    "changes": "changes",
    "change_rows": "change rows",
}
WHOLE = TOP_FIELDS - SECTIONS.keys()  # values read whole, not record by record
UNKNOWN_SHOWN = 8
UNKNOWN_KEPT = 1000  # field names recip does not read, kept to name; the rest are counted


class _Check:
    """The check pass over a backup: every record checked, and what the writer needs."""

    def __init__(self):
        self.survey, self.first = Survey(), FirstError()
        self.top: dict | None = {}  # the top level's values other than arrays
        self.order: list[str] = []  # its arrays, in the order the file has them
        self.unknown: dict[str, str] = {}
        self.unknown_more = 0
        self.numbers: Counter = Counter()  # records read of each array
        self.closed: set = set()

    def read(self, text: IO[str]) -> None:
        for piece in Pieces(text).read(whole=WHOLE):
            if piece.what == "document":
                self.top = None
            elif piece.what == "value":
                self._unknown(piece.key, "top level", TOP_FIELDS)
                if piece.key in TOP_FIELDS:
                    self.top[piece.key] = piece.value
            elif piece.what == "array":
                self._unknown(piece.key, "top level", TOP_FIELDS)
                self.order.append(piece.key)
            elif piece.key in SECTIONS:
                self.numbers[piece.key] += 1
                row = self.first.check(self._record, piece)
                if row is not None:
                    self.survey.see(KIND_OF[piece.key], row)

    def _unknown(self, name: str, where: str, known: frozenset[str]) -> None:
        if name in known or name in self.unknown:
            return
        if len(self.unknown) < UNKNOWN_KEPT:
            self.unknown[name] = where
        else:
            self.unknown_more += 1

    def _record(self, piece):
        key, line, item = piece.key, piece.line, piece.value
        build, known = SECTIONS[key]
        if not isinstance(item, dict):
            raise RowError(line, f"{key} record {self.numbers[key]} is not an object.")
        for name in item:
            self._unknown(name, key, known)
        row = build(line, item)
        if key == "closed_days":
            # Each date once: with a date twice, which note the file meant is a guess.
            if row.date in self.closed:
                raise RowError(row.line, f"closed day {row.date} is listed twice; keep one.")
            self.closed.add(row.date)
        return row

    def finish(self) -> None:
        """The backup's format and version, then the first error in its records."""
        top = self.top
        if top is None or top.get("format") != BACKUP_FORMAT:
            raise RecipError('This JSON is not a recip backup (no "format": "recip-backup").')
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version > BACKUP_VERSION:
            raise RecipError(
                f"This backup is version {version}; this recip reads up to "
                f"{BACKUP_VERSION}. Upgrade recip to import it."
            )
        self.first.raise_first()
        for key in SECTIONS:
            if top.get(key):  # null, {} or "" is no records; anything else is not a list
                raise RecipError(f'"{key}" in the backup must be a list.')
        self.survey.plan.settings = _settings(top)


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


def unknown_note(unknown: dict[str, str], more: int = 0) -> str:
    shown = [f'"{name[:40]}" ({where})' for name, where in sorted(unknown.items())[:UNKNOWN_SHOWN]]
    more += len(unknown) - len(shown)
    return (
        "The backup has fields this recip does not read, ignored: "
        + ", ".join(shown)
        + (f" and {more} more" if more else "")
        + "."
    )


def _passes(order: list[str]) -> list[list[str]]:
    """The arrays in the order the writer takes them, grouped into passes that each read the
    file front to back: one for a backup as recip writes it, more for one whose arrays a
    hand moved about."""
    passes: list[list[str]] = []
    for key in sorted((key for key in SECTIONS if key in order), key=list(KIND_OF).index):
        if passes and order.index(key) > order.index(passes[-1][-1]):
            passes[-1].append(key)
        else:
            passes.append([key])
    return passes


def plan(file: TextFile) -> Plan:
    def check(file: TextFile) -> _Check:
        found = _Check()
        with file.open() as text:
            found.read(text)
        found.finish()
        return found

    found = file.whole(check)
    passes = _passes(found.order)

    def rows() -> Iterator[tuple[str, object]]:
        for keys in passes:
            with file.open() as text:
                for piece in Pieces(text).read(keys.__contains__, WHOLE):
                    if piece.what == "item" and piece.key in keys:
                        yield KIND_OF[piece.key], SECTIONS[piece.key][0](piece.line, piece.value)

    plan = found.survey.done(rows)
    if found.unknown:
        plan.notes.append(unknown_note(found.unknown, found.unknown_more))
    return plan
