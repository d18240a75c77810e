"""One rule for every table recip prints, at whatever width it is printed: columns that hold
a date, a number or a fixed word are never wrapped or cut; names and other free text may
wrap; when even that does not fit, the least useful columns are left out, lowest priority
first (a caption says which), and the name is never one of them.

Rich alone would squeeze every column, dates included, and then cut the right edge: at 70
columns `2026-11-23` became `2026-11-2`, a different valid date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

KEEP = 100  # a column never left out: the name, the id, what to ask
WRAP_FLOOR = 8  # a column that wraps is kept only if it gets this many characters (or all)
WIDE = 10_000  # wide enough to measure anything at its natural width


@dataclass(eq=False)  # one column is itself: two alike are still two
class _Column:
    header: str
    options: dict
    priority: int
    cells: list = field(default_factory=list)

    @property
    def wraps(self) -> bool:
        return not self.options.get("no_wrap", False)


class FitTable:
    """A Rich table built like one (add_column, add_row, add_section), laid out when it is
    printed, for the width it is printed at. Each column has a priority: when the table
    does not fit, the lowest goes first (the rightmost of equals); KEEP never goes."""

    def __init__(self, **table_options):
        self.table_options = table_options
        self.columns: list[_Column] = []
        self.sections: list[bool] = []  # per row: whether a section ends after it

    def add_column(self, header: str = "", *, priority: int = KEEP, **options) -> None:
        self.columns.append(_Column(header, options, priority))

    def add_row(self, *cells: RenderableType, end_section: bool = False) -> None:
        if len(cells) > len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        for index, column in enumerate(self.columns):  # a short row ends in empty cells
            column.cells.append(cells[index] if index < len(cells) else "")
        self.sections.append(end_section)

    def add_section(self) -> None:
        if self.sections:
            self.sections[-1] = True

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.fitted(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.fitted(console, options.max_width))

    def fitted(self, console: Console, width: int) -> Table:
        """The table with the columns that fit in `width`, wrapping columns given widths
        that add up to it when their natural widths do not."""
        wide = console.options.update_width(WIDE)
        natural = {id(c): _natural_width(console, wide, c) for c in self.columns}
        kept = list(self.columns)
        while True:
            spare = width - _overhead(console, wide, self.table_options, kept)
            fixed = sum(natural[id(c)] for c in kept if not c.wraps)
            floors = [min(natural[id(c)], _floor(c)) for c in kept if c.wraps]
            droppable = [c for c in kept if c.priority < KEEP]
            if fixed + sum(floors) <= spare or not droppable:
                break
            lowest = min(c.priority for c in droppable)
            kept.remove([c for c in droppable if c.priority == lowest][-1])
        wrapping = [c for c in kept if c.wraps]
        widths = _share(
            spare - fixed,
            [min(natural[id(c)], _floor(c)) for c in wrapping],
            [natural[id(c)] for c in wrapping],
        )
        return self._build(kept, dict(zip(map(id, wrapping), widths, strict=True)), width)

    def _build(self, kept: Sequence[_Column], widths: dict[int, int], width: int) -> Table:
        table = Table(**self.table_options)
        left_out = [c.header for c in self.columns if c not in kept and c.header]
        # A caption the caller set (rows left out of a long list) comes first.
        captions = [getattr(self, "caption", None)]
        if left_out:
            captions.append(f"Left out to fit {width} columns: {', '.join(left_out)}.")
            table.caption_style = "dim"
        if any(captions):
            table.caption = "\n".join(filter(None, captions))
            table.caption_justify = "left"
        for column in kept:
            options = dict(column.options)
            if id(column) in widths:
                options.update(width=widths[id(column)], min_width=None, max_width=None)
            table.add_column(column.header, **options)
        for row, section in enumerate(self.sections):
            table.add_row(*(column.cells[row] for column in kept), end_section=section)
        return table


def _floor(column: _Column) -> int:
    return column.options.get("min_width") or WRAP_FLOOR


def _natural_width(console: Console, options: ConsoleOptions, column: _Column) -> int:
    """The width of the widest cell (header included), within the column's own limits."""
    width = max(
        (
            Measurement.get(console, options, cell).maximum
            for cell in [column.header, *column.cells]
        ),
        default=0,
    )
    if column.options.get("max_width") is not None:
        width = min(width, column.options["max_width"])
    return max(width, column.options.get("min_width") or 0, 1)


def _overhead(console: Console, options: ConsoleOptions, table_options: dict, kept) -> int:
    """What the table itself takes beside its cells (edges, separators, padding), measured
    by Rich on an empty copy with the same columns."""
    empty = Table(**{**table_options, "title": None, "show_header": False})
    for column in kept:
        empty.add_column(justify=column.options.get("justify", "left"), width=0)
    return Measurement.get(console, options, empty).maximum


def _share(room: int, floors: list[int], natural: list[int]) -> list[int]:
    """Widths for the wrapping columns: each starts at its floor, then the narrowest grows
    first, none past its natural width, until the room is used."""
    widths = list(floors)
    spare = room - sum(widths)
    while spare > 0:
        growing = [i for i, w in enumerate(widths) if w < natural[i]]
        if not growing:
            break
        narrowest = min(widths[i] for i in growing)
        for i in growing:
            if widths[i] == narrowest and spare > 0:
                widths[i] += 1
                spare -= 1
    return widths
