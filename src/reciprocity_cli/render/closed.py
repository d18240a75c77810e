"""The closed days, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from reciprocity_cli.render.fit import FitTable
from reciprocity_cli.render.tables import cell, fixed_column, new_table


def closed_table(rows: Sequence[dict]) -> FitTable:
    table = new_table(f"Closed days ({len(rows)})")
    fixed_column(table, "Date")
    fixed_column(table, "Day", priority=2)
    table.add_column("Note", overflow="fold", priority=1)
    for row in rows:
        table.add_row(cell(row["date"]), cell(row["day"]), cell(row["note"]))
    return table
