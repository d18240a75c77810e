"""The command table, loaded lazily: a command's module is imported, and its parameters
built, only when that command runs or its own help is shown. `recip --help` and a typo'd
command name then cost little more than importing Typer (issue 5). The groups (`partner`,
`db`) are built the same way: `recip partner show` builds `show` alone.

Each row: name, the module under reciprocity_cli.cli, the function (or sub-app) in it, and
the summary `recip --help` lists. tests/test_help.py checks each summary against the
command's own docstring, so the two cannot drift apart."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, NamedTuple

from typer._click import Command
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

if TYPE_CHECKING:
    import typer


class Entry(NamedTuple):
    module: str
    attribute: str
    summary: str


COMMANDS: dict[str, Entry] = {
    "give": Entry(
        "entries", "give", "Record a referral you gave: a customer you sent to a partner."
    ),
    "got": Entry(
        "entries", "got", "Record a referral you received: a customer a partner sent to you."
    ),
    "log": Entry("log", "log", "List referrals, newest first, with the ids that edit and rm take."),
    "edit": Entry("entries", "edit", 'Correct an entry. An empty value ("") clears a field.'),
    "rm": Entry("entries", "rm", "Delete an entry (asks first)."),
    "undo": Entry(
        "history", "undo", "Take back your last change, whatever it was (asks first), or change N."
    ),
    "history": Entry(
        "history",
        "history",
        "List the changes made to the data, newest first: who, when, the command, what it did.",
    ),
    "won": Entry(
        "outcomes", "won", "Mark a referral won: the customer was helped, the business done."
    ),
    "lost": Entry("outcomes", "lost", "Mark a referral lost: it came to nothing."),
    "balance": Entry(
        "balance",
        "balance",
        "Per-partner balance: given, got, net (got - given), share and status.",
    ),
    "today": Entry(
        "daily",
        "today",
        'The "refer one partner today" checklist: who to refer, the streak, what is due.',
    ),
    "who": Entry(
        "daily",
        "who",
        "Find partners who do something: the one you owe most first, with their phone.",
    ),
    "thank": Entry(
        "daily", "thank", "Record a thank-you (or a gift) and mark the referral as thanked."
    ),
    "touch": Entry(
        "daily",
        "touch",
        "Record a gesture that is not a referral: a meeting, a joint promotion, a gift.",
    ),
    "off": Entry(
        "closed",
        "off",
        "Mark days the business is closed: the streak and habit strength skip them.",
    ),
    "followup": Entry(
        "followup",
        "followup",
        "Open referrals to follow up, oldest first: what to ask, and the phone to call.",
    ),
    "scorecard": Entry(
        "scorecard",
        "scorecard",
        "Per partner: outcomes both ways, value won, how fast favours come back, one-way runs.",
    ),
    "report": Entry(
        "report",
        "report",
        "The weekly balance report: totals, partners, the daily habit, what is due.",
    ),
    "sheet": Entry(
        "sheet",
        "sheet",
        "Print the partner list that sits beside the phone: what each partner does, how to "
        "reach them, and a badge saying whether to send them business first.",
    ),
    "calendar": Entry(
        "reminders",
        "calendar",
        "Write the reminders as a calendar file (.ics) for a phone or desktop calendar.",
    ),
    "export": Entry(
        "transfer",
        "export",
        "Export a JSON backup, a CSV, vCards for phones, or a journal for ledger and hledger.",
    ),
    "import": Entry(
        "transfer",
        "import_",
        "Import a backup, a CSV or vCards: all or nothing, and safe to run twice.",
    ),
    "config": Entry(
        "config",
        "config",
        "Show or change settings. They live in the database, so they travel with the data.",
    ),
    "partner": Entry(
        "partner", "app", "Manage partners: the businesses you refer to and get referrals from."
    ),
    "db": Entry("database", "app", "The database itself: where it is and whether it is healthy."),
}
# The groups, whose commands are named by two words ("partner merge"): their rows name the
# sub-app, `app`, of their module.
GROUPS = tuple(name for name, entry in COMMANDS.items() if entry.attribute == "app")

# Words people try as a command, and where the command is (issue 16): the subcommands of
# `partner` and `db` typed without their group, and a few other names for rm, give and got.
# tests/cli/test_hints.py checks that each names a real command. Close misspellings of a
# command need no row: click already asks "Did you mean 'balance'?".
POINTERS: dict[str, str] = {
    **{
        name: f"Did you mean 'recip {group} {name}'?"
        for group, names in (
            ("partner", ("add", "show", "rename", "archive", "merge")),  # not rm: recip rm
            ("db", ("path", "check", "backup", "restore")),
        )
        for name in names
    },
    "list": "Did you mean 'recip partner list' (partners) or 'recip log' (referrals)?",
    "ls": "Did you mean 'recip partner list' (partners) or 'recip log' (referrals)?",
    "remove": "Did you mean 'recip rm'?",
    "delete": "Did you mean 'recip rm'?",
    "sent": "Did you mean 'recip give'?",
    "received": "Did you mean 'recip got'?",
}


def build(name: str) -> Command:
    """Import the command's module and let Typer build its click command."""
    import typer

    entry = COMMANDS[name]
    target = getattr(
        importlib.import_module(f"reciprocity_cli.cli.{entry.module}"), entry.attribute
    )
    if isinstance(target, typer.Typer):  # a group such as `partner`
        return _group(target)
    single = typer.Typer(rich_markup_mode=None, add_completion=False)
    single.command(name)(target)
    return typer.main.get_command(single)


def root_commands() -> LazyCommands:
    return LazyCommands({name: entry.summary for name, entry in COMMANDS.items()}, build)


def _group(app: typer.Typer) -> Command:
    """A sub-app as Typer would build it, but a LazyGroup: its commands are built when used,
    and listed (help, Tab) from their docstrings, which is where Typer takes their help."""
    import copy
    import inspect

    import typer

    infos = {
        typer.main.get_command_name(info.name or info.callback.__name__): info
        for info in app.registered_commands
    }
    shell = copy.copy(app)  # the group's own help and options, without its commands
    shell.registered_commands = []
    shell.info = copy.copy(app.info)
    shell.info.cls = LazyGroup
    group = typer.main.get_group(shell)
    if app._add_completion:  # as typer.main.get_command adds them to a group
        group.params.extend(typer.main.get_install_completion_arguments())

    def command(name: str) -> Command:
        return typer.main.get_command_from_info(
            infos[name],
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )

    docs = {name: inspect.getdoc(info.callback) or "" for name, info in infos.items()}
    group.commands = LazyCommands(docs, command)
    return group


class LazyCommands(MutableMapping):
    """A group's `commands`: every name and its help are known up front, each command is
    built on first use. Typer and click only read it as a mapping, so nothing else changes."""

    def __init__(self, helps: dict[str, str], build: Callable[[str], Command]) -> None:
        self.helps = helps  # what the command's help starts with: its summary first
        self._build = build
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self.helps:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = self._build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        raise TypeError("recip's commands are declared in cli/registry.py")

    def __delitem__(self, name: str) -> None:
        raise TypeError("recip's commands are declared in cli/registry.py")

    def __iter__(self) -> Iterator[str]:
        return iter(self.helps)

    def __len__(self) -> int:
        return len(self.helps)

    def __contains__(self, name: object) -> bool:
        return name in self.helps


class LazyGroup(TyperGroup):
    """A group whose `commands` is a LazyCommands: its help and Tab completion list the
    commands by name and summary without building any."""

    commands: LazyCommands

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)  # Typer's reads each command as it lists the names

    def format_commands(self, ctx, formatter) -> None:
        helps = self.commands.helps
        limit = formatter.width - 6 - max(len(name) for name in helps)
        rows = [(name, make_default_short_help(text, limit)) for name, text in helps.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx, incomplete: str) -> list[CompletionItem]:
        """Command names with their summaries; options as click completes them."""
        names = [
            CompletionItem(name, help=make_default_short_help(text))
            for name, text in self.commands.helps.items()
            if name.startswith(incomplete)
        ]
        return names + Command.shell_complete(self, ctx, incomplete)
