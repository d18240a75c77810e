"""`recip followup`: open referrals old enough to ask how they went."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common
from reciprocity_cli.cli.entries import Direction

FORMATS = ("table", "json", "csv", "md", "html")


def followup(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="DAYS",
            min=1,
            max=3650,
            help="At least this many days old. Default: the followup_days setting (14).",
            show_default=False,
        ),
    ] = None,
    direction: Direction = None,
    partner: common.partner_option(
        "Only this partner (an archived one too, by its full name)."
    ) = None,
    fmt: common.PageFormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """Open referrals to follow up, oldest first: what to ask, and the phone to call.

    A referral you gave: ask the partner how it went with your customer. One you got:
    did their customer book? Referrals of archived partners are left out unless you name
    the partner with --partner.

    \b
    Examples:
      recip followup
      recip followup --days 30 --direction given
      recip followup --partner harbor --json
    """
    from reciprocity_cli.core import fields, partners, settings
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.core.followups import followups
    from reciprocity_cli.render import followups as render
    from reciprocity_cli.render import formats

    chosen = formats.choose(fmt, as_json, output, FORMATS)
    wanted = fields.clean_direction(direction) if direction else None
    day = today()
    with common.database().session(write=False) as session:
        partner_id = partners.resolve(session, partner).id if partner else None
        age = days if days is not None else settings.load(session).followup_days
        found = list(followups(session, day, age, direction=wanted, partner_id=partner_id))
    if chosen == "table":
        if not found:
            common.say(f"Nothing to follow up: no open referral is {age} days old or more.")
            return
        many = "referral" if len(found) == 1 else "referrals"
        title = f"Follow up: {len(found)} open {many} {age}+ days old, oldest first"
        common.show(render.table(found, title=title), output)
        if output is None:
            common.say("Record what happened: recip won ID (or recip lost ID)")
        return
    rows = (render.followup_row(item) for item in found)
    if chosen == "json":
        formats.emit_chunks(formats.json_array_chunks(rows), output)
    elif chosen == "csv":
        formats.emit_chunks(formats.csv_chunks(rows, render.COLUMNS), output)
    elif chosen == "md":
        formats.emit(formats.to_markdown(rows, render.COLUMNS, render.HEADERS), output)
    else:
        from reciprocity_cli.render.pages import table_page

        title = f"Follow-ups: open referrals {age}+ days old, {day}"
        page = table_page(title, rows, render.COLUMNS, render.HEADERS, numeric=render.NUMERIC)
        formats.emit(page, output)
