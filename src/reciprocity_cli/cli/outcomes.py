"""How a referral turned out: won, lost."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common
from reciprocity_cli.cli.entries import Value

EntryId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The referral's id (recip log --status open lists them)."),
]
ClosedOn = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DATE",
        help=f"When the outcome was known. Default today. {common.DATE_HELP}",
    ),
]
LostNote = Annotated[
    str | None,
    typer.Option(
        "--note", "-n", metavar="TEXT", help="Why it was lost; added to the end of the note."
    ),
]


def won(entry_id: EntryId, value: Value = None, date: ClosedOn = None) -> None:
    """Mark a referral won: the customer was helped, the business done.

    For a referral you gave, your partner won the work; for one you got, you did. Marking
    a lost referral won says what it was before.

    \b
    Examples:
      recip won 12 --value 1250
      recip won 12 --date yesterday
    """
    _close(entry_id, "won", date=date, value=value)


def lost(entry_id: EntryId, note: LostNote = None, date: ClosedOn = None) -> None:
    """Mark a referral lost: it came to nothing.

    \b
    Examples:
      recip lost 12 --note "went with a cheaper quote"
      recip lost 12 --date 2026-11-20
    """
    _close(entry_id, "lost", date=date, note=note)


def _close(entry_id: str, outcome: str, **given) -> None:
    from reciprocity_cli.core import outcomes, settings
    from reciprocity_cli.core.fields import format_money

    with common.database().session(write=True) as session:
        done = outcomes.close(session, entry_id, outcome, **given)
        currency = settings.load(session).currency
    referral = done.referral
    partner = f"{done.partner} (archived)" if done.archived else done.partner
    way = "given to" if referral.direction == "given" else "got from"
    what = f"{way} {partner}" + (f" ({referral.customer})" if referral.customer else "")
    if not done.changed:
        common.say(
            f"#{referral.id} is already {outcome}: {what}, closed {referral.closed_on}; "
            "nothing changed."
        )
        return
    line = f"{outcome.capitalize()} #{referral.id}: {what}, closed {referral.closed_on}"
    if outcome == "won" and referral.value_cents is not None:
        line += f", value {format_money(referral.value_cents, currency)}"
    if "note" in done.changed:
        line += ", note added"
    if done.was == outcome:
        names = {"closed_on": "date", "value_cents": "value"}
        updated = [names[name] for name in done.changed if name in names]
        line += f" (already {outcome}" + (f"; {' and '.join(updated)} updated)" if updated else ")")
    elif done.was != "open":
        since = f", closed {done.was_closed_on}" if done.was_closed_on else ""
        line += f" (was {done.was}{since})"
    common.say(line + ".")
