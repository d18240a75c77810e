"""Per partner and direction, the all-time figures (revision 0008)."""

import datetime as dt

from sqlalchemy import BigInteger, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table its foreign key names.
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
