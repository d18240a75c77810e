"""Read-only files and folders: one clear line, exit 1, and the database file untouched.

File permissions do not stop root, and CI runs as root; so recip runs here as a real
process that has given up root's power to ignore them (CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH dropped from its bounding set before exec), like any other user."""

import ctypes
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TODAY

pytestmark = pytest.mark.sqlite_only  # files and their permissions

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _as_a_plain_user() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def recip(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECIP_DB": str(db), "RECIP_TODAY": TODAY}
    env.pop("RECIP_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "reciprocity_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_as_a_plain_user,
    )


def _permissions_apply(tmp_path: Path) -> str | None:
    """Why file permissions cannot be tested here, or None when a child process obeys them
    (a container may refuse to drop capabilities, or not give them in the first place)."""
    locked = tmp_path / "locked.txt"
    locked.write_text("")
    locked.chmod(0o444)
    try:
        child = subprocess.run(
            [sys.executable, "-c", f"open({str(locked)!r}, 'a')"],
            capture_output=True,
            timeout=30,
            preexec_fn=_as_a_plain_user,
        )
    except subprocess.SubprocessError as error:
        return f"cannot drop root's power over file permissions here: {error}"
    if child.returncode == 0:
        return "a child process can still write a read-only file here"
    return None


@pytest.fixture
def folder(tmp_path):
    """A folder holding a database with one partner and one referral; writable again after."""
    reason = _permissions_apply(tmp_path)
    if reason:
        pytest.skip(reason)
    home = tmp_path / "shop"
    home.mkdir()
    db = home / "recip.db"
    assert recip(db, "partner", "add", "Joe's Plumbing").returncode == 0
    assert recip(db, "give", "joe", "--customer", "Kept").returncode == 0
    yield home
    home.chmod(0o700)


def _fails_with_one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_a_read_only_database_can_be_read_but_not_written(folder):
    db = folder / "recip.db"
    db.chmod(0o444)
    before = db.read_bytes()
    assert recip(db, "balance", "--json").returncode == 0
    line = _fails_with_one_line(recip(db, "give", "joe", "--customer", "Lost"))
    assert line == f"Error: The database {db} is read-only; check its permissions."
    assert db.read_bytes() == before
    assert stat.S_IMODE(db.stat().st_mode) == 0o444


def test_a_folder_that_cannot_be_written(folder):
    """SQLite needs to keep its -wal and -shm files beside the database."""
    db = folder / "recip.db"
    before = db.read_bytes()
    folder.chmod(0o555)
    for args in (["balance"], ["give", "joe"]):
        line = _fails_with_one_line(recip(db, *args))
        assert line == (
            f"Error: Cannot write in {folder}, the folder of the database: SQLite keeps "
            "recip.db-wal beside it while it works; check the folder's permissions."
        )
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["recip.db"]


def test_a_new_database_in_a_folder_that_cannot_be_written(folder):
    folder.chmod(0o555)
    db = folder / "new.db"
    line = _fails_with_one_line(recip(db, "balance"))
    assert line == f"Error: Cannot create the database {db}: Permission denied."
    deeper = folder / "deeper" / "new.db"  # refused before the permissions matter
    line = _fails_with_one_line(recip(deeper, "balance"))
    assert line.startswith(f"Error: Cannot create the database {deeper}: the folder ")
    assert sorted(p.name for p in folder.iterdir()) == ["recip.db"]


def test_a_database_that_cannot_be_read(folder):
    db = folder / "recip.db"
    db.chmod(0o000)
    line = _fails_with_one_line(recip(db, "balance"))
    assert line == f"Error: Cannot read the database {db}: Permission denied."
    db.chmod(0o600)
    assert recip(db, "balance", "--json").returncode == 0
