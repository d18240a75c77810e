"""Per partner, the referrals got and not thanked yet (revision 0011)."""

import datetime as dt

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table its foreign key names.
from reciprocity_cli.models import partner as _partner  # noqa: F401


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
