"""Per-partner tallies: the all-time figures the daily commands read, kept by the database.

`give`, `balance`, `today`, `who`, `sheet` and the scorecard need, per partner and direction,
how many referrals, how many won and lost, the value won and the last date. Added up from
every referral, they cost more with every year of history; read from partner_tally they
cost a row per partner. Triggers on referral add and subtract in the same transaction as
every insert, update and delete, whoever writes (give, import, merge, edit, undo, or SQL
typed by hand), so a tally cannot disagree with the referrals a reader sees; `recip db
check` recounts them all and `--repair` rebuilds them, should a file be damaged.

Only the last date cannot be subtracted: when the referral holding it goes, the new last
is read back from ix_referral_partner_direction_date, one index seek.

ix_referral_thanks_due puts the received referrals not yet thanked side by side, so the
thank-yous due cost what is due, not every referral ever received.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY = "partner_id = {row}.partner_id AND direction = {row}.direction"


def _adds(row: str, cast: str = "") -> dict[str, str]:
    """What one referral adds to its tally, per column (cast: PostgreSQL's boolean to int)."""
    return {
        "referrals": "1",
        "won": f"({row}.status = 'won'){cast}",
        "lost": f"({row}.status = 'lost'){cast}",
        "won_cents": (
            f"CASE WHEN {row}.status = 'won' THEN coalesce({row}.value_cents, 0) ELSE 0 END"
        ),
    }


def _subtract(row: str, cast: str = "") -> str:
    sets = ", ".join(f"{c} = {c} - {v}" for c, v in _adds(row, cast).items())
    return f"UPDATE partner_tally SET {sets} WHERE {KEY.format(row=row)}"


def _last_date_again(row: str) -> str:
    """After the referral holding a tally's last date is gone, the last date that is left."""
    return (
        "UPDATE partner_tally SET last_date = (SELECT max(date) FROM referral WHERE "
        f"{KEY.format(row=row)}) WHERE {KEY.format(row=row)} AND last_date <= {row}.date"
    )


def _drop_if_empty(row: str) -> str:
    """A tally with no referrals left goes, so none outlives its partner, even when SQL
    typed by hand deletes a partner without the foreign keys that would cascade."""
    return f"DELETE FROM partner_tally WHERE {KEY.format(row=row)} AND referrals = 0"


def _add(row: str, cast: str, later: str) -> str:
    adds = _adds(row, cast)
    columns = ", ".join(adds)
    values = ", ".join(adds.values())
    sets = ", ".join(f"{c} = partner_tally.{c} + excluded.{c}" for c in adds)
    return (
        f"INSERT INTO partner_tally (partner_id, direction, {columns}, last_date) "
        f"VALUES ({row}.partner_id, {row}.direction, {values}, {row}.date) "
        f"ON CONFLICT (partner_id, direction) DO UPDATE SET {sets}, "
        f"last_date = {later.format(a='partner_tally.last_date', b='excluded.last_date')}"
    )


# SQLite's max() of two values is NULL if either is; PostgreSQL's greatest() skips NULLs.
SQLITE_LATER = "CASE WHEN {a} IS NULL OR {b} > {a} THEN {b} ELSE {a} END"
OUTCOME_COLUMNS = "partner_id, direction, date, status, value_cents"

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER tally_referral_insert AFTER INSERT ON referral BEGIN "
    f"{_add('NEW', '', SQLITE_LATER)}; END",
    f"CREATE TRIGGER tally_referral_delete AFTER DELETE ON referral BEGIN "
    f"{_subtract('OLD')}; {_last_date_again('OLD')}; {_drop_if_empty('OLD')}; END",
    f"CREATE TRIGGER tally_referral_update AFTER UPDATE OF {OUTCOME_COLUMNS} ON referral BEGIN "
    f"{_subtract('OLD')}; {_last_date_again('OLD')}; {_drop_if_empty('OLD')}; "
    f"{_add('NEW', '', SQLITE_LATER)}; END",
)

# Under READ COMMITTED each statement of a function sees what others committed before it
# began: the last date is read back after the subtraction has locked the tally row, so a
# colleague's referral committed meanwhile is seen.
PG_FUNCTION = f"""
CREATE FUNCTION recip_tally_referral() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_subtract("OLD", "::int")};
        {_last_date_again("OLD")};
        {_drop_if_empty("OLD")};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_add("NEW", "::int", "greatest({a}, {b})")};
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""

FILL = (
    "INSERT INTO partner_tally (partner_id, direction, referrals, won, lost, won_cents, "
    "last_date) SELECT partner_id, direction, count(*), "
    "sum(CASE WHEN status = 'won' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN status = 'lost' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN status = 'won' THEN coalesce(value_cents, 0) ELSE 0 END), max(date) "
    "FROM referral GROUP BY partner_id, direction"
)


def upgrade() -> None:
    op.create_table(
        "partner_tally",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("referrals", sa.Integer(), nullable=False),
        sa.Column("won", sa.Integer(), nullable=False),
        sa.Column("lost", sa.Integer(), nullable=False),
        sa.Column("won_cents", sa.BigInteger(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name="fk_partner_tally_partner_id_partner",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "direction", name="pk_partner_tally"),
    )
    op.execute(FILL)
    op.create_index(
        "ix_referral_thanks_due", "referral", ["direction", "thanked_on", "date", "partner_id"]
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER tally_referral AFTER INSERT OR DELETE "
            f"OR UPDATE OF {OUTCOME_COLUMNS} ON referral "
            "FOR EACH ROW EXECUTE FUNCTION recip_tally_referral()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER tally_referral_{event}")
    else:
        op.execute("DROP TRIGGER tally_referral ON referral")
        op.execute("DROP FUNCTION recip_tally_referral()")
    op.drop_index("ix_referral_thanks_due", table_name="referral")
    op.drop_table("partner_tally")
