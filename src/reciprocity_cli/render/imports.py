"""What an import would do (or did), row by row: tables for a dry run, and JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports.summary import ACTIONS, KINDS, Summary
from reciprocity_cli.render.tables import cell, fixed_column, new_table

SHOWN = 50  # rows of one action in one table
# Rows of one action and kind that --json lists; `counts` has them all, `more` the rest:
# what an import of a million rows prints stays a few hundred kilobytes.
JSON_SHOWN = 1000
MORE = {"add": "to add", "update": "to update", "skip": "to skip"}


def as_json(summary: Summary, *, file: str, kind: str, written: bool, plan) -> dict:
    """The rows the import added, updated or skipped, by action and kind: how many, and
    the first JSON_SHOWN of each by name."""

    def by_kind(value) -> dict:
        return {key.replace(" ", "_"): value(key) for key in KINDS}

    more = {
        action: {
            key: left
            for key, left in by_kind(
                lambda key, action=action: (
                    summary.counter(action)[key] - len(summary.items[action][key])
                )
            ).items()
            if left > 0
        }
        for action in ACTIONS
    }
    return {
        "file": file,
        "kind": kind,
        "written": written,
        **{action: by_kind(lambda key, a=action: summary.items[a][key]) for action in ACTIONS},
        "counts": {
            action: by_kind(lambda key, a=action: summary.counter(a)[key]) for action in ACTIONS
        },
        "more": {action: left for action, left in more.items() if left},
        "matched": [
            {"line": line, "typed": typed, "partner": name}
            for (typed, name), line in summary.matched_names.items()
        ],
        "left_out": [{"line": line, "name": name} for line, name in plan.private],
        "left_out_count": plan.private_count,
    }


def _action(action: str, item: dict) -> Text:
    """add; update, with the entry and the fields it changes; skip, with the entry already
    there (a partner's fields have their own column)."""
    if action == "update":
        if "id" not in item:
            return cell("update", "yellow")
        return cell(f"update #{item['id']} ({', '.join(item['fields'])})", "yellow")
    if action == "skip":
        return cell(f"skip: is #{item['id']}" if item.get("id") else "skip", "dim")
    return cell("add", "green")


def _money(value, currency: str | None) -> str:
    return "" if value is None else f.format_money(int(value * 100), currency)


def _columns(kind: str, currency: str | None) -> tuple[list[str], Callable[[dict], list]]:
    """The columns of one kind's table, and each item's cells after Line and Action."""
    if kind == "partners":
        return ["Partner", "Fields"], lambda i: [i["name"], ", ".join(i["fields"]) or "-"]
    if kind == "referrals":
        return ["Date", "Direction", "Partner", "Customer", "Value"], lambda i: [
            i["date"],
            i["direction"],
            i["partner"],
            i["customer"],
            _money(i["value"], currency),
        ]
    if kind == "touches":
        return ["Date", "Kind", "Partner", "Note"], lambda i: [
            i["date"],
            i["kind"],
            i["partner"],
            i["note"],
        ]
    if kind == "settings":
        return ["Setting", "Set to"], lambda i: [i["key"], i["value"]]
    return ["Date", "Note"], lambda i: [i["date"], i["note"]]


def tables(summary: Summary, currency: str | None) -> list[Table]:
    """A table per kind of row the file holds: what is added first, then updated, then
    skipped; SHOWN rows of each, and how many more."""
    found = []
    for kind in KINDS:
        if not any(summary.counter(action)[kind] for action in ACTIONS):
            continue
        headers, cells_of = _columns(kind, currency)
        table = new_table(kind.capitalize())
        if kind not in ("settings", "closed days"):
            fixed_column(table, "Line", "right")
        fixed_column(table, "Action")
        for header in headers:
            if header in ("Date", "Direction", "Value", "Kind"):
                fixed_column(table, header, "right" if header == "Value" else "left")
            else:
                table.add_column(header, overflow="fold")
        more = []
        for action in ACTIONS:
            items = summary.items[action][kind]
            for item in items[:SHOWN]:
                lead = [cell(item["line"])] if "line" in item else []
                table.add_row(*lead, _action(action, item), *map(cell, cells_of(item)))
            left = summary.counter(action)[kind] - len(items[:SHOWN])
            if left > 0:
                more.append(f"{left:,} more {MORE[action]}")
        if more:
            every = all(summary.counter(action)[kind] <= JSON_SHOWN for action in ACTIONS)
            json_lists = "them all" if every else f"the first {JSON_SHOWN:,} of each"
            table.caption = f"... and {', '.join(more)}; --json lists {json_lists}."
            table.caption_justify = "left"
        found.append(table)
    return found
