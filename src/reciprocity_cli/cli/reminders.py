"""`recip calendar`: the reminders as an iCalendar file for any phone or desktop calendar."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def calendar(
    days: Annotated[
        str,
        typer.Option("--days", metavar="N", help="How many days from today (1-366)."),
    ] = "14",
    output: common.OutputOption = None,
) -> None:
    """Write the reminders as a calendar file (.ics) for a phone or desktop calendar.

    One all-day event on each workday that is not closed saying whom to refer (with
    phones), and events for thank-yous, stay-in-touch dates, gifts and follow-ups due,
    each with a morning alarm. Exporting again updates the same events instead of adding
    copies; the file asks subscribed calendars to refresh twice a day.

    \b
    Examples:
      recip calendar --output ~/Sync/recip.ics
      recip calendar --days 30 > recip.ics
    """
    from reciprocity_cli.core import reminders, settings
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.core.fields import whole_number
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render.calendar import ics
    from reciprocity_cli.render.formats import check_extension, emit

    count = whole_number(days, 3)
    if count is None or not 1 <= count <= reminders.DAYS_MAX:
        raise UsageProblem(f'--days "{days}" is not a number of days from 1 to 366.')
    start = today()
    with common.database().session(write=False) as session:
        found = reminders.reminders(session, settings.load(session), start, count)
    check_extension("ics", output)
    emit(ics(found), output, f"{len(found)} reminders from {start}, {count} days")
