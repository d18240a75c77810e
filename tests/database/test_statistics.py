"""A PostgreSQL server plans each query from what it last measured of the tables. recip has
it measure them again as soon as a large change commits (db.py), so the next command does
not plan for the table as it was before an import."""

import pytest

from tests.helpers import ON_POSTGRES, TODAY, sql

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="about PostgreSQL's statistics")


def measured(db_path) -> dict[str, float]:
    """How many rows the server's planner believes each table holds."""
    rows = sql(
        db_path,
        "SELECT relname, reltuples FROM pg_class WHERE relname IN ('referral', 'change_row')",
    )
    return dict(rows)


def write_csv(path, rows: int) -> None:
    lines = ["date,direction,partner,customer"]
    lines += [
        f"2026-0{1 + i % 9}-1{i % 10},given,Partner {i % 20},Customer {i}" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")


def test_a_large_import_is_measured_as_it_commits(recip, db_path, tmp_path):
    recip("partner", "add", "Acme")
    recip("give", "Acme", "--customer", "Before")  # measured now: a table of one row
    sql(db_path, "ANALYZE")
    assert measured(db_path)["referral"] == 1
    write_csv(tmp_path / "big.csv", 3000)
    recip("import", str(tmp_path / "big.csv"), "--create-partners")
    assert measured(db_path) == {
        "referral": 3001,
        "change_row": 2 + 20 + 3000,
    }  # the partner and the give, then the import


def test_a_small_change_leaves_the_measuring_to_the_server(recip, db_path):
    recip("partner", "add", "Acme")
    recip("give", "Acme", "--customer", "Before")
    sql(db_path, "ANALYZE")
    recip("give", "Acme", "--customer", "After", "--date", TODAY)
    assert measured(db_path)["referral"] == 1  # not measured again: the server will, later
