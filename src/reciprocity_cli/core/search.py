"""`who`: partners who do something, the one you owe most first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from reciprocity_cli.core.balance import Balance, balances
from reciprocity_cli.core.habit import pick_order
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner


@dataclass(frozen=True)
class Match:
    balance: Balance
    phone: str | None
    does: str | None
    contact: str | None


def who(session: Session, config: Settings, words: list[str], day: dt.date) -> list[Match]:
    """Active partners whose name, what they do, tags, kind or notes contain every word.

    Matching is done in Python with casefold(), which understands "Café" = "CAFÉ"; SQLite's
    lower() only knows ASCII. There are few partners, so this stays fast.
    """
    wanted = [word.casefold() for word in " ".join(words).split()]
    if not wanted:
        raise RecipError("Say what the customer needs, e.g. recip who roof or recip who hotel.")
    rows = session.execute(
        select(
            Partner.id,
            Partner.name,
            Partner.does,
            Partner.tags,
            Partner.kind,
            Partner.notes,
            Partner.phone,
            Partner.contact,
        ).where(Partner.archived == False)  # noqa: E712
    )
    found: dict[int, tuple[str | None, str | None, str | None]] = {}
    for pid, name, does, tags, kind, notes, phone, contact in rows:
        haystack = " ".join(filter(None, (name, does, tags, kind, notes))).casefold()
        if all(word in haystack for word in wanted):
            found[pid] = (phone, does, contact)
    if not found:
        return []
    matched = balances(session, config.fair_band, until=day, partner_ids=list(found))
    return [Match(b, *found[b.partner_id]) for b in sorted(matched, key=pick_order)]
