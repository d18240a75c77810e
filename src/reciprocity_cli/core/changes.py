"""The change table: every command that inserts entries notes which ones, in the same
transaction, so `undo` finds the last entry by the database's own order, not by a clock."""

from __future__ import annotations

from sqlalchemy import and_, exists, or_
from sqlmodel import Session, select

from reciprocity_cli.models import Change, Referral, Touch

TABLES = {"referral": Referral, "touch": Touch}


def note(
    session: Session, command: str, model, first_id: int, last_id: int, by: str | None
) -> None:
    """One change: `command` inserted the rows first_id..last_id of the model's table."""
    session.add(
        Change(
            command=command,
            table_name=model.__tablename__,
            first_id=first_id,
            last_id=last_id,
            made_by=by,
        )
    )


def latest_entry(session: Session) -> Referral | Touch | None:
    """The entry recorded last: the highest row still there of the newest change that still
    has one (after an import, its last entry; one per undo)."""
    still_there = [
        and_(
            Change.table_name == name,
            exists().where(model.id >= Change.first_id, model.id <= Change.last_id),
        )
        for name, model in TABLES.items()
    ]
    change = session.exec(
        select(Change).where(or_(*still_there)).order_by(Change.id.desc()).limit(1)
    ).first()
    if change is None:
        return None
    model = TABLES[change.table_name]
    return session.exec(
        select(model)
        .where(model.id >= change.first_id, model.id <= change.last_id)
        .order_by(model.id.desc())
        .limit(1)
    ).first()
