"""Recording and correcting referrals and gestures: give, got, edit, rm (undo is in history.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common
from reciprocity_cli.core.fields import AMOUNT_FORMS

PartnerArg = common.PartnerArg
Customer = Annotated[
    str | None, typer.Option("--customer", "-c", metavar="NAME", help="Who was referred.")
]
Contact = Annotated[
    str | None,
    typer.Option("--contact", metavar="PHONE/EMAIL", help="The customer's phone or email."),
]
Note = Annotated[
    str | None, typer.Option("--note", "-n", metavar="TEXT", help="Anything worth remembering.")
]
Heat = Annotated[
    str | None,
    typer.Option(
        "--heat", metavar="1-5", help="1 = name and number passed on ... 5 = introduced in person."
    ),
]
Value = Annotated[
    str | None,
    typer.Option(
        "--value", "-v", metavar="AMOUNT", help=f"What the work is worth, {AMOUNT_FORMS}."
    ),
]
Status = Annotated[
    str | None,
    typer.Option("--status", "-s", metavar="STATUS", help="open (default), won or lost."),
]
Direction = Annotated[
    str | None,
    typer.Option(
        "--direction",
        metavar="given|got",
        help="given (also give, gave, sent, out) or got (also received, in).",
    ),
]
By = common.ByOption
# edit has no defaults: its options say what they change, not what a new entry gets.
NewStatus = Annotated[
    str | None, typer.Option("--status", "-s", metavar="STATUS", help="open, won or lost.")
]
NewBy = Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who did it.")]
MoveTo = Annotated[
    str | None,
    typer.Option("--date", "-d", metavar="DATE", help=f"Move it to this date. {common.DATE_HELP}"),
]
When = common.WhenOption
Cost = common.CostOption
GestureKind = Annotated[
    str | None,
    typer.Option(
        "--kind", metavar="KIND", help="A gesture's kind: thanks, gift, meeting or promo."
    ),
]


def _fields(**values):
    from reciprocity_cli.core.referrals import EntryFields

    return EntryFields(**values)


def give(
    partner: PartnerArg,
    customer: Customer = None,
    contact: Contact = None,
    note: Note = None,
    heat: Heat = None,
    value: Value = None,
    status: Status = None,
    by: By = None,
    date: When = None,
) -> None:
    """Record a referral you gave: a customer you sent to a partner.

    \b
    Examples:
      recip give joes --customer "Mrs. Patel"
      recip give harbor -c "Guest in room 12" --heat 5 --date yesterday
    """
    _record(
        "given",
        partner,
        _fields(
            customer=customer,
            contact=contact,
            note=note,
            heat=heat,
            value=value,
            status=status,
            by=by,
            date=date,
        ),
    )


def got(
    partner: PartnerArg,
    customer: Customer = None,
    contact: Contact = None,
    note: Note = None,
    heat: Heat = None,
    value: Value = None,
    status: Status = None,
    by: By = None,
    date: When = None,
) -> None:
    """Record a referral you received: a customer a partner sent to you.

    \b
    Examples:
      recip got harbor --customer "Mr. Lee" --value 450
      recip got joes --date 2026-11-02 --status won
    """
    _record(
        "got",
        partner,
        _fields(
            customer=customer,
            contact=contact,
            note=note,
            heat=heat,
            value=value,
            status=status,
            by=by,
            date=date,
        ),
    )


def _record(direction: str, typed: str, fields) -> None:
    from reciprocity_cli.core import partners, referrals, settings
    from reciprocity_cli.core.balance import one_balance
    from reciprocity_cli.errors import RecipError
    from reciprocity_cli.render.text import signed, status_text

    fields.checked()  # report bad input before asking anything
    name, new = _choose_partner(typed)
    with common.database().session(write=True) as session:
        if new is not None:
            partner = partners.add(session, name, new)
        else:
            partner = partners.find_exact(session, name)
            if partner is None:  # renamed or merged while the question was on screen
                raise RecipError(f'"{name}" is no longer a partner; run the command again.')
        referral = referrals.record(session, direction, partner, fields)
        balance = one_balance(session, settings.load(session).fair_band, partner.id)
    who = f"{partner.name} (archived)" if partner.archived else partner.name
    what = f"given to {who}" if direction == "given" else f"got from {who}"
    extra = ", ".join(filter(None, [referral.customer, referral.date.isoformat()]))
    common.say(
        f"Recorded #{referral.id}: {what} ({extra}). Balance: given {balance.given}, "
        f"got {balance.got}, net {signed(balance.net)} - {status_text(balance.status)}."
    )


def _choose_partner(typed: str):
    """The name of the partner meant, and None; or, only in a terminal, the one close match
    the user accepted, or a new name with the details to add it with.

    Asks outside any transaction, so a question on screen never holds the database.
    """
    from reciprocity_cli.core import partners
    from reciprocity_cli.errors import PartnerNotFound, RecipError

    db = common.database()
    with db.session(write=False) as session:
        try:
            return partners.resolve(session, typed).name, None
        except PartnerNotFound as missing:
            if not common.is_interactive():
                raise
            problem = missing
    if len(problem.suggestions) == 1:
        [name] = problem.suggestions
        state = " (archived)" if name in problem.archived else ""
        if typer.confirm(f'Use "{name}"{state}?', default=True):
            return name, None
    elif problem.suggestions:
        typer.echo(str(problem), err=True)  # the names to choose from, before the question
        problem = RecipError("Nothing recorded; run it again with one of those names.")
    with db.session(write=False) as session:
        # Offer only what adding would accept: never a near-duplicate of a partner.
        name = partners.check_new_name(session, typed)
    if not typer.confirm(f'Add "{name}" as a new partner?', default=False):
        raise problem
    does = typer.prompt("What do they do? (Enter skips)", default="", show_default=False)
    phone = typer.prompt("Phone (Enter skips)", default="", show_default=False)
    return name, partners.Details(does=does.strip() or None, phone=phone.strip() or None)


def edit(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The entry's id (see recip log); t3 is gesture 3 (log --touches)."
        ),
    ],
    partner: common.partner_option("Move to this partner.") = None,
    direction: Direction = None,
    customer: Customer = None,
    contact: Contact = None,
    note: Note = None,
    heat: Heat = None,
    value: Value = None,
    status: NewStatus = None,
    by: NewBy = None,
    date: MoveTo = None,
    thanked_on: Annotated[
        str | None,
        typer.Option(
            "--thanked-on", metavar="DATE", help="When you thanked them (a date, or '' to clear)."
        ),
    ] = None,
    closed_on: Annotated[
        str | None,
        typer.Option(
            "--closed-on",
            metavar="DATE",
            help="When a won or lost referral closed (--status won from open: today).",
        ),
    ] = None,
    cost: Cost = None,
    kind: GestureKind = None,
) -> None:
    """Correct an entry. An empty value ("") clears a field.

    --status keeps the closing date in step: won or lost from open closes it today (or on
    --closed-on), open clears it. A gesture (t3) takes --kind, --note, --cost, --date,
    --by and --partner.

    \b
    Examples:
      recip edit 12 --status won --value 1800
      recip edit 12 --partner "Harbor View" --date yesterday
      recip edit 12 --closed-on 2026-11-20
      recip edit t3 --cost 18.50 --note "flowers"
    """
    from reciprocity_cli.cli import gestures
    from reciprocity_cli.core import partners, referrals
    from reciprocity_cli.errors import RecipError

    referral_only = {
        "--direction": direction,
        "--customer": customer,
        "--contact": contact,
        "--heat": heat,
        "--value": value,
        "--status": status,
        "--thanked-on": thanked_on,
        "--closed-on": closed_on,
    }
    if gestures.names_a_touch(entry_id):
        gestures.edit_touch(entry_id, partner, kind, note, cost, date, by, referral_only)
        return
    gestures.refuse_on_referral(entry_id, {"--cost": cost, "--kind": kind})
    fields = _fields(
        customer=customer,
        contact=contact,
        note=note,
        heat=heat,
        value=value,
        status=status,
        by=by,
        date=date,
        thanked_on=thanked_on,
        closed_on=closed_on,
    )
    if partner is None and direction is None and not fields.checked():
        raise RecipError("Nothing to change; give an option such as --status won or --note.")
    with common.database().session(write=True) as session:
        referral = referrals.get(session, entry_id)
        target = partners.resolve(session, partner) if partner else None
        changed = referrals.update(session, referral, fields, partner=target, direction=direction)
    if changed:
        labels = [
            {
                "partner_id": "partner",
                "made_by": "by",
                "value_cents": "value",
                "customer_contact": "contact",
                # The closing date follows --status; say what it became.
                "closed_on": f"closed_on {referral.closed_on or 'cleared'}",
            }.get(name, name)
            for name in changed
        ]
        common.say(f"Updated #{referral.id}: {', '.join(labels)}.")
    else:
        common.say(f"#{referral.id} already had those values; nothing changed.")


def rm(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The entry's id (see recip log); t3 is gesture 3 (log --touches)."
        ),
    ],
    yes: common.YesOption = False,
) -> None:
    """Delete an entry (asks first).

    \b
    Examples:
      recip rm 12
      recip rm t3            # a gesture (recip log --touches)
    """
    from reciprocity_cli.cli.gestures import names_a_touch
    from reciprocity_cli.core import gestures, referrals

    get = gestures.get if names_a_touch(entry_id) else referrals.get
    _remove(lambda session: get(session, entry_id), "Delete", yes)


def _remove(find, verb: str, yes: bool) -> None:
    """Describe the entry, ask outside any transaction, then delete it if it is still there."""
    from reciprocity_cli.core import gestures
    from reciprocity_cli.errors import RecipError
    from reciprocity_cli.models import Partner

    db = common.database()
    with db.session(write=False) as session:
        entry = find(session)
        partner = session.get(Partner, entry.partner_id)
        summary = _describe(entry, partner.name)
        marked = [] if hasattr(entry, "direction") else gestures.thanked_with(session, entry)
    common.confirm(f"{verb}: {summary}?", yes)
    with db.session(write=True) as session:
        current = session.get(type(entry), entry.id)
        if current is None:
            raise RecipError(f"{summary} is already gone.")
        session.delete(current)
    common.say(f"Removed {summary}. recip undo puts it back.")
    note = gestures.still_marked(marked)
    if note:
        common.say(note)


def _describe(entry, partner: str) -> str:
    from reciprocity_cli.render.text import safe

    if not hasattr(entry, "direction"):  # a touch
        from reciprocity_cli.core.gestures import label

        note = f", {safe(entry.note)}" if entry.note else ""
        return f"{label(entry.id)}, the {entry.kind} for {safe(partner)} on {entry.date}{note}"
    way = "given to" if entry.direction == "given" else "got from"
    who = f", {safe(entry.customer)}" if entry.customer else ""
    return f"#{entry.id} {way} {safe(partner)} on {entry.date}{who}"
