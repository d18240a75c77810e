"""Ids a file brings: new ones are handed out above them."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlmodel import Session


def _highest_id(session: Session, model) -> int:
    return session.execute(select(func.max(model.__table__.c.id))).scalar() or 0


def advance_id_counter(session: Session, model) -> None:
    """After rows were inserted with their own ids, make new ids start above them.

    SQLite's AUTOINCREMENT does this by itself; a PostgreSQL sequence does not, and the
    next `recip give` would fail on a duplicate id (found restoring a backup there)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    table = model.__table__
    highest = select(func.max(table.c.id)).scalar_subquery()
    session.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest)))


def reserve_id(session: Session, model, highest: int) -> None:
    """New ids of the table start above `highest`, whether or not a row has it."""
    table = model.__table__.name
    if session.get_bind().dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table, "id")
        session.execute(
            select(func.setval(sequence, func.greatest(highest, _highest_id(session, model))))
        )
        return
    # AUTOINCREMENT keeps the highest id it handed out in sqlite_sequence.
    session.execute(
        text("UPDATE sqlite_sequence SET seq = MAX(seq, :n) WHERE name = :t"),
        {"n": highest, "t": table},
    )
    session.execute(
        text(
            "INSERT INTO sqlite_sequence (name, seq) SELECT :t, :n "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :t)"
        ),
        {"n": highest, "t": table},
    )
