"""Partners: adding, finding by what users type, editing, archiving, merging."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.balance import tag_filter
from reciprocity_cli.core.lookalikes import shape, similar_name
from reciprocity_cli.core.words import name_fold, plural
from reciprocity_cli.errors import PartnerNotFound, RecipError, quote_arg
from reciprocity_cli.models import Partner, Referral, Touch, utc_now

# How each partner field is checked, by column. Options map to columns of the same name
# (--note fills `notes`).
CHECKS = {
    "does": lambda v: f.clean_text(v, "does"),
    "kind": lambda v: f.clean_choice(v, "kind", f.PARTNER_KINDS),
    "contact": lambda v: f.clean_text(v, "contact", f.SHORT_MAX),
    "phone": lambda v: f.clean_text(v, "phone", f.SHORT_MAX),
    "email": f.clean_email,
    "website": lambda v: f.clean_text(v, "website", f.SHORT_MAX),
    "address": lambda v: f.clean_text(v, "address"),
    "tags": f.clean_tags,
    "notes": lambda v: f.clean_text(v, "note"),
    "touch_every": f.parse_touch_every,
    "gift_every": f.parse_gift_every,
}


EVERY = ("touch_every", "gift_every")  # intervals a merge fills like empty details


@dataclass
class Details:
    """Partner fields as typed on the command line. None leaves a field alone; "" clears it."""

    does: str | None = None
    kind: str | None = None
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None
    tags: list[str] | None = None
    notes: str | None = None
    touch_every: int | None = None
    gift_every: int | None = None

    def checked(self) -> dict[str, object]:
        """The columns to write, checked and normalised; only the fields that were given."""
        return {
            column: check(getattr(self, column))
            for column, check in CHECKS.items()
            if getattr(self, column) is not None
        }


def add(session: Session, name: str, details: Details, *, force: bool = False) -> Partner:
    name = check_new_name(session, name, force=force)
    partner = Partner(name=name, name_key=f.name_key(name), **details.checked())
    session.add(partner)
    session.flush()
    return partner


def check_new_name(session: Session, name: str, *, force: bool = False) -> str:
    """The name cleaned, if a new partner may take it; else the error `add` would raise."""
    name = f.clean_name(name)
    _check_name_free(session, name, force=force)
    return name


def _check_name_free(
    session: Session, name: str, *, force: bool, ignore_id: int | None = None
) -> None:
    """Refuse a name already taken, and a near-duplicate unless the user insists."""
    key = f.name_key(name)
    others = {
        other_id: (other, archived)
        for other_id, other, archived in session.exec(
            select(Partner.id, Partner.name, Partner.archived)
        )
        if other_id != ignore_id
    }
    taken = find_exact(session, name)
    if taken is None or taken.id == ignore_id:
        # A row stored before keys composed accents and folded compatibility forms keeps
        # its old key until renamed: its name, keyed today, tells.
        taken = next(
            (session.get(Partner, i) for i, (n, _) in others.items() if f.name_key(n) == key), None
        )
    if taken is not None and taken.id != ignore_id:
        raise RecipError(f'A partner named "{taken.name}" already exists.')
    if force:
        return
    archived_by_name = dict(others.values())
    similar = similar_name(name, list(archived_by_name))
    if similar is not None:
        raise RecipError(near_duplicate_message(name, similar, archived=archived_by_name[similar]))


def near_duplicate_message(name: str, similar: str, *, archived: bool = False) -> str:
    state = " (archived)" if archived else ""
    return (
        f'"{name}" looks like the existing partner "{similar}"{state}; use that name, '
        "or pass --force if it is a different business."
    )


def stem_key(name: str) -> str:
    """The letters and digits of a name without its legal suffix: "Bayside Roofing, Ltd."
    and "bayside roofing" share one."""
    return "".join(shape(name)[1])


def find_exact(session: Session, name: str) -> Partner | None:
    """The partner of exactly this name but for case, spacing and how accents and letters
    are encoded: one indexed lookup (two for a name keyed the old way)."""
    legacy = _legacy_key(name)
    if legacy != f.name_key(name):
        # Typed as a row stored before keys were composed is spelled (a pasted "e" + accent
        # beside a typed "é"): that row, so each of two such partners can still be named.
        found = session.exec(select(Partner).where(Partner.name_key == legacy)).first()
        if found is not None:
            return found
    return session.exec(select(Partner).where(Partner.name_key == f.name_key(name))).first()


def _legacy_key(name: str) -> str:
    """The key rows were stored under before issue 17: case-folded, nothing composed."""
    return " ".join(name.split()).casefold()


class _Known(NamedTuple):
    id: int
    name: str
    archived: bool
    folded: str


def resolve(session: Session, typed: str, *, archived: bool = False) -> Partner:
    """The partner a user means by `typed`, ignoring case and accents: the exact name (an
    archived partner's too), else the one active partner whose name starts so, else the
    one with a word that starts so. Several at a step: an error listing them; none:
    PartnerNotFound with the close matches. `archived=True` looks among archived partners
    instead, to restore one."""
    if not f.name_key(typed):
        if typed.strip():  # a zero-width space, an accent alone: nothing that could be typed
            raise RecipError(
                f'Partner name "{f.escaped(typed.strip())}" has no visible characters; '
                "type at least the start of a name."
            )
        raise RecipError("Partner name is empty; type at least the start of a name.")
    exact = find_exact(session, typed)  # the common case costs one indexed lookup
    if exact is not None:
        return exact
    # Accents need Python's Unicode tables, so the rest is done on the names alone.
    known = [
        _Known(pid, name, is_archived, name_fold(name))
        for pid, name, is_archived in session.exec(
            select(Partner.id, Partner.name, Partner.archived).order_by(Partner.name_key)
        )
    ]
    wanted = name_fold(typed)
    starts = _starts(wanted)
    pool = [k for k in known if k.archived == archived]
    for hits in (
        [k for k in known if wanted and k.folded == wanted],
        [k for k in pool if starts(k.folded, anywhere=False)],
        [k for k in pool if starts(k.folded, anywhere=True)],
    ):
        if len(hits) == 1:
            return session.get(Partner, hits[0].id)
        if hits:
            names = ", ".join(f'"{k.name}"' for k in hits[:5])
            more = f" and {len(hits) - 5} more" if len(hits) > 5 else ""
            raise RecipError(
                f'"{typed}" matches several partners: {names}{more}. Type more of the name.'
            )
    # First the partners left out of the pool that the steps would have found (archived
    # ones, usually), then names spelled alike.
    suggestions = [k.name for k in known if k.archived != archived and starts(k.folded, True)]
    by_fold: dict[str, str] = {}
    for k in known:
        by_fold.setdefault(k.folded, k.name)
    for alike in close_matches(wanted, list(by_fold)):
        if by_fold[alike] not in suggestions:
            suggestions.append(by_fold[alike])
    suggestions = suggestions[:3]
    hidden = {k.name for k in known if k.archived and not archived}
    raise PartnerNotFound(typed, suggestions, archived=[s for s in suggestions if s in hidden])


def _starts(wanted: str):
    """Whether a folded name starts with `wanted` (anywhere=False), or one of its words
    does (names are folded without apostrophes, so "s" is no word of "joes plumbing")."""
    word_start = re.compile(r"(?<!\w)" + re.escape(wanted))

    def starts(folded: str, anywhere: bool) -> bool:
        if not wanted:
            return False
        return bool(word_start.search(folded)) if anywhere else folded.startswith(wanted)

    return starts


def close_matches(key: str, keys: list[str], limit: int = 3) -> list[str]:
    """Names like the one typed: similar as a whole, containing it, or with a similar word
    for every word typed ("roofr" finds "acme roofing", "harbour view" "harbor view hotel")."""
    if not key:
        return []
    found = difflib.get_close_matches(key, keys, n=limit, cutoff=0.6)
    typed_words = key.split()
    for other in keys:
        words = other.split()
        every_word_similar = all(
            difflib.get_close_matches(word, words, n=1, cutoff=0.65) for word in typed_words
        )
        if other not in found and (key in other or every_word_similar):
            found.append(other)
    return found[:limit]


def edit(session: Session, partner: Partner, details: Details) -> list[str]:
    """Apply the given fields; returns the names of the fields that changed."""
    changed = []
    for column, value in details.checked().items():
        if getattr(partner, column) != value:
            setattr(partner, column, value)
            changed.append(column)
    if changed:
        partner.updated_at = utc_now()
    return changed


def rename(session: Session, partner: Partner, new_name: str, *, force: bool = False) -> str:
    old = partner.name
    new_name = f.clean_name(new_name)
    _check_name_free(session, new_name, force=force, ignore_id=partner.id)
    partner.name = new_name
    partner.name_key = f.name_key(new_name)
    partner.updated_at = utc_now()
    return old


def set_archived(partner: Partner, archived: bool) -> None:
    if partner.archived == archived:
        state = "archived" if archived else "active"
        raise RecipError(f'"{partner.name}" is already {state}.')
    partner.archived = archived
    partner.updated_at = utc_now()


def merge(session: Session, source: Partner, target: Partner) -> tuple[int, int]:
    """Move every referral and touch to target, fill target's empty fields, remove source."""
    if source.id == target.id:
        raise RecipError(f'Cannot merge "{source.name}" into itself; name two partners.')
    notes = target.notes
    if source.notes and source.notes != target.notes:
        notes = "\n".join(filter(None, [target.notes, source.notes]))
    if notes and len(notes) > f.TEXT_MAX:
        # Refused, not cut: a note is the user's words, and a longer one could never be
        # exported and imported back.
        raise RecipError(
            f'Together the notes of "{source.name}" and "{target.name}" are {len(notes):,} '
            f"characters long; the limit is {f.TEXT_MAX:,}. Shorten one first: "
            f"recip partner edit {quote_arg(source.name)} --note ..."
        )
    referrals = session.execute(
        update(Referral).where(Referral.partner_id == source.id).values(partner_id=target.id)
    ).rowcount
    touches = session.execute(
        update(Touch).where(Touch.partner_id == source.id).values(partner_id=target.id)
    ).rowcount
    for column in ("does", "contact", "phone", "email", "website", "address", *EVERY):
        if getattr(target, column) in (None, "") and getattr(source, column) not in (None, ""):
            setattr(target, column, getattr(source, column))
    target.notes = notes
    target.tags = f.clean_tags([target.tags or "", source.tags or ""])
    target.updated_at = utc_now()
    session.delete(source)
    return referrals, touches


def history_of(session: Session, partner: Partner) -> tuple[int, int]:
    """How many referrals and gestures (touches) the partner has."""
    count = func.count()
    return (
        session.execute(select(count).where(Referral.partner_id == partner.id)).scalar_one(),
        session.execute(select(count).where(Touch.partner_id == partner.id)).scalar_one(),
    )


def remove(session: Session, partner: Partner, *, force: bool) -> tuple[int, int]:
    """Delete a partner; with its referrals and gestures only when forced (a partner with
    history is usually archived instead). Returns how many of each went with it."""
    referrals, touches = history_of(session, partner)
    if (referrals or touches) and not force:
        quoted = quote_arg(partner.name)
        raise RecipError(
            f'"{partner.name}" has {plural(referrals, "referral")} and '
            f"{plural(touches, 'gesture')}; recip partner archive {quoted} keeps them out "
            f"of sight, or recip partner rm {quoted} --force removes them with it."
        )
    session.execute(delete(Touch).where(Touch.partner_id == partner.id))
    session.execute(delete(Referral).where(Referral.partner_id == partner.id))
    session.delete(partner)
    return referrals, touches


def list_partners(
    session: Session,
    *,
    kind: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
) -> list[Partner]:
    query = select(Partner).order_by(Partner.name_key)
    if not include_archived:
        query = query.where(Partner.archived == False)  # noqa: E712 (SQL, not Python)
    if kind:
        query = query.where(Partner.kind == f.clean_choice(kind, "kind", f.PARTNER_KINDS))
    if tag:
        query = query.where(tag_filter(tag))
    return list(session.exec(query))


def is_empty(session: Session) -> bool:
    """True for a brand-new database: no partners (and so no referrals) yet."""
    return session.exec(select(func.count()).select_from(Partner)).one() == 0


def details_of(partner: Partner) -> dict:
    """A partner's own fields as plain data, as list, show and export print them."""
    return {
        "name": partner.name,
        "does": partner.does,
        "kind": partner.kind,
        "contact": partner.contact,
        "phone": partner.phone,
        "email": partner.email,
        "website": partner.website,
        "address": partner.address,
        "tags": f.split_tags(partner.tags),
        "notes": partner.notes,
        "touch_every": partner.touch_every,
        "gift_every": partner.gift_every,
        "archived": partner.archived,
    }
