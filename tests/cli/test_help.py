"""Every command explains itself, with an example."""

import re

import pytest
import typer
from typer._click.utils import make_default_short_help

from reciprocity_cli.cli import app
from reciprocity_cli.cli.registry import COMMANDS as REGISTRY


def _commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name)


COMMANDS = sorted(_commands(typer.main.get_command(app)))


def test_the_command_table_is_complete():
    assert (
        sorted(
            [
                ("balance",),
                ("config",),
                ("db", "check"),
                ("db", "path"),
                ("edit",),
                ("give",),
                ("got",),
                ("log",),
                ("partner", "add"),
                ("partner", "archive"),
                ("partner", "edit"),
                ("partner", "list"),
                ("partner", "merge"),
                ("partner", "rename"),
                ("partner", "show"),
                ("partner", "rm"),
                ("history",),
                ("rm",),
                ("undo",),
                ("won",),
                ("lost",),
                ("today",),
                ("who",),
                ("thank",),
                ("touch",),
                ("report",),
                ("export",),
                ("import",),
                ("db", "backup"),
                ("db", "restore"),
                ("sheet",),
                ("calendar",),
                ("off",),
                ("followup",),
                ("scorecard",),
            ]
        )
        == COMMANDS
    )


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(recip, path):
    out = recip(*path, "--help").stdout
    assert "Usage: recip " + " ".join(path) in out
    summary = out.split("\n\n")[1].strip()
    assert len(summary) > 15
    assert "Example" in out
    assert f"recip {' '.join(path)}" in out.split("Example", 1)[1]


def test_plain_recip_greets_a_new_user(recip):
    out = recip().stdout
    assert out.startswith("Welcome to recip")
    assert 'recip partner add "Joe\'s Plumbing"' in out and "recip give" in out


def test_version(recip):
    assert recip("--version").stdout.startswith("recip 0.")


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        (["help"], ["--help"]),
        (["help", "give"], ["give", "--help"]),
        (["help", "partner"], ["partner", "--help"]),
        (["help", "partner", "add"], ["partner", "add", "--help"]),
        (["--db", "elsewhere.db", "help", "log"], ["log", "--help"]),
        (["version"], ["--version"]),
        (["--db", "elsewhere.db", "version"], ["--version"]),
    ],
)
def test_help_and_version_as_commands(recip, typed, same_as):
    out = recip(*typed).stdout
    assert out == recip(*same_as).stdout
    assert out.startswith(("Usage: recip", "recip 0."))


def test_help_for_a_command_that_does_not_exist(recip):
    assert recip.fails("help", "frobnicate", code=2) == (
        "Error: No such command 'frobnicate'. (see 'recip --help')"
    )


def test_help_and_version_are_commands_only_in_the_commands_place(recip, partners):
    """A partner may be called Help: only the first word after the global options counts."""
    recip("partner", "add", "Help")
    assert recip("give", "help").stdout.startswith("Recorded #1: given to Help")


@pytest.mark.parametrize("name", list(REGISTRY))
def test_the_registry_summary_is_the_commands_own(name):
    """`recip --help` lists summaries from cli/registry.py without importing the commands;
    each must say what the command's own help says, at every width click shortens to."""
    command = typer.main.get_command(app).commands[name]
    for limit in (30, 45, 66, 200):
        assert make_default_short_help(REGISTRY[name].summary, limit) == (
            command.get_short_help_str(limit)
        )


@pytest.mark.parametrize("group", ["partner", "db"])
def test_a_group_lists_each_command_as_its_own_help_begins(group):
    """`recip partner --help` and Tab list the commands of a group without building them,
    from their docstrings: the summary must be the one each command's help gives."""
    built = typer.main.get_command(app).commands[group]
    for name, text in built.commands.helps.items():
        for limit in (30, 45, 66, 200):
            assert make_default_short_help(text, limit) == (
                built.commands[name].get_short_help_str(limit)
            )


def test_a_group_builds_only_the_command_used(recip, monkeypatch):
    built = []
    build = typer.main.get_command_from_info

    def counted(info, **options):
        built.append(info.name)
        return build(info, **options)

    monkeypatch.setattr(typer.main, "get_command_from_info", counted)
    assert "Rename a partner" in recip("partner", "--help").stdout
    assert built == []
    recip("partner", "add", "Harbor View")
    assert built == ["add"]


def test_root_help_lists_every_command_with_its_summary(recip):
    out = recip("--help").stdout
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(REGISTRY)
    # The summary column starts after the longest command name, wherever that is.
    give = "Record a referral you gave: a customer you sent to a partner."
    assert re.search(rf"^  give +{re.escape(give)}$", out, re.M)
    assert re.search(r"^  edit +Correct an entry\.$", out, re.M)  # click stops at the sentence


def test_a_mistyped_command_still_gets_a_suggestion(recip):
    assert recip.fails("balanse", code=2) == (
        "Error: No such command 'balanse'. Did you mean 'balance'?"
    )
    assert recip.fails("frobnicate", code=2) == (
        "Error: No such command 'frobnicate'. (see 'recip --help')"
    )


def _option_help() -> dict[str, dict[str, str]]:
    """Each option's help text, by option and command path."""
    found: dict[str, dict[str, str]] = {}
    for path in COMMANDS:
        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]
        for param in command.params:
            if param.param_type_name == "option":
                found.setdefault(param.opts[0], {})[" ".join(path)] = param.help
    return found


@pytest.mark.parametrize(
    ("option", "commands"),
    [
        ("--since", {"log", "balance", "report", "scorecard"}),
        ("--until", {"log", "balance", "report", "scorecard"}),
        ("--json", {"log", "balance", "report", "partner show", "followup", "scorecard"}),
        ("--json", {"today", "who", "config"}),  # no --format to be the same as
        (
            "--output",
            {
                "log",
                "balance",
                "report",
                "sheet",
                "export",
                "partner list",
                "calendar",
                "followup",
                "scorecard",
            },
        ),
        ("--yes", {"rm", "undo", "partner merge"}),
        ("--kind", {"balance", "sheet", "partner list", "scorecard"}),
        ("--tag", {"balance", "sheet", "partner list", "scorecard"}),
        ("--by", {"give", "got", "thank", "touch"}),  # edit has no default to name
        ("--customer", {"give", "got", "edit"}),
        ("--value", {"give", "got", "edit"}),
        ("--cost", {"thank", "touch", "edit"}),
        ("--direction", {"log", "edit", "followup"}),
    ],
)
def test_an_option_shared_by_commands_has_one_help_text(option, commands):
    """Declared once in cli/common.py (or once per module), so help cannot drift."""
    helps = _option_help()[option]
    assert commands <= set(helps)
    assert len({helps[command] for command in commands}) == 1, helps


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_speaks_the_users_words_not_the_codes(recip, path):
    """No Python type labels (<str>, <int range>, <list[str]>), no braces in the usage
    line, no --json pointing at a --format the command does not have, and no default
    claimed by a command that has none (edit changes only what it is given)."""
    out = recip(*path, "--help").stdout
    assert not re.search(r"<[a-z][a-z \[\]]*>", out), out
    assert "{" not in out.splitlines()[0]
    if "--json" in out and "--format" not in out:
        assert "Same as --format" not in out
    if path == ("edit",):
        assert "default" not in out.lower()
