"""`recip off`: closed days (holidays, vacations, sick days) that rules counting workdays skip."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common

COLUMNS = ("date", "day", "note")


def off(
    date: Annotated[
        str | None,
        typer.Argument(metavar="DATE", help=f"The (first) day closed. {common.DATE_HELP}"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Argument(metavar="UNTIL", help="The last day closed, for several days."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", "-n", metavar="TEXT", help="Why: 'Christmas', 'sick'."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the closed days.")] = False,
    remove: Annotated[
        str | None,
        typer.Option("--remove", metavar="DATE", help="Open a closed day again."),
    ] = None,
    fmt: common.FormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """Mark days the business is closed: the streak and habit strength skip them.

    A closed day, like a day outside the workdays setting, neither counts nor breaks the
    streak, and the report leaves it out of the days the goal could be met on.

    \b
    Examples:
      recip off 2026-12-24 2027-01-01 --note "Christmas"
      recip off today --note sick
      recip off --list
      recip off --remove 2026-12-31
    """
    from reciprocity_cli.errors import UsageProblem

    if list_:
        if date is not None or until is not None or remove is not None or note is not None:
            raise UsageProblem("--list takes no DATE, --note or --remove; run it on its own.")
        _list(fmt, as_json, output)
        return
    if fmt is not None or as_json or output is not None:
        raise UsageProblem("--format, --json and --output go with --list.")
    if remove is not None:
        if date is not None or note is not None:
            raise UsageProblem("--remove takes one DATE; give no other date or --note.")
        _remove(remove)
        return
    if date is None:
        raise UsageProblem(
            "Give the DATE to close (and UNTIL for several days), --list or --remove DATE."
        )
    _close(date, until, note)


def _close(date: str, until: str | None, note: str | None) -> None:
    from reciprocity_cli.core import closed
    from reciprocity_cli.core.dates import parse_date

    first = parse_date(date)
    last = parse_date(until) if until is not None else None
    with common.database().session(write=True) as session:
        done = closed.close(session, first, last, note)
    days = (done.last - done.first).days + 1
    span = f"{done.first:%a} {done.first}" if days == 1 else f"{done.first} to {done.last}"
    size = "" if days == 1 else f" ({days} days)"
    already = ""
    if done.already:
        already = " (it already was)" if days == 1 else f" ({done.already} already were)"
    common.say(f"Closed {span}{size}{already}. The streak and habit strength skip closed days.")


def _remove(raw: str) -> None:
    from reciprocity_cli.core import closed
    from reciprocity_cli.core.dates import parse_date

    day = parse_date(raw)
    with common.database().session(write=True) as session:
        was = closed.reopen(session, day)
    why = f" (was closed: {was.note})" if was.note else ""
    common.say(f"{day:%a} {day} is a workday again{why}.")


def _list(fmt, as_json, output) -> None:
    from reciprocity_cli.core import closed
    from reciprocity_cli.render import formats

    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    with common.database().session(write=False) as session:
        rows = [
            {"date": row.date, "day": f"{row.date:%a}", "note": row.note}
            for row in closed.all_closed(session)
        ]
    if chosen == "json":
        plain = [{"date": row["date"], "note": row["note"]} for row in rows]
        formats.emit(formats.to_json(plain), output)
    elif chosen == "csv":
        formats.emit(formats.to_csv(rows, COLUMNS), output)
    elif chosen == "md":
        formats.emit(formats.to_markdown(rows, COLUMNS, ("Date", "Day", "Note")), output)
    elif not rows and output is None:
        common.say('No closed days. Close one with: recip off 2026-12-24 --note "Christmas"')
    else:
        from reciprocity_cli.render.closed import closed_table

        common.show(closed_table(rows), output)
