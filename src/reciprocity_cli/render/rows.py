"""Domain objects as plain rows (dicts) that every output format shares, keyed as DESIGN.md says."""

from __future__ import annotations

from collections.abc import Sequence

from reciprocity_cli.core.balance import Balance, share_of, status_of
from reciprocity_cli.core.fields import cents_to_decimal, format_money
from reciprocity_cli.models import Referral
from reciprocity_cli.render.text import STATUS_TEXT

BALANCE_COLUMNS = ("partner", "given", "got", "net", "share", "status", "last_given", "last_got")
LOG_COLUMNS = (
    *("id", "date", "direction", "partner", "customer", "note", "value", "status", "by"),
    "closed_on",  # new columns go at the end, so scripts reading by position keep working
)


def balance_row(balance: Balance, *, by_value: bool, currency: str | None) -> dict:
    row: dict = {
        "partner": balance.partner,
        "given": balance.given,
        "got": balance.got,
        "net": balance.net,
        "share": balance.share,
        "status": balance.status,
        "last_given": balance.last_given,
        "last_got": balance.last_got,
        "kind": balance.kind,
        "archived": balance.archived,
    }
    return _as_money(row, currency) if by_value else row


def balance_totals(rows: Sequence[Balance], band, *, by_value: bool, currency: str | None) -> dict:
    given = sum(row.given for row in rows)
    got = sum(row.got for row in rows)
    totals: dict = {
        "partners": len(rows),
        "given": given,
        "got": got,
        "net": got - given,
        "share": share_of(given, got),
        "status": status_of(given, got, band),
    }
    return _as_money(totals, currency) if by_value else totals


def _as_money(row: dict, currency: str | None) -> dict:
    """By value, amounts are hundredths: show them as exact decimals, with display text."""
    for key in ("given", "got", "net"):
        cents = row[key]
        text = format_money(abs(cents), currency)
        row[f"{key}_text"] = (
            f"-{text}" if cents < 0 else (f"+{text}" if key == "net" and cents else text)
        )
        row[key] = cents_to_decimal(cents)
    return row


def referral_row(referral: Referral, partner: str, currency: str | None = None) -> dict:
    return {
        "id": referral.id,
        "date": referral.date,
        "direction": referral.direction,
        "partner": partner,
        "customer": referral.customer,
        "note": referral.note,
        "value": cents_to_decimal(referral.value_cents),
        "status": referral.status,
        "by": referral.made_by,
        "customer_contact": referral.customer_contact,
        "heat": referral.heat,
        "thanked_on": referral.thanked_on,
        "closed_on": referral.closed_on,
        "value_text": format_money(referral.value_cents, currency),
    }


def in_words(rows: Sequence[dict]) -> list[dict]:
    """Rows for a format people read (Markdown, HTML): the status in the words every human
    format uses, a share as the percentage the terminal shows, yes and no for flags; JSON
    and CSV keep the values DESIGN.md fixes."""
    return [{key: _for_people(key, value) for key, value in row.items()} for row in rows]


def _for_people(key: str, value: object) -> object:
    if key == "status":
        return STATUS_TEXT[value]
    if key == "share":
        return "-" if value is None else f"{float(value) * 100:.0f}%"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def thanks_row(due) -> dict:
    return {"partner": due.partner, "referrals": due.referrals, "oldest": due.oldest}
