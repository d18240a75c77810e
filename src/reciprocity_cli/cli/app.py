"""The `recip` application: global options, error handling, and the command table."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reciprocity_cli import __version__
from reciprocity_cli.cli import common
from reciprocity_cli.errors import RecipError


def fail(message: str, exit_code: int) -> None:
    """The single place errors reach the user: one line on stderr, then the exit code."""
    typer.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(exit_code)


class RecipGroup(TyperGroup):
    """Turns RecipError, usage mistakes and Ctrl-C into one line and an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result: Any = super().main(args, prog_name, complete_var, False, **extra)
        except RecipError as error:
            fail(str(error), error.exit_code)
        except typer.TyperException as error:  # usage mistakes: unknown option, missing argument
            if type(error).__name__ == "NoArgsIsHelpError":  # `recip partner` alone: show help
                typer.echo(error.format_message())
                sys.exit(0)
            context = getattr(error, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            fail(f"{error.format_message()}{hint}", error.exit_code)
        except typer.Abort:
            fail("Aborted; nothing changed.", 1)
        except Exception as error:
            if os.environ.get("RECIP_DEBUG"):
                raise
            fail(
                f"Unexpected {type(error).__name__}: {error}. This is a bug in recip; "
                "run again with RECIP_DEBUG=1 to see where, and please report it.",
                1,
            )
        finally:
            common.close_database()
        sys.exit(result if isinstance(result, int) else 0)


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
    common.use_database(db)
    if ctx.invoked_subcommand is None:
        from reciprocity_cli.cli.home import home

        home()


def _register() -> None:
    from reciprocity_cli.cli import (
        balance,
        config,
        daily,
        database,
        entries,
        partner,
        report,
        sheet,
        transfer,
    )

    app.add_typer(partner.app, name="partner")
    app.command("give")(entries.give)
    app.command("got")(entries.got)
    app.command("log")(entries.log)
    app.command("edit")(entries.edit)
    app.command("rm")(entries.rm)
    app.command("undo")(entries.undo)
    app.command("balance")(balance.balance)
    app.command("today")(daily.today)
    app.command("who")(daily.who)
    app.command("thank")(daily.thank)
    app.command("touch")(daily.touch)
    app.command("report")(report.report)
    app.command("sheet")(sheet.sheet)
    app.command("export")(transfer.export)
    app.command("import")(transfer.import_)
    app.command("config")(config.config)
    app.add_typer(database.app, name="db")


_register()


def main() -> None:
    app()
