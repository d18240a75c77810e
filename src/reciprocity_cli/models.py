"""The tables. Their shape is owned by the Alembic revisions in migrations/; a test keeps the two
in step. Field names match DESIGN.md except `made_by` (the column behind `--by`: BY is SQL)."""

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer, false, text
from sqlmodel import Field, SQLModel

# PARTIAL: the partial indexes name only SQLite's condition here. The revisions create them
# on both engines (the schema is theirs; nothing calls create_all), and a postgresql_where
# argument would import SQLAlchemy's PostgreSQL dialect (~19 ms) into every command.

# Fixed names for constraints and indexes, so Alembic revisions can refer to them on any engine.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# SQLModel never validates a table's rows with Pydantic: the validators Pydantic would build
# for each class are left until something asks for one (nothing in recip does), which
# saves every command that opens the database a tenth of the time these classes take.
SQLModel.model_config["defer_build"] = True


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
            sqlite_where=text("status = 'open'"),  # PostgreSQL's too: see PARTIAL below
        ),
        Index("ix_referral_closed_on", "closed_on", "direction", "status", "value_cents"),
        # 0008: received referrals not yet thanked, side by side (thank-yous due).
        Index("ix_referral_thanks_due", "direction", "thanked_on", "date", "partner_id"),
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


class ClosedDay(SQLModel, table=True):
    """A day the business is closed (holiday, vacation, sick): rules that count workdays skip
    it, so it neither counts nor breaks a streak."""

    __tablename__ = "closed_day"

    date: dt.date = Field(primary_key=True)
    note: str | None = None


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=40)
    value: str


class Change(SQLModel, table=True):
    """One command that changed data, in the database's own order: `undo` and `history` read
    "last" from the id, never from a clock (a restored backup's stamps, or a colleague's fast
    clock, would mislead them). Its rows, before and after, are kept by triggers (revision
    0007) while it is `recording`: only inside its own transaction."""

    __table_args__ = (
        Index(
            "ix_change_recording",
            "recording",
            sqlite_where=text("recording"),  # PostgreSQL's too: see PARTIAL below
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
