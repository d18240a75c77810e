"""Touches: thank-yous, gifts, meetings and promos, the gestures that keep a partner warm."""

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

# Partner is mapped first: the table its foreign key names.
from reciprocity_cli.models import partner as _partner  # noqa: F401
from reciprocity_cli.models.base import utc_now


class Touch(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("kind IN ('thanks','gift','meeting','promo')", name="ck_touch_kind"),
        CheckConstraint("cost_cents IS NULL OR cost_cents >= 0", name="ck_touch_cost"),
        Index("ix_touch_partner_date", "partner_id", "date"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)
    partner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("partner.id", ondelete="RESTRICT"), nullable=False)
    )
    date: dt.date
    note: str | None = None
    cost_cents: int | None = Field(default=None, sa_type=BigInteger)
    made_by: str | None = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(default_factory=utc_now)
