"""Referrals given per day, kept by the database: what the habit (the goal met or missed,
the streak, its strength) reads.

Counted from the referrals, the days cost every referral ever given (36 ms of `today` at
1,000,000); from day_tally, a row per day that had any. Triggers on referral add and
subtract in the same transaction as every write, as for partner_tally (revision 0008);
a day with nothing left given goes. `recip db check` recounts it.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ADD = (
    "INSERT INTO day_tally (date, given) SELECT {row}.date, 1 WHERE {row}.direction = 'given' "
    "ON CONFLICT (date) DO UPDATE SET given = day_tally.given + 1"
)
SUBTRACT = (
    "UPDATE day_tally SET given = given - 1 WHERE {row}.direction = 'given' AND date = {row}.date"
)
DROP_IF_EMPTY = "DELETE FROM day_tally WHERE date = {row}.date AND given = 0"
MOVED = "direction, date"


def _add(row: str) -> str:
    return ADD.format(row=row)


def _subtract(row: str) -> str:
    return f"{SUBTRACT.format(row=row)}; {DROP_IF_EMPTY.format(row=row)}"


SQLITE_TRIGGERS = (
    "CREATE TRIGGER day_referral_insert AFTER INSERT ON referral "
    f"WHEN NEW.direction = 'given' BEGIN {_add('NEW')}; END",
    "CREATE TRIGGER day_referral_delete AFTER DELETE ON referral "
    f"WHEN OLD.direction = 'given' BEGIN {_subtract('OLD')}; END",
    f"CREATE TRIGGER day_referral_update AFTER UPDATE OF {MOVED} ON referral "
    "WHEN OLD.direction = 'given' OR NEW.direction = 'given' "
    f"BEGIN {_subtract('OLD')}; {_add('NEW')}; END",
)

PG_FUNCTION = f"""
CREATE FUNCTION recip_day_referral() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.direction = 'given' THEN
        {_subtract("OLD")};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.direction = 'given' THEN
        {_add("NEW")};
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""

FILL = (
    "INSERT INTO day_tally (date, given) SELECT date, count(*) FROM referral "
    "WHERE direction = 'given' GROUP BY date"
)


def upgrade() -> None:
    op.create_table(
        "day_tally",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("given", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("date", name="pk_day_tally"),
    )
    op.execute(FILL)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        op.execute(
            f"CREATE TRIGGER day_referral AFTER INSERT OR DELETE OR UPDATE OF {MOVED} "
            "ON referral FOR EACH ROW EXECUTE FUNCTION recip_day_referral()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER day_referral_{event}")
    else:
        op.execute("DROP TRIGGER day_referral ON referral")
        op.execute("DROP FUNCTION recip_day_referral()")
    op.drop_table("day_tally")
