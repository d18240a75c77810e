"""Reciprocity lag: the days from a referral got to the next one given back (DESIGN,
"Closing the loop"). For all time the scorecard reads the median from partner_lag, a row per
partner and lag that the database keeps (revision 0009); `recip db check` recounts it."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from reciprocity_cli.models import PartnerLag, Referral


def days_between(session: Session, later, earlier) -> ColumnElement:
    """Whole days from one date to another, in the engine's own arithmetic."""
    if session.get_bind().dialect.name == "sqlite":  # dates are YYYY-MM-DD text there
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return cast(later - earlier, Integer)


def next_given(got, until: dt.date | None = None):
    """The date of the first referral given back to the partner on or after the day of the
    referral `got` (a row of an alias of referral), up to `until`: one index seek."""
    back = Referral.__table__.alias("back")
    return (
        select(func.min(back.c.date))
        .where(
            back.c.partner_id == got.c.partner_id,
            back.c.direction == "given",
            back.c.date >= got.c.date,
            *([back.c.date <= until] if until else []),
        )
        .scalar_subquery()
    )


def recount(session: Session):
    """(partner_id, lag_days, gots) from every referral got, as partner_lag should hold."""
    got = Referral.__table__.alias("got")
    returned = next_given(got)
    lags = (
        select(got.c.partner_id, days_between(session, returned, got.c.date).label("lag"))
        .where(got.c.direction == "got")
        .subquery()
    )
    return (
        select(lags.c.partner_id, lags.c.lag.label("lag_days"), func.count().label("gots"))
        .where(lags.c.lag.is_not(None))
        .group_by(lags.c.partner_id, lags.c.lag)
    )


def tallied_medians(session: Session, partner_ids: list[int] | None) -> dict[int, Fraction]:
    """Per partner, the median lag of all time from the lag tallies: the window functions
    find the one or two lags holding the middle positions (k1 = (n+1)/2 and k2 = n/2+1 of
    n returned), so at most two rows per partner come back."""
    lag = PartnerLag.__table__.c
    counted = select(
        lag.partner_id,
        lag.lag_days,
        lag.gots,
        func.sum(lag.gots)
        .over(partition_by=lag.partner_id, order_by=lag.lag_days, rows=(None, 0))
        .label("upto"),
        func.sum(lag.gots).over(partition_by=lag.partner_id).label("total"),
    ).where(lag.gots > 0)
    if partner_ids is not None:
        counted = counted.where(lag.partner_id.in_(partner_ids))
    counted = counted.subquery()
    c = counted.c
    middle = (
        select(c.partner_id, func.sum(c.lag_days), func.count())
        .where(c.upto >= (c.total + 1) // 2, c.upto - c.gots < c.total // 2 + 1)
        .group_by(c.partner_id)
    )
    return {pid: Fraction(int(total), count) for pid, total, count in session.execute(middle)}
