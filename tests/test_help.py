"""Every command explains itself, with an example."""

import pytest
import typer

from reciprocity_cli.cli import app


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
