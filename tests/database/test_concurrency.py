"""Several terminals writing at once, and a report read while others write (issue 6)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import TODAY, sql

WORKERS = 4
WRITES = 100

# One terminal: waits for the starting signal, then records WRITES referrals, each a whole
# `recip give` run (its own connection, transaction and exit), in process to keep it quick.
WORKER = """
import os, sys, time
from reciprocity_cli.cli import app

number, go = sys.argv[1], sys.argv[2]

def recip(*args):
    try:
        app(list(args), prog_name="recip")
    except SystemExit as exit:
        if exit.code:
            sys.exit(f"worker {number}: recip {' '.join(args)} exited {exit.code}")

while not os.path.exists(go):
    time.sleep(0.005)
recip("partner", "add", f"Worker {number} Bakery")
for i in range(int(sys.argv[3])):
    recip("give", f"Worker {number} Bakery", "--customer", f"w{number}-{i}")
"""


def _environment(db_path) -> dict:
    env = {**os.environ, "RECIP_DB": str(db_path), "RECIP_TODAY": TODAY}
    env["RECIP_DEBUG"] = "1"  # a bug shows as a traceback, and fails the test
    return env


def test_four_processes_write_400_referrals_into_a_new_database_at_once(db_path, tmp_path):
    """The database does not exist yet (on PostgreSQL: is empty): the four race to create
    it and set up the schema, then all write at once. Every write must land, and none may
    see "database is locked" or a serialization failure."""
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(n), str(go), str(WRITES)],
            env=_environment(db_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(1, WORKERS + 1)
    ]
    time.sleep(1.0)  # let every worker finish importing, so they really start together
    go.touch()
    outcomes = [(w.wait(timeout=240), *w.communicate()) for w in workers]
    for code, _, stderr in outcomes:
        assert code == 0, stderr
    # One of them made the file, and says so; nothing else is said.
    notes = sorted(stderr for _, _, stderr in outcomes if stderr)
    if isinstance(db_path, Path):
        assert notes == [f"Note: Created a new database at {db_path}.\n"]
    else:
        assert notes == []

    customers = [customer for (customer,) in sql(db_path, "SELECT customer FROM referral")]
    if isinstance(db_path, Path):
        assert sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert sql(db_path, "SELECT count(*) FROM partner") == [(WORKERS,)]
    assert len(customers) == WORKERS * WRITES
    assert set(customers) == {f"w{n}-{i}" for n in range(1, WORKERS + 1) for i in range(WRITES)}


def test_a_report_reads_one_moment_while_another_process_writes(recip, partners, db_path):
    """Halfway through building a report, another process records a referral. The writer
    must not wait for the report, and the report must not mix before and after: every part
    of it sees the database as it was when the report began."""
    import reciprocity_cli.core.report as report_module

    recip("give", "joe", "--customer", "Before")
    real_quiet_partners = report_module.quiet_partners
    writer = {}

    def quiet_partners_while_someone_writes(*args, **kwargs):
        began = time.perf_counter()
        writer["result"] = subprocess.run(
            [sys.executable, "-m", "reciprocity_cli", "give", "joe", "--customer", "During"],
            env=_environment(db_path),
            capture_output=True,
            text=True,
            timeout=30,
        )
        writer["seconds"] = time.perf_counter() - began
        return real_quiet_partners(*args, **kwargs)

    report_module.quiet_partners = quiet_partners_while_someone_writes
    try:
        report = recip.json("report")
    finally:
        report_module.quiet_partners = real_quiet_partners

    assert writer["result"].returncode == 0, writer["result"].stderr
    assert writer["seconds"] < 10  # it ran beside the report, not after it
    assert report["given"] == 1  # the totals were read before the write...
    [joe] = [p for p in report["partners"] if p["partner"] == "Joe's Plumbing"]
    assert joe["given"] == 1
    # ...and the breakdown by person was read after it, from the same moment.
    assert report["by_staff"] == [{"by": "tester", "given": 1, "got": 0}]
    later = recip.json("report")
    assert later["given"] == 2
    assert later["by_staff"] == [{"by": "tester", "given": 2, "got": 0}]
    assert json.loads(recip("log", "--json").stdout)[0]["customer"] == "During"
