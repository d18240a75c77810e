"""`recip scorecard`: how each partnership really goes, outcomes and return of favours."""

from __future__ import annotations

from reciprocity_cli.cli import common

FORMATS = ("table", "json", "csv", "md", "html")


def scorecard(
    since: common.SinceOption = None,
    until: common.UntilOption = None,
    kind: common.KindFilter = None,
    tag: common.TagFilter = None,
    fmt: common.PageFormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """Per partner: outcomes both ways, value won, how fast favours come back, one-way runs.

    Win rate: won / (won + lost). Won out / in: the value won of the referrals you gave /
    got. Lag: the median days from a referral they sent you to your next one to them.
    Unreturned: referrals you sent since the last one they sent you. One-way partners (3
    or more unreturned, the first quiet_days ago) come first, then those you owe, as in
    balance. Counts are of referrals dated in the period.

    \b
    Examples:
      recip scorecard
      recip scorecard --since 2026-01-01 --tag trades
      recip scorecard --output scorecard.html
    """
    from reciprocity_cli.core import fields, settings
    from reciprocity_cli.core.dates import check_period, parse_optional_date, today
    from reciprocity_cli.core.scorecard import scorecards
    from reciprocity_cli.render import formats
    from reciprocity_cli.render import scorecard as render

    chosen = formats.choose(fmt, as_json, output, FORMATS)
    start, end = parse_optional_date(since), parse_optional_date(until)
    check_period(start, end)
    kind = fields.clean_choice(kind, "kind", fields.PARTNER_KINDS) if kind else None
    with common.database().session(write=False) as session:
        config = settings.load(session)
        cards = scorecards(
            session,
            config.fair_band,
            config.quiet_days,
            today(),
            since=start,
            until=end,
            kind=kind,
            tag=tag,
        )
    if chosen == "table":
        if not cards:
            common.say("No partners match. Add one with: recip partner add NAME --does WHAT")
            return
        title = f"Scorecard, {period_text(start, end)}" + (
            f" (values in {config.currency})" if config.currency else ""
        )
        common.show(render.terminal(cards, title=title, currency=None), output)
        return
    rows = [render.card_row(card) for card in cards]
    if chosen in ("json", "csv"):  # for scripts: DESIGN's status values
        if chosen == "json":
            formats.emit_chunks(formats.json_array_chunks(rows), output)
        else:
            formats.emit(formats.to_csv(rows, render.COLUMNS), output)
        return
    from reciprocity_cli.render.rows import in_words

    rows = in_words(rows)  # people read the rest: the status in words
    if chosen == "md":
        headers = [render.HEADERS[c] for c in render.COLUMNS]
        formats.emit(formats.to_markdown(rows, render.COLUMNS, headers), output)
    else:
        from reciprocity_cli.render.pages import table_page

        title = f"Referral scorecard, {period_text(start, end)}"
        formats.emit(
            table_page(
                title,
                rows,
                render.COLUMNS,
                [render.HEADERS[c] for c in render.COLUMNS],
                numeric=render.NUMERIC,
                notes=render.one_way_lines(cards),
            ),
            output,
        )


def period_text(start, end) -> str:
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"since {start}"
    if end:
        return f"up to {end}"
    return "all time"
