"""Per-partner lag tallies: how many referrals got were returned after how many days.

The scorecard's reciprocity lag (DESIGN, "Closing the loop") is, per partner, the median
over the referrals got of the days until the next referral given to them (the same day
counts as 0). Worked out from every referral got, it costs more with every year; from
partner_lag, a row per partner and lag (how many got were returned after that many days),
it costs a few rows per partner.

Triggers on referral keep it in the same transaction as every write. A referral got adds
one to its lag (if anything was given back since); one given on day D becomes the next one
given for the referrals got after the given before it, up to D, so their lags move from
the next given after D (if any) to D; removing it moves them back. An update counts as
removing the row as it was (before the update, leaving it out) and adding it as it is.

On PostgreSQL each writer first locks the partner's row (FOR NO KEY UPDATE, which the
referral's own foreign-key check does not conflict with): lags, unlike counts, depend on
the other referrals, so two writers of one partner must take turns, and under READ
COMMITTED the one that waited then sees what the other committed.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _given(p: str, x: str, where: str, agg: str) -> str:
    """The first (min) or last (max) date given to partner p matching `where`, leaving out
    the row with id x."""
    return (
        f"(SELECT {agg}(date) FROM referral WHERE partner_id = {p} AND direction = 'given'"
        f" AND {where} AND id <> {x})"
    )


class Lags:
    """The lag bookkeeping as SQL, for one engine's arithmetic on dates."""

    def __init__(self, days: str, before_all: str):
        self.days = days  # "{later}", "{earlier}" -> whole days between
        self.before_all = before_all  # a value before every date, for "no given before"

    def between(self, later: str, earlier: str) -> str:
        return self.days.format(later=later, earlier=earlier)

    def _move(self, row: str, sign: str, target: str, p: str, d: str, x: str) -> list[str]:
        """Add (sign +) or take away (sign -) the lags to `target` of the referrals got after
        the given before day d, up to d."""
        before = _given(p, x, f"date < {d}", "max")
        gots = (
            f"FROM referral g WHERE g.partner_id = {p} AND g.direction = 'got' "
            # A bound on both sides, so the index serves only the range.
            f"AND g.date <= {d} AND g.date > coalesce({before}, {self.before_all}) "
            f"AND g.id <> {x}"
        )
        lag = self.between(target, "g.date")
        # Taking away is adding minus one per referral: an upsert per lag, not an update
        # of every lag the partner has.
        count = "count(*)" if sign == "+" else "-count(*)"
        moved = [
            "INSERT INTO partner_lag (partner_id, lag_days, gots) "
            f"SELECT {p}, {lag}, {count} {gots} AND {target} IS NOT NULL "
            f"GROUP BY {lag} "
            "ON CONFLICT (partner_id, lag_days) DO UPDATE "
            "SET gots = partner_lag.gots + excluded.gots"
        ]
        if sign == "-":
            moved.append(f"DELETE FROM partner_lag WHERE partner_id = {p} AND gots = 0")
        return moved

    def got_added(self, row: str) -> list[str]:
        back = _given(f"{row}.partner_id", f"{row}.id", f"date >= {row}.date", "min")
        lag = self.between(back, f"{row}.date")
        return [
            "INSERT INTO partner_lag (partner_id, lag_days, gots) "
            f"SELECT {row}.partner_id, {lag}, 1 WHERE {back} IS NOT NULL "
            "ON CONFLICT (partner_id, lag_days) DO UPDATE SET gots = partner_lag.gots + 1"
        ]

    def got_removed(self, row: str) -> list[str]:
        back = _given(f"{row}.partner_id", f"{row}.id", f"date >= {row}.date", "min")
        return [
            f"UPDATE partner_lag SET gots = gots - 1 WHERE partner_id = {row}.partner_id "
            f"AND lag_days = {self.between(back, f'{row}.date')}",
            f"DELETE FROM partner_lag WHERE partner_id = {row}.partner_id AND gots = 0",
        ]

    def given_added(self, row: str) -> list[str]:
        p, d, x = f"{row}.partner_id", f"{row}.date", f"{row}.id"
        after = _given(p, x, f"date > {d}", "min")
        return [*self._move(row, "-", after, p, d, x), *self._move(row, "+", d, p, d, x)]

    def given_removed(self, row: str) -> list[str]:
        p, d, x = f"{row}.partner_id", f"{row}.date", f"{row}.id"
        after = _given(p, x, f"date > {d}", "min")
        return [*self._move(row, "-", d, p, d, x), *self._move(row, "+", after, p, d, x)]

    def alone_on_its_day(self, row: str) -> str:
        """No other referral given to the partner that day: only then does this one move
        any lag."""
        return (
            f"NOT EXISTS (SELECT 1 FROM referral WHERE partner_id = {row}.partner_id "
            f"AND direction = 'given' AND date = {row}.date AND id <> {row}.id)"
        )


SQLITE = Lags("CAST(julianday({later}) - julianday({earlier}) AS INTEGER)", "''")
POSTGRES = Lags("({later} - {earlier})", "'-infinity'::date")
MOVED = "partner_id, direction, date"


def _sqlite_triggers() -> list[str]:
    made = []
    for name, timing, event, row, steps in (
        ("insert", "AFTER", "INSERT", "NEW", "added"),
        ("delete", "AFTER", "DELETE", "OLD", "removed"),
        ("update_old", "BEFORE", f"UPDATE OF {MOVED}", "OLD", "removed"),
        ("update_new", "AFTER", f"UPDATE OF {MOVED}", "NEW", "added"),
    ):
        for direction in ("got", "given"):
            body = getattr(SQLITE, f"{direction}_{steps}")(row)
            when = f"{row}.direction = '{direction}'"
            if direction == "given":
                when += f" AND {SQLITE.alone_on_its_day(row)}"
            made.append(
                f"CREATE TRIGGER lag_{direction}_{name} {timing} {event} ON referral "
                f"WHEN {when} BEGIN {'; '.join(body)}; END"
            )
    return made


def _pg_steps(row: str, steps: str) -> str:
    lines = [f"PERFORM 1 FROM partner WHERE id = {row}.partner_id FOR NO KEY UPDATE;"]
    lines.append(f"IF {row}.direction = 'got' THEN")
    lines += [f"    {s};" for s in getattr(POSTGRES, f"got_{steps}")(row)]
    lines.append(f"ELSIF {POSTGRES.alone_on_its_day(row)} THEN")
    lines += [f"    {s};" for s in getattr(POSTGRES, f"given_{steps}")(row)]
    lines.append("END IF;")
    return "\n        ".join(lines)


# PostgreSQL fires the AFTER row triggers of a statement writing many rows (an import, a
# merge) only once all of them are written, so each would see the others: the bookkeeping
# runs BEFORE each row instead, which sees the rows written before it and, leaving out the
# row's own id, never the row itself (an update removes it as it was, then adds it as it
# will be).
PG_FUNCTION = f"""
CREATE FUNCTION recip_lag_referral() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_pg_steps("OLD", "removed")}
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_pg_steps("NEW", "added")}
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$ LANGUAGE plpgsql
"""

# Each referral got, with the days until the next one given back (NULL: none yet).
RECOUNT = """
INSERT INTO partner_lag (partner_id, lag_days, gots)
SELECT partner_id, lag, count(*) FROM (
    SELECT g.partner_id, {lag} AS lag FROM referral g WHERE g.direction = 'got'
) AS lags WHERE lag IS NOT NULL GROUP BY partner_id, lag
"""


def upgrade() -> None:
    op.create_table(
        "partner_lag",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("lag_days", sa.Integer(), nullable=False),
        sa.Column("gots", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name="fk_partner_lag_partner_id_partner",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "lag_days", name="pk_partner_lag"),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    lags = SQLITE if sqlite else POSTGRES
    back = _given("g.partner_id", "g.id", "date >= g.date", "min")
    op.execute(RECOUNT.format(lag=lags.between(back, "g.date")))
    if sqlite:
        for statement in _sqlite_triggers():
            op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        op.execute(
            f"CREATE TRIGGER lag_referral BEFORE INSERT OR DELETE OR UPDATE OF {MOVED} "
            "ON referral FOR EACH ROW EXECUTE FUNCTION recip_lag_referral()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update_old", "update_new"):
            for direction in ("got", "given"):
                op.execute(f"DROP TRIGGER lag_{direction}_{name}")
    else:
        op.execute("DROP TRIGGER lag_referral ON referral")
        op.execute("DROP FUNCTION recip_lag_referral()")
    op.drop_table("partner_lag")
