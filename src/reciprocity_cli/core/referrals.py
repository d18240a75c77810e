"""Referrals given and received: recording, listing, correcting."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Row, func
from sqlmodel import Session, select

from reciprocity_cli.core import fields as f
from reciprocity_cli.core import settings
from reciprocity_cli.core.dates import parse_date, parse_past_date
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner, Referral, utc_now


def default_by() -> str | None:
    """Who is making entries: RECIP_ME, else the login name (per person, not per database)."""
    me = os.environ.get("RECIP_ME", "").strip()
    if me:
        # Held to the same rules as --by: it is stored with every entry and printed.
        try:
            return f.clean_text(me, "by", f.SHORT_MAX)
        except RecipError:
            raise RecipError(
                f"RECIP_ME must be a name on one line of at most {f.SHORT_MAX} characters, "
                "without control characters; fix it in your environment or pass --by."
            ) from None
    try:
        return f.login_name(getpass.getuser())
    except (KeyError, OSError):
        return None


@dataclass
class EntryFields:
    """Referral fields as typed on the command line; None leaves a field alone."""

    customer: str | None = None
    contact: str | None = None
    note: str | None = None
    heat: str | None = None
    value: str | None = None
    status: str | None = None
    by: str | None = None
    date: str | None = None
    thanked_on: str | None = None
    closed_on: str | None = None

    def checked(self, currency: str | None = None) -> dict[str, object]:
        """The columns to write, checked; only the fields that were given.

        `currency` is the setting: a value typed in another currency is refused. Without it
        (before the database is open) any currency is let through, to be checked again.
        """
        columns: dict[str, object] = {}
        if self.customer is not None:
            columns["customer"] = f.clean_text(self.customer, "customer", f.SHORT_MAX)
        if self.contact is not None:
            columns["customer_contact"] = f.clean_text(self.contact, "contact", f.SHORT_MAX)
        if self.note is not None:
            columns["note"] = f.clean_text(self.note, "note")
        if self.heat is not None:
            columns["heat"] = None if self.heat.strip() == "" else f.parse_heat(self.heat)
        if self.value is not None:
            columns["value_cents"] = f.parse_value(self.value, currency=currency)
        if self.status is not None:
            columns["status"] = f.clean_choice(self.status, "status", f.STATUSES)
        if self.by is not None:
            columns["made_by"] = f.clean_text(self.by, "by", f.SHORT_MAX)
        if self.date is not None:
            columns["date"] = parse_past_date(self.date)
        if self.thanked_on is not None:
            text = self.thanked_on.strip()
            columns["thanked_on"] = (
                None if text in ("", "never", "no") else parse_past_date(text, "--thanked-on")
            )
        if self.closed_on is not None:
            if not self.closed_on.strip():
                raise RecipError(
                    "--closed-on needs a date; to make the referral open again use --status open."
                )
            columns["closed_on"] = parse_past_date(self.closed_on, "--closed-on")
        return columns


def currency_setting(session: Session, amount: str | None) -> str | None:
    """The currency setting, read only when there is an amount to hold to it."""
    return settings.load(session).currency if amount and amount.strip() else None


def record(session: Session, direction: str, partner: Partner, fields: EntryFields) -> Referral:
    columns = {
        "date": parse_date("today"),
        **fields.checked(currency_setting(session, fields.value)),
    }
    if "made_by" not in columns:  # --by wins; RECIP_ME is only read when it is needed
        columns["made_by"] = default_by()
    if columns.get("status", "open") != "open":
        columns["closed_on"] = columns["date"]  # an outcome known when it is logged
    referral = Referral(direction=direction, partner_id=partner.id, **columns)
    session.add(referral)
    session.flush()
    return referral


def parse_id(raw: str) -> int:
    text = raw.strip().lstrip("#")
    number = f.whole_number(text, 18)
    if number is None and text[:1] in ("t", "T") and f.whole_number(text[1:], 18) is not None:
        raise RecipError(
            f'"{raw.strip()}" is a gesture (see recip log --touches); this needs a referral\'s '
            "number."
        )
    if number is None:
        raise RecipError(f'"{raw}" is not an entry id; ids are the numbers `recip log` shows.')
    return number


def get(session: Session, raw_id: str) -> Referral:
    referral = session.get(Referral, parse_id(raw_id))
    if referral is None:
        raise RecipError(f"No entry #{parse_id(raw_id)}; `recip log` lists the entries and ids.")
    return referral


def update(
    session: Session,
    referral: Referral,
    fields: EntryFields,
    *,
    partner: Partner | None = None,
    direction: str | None = None,
) -> list[str]:
    """Apply corrections; returns the names of the fields that changed."""
    changes = fields.checked(currency_setting(session, fields.value))
    if partner is not None:
        changes["partner_id"] = partner.id
    if direction is not None:
        changes["direction"] = f.clean_direction(direction)
    after = {
        name: changes.get(name, getattr(referral, name))
        for name in ("direction", "date", "thanked_on")
    }
    if after["thanked_on"] is not None:
        if after["direction"] != "got":
            raise RecipError(f"#{referral.id} is a referral you gave; only one you got is thanked.")
        if after["thanked_on"] < after["date"]:
            raise RecipError(
                f"--thanked-on {after['thanked_on']} is before the referral ({after['date']})."
            )
    closed_on = closed_on_after(referral, changes)
    if closed_on != referral.closed_on:
        changes["closed_on"] = closed_on
    changed = [name for name, value in changes.items() if getattr(referral, name) != value]
    for name in changed:
        setattr(referral, name, changes[name])
    if changed:
        referral.updated_at = utc_now()
    return changed


def closed_on_after(referral: Referral, changes: dict) -> dt.date | None:
    """When the referral closes once `changes` are made: never while open; a typed
    --closed-on; today when it goes from open to won or lost; otherwise the date it had (a
    correction from won to lost keeps it), moving with the referral's own date when the two
    were the same (an outcome known when it was logged) or it had none. Never before the
    referral's date: a move past its closing date is refused, not guessed at."""
    status = changes.get("status", referral.status)
    day = changes.get("date", referral.date)
    typed = changes.pop("closed_on", None)
    if status == "open":
        if typed is not None:
            raise RecipError(
                f"#{referral.id} is open; --closed-on is for a referral that is won or lost "
                "(add --status won or --status lost)."
            )
        return None
    if typed is not None:
        closed = typed
    elif referral.status == "open":
        closed = parse_date("today")
    elif referral.closed_on is None or referral.closed_on == referral.date:
        closed = day
    else:
        closed = referral.closed_on
    if closed < day:
        raise RecipError(
            f"#{referral.id} would be closed on {closed}, before its date {day}; "
            "give the day the outcome was known with --closed-on DATE."
        )
    return closed


class LogFilter(NamedTuple):
    partner_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    direction: str | None = None
    limit: int | None = None
    status: str | None = None
    search: tuple[str, ...] = ()  # words each found in customer, contact or note
    by: tuple[str, ...] | None = None  # the stored spellings of one person's name


def _filtered(query, where: LogFilter):
    """The query narrowed to the entries `where` asks for, all by the database."""
    if where.partner_id is not None:
        query = query.where(Referral.partner_id == where.partner_id)
    if where.since:
        query = query.where(Referral.date >= where.since)
    if where.until:
        query = query.where(Referral.date <= where.until)
    if where.direction:
        query = query.where(Referral.direction == where.direction)
    if where.status:
        query = query.where(Referral.status == where.status)
    if where.by is not None:
        query = query.where(Referral.made_by.in_(where.by))
    if where.search:
        from reciprocity_cli.core.textmatch import word_pattern

        # One text per row; the space keeps a word from running across two fields.
        searched = (
            func.coalesce(Referral.customer, "")
            + " "
            + func.coalesce(Referral.customer_contact, "")
            + " "
            + func.coalesce(Referral.note, "")
        )
        for word in where.search:
            query = query.where(searched.regexp_match(word_pattern(word)))
    return query


def log(session: Session, where: LogFilter) -> list[tuple[Row, str]]:
    """Entries with their partner's name, newest first."""
    return list(iter_log(session, where))


# What a listed entry carries: every column but the timestamps, which no listing shows.
LOG_FIELDS = tuple(c for c in Referral.__table__.c if c.name not in ("created_at", "updated_at"))


def iter_log(session: Session, where: LogFilter) -> Iterator[tuple[Row, str]]:
    """The same, fetched in batches and let go once used: `log --json` on a long history
    streams instead of holding every row. Each entry is a row with the referral's fields
    as attributes (entry.date, entry.status), not a model object, which would cost several
    times as much to build for each of a hundred thousand entries."""
    query = select(*LOG_FIELDS, Partner.name).join(Partner, Partner.id == Referral.partner_id)
    query = _filtered(query, where).order_by(Referral.date.desc(), Referral.id.desc())
    if where.limit:
        query = query.limit(where.limit)
    for row in session.execute(query.execution_options(yield_per=2000)):
        yield row, row.name


def count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Referral)).one()


def count_log(session: Session, where: LogFilter) -> int:
    """How many entries `where` matches, however many a limit shows."""
    return session.exec(_filtered(select(func.count()).select_from(Referral), where)).one()
