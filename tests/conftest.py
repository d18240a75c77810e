"""Every test gets its own database and a pinned calendar; no test touches real user data.

The suite runs on SQLite (the default) or, with RECIP_TEST_BACKEND=postgresql, on a
PostgreSQL server: RECIP_TEST_POSTGRES is a URL the tests may create databases with, one
per test (.ci/postgres starts a throwaway server and prints it). Tests about SQLite files
themselves (bytes, permissions, WAL) are marked sqlite_only and skipped there.

Where tests live: tests/ mirrors src/reciprocity_cli/. core/ checks the rules on the core's
own functions; cli/ drives the real CLI, a file per command area (and help, and any text in
any option of any command); render/ is output: formats, files, what a terminal is shown;
database/ is the database itself: location, setup, migrations, broken files and servers,
crashes, concurrency, permissions, privacy. At the top: test_completion.py and
test_entrypoint.py are names.py (with cli/complete.py) and entry.py; test_readme.py checks
README.md's sessions (readme_examples.py, beside it, re-runs them).

How they are imported: every folder under tests/ has an __init__.py, so with pytest's
default import mode each test file is a module of the `tests` package (tests.cli.test_balance
and tests.core.test_balance can share a basename) and the repository root, not tests/, is
on sys.path. So nothing imports `conftest` or another test module: fixtures live here, and
everything else tests share lives in tests/helpers.py (`from tests.helpers import sql`).
A new folder of tests needs an empty __init__.py of its own.
"""

import json
import os

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from reciprocity_cli.cli import app
from tests.helpers import ON_POSTGRES, POSTGRES, TODAY, new_postgres_database

# In CI the property tests draw the same examples on every run, so a red run is the change's
# fault and reproduces; anywhere else they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: about SQLite files; skipped on PostgreSQL")
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server (RECIP_TEST_POSTGRES)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if ON_POSTGRES and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="about SQLite files; not run on PostgreSQL"))
        if item.get_closest_marker("postgres") and not POSTGRES:
            item.add_marker(
                pytest.mark.skip(
                    reason="no PostgreSQL server: set RECIP_TEST_POSTGRES to a server URL "
                    "(.ci/postgres start DIR starts a throwaway one)"
                )
            )


@pytest.fixture
def postgres_database(request):
    """A PostgreSQL database for one test (the test's own one when the suite runs there).
    Empty; but when it is the test's own and the test uses `recip`, a copy of the session's
    database at HEAD, as the `recip` fixture makes one on SQLite."""
    template = None
    if ON_POSTGRES and "recip" in request.fixturenames:
        template = request.getfixturevalue("postgres_at_head")
    with new_postgres_database(template) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_at_head():
    """The name of a database set up once per run by recip itself, at the HEAD revision, to
    copy (CREATE DATABASE ... TEMPLATE): running every migration for each test costs more
    than the test. Dropped at the end of the run, pass or fail."""
    from reciprocity_cli.db import Database
    from reciprocity_cli.location import locate

    with new_postgres_database(prefix="recip_template") as url:
        # Not close(): that also writes the names cache for Tab completion, in the real
        # user's cache folder at this point. A template must have no one connected to it.
        Database(locate(url)).engine.dispose()
        yield url.rsplit("/", 1)[1]


@pytest.fixture
def another_database(tmp_path):
    """A second, empty database on the same engine as the test's own: a path or a URL."""
    if not ON_POSTGRES:
        yield tmp_path / "another.db"
        return
    with new_postgres_database() as url:
        yield url


@pytest.fixture(autouse=True)
def isolated(request, tmp_path, monkeypatch):
    """The database every test uses: a file in tmp_path, or a new PostgreSQL database."""
    database = (
        request.getfixturevalue("postgres_database") if ON_POSTGRES else tmp_path / "recip.db"
    )
    monkeypatch.setenv("RECIP_DB", str(database))
    monkeypatch.setenv("RECIP_TODAY", TODAY)
    monkeypatch.setenv("RECIP_ME", "tester")
    monkeypatch.setenv("RECIP_DEBUG", "1")  # a bug raises instead of printing one polite line
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    # platformdirs must never be consulted: point HOME somewhere harmless anyway.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))
    return database


@pytest.fixture
def db_path(isolated):
    """The test's database: a Path on SQLite, a URL string on PostgreSQL."""
    return isolated


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

    def declined(self, *args: str, input: str | None = "n\n") -> str:
        """Run a command whose question is answered no (or not at all); return what it said
        after the question. Nothing goes to stdout: the question is asked on stderr."""
        result = self(*args, code=1, input=input)
        question, said = result.stderr.rstrip("\n").split("\n")
        assert question.endswith("[y/N]: ") and result.stdout == ""
        return said

    def fails(self, *args: str, code: int = 1, input: str | None = None) -> str:
        """Run a command that must fail; return its single stderr line."""
        result = self(*args, code=code, input=input)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
        assert "Traceback" not in result.output
        return lines[0]


@pytest.fixture
def recip(isolated) -> Recip:
    """The CLI, on the test's database, which is at HEAD before the test begins. The SQLite
    file is created here: the command that creates one says so on stderr
    (tests/database/test_setup.py checks that note on paths of its own), and a test's first
    command must print only its own. A PostgreSQL one is a copy (see postgres_database)."""
    if not ON_POSTGRES:
        from reciprocity_cli.db import Database
        from reciprocity_cli.location import locate

        Database(locate(str(isolated))).close()
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


@pytest.fixture
def joe(recip):
    """One partner, Joe's Plumbing, and one referral given to it."""
    recip("partner", "add", "Joe's Plumbing", "--phone", "555 0100")
    recip("give", "joe")
