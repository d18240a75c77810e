"""The closed days, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from reciprocity_cli.render.tables import cell, fixed_column, new_table


def closed_table(rows: Sequence[dict]) -> Table:
    table = new_table(f"Closed days ({len(rows)})")
    fixed_column(table, "Date")
    fixed_column(table, "Day")
    table.add_column("Note", overflow="fold")
    for row in rows:
        table.add_row(cell(row["date"]), cell(row["day"]), cell(row["note"]))
    return table
