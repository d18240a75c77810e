"""Finding referrals: log, with its filters, and every format."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common
from reciprocity_cli.cli.entries import Direction

TABLE_LIMIT = 50  # entries the table shows unless --limit says otherwise


def log(
    ctx: typer.Context,
    partner: common.partner_option("Only this partner.") = None,
    since: common.SinceOption = None,
    until: common.UntilOption = None,
    direction: Direction = None,
    status: Annotated[
        str | None,
        typer.Option("--status", "-s", metavar="STATUS", help="Only open, won or lost ones."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only those with every word of TEXT in the customer, contact or note "
            "(case and accents aside: cafe finds Café).",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-l",
            help=f"Show at most N entries (0: all). Default: {TABLE_LIMIT} in the table, all "
            "in json, csv and md.",
            min=0,
            max=1_000_000_000,
            show_default=False,
        ),
    ] = TABLE_LIMIT,  # the table's; other formats check whether it was given
    touches: Annotated[
        bool,
        typer.Option(
            "--touches",
            help="List gestures instead: thank-yous, gifts, meetings and promos (ids like t3).",
        ),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", help="With --touches: thanks, gift, meeting or promo."
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="NAME", help="Only those NAME recorded (case and accents aside)."
        ),
    ] = None,
    fmt: common.FormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """List referrals, newest first, with the ids that edit and rm take.

    --touches lists gestures instead (thank-yous, gifts, meetings, promos), with their ids
    written t3 and what they cost; --search then looks in their notes.

    \b
    Examples:
      recip log --search patel
      recip log --partner joes --since 30d --status open
      recip log --direction got --json
      recip log --touches --kind gift --since 2026-01-01
    """
    if touches:
        from reciprocity_cli.cli.gestures import list_touches

        if direction is not None or status is not None:
            from reciprocity_cli.errors import UsageProblem

            raise UsageProblem(
                "--direction and --status are for referrals; --touches lists gestures "
                "(filter them with --kind)."
            )
        given = ctx.get_parameter_source("limit").name != "DEFAULT"
        list_touches(partner, since, until, kind, by, search, limit, given, fmt, as_json, output)
        return
    if kind is not None:
        from reciprocity_cli.errors import UsageProblem

        raise UsageProblem("--kind is a gesture's kind; add --touches to list gestures.")
    from reciprocity_cli.core import fields, partners, settings
    from reciprocity_cli.core.dates import check_period, parse_optional_date
    from reciprocity_cli.core.referrals import LogFilter, count_log, iter_log
    from reciprocity_cli.core.textmatch import search_words
    from reciprocity_cli.render import formats
    from reciprocity_cli.render.rows import LOG_COLUMNS, referral_row

    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    start, end = parse_optional_date(since), parse_optional_date(until)
    check_period(start, end)
    wanted = fields.clean_direction(direction) if direction else None
    state = fields.clean_choice(status, "status", fields.STATUSES) if status is not None else None
    words = tuple(search_words(search)) if search is not None else ()
    # Files and scripts get every entry; only the table on screen stops, and says so.
    given = ctx.get_parameter_source("limit").name != "DEFAULT"
    shown = (limit or None) if given or chosen == "table" else None
    with common.database().session(write=False) as session:
        partner_id = partners.resolve(session, partner).id if partner else None
        currency = settings.load(session).currency
        if by is not None:  # one person, as report --by finds them
            from reciprocity_cli.core.report import person

            people = person(session, by).spellings
        else:
            people = None
        where = LogFilter(partner_id, start, end, wanted, shown, state, words, people)
        rows = (referral_row(ref, name, currency) for ref, name in iter_log(session, where))
        if chosen == "json":  # streamed: a whole history never sits in memory
            plain = ({k: v for k, v in row.items() if k != "value_text"} for row in rows)
            formats.emit_chunks(formats.json_array_chunks(plain), output)
            return
        if chosen == "csv":
            formats.emit_chunks(formats.csv_chunks(rows, LOG_COLUMNS), output)
            return
        rows = list(rows)
        total = count_log(session, where) if shown and len(rows) == shown else len(rows)
    if chosen == "md":
        formats.emit(formats.to_markdown(rows, LOG_COLUMNS, LOG_COLUMNS), output)
    elif not rows:
        filtered = partner or since or until or direction or status or search or by
        common.say(
            "No entries match; recip log without filters lists them all."
            if filtered
            else "No entries match. Record one with: recip give PARTNER  or  recip got PARTNER"
        )
    else:
        from reciprocity_cli.render.tables import log_table

        if total > len(rows):
            title = f"Latest {len(rows):,} of {total:,} referrals"
        else:
            title = f"Referrals ({len(rows)})"
        common.show(log_table(rows, title=title), output)
        if total > len(rows):
            common.note(
                f"Showing the newest {len(rows):,} of {total:,} entries; --limit 0 shows all."
            )
