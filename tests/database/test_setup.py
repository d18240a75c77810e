"""How a new database is set up, and what `recip db check` says about it."""

import os

import pytest
from sqlalchemy import text

from reciprocity_cli.db import Database
from reciprocity_cli.location import locate
from reciprocity_cli.migrations import HEAD
from tests.helpers import ON_POSTGRES


class TestFileSetup:
    @pytest.mark.sqlite_only
    def test_new_file_is_0600_wal_with_foreign_keys_and_busy_timeout(self, db_path):
        database = Database(locate(str(db_path)))
        try:
            assert os.stat(db_path).st_mode & 0o777 == 0o600
            with database.session(write=False) as session:
                assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert session.execute(text("PRAGMA busy_timeout")).scalar() == 15_000
        finally:
            database.close()

    def test_check_reports_revision_and_integrity(self, recip, partners, db_path):
        out = recip("db", "check").stdout.splitlines()
        assert out == [
            f"database: {locate(str(db_path)).display()}",
            f"schema revision: {HEAD} (this recip: {HEAD})",
            "partners: 3, referrals: 0, touches: 0",
            "integrity: ok" if ON_POSTGRES is False else "integrity: kept by the server",
            "tallies: ok",
        ]
