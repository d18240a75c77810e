"""The change table: which command inserted which entries, in the database's own order.

`undo` used to compare the created_at of the last referral and the last touch; a backup's
stamps are trusted, so a touch restored with a stamp in the future (or written on a shared
server by a computer whose clock runs fast) stayed "last" for ever. The change id comes
from the database, so the last change is the last one made, whatever the clocks say.

Existing entries get one change per table covering their ids, the table whose newest row
was stamped later coming last: undo goes on where the old rule left off.

Revision ID: 0004
Revises: 0003
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    change = op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=True),
        sa.Column("command", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=20), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("table_name IN ('referral','touch')", name="ck_change_table_name"),
        sa.PrimaryKeyConstraint("id", name="pk_change"),
        sqlite_autoincrement=True,
    )
    connection = op.get_bind()
    spans = []
    for table in ("referral", "touch"):
        first, last = connection.execute(sa.text(f"SELECT MIN(id), MAX(id) FROM {table}")).one()
        if last is not None:
            newest = connection.execute(
                sa.text(f"SELECT created_at FROM {table} WHERE id = :id"), {"id": last}
            ).scalar()
            spans.append((str(newest), table, first, last))
    # Stamps compare as text: one format per engine, and a damaged one must not stop the
    # upgrade (it only decides which table's entries undo takes first).
    spans.sort(key=lambda span: span[0])
    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(
        change,
        [
            {
                "made_at": now,
                "made_by": None,
                "command": "earlier",  # recorded before recip kept changes
                "table_name": table,
                "first_id": first,
                "last_id": last,
            }
            for _, table, first, last in spans
        ],
    )


def downgrade() -> None:
    op.drop_table("change")
