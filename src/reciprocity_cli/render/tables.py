"""Rich tables for the terminal. Every cell is a rich.text.Text, so names never become markup.

Tables must read well at any width (a pipe, a small window): numbers and dates never wrap
or get cut, names fold, columns that would be empty or all the same are left out, and on a
narrow terminal the least useful columns go first (render/fit.py; the priorities below).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from reciprocity_cli.render.fit import KEEP, FitTable
from reciprocity_cli.render.text import STATUS_STYLE, STATUS_TEXT, safe, signed


def cell(value: object, style: str = "") -> Text:
    return Text("" if value is None else safe(str(value)), style=style)


def _percent(share) -> str:
    return "-" if share is None else f"{float(share) * 100:.0f}%"


def new_table(title: str | None = None) -> FitTable:
    return FitTable(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        collapse_padding=True,
        pad_edge=False,
    )


def fixed_column(
    table: FitTable, header: str, justify: str = "left", *, priority: int = KEEP
) -> None:
    """A date, a number or a fixed word: never wrapped or cut (left out whole, if need be)."""
    table.add_column(header, justify=justify, no_wrap=True, priority=priority)


def balance_table(rows: Sequence[dict], totals: dict, *, title: str, money: bool) -> FitTable:
    """Per-partner balance: you-owe first (the caller sorts), coloured status, totals last.

    By value the amounts are wide, so the last-given/last-got dates make room for them.
    """
    table = new_table(title)
    table.add_column("Partner", overflow="fold", min_width=12, ratio=1)
    for header, priority in (("Given", 5), ("Got", 4), ("Net", 7), ("Share", 3)):
        fixed_column(table, header, "right", priority=priority)
    fixed_column(table, "Status", priority=8)
    if not money:
        fixed_column(table, "Last given", priority=2)
        fixed_column(table, "Last got", priority=1)
    for row in rows:
        name = cell(row["partner"])
        if row.get("archived"):
            name.append(" (archived)", style="dim")
        cells = [
            name,
            cell(row["given_text"] if money else row["given"]),
            cell(row["got_text"] if money else row["got"]),
            cell(row["net_text"] if money else signed(row["net"])),
            cell(_percent(row["share"])),
            cell(STATUS_TEXT[row["status"]], STATUS_STYLE[row["status"]]),
        ]
        if not money:
            cells += [cell(row["last_given"] or "-"), cell(row["last_got"] or "-")]
        table.add_row(*cells)
    table.add_section()
    table.add_row(
        Text(f"Total ({totals['partners']})", style="bold"),
        cell(totals["given_text"] if money else totals["given"], "bold"),
        cell(totals["got_text"] if money else totals["got"], "bold"),
        cell(totals["net_text"] if money else signed(totals["net"]), "bold"),
        cell(_percent(totals["share"]), "bold"),
        cell(STATUS_TEXT[totals["status"]], STATUS_STYLE[totals["status"]]),
    )
    return table


def log_table(rows: Sequence[dict], *, title: str, show_partner: bool = True) -> FitTable:
    show_by = len({row["by"] for row in rows}) > 1
    show_value = any(row["value_text"] for row in rows)
    show_note = any(row["note"] for row in rows)
    table = new_table(title)
    fixed_column(table, "#", "right")  # the id is how an entry is edited: always shown
    fixed_column(table, "Date", priority=9)
    fixed_column(table, "", priority=8)  # gave or got
    if show_partner:
        table.add_column("Partner", overflow="fold", ratio=2, min_width=10)
    table.add_column("Customer", overflow="fold", ratio=1, priority=6)
    if show_value:
        fixed_column(table, "Value", "right", priority=4)
    fixed_column(table, "Status", priority=5)
    if show_by:
        table.add_column("By", overflow="fold", max_width=12, priority=2)
    if show_note:
        table.add_column("Note", overflow="fold", ratio=2, priority=1)
    for row in rows:
        given = row["direction"] == "given"
        cells = [
            cell(row["id"], "dim"),
            cell(row["date"]),
            Text("→ gave" if given else "← got", style="cyan" if given else "magenta"),
        ]
        if show_partner:
            cells.append(cell(row["partner"]))
        cells.append(cell(row["customer"]))
        if show_value:
            cells.append(cell(row["value_text"]))
        cells.append(cell(row["status"], "green" if row["status"] == "won" else ""))
        if show_by:
            cells.append(cell(row["by"]))
        if show_note:
            cells.append(cell(row["note"]))
        table.add_row(*cells)
    return table


def partner_table(rows: Sequence[dict], *, title: str) -> FitTable:
    show_kind = len({row["kind"] for row in rows}) > 1
    table = new_table(title)
    table.add_column("Partner", overflow="fold", ratio=1, min_width=12)
    table.add_column("Does", overflow="fold", ratio=1, priority=4)
    if show_kind:
        fixed_column(table, "Kind", priority=1)
    fixed_column(table, "Phone", priority=6)
    fixed_column(table, "Given", "right", priority=3)
    fixed_column(table, "Got", "right", priority=2)
    fixed_column(table, "Status", priority=5)
    for row in rows:
        name = cell(row["name"])
        if row["archived"]:
            name.append(" (archived)", style="dim")
        cells = [name, cell(row["does"])]
        if show_kind:
            cells.append(cell(row["kind"]))
        cells += [
            cell(row["phone"]),
            cell(row["given"]),
            cell(row["got"]),
            cell(STATUS_TEXT[row["status"]], STATUS_STYLE[row["status"]]),
        ]
        table.add_row(*cells)
    return table


def details_table(pairs: Sequence[tuple[str, object]]) -> Table:
    """Label/value pairs, one per line, for `partner show`."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in pairs:
        if value not in (None, ""):
            cell = value if isinstance(value, Text) else Text(safe(str(value), one_line=False))
            table.add_row(label, cell)
    return table


def settings_table(rows: Sequence[dict]) -> FitTable:
    table = new_table()
    fixed_column(table, "Setting")
    table.add_column("Value", overflow="fold")
    table.add_column("Meaning", overflow="fold", priority=1)
    for row in rows:
        changed = row["value"] != row["default"]
        meaning = Text(row["help"])
        if changed:
            meaning.append(f" (default: {row['default'] or 'none'})", style="dim")
        table.add_row(
            cell(row["key"]),
            cell(row["value"] or "(none)", "bold" if changed else ""),
            meaning,
        )
    return table
