"""When --kind or --tag matches nothing: say which filter it was and what exists, so an
empty list is never mistaken for an empty database (`--tag trade` when the tag is
`trades`)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlmodel import Session

from reciprocity_cli.core.balance import tag_filter
from reciprocity_cli.core.fields import split_tags
from reciprocity_cli.models import Partner

SHOWN = 8  # the tags or kinds named, most used first


def _in_use(counts: Counter) -> str:
    named = [f"{name} ({count})" for name, count in counts.most_common(SHOWN)]
    more = len(counts) - SHOWN
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")


def nothing_matched(
    session: Session, *, kind: str | None, tag: str | None, include_archived: bool = False
) -> str | None:
    """One line saying why no partner was listed, or None when there are no partners at all
    (the caller's own "add one" line then fits) or no filter was given."""
    if not kind and not tag:
        return None
    scope = select(Partner.kind, Partner.tags)
    if not include_archived:
        scope = scope.where(Partner.archived == False)  # noqa: E712 (SQL, not Python)
    rows = session.execute(scope).all()
    if not rows:
        return None
    kinds = Counter(k for k, _ in rows)
    tags = Counter(t for _, stored in rows for t in split_tags(stored))
    if kind and kind not in kinds:
        return f'No partners are of kind "{kind}". Kinds in use: {_in_use(kinds)}.'
    if tag:
        with_tag = select(func.count()).select_from(Partner).where(tag_filter(tag))
        if not include_archived:
            with_tag = with_tag.where(Partner.archived == False)  # noqa: E712
        if not session.execute(with_tag).scalar():
            in_use = f"Tags in use: {_in_use(tags)}." if tags else "No partner has a tag yet."
            return f'No partners have the tag "{tag}". {in_use}'
    return f'No partners of kind "{kind}" have the tag "{tag}".'
