"""Recording how a referral turned out: `won` and `lost`.

The rules: the outcome is dated (`closed_on`) on the day given, today by default, never
before the referral's own date nor after today. Marking a referral with another outcome
than it had is allowed and reported; marking it with the one it has keeps its closing date
unless another is given, so running a command twice changes nothing. A note given with
`lost` is added to the referral's note, never put in its place: the note may hold what was
written when the customer was sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import parse_date, parse_past_date
from reciprocity_cli.core.referrals import currency_setting, get, parse_id
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner, Referral, utc_now

NOTE_JOIN = "; "  # between the note a referral had and the one `lost --note` adds


@dataclass
class Outcome:
    """What `won` or `lost` did to one referral."""

    referral: Referral
    partner: str
    archived: bool
    was: str  # the status before
    was_closed_on: dt.date | None
    changed: list[str] = field(default_factory=list)  # the fields written


def check_id(raw: str) -> int:
    """The entry id, or one line saying how to find it when something else was typed (a
    partner's or a customer's name is the likely slip)."""
    try:
        return parse_id(raw)
    except RecipError:
        if not any(ch.isalpha() for ch in raw):
            raise
        raise RecipError(
            f'"{raw}" is not an entry id. Find the id with recip log --status open '
            f'(--partner PARTNER or --search "{raw}").'
        ) from None


def close(
    session: Session,
    raw_id: str,
    outcome: str,
    *,
    date: str | None = None,
    value: str | None = None,
    note: str | None = None,
) -> Outcome:
    """Mark the referral won or lost, checked whole before anything is written."""
    if outcome not in ("won", "lost"):
        raise ValueError(outcome)
    closed_typed = parse_past_date(date) if date is not None else None
    cents = _value(value, currency_setting(session, value)) if value is not None else None
    added = _note(note) if note is not None else None
    check_id(raw_id)
    referral = get(session, raw_id)
    partner = session.get(Partner, referral.partner_id)
    result = Outcome(referral, partner.name, partner.archived, referral.status, referral.closed_on)
    same = referral.status == outcome
    if closed_typed is not None:
        closed = closed_typed
    elif same and referral.closed_on is not None:
        closed = referral.closed_on  # the same outcome again: it was known then, not today
    else:
        closed = parse_date("today")
    if closed < referral.date:
        raise RecipError(
            f"#{referral.id} is from {referral.date}; it cannot have closed earlier, on "
            f"{closed}. Give --date the day you learnt the outcome."
        )
    wanted: dict[str, object] = {"status": outcome, "closed_on": closed}
    if cents is not None:
        wanted["value_cents"] = cents
    if added is not None:
        wanted["note"] = _joined(referral, added)
    for name, new in wanted.items():
        if getattr(referral, name) != new:
            setattr(referral, name, new)
            result.changed.append(name)
    if result.changed:
        referral.updated_at = utc_now()
    return result


def _value(raw: str, currency: str | None) -> int:
    cents = f.parse_value(raw, currency=currency)
    if cents is None:
        raise RecipError("--value needs an amount, e.g. --value 1250; leave it out to keep one.")
    return cents


def _note(raw: str) -> str:
    text = f.clean_text(raw, "note")
    if text is None or not text.strip():
        raise RecipError("--note needs some text, e.g. --note 'went with a cheaper quote'.")
    return text


def _joined(referral: Referral, added: str) -> str:
    """The note with `added` at its end, once: the same note twice is not written twice."""
    current = referral.note
    if not current:
        return added
    if current == added or current.endswith(NOTE_JOIN + added):
        return current
    joined = current + NOTE_JOIN + added
    if len(joined) > f.TEXT_MAX:
        raise RecipError(
            f"The note would be {len(joined)} characters long with that added; the limit is "
            f"{f.TEXT_MAX}. Shorten it first with recip edit {referral.id} --note."
        )
    return joined
