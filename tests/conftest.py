"""Every test gets its own database file and a pinned calendar; no test touches real user data."""

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reciprocity_cli.cli import app

TODAY = "2026-11-23"  # a Monday


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "recip.db"))
    monkeypatch.setenv("RECIP_TODAY", TODAY)
    monkeypatch.setenv("RECIP_ME", "tester")
    monkeypatch.setenv("RECIP_DEBUG", "1")  # a bug raises instead of printing one polite line
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    # platformdirs must never be consulted: point HOME somewhere harmless anyway.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "recip.db"


class Recip:
    """Runs the real CLI in process and checks the exit code."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0, input: str | None = None):
        result = self.runner.invoke(app, list(args), input=input)
        if result.exit_code != code:
            raise AssertionError(
                f"recip {' '.join(args)} exited {result.exit_code}, expected {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n"
                f"exception: {result.exception!r}"
            ) from result.exception
        return result

    def json(self, *args: str):
        return json.loads(self(*args, "--json").stdout)

    def fails(self, *args: str, code: int = 1, input: str | None = None) -> str:
        """Run a command that must fail; return its single stderr line."""
        result = self(*args, code=code, input=input)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
        assert "Traceback" not in result.output
        return lines[0]


@pytest.fixture
def recip() -> Recip:
    return Recip()


@pytest.fixture
def partners(recip):
    """Three partners, as a shop owner would add them."""
    recip(
        "partner",
        "add",
        "Joe's Plumbing",
        "--does",
        "emergency plumbing, boilers",
        "--phone",
        "555 0100",
        "--tag",
        "trades",
    )
    recip(
        "partner",
        "add",
        "Harbor View Hotel",
        "--does",
        "hotel, 40 rooms",
        "--phone",
        "555 0200",
        "--kind",
        "networking",
    )
    recip("partner", "add", "Acme Roofing", "--does", "roofs, gutters", "--tag", "trades")
    return ["Joe's Plumbing", "Harbor View Hotel", "Acme Roofing"]


def table_dump(path: Path) -> list:
    """Every row of every table, to prove a failed command changed nothing."""
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return [
            (t, sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
            for t in sorted(tables)
        ]
