"""Referrals, given and got."""

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table its foreign key names.
from reciprocity_cli.models import partner as _partner  # noqa: F401
from reciprocity_cli.models.base import utc_now


class Referral(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("direction IN ('given','got')", name="ck_referral_direction"),
        CheckConstraint("status IN ('open','won','lost')", name="ck_referral_status"),
        CheckConstraint("heat IS NULL OR heat BETWEEN 1 AND 5", name="ck_referral_heat"),
        CheckConstraint("value_cents IS NULL OR value_cents >= 0", name="ck_referral_value"),
        # Revisions 0002-0003: balance, today and report filter by partner, direction and
        # date; thanked_on (and partner_id) ride along so thank-yous due and referrals given
        # per day are answered from the indexes alone. 0006: status and value_cents too, for
        # the scorecard's outcomes; open referrals alone for follow-ups; closed_on for the
        # report's outcomes.
        Index(
            "ix_referral_partner_direction_date",
            "partner_id",
            "direction",
            "date",
            "thanked_on",
            "status",
            "value_cents",
        ),
        Index("ix_referral_direction_date", "direction", "date", "partner_id", "thanked_on"),
        Index("ix_referral_date", "date"),
        Index(
            "ix_referral_open",
            "direction",
            "date",
            "partner_id",
            sqlite_where=text("status = 'open'"),  # PostgreSQL's too: PARTIAL in base.py
        ),
        Index("ix_referral_closed_on", "closed_on", "direction", "status", "value_cents"),
        # 0008, 0011: received referrals not yet thanked, each partner's by date: the next
        # oldest when the oldest is thanked (thanks_tally), and the thanks recorded after a day.
        Index("ix_referral_thanks_due", "direction", "thanked_on", "partner_id", "date"),
        {"sqlite_autoincrement": True},  # ids are never reused, so `undo` can't confuse them
    )

    id: int | None = Field(default=None, primary_key=True)
    direction: str = Field(max_length=5)
    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partner.id", ondelete="RESTRICT"), nullable=False)
    )
    date: dt.date
    customer: str | None = Field(default=None, max_length=200)
    customer_contact: str | None = Field(default=None, max_length=200)
    note: str | None = None
    heat: int | None = None
    value_cents: int | None = Field(default=None, sa_type=BigInteger)
    status: str = Field(default="open", max_length=4)
    made_by: str | None = Field(default=None, max_length=200)
    thanked_on: dt.date | None = None
    closed_on: dt.date | None = None  # when the outcome (won or lost) was recorded
    created_at: dt.datetime = Field(default_factory=utc_now)
    updated_at: dt.datetime = Field(default_factory=utc_now)
