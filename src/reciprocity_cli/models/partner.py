"""Partners: the businesses referrals go to and come from."""

import datetime as dt

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from reciprocity_cli.models.base import utc_now


class Partner(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(
            "kind IN ('complementary','supplier','customer','competitor','networking','other')",
            name="ck_partner_kind",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    # Names are unique case-insensitively; the folded form carries the unique index.
    name_key: str = Field(max_length=100, unique=True)
    does: str | None = None
    kind: str = Field(default="complementary", max_length=20)
    contact: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    website: str | None = Field(default=None, max_length=200)
    address: str | None = None
    tags: str | None = None
    notes: str | None = None
    touch_every: int | None = None
    gift_every: int | None = None
    archived: bool = False
    created_at: dt.datetime = Field(default_factory=utc_now)
    updated_at: dt.datetime = Field(default_factory=utc_now)
