"""A printable HTML page holding one table: for read commands whose rows are a list (follow-ups,
the scorecard). Everything a user typed is escaped; the look is the report's."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from reciprocity_cli.render.formats import plain


def _text(value: object) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table_page(
    title: str,
    rows: Iterable[dict],
    columns: Sequence[str],
    headers: Sequence[str],
    *,
    numeric: Iterable[str] = (),
    notes: Sequence[str] = (),
) -> str:
    from reciprocity_cli.render.report import STYLE

    e = html.escape
    right = set(numeric)
    head = "".join(
        f'<th class="n">{e(h)}</th>' if c in right else f"<th>{e(h)}</th>"
        for c, h in zip(columns, headers, strict=True)
    )
    body = [
        "<tr>"
        + "".join(
            f'<td class="n">{e(_text(row.get(c)))}</td>'
            if c in right
            else f"<td>{e(_text(row.get(c)))}</td>"
            for c in columns
        )
        + "</tr>"
        for row in rows
    ]
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<table><thead><tr>{head}</tr></thead><tbody>",
        *body,
        "</tbody></table>",
        *[f"<p>{e(note)}</p>" for note in notes],
        "</body></html>\n",
    ]
    return "\n".join(out)
