"""Values a SQLite file holds that their columns cannot: written outside recip. Commands find
them as they read rows; the all-time figures are read from tallies instead of rows, so
`recip db check` looks for them in every row (PostgreSQL enforces column types itself)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

# (kind as the damaged-value line names it, table, column, how a good value looks)
NUMBER = "typeof({c}) IN ('integer', 'null')"
DATE = "{c} IS NULL OR {c} IS date({c})"  # date() gives NULL, or another text, for bad ones
CHECKS = (
    ("date", "referral", "date", DATE),
    ("date", "referral", "thanked_on", DATE),
    ("date", "referral", "closed_on", DATE),
    ("number", "referral", "value_cents", NUMBER),
    ("date", "touch", "date", DATE),
    ("number", "touch", "cost_cents", NUMBER),
    ("yes/no", "partner", "archived", "{c} IN (0, 1)"),
)


def first_damaged(session: Session) -> tuple[str, object] | None:
    """The kind and value of the first damaged value found in a SQLite file, if any: one
    scan of each table."""
    for kind, table, column, good in CHECKS:
        found = session.execute(
            text(f"SELECT {column} FROM {table} WHERE NOT ({good.format(c=column)}) LIMIT 1")
        ).first()
        if found is not None:
            return kind, found[0]
    return None
