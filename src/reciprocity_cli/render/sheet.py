"""The partner sheet as print-ready HTML (two columns, A4 or Letter), Markdown, and plain
text that fits 80 columns for any printer."""

from __future__ import annotations

import datetime as dt
import html
import textwrap

from reciprocity_cli.core.sheet import Entry
from reciprocity_cli.render.formats import md_cell
from reciprocity_cli.render.text import STATUS_TEXT, safe

# What the badge tells whoever answers the phone: the words of every other human format.
BADGE = {status: words.capitalize() for status, words in STATUS_TEXT.items()}
WIDTH = 80

Sections = list[tuple[str | None, list[Entry]]]


def _reach(entry: Entry) -> str:
    return " · ".join(filter(None, (entry.contact, entry.email or entry.website)))


def _title(entry: Entry) -> str:
    return entry.name + (" (archived)" if entry.archived else "")


def text(sections: Sections, printed: dt.date) -> str:
    """Plain text; what partners' fields hold is made harmless for a terminal or a printer
    (control characters and bidi overrides shown as codes), before it is wrapped."""
    lines = [
        _spread("PARTNER LIST", f"printed {printed}"),
        "=" * WIDTH,
        "Send business first to partners marked YOU OWE THEM.",
        "",
    ]
    for heading, items in sections:
        if heading:
            lines += [safe(heading).upper(), "-" * len(safe(heading))]
        for entry in items:
            phone = safe(entry.phone)
            left = f"{safe(_title(entry))}  [{BADGE[entry.status].upper()}]"
            lines += textwrap.wrap(left, WIDTH - len(phone) - 2, subsequent_indent="  ") or [""]
            if phone:
                lines[-1] = _spread(lines[-1], phone)
            for detail in (entry.does, _reach(entry)):
                if detail:
                    lines += textwrap.wrap(
                        " ".join(safe(detail).split()),
                        WIDTH,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
            lines.append("")
    if not sections:
        lines.append("No partners yet: recip partner add NAME --does WHAT --phone NUMBER")
    return "\n".join(lines).rstrip() + "\n"


def _spread(left: str, right: str) -> str:
    gap = max(WIDTH - len(left) - len(right), 2)
    return f"{left}{' ' * gap}{right}"


def markdown(sections: Sections, printed: dt.date) -> str:
    def cell(value: str | None) -> str:
        return md_cell(value or "")

    out = ["# Partner list", "", f"Printed {printed}.", ""]
    for heading, items in sections:
        if heading:
            out += [f"## {cell(heading)}", ""]
        out += [
            "| Partner | Does | Phone | Contact | Email / website | Balance |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| **{cell(_title(e))}** | {cell(e.does)} | {cell(e.phone)} | {cell(e.contact)} "
            f"| {cell(e.email or e.website)} | {BADGE[e.status]} |"
            for e in items
        ]
        out.append("")
    return "\n".join(out)


STYLE = """
@page { size: %(paper)s; margin: 9mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 7.5pt/1.25 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #111;
       margin: 0; }
header { display: flex; justify-content: space-between; align-items: baseline;
         border-bottom: 0.4mm solid #111; margin-bottom: 2mm; }
header h1 { font-size: 13pt; margin: 0; }
.legend { font-size: 7pt; color: #444; margin-bottom: 2mm; }
.cards { column-count: 2; column-gap: 7mm; }
h2 { font-size: 9pt; margin: 1.5mm 0 1mm; column-span: all; border-bottom: 0.2mm solid #999; }
.card { break-inside: avoid; page-break-inside: avoid; padding: 0.8mm 0 0.9mm;
        border-bottom: 0.2mm solid #ccc; }
.top { display: flex; justify-content: space-between; align-items: baseline; gap: 2mm; }
.name { font-weight: 700; font-size: 8.5pt; }
.phone { font-weight: 700; font-size: 11pt; white-space: nowrap;
         font-variant-numeric: tabular-nums; }
.details { color: #333; } .reach { color: #555; }
.badge { display: inline-block; font-size: 6.5pt; font-weight: 700; padding: 0 1.2mm;
         border-radius: 1mm; border: 0.2mm solid currentColor; margin-left: 1mm;
         white-space: nowrap; }
.you_owe .badge { color: #fff; background: #b00020; border-color: #b00020; }
.they_owe .badge { color: #8a5200; }
.balanced .badge { color: #1b7f3a; }
.no_activity .badge { color: #666; }
"""


def page(sections: Sections, printed: dt.date, paper: str = "A4") -> str:
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Partner list, printed {printed}</title>",
        f"<style>{STYLE % {'paper': paper}}</style></head><body>",
        f"<header><h1>Partner list</h1><span>Printed {printed}</span></header>",
        '<p class="legend">Send business first to partners marked '
        "<b>You owe them</b>. No activity: nothing exchanged yet.</p>",
        '<main class="cards">',
    ]
    for heading, items in sections:
        if heading:
            out.append(f"<h2>{e(heading)}</h2>")
        for entry in items:
            phone = f'<span class="phone">{e(entry.phone)}</span>' if entry.phone else ""
            out += [
                f'<div class="card {entry.status}">',
                f'<div class="top"><span><span class="name">{e(_title(entry))}</span>'
                f'<span class="badge">{BADGE[entry.status]}</span></span>{phone}</div>',
            ]
            # What they do and who to ask share one line: 40 partners fit on a page.
            details = [f'<span class="does">{e(entry.does)}</span>'] if entry.does else []
            if _reach(entry):
                details.append(f'<span class="reach">{e(_reach(entry))}</span>')
            if details:
                out.append(f'<div class="details">{" · ".join(details)}</div>')
            out.append("</div>")
    if not sections:
        out.append("<p>No partners yet.</p>")
    out.append("</main></body></html>\n")
    return "\n".join(out)
