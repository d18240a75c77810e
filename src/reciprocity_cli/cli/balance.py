"""`recip balance`: who you owe, who owes you."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def balance(
    since: common.SinceOption = None,
    until: common.UntilOption = None,
    kind: common.KindFilter = None,
    tag: common.TagFilter = None,
    by_value: Annotated[
        bool, typer.Option("--by-value", help="Weigh by the value of won referrals, not counts.")
    ] = False,
    fmt: common.FormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """Per-partner balance: given, got, net (got - given), share and status.

    Partners you owe come first, the largest net first. The fair band is a setting
    (recip config fair_band 40-60).

    \b
    Examples:
      recip balance
      recip balance --since 90d --tag trades
      recip balance --by-value --json
    """
    from reciprocity_cli.core import fields, settings
    from reciprocity_cli.core.balance import balances
    from reciprocity_cli.core.dates import check_period, parse_optional_date
    from reciprocity_cli.core.filters import nothing_matched
    from reciprocity_cli.render import formats
    from reciprocity_cli.render.rows import BALANCE_COLUMNS, balance_row, balance_totals, in_words

    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    start, end = parse_optional_date(since), parse_optional_date(until)
    check_period(start, end)
    kind = fields.clean_choice(kind, "kind", fields.PARTNER_KINDS) if kind else None
    with common.database().session(write=False) as session:
        config = settings.load(session)
        found = balances(
            session, config.fair_band, since=start, until=end, kind=kind, tag=tag, by_value=by_value
        )
        missed = None if found else nothing_matched(session, kind=kind, tag=tag)
    currency = config.currency
    rows = [balance_row(b, by_value=by_value, currency=currency) for b in found]
    if missed and chosen != "table":
        common.note(missed)  # the file or pipe gets its empty list; the person the reason
    if chosen == "json":
        payload = [{k: v for k, v in row.items() if not k.endswith("_text")} for row in rows]
        formats.emit(formats.to_json(payload), output)
        return
    if chosen in ("csv", "md"):
        text = (
            formats.to_csv(rows, BALANCE_COLUMNS)
            if chosen == "csv"
            else formats.to_markdown(in_words(rows), BALANCE_COLUMNS, BALANCE_COLUMNS)
        )
        formats.emit(text, output)
        return
    if not rows:
        common.say(missed or "No partners match. Add one with: recip partner add NAME --does WHAT")
        return
    from reciprocity_cli.render.tables import balance_table

    # By value, the currency goes in the title once rather than in every cell.
    totals = balance_totals(found, config.fair_band, by_value=by_value, currency=None)
    rows = [balance_row(b, by_value=by_value, currency=None) for b in found]
    period = _period_text(start, end)
    in_currency = f" in {currency}" if currency else ""
    measure = f"by value of won referrals{in_currency}" if by_value else "referrals"
    low, high = (int(bound * 100) for bound in config.fair_band)
    title = f"Balance, {measure}, {period} (fair: {low}-{high}% given)"
    common.show(balance_table(rows, totals, title=title, money=by_value), output)


def _period_text(start, end) -> str:
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"since {start}"
    if end:
        return f"up to {end}"
    return "all time"
