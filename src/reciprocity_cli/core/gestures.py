"""Gestures (touches) as entries of their own: found by id, listed, corrected, and what they
cost added up. Touch ids are a separate series from referral ids, so they are written with
a "t" in front (t3); a plain number is always a referral."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import Row, case, func
from sqlmodel import Session, select

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.referrals import currency_setting
from reciprocity_cli.core.touches import TouchFields
from reciprocity_cli.core.words import fold
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner, Referral, Touch

PREFIX = "t"


def label(touch_id: int) -> str:
    """A touch id as users see and type it."""
    return f"{PREFIX}{touch_id}"


def thanked_with(session: Session, touch: Touch) -> list[int]:
    """The referrals a thank-you (or gift) marked: the partner's received ones thanked on
    its day. Removing or re-kinding the gesture leaves them marked."""
    if touch.kind not in ("thanks", "gift"):
        return []
    query = select(Referral.id).where(
        Referral.partner_id == touch.partner_id,
        Referral.direction == "got",
        Referral.thanked_on == touch.date,
    )
    return list(session.scalars(query.order_by(Referral.id)))


def still_marked(ids: list[int]) -> str | None:
    """The note for referrals a removed thank-you leaves marked, naming them."""
    if not ids:
        return None
    named = ", ".join(f"#{n}" for n in ids)
    first = ids[0]
    clear = f"recip edit {first} --thanked-on ''"
    if len(ids) == 1:
        return f"The referral it thanked ({named}) stays marked; clear it with {clear}."
    return f"The referrals it thanked ({named}) stay marked; clear each as {clear}."


def parse_id(raw: str) -> int:
    text = raw.strip().lstrip("#").lstrip()
    number = f.whole_number(text[1:], 18) if text[:1].lower() == PREFIX else None
    if number is None:
        raise RecipError(
            f'"{raw}" is not a gesture id; they look like t3 (see recip log --touches).'
        )
    return number


def get(session: Session, raw_id: str) -> Touch:
    touch = session.get(Touch, parse_id(raw_id))
    if touch is None:
        raise RecipError(
            f"No gesture {label(parse_id(raw_id))}; recip log --touches lists them and their ids."
        )
    return touch


def update(
    session: Session, touch: Touch, fields: TouchFields, *, partner: Partner | None = None
) -> list[str]:
    """Apply corrections to a gesture; returns the names of the fields that changed."""
    changes = fields.checked(currency_setting(session, fields.cost))
    if partner is not None:
        changes["partner_id"] = partner.id
    changed = [name for name, value in changes.items() if getattr(touch, name) != value]
    for name in changed:
        setattr(touch, name, changes[name])
    return changed


# --- listing --------------------------------------------------------------------------------


class TouchFilter(NamedTuple):
    partner_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    by: tuple[str, ...] | None = None  # the stored spellings of one person's name
    search: tuple[str, ...] = ()  # words each found in the note
    limit: int | None = None


def _filtered(query, where: TouchFilter):
    if where.partner_id is not None:
        query = query.where(Touch.partner_id == where.partner_id)
    if where.since:
        query = query.where(Touch.date >= where.since)
    if where.until:
        query = query.where(Touch.date <= where.until)
    if where.kind:
        query = query.where(Touch.kind == where.kind)
    if where.by is not None:
        query = query.where(Touch.made_by.in_(where.by))
    if where.search:
        from reciprocity_cli.core.textmatch import word_pattern

        for word in where.search:
            query = query.where(func.coalesce(Touch.note, "").regexp_match(word_pattern(word)))
    return query


LISTED = tuple(c for c in Touch.__table__.c if c.name != "created_at")


def iter_touches(session: Session, where: TouchFilter) -> Iterator[Row]:
    """Gestures with their partner's name (`.name`), newest first, fetched in batches."""
    query = select(*LISTED, Partner.name).join(Partner, Partner.id == Touch.partner_id)
    query = _filtered(query, where).order_by(Touch.date.desc(), Touch.id.desc())
    if where.limit:
        query = query.limit(where.limit)
    yield from session.execute(query.execution_options(yield_per=2000))


def count_touches(session: Session, where: TouchFilter) -> int:
    return session.exec(_filtered(select(func.count()).select_from(Touch), where)).one()


def spellings(session: Session, typed: str) -> tuple[str, ...]:
    """Every stored spelling of the person `typed` names among those who recorded gestures
    (case, accents and spaces around it aside, as report --by finds people); the database
    groups the names, and people are few. None found: an error naming who there is."""
    wanted = fold(typed)
    if not wanted:
        raise RecipError("--by is empty; give the name entries were recorded under.")
    names = session.scalars(
        select(Touch.made_by).where(Touch.made_by.is_not(None)).group_by(Touch.made_by)
    ).all()
    found = tuple(sorted(name for name in names if fold(name) == wanted))
    if not found:
        known = sorted({" ".join(n.split()) for n in names if fold(n)}, key=fold)
        listed = ", ".join(f'"{name}"' for name in known[:10]) or "nobody yet"
        raise RecipError(f'Nobody named "{typed}" has recorded a gesture; who has: {listed}.')
    return found


# --- what gestures cost ---------------------------------------------------------------------


class Spend(NamedTuple):
    count: int  # gestures of every kind
    gifts: int
    cost_cents: int  # all time
    cost_this_year_cents: int


def partner_spend(session: Session, partner_id: int, day: dt.date) -> Spend:
    """One partner's gestures, gifts and what they cost, all time and in `day`'s year (up
    to `day`), added up by the database."""
    this_year = (Touch.date >= dt.date(day.year, 1, 1)) & (Touch.date <= day)
    count, gifts, cost, cost_this_year = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Touch.kind == "gift", 1), else_=0)), 0),
            func.coalesce(func.sum(Touch.cost_cents), 0),
            func.coalesce(func.sum(case((this_year, Touch.cost_cents), else_=0)), 0),
        ).where(Touch.partner_id == partner_id)
    ).one()
    return Spend(int(count), int(gifts), int(cost), int(cost_this_year))


def period_cost(
    session: Session, start: dt.date, end: dt.date, made_by: tuple[str, ...] | None = None
) -> int:
    """What the gestures dated in the period cost, in hundredths; with `made_by`, only the
    ones those spellings recorded."""
    query = select(func.coalesce(func.sum(Touch.cost_cents), 0)).where(
        Touch.date >= start, Touch.date <= end
    )
    if made_by is not None:
        query = query.where(Touch.made_by.in_(made_by))
    return int(session.execute(query).scalar_one())
