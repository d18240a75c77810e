"""Covering indexes for the daily checklist and the report at a million referrals.

today and report count referrals given per day and referrals not yet thanked per partner;
with thanked_on and partner_id inside the indexes SQLite answers both from the index alone
(1.6 s and 1.9 s at 1,000,000 referrals before, 0.04 s and 0.3 s after).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_referral_partner_direction_date", table_name="referral")
    op.create_index(
        "ix_referral_partner_direction_date",
        "referral",
        ["partner_id", "direction", "date", "thanked_on"],
    )
    op.create_index(
        "ix_referral_direction_date", "referral", ["direction", "date", "partner_id", "thanked_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_referral_direction_date", table_name="referral")
    op.drop_index("ix_referral_partner_direction_date", table_name="referral")
    op.create_index(
        "ix_referral_partner_direction_date", "referral", ["partner_id", "direction", "date"]
    )
