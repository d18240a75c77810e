"""Referrals got and not yet thanked, per partner, kept by the database: what thank-yous due
(`today`, `report`) read.

Counted from the referrals, thank-yous due cost every referral got and never thanked: for
someone who records no thank-yous, every referral got, a quarter of a second of `today` at
1,000,000 referrals. thanks_tally holds a row per partner with any: how many, and the oldest
one's date. Triggers on referral keep it in the same transaction as every write, as for
partner_tally (revision 0008); a partner with none left loses the row.

When the oldest goes (thanked, moved or deleted), the next oldest is found by one seek: the
thanks-due index now orders a partner's unthanked referrals by date (direction, thanked_on,
partner_id, date) instead of everyone's, which also serves the thank-yous recorded after a
past day that `today --date` adds back.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COUNTED = "{row}.direction = 'got' AND {row}.thanked_on IS NULL"
ADD = (
    "INSERT INTO thanks_tally (partner_id, unthanked, oldest) "
    f"SELECT {{row}}.partner_id, 1, {{row}}.date WHERE {COUNTED} "
    "ON CONFLICT (partner_id) DO UPDATE SET unthanked = thanks_tally.unthanked + 1, "
    "oldest = CASE WHEN excluded.oldest < thanks_tally.oldest THEN excluded.oldest "
    "ELSE thanks_tally.oldest END"
)
SUBTRACT = (
    f"UPDATE thanks_tally SET unthanked = unthanked - 1 WHERE {COUNTED} "
    "AND partner_id = {row}.partner_id"
)
DROP_IF_EMPTY = "DELETE FROM thanks_tally WHERE partner_id = {row}.partner_id AND unthanked = 0"
# PostgreSQL runs a statement's row triggers once the statement is done, so the search sees
# every row it wrote: none left unthanked yet this row still counted (a thank-you for several
# at once) keeps the date until the last of them takes the count, and the row, to nothing.
OLDEST_AGAIN = (
    "UPDATE thanks_tally SET oldest = coalesce((SELECT min(date) FROM referral "
    "WHERE direction = 'got' AND thanked_on IS NULL AND partner_id = {row}.partner_id), oldest) "
    "WHERE partner_id = {row}.partner_id AND oldest = {row}.date"
)
MOVED = "direction, partner_id, date, thanked_on"


def _add(row: str) -> str:
    return ADD.format(row=row)


def _subtract(row: str) -> str:
    # The row goes before its oldest date is looked for again: none left is no row, not NULL.
    steps = (SUBTRACT, DROP_IF_EMPTY, OLDEST_AGAIN)
    return "; ".join(step.format(row=row) for step in steps)


SQLITE_TRIGGERS = (
    "CREATE TRIGGER thanks_referral_insert AFTER INSERT ON referral "
    f"WHEN {COUNTED.format(row='NEW')} BEGIN {_add('NEW')}; END",
    "CREATE TRIGGER thanks_referral_delete AFTER DELETE ON referral "
    f"WHEN {COUNTED.format(row='OLD')} BEGIN {_subtract('OLD')}; END",
    f"CREATE TRIGGER thanks_referral_update AFTER UPDATE OF {MOVED} ON referral "
    f"WHEN ({COUNTED.format(row='OLD')}) OR ({COUNTED.format(row='NEW')}) "
    f"BEGIN {_subtract('OLD')}; {_add('NEW')}; END",
)

PG_FUNCTION = f"""
CREATE FUNCTION recip_thanks_referral() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND {COUNTED.format(row="OLD")} THEN
        {_subtract("OLD")};
    END IF;
    IF TG_OP <> 'DELETE' AND {COUNTED.format(row="NEW")} THEN
        {_add("NEW")};
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""

FILL = (
    "INSERT INTO thanks_tally (partner_id, unthanked, oldest) "
    "SELECT partner_id, count(*), min(date) FROM referral "
    "WHERE direction = 'got' AND thanked_on IS NULL GROUP BY partner_id"
)


def upgrade() -> None:
    op.create_table(
        "thanks_tally",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("unthanked", sa.Integer(), nullable=False),
        sa.Column("oldest", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name="fk_thanks_tally_partner_id_partner",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", name="pk_thanks_tally"),
    )
    op.drop_index("ix_referral_thanks_due", table_name="referral")
    op.create_index(
        "ix_referral_thanks_due", "referral", ["direction", "thanked_on", "partner_id", "date"]
    )
    op.execute(FILL)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        op.execute(
            f"CREATE TRIGGER thanks_referral AFTER INSERT OR DELETE OR UPDATE OF {MOVED} "
            "ON referral FOR EACH ROW EXECUTE FUNCTION recip_thanks_referral()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER thanks_referral_{event}")
    else:
        op.execute("DROP TRIGGER thanks_referral ON referral")
        op.execute("DROP FUNCTION recip_thanks_referral()")
    op.drop_table("thanks_tally")
    op.drop_index("ix_referral_thanks_due", table_name="referral")
    op.create_index(
        "ix_referral_thanks_due", "referral", ["direction", "thanked_on", "date", "partner_id"]
    )
