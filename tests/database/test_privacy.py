"""Contact data stays in the files the user asked for, and those are private (0600)."""

import os
import stat
from pathlib import Path

import pytest

from tests.helpers import make_database_at

pytestmark = pytest.mark.sqlite_only  # files and their permissions


@pytest.fixture(autouse=True)
def usual_umask():
    """A usual umask: files would come out world-readable unless recip makes them private."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _files(root: Path) -> dict[str, int]:
    return {
        str(path.relative_to(root)): stat.S_IMODE(path.stat().st_mode)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_working_session_writes_only_private_files_it_was_asked_for(recip, tmp_path, monkeypatch):
    """A day's use, from an upgrade of an old file to exports and a backup: every file that
    appears is the database (with SQLite's -wal and -shm), the copy kept before the upgrade,
    or an output named on the command line; each one is 0600; nothing lands in HOME, the
    cache or config folders, or the working directory."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for variable, folder in (("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(variable, str(tmp_path / "home" / folder))
    data = tmp_path / "data"
    data.mkdir()
    db = data / "recip.db"
    monkeypatch.setenv("RECIP_DB", str(db))
    make_database_at(db, "0002")
    db.chmod(0o600)

    recip("partner", "add", "Joe's Plumbing", "--phone", "555 0100", "--email", "joe@x.test")
    recip("got", "joe", "--customer", "Mrs. Patel", "--contact", "555 0199")
    recip("thank", "joe")
    out = tmp_path / "out"
    out.mkdir()
    for args in (
        ["export", "--output", str(out / "backup.json")],
        ["export", "--format", "csv", "--output", str(out / "referrals.csv")],
        ["export", "--format", "vcf", "--output", str(out / "partners.vcf")],
        ["report", "--output", str(out / "week.html")],
        ["sheet", "--output", str(out / "sheet.html")],
        ["balance", "--output", str(out / "balance.md")],
        ["log", "--format", "csv", "--output", str(out / "log.csv")],
        ["db", "backup", str(out / "copy.db")],
    ):
        recip(*args)
    recip("balance")
    recip("today")

    [kept] = [name for name in _files(data) if ".before-upgrade-" in name]
    assert set(_files(data)) <= {"recip.db", "recip.db-wal", "recip.db-shm", kept}
    assert set(_files(out)) == {
        "backup.json",
        "referrals.csv",
        "partners.vcf",
        "week.html",
        "sheet.html",
        "balance.md",
        "log.csv",
        "copy.db",
    }
    for folder in (data, out):
        assert all(mode == 0o600 for mode in _files(folder).values()), _files(folder)
    assert _files(work) == {}
    assert _files(tmp_path / "home") == {}


def test_a_new_database_and_its_folder_are_private(recip, tmp_path, monkeypatch):
    # Only the default location gets its folder made (elsewhere a missing one is refused).
    monkeypatch.delenv("RECIP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new"))
    db = tmp_path / "new" / "reciprocity-cli" / "recip.db"
    recip("partner", "add", "Joe's Plumbing")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    for sidecar in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if sidecar.exists():
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


@pytest.mark.sqlite_only
def test_new_database_file_is_private(recip, db_path):
    recip("partner", "add", "Anyone")
    assert os.stat(db_path).st_mode & 0o777 == 0o600
