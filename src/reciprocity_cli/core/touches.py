"""Gestures that are not referrals: thank-yous, gifts, meetings, joint promotions."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import parse_past_date, today
from reciprocity_cli.core.referrals import currency_setting, default_by, parse_id
from reciprocity_cli.errors import RecipError, quote_arg
from reciprocity_cli.models import Partner, Referral, Touch, utc_now

TOUCH_KINDS = ("thanks", "gift", "meeting", "promo")


def record_touch(
    session: Session,
    partner: Partner,
    kind: str,
    *,
    note: str | None = None,
    cost: str | None = None,
    date: str | None = None,
    by: str | None = None,
) -> Touch:
    touch = Touch(
        kind=f.clean_choice(kind, "kind", TOUCH_KINDS),
        partner_id=partner.id,
        date=parse_past_date(date) if date is not None else today(),
        note=f.clean_text(note, "note"),
        cost_cents=f.parse_value(cost, "cost", currency_setting(session, cost)),
        made_by=f.clean_text(by, "by", f.SHORT_MAX) if by is not None else default_by(),
    )
    session.add(touch)
    session.flush()
    return touch


def referral_to_thank(
    session: Session, partner: Partner, for_id: str | None, day: dt.date
) -> Referral | None:
    """The received referral a thank-you is for: the one named, else the oldest one not yet
    thanked that had arrived by the day of the thanks."""
    if for_id is not None:
        referral = session.get(Referral, parse_id(for_id))
        if referral is None or referral.partner_id != partner.id or referral.direction != "got":
            raise RecipError(
                f"#{parse_id(for_id)} is not a referral you got from {partner.name}; "
                f"see recip log --partner {quote_arg(partner.name)} --direction got."
            )
        if referral.thanked_on is not None:
            raise RecipError(f"#{referral.id} was already thanked on {referral.thanked_on}.")
        if referral.date > day:
            raise RecipError(f"#{referral.id} arrived on {referral.date}, after {day}.")
        return referral
    return session.exec(
        select(Referral)
        .where(
            Referral.partner_id == partner.id,
            Referral.direction == "got",
            Referral.thanked_on.is_(None),
            Referral.date <= day,
        )
        .order_by(Referral.date, Referral.id)
        .limit(1)
    ).first()


def thank(
    session: Session,
    partner: Partner,
    *,
    gift: str | None = None,
    cost: str | None = None,
    for_id: str | None = None,
    date: str | None = None,
    by: str | None = None,
) -> tuple[Touch, Referral | None]:
    """Record a thank-you (a gift when --gift is given) and mark the referral as thanked."""
    touch = record_touch(
        session,
        partner,
        "gift" if gift else "thanks",
        note=gift,
        cost=cost,
        date=date,
        by=by,
    )
    # A bad --for raises here and the whole transaction, touch included, rolls back.
    referral = referral_to_thank(session, partner, for_id, touch.date)
    if referral is not None:
        referral.thanked_on = touch.date
        referral.updated_at = utc_now()
    return touch, referral
