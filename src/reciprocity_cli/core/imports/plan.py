"""What the check pass over a file found, small whatever the file's size, and how to read
its rows again for the write pass.

An import reads its file twice and never holds it whole: the first pass checks every row
and keeps only what the writer must know before it starts (the partner names the file
gives, how many rows of each kind, the notes to show); the second reads the rows again,
one at a time, and writes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from reciprocity_cli.core.dates import today
from reciprocity_cli.errors import RecipError

# The order the writer takes a file's rows in: partners before the referrals that name them,
# the backup's history last (it replaces the import's own change).
KINDS = ("partners", "referrals", "touches", "closed days", "changes", "change rows")
PRIVATE_SHOWN = 1000  # private contacts named in a dry run; the rest are counted


@dataclass
class Plan:
    # The write pass: each row as (kind, row), in the order of KINDS.
    rows: Callable[[], Iterator[tuple[str, object]]] = lambda: iter(())
    counts: Counter = field(default_factory=Counter)
    # The names of the partners the file lists, and those its referrals and touches give.
    partner_names: dict[str, None] = field(default_factory=dict)
    entry_names: dict[str, None] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # one line each, shown once it is written
    # vCards of people, not businesses, left out (line, name): the import names them.
    private: list[tuple[int, str]] = field(default_factory=list)
    private_count: int = 0
    # A spreadsheet's names were typed by people: found as the command line finds them.
    names_typed: bool = False
    # The referral columns a spreadsheet gives (None: all, as recip writes them); the
    # others are unknown, not empty, and neither match nor change a referral.
    known_columns: frozenset[str] | None = None

    @property
    def size(self) -> int:
        return self.counts["partners"] + self.counts["referrals"] + self.counts["touches"]


class Survey:
    """Gathers a Plan from the rows of a check pass, one at a time."""

    def __init__(self, plan: Plan | None = None):
        self.plan = plan or Plan()
        self.today = today()
        self.later: Counter = Counter()  # rows dated after today, by kind
        self.first_later: tuple[int, dt.date] | None = None

    def see(self, kind: str, row) -> None:
        self.plan.counts[kind] += 1
        if kind == "partners":
            self.plan.partner_names.setdefault(row.name)
        elif kind in ("referrals", "touches"):
            self.plan.entry_names.setdefault(row.partner)
            self._dates(kind, row)

    def leave_out(self, line: int, name: str) -> None:
        """A private contact that is not imported."""
        self.plan.private_count += 1
        if len(self.plan.private) < PRIVATE_SHOWN:
            self.plan.private.append((line, name))

    def _dates(self, kind: str, row) -> None:
        dates = [row.columns[k] for k in ("date", "thanked_on", "closed_on") if row.columns.get(k)]
        latest = max(dates)
        if latest > self.today:
            self.later[kind] += 1
            if self.first_later is None or row.line < self.first_later[0]:
                self.first_later = (row.line, latest)

    def done(self, rows: Callable[[], Iterator[tuple[str, object]]]) -> Plan:
        """The plan, reading its rows again with `rows`; rows dated after today are named in
        one note. They are kept as written: a file records what happened (a colleague a
        time zone ahead, a clock set wrong), and a backup must restore whatever recip
        wrote. Only a date typed on the command line is refused as a slip."""
        self.plan.rows = rows
        if self.first_later is not None:
            single = {"referrals": "referral", "touches": "touch"}
            what = " and ".join(
                f"{n} {single[kind] if n == 1 else kind}"
                for kind in ("referrals", "touches")
                if (n := self.later[kind])
            )
            line, latest = self.first_later
            self.plan.notes.append(
                f"{what} dated after today ({self.today}) kept as written "
                f"(first: line {line}, {latest})."
            )
        return self.plan


class FirstError:
    """The first error in a row's values, kept while the check pass reads on: a file that
    is not CSV (or JSON) is reported as such, not by the first bad value in it. The write
    pass reads rows `strict`ly: an error there (the file changed since) stops at once."""

    def __init__(self, *, strict: bool = False):
        self.error: RecipError | None = None
        self.strict = strict

    def check(self, build: Callable, *args):
        """What `build` makes of a row; None once a row has failed."""
        if self.strict:
            return build(*args)
        if self.error is not None:
            return None
        try:
            return build(*args)
        except RecipError as error:
            self.error = error
            return None

    def raise_first(self) -> None:
        if self.error is not None:
            raise self.error
