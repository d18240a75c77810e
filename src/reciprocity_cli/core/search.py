"""`who`: partners who do something, the one you owe most first."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import NamedTuple

from sqlmodel import Session, select

from reciprocity_cli.core import words as w
from reciprocity_cli.core.balance import Balance, balances
from reciprocity_cli.core.habit import pick_order
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Partner

CLOSEST = 5  # partners shown when none does what was asked
INSIDE = 0.9  # how close a typed word is to a word holding it ("wash" in "carwash")


class Match(NamedTuple):
    balance: Balance
    phone: str | None
    does: str | None
    contact: str | None


class Found(NamedTuple):
    matches: list[Match]
    closest: bool  # no partner has every word: these are the nearest, nearest first


def who(session: Session, config: Settings, typed: list[str], day: dt.date) -> Found:
    """Active partners with every typed word at the start of a word of their name, what they
    do, tags, kind or notes, ignoring case, accents and endings ("plumber" finds "emergency
    plumbing"). None: the partners nearest to the words instead.

    Folding and matching happen in Python, over each partner's few words once: SQLite's
    lower() knows only ASCII, and partners are few (the benchmark has 500), while referrals,
    which are many, are only ever counted by the database (core/balance.py).
    """
    wanted = w.words(" ".join(typed))
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
    texts: dict[int, set[str]] = {}
    details: dict[int, tuple[str | None, str | None, str | None]] = {}
    names: dict[int, str] = {}
    for pid, name, does, tags, kind, notes, phone, contact in rows:
        texts[pid] = set(w.words(" ".join(filter(None, (name, does, tags, kind, notes)))))
        details[pid] = (phone, does, contact)
        names[pid] = name
    vocabulary = set().union(*texts.values())
    found_by = [{word for word in vocabulary if w.matches(one, word)} for one in wanted]
    hits = [pid for pid, own in texts.items() if all(own & found for found in found_by)]
    if hits:
        matched = balances(session, config.fair_band, until=day, partner_ids=hits)
        ordered = sorted(matched, key=pick_order)
        return Found([Match(b, *details[b.partner_id]) for b in ordered], closest=False)
    score = nearness(wanted, texts, vocabulary)
    nearest = sorted(
        (pid for pid in texts if score[pid] > 0),
        key=lambda pid: (-score[pid], names[pid].casefold(), pid),
    )[:CLOSEST]
    if not nearest:
        return Found([], closest=True)
    matched = balances(session, config.fair_band, until=day, partner_ids=nearest)
    ordered = sorted(matched, key=lambda b: (-score[b.partner_id], pick_order(b)))
    return Found([Match(b, *details[b.partner_id]) for b in ordered], closest=True)


def nearness(
    wanted: list[str], texts: dict[int, set[str]], vocabulary: set[str]
) -> dict[int, float]:
    """How near each partner's words come to the typed ones, from 0 to 1: for each typed
    word the nearest of the partner's words (1 when it matches, INSIDE when it is held
    inside one, else the share of letters alike), averaged over the typed words."""
    total = dict.fromkeys(texts, 0.0)
    for typed in wanted:
        matcher = difflib.SequenceMatcher(b=typed, autojunk=False)
        alike: dict[str, float] = {}
        for word in vocabulary:
            if w.matches(typed, word):
                alike[word] = 1.0
            elif len(typed) >= w.SHORTEST_ROOT and typed in word:
                alike[word] = INSIDE
            else:
                matcher.set_seq1(word)
                alike[word] = matcher.ratio()
        for pid, own in texts.items():
            total[pid] += max((alike[word] for word in own), default=0.0)
    return {pid: value / len(wanted) for pid, value in total.items()}
