"""The morning checklist and the `who` table, for the terminal."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from reciprocity_cli.core.followups import Due
from reciprocity_cli.core.gifts import GiftDue
from reciprocity_cli.core.habit import Today
from reciprocity_cli.core.scorecard import ADVICE, OneWay, run_text
from reciprocity_cli.core.search import Match
from reciprocity_cli.core.strength import meaning
from reciprocity_cli.render.fit import FitTable
from reciprocity_cli.render.tables import cell, fixed_column, new_table
from reciprocity_cli.render.text import STATUS_STYLE, STATUS_TEXT, safe

MARKS = {
    "met": ("✓", "green"),
    "missed": ("✗", "red"),
    "pending": ("·", "yellow"),
    "off": ("-", "dim"),
    "before_start": ("·", "dim"),  # nothing recorded yet: not a failure
}
CLOSED_TODAY = "Closed today (recip off): no goal, and the streak and habit strength skip it."


def _gift_line(gift: GiftDue, day) -> Text:
    since = f"last {gift.last}, {(day - gift.last).days} days ago" if gift.last else "never yet"
    line = Text("  Send a gift to ").append(safe(gift.partner), "bold")
    line.append(f" - every {gift.every} days, {since}")
    if gift.phone:
        line.append(f" · {safe(gift.phone)}", "dim")
    return line


def _pick_line(number: int, pick, *, box: str) -> Text:
    line = Text(f"{box} {number}. ")
    line.append(safe(pick.partner), style="bold")
    line.append(f" - {pick.reason}")
    details = " · ".join(filter(None, (safe(pick.does), safe(pick.phone))))
    if details:
        line.append(f"\n       {details}", style="dim")
    return line


def today_view(today: Today) -> Group:
    day = today.date
    plural = "s" if today.goal > 1 else ""
    header = Text(
        f"{day:%a} {day.isoformat()} - refer {today.goal} partner{plural} today", style="bold"
    )
    parts: list = [header]
    for number, name in enumerate(today.given_to[: today.goal], start=1):
        parts.append(Text(f"[✓] {number}. Referred ", style="green").append(safe(name), "bold"))
    slot = len(parts)
    for offset, pick in enumerate(today.picks[: today.open_slots]):
        parts.append(_pick_line(slot + offset, pick, box="[ ]"))
    if today.open_slots and not today.picks:
        parts.append(Text("No partner left to suggest: add one with recip partner add NAME"))
    alternates = today.picks[today.open_slots : today.open_slots + 3]
    if alternates:
        label = "Also worth a referral:" if today.done else "Or instead:"
        parts.append(Text(label, style="dim"))
        for pick in alternates:
            line = Text("  • ").append(safe(pick.partner)).append(f" - {pick.reason}", "dim")
            if pick.phone:
                line.append(f" · {safe(pick.phone)}", "dim")
            parts.append(line)
    status = Text(
        "Done for today ✓  " if today.done else "Not done yet  ",
        style="bold green" if today.done else "bold yellow",
    )
    status.append(f"streak {today.streak.current} day{'s' if today.streak.current != 1 else ''}")
    status.append(f" (best {today.streak.best})", style="dim")
    parts.append(Text())
    parts.append(status)
    parts.append(Text(meaning(today.habit).capitalize() + ".", style="dim"))
    if today.closed_today:
        parts.append(Text(CLOSED_TODAY, style="dim"))
    strip = Text("This week: ")
    for mark in today.week:
        symbol, style = MARKS[mark.mark]
        strip.append(f"{mark.day:%a} ")
        strip.append(symbol, style=style)
        strip.append("  ")
    parts.append(strip)
    if today.thanks_due or today.touch_due or today.gifts_due:
        parts.append(Text())
        parts.append(Text("Due today", style="bold"))
    for due in today.thanks_due:
        many = f"{due.referrals} referrals" if due.referrals > 1 else "a referral"
        line = Text("  Thank ").append(safe(due.partner), "bold")
        parts.append(line.append(f" for {many} (since {due.oldest})"))
    parts += [_gift_line(gift, day) for gift in today.gifts_due]
    for due in today.touch_due:
        since = f"last {due.last}, {due.days_since(day)} days ago" if due.last else "never yet"
        line = Text("  Get in touch with ").append(safe(due.partner), "bold")
        line.append(f" - every {due.every} days, {since}")
        if due.phone:
            line.append(f" · {safe(due.phone)}", "dim")
        parts.append(line)
    if today.thanks_due:
        parts.append(Text("  (recip thank PARTNER records a thank-you)", style="dim"))
    return Group(*parts)


def closing_view(due: Due, days: int, one_way: list[OneWay]) -> list:
    """The follow-ups due and the one-way partners, under the rest of today's screen."""
    parts: list = []
    if due.oldest is not None:
        many = "referral is" if due.count == 1 else "referrals are"
        parts += [Text(), Text(f"Follow up: {due.count} open {many} {days}+ days old", "bold")]
        oldest = due.oldest
        line = Text("  ").append(safe(oldest.question)).append(f" ({oldest.days_open} days)")
        if oldest.phone:
            line.append(f" · {safe(oldest.phone)}", "dim")
        parts.append(line)
        if due.count > 1:
            parts.append(Text("  (recip followup lists them all)", style="dim"))
    if one_way:
        parts += [Text(), Text(f"One-way partners: {ADVICE}", style="bold")]
        for o in one_way:
            line = Text("  ").append(safe(o.partner), "bold").append(f": {run_text(o)}")
            if o.phone:
                line.append(f" · {safe(o.phone)}", "dim")
            parts.append(line)
    return parts


def who_table(matches: list[Match], words: str, *, closest: bool = False) -> FitTable:
    """The partners who do it, or (closest) the nearest to it when none does."""
    title = (
        f'No partner does "{safe(words)}"; closest:'
        if closest
        else f'Partners for "{safe(words)}", the one you owe most first'
    )
    table = new_table(title)
    table.add_column("Partner", overflow="fold", ratio=1, min_width=12)
    fixed_column(table, "Phone", priority=9)  # the point: whom to call
    table.add_column("Does", overflow="fold", ratio=2, priority=4)
    fixed_column(table, "Status", priority=6)
    fixed_column(table, "Given", "right", priority=2)
    fixed_column(table, "Got", "right", priority=1)
    for match in matches:
        balance = match.balance
        table.add_row(
            cell(balance.partner, "bold"),
            cell(match.phone),
            cell(match.does),
            cell(STATUS_TEXT[balance.status], STATUS_STYLE[balance.status]),
            cell(balance.given),
            cell(balance.got),
        )
    return table
