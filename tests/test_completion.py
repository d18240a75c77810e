"""Tab completion through Typer's completion protocol: commands, options, partner names."""

import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from reciprocity_cli.cli import app
from reciprocity_cli.names import fold, matching
from tests.helpers import ON_POSTGRES, sql


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


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("", ["Acme Roofing", "Café Flore", "City Taxi", "Joe's Plumbing"]),
        ("ac", ["Acme Roofing"]),
        ("ACME r", ["Acme Roofing"]),
        ("acme  ro", ["Acme Roofing"]),  # spaces typed twice
        ("cafe", ["Café Flore"]),  # accents ignored
        ("CAFÉ", ["Café Flore"]),
        ("flo", ["Café Flore"]),  # the start of any word...
        ("taxi", ["City Taxi"]),
        ("roof", ["Acme Roofing"]),
        ("c", ["Café Flore", "City Taxi"]),  # ...but names that start with it come first
        ("s", []),  # "Joe's" is one word
        ("acme x", []),
    ],
)
def test_names_offered_are_those_give_would_accept(typed, offered):
    names = ["Acme Roofing", "Café Flore", "City Taxi", "Joe's Plumbing"]
    assert matching(typed, names) == offered


def test_folding_reads_letters_as_the_resolver_does():
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Ｃａｆé") == "cafe"  # full width letters, a combining accent
    assert matching("harbor ", ["Harbor View", "Harborside"]) == ["Harbor View"]
    assert matching("", ["Tab\tName", "Fine"]) == ["Fine"]  # never a name no shell can take


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1), st.integers(0, 40))
def test_every_start_of_a_name_offers_it(raw, cut):
    name = " ".join(raw.split())
    if name:
        assert matching(name[:cut], [name]) == [name]
        assert matching(name.upper(), [name]) == [name] or fold(name.upper()) != fold(name)


def test_the_fast_path_offers_names_ignoring_case_accents_and_word_starts(recip, monkeypatch):
    from reciprocity_cli import entry

    for name in ("Café Flore", "City Taxi"):
        recip("partner", "add", name)
    monkeypatch.setenv("_RECIP_COMPLETE", "complete_fish")
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    for typed, offered in (("cafe", "Café Flore"), ("taxi", "City Taxi"), ("CITY", "City Taxi")):
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", f"recip give {typed}")
        assert entry.answer() == offered


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


# --- the fast path in reciprocity_cli/entry.py, answered before Typer is imported ----------

SHELL_ENV = {
    "zsh": lambda words: {"_RECIP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words},
    "fish": lambda words: {
        "_RECIP_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    },
    "bash": lambda words: {
        "_RECIP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(shlex.split(words)) - (0 if words.endswith(" ") else 1)),
    },
}


@pytest.mark.parametrize("shell", sorted(SHELL_ENV))
@pytest.mark.parametrize(
    "words",
    [
        "recip give ",
        "recip give Ac",
        "recip got Bay",
        "recip partner merge Acme\\ Roofing Ba",
        "recip log --partner Ac",
        "recip --db=x.db give A",
        "recip edit 3 --partner Jo",
    ],
)
def test_fast_path_answers_exactly_like_typer(names, monkeypatch, tmp_path, shell, words):
    from reciprocity_cli import entry

    if "--db=x.db" in words:
        if ON_POSTGRES:
            pytest.skip("copies the test's SQLite file")
        monkeypatch.chdir(tmp_path)
        (tmp_path / "x.db").write_bytes((tmp_path / "recip.db").read_bytes())
    for key, value in SHELL_ENV[shell](words).items():
        monkeypatch.setenv(key, value)
    fast = entry.answer()
    assert fast is not None, "the fast path should have answered"
    typer_says = CliRunner().invoke(app, [], prog_name="recip").stdout
    assert fast.strip() == typer_says.strip()
    assert "Acme Old" not in fast


@pytest.mark.parametrize(
    "words",
    [
        "recip gi",
        "recip give --cu",
        "recip give joe --customer ",
        "recip give joe ",
        "recip partner add ",
        "recip partner ",
        "recip db ",
        "recip balance --tag ",
    ],
)
def test_fast_path_leaves_everything_else_to_typer(names, monkeypatch, words):
    from reciprocity_cli import entry

    monkeypatch.setenv("_RECIP_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
    assert entry.answer() is None


def test_fast_path_is_case_insensitive_and_fish_asks_first(names, monkeypatch):
    from reciprocity_cli import entry

    monkeypatch.setenv("_RECIP_COMPLETE", "complete_fish")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "recip give acm")
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    assert entry.answer() == "Acme Roofing"
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "is-args")
    assert entry.answer() == 0
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "recip give zzz")
    assert entry.answer() == 1


def _walk(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _walk(command, (*path, name))
        else:
            yield (*path, name), command


def test_fast_path_tables_match_the_app():
    """PARTNER_ARGUMENTS, PARTNER_OPTIONS and FLAGS say what the Typer app declares."""
    import typer

    from reciprocity_cli import entry
    from reciprocity_cli.cli.complete import partner_names

    root = typer.main.get_command(app)
    arguments, options, flags, valued = {}, {}, set(), set()
    for param in root.params:
        (flags if param.is_flag else valued).update(param.opts)
    for path, command in _walk(root):
        for param in command.params:
            completes_partners = getattr(param, "_custom_shell_complete", None) is not None
            if param.param_type_name == "argument" and completes_partners:
                arguments[path] = arguments.get(path, 0) + 1
            if param.param_type_name == "option":
                (flags if param.is_flag else valued).update(param.opts)
                if completes_partners:
                    options[path] = tuple(param.opts)
    assert arguments == entry.PARTNER_ARGUMENTS
    assert options == {k: tuple(v) for k, v in entry.PARTNER_OPTIONS.items()}
    assert flags <= entry.FLAGS
    assert not (valued & entry.FLAGS)
    assert partner_names  # the Typer-side completion still exists for Typer's own path


@pytest.mark.postgres
def test_completion_on_a_server_database_reads_the_names_cache(
    recip, postgres_database, monkeypatch, tmp_path
):
    """A shared server: names come from the private cache recip rewrites after each write,
    whichever way the URL is spelt, without a connection per Tab press."""
    import stat

    from reciprocity_cli import entry
    from reciprocity_cli.names import cache_file

    monkeypatch.setenv("RECIP_DB", postgres_database)
    for name in ("Joe's Plumbing", "Joan's Bakery", "Acme Roofing"):
        recip("partner", "add", name)
    recip("partner", "archive", "joan")
    plain = postgres_database.replace("postgresql+psycopg://", "postgresql://")
    for key, value in SHELL_ENV["bash"]("recip give Jo").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("RECIP_DB", plain)
    assert entry.answer() == "Joe's Plumbing"
    cache = cache_file(plain)
    assert cache.read_text() == "Acme Roofing\nJoe's Plumbing\n"  # names, and only names
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert cache.is_relative_to(tmp_path)  # the test's own cache folder
    # A colleague adds a partner; any command of ours (a read) brings the list up to date.
    sql(
        postgres_database,
        "INSERT INTO partner (name, name_key, kind, archived, created_at,"
        " updated_at) VALUES ('Joey''s Taxis', 'joey''s taxis', 'other', false, now(), now())",
    )
    assert entry.answer() == "Joe's Plumbing"
    monkeypatch.delenv("_RECIP_COMPLETE")  # a command, not a Tab press
    recip("balance")
    monkeypatch.setenv("_RECIP_COMPLETE", "complete_bash")
    assert entry.answer() == "Joe's Plumbing\nJoey's Taxis"
