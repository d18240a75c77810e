"""Closed days."""

import datetime as dt

from sqlmodel import Field, SQLModel


class ClosedDay(SQLModel, table=True):
    """A day the business is closed (holiday, vacation, sick): rules that count workdays skip
    it, so it neither counts nor breaks a streak."""

    __tablename__ = "closed_day"

    date: dt.date = Field(primary_key=True)
    note: str | None = None
