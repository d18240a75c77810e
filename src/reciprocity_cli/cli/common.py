"""What every command shares: the open database, the two consoles, output options, prompts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reciprocity_cli.cli.complete import partner_names
from reciprocity_cli.core.dates import HELP as DATE_FORMS
from reciprocity_cli.core.fields import AMOUNT_FORMS

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from reciprocity_cli.db import Database

# Shared options, declared once (like sqlite-utils' output_options).
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (default), json, csv or md.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
# For commands that have no --format: there is nothing for --json to be the same as.
JsonOnlyOption = Annotated[
    bool, typer.Option("--json", help="Print JSON instead of the screen, for scripts.")
]
# Read commands whose list also makes a printable page (followup, scorecard).
PageFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (default), json, csv, md or html.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE instead; its extension picks the format.",
        dir_okay=False,
        show_default=False,
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
DATE_HELP = DATE_FORMS
PartnerArg = Annotated[
    str,
    typer.Argument(
        metavar="PARTNER",
        help=(
            "Partner name, or a unique start of it or of a word in it (case, accents and "
            "apostrophes do not matter)."
        ),
        autocompletion=partner_names,
    ),
]


def partner_option(help: str):
    """--partner/-p PARTNER with Tab completion of names; each command says what it does."""
    return Annotated[
        str | None,
        typer.Option("--partner", "-p", metavar="PARTNER", help=help, autocompletion=partner_names),
    ]


WhenOption = Annotated[
    str | None,
    typer.Option("--date", "-d", metavar="DATE", help=f"When. Default today. {DATE_HELP}"),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help=f"From this date on. {DATE_HELP}"),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Up to this date (default today).")
]
# Filters of the commands that list partners (balance, partner list, sheet).
KindFilter = Annotated[
    str | None, typer.Option("--kind", metavar="KIND", help="Only partners of this kind.")
]
TagFilter = Annotated[
    str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only partners with TAG.")
]
CostOption = Annotated[
    str | None, typer.Option("--cost", metavar="AMOUNT", help=f"What it cost you, {AMOUNT_FORMS}.")
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="NAME", help="Who did it. Default: $RECIP_ME, else your login name."
    ),
]

_db_option: str | None = None
_database: Database | None = None
_command_words: list[str] = []  # the words after `recip` and its --db: what the history shows


def use_database(option: str | None, words: list[str] | None = None) -> None:
    """Remember --db and the command's words for this invocation; the database opens on
    first use."""
    global _db_option, _command_words
    close_database()
    _db_option = option
    _command_words = list(words or [])


def db_option() -> str | None:
    return _db_option


def database() -> Database:
    global _database
    if _database is None:
        from reciprocity_cli import collector
        from reciprocity_cli.db import Database
        from reciprocity_cli.location import locate
        from reciprocity_cli.render.formats import protect

        collector.started()  # the work begins; an upgrade of a large database is work too
        location = locate(_db_option)
        protect(location.path)
        _database = Database(
            location,
            notify=lambda note: typer.echo(f"Note: {note}", err=True),
            on_write=_recorded,
        )
    return _database


COMMAND_LINE_MAX = 1000  # what the history keeps of a command line


def _recorded(session):
    """Every writing transaction is one change in the history, with who ran which command."""
    from reciprocity_cli.cli.registry import GROUPS
    from reciprocity_cli.core import history
    from reciprocity_cli.core.referrals import default_by
    from reciprocity_cli.errors import RecipError

    words = _command_words
    named = 2 if words[:1] and words[0] in GROUPS and len(words) > 1 else 1
    command = " ".join(words[:named]) or "recip"
    try:
        me = default_by()
    except RecipError:  # a bad RECIP_ME is reported where entries are made, not here
        me = None
    line = " ".join(map(_shell_word, words))
    if len(line) > COMMAND_LINE_MAX:  # a 10,000-character note is in the entry already
        line = line[: COMMAND_LINE_MAX - 1] + "…"
    return history.recorded(session, command, line or None, me)


def _shell_word(word: str) -> str:
    """A word as it would be typed again: bare when it can be, else in double quotes
    ("Joe's Plumbing"), else as the shell's own quoting has it. Control characters (a NUL
    no database stores) and bytes that were not UTF-8 are written as escapes: the command
    itself refuses them, and the history must not fail first."""
    import re
    import shlex

    from reciprocity_cli.render.text import safe

    word = safe(word.encode("utf-8", "backslashreplace").decode("utf-8"))
    if re.fullmatch(r"[\w@%+=:,./-]+", word):
        return word
    if not re.search(r'["\\$`!]', word):
        return f'"{word}"'
    return shlex.quote(word)


def close_database() -> None:
    global _database
    if _database is not None:
        _database.close()
        _database = None


def out() -> Console:
    """Results, on stdout. Rich drops colour in pipes and honours NO_COLOR by itself."""
    from rich.console import Console

    return Console(highlight=False)


def say(message: str) -> None:
    """A plain line on stdout: no markup, no wrapping, control characters made visible."""
    from reciprocity_cli.render.text import safe

    typer.echo(safe(message, one_line=False))


def note(message: str) -> None:
    """One line on stderr beside a result: something the user should know, not an error."""
    from reciprocity_cli.render.text import safe

    typer.echo(f"Note: {safe(message)}", err=True)


def show(renderable: RenderableType, output: Path | None = None) -> None:
    """Print a Rich renderable, or write it as plain text when --output names a file."""
    if output is None:
        out().print(renderable)
        return
    import io

    from rich.console import Console

    from reciprocity_cli.render.formats import emit

    buffer = io.StringIO()
    Console(file=buffer, width=120, color_system=None, highlight=False).print(renderable)
    emit(buffer.getvalue(), output)


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str, assume_yes: bool) -> None:
    """Ask before something destructive; answering no (or no answer) changes nothing.

    The question goes to stderr, so output piped elsewhere stays clean. When the answer
    was not echoed (Ctrl-C, or an answer piped in), a newline keeps what follows off the
    question's line."""
    if assume_yes:
        return
    import sys

    from reciprocity_cli.errors import Cancelled

    person = sys.stdin.isatty()
    try:
        # Asked by hand: click's confirm writes a space to stdout even when asking on stderr.
        typer.echo(f"{question} [y/N]: ", nl=False, err=True)
        answer = input()
    except (EOFError, KeyboardInterrupt):  # Ctrl-C, or the end of the input
        typer.echo("", err=True)
        if person:
            raise Cancelled(exit_code=130) from None
        raise Cancelled(
            "Cancelled, nothing changed (no answer; --yes skips the question)."
        ) from None
    if not person:
        typer.echo("", err=True)
    if answer.strip().lower() not in ("y", "yes"):
        raise Cancelled()
