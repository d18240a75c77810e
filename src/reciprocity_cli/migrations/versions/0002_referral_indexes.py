"""Indexes for the queries every command runs: balance and log filter by partner,
direction and date; touches are looked up per partner by date.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_referral_partner_direction_date", "referral", ["partner_id", "direction", "date"]
    )
    op.create_index("ix_referral_date", "referral", ["date"])
    op.create_index("ix_touch_partner_date", "touch", ["partner_id", "date"])


def downgrade() -> None:
    op.drop_index("ix_touch_partner_date", table_name="touch")
    op.drop_index("ix_referral_date", table_name="referral")
    op.drop_index("ix_referral_partner_direction_date", table_name="referral")
