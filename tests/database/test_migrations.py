"""Schema revisions: the migration scripts match the models, an older database is upgraded
with its data (a SQLite file keeps a copy of itself as it was), a newer one is refused."""

import json
import re
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from reciprocity_cli.db import Database
from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import locate
from reciprocity_cli.migrations import HEAD, REVISIONS
from tests.helpers import add_old_friend, alembic_config, make_database_at, sql, table_dump, url_of


class TestRevisions:
    def test_revision_list_matches_the_alembic_scripts(self):
        script = ScriptDirectory.from_config(alembic_config())
        assert script.get_current_head() == HEAD
        walked = [rev.revision for rev in script.walk_revisions()]
        assert tuple(reversed(walked)) == REVISIONS

    def test_models_match_the_migrated_schema(self, db_path):
        from reciprocity_cli.models import every_table

        Database(locate(str(db_path))).close()
        engine = create_engine(url_of(db_path))
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), every_table())
        engine.dispose()
        assert diff == []

    def test_upgrade_from_the_first_revision_keeps_the_data(self, recip, db_path):
        make_database_at(db_path, "0001")
        add_old_friend(db_path)
        sql(
            db_path,
            "INSERT INTO referral (direction, partner_id, date, status, value_cents,"
            " created_at, updated_at) VALUES ('got', 1, '2025-03-04', 'won', 12345,"
            " '2025-03-04 00:00:00', '2025-03-04 00:00:00')",
        )
        [row] = recip.json("balance", "--by-value")
        assert (row["partner"], row["got"], row["last_got"]) == ("Old Friend", 123.45, "2025-03-04")
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
        engine = create_engine(url_of(db_path))
        with engine.connect() as connection:
            indexes = {i["name"] for i in inspect(connection).get_indexes("referral")}
        engine.dispose()
        assert {"ix_referral_partner_direction_date", "ix_referral_date"} <= indexes
        recip("give", "old")  # the id sequence carries on after the rows made by hand
        assert len(recip.json("log")) == 2

    @pytest.mark.parametrize(
        ("touch_stamp", "left_after_one_undo"),
        [
            ("2025-06-02", (2, 0)),  # the touch was stamped last: it goes back first
            ("2025-05-15", (0, 1)),  # the referrals were: both go back at once
        ],
    )
    def test_upgrade_from_0003_notes_the_entries_so_undo_goes_on_as_before(
        self, recip, db_path, touch_stamp, left_after_one_undo
    ):
        make_database_at(db_path, "0003")
        add_old_friend(db_path)
        for stamp in ("2025-05-01 12:00:00", "2025-06-01 12:00:00"):
            sql(
                db_path,
                "INSERT INTO referral (direction, partner_id, date, status, created_at,"
                f" updated_at) VALUES ('given', 1, '2025-05-01', 'open', '{stamp}', '{stamp}')",
            )
        sql(
            db_path,
            "INSERT INTO touch (kind, partner_id, date, created_at) VALUES ('meeting', 1,"
            f" '2025-05-01', '{touch_stamp} 12:00:00')",
        )
        recip("partner", "list")  # upgrades
        # 0004 noted the entries per table; 0007 keeps them as rows their change added.
        rows = sql(
            db_path,
            "SELECT c.command, r.table_name, r.row_key FROM change c"
            " JOIN change_row r ON r.change_id = c.id ORDER BY r.id",
        )
        assert sorted(rows) == [
            ("earlier", "referral", "1"),
            ("earlier", "referral", "2"),
            ("earlier", "touch", "1"),
        ]
        count = "SELECT (SELECT COUNT(*) FROM referral), (SELECT COUNT(*) FROM touch)"
        # Which table's entries come last follows the newest stamps, as undo did before 0004;
        # from now on it is the order of changes, and an earlier change goes back whole.
        recip("give", "old")
        assert "(recip give old)" in recip("undo", "--yes").stdout
        recip("undo", "--yes")
        assert sql(db_path, count) == [left_after_one_undo]
        recip("undo", "--yes")
        assert sql(db_path, count) == [(0, 0)]
        assert "nothing to undo" in recip.fails("undo", "--yes")

    def test_upgrade_from_0004_dates_outcomes_already_recorded(self, recip, db_path):
        make_database_at(db_path, "0004")
        add_old_friend(db_path)
        for status, day in (("won", "2025-05-01"), ("lost", "2025-05-02"), ("open", "2025-05-03")):
            sql(
                db_path,
                "INSERT INTO referral (direction, partner_id, date, status, created_at,"
                f" updated_at) VALUES ('given', 1, '{day}', '{status}', '{day} 12:00:00',"
                f" '{day} 12:00:00')",
            )
        assert recip("config", "followup_days").stdout.strip() == "14"  # upgrades
        rows = sql(db_path, "SELECT status, closed_on FROM referral ORDER BY id")
        # The day an old outcome was recorded is unknown; the referral's own date is the
        # earliest it can have been.
        assert [(status, str(closed) if closed else None) for status, closed in rows] == [
            ("won", "2025-05-01"),
            ("lost", "2025-05-02"),
            ("open", None),
        ]
        assert sql(db_path, "SELECT gift_every FROM partner") == [(None,)]
        assert sql(db_path, "SELECT COUNT(*) FROM closed_day") == [(0,)]
        assert len(recip.json("log")) == 3

    def test_upgrade_from_0005_indexes_outcomes_and_open_referrals(self, recip, db_path):
        make_database_at(db_path, "0005")
        add_old_friend(db_path)
        for direction, day, status, closed in (
            ("given", "2025-05-01", "open", None),
            ("given", "2025-05-02", "won", "2025-05-09"),
            ("got", "2025-05-03", "lost", "2025-05-10"),
        ):
            sql(
                db_path,
                "INSERT INTO referral (direction, partner_id, date, status, closed_on, value_cents,"
                " created_at, updated_at) VALUES (?, 1, ?, ?, ?, 500, ?, ?)",
                direction,
                day,
                status,
                closed,
                f"{day} 12:00:00",
                f"{day} 12:00:00",
            )
        assert [row["id"] for row in recip.json("followup")] == [1]  # upgrades
        engine = create_engine(url_of(db_path))
        with engine.connect() as connection:
            indexes = {
                i["name"]: i["column_names"] for i in inspect(connection).get_indexes("referral")
            }
        engine.dispose()
        assert indexes["ix_referral_partner_direction_date"][-2:] == ["status", "value_cents"]
        assert indexes["ix_referral_open"] == ["direction", "date", "partner_id"]
        assert indexes["ix_referral_closed_on"][0] == "closed_on"
        [card] = recip.json("scorecard")
        assert (card["given_won"], card["got_lost"], card["value_given_won"]) == (1, 1, 5)
        assert len(recip.json("log")) == 3

    @pytest.mark.sqlite_only
    def test_an_upgrade_keeps_a_copy_of_the_old_file_beside_it(self, recip, db_path):
        make_database_at(db_path, "0002")
        add_old_friend(db_path)
        before = table_dump(db_path)
        result = recip("partner", "list", "--json")
        assert [p["name"] for p in json.loads(result.stdout)] == ["Old Friend"]  # stdout clean
        [copy] = db_path.parent.glob("recip.db.before-upgrade-*")
        assert re.fullmatch(r"recip\.db\.before-upgrade-\d{8}-\d{6}", copy.name)
        assert result.stderr == (
            f"Note: Upgraded the database schema from 0002 to {HEAD}; "
            f"a copy of it as it was is in {copy}\n"
        )
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert table_dump(copy) == before  # the copy is the old file, old schema and all
        with sqlite3.connect(copy) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
                "0002",
            )
        again = recip("partner", "list")  # at HEAD now: no copy, no note
        assert again.stderr == ""
        assert len(list(db_path.parent.glob("recip.db.before-upgrade-*"))) == 1

    @pytest.mark.sqlite_only
    def test_a_failed_upgrade_that_rolled_back_leaves_no_copy(self, recip, db_path):
        recip("partner", "add", "Joe")
        sql(db_path, "UPDATE alembic_version SET version_num = '0003'")  # older than the tables
        before = table_dump(db_path)
        for _ in range(2):
            line = recip.fails("partner", "list")
            assert line.startswith(
                f"Error: The schema upgrade from 0003 to {HEAD} failed and was rolled back; the "
                "database is as it was. Database error on "
            )
            assert "already exists" in line
            assert list(db_path.parent.glob("*before-upgrade*")) == []
        assert table_dump(db_path) == before

    @pytest.mark.sqlite_only
    def test_a_copy_kept_by_a_failed_upgrade_is_named_and_reused(self, recip, db_path, monkeypatch):
        recip("partner", "add", "Joe")
        sql(db_path, "UPDATE alembic_version SET version_num = '0003'")
        before = table_dump(db_path)
        reads = []

        def unreadable_after_the_failure(self):
            reads.append(1)
            if len(reads) > 1:  # the look after the failure cannot tell what was left
                raise RecipError("Database error on the database: disk I/O error")
            return "0003"

        with monkeypatch.context() as patch:
            patch.setattr(Database, "revision", unreadable_after_the_failure)
            line = recip.fails("partner", "list")
        [copy] = db_path.parent.glob("recip.db.before-upgrade-*")
        assert line.startswith(
            f"Error: The schema upgrade from 0003 to {HEAD} failed; a copy of the database as "
            f"it was is in {copy}. Database error on "
        )
        for _ in range(2):  # later attempts reuse that copy rather than add one each
            assert f"a copy of the database as it was is in {copy}." in recip.fails("balance")
            assert list(db_path.parent.glob("recip.db.before-upgrade-*")) == [copy]
        assert table_dump(copy) == before

    @pytest.mark.sqlite_only
    def test_a_new_database_needs_no_copy(self, recip, db_path):
        assert recip("partner", "list").stderr == ""
        assert list(db_path.parent.glob("*before-upgrade*")) == []

    def test_opening_at_head_does_not_import_alembic(self, db_path, monkeypatch):
        Database(locate(str(db_path))).close()

        def no_upgrade(self):
            raise AssertionError("upgrade attempted on a current database")

        monkeypatch.setattr(Database, "_upgrade", no_upgrade)
        Database(locate(str(db_path))).close()

    def test_a_newer_schema_is_refused_and_left_alone(self, recip, db_path):
        recip("partner", "add", "Joe")
        sql(db_path, "UPDATE alembic_version SET version_num = '9999'")
        before = db_path.read_bytes() if isinstance(db_path, Path) else table_dump(db_path)
        line = recip.fails("balance")
        assert "written by a newer recip (schema 9999); upgrade recip" in line
        after = db_path.read_bytes() if isinstance(db_path, Path) else table_dump(db_path)
        assert after == before
