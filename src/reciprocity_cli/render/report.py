"""The weekly report as a document (JSON), a terminal page, Markdown, HTML with an SVG chart,
and CSV. All of them are built from one `document()` so they cannot disagree."""

from __future__ import annotations

import html

from reciprocity_cli.core.fields import cents_to_decimal, format_money
from reciprocity_cli.core.report import Report
from reciprocity_cli.core.scorecard import ADVICE, run_text
from reciprocity_cli.core.strength import FORMED, meaning
from reciprocity_cli.render.formats import md_cell
from reciprocity_cli.render.rows import thanks_row
from reciprocity_cli.render.scorecard import one_way_row, outcomes_document, outcomes_lines
from reciprocity_cli.render.text import STATUS_TEXT

# The CSV's columns: given and got count the period; the rest are all-time (as of the
# period's end), and their names say so.
PARTNER_COLUMNS = (
    *("partner", "given", "got", "all_time_status", "all_time_net", "all_time_share"),
    *("period_start", "period_end"),
)


def heading(report: Report) -> str:
    return "Referral report" + (f" for {report.by}" if report.by else "")


def document(report: Report) -> dict:
    """The report as plain data: the JSON output, and the source of every other format."""
    return {
        "period": {
            "start": report.period.start,
            "end": report.period.end,
            "label": report.period.label,
        },
        "by": report.by,
        "given": report.given,
        "got": report.got,
        "won_value": {
            "given": cents_to_decimal(report.won_given_cents),
            "got": cents_to_decimal(report.won_got_cents),
        },
        "currency": report.currency,
        "partners": [
            {
                "partner": p.partner,
                "given": p.given,
                "got": p.got,
                "status": p.status,
                "net": p.net,
                "share": p.share,
            }
            for p in report.partners
        ],
        "habit": {
            "goal": report.goal,
            "days_met": report.days_met,
            "workdays": report.workdays,
            "strength": report.strength.strength,
            "strength_days": report.strength.days,
            "strength_by_week": [
                {"week": w.start, "strength": w.strength, "days": w.days} for w in report.trend
            ],
        },
        "streak": report.streak.current,
        "best_streak": report.streak.best,
        "thanks_due": [thanks_row(t) for t in report.thanks_due],
        "quiet": [
            {"partner": q.partner, "last": q.last, "days": q.days, "phone": q.phone}
            for q in report.quiet
        ],
        "owe_most": [
            {"partner": b.partner, "given": b.given, "got": b.got, "net": b.net}
            for b in report.owe_most
        ],
        "by_staff": [{"by": s.by, "given": s.given, "got": s.got} for s in report.by_staff],
        "outcomes": outcomes_document(report.outcomes),
        "one_way": [one_way_row(o) for o in report.one_way],
        "gesture_cost": cents_to_decimal(report.gesture_cost_cents),
    }


def csv_rows(report: Report) -> list[dict]:
    """A row per partner for the CSV: the status value as JSON has it, the share rounded."""
    return [
        {
            "partner": p.partner,
            "given": p.given,
            "got": p.got,
            "all_time_status": p.status,
            "all_time_net": p.net,
            "all_time_share": None if p.share is None else round(p.share, 3),
            "period_start": report.period.start,
            "period_end": report.period.end,
        }
        for p in report.partners
    ]


def _money(report: Report, cents: int) -> str:
    return format_money(cents, report.currency)


def _quiet_text(q) -> str:
    return "never exchanged" if q.last is None else f"last {q.last}, {q.days} days ago"


def summary_lines(report: Report) -> list[str]:
    """The few sentences every format opens with."""
    won = (
        f"Won value: got {_money(report, report.won_got_cents)}, "
        f"given {_money(report, report.won_given_cents)}."
    )
    days = "day" if report.workdays == 1 else "days"
    return [
        f"Referrals given {report.given}, got {report.got}. {won}",
        f"Spent on gestures: {_money(report, report.gesture_cost_cents)}.",
        f"Daily goal ({report.goal}) met on {report.days_met} of {report.workdays} work{days}; "
        f"streak {report.streak.current} (best {report.streak.best}).",
        f"{meaning(report.strength).capitalize()}.",
    ]


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(report: Report) -> str | None:
    """The habit strength per week as bars on a fixed 0-100% scale, so bars of two
    reports compare; None before there are two weeks to compare."""
    if len(report.trend) < 2:
        return None
    top = len(SPARKS) - 1
    bars = "".join(SPARKS[min(int(w.strength * len(SPARKS)), top)] for w in report.trend)
    first, last = report.trend[0], report.trend[-1]
    return (
        f"Habit strength by week since {first.start}: {bars} "
        f"{round(first.strength * 100)}% to {round(last.strength * 100)}%"
    )


# --- terminal -------------------------------------------------------------------------------


def terminal(report: Report):
    from rich.console import Group
    from rich.text import Text

    from reciprocity_cli.render.tables import cell, fixed_column, new_table
    from reciprocity_cli.render.text import STATUS_STYLE, safe

    parts: list = [Text(f"{safe(heading(report))}: {report.period.label}", style="bold")]
    parts += [Text(line) for line in summary_lines(report)]
    if sparkline(report):
        parts.append(Text(sparkline(report), style="dim"))
    if report.partners:
        widest = max(max(p.given, p.got) for p in report.partners)
        scale = 12 / widest if widest > 12 else 1
        table = new_table("Partners this period (status is all-time)")
        table.add_column("Partner", overflow="fold", ratio=1, min_width=12)
        fixed_column(table, "Given", "right", priority=5)
        fixed_column(table, "", "right", priority=2)  # the bars go first
        fixed_column(table, "", priority=1)
        fixed_column(table, "Got", priority=5)
        fixed_column(table, "Status", priority=4)
        for p in report.partners:
            table.add_row(
                cell(p.partner),
                cell(p.given),
                Text("█" * round(p.given * scale), style="cyan"),
                Text("█" * round(p.got * scale), style="magenta"),
                cell(p.got),
                cell(STATUS_TEXT[p.status], STATUS_STYLE[p.status]),
            )
        parts.append(table)
    else:
        parts.append(Text("No referrals in this period.", style="dim"))
    for title, lines in _lists(report):
        if lines:
            parts.append(Text(title, style="bold"))
            parts += [Text(f"  • {safe(line)}") for line in lines]
    return Group(*parts)


# --- Markdown -------------------------------------------------------------------------------


def _md_cell(value: object) -> str:
    return md_cell(str(value))


def markdown(report: Report) -> str:
    out = [f"# {_md_cell(heading(report))}: {_md_cell(report.period.label)}", ""]
    out += [*summary_lines(report), ""]
    if sparkline(report):
        out += [sparkline(report), ""]
    if report.partners:
        out += [
            "## Partners",
            "",
            "| Partner | Given | Got | Status (all time) |",
            "|---|---:|---:|---|",
        ]
        out += [
            f"| {_md_cell(p.partner)} | {p.given} | {p.got} | {STATUS_TEXT[p.status]} |"
            for p in report.partners
        ]
        out.append("")
    for title, lines in _lists(report):
        if lines:
            out += [f"## {title}", "", *[f"- {_md_cell(line)}" for line in lines], ""]
    return "\n".join(out)


def _lists(report: Report) -> list[tuple[str, list[str]]]:
    lists = [
        (
            "Thank-yous due",
            [f"{t.partner}: {t.referrals} since {t.oldest}" for t in report.thanks_due],
        ),
        ("Gone quiet", [f"{q.partner}: {_quiet_text(q)}" for q in report.quiet]),
        (
            "You owe most",
            [
                f"{b.partner}: they sent {b.got}, you sent {b.given} (net +{b.net})"
                for b in report.owe_most
            ],
        ),
    ]
    if len(report.by_staff) > 1:
        lists.append(
            ("By person", [f"{s.by}: gave {s.given}, got {s.got}" for s in report.by_staff])
        )
    lists.append(("Closed this period", outcomes_lines(report.outcomes, report.currency)))
    lists.append(
        (f"One-way partners: {ADVICE}", [f"{o.partner}: {run_text(o)}" for o in report.one_way])
    )
    return lists


# --- HTML -----------------------------------------------------------------------------------

STYLE = """
@page { margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
       max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }
p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1.2mm 2mm; border-bottom: 0.3mm solid #ddd; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
section, figure, tr { break-inside: avoid; }
figure { margin: 3mm 0; } svg { width: 100%; height: auto; }
.you_owe { color: #b00020; font-weight: 600; } .they_owe { color: #9a5b00; }
.balanced { color: #1b7f3a; } .no_activity { color: #777; }
.legend span { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 3mm; }
"""
GIVEN_COLOUR, GOT_COLOUR = "#2b6cb0", "#dd6b20"


def chart_svg(report: Report) -> str:
    """Given and got per partner as mirrored horizontal bars, drawn as inline SVG."""
    rows = report.partners[:25]
    if not rows:
        return ""
    width, label_w, row_h = 640, 200, 20
    half = (width - label_w) / 2
    widest = max(max(p.given, p.got) for p in rows) or 1
    mid = label_w + half
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {row_h * len(rows) + 24}"'
        ' role="img" aria-label="Referrals given and got per partner">',
        f'<text x="{mid - 6}" y="14" text-anchor="end" font-size="11">given</text>',
        f'<text x="{mid + 6}" y="14" font-size="11">got</text>',
    ]
    for i, p in enumerate(rows):
        y = 22 + i * row_h
        given_w = (half - 30) * p.given / widest
        got_w = (half - 30) * p.got / widest
        name = html.escape(p.partner if len(p.partner) <= 30 else p.partner[:29] + "…")
        parts += [
            f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end" font-size="11">{name}</text>',
            f'<rect x="{mid - given_w:.1f}" y="{y + 3}" width="{given_w:.1f}" height="13" '
            f'fill="{GIVEN_COLOUR}"/>',
            f'<rect x="{mid}" y="{y + 3}" width="{got_w:.1f}" height="13" fill="{GOT_COLOUR}"/>',
            f'<text x="{mid - given_w - 4:.1f}" y="{y + 13}" text-anchor="end" '
            f'font-size="10">{p.given}</text>',
            f'<text x="{mid + got_w + 4:.1f}" y="{y + 13}" font-size="10">{p.got}</text>',
        ]
    parts.append(
        f'<line x1="{mid}" y1="18" x2="{mid}" y2="{22 + row_h * len(rows)}" stroke="#333"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def strength_svg(report: Report) -> str:
    """The habit strength per week as small bars on a 0-100% scale, with the line a
    habit formed in 66 workdays reaches."""
    width, height, top = 640, 64, 4
    step = width / len(report.trend)
    formed_y = top + (height - top) * (1 - FORMED)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 14}" '
        'role="img" aria-label="Habit strength per week" style="max-height: 30mm">',
    ]
    for i, week in enumerate(report.trend):
        bar = (height - top) * week.strength
        parts.append(
            f'<rect x="{i * step + 1:.1f}" y="{height - bar:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{bar:.1f}" fill="{GIVEN_COLOUR}"><title>{week.start}: '
            f"{round(week.strength * 100)}%</title></rect>"
        )
    parts += [
        f'<line x1="0" y1="{formed_y:.1f}" x2="{width}" y2="{formed_y:.1f}" stroke="#1b7f3a" '
        'stroke-dasharray="4 3"/>',
        f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#333"/>',
        f'<text x="0" y="{height + 12}" font-size="10">{report.trend[0].start}</text>',
        f'<text x="{width}" y="{height + 12}" font-size="10" text-anchor="end">'
        f"{round(report.trend[-1].strength * 100)}%</text>",
        "</svg>",
    ]
    return "\n".join(parts)


def html_page(report: Report) -> str:
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(heading(report))}: {e(report.period.label)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e(heading(report))}</h1><p>{e(report.period.label)}</p>",
        *[f"<p>{e(line)}</p>" for line in summary_lines(report)],
    ]
    if len(report.trend) > 1:
        out.append(
            f"<figure>{strength_svg(report)}<figcaption>Habit strength at the end of each "
            f"week since {report.trend[0].start}; the dashed line is a formed habit "
            f"({round(FORMED * 100)}%).</figcaption></figure>"
        )
    if report.partners:
        out += [
            "<section><h2>Partners</h2>",
            f'<figure>{chart_svg(report)}<figcaption class="legend">'
            f'<span style="background:{GIVEN_COLOUR}"></span>given'
            f'<span style="background:{GOT_COLOUR}"></span>got</figcaption></figure>',
            '<table><thead><tr><th>Partner</th><th class="n">Given</th><th class="n">Got</th>'
            "<th>Status (all time)</th></tr></thead><tbody>",
            *[
                f'<tr><td>{e(p.partner)}</td><td class="n">{p.given}</td>'
                f'<td class="n">{p.got}</td><td class="{p.status}">{STATUS_TEXT[p.status]}</td>'
                "</tr>"
                for p in report.partners
            ],
            "</tbody></table></section>",
        ]
    else:
        out.append("<p>No referrals in this period.</p>")
    for title, lines in _lists(report):
        if lines:
            out += [
                f"<section><h2>{e(title)}</h2><ul>",
                *[f"<li>{e(line)}</li>" for line in lines],
                "</ul></section>",
            ]
    out.append("</body></html>\n")
    return "\n".join(out)
