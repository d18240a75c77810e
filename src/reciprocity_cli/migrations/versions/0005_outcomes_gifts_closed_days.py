"""Closing the loop: when a referral's outcome was recorded, how often a partner gets a gift,
and the days the business is closed.

- referral.closed_on: the date a referral was marked won or lost. Referrals already won or
  lost get their own date: the day the outcome was recorded is unknown, and it can be no
  earlier than that.
- partner.gift_every: days between gifts (optional), like touch_every.
- closed_day: holidays, vacations, sick days; rules that count workdays skip them.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referral", sa.Column("closed_on", sa.Date(), nullable=True))
    op.execute("UPDATE referral SET closed_on = date WHERE status IN ('won', 'lost')")
    op.add_column("partner", sa.Column("gift_every", sa.Integer(), nullable=True))
    op.create_table(
        "closed_day",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("date", name="pk_closed_day"),
    )


def downgrade() -> None:
    op.drop_table("closed_day")
    op.drop_column("partner", "gift_every")
    op.drop_column("referral", "closed_on")
