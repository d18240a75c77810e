"""`recip history` and `recip undo`: every change listed, and any of them taken back."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def history(
    limit: Annotated[
        str, typer.Option("--limit", metavar="N", help="Show the newest N changes.")
    ] = "20",
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Only the changes NAME made."),
    ] = None,
    fmt: common.FormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """List the changes made to the data, newest first: who, when, the command, what it did.

    Every command that changes data is one change; recip undo takes back your last one,
    recip undo N the one numbered N.

    \b
    Examples:
      recip history
      recip history --by sam --limit 50
      recip history --json
    """
    from reciprocity_cli.core import history as core
    from reciprocity_cli.core.fields import whole_number
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render import formats
    from reciprocity_cli.render import history as render

    count = whole_number(limit, 7)
    if count is None or count < 1:
        raise UsageProblem(f'--limit "{limit}" is not a whole number of changes, 1 or more.')
    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    with common.database().session(write=False) as session:
        found = core.summaries(session, limit=count, by=by.strip() if by else None)
    headers = ("#", "When", "By", "Command", "What it did")
    if chosen == "json":
        formats.emit(formats.to_json(render.as_json(found)), output)
    elif chosen == "csv":
        formats.emit(formats.to_csv(render.rows(found), render.COLUMNS), output)
    elif chosen == "md":
        formats.emit(formats.to_markdown(render.rows(found), render.COLUMNS, headers), output)
    elif not found and output is None:
        common.say("No changes yet." if by is None else f"No changes by {by}.")
    else:
        common.show(render.table(found), output)


def undo(
    change: Annotated[
        str | None,
        typer.Argument(metavar="[N]", help="The change to take back (see recip history)."),
    ] = None,
    yes: common.YesOption = False,
) -> None:
    """Take back your last change, whatever it was (asks first), or change N.

    An entry, an edit, a thank-you with the referral it marked, a merge, an import, a
    setting: the rows it wrote are put back as they were. A change that a later one has
    built on is refused until that one is taken back. Undo again to go further back; undo
    the undo (its number is in recip history) to make the change again.

    \b
    Examples:
      recip undo
      recip history
      recip undo 42
    """
    from reciprocity_cli.core import history as core
    from reciprocity_cli.core.fields import whole_number
    from reciprocity_cli.core.referrals import default_by
    from reciprocity_cli.errors import RecipError, UsageProblem
    from reciprocity_cli.render import history as render

    wanted = None
    if change is not None:
        wanted = whole_number(change.lstrip("#"), 12)
        if wanted is None or wanted < 1:
            raise UsageProblem(f'"{change}" is not a change number; see recip history.')
    db = common.database()
    with db.session(write=False) as session:
        if wanted is None:
            found = core.last_own(session, default_by())
            if found is None:
                raise RecipError("There is nothing to undo: you have made no changes yet.")
        else:
            found = core.get(session, wanted)
        core.check_can_take_back(session, found)  # refused before anything is asked
        # Only the rows the question spells out: an import's change holds every row it added.
        shown = core.rows_of(session, found.id, limit=render.ROWS_SHOWN)
        question = render.undo_question(found, shown)
    common.confirm(question, yes)
    with db.session(write=True) as session:
        core.take_back(session, core.get(session, found.id))
    common.say(f"Took back change #{found.id} ({found.words}).")
