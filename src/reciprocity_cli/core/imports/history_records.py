"""The change history in a JSON backup: out as two arrays, `changes` and `change_rows`, and
back in, checked like every other record, when a backup is restored into a new database.

A backup restored into an empty database carries on its history as if it were the same
database (undo works on the changes made before the backup). Into a database that has a
history of its own, the two cannot be put together: the backup's is left out, with a note,
and the import itself is one change, which undo takes back whole."""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.history import TABLES, current_change, forget_current, model
from reciprocity_cli.core.imports import values as v
from reciprocity_cli.core.imports.bulk import advance_id_counter, reserve_id
from reciprocity_cli.models import Change, ChangeRow

CHANGE_FIELDS = frozenset(
    ("id", "made_at", "made_by", "made_on", "command", "command_line", "undoes", "undone_by")
)
ROW_FIELDS = frozenset(("change", "table", "key", "before", "after"))
ID_DIGITS = 12
BATCH = 5000
LEFT_OUT = (
    "The backup's change history was left out: this database has a history of its own. "
    "recip history shows this import as one change."
)


class ChangeRecord(NamedTuple):
    line: int
    columns: dict


def change_record(line: int, raw: dict) -> ChangeRecord:
    number = v.whole(raw.get("id"), line, "id", ID_DIGITS)
    command = v.text(raw.get("command"), line, "command")
    if not number or not command or len(command) > 40:
        raise v.RowError(
            line, "a change needs an id of 1 or more and a command of 1 to 40 characters."
        )
    made_at = v.stamp(raw.get("made_at"), line, "made_at")
    if made_at is None:
        raise v.RowError(line, "a change needs made_at, when it was made.")
    made_by = v.text(raw.get("made_by"), line, "made_by")
    words = v.text(raw.get("command_line"), line, "command_line")
    for field, value, limit in (
        ("made_by", made_by, f.SHORT_MAX),
        ("command_line", words, f.TEXT_MAX),
    ):
        if value is not None and len(value) > limit:
            raise v.RowError(
                line, f"{field} is {len(value):,} characters long; the limit is {limit:,}."
            )
    return ChangeRecord(
        line,
        {
            "id": number,
            "made_at": made_at,
            "made_by": made_by,
            "made_on": v.date(raw.get("made_on"), line, "made_on"),
            "command": command,
            "command_line": words,
            "undoes": v.whole(raw.get("undoes"), line, "undoes", ID_DIGITS),
            "undone_by": v.whole(raw.get("undone_by"), line, "undone_by", ID_DIGITS),
            "recording": False,
        },
    )


def change_row_record(line: int, raw: dict) -> ChangeRecord:
    change = v.whole(raw.get("change"), line, "change", ID_DIGITS)
    table = raw.get("table")
    key = v.text(raw.get("key"), line, "key")
    if not change or table not in TABLES or key is None or len(key) > 100:
        raise v.RowError(
            line,
            "a change row needs its change's id, a table ("
            + ", ".join(TABLES)
            + ") and a key of up to 100 characters.",
        )
    states = [raw.get("before"), raw.get("after")]
    if states == [None, None]:
        raise v.RowError(line, "a change row needs a before or an after.")
    for state in states:
        if state is not None and not _flat_object(state):
            raise v.RowError(line, "before and after must be objects of plain values, or null.")
    return ChangeRecord(
        line,
        {
            "change_id": change,
            "table_name": table,
            "row_key": key,
            "before": None if states[0] is None else json.dumps(states[0], ensure_ascii=False),
            "after": None if states[1] is None else json.dumps(states[1], ensure_ascii=False),
        },
    )


def _flat_object(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(item, str | int | float | bool) or item is None for item in value.values()
    )


class HistoryRestore:
    """Puts the backup's history in place of the import's own change, when the database was
    empty before it (so every row kept the id the history names it by): the records come
    one at a time, changes first, and are written in batches. Otherwise `left_out` says
    why they are not."""

    def __init__(self, session: Session, *, empty: bool):
        self.session = session
        this = current_change(session)
        earlier = select(func.count()).select_from(Change).where(Change.id != (this or 0))
        self.left_out = LEFT_OUT if not empty or session.execute(earlier).scalar_one() else None
        if self.left_out is None and this is not None:
            session.execute(delete(Change).where(Change.id == this))  # and the rows it kept
            forget_current(session)
        self.changes: list[dict] = []
        self.rows: list[ChangeRecord] = []
        self.highest: dict[str, int] = {}  # the highest row id the history names, by table

    def add(self, record: ChangeRecord) -> None:
        if self.left_out is not None:
            return
        if "change_id" in record.columns:
            self.rows.append(record)
        else:
            self.changes.append(record.columns)
        if len(self.rows) + len(self.changes) >= BATCH:
            self._write()

    def _write(self) -> None:
        if self.changes:
            self.session.execute(insert(Change), self.changes)
            self.changes = []
        if not self.rows:
            return
        wanted = {record.columns["change_id"] for record in self.rows}
        listed = set(self.session.scalars(select(Change.id).where(Change.id.in_(wanted))))
        for record in self.rows:
            columns = record.columns
            if columns["change_id"] not in listed:
                raise v.RowError(
                    record.line,
                    f"change row of change {columns['change_id']}, which is not listed.",
                )
            key, table = columns["row_key"], columns["table_name"]
            if table in ("partner", "referral", "touch") and key.isdigit():
                self.highest[table] = max(self.highest.get(table, 0), int(key))
        self.session.execute(insert(ChangeRow), [record.columns for record in self.rows])
        self.rows = []

    def finish(self) -> None:
        if self.left_out is not None:
            return
        self._write()
        advance_id_counter(self.session, Change)
        # A row the history removed may be put back by undo, with its id: new rows must not
        # take that id meanwhile.
        for table, highest in self.highest.items():
            reserve_id(self.session, model(table), highest)
