"""The change history for people: what each change did in words, and the undo question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.table import Table

from reciprocity_cli.core.history import ChangeSummary, RowChange
from reciprocity_cli.render.tables import cell, fixed_column, new_table
from reciprocity_cli.render.text import safe

NOUNS = {
    "partner": ("partner", "partners"),
    "referral": ("referral", "referrals"),
    "touch": ("gesture", "gestures"),
    "closed_day": ("closed day", "closed days"),
    "setting": ("setting", "settings"),
}
ROWS_SHOWN = 5  # rows the undo question spells out; the rest are counted
COLUMNS = ("id", "made_at", "made_by", "command_line", "did")


def _key(table: str, key: str) -> str:
    return {"referral": f"#{key}", "touch": f"t{key}"}.get(table, key)


def did(change: ChangeSummary) -> str:
    """What the change did, in a few words: "added referral #14; changed partner 3"."""
    parts = []
    for (table, action), count in change.counts.items():
        one, many = NOUNS.get(table, (table, table))
        key = change.keys.get((table, action))
        if count == 1 and key is not None:
            parts.append(f"{action} {one} {_key(table, key)}")
        else:
            parts.append(f"{action} {count} {many}")
    text = "; ".join(parts) or "nothing"
    if change.undoes is not None:
        text = f"took back #{change.undoes}: {text}"
    if change.undone_by is not None:
        text += f" (taken back by #{change.undone_by})"
    return text


def local_time(stamp: dt.datetime) -> str:
    """A stored UTC time as the clock on the wall showed it."""
    aware = stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    return f"{aware.astimezone():%Y-%m-%d %H:%M}"


def rows(changes: Sequence[ChangeSummary]) -> list[dict]:
    """One plain row per change, for CSV and Markdown."""
    return [
        {
            "id": change.id,
            "made_at": local_time(change.made_at),
            "made_by": change.made_by,
            "command_line": change.words,
            "did": did(change),
        }
        for change in changes
    ]


def as_json(changes: Sequence[ChangeSummary]) -> list[dict]:
    return [
        {
            "id": change.id,
            "made_at": change.made_at.replace(tzinfo=change.made_at.tzinfo or dt.UTC),
            "made_by": change.made_by,
            "command": change.command,
            "command_line": change.command_line,
            "undoes": change.undoes,
            "undone_by": change.undone_by,
            "rows": [
                {"table": table, "action": action, "count": count}
                for (table, action), count in change.counts.items()
            ],
        }
        for change in changes
    ]


def table(changes: Sequence[ChangeSummary]) -> Table:
    shown = new_table(f"Changes, newest first ({len(changes)})")
    fixed_column(shown, "#")
    fixed_column(shown, "When")
    shown.add_column("By", overflow="fold")
    shown.add_column("Command", overflow="fold")
    shown.add_column("What it did", overflow="fold")
    for change in changes:
        shown.add_row(
            cell(change.id),
            cell(local_time(change.made_at)),
            cell(change.made_by),
            cell(change.words),
            cell(did(change)),
        )
    return shown


def _row_line(row: RowChange) -> str:
    values = row.after or row.before or {}
    label = NOUNS.get(row.table, (row.table,))[0]
    name = values.get("name")
    what = f"{label} {_key(row.table, row.key)}" + (f" ({name})" if name else "")
    if row.action != "changed":
        return f"{what}: {row.action}"
    before = row.before or {}
    fields = ", ".join(
        f"{field} {_value(before.get(field))} -> {_value((row.after or {}).get(field))}"
        for field in row.fields_changed()
    )
    return f"{what}: {fields or 'its last-changed time only'}"


def _value(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    return str(value)[:40]


def undo_question(change: ChangeSummary, written: Sequence[RowChange]) -> str:
    """What taking the change back will put back, and who made it, as one question:
    `written` is its first ROWS_SHOWN rows; the rest are counted (change.rows)."""
    who = f" by {change.made_by}" if change.made_by else ""
    lines = [
        f"Change #{change.id}{who} on {local_time(change.made_at)}, {safe(change.words)}:",
        *(f"  {safe(_row_line(row))}" for row in written),
    ]
    if change.rows > len(written):
        lines.append(f"  and {change.rows - len(written)} more rows")
    lines.append("Take it back")
    return "\n".join(lines)
