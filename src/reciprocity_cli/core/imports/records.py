"""The checked rows every format is read into, and the checks each field passes.

One set of checks for all formats: a value meets the same rules from a CSV, a backup or a
vCard, and a bad one stops the import as `line N: ...`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports import values as v
from reciprocity_cli.core.imports.values import RowError
from reciprocity_cli.errors import RecipError

# The fields each record of a backup may have (what export writes); others are named in a note.
ID_DIGITS = 18  # ids are the longest numbers recip writes
PARTNER_FIELDS = frozenset(
    {"name", "does", "kind", "contact", "phone", "email", "website", "address", "tags", "notes"}
    | {"touch_every", "archived", "created_at", "updated_at", "gift_every", "id"}
)
REFERRAL_FIELDS = frozenset(
    {"id", "date", "direction", "partner", "customer", "customer_contact", "note", "heat"}
    | {"value", "status", "by", "thanked_on", "closed_on", "created_at", "updated_at"}
)
TOUCH_FIELDS = frozenset({"id", "kind", "partner", "date", "note", "cost", "by", "created_at"})
# Reads one date field of a row: (value, line, field) -> the date or None.
DateRead = Callable[[object, int, str], "dt.date | None"]


@dataclass
class PartnerRow:
    line: int
    name: str
    columns: dict  # only the fields the file gives
    archived: bool | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    id: int | None = None  # a backup's: kept when restoring into an empty database


class Priced(NamedTuple):
    """An amount the file wrote with a currency ("$1,200"): the writer holds it to the
    database's currency setting, which is only known once the database is open."""

    field: str
    text: str


def _money(line: int, raw: object, field: str) -> tuple[int | None, Priced | None]:
    if raw is None or raw == "":  # most rows leave it empty: no checks to run
        return None, None
    text = v.amount(raw, line, field)
    money = checked(line, f.parse_money, text, field)
    if money is None:
        return None, None
    return money.cents, Priced(field, text) if money.currency else None


@dataclass
class ReferralRow:
    line: int
    id: int | None
    partner: str
    columns: dict
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    priced: Priced | None = None


@dataclass
class TouchRow:
    line: int
    id: int | None
    partner: str
    columns: dict
    created_at: dt.datetime | None = None
    priced: Priced | None = None


CLOSED_FIELDS = frozenset({"date", "note"})


@dataclass
class ClosedRow:
    line: int
    date: dt.date
    note: str | None


def checked(line: int, check: Callable, *args):
    """One field's check, with the line number put in front of its error."""
    try:
        return check(*args)
    except RowError:
        raise
    except RecipError as error:
        raise RowError(line, str(error)) from None


def partner_row(line: int, raw: dict) -> PartnerRow:
    name = checked(line, f.clean_name, v.text(raw.get("name"), line, "name") or "")
    columns: dict = {}
    text_limits = {"contact": f.SHORT_MAX, "phone": f.SHORT_MAX, "website": f.SHORT_MAX}
    for key in ("does", "contact", "phone", "website", "address", "notes"):
        value = v.text(raw.get(key), line, key)
        if value is not None:
            label = "note" if key == "notes" else key
            columns[key] = checked(
                line, f.clean_text, value, label, text_limits.get(key, f.TEXT_MAX)
            )
    email = v.text(raw.get("email"), line, "email")
    if email:
        columns["email"] = checked(line, f.clean_email, email)
    kind = v.text(raw.get("kind"), line, "kind")
    if kind:
        columns["kind"] = checked(line, f.clean_choice, kind, "kind", f.PARTNER_KINDS)
    tags = v.tags(raw.get("tags"), line)
    if tags:
        columns["tags"] = checked(line, f.clean_tags, tags)
    days = v.whole(raw.get("touch_every"), line, "touch_every", 9)
    if days is not None:
        columns["touch_every"] = checked(line, f.parse_touch_every, days)
    gift_days = v.whole(raw.get("gift_every"), line, "gift_every", 9)
    if gift_days is not None:
        columns["gift_every"] = checked(line, f.parse_gift_every, gift_days)
    return PartnerRow(
        line,
        name,
        columns,
        v.flag(raw.get("archived"), line, "archived"),
        v.stamp(raw.get("created_at"), line, "created_at"),
        v.stamp(raw.get("updated_at"), line, "updated_at"),
        v.whole(raw.get("id"), line, "id", ID_DIGITS) or None,
    )


def _text(line: int, raw: dict, key: str, label: str, limit: int = f.TEXT_MAX) -> str | None:
    value = raw.get(key)
    if value is None or value == "":  # most fields of most rows are empty: no checks to run
        return None
    return checked(line, f.clean_text, v.text(value, line, key), label, limit)


@lru_cache(maxsize=4096)
def _partner_name(text: str) -> str:
    """A file names a few partners over and over: each spelling is checked once."""
    return f.clean_name(text, "partner")


def _name(line: int, raw: dict) -> str:
    return checked(line, _partner_name, v.text(raw.get("partner"), line, "partner") or "")


def _day(line: int, raw: dict, dates: DateRead = v.date) -> dt.date:
    day = dates(raw.get("date"), line, "date")
    if day is None:
        raise RowError(line, "date is empty.")
    return day


def referral_row(line: int, raw: dict, dates: DateRead = v.date) -> ReferralRow:
    """`dates` reads the date fields: a spreadsheet's may be in a local form."""
    raw_id = v.whole(raw.get("id"), line, "id", 18)
    partner = _name(line, raw)
    day = _day(line, raw, dates)
    direction = checked(
        line, f.clean_direction, v.text(raw.get("direction"), line, "direction") or ""
    )
    value_cents, priced = _money(line, raw.get("value"), "value")
    status = v.text(raw.get("status"), line, "status") or "open"
    columns = {
        "direction": direction,
        "date": day,
        "customer": _text(line, raw, "customer", "customer", f.SHORT_MAX),
        "customer_contact": _text(line, raw, "customer_contact", "contact", f.SHORT_MAX),
        "note": _text(line, raw, "note", "note"),
        "heat": _heat(line, raw.get("heat")),
        "value_cents": value_cents,
        "status": checked(line, f.clean_choice, status, "status", f.STATUSES),
        "made_by": _text(line, raw, "by", "by", f.SHORT_MAX),
        "thanked_on": dates(raw.get("thanked_on"), line, "thanked_on"),
    }
    columns["closed_on"] = _closed_on(line, raw, columns["status"], day, dates)
    return ReferralRow(
        line,
        raw_id,
        partner,
        columns,
        v.stamp(raw.get("created_at"), line, "created_at"),
        v.stamp(raw.get("updated_at"), line, "updated_at"),
        priced,
    )


def _heat(line: int, raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    return checked(line, f.parse_heat, v.number_text(raw, line, "heat"))


def _closed_on(line: int, raw: dict, status: str, day: dt.date, dates: DateRead) -> dt.date | None:
    """When a won or lost referral closed: as the file says, else (a file from before recip
    kept it, or a spreadsheet that leaves it empty) its own date, as the upgrade that added
    it did. An open referral has none, and none closes before its date."""
    closed = dates(raw.get("closed_on"), line, "closed_on")
    if status == "open":
        if closed is not None:
            raise RowError(line, f"closed_on {closed} is given, but the referral is open.")
        return None
    if closed is None:
        return day
    if closed < day:
        raise RowError(line, f"closed_on {closed} is before the referral's date {day}.")
    return closed


def touch_row(line: int, raw: dict) -> TouchRow:
    from reciprocity_cli.core.touches import TOUCH_KINDS

    raw_id = v.whole(raw.get("id"), line, "id", 18)
    partner = _name(line, raw)
    day = _day(line, raw)
    cost_cents, priced = _money(line, raw.get("cost"), "cost")
    kind = v.text(raw.get("kind"), line, "kind") or ""
    columns = {
        "kind": checked(line, f.clean_choice, kind, "kind", TOUCH_KINDS),
        "date": day,
        "note": _text(line, raw, "note", "note"),
        "cost_cents": cost_cents,
        "made_by": _text(line, raw, "by", "by", f.SHORT_MAX),
    }
    return TouchRow(
        line, raw_id, partner, columns, v.stamp(raw.get("created_at"), line, "created_at"), priced
    )


def closed_row(line: int, raw: dict) -> ClosedRow:
    return ClosedRow(line, _day(line, raw), _text(line, raw, "note", "note", f.SHORT_MAX))
