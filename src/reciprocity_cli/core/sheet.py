"""The partner list kept beside the phone: who does what, how to reach them, and whether
whoever answers should send them business."""

from __future__ import annotations

from typing import NamedTuple

from sqlmodel import Session

from reciprocity_cli.core import partners as partner_store
from reciprocity_cli.core.balance import balances
from reciprocity_cli.core.fields import PARTNER_KINDS, split_tags
from reciprocity_cli.core.settings import Settings
from reciprocity_cli.errors import UsageProblem

GROUPINGS = ("none", "kind", "tag")


class Entry(NamedTuple):
    name: str
    does: str | None
    contact: str | None
    phone: str | None
    email: str | None
    website: str | None
    kind: str
    tags: tuple[str, ...]
    status: str
    archived: bool


def entries(
    session: Session,
    config: Settings,
    *,
    kind: str | None = None,
    tag: str | None = None,
    include_archived: bool = False,
) -> list[Entry]:
    found = partner_store.list_partners(
        session, kind=kind, tag=tag, include_archived=include_archived
    )
    status = {b.partner_id: b.status for b in balances(session, config.fair_band)}
    return [
        Entry(
            name=p.name,
            does=p.does,
            contact=p.contact,
            phone=p.phone,
            email=p.email,
            website=p.website,
            kind=p.kind,
            tags=tuple(split_tags(p.tags)),
            status=status.get(p.id, "no_activity"),
            archived=p.archived,
        )
        for p in found
    ]


def grouped(items: list[Entry], group_by: str) -> list[tuple[str | None, list[Entry]]]:
    """Sections of the sheet, in a stable order. By tag, a partner stands under each tag."""
    if group_by not in GROUPINGS:
        raise UsageProblem(f'--group-by "{group_by}" is not one of: {", ".join(GROUPINGS)}.')
    if group_by == "none":
        return [(None, items)] if items else []
    if group_by == "kind":
        return [
            (kind.capitalize(), [e for e in items if e.kind == kind])
            for kind in PARTNER_KINDS
            if any(e.kind == kind for e in items)
        ]
    tags = sorted({t for e in items for t in e.tags})
    sections = [(tag.capitalize(), [e for e in items if tag in e.tags]) for tag in tags]
    untagged = [e for e in items if not e.tags]
    return sections + ([("Untagged", untagged)] if untagged else [])
