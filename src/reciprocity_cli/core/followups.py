"""Follow-ups: open referrals old enough to ask how they went (DESIGN, "Closing the loop").

Archived partners are left out, as they leave every other reminder, unless their referrals
are asked for by naming the partner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import func, literal_column, select
from sqlmodel import Session

from reciprocity_cli.models import Partner, PartnerTally, Referral

DIRECTIONS = ("given", "got")


class FollowUp(NamedTuple):
    id: int
    date: dt.date
    direction: str
    partner: str
    customer: str | None
    customer_contact: str | None
    note: str | None
    phone: str | None
    days_open: int

    @property
    def question(self) -> str:
        return question(self.direction, self.partner, self.customer, self.date)


def question(direction: str, partner: str, customer: str | None, date: dt.date) -> str:
    """What to ask: the partner how your customer got on, or yourself whether theirs booked."""
    if direction == "given":
        if customer:
            return f"Ask {partner} how it went with {customer}"
        return f"Ask {partner} how the customer you sent on {date} got on"
    if customer:
        return f"Did {customer} from {partner} book?"
    return f"Did the customer {partner} sent on {date} book?"


class Due(NamedTuple):
    """How many follow-ups are due, and the oldest of them (None when none is)."""

    count: int
    oldest: FollowUp | None


def _open_since(
    cutoff: dt.date | None,
    direction: str | None,
    partner_id: int | None,
    after: dt.date | None = None,
) -> list:
    """Open referrals dated on or before the cutoff (any day with None; and after `after`,
    when given); an archived partner's only when named.

    Written so the index of open referrals alone serves them (revision 0006): 'open' in the
    SQL itself, not a parameter, and both directions named."""
    where = [
        Referral.status == literal_column("'open'"),
        Referral.direction.in_([direction] if direction else list(DIRECTIONS)),
    ]
    if cutoff is not None:
        where.append(Referral.date <= cutoff)
    if after is not None:
        where.append(Referral.date > after)
    if partner_id is not None:
        where.append(Referral.partner_id == partner_id)
    else:
        where.append(Partner.archived == False)  # noqa: E712
    return where


def followups(
    session: Session,
    day: dt.date,
    days: int,
    *,
    direction: str | None = None,
    partner_id: int | None = None,
    limit: int | None = None,
    after: dt.date | None = None,
) -> Iterator[FollowUp]:
    """Open referrals at least `days` days old on `day`, oldest first (ties: by id); with
    `after`, only those dated after it."""
    query = (
        select(
            Referral.id,
            Referral.date,
            Referral.direction,
            Partner.name,
            Referral.customer,
            Referral.customer_contact,
            Referral.note,
            Partner.phone,
        )
        .join(Partner, Partner.id == Referral.partner_id)
        .where(*_open_since(day - dt.timedelta(days=days), direction, partner_id, after))
        .order_by(Referral.date, Referral.id)
        .limit(limit)
    )
    for rid, date, way, partner, customer, contact, note, phone in session.execute(query):
        yield FollowUp(rid, date, way, partner, customer, contact, note, phone, (day - date).days)


def due(session: Session, day: dt.date, days: int) -> Due:
    """For `today`: the number of follow-ups due and the oldest, at a cost that does not grow
    with the history: the open referrals every partner's tally counts (revision 0008), less
    those too recent to ask about, found in the index of open referrals."""
    cutoff = day - dt.timedelta(days=days)
    tally = PartnerTally.__table__.c
    active = Partner.archived == False  # noqa: E712
    open_ones = session.execute(
        select(func.coalesce(func.sum(tally.referrals - tally.won - tally.lost), 0))
        .join(Partner, Partner.id == tally.partner_id)
        .where(active)
    ).scalar_one()
    too_recent = session.execute(
        select(func.count())
        .select_from(Referral)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(*_open_since(None, None, None, after=cutoff))
    ).scalar_one()
    count = int(open_ones) - too_recent
    # The oldest of each direction's, each the first entry of its range of the index.
    firsts = [next(followups(session, day, days, direction=d, limit=1), None) for d in DIRECTIONS]
    oldest = min((f for f in firsts if f), key=lambda f: (f.date, f.id), default=None)
    return Due(count, oldest)
