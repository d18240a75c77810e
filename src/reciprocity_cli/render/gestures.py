"""Gestures (thank-yous, gifts, meetings, promos) as rows, a table and short phrases. Their
ids are shown as t3 wherever a person reads them, so one is never typed as referral #3."""

from __future__ import annotations

from collections.abc import Sequence

from reciprocity_cli.core.fields import cents_to_decimal, format_money
from reciprocity_cli.core.gestures import Spend, label
from reciprocity_cli.core.words import plural

# JSON keys, in DESIGN.md's style for log; the id is the number, the kind says it is a gesture.
TOUCH_KEYS = ("id", "kind", "partner", "date", "note", "cost", "by")
# CSV and Markdown are read by people, who type the id back: there it is written t3.
TOUCH_COLUMNS = ("id", "date", "kind", "partner", "note", "cost", "by")


def touch_row(touch, partner: str, currency: str | None = None) -> dict:
    """A gesture as plain data; `touch` is a Touch or a row with its columns."""
    return {
        "id": touch.id,
        "kind": touch.kind,
        "partner": partner,
        "date": touch.date,
        "note": touch.note,
        "cost": cents_to_decimal(touch.cost_cents),
        "by": touch.made_by,
        "cost_text": format_money(touch.cost_cents, currency),
    }


def json_row(row: dict) -> dict:
    return {key: row[key] for key in TOUCH_KEYS}


def labelled(row: dict) -> dict:
    """The row as people read it: the id written t3."""
    return {**row, "id": label(row["id"])}


def touch_table(rows: Sequence[dict], *, title: str, show_partner: bool = True):
    from reciprocity_cli.render.tables import cell, fixed_column, new_table

    show_by = len({row["by"] for row in rows}) > 1
    show_cost = any(row["cost_text"] for row in rows)
    table = new_table(title)
    fixed_column(table, "#", "right")
    fixed_column(table, "Date")
    fixed_column(table, "Kind")
    if show_partner:
        table.add_column("Partner", overflow="fold", ratio=1, min_width=10)
    if show_cost:
        fixed_column(table, "Cost", "right")
    if show_by:
        table.add_column("By", overflow="fold", max_width=12)
    table.add_column("Note", overflow="fold", ratio=2)
    for row in rows:
        cells = [cell(label(row["id"]), "dim"), cell(row["date"]), cell(row["kind"])]
        if show_partner:
            cells.append(cell(row["partner"]))
        if show_cost:
            cells.append(cell(row["cost_text"]))
        if show_by:
            cells.append(cell(row["by"]))
        cells.append(cell(row["note"]))
        table.add_row(*cells)
    return table


def spend_document(spend: Spend) -> dict:
    return {
        "count": spend.count,
        "gifts": spend.gifts,
        "cost": cents_to_decimal(spend.cost_cents),
        "cost_this_year": cents_to_decimal(spend.cost_this_year_cents),
    }


def spend_text(spend: Spend, year: int, currency: str | None) -> str | None:
    """`partner show`'s line on what gestures cost; None when there was none."""
    if not spend.count:
        return None
    gifts = plural(spend.gifts, "gift")
    return (
        f"{format_money(spend.cost_cents, currency)} all time, "
        f"{format_money(spend.cost_this_year_cents, currency)} in {year} ({gifts})"
    )
