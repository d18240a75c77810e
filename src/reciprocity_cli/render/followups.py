"""Follow-ups as rows (JSON, CSV, Markdown, HTML) and as a terminal table."""

from __future__ import annotations

from collections.abc import Sequence

from reciprocity_cli.core.followups import FollowUp

# DESIGN's keys, in its order, then the question to ask and the note.
COLUMNS = (
    "id",
    "date",
    "direction",
    "partner",
    "customer",
    "customer_contact",
    "days_open",
    "phone",
    "question",
    "note",
)
HEADERS = (
    "#",
    "Date",
    "Direction",
    "Partner",
    "Customer",
    "Customer contact",
    "Days open",
    "Phone",
    "Ask",
    "Note",
)
NUMERIC = ("id", "days_open")


def followup_row(item: FollowUp) -> dict:
    return {
        "id": item.id,
        "date": item.date,
        "direction": item.direction,
        "partner": item.partner,
        "customer": item.customer,
        "customer_contact": item.customer_contact,
        "days_open": item.days_open,
        "phone": item.phone,
        "question": item.question,
        "note": item.note,
    }


def table(items: Sequence[FollowUp], *, title: str):
    from rich.text import Text

    from reciprocity_cli.render.tables import cell, fixed_column, new_table

    show_contact = any(item.customer_contact for item in items)
    grid = new_table(title)
    fixed_column(grid, "#", "right")  # what recip won/lost take
    fixed_column(grid, "Date", priority=4)
    fixed_column(grid, "Days", "right", priority=5)
    grid.add_column("Ask", overflow="fold", ratio=3, min_width=16)
    if show_contact:
        grid.add_column("Contact", overflow="fold", max_width=24, priority=2)
    fixed_column(grid, "Phone", priority=6)
    for item in items:
        given = item.direction == "given"
        ask = Text("→ " if given else "← ", style="cyan" if given else "magenta")
        ask.append_text(cell(item.question))
        cells = [cell(item.id, "dim"), cell(item.date), cell(item.days_open), ask]
        if show_contact:
            cells.append(cell(item.customer_contact))
        cells.append(cell(item.phone or "-"))
        grid.add_row(*cells)
    return grid
