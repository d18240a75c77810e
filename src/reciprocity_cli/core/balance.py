"""The reciprocity rules (DESIGN.md) and the per-partner balance query, added up in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import and_, case, false, func, literal, or_, select
from sqlmodel import Session

from reciprocity_cli.models import Partner, Referral

STATUS_ORDER = ("you_owe", "balanced", "they_owe", "no_activity")

Band = tuple[Fraction, Fraction]


def share_of(given: int, got: int) -> Fraction | None:
    """given / (given + got), exactly; None when nothing has passed either way."""
    total = given + got
    return None if total == 0 else Fraction(given, total)


def status_of(given: int, got: int, band: Band) -> str:
    """you_owe below the fair band, they_owe above it; the bounds themselves are balanced."""
    share = share_of(given, got)
    if share is None:
        return "no_activity"
    low, high = band
    if share < low:
        return "you_owe"
    if share > high:
        return "they_owe"
    return "balanced"


@dataclass(frozen=True)
class Balance:
    """One partner's balance over a period. With by_value, amounts are hundredths of money."""

    partner_id: int
    partner: str
    kind: str
    archived: bool
    given: int
    got: int
    last_given: dt.date | None
    last_got: dt.date | None
    status: str

    @property
    def net(self) -> int:
        return self.got - self.given

    @property
    def share(self) -> Fraction | None:
        return share_of(self.given, self.got)

    def sort_key(self) -> tuple:
        """You-owe first by largest net, then balanced, they-owe and idle partners."""
        return (STATUS_ORDER.index(self.status), -self.net, self.partner.casefold())


def tag_filter(tag: str):
    """Tags are stored comma-separated; match one whole tag, whatever characters it holds."""
    padded = literal(",") + func.coalesce(Partner.tags, "") + literal(",")
    return padded.contains(f",{tag.strip().lower()},", autoescape=True)


def balances(
    session: Session,
    band: Band,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    tag: str | None = None,
    by_value: bool = False,
    partner_ids: list[int] | None = None,
) -> list[Balance]:
    """Per-partner given/got, sorted you-owe first. Archived partners appear only with activity."""
    referral = Referral.__table__.c
    partner = Partner.__table__.c
    joined_on = [referral.partner_id == partner.id]
    if since:
        joined_on.append(referral.date >= since)
    if until:
        joined_on.append(referral.date <= until)
    weight = (
        case((referral.status == "won", func.coalesce(referral.value_cents, 0)), else_=0)
        if by_value
        else literal(1)
    )

    def total(direction: str):
        return func.coalesce(func.sum(case((referral.direction == direction, weight), else_=0)), 0)

    def last(direction: str):
        return func.max(case((referral.direction == direction, referral.date)))

    query = (
        select(
            partner.id,
            partner.name,
            partner.kind,
            partner.archived,
            total("given"),
            total("got"),
            last("given"),
            last("got"),
        )
        .select_from(Partner.__table__.outerjoin(Referral.__table__, and_(*joined_on)))
        .group_by(partner.id, partner.name, partner.kind, partner.archived)
        .having(or_(partner.archived == false(), func.count(referral.id) > 0))
    )
    if kind:
        query = query.where(partner.kind == kind)
    if tag:
        query = query.where(tag_filter(tag))
    if partner_ids is not None:
        query = query.where(partner.id.in_(partner_ids))
    rows = [
        Balance(
            partner_id=pid,
            partner=name,
            kind=kind_,
            archived=bool(archived),
            given=int(given),
            got=int(got),
            last_given=last_given,
            last_got=last_got,
            status=status_of(int(given), int(got), band),
        )
        for pid, name, kind_, archived, given, got, last_given, last_got in session.execute(query)
    ]
    return sorted(rows, key=Balance.sort_key)


def one_balance(session: Session, band: Band, partner_id: int) -> Balance:
    """A single partner's all-time balance (archived or not)."""
    rows = balances(session, band, partner_ids=[partner_id])
    if rows:
        return rows[0]
    name, kind, archived = session.execute(
        select(Partner.name, Partner.kind, Partner.archived).where(Partner.id == partner_id)
    ).one()
    return Balance(partner_id, name, kind, archived, 0, 0, None, None, "no_activity")
