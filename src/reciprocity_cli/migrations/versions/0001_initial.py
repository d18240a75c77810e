"""The first schema: partners, referrals, touches and settings.

Timestamps are declared with a time zone, as SQLModel's UTCDateTime type is: that was
added with PostgreSQL support (timestamptz there), and on SQLite it writes the same DDL as
before, so databases made with the earlier wording are the same.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("does", sa.String(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(), nullable=True),
        sa.Column("tags", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("touch_every", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('complementary','supplier','customer','competitor','networking','other')",
            name="ck_partner_kind",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_partner"),
        sa.UniqueConstraint("name_key", name="uq_partner_name_key"),
    )
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("customer", sa.String(length=200), nullable=True),
        sa.Column("customer_contact", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("heat", sa.Integer(), nullable=True),
        sa.Column("value_cents", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=4), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=True),
        sa.Column("thanked_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("direction IN ('given','got')", name="ck_referral_direction"),
        sa.CheckConstraint("status IN ('open','won','lost')", name="ck_referral_status"),
        sa.CheckConstraint("heat IS NULL OR heat BETWEEN 1 AND 5", name="ck_referral_heat"),
        sa.CheckConstraint("value_cents IS NULL OR value_cents >= 0", name="ck_referral_value"),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name="fk_referral_partner_id_partner",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_referral"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "touch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("cost_cents", sa.BigInteger(), nullable=True),
        sa.Column("made_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('thanks','gift','meeting','promo')", name="ck_touch_kind"),
        sa.CheckConstraint("cost_cents IS NULL OR cost_cents >= 0", name="ck_touch_cost"),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name="fk_touch_partner_id_partner",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_touch"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("touch")
    op.drop_table("referral")
    op.drop_table("partner")
