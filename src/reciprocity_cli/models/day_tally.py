"""Referrals given per day (revision 0010)."""

import datetime as dt

from sqlmodel import Field, SQLModel


class DayTally(SQLModel, table=True):
    """How many referrals were given on a day that had any: the habit's days (goal met,
    streak, strength) read these rows, not every referral given. Kept by triggers on
    referral (revision 0010), like PartnerTally."""

    __tablename__ = "day_tally"

    date: dt.date = Field(primary_key=True)
    given: int
