"""Every command explains itself, with an example."""

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
                ("rm",),
                ("undo",),
                ("today",),
                ("who",),
                ("thank",),
                ("touch",),
                ("report",),
                ("export",),
                ("import",),
                ("db", "backup"),
                ("sheet",),
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


@pytest.mark.parametrize("name", list(REGISTRY))
def test_the_registry_summary_is_the_commands_own(name):
    """`recip --help` lists summaries from cli/registry.py without importing the commands;
    each must say what the command's own help says, at every width click shortens to."""
    command = typer.main.get_command(app).commands[name]
    for limit in (30, 45, 66, 200):
        assert make_default_short_help(REGISTRY[name].summary, limit) == (
            command.get_short_help_str(limit)
        )


def test_root_help_lists_every_command_with_its_summary(recip):
    out = recip("--help").stdout
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(REGISTRY)
    assert "  give     Record a referral you gave: a customer you sent to a partner.\n" in out
    assert "  edit     Correct an entry.\n" in out  # click stops at the first sentence


def test_a_mistyped_command_still_gets_a_suggestion(recip):
    result = recip("balanse", code=2)
    assert "No such command 'balanse'. Did you mean 'balance'?" in result.stderr
