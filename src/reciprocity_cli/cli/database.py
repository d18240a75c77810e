"""`recip db ...`: where the data is, and whether it is healthy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reciprocity_cli.cli import common

app = typer.Typer(
    help="The database itself: where it is and whether it is healthy.",
    rich_markup_mode=None,
    no_args_is_help=True,
)


@app.command("path")
def path() -> None:
    """Print the database in use (a file path, or a URL with the password hidden).

    \b
    Example:
      recip db path
      RECIP_DB=~/shop.db recip db path
    """
    from reciprocity_cli.location import locate

    common.say(locate(common.db_option()).display())


@app.command("backup")
def backup(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite FILE if it exists.")
    ] = False,
) -> None:
    """Copy the live database to FILE, consistently, even while others write.

    \b
    Example:
      recip db backup ~/backups/recip-$(date +%F).db
    """
    db = common.database()
    db.backup_to(file, replace=replace)
    common.say(f"Backed up {db.location.display()} to {file.absolute()}.")


@app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A copy made by recip db backup.")],
    yes: common.YesOption = False,
) -> None:
    """Put a copy made by db backup back in place of the database (asks first).

    The file is checked first; the database as it was is kept beside it, and the files
    SQLite keeps next to it (-wal, -shm, -journal) are removed, so an old log cannot
    replay into the restored copy. SQLite only: on a server, import a JSON backup.

    \b
    Example:
      recip db restore ~/backups/recip-2026-11-23.db
    """
    from reciprocity_cli.db_files import checked_backup
    from reciprocity_cli.db_files import restore as put_back
    from reciprocity_cli.errors import RecipError
    from reciprocity_cli.location import locate
    from reciprocity_cli.migrations import HEAD

    location = locate(common.db_option())
    if location.path is None:
        raise RecipError(
            "db restore puts back a SQLite file; for a server database, restore a JSON "
            "backup with recip import FILE."
        )
    source, revision = checked_backup(file, location)
    common.confirm(f"Replace the database {location.display()} with {source}?", yes)
    kept = put_back(source, location.path)
    kept_note = f"; the database as it was is in {kept}" if kept else ""
    common.say(f"Restored {location.display()} from {source}{kept_note}.")
    if revision != HEAD:
        common.say(
            f"Its schema ({revision}) is older than this recip's; the next command upgrades it."
        )


@app.command("check")
def check(
    repair: Annotated[
        bool,
        typer.Option("--repair", help="Add the tallies up again if they disagree."),
    ] = False,
) -> None:
    """Check the database's integrity and print its schema revision.

    It also recounts the tallies the daily commands read, per partner and given per day
    (the database keeps them as referrals are written), against every referral, and names
    any that disagree: only a change that bypassed recip's schema can cause that. --repair
    adds them up again.

    \b
    Example:
      recip db check
      recip db check --repair
    """
    from sqlalchemy import func, select, text

    from reciprocity_cli.core import tally
    from reciprocity_cli.core.damage import first_damaged
    from reciprocity_cli.core.words import plural
    from reciprocity_cli.db import DamagedValue
    from reciprocity_cli.errors import RecipError
    from reciprocity_cli.migrations import HEAD
    from reciprocity_cli.models import Partner, Referral, Touch

    db = common.database()
    with db.session(write=False) as session:
        if db.is_sqlite:
            problems = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
            foreign = session.execute(text("PRAGMA foreign_key_check")).all()
        else:
            problems, foreign = ["ok"], []
        counts = [
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (Partner, Referral, Touch)
        ]
        healthy = problems == ["ok"] and not foreign
        damaged = first_damaged(session) if healthy and db.is_sqlite else None
        wrong = tally.disagreements(session) if healthy and not damaged else []
    revision = db.revision()
    common.say(f"database: {db.location.display()}")
    common.say(f"schema revision: {revision} (this recip: {HEAD})")
    common.say(f"partners: {counts[0]}, referrals: {counts[1]}, touches: {counts[2]}")
    if problems != ["ok"] or foreign:
        detail = "; ".join(problems[:3]) if problems != ["ok"] else f"{len(foreign)} broken links"
        raise RecipError(
            f"Integrity check failed: {detail}. Restore a backup of {db.location.display()}."
        )
    if damaged:
        raise RecipError(DamagedValue(*damaged).naming(db.location.display()))
    # A server keeps its own files whole; SQLite's integrity_check has no equivalent to run.
    common.say("integrity: ok" if db.is_sqlite else "integrity: kept by the server")
    if not wrong:
        common.say("tallies: ok")
        return
    first = wrong[0]
    whose = f'"{first.partner}", ' if first.partner else ""
    what = (
        f"{plural(len(wrong), 'figure')} of the tallies disagreed with the referrals "
        f"(first: {whose}{first.direction} {first.figure}: "
        f"{first.stored} stored, {first.counted} counted)"
    )
    if not repair:
        raise RecipError(f"{what}. Add them up again with: recip db check --repair")
    with db.session(write=True) as session:
        tally.rebuild(session)
    common.say(f"tallies: repaired: {what}; they are added up again")
