"""The scorecard as rows (JSON, CSV, Markdown, HTML) and as a terminal table."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from reciprocity_cli.core.fields import cents_to_decimal, format_money
from reciprocity_cli.core.scorecard import ADVICE, Card, OneWay, Outcomes, Tally, advice, run_text

# DESIGN's keys, in its order; `one_way` and the balance's `status` and `net` ride along.
COLUMNS = (
    "partner",
    "given",
    "got",
    "given_won",
    "given_lost",
    "got_won",
    "got_lost",
    "given_win_rate",
    "got_win_rate",
    "value_given_won",
    "value_got_won",
    "lag_days",
    "unreturned",
    "one_way_since",
    "one_way",
    "status",
    "net",
)
HEADERS = {
    "partner": "Partner",
    "given": "Given",
    "got": "Got",
    "given_won": "Given won",
    "given_lost": "Given lost",
    "got_won": "Got won",
    "got_lost": "Got lost",
    "given_win_rate": "Given win rate",
    "got_win_rate": "Got win rate",
    "value_given_won": "Value given won",
    "value_got_won": "Value got won",
    "lag_days": "Lag (days)",
    "unreturned": "Unreturned",
    "one_way_since": "One-way since",
    "one_way": "One-way",
    "status": "Status",
    "net": "Net",
}


NUMERIC = tuple(c for c in COLUMNS if c not in ("partner", "one_way_since", "one_way", "status"))


def number(value: Fraction | None) -> int | float | None:
    """A median or rate for JSON: a whole number as one (3, not 3.0)."""
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def card_row(card: Card) -> dict:
    return {
        "partner": card.partner,
        "given": card.given,
        "got": card.got,
        "given_won": card.given_won,
        "given_lost": card.given_lost,
        "got_won": card.got_won,
        "got_lost": card.got_lost,
        "given_win_rate": number(card.given_win_rate),
        "got_win_rate": number(card.got_win_rate),
        "value_given_won": cents_to_decimal(card.value_given_won_cents),
        "value_got_won": cents_to_decimal(card.value_got_won_cents),
        "lag_days": number(card.lag_days),
        "unreturned": card.unreturned,
        "one_way_since": card.one_way_since,
        "one_way": card.one_way,
        "status": card.status,
        "net": card.net,
        "kind": card.kind,
        "archived": card.archived,
        "phone": card.phone,
    }


def scorecard_document(card: Card) -> dict:
    """One partner's card for `partner show --json`: DESIGN's keys without the name."""
    row = card_row(card)
    return {key: row[key] for key in COLUMNS if key != "partner"}


def scorecard_pairs(card: Card, currency: str | None) -> list[tuple[str, object]]:
    """`partner show`'s lines: outcomes both ways, then how favours come back."""

    def way(label: str, won: int, lost: int, rate: Fraction | None, cents: int) -> str:
        if not won + lost:
            return f"{label}: none closed"
        value = f", value won {format_money(cents, currency)}" if cents else ""
        return f"{label}: {won} won, {lost} lost ({percent(rate)} won){value}"

    outcomes = "; ".join(
        (
            way(
                "given",
                card.given_won,
                card.given_lost,
                card.given_win_rate,
                card.value_given_won_cents,
            ),
            way("got", card.got_won, card.got_lost, card.got_win_rate, card.value_got_won_cents),
        )
    )
    if card.lag_days is None:
        lag = "nothing of theirs returned yet" if card.got else "they have sent none"
    else:
        days = lag_text(card.lag_days)
        lag = f"you return a referral in {days} day{'' if days == '1' else 's'} (median)"
    run = f"{run_text(card)}" if card.unreturned else "none unreturned"
    if card.one_way:
        run += f" - one-way: {ADVICE}"
    return [("Outcomes", outcomes), ("Reciprocity", f"{lag}; {run}")]


def percent(rate: Fraction | None) -> str:
    return "-" if rate is None else f"{float(rate) * 100:.0f}%"


def lag_text(lag: Fraction | None) -> str:
    if lag is None:
        return "-"
    return str(int(lag)) if lag.denominator == 1 else f"{float(lag):g}"


def one_way_lines(cards: Sequence[Card]) -> list[str]:
    return [f"{card.partner}: {advice(card)}" for card in cards if card.one_way]


def terminal(cards: Sequence[Card], *, title: str, currency: str | None):
    """The table, then a line per one-way partner saying what to do."""
    from rich.console import Group
    from rich.text import Text

    from reciprocity_cli.render.tables import cell, fixed_column, new_table
    from reciprocity_cli.render.text import safe

    show_value = any(c.value_given_won_cents or c.value_got_won_cents for c in cards)
    table = new_table(title)
    table.add_column("Partner", overflow="fold", ratio=1, min_width=12)
    for header, priority in (("Given", 8), ("Win%", 4), ("Got", 7), ("Win%", 3)):
        fixed_column(table, header, "right", priority=priority)
    if show_value:
        fixed_column(table, "Won out", "right", priority=2)
        fixed_column(table, "Won in", "right", priority=1)
    fixed_column(table, "Lag", "right", priority=5)
    fixed_column(table, "Unreturned", "right", priority=6)
    for card in cards:
        name = cell(card.partner, "bold red" if card.one_way else "")
        if card.archived:
            name.append(" (archived)", style="dim")
        cells = [
            name,
            cell(card.given),
            cell(percent(card.given_win_rate)),
            cell(card.got),
            cell(percent(card.got_win_rate)),
        ]
        if show_value:
            cells.append(cell(format_money(card.value_given_won_cents, currency)))
            cells.append(cell(format_money(card.value_got_won_cents, currency)))
        cells += [cell(lag_text(card.lag_days)), cell(card.unreturned)]
        table.add_row(*cells)
    parts: list = [table]
    one_way = [card for card in cards if card.one_way]
    if one_way:
        parts.append(Text(f"One-way partners: {ADVICE}", style="bold"))
        parts += [Text(f"  • {safe(card.partner)}: {run_text(card)}") for card in one_way]
    return Group(*parts)


def one_way_row(one_way: OneWay) -> dict:
    """A one-way partner in today and report: the run, and what to do about it."""
    return {
        "partner": one_way.partner,
        "unreturned": one_way.unreturned,
        "since": one_way.since,
        "phone": one_way.phone,
        "advice": advice(one_way),
    }


def outcomes_document(outcomes: Outcomes) -> dict:
    """The report's referrals closed in the period, both ways."""

    def way(tally: Tally) -> dict:
        return {
            "won": tally.won,
            "lost": tally.lost,
            "win_rate": number(tally.win_rate),
            "value_won": cents_to_decimal(tally.value_won_cents),
        }

    return {"closed": outcomes.closed, "given": way(outcomes.given), "got": way(outcomes.got)}


def outcomes_lines(outcomes: Outcomes, currency: str | None) -> list[str]:
    """A line for each way anything was closed; none when nothing was."""
    return [
        f"{label}: {tally.won} won, {tally.lost} lost ({percent(tally.win_rate)} won), "
        f"value won {format_money(tally.value_won_cents, currency)}"
        for label, tally in (("Given", outcomes.given), ("Got", outcomes.got))
        if tally.won + tally.lost
    ]
