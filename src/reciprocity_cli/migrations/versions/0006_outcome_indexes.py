"""Indexes for follow-ups, the scorecard and the report's outcomes at 100,000 referrals.

- ix_referral_partner_direction_date also holds status and value_cents, so the scorecard's
  won and lost counts and values per partner come from the index alone, like the balance.
- ix_referral_open holds only open referrals (a few percent, once outcomes are recorded):
  follow-ups walk it instead of every referral, and today counts them from it alone.
- ix_referral_closed_on: the report's referrals closed in a period, from the index alone.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    op.drop_index("ix_referral_partner_direction_date", table_name="referral")
    op.create_index(
        "ix_referral_partner_direction_date",
        "referral",
        ["partner_id", "direction", "date", "thanked_on", "status", "value_cents"],
    )
    op.create_index(
        "ix_referral_open",
        "referral",
        ["direction", "date", "partner_id"],
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )
    op.create_index(
        "ix_referral_closed_on", "referral", ["closed_on", "direction", "status", "value_cents"]
    )


def downgrade() -> None:
    op.drop_index("ix_referral_closed_on", table_name="referral")
    op.drop_index("ix_referral_open", table_name="referral")
    op.drop_index("ix_referral_partner_direction_date", table_name="referral")
    op.create_index(
        "ix_referral_partner_direction_date",
        "referral",
        ["partner_id", "direction", "date", "thanked_on"],
    )
