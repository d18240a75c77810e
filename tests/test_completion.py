"""Tab completion through Typer's completion protocol: commands, options, partner names."""

import pytest
from typer.testing import CliRunner

from reciprocity_cli.cli import app


@pytest.fixture
def names(recip):
    for name in ("Acme Roofing", "Acorn Bakery", "Bayside Roofing", "Joe's Plumbing"):
        recip("partner", "add", name, "--force")
    recip("partner", "add", "Acme Old", "--force")
    recip("partner", "archive", "acme old")


def complete(words: str, monkeypatch) -> str:
    """What zsh would be offered after typing `words` and pressing Tab."""
    monkeypatch.setenv("_RECIP_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
    result = CliRunner().invoke(app, [], prog_name="recip")
    return result.stdout


@pytest.mark.parametrize(
    ("words", "offered", "not_offered"),
    [
        (
            "recip give ",
            ["Acme Roofing", "Acorn Bakery", "Bayside Roofing", "Joe''s Plumbing"],
            ["Acme Old"],
        ),
        ("recip give Ac", ["Acme Roofing", "Acorn Bakery"], ["Bayside", "Acme Old"]),
        ("recip got Bay", ["Bayside Roofing"], ["Acme"]),
        ("recip thank Jo", ["Joe''s Plumbing"], ["Acme"]),
        ("recip partner show Acm", ["Acme Roofing"], ["Acorn", "Acme Old"]),
        ("recip partner merge Acme\\ Roofing Ba", ["Bayside Roofing"], ["Acme"]),
        ("recip log --partner Ac", ["Acme Roofing", "Acorn Bakery"], ["Bayside"]),
    ],
)
def test_partner_names(names, monkeypatch, words, offered, not_offered):
    out = complete(words, monkeypatch)
    for name in offered:
        assert f'"{name}"' in out
    for name in not_offered:
        assert name not in out


def test_command_names_and_options(monkeypatch):
    out = complete("recip gi", monkeypatch)
    assert '"give"' in out and "got" not in out
    out = complete("recip give --cu", monkeypatch)
    assert '"--customer"' in out


def test_nothing_offered_without_a_database(monkeypatch, tmp_path):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "missing.db"))
    assert "Acme" not in complete("recip give A", monkeypatch)
    assert not (tmp_path / "missing.db").exists()  # completion never creates the file


def test_install_completion_is_offered(recip):
    out = recip("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out
