"""A change history: every row a command writes, before and after, kept by the database.

Each writing command opens one `change` (who, when, its command line) marked `recording`;
triggers on every table of data copy each row inserted, updated or deleted into
`change_row` under the change that is recording, in the same transaction, as JSON: so
`undo` can put back anything (an edit, a merge, an import, a setting), and no command can
forget to note what it did. The command clears `recording` before it commits, so a change
is recording only inside its own transaction, seen by no one else: on PostgreSQL each
writer's triggers find its own change. Writes made outside recip (no change recording) are
not kept.

The entries earlier revisions noted (change.table_name, first_id..last_id) become rows of
their change, as inserts, so undo goes on where it left off; those columns go.

A later revision that adds or drops a column of these tables must create the SQLite
triggers again (TRIGGER_COLUMNS below); a test compares the rows kept with the models. One
that rebuilds `change` on SQLite (batch mode) must keep change_row aside first, as this one
does: dropping the old table deletes its rows, and the delete cascades.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Each table of data, its key, and (for SQLite's json_object) its columns at this revision.
TRIGGER_COLUMNS = {
    "partner": (
        "id",
        "id name name_key does kind contact phone email website address tags notes "
        "touch_every gift_every archived created_at updated_at",
    ),
    "referral": (
        "id",
        "id direction partner_id date customer customer_contact note heat value_cents status "
        "made_by thanked_on closed_on created_at updated_at",
    ),
    "touch": ("id", "id kind partner_id date note cost_cents made_by created_at"),
    "closed_day": ("date", "date note"),
    "setting": ("key", "key value"),
}
RECORDING = "(SELECT id FROM change WHERE recording)"

PG_FUNCTION = f"""
CREATE FUNCTION recip_keep_change() RETURNS trigger AS $$
DECLARE
    recording_change integer := {RECORDING};
    old_row jsonb;
    new_row jsonb;
BEGIN
    IF recording_change IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    INSERT INTO change_row (change_id, table_name, row_key, before, after)
    VALUES (recording_change, TG_TABLE_NAME, coalesce(new_row, old_row) ->> TG_ARGV[0],
            old_row::text, new_row::text);
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def _sqlite_triggers(table: str, key: str, columns: str) -> list[str]:
    def row(alias: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in columns.split()) + ")"

    made = []
    for event, alias, before, after in (
        ("INSERT", "NEW", "NULL", row("NEW")),
        ("UPDATE", "NEW", row("OLD"), row("NEW")),
        ("DELETE", "OLD", row("OLD"), "NULL"),
    ):
        made.append(
            f"CREATE TRIGGER keep_{table}_{event.lower()} AFTER {event} ON {table} "
            f"WHEN EXISTS {RECORDING} BEGIN "
            "INSERT INTO change_row (change_id, table_name, row_key, before, after) "
            f"VALUES ({RECORDING}, '{table}', {alias}.{key}, {before}, {after}); END"
        )
    return made


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # The entries noted so far, as rows inserted by their change. Staged first: SQLite
    # rebuilds `change` below, and dropping the old table would cascade to rows kept by then.
    op.execute(
        "CREATE TABLE change_row_staging (change_id INTEGER, table_name VARCHAR(20),"
        " row_key VARCHAR(100), after VARCHAR)"
    )
    for table in ("referral", "touch"):
        _, columns = TRIGGER_COLUMNS[table]
        if sqlite:
            as_json = "json_object(" + ", ".join(f"'{c}', r.{c}" for c in columns.split()) + ")"
        else:
            as_json = "to_jsonb(r)::text"
        op.execute(
            f"INSERT INTO change_row_staging (change_id, table_name, row_key, after) "
            f"SELECT c.id, '{table}', CAST(r.id AS VARCHAR(100)), {as_json} "
            f"FROM change c JOIN {table} r ON r.id BETWEEN c.first_id AND c.last_id "
            f"WHERE c.table_name = '{table}'"
        )

    with op.batch_alter_table("change") as batch:
        batch.drop_constraint("ck_change_table_name", type_="check")
        batch.drop_column("table_name")
        batch.drop_column("first_id")
        batch.drop_column("last_id")
        batch.alter_column("command", type_=sa.String(length=40))
        batch.add_column(sa.Column("command_line", sa.String(), nullable=True))
        batch.add_column(sa.Column("made_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("recording", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("undoes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("undone_by", sa.Integer(), nullable=True))

    op.create_table(
        "change_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=20), nullable=False),
        sa.Column("row_key", sa.String(length=100), nullable=False),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("after", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["change.id"],
            name="fk_change_row_change_id_change",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_change_row"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_row_change_id", "change_row", ["change_id"])
    op.create_index("ix_change_row_row", "change_row", ["table_name", "row_key", "change_id"])
    op.execute(
        "INSERT INTO change_row (change_id, table_name, row_key, before, after) "
        "SELECT change_id, table_name, row_key, NULL, after FROM change_row_staging "
        "ORDER BY change_id, table_name, CAST(row_key AS INTEGER)"
    )
    op.drop_table("change_row_staging")
    # Every write looks for the change recording: this index holds only that one row.
    op.create_index(
        "ix_change_recording",
        "change",
        ["recording"],
        sqlite_where=sa.text("recording"),
        postgresql_where=sa.text("recording"),
    )

    if sqlite:
        for table, (key, columns) in TRIGGER_COLUMNS.items():
            for statement in _sqlite_triggers(table, key, columns):
                op.execute(statement)
    else:
        op.execute(PG_FUNCTION)
        for table, (key, _) in TRIGGER_COLUMNS.items():
            op.execute(
                f"CREATE TRIGGER keep_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION recip_keep_change('{key}')"
            )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TRIGGER_COLUMNS:
        if sqlite:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER keep_{table}_{event}")
        else:
            op.execute(f"DROP TRIGGER keep_{table} ON {table}")
    if not sqlite:
        op.execute("DROP FUNCTION recip_keep_change()")
    op.drop_index("ix_change_recording", table_name="change")
    op.drop_table("change_row")
    with op.batch_alter_table("change") as batch:
        batch.drop_column("undone_by")
        batch.drop_column("undoes")
        batch.drop_column("recording")
        batch.drop_column("command_line")
        batch.drop_column("made_on")
        batch.alter_column("command", type_=sa.String(length=20))
        batch.add_column(sa.Column("table_name", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("first_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_id", sa.Integer(), nullable=True))
