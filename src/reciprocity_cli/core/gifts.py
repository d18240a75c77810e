"""Gift reminders: a partner with `gift_every` days is due a gift when the last one (a touch
of kind gift: `recip touch --kind gift` or `recip thank --gift`) is that many days old, or
when they have never had one."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session

from reciprocity_cli.models import Partner, Touch


class GiftDue(NamedTuple):
    partner: str
    every: int
    last: dt.date | None  # the last gift on or before the day; None: never
    due: dt.date  # last + every; the day itself for a partner never given one
    phone: str | None
    partner_id: int = 0  # for keys that outlive a rename (calendar reminders)


def gift_schedule(session: Session, day: dt.date) -> list[GiftDue]:
    """Every active partner with a gift interval and when their next gift is due, as it
    stood on `day`: the last gift per partner is found by the database (its partner and
    date index), soonest due first."""
    last_gift = (
        select(Touch.partner_id, func.max(Touch.date).label("last"))
        .where(Touch.kind == "gift", Touch.date <= day)
        .group_by(Touch.partner_id)
        .subquery()
    )
    rows = session.execute(
        select(Partner.name, Partner.gift_every, Partner.phone, last_gift.c.last, Partner.id)
        .outerjoin(last_gift, last_gift.c.partner_id == Partner.id)
        .where(Partner.archived == False, Partner.gift_every.is_not(None))  # noqa: E712
    )
    schedule = [
        GiftDue(
            name, every, last, day if last is None else last + dt.timedelta(days=every), phone, pid
        )
        for name, every, phone, last, pid in rows
    ]
    return sorted(schedule, key=lambda g: (g.due, g.last or dt.date.min, g.partner.casefold()))


def gifts_due(session: Session, day: dt.date) -> list[GiftDue]:
    """The partners due a gift on `day`: their interval has passed, or they never had one."""
    return [gift for gift in gift_schedule(session, day) if gift.due <= day]
