"""Partner-name completion inside Typer (the fast path in reciprocity_cli/entry.py answers
most Tab presses before Typer is even imported)."""

from __future__ import annotations

import typer

from reciprocity_cli.names import starting_with


def partner_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return starting_with(incomplete, ctx.find_root().params.get("db"))
