"""The change history: one row per command that changed data, and the rows it wrote."""

import datetime as dt

from sqlalchemy import Column, ForeignKey, Index, Integer, false, text
from sqlmodel import Field, SQLModel

from reciprocity_cli.models.base import utc_now


class Change(SQLModel, table=True):
    """One command that changed data, in the database's own order: `undo` and `history` read
    "last" from the id, never from a clock (a restored backup's stamps, or a colleague's fast
    clock, would mislead them). Its rows, before and after, are kept by triggers (revision
    0007) while it is `recording`: only inside its own transaction."""

    __table_args__ = (
        Index(
            "ix_change_recording",
            "recording",
            sqlite_where=text("recording"),  # PostgreSQL's too: PARTIAL in base.py
        ),
        {"sqlite_autoincrement": True},  # the order must never go back, even after a delete
    )

    id: int | None = Field(default=None, primary_key=True)
    made_at: dt.datetime = Field(default_factory=utc_now)  # for people to read; not the order
    made_by: str | None = Field(default=None, max_length=200)
    # The calendar day it was made, as recip's "today" had it: a setting changed today (the
    # daily goal) applies from this day on. None before revision 0007.
    made_on: dt.date | None = None
    command: str = Field(max_length=40)  # "give", "partner merge", "earlier" (before 0004)
    command_line: str | None = None  # the words after `recip`, without --db
    recording: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    undoes: int | None = None  # the change this one took back
    undone_by: int | None = None  # the change that took this one back


class ChangeRow(SQLModel, table=True):
    """One row a change wrote: its table and key, and the row as JSON before and after (None
    before an insert, after a delete)."""

    __tablename__ = "change_row"
    __table_args__ = (
        Index("ix_change_row_row", "table_name", "row_key", "change_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("change.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    table_name: str = Field(max_length=20)
    row_key: str = Field(max_length=100)
    before: str | None = None
    after: str | None = None
