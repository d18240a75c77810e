"""Gestures that are not referrals: thank-yous, gifts, meetings, joint promotions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import parse_past_date, today
from reciprocity_cli.core.referrals import currency_setting, default_by, parse_id
from reciprocity_cli.errors import RecipError, quote_arg
from reciprocity_cli.models import Partner, Referral, Touch, utc_now

TOUCH_KINDS = ("thanks", "gift", "meeting", "promo")


@dataclass
class TouchFields:
    """A gesture's fields as typed on the command line; None leaves a field alone."""

    kind: str | None = None
    note: str | None = None
    cost: str | None = None
    date: str | None = None
    by: str | None = None

    def checked(self, currency: str | None = None) -> dict[str, object]:
        """The columns to write, checked; only the fields that were given. `currency` as in
        referrals.EntryFields.checked."""
        columns: dict[str, object] = {}
        if self.kind is not None:
            columns["kind"] = f.clean_choice(self.kind, "kind", TOUCH_KINDS)
        if self.note is not None:
            columns["note"] = f.clean_text(self.note, "note")
        if self.cost is not None:
            columns["cost_cents"] = f.parse_value(self.cost, "cost", currency)
        if self.date is not None:
            columns["date"] = parse_past_date(self.date)
        if self.by is not None:
            columns["made_by"] = f.clean_text(self.by, "by", f.SHORT_MAX)
        return columns


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
    fields = TouchFields(kind=kind, note=note, cost=cost, date=date, by=by)
    columns = {"date": today(), **fields.checked(currency_setting(session, cost))}
    if "made_by" not in columns:  # --by wins; RECIP_ME is only read when it is needed
        columns["made_by"] = default_by()
    touch = Touch(partner_id=partner.id, **columns)
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


class NothingToThank(RecipError):
    """A thank-you with no received referral waiting for one: most likely a second thanks
    for the same referral, so it is recorded only when asked for."""

    def __init__(self, partner: Partner, kind: str = "thanks"):
        if kind == "gift":  # a gift for no referral in particular is a touch of its own
            what = (
                "add --force to record the gift anyway, or record a gift alone with "
                f"recip touch {quote_arg(partner.name)} --kind gift."
            )
        else:
            what = "add --force to record one anyway."
        super().__init__(f"Nothing from {partner.name} is waiting for a thank-you; {what}")


def waiting(
    session: Session, partner: Partner, for_id: str | None = None, date: str | None = None
) -> Referral | None:
    """The referral a thank-you on `date` would mark, checked as thank() checks it (a bad
    --for or date is refused here), without writing anything: for asking before writing."""
    day = parse_past_date(date) if date is not None else today()
    return referral_to_thank(session, partner, for_id, day)


def thank(
    session: Session,
    partner: Partner,
    *,
    kind: str = "thanks",
    note: str | None = None,
    cost: str | None = None,
    for_id: str | None = None,
    date: str | None = None,
    by: str | None = None,
    anyway: bool = False,
) -> tuple[Touch, Referral | None]:
    """The one rule for a thank-you, whichever command records it (`thank`, `thank --gift`,
    `touch --kind thanks`): record the gesture and mark the referral it thanks (the one
    --for names, else the oldest not yet thanked). With nothing waiting for thanks it is
    refused (NothingToThank) unless `anyway`."""
    touch = record_touch(session, partner, kind, note=note, cost=cost, date=date, by=by)
    # A bad --for raises here and the whole transaction, touch included, rolls back.
    referral = referral_to_thank(session, partner, for_id, touch.date)
    if referral is None and not anyway:
        raise NothingToThank(partner, touch.kind)
    if referral is not None:
        referral.thanked_on = touch.date
        referral.updated_at = utc_now()
    return touch, referral
