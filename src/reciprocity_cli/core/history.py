"""The change history: each writing command is one change, and the database's triggers keep
every row it wrote, before and after (revision 0007). `undo` puts those rows back.

A change is `recording` only inside its own transaction: it is opened when a writing
transaction starts and closed (or dropped, when nothing was written) just before it commits,
so a crash at any point leaves neither the data nor its history half-written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from sqlalchemy import case, func, or_, select, types
from sqlalchemy.orm import aliased
from sqlmodel import Session

from reciprocity_cli import models
from reciprocity_cli.core.dates import today
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Change, ChangeRow

# The tables whose rows the history keeps, and their classes' names: a class is mapped only
# when undo or an import needs it (models/__init__.py), not by every command that records.
TABLES = {
    "partner": "Partner",
    "referral": "Referral",
    "touch": "Touch",
    "closed_day": "ClosedDay",
    "setting": "Setting",
}


def model(table: str):
    """The class of one of the TABLES."""
    return getattr(models, TABLES[table])


@contextmanager
def recorded(session: Session, command: str, words: str | None, by: str | None) -> Iterator[int]:
    """One change for the writing transaction `session` is in: its rows are kept while the
    block runs. A transaction that wrote nothing leaves no change behind."""
    change = Change(
        command=command[:40], command_line=words, made_by=by, made_on=today(), recording=True
    )
    session.add(change)
    session.flush()
    session.info["change_id"] = change.id
    yield change.id
    if not session.in_transaction() or current_change(session) is None:
        return  # rolled back on purpose (a dry run), or replaced by a restored history
    session.flush()  # the rows still pending reach the database, and its triggers
    wrote = session.execute(
        select(func.count()).select_from(ChangeRow).where(ChangeRow.change_id == change.id)
    ).scalar_one()
    session.info["rows_written"] = wrote  # the database may refresh its statistics (db.py)
    if not wrote:
        session.delete(change)
    else:
        change.recording = False
    session.flush()


def current_change(session: Session) -> int | None:
    """The id of the change this transaction is recording, if any."""
    return session.info.get("change_id")


def forget_current(session: Session) -> None:
    """The change this transaction was recording is gone (a restored backup brought its own
    history): nothing more is kept, and nothing is left to close."""
    session.info["change_id"] = None


class RowChange(NamedTuple):
    table: str
    key: str
    before: dict | None
    after: dict | None

    @property
    def action(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    def fields_changed(self) -> list[str]:
        """The columns an update changed, leaving out its own bookkeeping."""
        if self.before is None or self.after is None:
            return []
        return [
            name
            for name, value in self.after.items()
            if self.before.get(name) != value and name not in ("updated_at", "name_key")
        ]


class ChangeSummary(NamedTuple):
    id: int
    made_at: dt.datetime
    made_by: str | None
    command: str
    command_line: str | None
    undoes: int | None
    undone_by: int | None
    rows: int  # rows written
    counts: dict[tuple[str, str], int]  # (table, action) -> rows
    keys: dict[tuple[str, str], str]  # (table, action) -> which row, when it was one

    @property
    def words(self) -> str:
        return f"recip {self.command_line}" if self.command_line else self.command


def rows_of(session: Session, change_id: int, limit: int | None = None) -> list[RowChange]:
    """The rows a change wrote, in the order it wrote them (the first `limit` of them)."""
    query = (
        select(ChangeRow.table_name, ChangeRow.row_key, ChangeRow.before, ChangeRow.after)
        .where(ChangeRow.change_id == change_id)
        .order_by(ChangeRow.id)
        .limit(limit)
    )
    return [
        RowChange(
            table, key, json.loads(before) if before else None, json.loads(after) if after else None
        )
        for table, key, before, after in session.execute(query)
    ]


def summaries(
    session: Session,
    *,
    limit: int | None = None,
    by: str | None = None,
    ids: list[int] | None = None,
) -> list[ChangeSummary]:
    """The changes, newest first, each with how many rows of which table it added, changed
    or removed: counted by the database."""
    query = select(Change).where(Change.recording == False)  # noqa: E712
    if by is not None:
        query = query.where(func.lower(Change.made_by) == by.casefold())
    if ids is not None:
        query = query.where(Change.id.in_(ids))
    changes = list(session.scalars(query.order_by(Change.id.desc()).limit(limit)))
    if not changes:
        return []
    action = case(
        (ChangeRow.before.is_(None), "added"),
        (ChangeRow.after.is_(None), "removed"),
        else_="changed",
    )
    counted = session.execute(
        select(
            ChangeRow.change_id,
            ChangeRow.table_name,
            action,
            func.count(),
            func.min(ChangeRow.row_key),
            func.min(func.coalesce(ChangeRow.after, ChangeRow.before)),
        )
        .where(ChangeRow.change_id.in_([c.id for c in changes]))
        .group_by(ChangeRow.change_id, ChangeRow.table_name, action)
        .order_by(ChangeRow.change_id, func.min(ChangeRow.id))
    )
    counts: dict[int, dict[tuple[str, str], int]] = {}
    keys: dict[int, dict[tuple[str, str], str]] = {}
    for change_id, table, did, count, key, row in counted:
        counts.setdefault(change_id, {})[(table, did)] = count
        if count == 1:  # one row: its key (a partner's name) says which
            keys.setdefault(change_id, {})[(table, did)] = json.loads(row).get("name") or key
    return [
        ChangeSummary(
            c.id,
            c.made_at,
            c.made_by,
            c.command,
            c.command_line,
            c.undoes,
            c.undone_by,
            sum(counts.get(c.id, {}).values()),
            counts.get(c.id, {}),
            keys.get(c.id, {}),
        )
        for c in changes
    ]


def standing(query):
    """`query` (of Change) narrowed to the changes that still stand: not taken back, and
    not an undo of one (the two cancel out). An undo of an undo makes a change again, so it
    stands as a change."""
    target = aliased(Change)
    return query.outerjoin(target, target.id == Change.undoes).where(
        Change.undone_by.is_(None),
        or_(Change.undoes.is_(None), target.undoes.is_not(None)),
    )


def last_own(session: Session, me: str | None) -> ChangeSummary | None:
    """Your newest change that still stands: `recip undo` again goes one further back.
    With no name known, every change is yours."""
    query = standing(select(Change.id)).where(Change.recording == False)  # noqa: E712
    if me is not None:
        mine = func.lower(Change.made_by) == me.casefold()
        query = query.where(or_(Change.made_by.is_(None), mine))
    found = session.execute(query.order_by(Change.id.desc()).limit(1)).scalar()
    return None if found is None else summaries(session, ids=[found])[0]


def get(session: Session, change_id: int) -> ChangeSummary:
    found = summaries(session, ids=[change_id])
    if not found:
        raise RecipError(f"There is no change #{change_id}; see recip history.")
    return found[0]


def blocking(session: Session, change: ChangeSummary) -> ChangeSummary | None:
    """The first later change that wrote a row this one wrote, and still stands: taking this
    one back would undo part of it too. A change taken back since, and the undo that took it
    back, cancel out and are no obstacle."""
    mine = aliased(ChangeRow)
    later = aliased(ChangeRow)
    other = aliased(Change)
    # For each row this change wrote, one probe of ix_change_row_row: written as a
    # correlated subquery so that no plan joins every row with every other, whatever a
    # server believes about the table's size (a join planned on stale statistics took
    # minutes after an import of 100,000 rows).
    first_later = (
        select(func.min(later.change_id))
        .join(other, other.id == later.change_id)
        .where(
            later.table_name == mine.table_name,
            later.row_key == mine.row_key,
            later.change_id > mine.change_id,
            other.undone_by.is_(None),
            or_(other.undoes.is_(None), other.undoes <= change.id),
        )
        .scalar_subquery()
    )
    found = session.execute(
        select(func.min(first_later)).where(mine.change_id == change.id)
    ).scalar()
    return None if found is None else get(session, found)


def check_can_take_back(session: Session, change: ChangeSummary) -> None:
    """Raises when the change was taken back already, or a later one stands in the way."""
    if change.undone_by is not None:
        raise RecipError(
            f"Change #{change.id} was taken back already by #{change.undone_by}; "
            f"recip undo {change.undone_by} makes it again."
        )
    later = blocking(session, change)
    if later is not None:
        who = f" by {later.made_by}" if later.made_by else ""
        raise RecipError(
            f"Change #{later.id}{who} ({later.words}) changed the same rows since; "
            f"take it back first (recip undo {later.id}), or leave #{change.id} as it is."
        )


def take_back(session: Session, change: ChangeSummary) -> None:
    """Put every row the change wrote back as it was before, last row first, and mark both
    changes (refused as check_can_take_back says)."""
    check_can_take_back(session, change)
    for row in reversed(rows_of(session, change.id)):
        _restore(session, row)
    session.flush()
    this = current_change(session)
    session.get(Change, change.id).undone_by = this
    if this is not None:
        session.get(Change, this).undoes = change.id
    session.flush()


def _restore(session: Session, row: RowChange) -> None:
    """One row as it was before the change: gone again, back, or its old values."""
    table = model(row.table).__table__
    key_column = next(iter(table.primary_key.columns))
    key = _typed(key_column, row.key)
    if row.before is None:
        session.execute(table.delete().where(key_column == key))
        return
    values = {
        name: _typed(table.c[name], value) for name, value in row.before.items() if name in table.c
    }
    if row.after is None:
        session.execute(table.insert().values(**values))
    else:
        session.execute(table.update().where(key_column == key).values(**values))


def _typed(column, value):
    """A value as JSON held it, back in its column's type: SQLite wrote dates, times and
    yes/no as text and 0/1, PostgreSQL as ISO text and true/false."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, types.TypeDecorator):  # SQLModel's UTC datetime wraps DateTime
        kind = kind.impl_instance
    if isinstance(kind, types.DateTime):
        stamp = dt.datetime.fromisoformat(str(value).replace(" ", "T"))
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    if isinstance(kind, types.Date):
        return dt.date.fromisoformat(str(value)[:10])
    if isinstance(kind, types.Boolean):
        return bool(value)
    if isinstance(kind, types.Integer):
        return int(value)
    return value
