"""Partner-name completion inside Typer (the fast path in reciprocity_cli/entry.py answers
most Tab presses before Typer is even imported)."""

from __future__ import annotations

import typer

from reciprocity_cli.names import matching_names


def partner_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return matching_names(incomplete, ctx.find_root().params.get("db"))
