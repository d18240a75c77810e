"""Per partner, how many referrals got were returned after how many days (revision 0009)."""

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table its foreign key names.
from reciprocity_cli.models import partner as _partner  # noqa: F401


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
