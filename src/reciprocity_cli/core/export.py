"""Everything out: a versioned JSON backup, CSV of referrals or partners, vCards.

Rows are streamed from the database in batches, so exporting a large history never holds
it all in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from sqlalchemy import select
from sqlmodel import Session

from reciprocity_cli.core.fields import cents_to_decimal
from reciprocity_cli.core.partners import details_of
from reciprocity_cli.migrations import HEAD
from reciprocity_cli.models import Change, ChangeRow, ClosedDay, Partner, Referral, Setting, Touch

BACKUP_FORMAT = "recip-backup"
BACKUP_VERSION = 1
REFERRAL_COLUMNS = (
    "id",
    "date",
    "direction",
    "partner",
    "customer",
    "customer_contact",
    "note",
    "heat",
    "value",
    "status",
    "by",
    "thanked_on",
    "closed_on",  # columns recip adds later go at the end: older files still import
)
# The header before closed_on was added: files written by an older recip.
FIRST_REFERRAL_COLUMNS = REFERRAL_COLUMNS[:12]
PARTNER_COLUMNS = (
    "name",
    "does",
    "kind",
    "contact",
    "phone",
    "email",
    "website",
    "address",
    "tags",
    "notes",
    "touch_every",
    "archived",
    "gift_every",  # new columns go at the end: older recips still read the file
)
BATCH = 2000


def _money(cents: int | None) -> str | None:
    return None if cents is None else str(cents_to_decimal(cents))


def _stamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def partner_rows(session: Session, *, include_archived: bool = True) -> Iterator[dict]:
    query = select(Partner).order_by(Partner.name_key)
    if not include_archived:
        query = query.where(Partner.archived == False)  # noqa: E712
    for partner in session.scalars(query):
        yield {
            **details_of(partner),
            "created_at": _stamp(partner.created_at),
            "updated_at": _stamp(partner.updated_at),
            "id": partner.id,  # the change history names partners by it
        }


def _with_partner_names(session: Session, model) -> Iterator[tuple]:
    """Every row of `model` with its partner's name, oldest first, fetched in batches and
    let go once used: memory stays flat however long the history."""
    query = (
        select(model, Partner.name)
        .join(Partner, Partner.id == model.partner_id)
        .order_by(model.id)
        .execution_options(yield_per=BATCH)
    )
    for row, name in session.execute(query):
        yield row, name
        session.expunge(row)


def referral_rows(session: Session) -> Iterator[dict]:
    for referral, name in _with_partner_names(session, Referral):
        yield {
            "id": referral.id,
            "date": referral.date.isoformat(),
            "direction": referral.direction,
            "partner": name,
            "customer": referral.customer,
            "customer_contact": referral.customer_contact,
            "note": referral.note,
            "heat": referral.heat,
            "value": _money(referral.value_cents),
            "status": referral.status,
            "by": referral.made_by,
            "thanked_on": referral.thanked_on.isoformat() if referral.thanked_on else None,
            "closed_on": referral.closed_on.isoformat() if referral.closed_on else None,
            "created_at": _stamp(referral.created_at),
            "updated_at": _stamp(referral.updated_at),
        }


def touch_rows(session: Session) -> Iterator[dict]:
    for touch, name in _with_partner_names(session, Touch):
        yield {
            "id": touch.id,
            "kind": touch.kind,
            "partner": name,
            "date": touch.date.isoformat(),
            "note": touch.note,
            "cost": _money(touch.cost_cents),
            "by": touch.made_by,
            "created_at": _stamp(touch.created_at),
        }


def closed_day_rows(session: Session) -> Iterator[dict]:
    for row in session.scalars(select(ClosedDay).order_by(ClosedDay.date)):
        yield {"date": row.date.isoformat(), "note": row.note}


def change_records(session: Session) -> Iterator[dict]:
    query = select(Change).where(Change.recording == False).order_by(Change.id)  # noqa: E712
    for change in session.scalars(query.execution_options(yield_per=2000)):
        yield {
            "id": change.id,
            "made_at": _stamp(change.made_at),
            "made_by": change.made_by,
            "made_on": change.made_on.isoformat() if change.made_on else None,
            "command": change.command,
            "command_line": change.command_line,
            "undoes": change.undoes,
            "undone_by": change.undone_by,
        }


def change_row_records(session: Session) -> Iterator[dict]:
    query = (
        select(ChangeRow.change_id, ChangeRow.table_name, ChangeRow.row_key)
        .add_columns(ChangeRow.before, ChangeRow.after)
        .join(Change, Change.id == ChangeRow.change_id)
        .where(Change.recording == False)  # noqa: E712
        .order_by(ChangeRow.id)
    )
    for change_id, table, key, before, after in session.execute(
        query.execution_options(yield_per=2000)
    ):
        yield {
            "change": change_id,
            "table": table,
            "key": key,
            "before": json.loads(before) if before else None,
            "after": json.loads(after) if after else None,
        }


def backup_chunks(session: Session) -> Iterator[str]:
    """The JSON backup as text pieces, one record at a time."""
    settings = {
        row.key: row.value for row in session.scalars(select(Setting).order_by(Setting.key))
    }
    head = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "schema": HEAD,
        "settings": settings,
    }
    yield json.dumps(head, indent=2, ensure_ascii=False)[:-2]  # leave the object open
    for key, rows in (
        ("partners", partner_rows(session)),
        ("referrals", referral_rows(session)),
        ("touches", touch_rows(session)),
        ("closed_days", closed_day_rows(session)),
        ("changes", change_records(session)),
        ("change_rows", change_row_records(session)),
    ):
        yield f',\n  "{key}": ['
        for number, row in enumerate(rows):
            yield ("," if number else "") + "\n    " + json.dumps(row, ensure_ascii=False)
        yield "\n  ]"
    yield "\n}\n"
