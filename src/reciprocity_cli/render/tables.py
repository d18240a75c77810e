"""Rich tables for the terminal. Every cell is a rich.text.Text, so names never become markup.

Tables must read well at 80 columns (a pipe, a small window): numbers and dates never wrap,
names fold, and columns that would be empty or all the same are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from reciprocity_cli.render.text import STATUS_SHORT, STATUS_STYLE, safe, signed


def _text(value: object, style: str = "") -> Text:
    return Text("" if value is None else safe(str(value)), style=style)


def _percent(share) -> str:
    return "-" if share is None else f"{float(share) * 100:.0f}%"


def _table(title: str | None = None) -> Table:
    return Table(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        collapse_padding=True,
        pad_edge=False,
    )


def _fixed(table: Table, header: str, justify: str = "left") -> None:
    table.add_column(header, justify=justify, no_wrap=True)


def balance_table(rows: Sequence[dict], totals: dict, *, title: str, money: bool) -> Table:
    """Per-partner balance: you-owe first (the caller sorts), coloured status, totals last."""
    table = _table(title)
    table.add_column("Partner", overflow="fold", min_width=12, ratio=1)
    for header in ("Given", "Got", "Net", "Share"):
        _fixed(table, header, "right")
    for header in ("Status", "Last given", "Last got"):
        _fixed(table, header)
    for row in rows:
        name = _text(row["partner"])
        if row.get("archived"):
            name.append(" (archived)", style="dim")
        table.add_row(
            name,
            _text(row["given_text"] if money else row["given"]),
            _text(row["got_text"] if money else row["got"]),
            _text(row["net_text"] if money else signed(row["net"])),
            _text(_percent(row["share"])),
            _text(STATUS_SHORT[row["status"]], STATUS_STYLE[row["status"]]),
            _text(row["last_given"] or "-"),
            _text(row["last_got"] or "-"),
        )
    table.add_section()
    table.add_row(
        Text(f"Total ({totals['partners']})", style="bold"),
        _text(totals["given_text"] if money else totals["given"], "bold"),
        _text(totals["got_text"] if money else totals["got"], "bold"),
        _text(totals["net_text"] if money else signed(totals["net"]), "bold"),
        _text(_percent(totals["share"]), "bold"),
        _text(STATUS_SHORT[totals["status"]], STATUS_STYLE[totals["status"]]),
    )
    return table


def log_table(rows: Sequence[dict], *, title: str, show_partner: bool = True) -> Table:
    show_by = len({row["by"] for row in rows}) > 1
    show_value = any(row["value_text"] for row in rows)
    show_note = any(row["note"] for row in rows)
    table = _table(title)
    _fixed(table, "#", "right")
    _fixed(table, "Date")
    _fixed(table, "")
    if show_partner:
        table.add_column("Partner", overflow="fold", ratio=2, min_width=10)
    table.add_column("Customer", overflow="fold", ratio=1)
    if show_value:
        _fixed(table, "Value", "right")
    _fixed(table, "Status")
    if show_by:
        table.add_column("By", overflow="fold", max_width=12)
    if show_note:
        table.add_column("Note", overflow="fold", ratio=2)
    for row in rows:
        given = row["direction"] == "given"
        cells = [
            _text(row["id"], "dim"),
            _text(row["date"]),
            Text("→ gave" if given else "← got", style="cyan" if given else "magenta"),
        ]
        if show_partner:
            cells.append(_text(row["partner"]))
        cells.append(_text(row["customer"]))
        if show_value:
            cells.append(_text(row["value_text"]))
        cells.append(_text(row["status"], "green" if row["status"] == "won" else ""))
        if show_by:
            cells.append(_text(row["by"]))
        if show_note:
            cells.append(_text(row["note"]))
        table.add_row(*cells)
    return table


def partner_table(rows: Sequence[dict], *, title: str) -> Table:
    show_kind = len({row["kind"] for row in rows}) > 1
    table = _table(title)
    table.add_column("Partner", overflow="fold", ratio=1, min_width=12)
    table.add_column("Does", overflow="fold", ratio=1)
    if show_kind:
        _fixed(table, "Kind")
    _fixed(table, "Phone")
    _fixed(table, "Given", "right")
    _fixed(table, "Got", "right")
    _fixed(table, "Status")
    for row in rows:
        name = _text(row["name"])
        if row["archived"]:
            name.append(" (archived)", style="dim")
        cells = [name, _text(row["does"])]
        if show_kind:
            cells.append(_text(row["kind"]))
        cells += [
            _text(row["phone"]),
            _text(row["given"]),
            _text(row["got"]),
            _text(STATUS_SHORT[row["status"]], STATUS_STYLE[row["status"]]),
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


def settings_table(rows: Sequence[dict]) -> Table:
    table = _table()
    _fixed(table, "Setting")
    table.add_column("Value", overflow="fold")
    table.add_column("Meaning", overflow="fold")
    for row in rows:
        changed = row["value"] != row["default"]
        meaning = Text(row["help"])
        if changed:
            meaning.append(f" (default: {row['default'] or 'none'})", style="dim")
        table.add_row(
            _text(row["key"]),
            _text(row["value"] or "(none)", "bold" if changed else ""),
            meaning,
        )
    return table
