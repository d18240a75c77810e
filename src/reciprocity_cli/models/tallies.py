"""Figures the database keeps from the referrals (triggers, revisions 0008-0011), so the daily
commands read a row per partner or per day instead of every referral."""

import datetime as dt

from sqlalchemy import BigInteger, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table their foreign keys name.
from reciprocity_cli.models import partner as _partner  # noqa: F401


class PartnerTally(SQLModel, table=True):
    """A partner's all-time figures in one direction, so the daily commands read a row per
    partner instead of every referral (issue 14). The database keeps them: triggers on
    referral (revision 0008) add and subtract in the same transaction as every insert, update
    and delete, whoever writes (give, import, merge, undo); `recip db check` recounts them."""

    __tablename__ = "partner_tally"

    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    )
    direction: str = Field(primary_key=True, max_length=5)
    referrals: int = 0
    won: int = 0
    lost: int = 0
    won_cents: int = Field(default=0, sa_type=BigInteger)  # the values of those won
    last_date: dt.date | None = None  # the latest referral's (a row goes with its last one)


class PartnerLag(SQLModel, table=True):
    """How many referrals got from a partner were returned (the next referral given to them)
    after `lag_days` days: the scorecard's median lag reads these few rows, not every
    referral. Kept by triggers on referral (revision 0009), like PartnerTally."""

    __tablename__ = "partner_lag"

    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    )
    lag_days: int = Field(primary_key=True)
    gots: int


class DayTally(SQLModel, table=True):
    """How many referrals were given on a day that had any: the habit's days (goal met,
    streak, strength) read these rows, not every referral given. Kept by triggers on
    referral (revision 0010), like PartnerTally."""

    __tablename__ = "day_tally"

    date: dt.date = Field(primary_key=True)
    given: int


class ThanksTally(SQLModel, table=True):
    """How many referrals got from a partner are not thanked yet, and the oldest one's date:
    thank-yous due read a row per partner that has any, not every referral got. Kept by
    triggers on referral (revision 0011), like PartnerTally."""

    __tablename__ = "thanks_tally"

    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    )
    unthanked: int
    oldest: dt.date
