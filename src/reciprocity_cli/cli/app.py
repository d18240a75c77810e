"""The `recip` application: global options, error handling, and the command table."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Annotated, Any

import typer

from reciprocity_cli import __version__
from reciprocity_cli.cli.converters import build_on_first_value
from reciprocity_cli.cli.helptext import use_plain_words
from reciprocity_cli.cli.registry import COMMANDS, POINTERS, LazyGroup, root_commands
from reciprocity_cli.errors import Cancelled, RecipError, UsageProblem

use_plain_words()
build_on_first_value()

MESSAGE_MAX = 400
# Writing the output failed (`recip log > /dev/full`, a full or broken disk): say so.
OUTPUT_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
ARGS_KEY = "recip.command_words"  # in ctx.meta: the words after the command's name


def fail(message: str, exit_code: int) -> None:
    """The single place errors reach the user: one line on stderr, then the exit code.

    Messages quote what the user typed, so the line is made harmless (escape sequences and
    bidi overrides shown as codes), a quoted value over 60 characters is shortened, and so
    is the line itself past MESSAGE_MAX."""
    import re

    from reciprocity_cli.render.text import safe

    line = " ".join(safe(message).split())
    if len(line) > MESSAGE_MAX:  # a huge value was quoted: shorten it, else keep both ends
        line = re.sub(r'"([^"]{61,})"', lambda m: f'"{m.group(1)[:57]}..."', line)
    if len(line) > MESSAGE_MAX:
        line = f"{line[: MESSAGE_MAX - 120]} [...] {line[-100:]}"
    typer.echo(f"Error: {line}", err=True)
    sys.exit(exit_code)


class RecipGroup(LazyGroup):
    """Turns RecipError, usage mistakes and Ctrl-C into one line and an exit code, and loads
    each command only when it is used (see registry.py)."""

    def __init__(self, **attrs):
        super().__init__(**attrs)
        self.commands = root_commands()

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        """`recip help [COMMAND...]` is `recip [COMMAND...] --help`, and `recip version` is
        `recip --version`: words people type when they look for help (issue 16)."""
        at = None if ctx.resilient_parsing else self._command_position(ctx, args)
        if at is not None and args[at] == "help":
            args = [*args[:at], *args[at + 1 :], "--help"]
        elif at is not None and args[at] == "version":
            args = [*args[:at], "--version"]
        return super().parse_args(ctx, args)

    def _command_position(self, ctx, args: list[str]) -> int | None:
        """Where the command name is among the words, after the global options."""
        takes_value = {
            opt for p in self.get_params(ctx) if not getattr(p, "is_flag", True) for opt in p.opts
        }
        index = 0
        while index < len(args):
            word = args[index]
            if word == "--":
                return None
            if not word.startswith("-"):
                return index
            index += 2 if word in takes_value else 1
        return None

    def resolve_command(self, ctx, args: list[str]):
        """A command people reach for under another name gets a pointer to the real one;
        the words a command is given are kept for hints on its usage errors."""
        name = args[0] if args else None
        if name not in COMMANDS and name in POINTERS and not ctx.resilient_parsing:
            ctx.fail(f"No such command {name!r}. {POINTERS[name]}")
        ctx.meta[ARGS_KEY] = args[1:]
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            _check_text(sys.argv[1:] if args is None else args)
            result: Any = super().main(args, prog_name, complete_var, False, **extra)
            sys.stdout.flush()  # a full disk is reported here, not as noise at exit
        except Cancelled as error:  # not an error: said as it is
            typer.echo(str(error), err=True)
            sys.exit(error.exit_code)
        except RecipError as error:
            fail(str(error), error.exit_code)
        except typer.TyperException as error:  # usage mistakes: unknown option, missing argument
            if type(error).__name__ == "NoArgsIsHelpError":  # `recip partner` alone: show help
                typer.echo(error.format_message())
                sys.exit(0)
            fail(_usage_line(error), error.exit_code)
        except typer.Abort:
            fail("Aborted; nothing changed.", 1)
        except Exception as error:
            if os.environ.get("RECIP_DEBUG"):
                raise
            if isinstance(error, OSError) and error.errno in OUTPUT_FAILURES:
                _drop_unwritten_output()
                fail(f"Cannot write the output: {error.strerror}.", 1)
            fail(
                f"Unexpected {type(error).__name__}: {error}. This is a bug in recip; "
                "run again with RECIP_DEBUG=1 to see where, and please report it.",
                1,
            )
        finally:
            common = sys.modules.get("reciprocity_cli.cli.common")  # None if no command ran
            if common is not None:
                common.close_database()
        sys.exit(result if isinstance(result, int) else 0)


def _check_text(words) -> None:
    """Refuse a word the terminal sent in bytes its encoding cannot read ("Caf\\xe9" typed
    in Latin-1 into a UTF-8 terminal): Python keeps such bytes as lone surrogates, which no
    database and no output can hold."""
    for word in words:
        try:
            word.encode()
        except UnicodeEncodeError:
            shown = os.fsencode(word).decode(errors="backslashreplace")  # the bytes as typed
            raise UsageProblem(
                f'"{shown}" holds bytes that are not {sys.getfilesystemencoding().upper()} '
                "text; type it again, or set the terminal's encoding to UTF-8."
            ) from None


def _drop_unwritten_output() -> None:
    """Point stdout at /dev/null, so what could not be written is not tried again (and
    reported as noise) when Python flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _usage_line(error: typer.TyperException) -> str:
    """A usage mistake as one line: a hint where recip can guess what was meant, else
    click's message and where to read more."""
    from typer._click.exceptions import BadParameter

    context = getattr(error, "ctx", None)
    message = error.format_message()
    param = getattr(error, "param", None)
    descriptor = getattr(param, "type_descriptor", None)
    if isinstance(error, BadParameter) and getattr(descriptor, "annotation", None) is int:
        from reciprocity_cli.cli import hints

        problems = getattr(error.__cause__, "errors", lambda: [{}])()
        return hints.whole_number(param, (problems or [{}])[0].get("input"))
    if context is not None and message.startswith("Got unexpected extra argument"):
        from reciprocity_cli.cli import hints

        # The root kept the words after the command's name; a command inside a group
        # (partner add) was given them less one word, its own name, per level of group.
        depth, parent = 0, context.parent
        while parent is not None and parent.parent is not None:
            depth, parent = depth + 1, parent.parent
        hint = hints.extra_words(context, list(context.meta.get(ARGS_KEY, [])[depth:]))
        if hint is not None:
            return hint
    if context is None or "Did you mean" in message:
        return message
    return f"{message} (see '{context.command_path} --help')"


app = typer.Typer(
    cls=RecipGroup,
    name="recip",
    help=(
        "Track referrals given to and received from partner businesses, keep every "
        'relationship two-way, and make "refer one partner today" a habit.\n\n'
        'Example: recip give joes --customer "Mrs. Patel"'
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"recip {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH_OR_URL",
            help="Database to use: a SQLite file or a SQLAlchemy URL. Default: $RECIP_DB, "
            "else recip.db in your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Track referrals given and received, and keep partnerships two-way.

    Run plain `recip` each morning for the partner to refer today.
    """
    from reciprocity_cli.cli import common  # not needed to print help

    words = [ctx.invoked_subcommand, *ctx.meta.get(ARGS_KEY, [])] if ctx.invoked_subcommand else []
    common.use_database(db, words)
    if ctx.invoked_subcommand is None:
        from reciprocity_cli.cli.home import home

        home()


def main() -> None:
    app()
