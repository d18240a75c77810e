"""`recip report`: the weekly balance report, on screen or printed."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def report(
    week: Annotated[
        str | None,
        typer.Option("--week", "-w", metavar="WEEK", help="this (default), last or YYYY-Www."),
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", "-m", metavar="MONTH", help="this, last or YYYY-MM.")
    ] = None,
    since: common.SinceOption = None,
    until: common.UntilOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table (default), md, html, json or csv."
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="One person's report: only the referrals NAME recorded, and their streak.",
        ),
    ] = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """The weekly balance report: totals, partners, the daily habit, what is due.

    Weeks start on the week_start setting. HTML is print-ready (A4 or Letter) with a chart.

    \b
    Examples:
      recip report
      recip report --week last --output last-week.html
      recip report --month 2026-10 --format md
      recip report --by Sam          # what Sam recorded this week
    """
    from reciprocity_cli.core import report as core_report
    from reciprocity_cli.core import settings
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.core.periods import resolve_period
    from reciprocity_cli.render import formats
    from reciprocity_cli.render import report as render

    chosen = formats.choose(fmt, as_json, output, ("table", "md", "html", "json", "csv"))
    day = today()
    with common.database().session(write=False) as session:
        config = settings.load(session)
        period = resolve_period(
            week=week,
            month=month,
            since=since,
            until=until,
            today=day,
            week_start=config.week_start,
        )
        person = core_report.person(session, by) if by is not None else None
        built = core_report.build(session, config, period, day, by=person)
    if chosen == "json":
        formats.emit(formats.to_json(render.document(built)), output)
    elif chosen == "csv":
        formats.emit(formats.to_csv(render.csv_rows(built), render.PARTNER_COLUMNS), output)
    elif chosen == "md":
        formats.emit(render.markdown(built), output)
    elif chosen == "html":
        formats.emit(render.html_page(built), output)
    else:
        common.show(render.terminal(built), output)
