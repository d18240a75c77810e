"""The checked rows every format is read into, and the checks each field passes.

One set of checks for all formats: a value meets the same rules from a CSV, a backup or a
vCard, and a bad one stops the import as `line N: ...`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import EARLIEST, today
from reciprocity_cli.errors import RecipError


class RowError(RecipError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")


@dataclass
class PartnerRow:
    line: int
    name: str
    columns: dict  # only the fields the file gives
    archived: bool | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Priced:
    """An amount the file wrote with a currency ("$1,200"): the writer holds it to the
    database's currency setting, which is only known once the database is open."""

    field: str
    text: str


def _money(line: int, raw: object, field: str) -> tuple[int | None, Priced | None]:
    text = None if raw in (None, "") else str(raw)
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


@dataclass
class Plan:
    partners: list[PartnerRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    touches: list[TouchRow] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.partners) + len(self.referrals) + len(self.touches)


def _iso_date(raw: object, line: int, what: str) -> dt.date | None:
    """YYYY-MM-DD only, from 1900 up to today: files get no relative or future dates."""
    if raw in (None, ""):
        return None
    text = raw.strip() if isinstance(raw, str) else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise RowError(line, f'{what} "{raw}" is not a date (YYYY-MM-DD).')
    try:
        found = dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(line, f'{what} "{raw}" is not a real date.') from None
    if found < EARLIEST or found > today():
        raise RowError(line, f"{what} {found} is before {EARLIEST} or in the future.")
    return found


def _stamp(raw: object, line: int) -> dt.datetime | None:
    if not raw:
        return None
    try:
        return dt.datetime.fromisoformat(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RowError(line, f'timestamp "{raw}" is not ISO 8601.') from None


def checked(line: int, check: Callable, *args):
    """One field's check, with the line number put in front of its error."""
    try:
        return check(*args)
    except RowError:
        raise
    except RecipError as error:
        raise RowError(line, str(error)) from None


def partner_row(line: int, raw: dict) -> PartnerRow:
    name = checked(line, f.clean_name, raw.get("name") or "")
    columns: dict = {}
    text_limits = {"contact": f.SHORT_MAX, "phone": f.SHORT_MAX, "website": f.SHORT_MAX}
    for key in ("does", "contact", "phone", "website", "address", "notes"):
        if raw.get(key) not in (None, ""):
            label = "note" if key == "notes" else key
            columns[key] = checked(
                line, f.clean_text, raw[key], label, text_limits.get(key, f.TEXT_MAX)
            )
    if raw.get("email"):
        columns["email"] = checked(line, f.clean_email, raw["email"])
    if raw.get("kind"):
        columns["kind"] = checked(line, f.clean_choice, raw["kind"], "kind", f.PARTNER_KINDS)
    tags = raw.get("tags")
    if tags:
        columns["tags"] = checked(line, f.clean_tags, tags if isinstance(tags, list) else [tags])
    every = raw.get("touch_every")
    if every not in (None, ""):
        days = f.whole_number(str(every))
        if days is None:
            raise RowError(line, f'touch_every "{every}" is not a whole number of days.')
        columns["touch_every"] = checked(line, f.parse_touch_every, days)
    archived = raw.get("archived")
    if isinstance(archived, str):
        if archived.strip().lower() not in ("", "true", "false", "1", "0", "yes", "no"):
            raise RowError(line, f'archived "{archived}" must be true or false.')
        archived = archived.strip().lower() in ("true", "1", "yes") if archived.strip() else None
    return PartnerRow(
        line,
        name,
        columns,
        archived,
        _stamp(raw.get("created_at"), line),
        _stamp(raw.get("updated_at"), line),
    )


def _row_id(line: int, raw: dict) -> int | None:
    raw_id = str(raw.get("id") or "").strip()
    number = f.whole_number(raw_id, 18) if raw_id else None
    if raw_id and number is None:
        raise RowError(line, f'id "{raw_id}" is not a whole number.')
    return number


def referral_row(line: int, raw: dict) -> ReferralRow:
    raw_id = _row_id(line, raw)
    partner = checked(line, f.clean_name, raw.get("partner") or "", "partner")
    day = _iso_date(raw.get("date"), line, "date")
    if day is None:
        raise RowError(line, "date is empty.")
    direction = checked(line, f.clean_direction, raw.get("direction") or "")
    value_cents, priced = _money(line, raw.get("value"), "value")
    columns = {
        "direction": direction,
        "date": day,
        "customer": checked(
            line, f.clean_text, raw.get("customer") or None, "customer", f.SHORT_MAX
        ),
        "customer_contact": checked(
            line, f.clean_text, raw.get("customer_contact") or None, "contact", f.SHORT_MAX
        ),
        "note": checked(line, f.clean_text, raw.get("note") or None, "note"),
        "heat": checked(
            line, f.parse_heat, None if raw.get("heat") in (None, "") else str(raw["heat"])
        ),
        "value_cents": value_cents,
        "status": checked(line, f.clean_choice, raw.get("status") or "open", "status", f.STATUSES),
        "made_by": checked(line, f.clean_text, raw.get("by") or None, "by", f.SHORT_MAX),
        "thanked_on": _iso_date(raw.get("thanked_on"), line, "thanked_on"),
    }
    return ReferralRow(
        line,
        raw_id,
        partner,
        columns,
        _stamp(raw.get("created_at"), line),
        _stamp(raw.get("updated_at"), line),
        priced,
    )


def touch_row(line: int, raw: dict) -> TouchRow:
    from reciprocity_cli.core.touches import TOUCH_KINDS

    day = _iso_date(raw.get("date"), line, "date")
    if day is None:
        raise RowError(line, "date is empty.")
    cost_cents, priced = _money(line, raw.get("cost"), "cost")
    columns = {
        "kind": checked(line, f.clean_choice, raw.get("kind") or "", "kind", TOUCH_KINDS),
        "date": day,
        "note": checked(line, f.clean_text, raw.get("note") or None, "note"),
        "cost_cents": cost_cents,
        "made_by": checked(line, f.clean_text, raw.get("by") or None, "by", f.SHORT_MAX),
    }
    return TouchRow(
        line,
        _row_id(line, raw),
        checked(line, f.clean_name, raw.get("partner") or "", "partner"),
        columns,
        _stamp(raw.get("created_at"), line),
        priced,
    )
