"""Tab completion as recip answers it: which names are offered (names.py), how the answer is
written for each shell (entry.py), what Typer adds (cli/complete.py), and the scripts
--show-completion gives. tests/test_completion_shells.py runs the scripts in real shells."""

import stat
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli import entry
from reciprocity_cli.cli import registry
from reciprocity_cli.cli.complete import script, use_recip_scripts
from reciprocity_cli.core.words import name_fold as fold
from reciprocity_cli.names import matching
from tests.helpers import ON_POSTGRES, sql

PROTOCOL_VARIABLES = (
    "_RECIP_COMPLETE",
    "_RECIP_COMPLETE_LINE",
    "_RECIP_COMPLETE_WORD",
    "_RECIP_COMPLETE_WORDS",
    "_TYPER_COMPLETE_ARGS",
    "_TYPER_COMPLETE_FISH_ACTION",
    "_TYPER_COMPLETE_WORD_TO_COMPLETE",
    "COMP_WORDS",
    "COMP_CWORD",
)


@pytest.fixture
def names(recip):
    for name in ("Acme Roofing", "Acorn Bakery", "Bayside Roofing", "Joe's Plumbing & Heating"):
        recip("partner", "add", name, "--force")
    recip("partner", "add", "Café Flore", "--force")
    recip("partner", "add", "City Taxi", "--force")
    recip("partner", "add", "Acme Old", "--force")
    recip("partner", "archive", "acme old")


def ask(monkeypatch, shell, line, text=None, *, protocol="data", fast=True, action="get-args"):
    """What recip answers when `shell` asks, `line` typed (up to the cursor). For bash,
    `text` is the end of the line readline replaces (default: after the last space)."""
    for name in PROTOCOL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("_RECIP_COMPLETE", f"{protocol}_{shell}")
    words, spans, _ = entry.split_line(line)
    if protocol == "data" and shell == "bash":
        monkeypatch.setenv("_RECIP_COMPLETE_LINE", line)
        monkeypatch.setenv(
            "_RECIP_COMPLETE_WORD", line.rsplit(" ", 1)[-1] if text is None else text
        )
    elif protocol == "data":
        monkeypatch.setenv("_RECIP_COMPLETE_WORDS", "\x1f".join(words[:-1]))
        monkeypatch.setenv("_RECIP_COMPLETE_WORD", words[-1])
    elif shell == "bash":  # Typer's script: bash's words as typed, one a line
        monkeypatch.setenv("COMP_WORDS", "\n".join(line[start:end] for start, end in spans))
        monkeypatch.setenv("COMP_CWORD", str(len(spans) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", action)
    return entry.answer(fast=fast)


# --- which names are offered -----------------------------------------------------------------


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
    assert matching("joes", ["Joe's Plumbing", "Joey Cabs"]) == ["Joe's Plumbing"]
    assert matching("", ["Tab\tName", "Fine"]) == ["Fine"]  # never a name no shell can take


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1), st.integers(0, 40))
def test_every_start_of_a_name_offers_it(raw, cut):
    name = " ".join(raw.split())
    if name:
        assert matching(name[:cut], [name]) == [name]
        assert matching(name.upper(), [name]) == [name] or fold(name.upper()) != fold(name)


def test_archived_partners_are_never_offered(names, monkeypatch):
    assert "Acme Old" not in ask(monkeypatch, "zsh", "recip give ")
    assert "Acme Old" not in ask(monkeypatch, "bash", "recip give acme\\ o", "acme\\ o")


def test_nothing_offered_without_a_database(monkeypatch, tmp_path):
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "missing.db"))
    assert ask(monkeypatch, "zsh", "recip give A") == "files"
    assert ask(monkeypatch, "bash", "recip give A") == ""
    assert not (tmp_path / "missing.db").exists()  # completion never creates the file


# --- how each shell is answered --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "reply"),
    [
        ("recip give jo", "jo", "Joe\\'s\\ Plumbing\\ \\&\\ Heating"),
        ('recip give "jo', "jo", "Joe's Plumbing & Heating"),  # readline adds the closing "
        ("recip give 'jo", "jo", "Joe'\\''s Plumbing & Heating"),
        ("recip give $'jo", "jo", "Joe\\'s Plumbing & Heating"),
        ("recip give Joe\\'s\\ P", "Joe\\'s\\ P", "Joe\\'s\\ Plumbing\\ \\&\\ Heating"),
        ("recip give cafe", "cafe", "Café\\ Flore"),
        ("recip give taxi", "taxi", "City\\ Taxi"),
        ("recip give ac", "ac", "Acme\\ Roofing\nAcorn\\ Bakery"),
        ("recip log --partner=ac", "ac", "Acme\\ Roofing\nAcorn\\ Bakery"),  # after the "="
        ("recip log -p ci", "ci", "City\\ Taxi"),
        ("recip partner merge Acme\\ Roofing ba", "ba", "Bayside\\ Roofing"),
        ("recip --db=x.db partner show ", "", None),  # another database: nothing there
        ("recip gi", "gi", "give"),
        ("recip give --cu", "--cu", "--customer"),
    ],
)
def test_bash_gets_each_name_quoted_for_the_quote_that_is_open(
    names, monkeypatch, tmp_path, line, text, reply
):
    monkeypatch.chdir(tmp_path)
    assert ask(monkeypatch, "bash", line, text) == (reply or "")


@pytest.mark.parametrize(
    ("name", "open_quote", "typed"),
    [
        ('The "Best" Bakery!', '"', 'The \\"Best\\" Bakery"\\!""'),  # the text closes it itself
        ("Rock 'n' Roll'", "'", "Rock '\\''n'\\'' Roll'\\'''"),
        ("Yahoo! Deli", None, "Yahoo\\!\\ Deli"),
        ("~tilde #1", None, "\\~tilde\\ \\#1"),
    ],
)
def test_a_completed_word_always_closes_its_quotes(name, open_quote, typed):
    assert entry.bash_quoted(name, open_quote) == typed


QUOTES = st.sampled_from([None, '"', "'", "$'"])
NAMES = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1)


@given(NAMES, QUOTES)
def test_bash_reads_back_exactly_the_name(name, quote):
    """The line readline leaves (the open quote, the quoted name, the closing quote unless
    the name closed it) is the name again, as one word."""
    typed = entry.bash_quoted(name, quote)
    closing = quote[-1] if quote and not typed.endswith(quote[-1]) else ""
    words, _, still_open = entry.split_line(f"recip give {quote or ''}{typed}{closing} ")
    assert words == ["recip", "give", name, ""] and still_open is None


@given(st.lists(NAMES, min_size=2, max_size=4, unique=True), QUOTES)
def test_what_several_names_start_with_never_ends_in_a_lone_backslash(names, quote):
    entries = entry._no_lone_backslash([entry.bash_quoted(n, quote) for n in names], quote)
    common = entry._common_start(entries)
    if quote in (None, '"'):
        assert (len(common) - len(common.rstrip("\\"))) % 2 == 0
    for original, written in zip(names, entries, strict=True):  # each still means its name
        closing = quote[-1] if quote and not written.endswith(quote[-1]) else ""
        assert entry.split_line(f"{quote or ''}{written}{closing}")[0] == [original]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_names_as_data_one_a_line(names, monkeypatch, shell):
    assert ask(monkeypatch, shell, "recip give jo") == "names\nJoe's Plumbing & Heating"
    assert ask(monkeypatch, shell, "recip give 'cafe") == "names\nCafé Flore"
    assert ask(monkeypatch, shell, "recip log --partner=ci") == "names\n--partner=City Taxi"
    assert ask(monkeypatch, shell, "recip give zzz") == "files"
    assert ask(monkeypatch, shell, "recip export --output ") == "files"


def test_commands_and_options_come_with_their_help(monkeypatch):
    assert ask(monkeypatch, "zsh", "recip gi").startswith("words\ngive:Record a referral")
    assert ask(monkeypatch, "fish", "recip give --cu").startswith("words\n--customer\t")
    assert ask(monkeypatch, "zsh", "recip db ").splitlines()[0] == "words"
    assert "got" not in ask(monkeypatch, "zsh", "recip gi")


def test_scripts_that_older_versions_installed_are_answered_safely(names, monkeypatch):
    """Typer's zsh script evaluates what it is sent: it gets no name, only the line that
    loads recip's own script and completes with it. Typer's bash script inserts what it is
    sent: it gets names quoted like recip's. Typer's fish script takes lines as data."""
    for line in ("recip give jo", "recip gi", "recip give --cu"):
        assert ask(monkeypatch, "zsh", line, protocol="complete") == entry.LEGACY_ZSH
    assert entry.LEGACY_ZSH == 'eval "$(_RECIP_COMPLETE=source_zsh recip)"; _recip_completion'
    bash = ask(monkeypatch, "bash", 'recip give "jo', protocol="complete")
    assert bash == "Joe's Plumbing & Heating"
    assert ask(monkeypatch, "bash", "recip give jo", protocol="complete") == (
        "Joe\\'s\\ Plumbing\\ \\&\\ Heating"
    )
    assert ask(monkeypatch, "bash", "recip gi", protocol="complete") == "give"
    fish = ask(monkeypatch, "fish", "recip give jo", protocol="complete")
    assert fish == "Joe's Plumbing & Heating"
    assert ask(monkeypatch, "fish", "recip give jo", protocol="complete", action="is-args") == 0
    assert ask(monkeypatch, "fish", "recip give zz", protocol="complete", action="is-args") == 1


def test_powershell_is_left_to_typer_but_for_partner_names(names, monkeypatch):
    monkeypatch.setenv("_RECIP_COMPLETE", "complete_powershell")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "recip give ac")
    monkeypatch.setenv("_TYPER_COMPLETE_WORD_TO_COMPLETE", "ac")
    assert entry.answer() == "Acme Roofing::: \nAcorn Bakery::: "
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "recip gi")
    monkeypatch.setenv("_TYPER_COMPLETE_WORD_TO_COMPLETE", "gi")
    assert entry.answer() is None


# --- the fast path in reciprocity_cli/entry.py, answered before Typer is imported ----------


@pytest.mark.parametrize(
    "line",
    [
        "recip give ",
        "recip give Ac",
        "recip got Bay",
        "recip partner merge Acme\\ Roofing Ba",
        "recip log --partner Ac",
        "recip log --partner=ac",
        "recip --db=x.db give A",
        "recip edit 3 --partner Jo",
        "recip thank cafe",
    ],
)
def test_fast_path_answers_exactly_like_typer(names, monkeypatch, tmp_path, line):
    if "--db=x.db" in line:
        if ON_POSTGRES:
            pytest.skip("copies the test's SQLite file")
        monkeypatch.chdir(tmp_path)
        (tmp_path / "x.db").write_bytes((tmp_path / "recip.db").read_bytes())
    asked = [("bash", "data"), ("zsh", "data"), ("fish", "data"), ("fish", "complete")]
    if "=" not in line:  # bash gives Typer's script "--db", "=" and "x.db" as three words
        asked.append(("bash", "complete"))
    for shell, protocol in asked:
        fast = ask(monkeypatch, shell, line, protocol=protocol)
        assert fast == ask(monkeypatch, shell, line, protocol=protocol, fast=False), shell
        assert fast and "Acme Old" not in fast


@pytest.mark.parametrize(
    "line",
    [
        "recip gi",
        "recip give --cu",
        "recip give joe --customer ",
        "recip give joe ",
        "recip partner add ",
        "recip partner ",
        "recip db ",
        "recip balance --tag ",
        "recip log --since=to",
    ],
)
def test_fast_path_leaves_everything_else_to_typer(line):
    words, _, _ = entry.split_line(line)
    assert entry.partner_slot(words[1:-1], words[-1]) == (False, None)


def _walk(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _walk(command, (*path, name))
        else:
            yield (*path, name), command


def test_fast_path_tables_match_the_app():
    """PARTNER_ARGUMENTS, PARTNER_OPTIONS and FLAGS say what the Typer app declares."""
    import typer

    from reciprocity_cli.cli import app
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
    assert entry.GROUPS == registry.GROUPS
    assert arguments == entry.PARTNER_ARGUMENTS
    assert options == {k: tuple(v) for k, v in entry.PARTNER_OPTIONS.items()}
    assert flags <= entry.FLAGS
    assert not (valued & entry.FLAGS)
    assert partner_names  # the Typer-side completion still exists for Typer's own path


# --- the scripts -----------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_and_install_completion_give_recips_scripts(monkeypatch, capsys, tmp_path, shell):
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    monkeypatch.setattr(sys, "argv", ["recip", "--show-completion", shell])
    with pytest.raises(SystemExit):
        entry.main()
    shown = capsys.readouterr().out.strip()
    assert shown == script(shell)
    assert f"data_{shell}" in shown and "eval " not in shown
    for name in ("_RECIP_COMPLETE", "_TYPER_COMPLETE_ARGS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "argv", ["recip", "--install-completion", shell])
    with pytest.raises(SystemExit):
        entry.main()
    installed = {"bash": ".bash_completions/recip.sh", "zsh": ".zfunc/_recip"}
    path = tmp_path / "home" / installed.get(shell, ".config/fish/completions/recip.fish")
    assert path.read_text().strip() == script(shell)
    monkeypatch.setenv("_RECIP_COMPLETE", f"source_{shell}")  # what Typer's old zsh script loads
    assert entry.answer() == script(shell)


def test_install_completion_is_offered(recip):
    use_recip_scripts()
    out = recip("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out


@pytest.mark.postgres
def test_completion_on_a_server_database_reads_the_names_cache(
    recip, postgres_database, monkeypatch, tmp_path
):
    """A shared server: names come from the private cache recip rewrites after each write,
    whichever way the URL is spelt, without a connection per Tab press."""
    from reciprocity_cli.names import cache_file

    monkeypatch.setenv("RECIP_DB", postgres_database)
    for name in ("Joe's Plumbing", "Joan's Bakery", "Acme Roofing"):
        recip("partner", "add", name)
    recip("partner", "archive", "joan")
    plain = postgres_database.replace("postgresql+psycopg://", "postgresql://")
    monkeypatch.setenv("RECIP_DB", plain)
    assert ask(monkeypatch, "bash", "recip give Jo") == "Joe\\'s\\ Plumbing"
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
    assert ask(monkeypatch, "zsh", "recip give Jo") == "names\nJoe's Plumbing"
    monkeypatch.delenv("_RECIP_COMPLETE")  # a command, not a Tab press
    recip("balance")
    assert ask(monkeypatch, "zsh", "recip give Jo") == "names\nJoe's Plumbing\nJoey's Taxis"
