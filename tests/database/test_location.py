"""Where the database is: the platform's data folder, RECIP_DB or --db; a SQLite path or a
server URL, which is never shown with its password."""

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
