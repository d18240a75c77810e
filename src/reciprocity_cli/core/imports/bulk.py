"""Many new rows into one table in few statements, keeping the ids the file gave."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlmodel import Session

from reciprocity_cli.core import changes
from reciprocity_cli.core.referrals import default_by
from reciprocity_cli.errors import RecipError

INSERT_BATCH = 5000


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    """Rows with an id keep it, the others get the next free one. One change notes them all,
    first to last id, so `undo` takes back the last imported entry, one per undo."""
    with_id = [r for r in rows if "id" in r]
    without_id = [r for r in rows if "id" not in r]
    ids = [r["id"] for r in with_id]
    for batch in (with_id, without_id):
        if batch is without_id and without_id:
            # New ids are drawn above the highest one (AUTOINCREMENT, or the sequence moved
            # past the rows that kept theirs).
            ids.append(_highest_id(session, model) + 1)
        for start in range(0, len(batch), INSERT_BATCH):
            session.execute(insert(model), batch[start : start + INSERT_BATCH])
        if batch is with_id and with_id:
            _advance_id_counter(session, model)
    if without_id:
        ids.append(_highest_id(session, model))
    if ids:
        changes.note(session, "import", model, min(ids), max(ids), _importer())


def _importer() -> str | None:
    """Who imported, as a note: a bad RECIP_ME must not stop a restore."""
    try:
        return default_by()
    except RecipError:
        return None


def _highest_id(session: Session, model) -> int:
    return session.execute(select(func.max(model.__table__.c.id))).scalar() or 0


def _advance_id_counter(session: Session, model) -> None:
    """After rows were inserted with their own ids, make new ids start above them.

    SQLite's AUTOINCREMENT does this by itself; a PostgreSQL sequence does not, and the
    next `recip give` would fail on a duplicate id (found restoring a backup there)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    table = model.__table__
    highest = select(func.max(table.c.id)).scalar_subquery()
    session.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest)))
