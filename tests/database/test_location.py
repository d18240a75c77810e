"""Where the database is: the platform's data folder, RECIP_DB or --db; a SQLite path or a
server URL, which is never shown with its password."""

import json

import pytest

from reciprocity_cli.db import Database
from reciprocity_cli.errors import RecipError
from reciprocity_cli.location import locate


class TestWhere:
    def test_default_is_the_platform_data_dir(self, recip, monkeypatch, tmp_path):
        monkeypatch.delenv("RECIP_DB")
        expected = tmp_path / "home" / "data" / "reciprocity-cli" / "recip.db"
        assert recip("db", "path").stdout.strip() == str(expected)
        recip("partner", "add", "Joe")
        assert expected.exists()

    def test_env_then_option(self, recip, tmp_path, db_path):
        shown = recip("db", "path").stdout.strip()
        assert shown == Database(locate(str(db_path))).location.display()
        other = tmp_path / "other.db"
        assert recip("--db", str(other), "db", "path").stdout.strip() == str(other)
        recip("--db", str(other), "partner", "add", "Only Here")
        assert recip.json("partner", "list") == []
        assert recip.json("--db", str(other), "partner", "list")[0]["name"] == "Only Here"

    def test_sqlite_url_and_relative_path(self, recip, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        assert recip("--db", "shop.db", "db", "path").stdout.strip() == str(tmp_path / "shop.db")
        url = f"sqlite:///{tmp_path}/url.db"
        assert recip("--db", url, "db", "path").stdout.strip() == str(tmp_path / "url.db")

    def test_server_url_never_shows_the_password(self, recip):
        url = "postgresql+psycopg://sam:s3cret@db.example:5432/recip"
        shown = recip("--db", url, "db", "path").stdout.strip()
        assert shown == "postgresql+psycopg://sam:***@db.example:5432/recip"


@pytest.mark.sqlite_only
class TestANewDatabase:
    """A typo in --db or RECIP_DB must not pass for data that is gone: recip says when it
    creates a database, once, and makes no folder but the default one."""

    def test_creating_one_says_so_once_on_stderr(self, recip, tmp_path, monkeypatch):
        typo = tmp_path / "recpi.db"
        monkeypatch.setenv("RECIP_DB", str(typo))
        first = recip("partner", "list", "--json")
        assert json.loads(first.stdout) == []  # stdout stays clean for scripts and pipes
        assert first.stderr == f"Note: Created a new database at {typo}.\n"
        assert typo.exists()
        again = recip("partner", "list", "--json")
        assert (again.stdout, again.stderr) == (first.stdout, "")

    @pytest.mark.parametrize("spelling", ["path", "url", "relative"])
    def test_every_spelling_of_db_names_the_file(self, recip, tmp_path, monkeypatch, spelling):
        monkeypatch.chdir(tmp_path)
        new = tmp_path / "shop.db"
        given = {"path": str(new), "url": f"sqlite:///{new}", "relative": "shop.db"}[spelling]
        result = recip("--db", given, "balance")
        assert result.stderr == f"Note: Created a new database at {new}.\n"
        assert recip("--db", given, "balance").stderr == ""

    def test_a_command_that_fails_still_says_it_made_one(self, recip, tmp_path):
        new = tmp_path / "new.db"
        result = recip("--db", str(new), "give", "nobody", code=1)
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"Note: Created a new database at {new}.",
            'Error: No partner matches "nobody". Add it with: recip partner add nobody',
        ]
        assert new.exists()  # the note is true: the next command finds it

    @pytest.mark.parametrize("how", ["--db", "RECIP_DB", "url"])
    def test_a_missing_folder_is_refused(self, recip, tmp_path, monkeypatch, how):
        typo = tmp_path / "Dropbx" / "shop" / "recip.db"
        if how == "RECIP_DB":
            monkeypatch.setenv("RECIP_DB", str(typo))
            args = ["balance"]
        else:
            args = ["--db", f"sqlite:///{typo}" if how == "url" else str(typo), "balance"]
        assert recip.fails(*args) == (
            f"Error: Cannot create the database {typo}: the folder {typo.parent} does not "
            "exist. Check the path in --db or RECIP_DB, or create the folder first."
        )
        assert not (tmp_path / "Dropbx").exists()  # nothing made, not even the folder

    def test_the_default_location_gets_its_folder(self, recip, tmp_path, monkeypatch):
        monkeypatch.delenv("RECIP_DB")
        default = tmp_path / "home" / "data" / "reciprocity-cli" / "recip.db"
        assert not default.parent.exists()
        result = recip("partner", "add", "Joe")
        assert result.stderr == f"Note: Created a new database at {default}.\n"
        assert default.exists()
        assert recip("partner", "add", "Ann").stderr == ""


@pytest.mark.postgres
def test_a_new_server_database_needs_no_note(recip, postgres_database):
    """A server database is not a file recip creates: its first use sets up the tables
    quietly, as before."""
    result = recip("--db", postgres_database, "partner", "list", "--json")
    assert (result.stdout, result.stderr) == ("[]\n", "")


def test_unreadable_server_urls_are_one_line():
    with pytest.raises(RecipError, match="is not a database URL recip can read") as caught:
        locate("postgresql://sam:s3cret@db:54x/recip")
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+nosuchdriver://u:p@127.0.0.1:1/x", "is not a database recip can use"),
        ("bogus://x", "is not a database recip can use"),
        ("", "--db is empty"),
    ],
)
def test_unusable_database_urls(recip, url, message):
    assert message in recip.fails("--db", url, "log")


def test_postgres_urls_use_psycopg():
    assert locate("postgresql://sam@db/recip").url == "postgresql+psycopg://sam@db/recip"
    assert locate("postgres://sam@db/recip").url == "postgresql+psycopg://sam@db/recip"


def test_locate_prefers_option_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "env.db"))
    assert locate(None).path == tmp_path / "env.db"
    assert locate(str(tmp_path / "opt.db")).path == tmp_path / "opt.db"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_sqlite_has_no_file(url):
    assert locate(url).path is None


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://sam@db.example/recip?sslpassword=S3CRET&sslmode=require",
        "postgresql://sam@db.example/recip?password=S3CRET",
        "postgresql://sam@db.example/recip?PGPASSWORD=S3CRET",
        "postgresql://sam@db.example/recip?client_secret=S3CRET",
    ],
)
def test_every_secret_parameter_is_hidden(recip, url):
    shown = recip("--db", url, "db", "path").stdout.strip()
    assert "S3CRET" not in shown and "=***" in shown
    assert shown.startswith("postgresql+psycopg://sam@db.example/recip?")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://recip:my?Secret99@127.0.0.1:5432x/recip",
        "postgresql://recip:my/Secret99@127.0.0.1:54x/recip",
        "postgresql://recip:my#Secret99@127.0.0.1:54x/recip",
        "postgresql://recip:my@Secret99@127.0.0.1:54x/recip",
    ],
)
def test_a_url_that_cannot_be_read_shows_its_scheme_and_host_only(recip, url):
    line = recip.fails("--db", url, "balance")
    assert "Secret99" not in line and "recip:my" not in line
    assert "postgresql+psycopg://***@127.0.0.1:54" in line


def test_the_names_cache_is_named_by_the_database_never_a_secret(monkeypatch, tmp_path):
    from reciprocity_cli.names import cache_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    spellings = [
        "postgresql://sam@db.example/recip",
        "postgresql://sam:one@db.example:5432/recip",
        "postgres://sam@db.example/recip?password=two",
        "postgresql+psycopg://sam:three@db.example/recip?sslmode=require",
        "postgresql:///recip?host=db.example&user=sam&password=four",
    ]
    assert len({cache_file(url) for url in spellings}) == 1
    others = ["postgresql://sam@db.example/other", "postgresql://ann@db.example/recip"]
    assert cache_file(spellings[0]) not in {cache_file(url) for url in others}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("x" * 300, "a name over 255 bytes long"),
        ("é" * 200 + ".db", "a name over 255 bytes long"),  # 400 bytes in UTF-8
        ("~nosuchuser-recip/recip.db", 'Cannot find the home folder in "~nosuchuser-recip'),
        ("sqlite:///~nosuchuser-recip/x.db", "Cannot find the home folder"),
    ],
)
def test_database_paths_the_system_cannot_open_are_one_line(recip, monkeypatch, path, message):
    monkeypatch.setenv("RECIP_DB", path)
    assert message in recip.fails("balance")
