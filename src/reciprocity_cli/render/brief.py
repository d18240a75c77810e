"""`recip today --brief`: the morning checklist as one line, for a shell prompt, a tmux status
bar, a notification or a cron mail. Built from the same Today as the full screen, so the
two always name the same partner and the same streak."""

from __future__ import annotations

from reciprocity_cli.core.habit import Today
from reciprocity_cli.core.words import plural
from reciprocity_cli.render.text import safe

WIDTH = 99  # DESIGN: under 100 characters
NAME_WIDTH = 32
PHONE_WIDTH = 20
SEPARATOR = " | "


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 1)].rstrip() + "..."


def _task(today: Today, room: int) -> str:
    """Who to refer and their phone, or where the day stands; at most `room` characters."""
    if today.done:
        return "done today" if today.goal == 1 else f"done today ({today.given_today}/{today.goal})"
    if today.closed_today:
        return "closed today"
    if not today.picks:
        if today.given_today:
            return f"{today.given_today}/{today.goal} today, no partner left to suggest"
        return "no partner to refer yet: recip partner add NAME"
    pick = today.picks[0]
    more = f" +{today.open_slots - 1} more" if today.open_slots > 1 else ""
    phone = f" {_cut(safe(pick.phone), PHONE_WIDTH)}" if pick.phone else ""
    name_room = max(room - len("refer ") - len(phone) - len(more), 8)
    return f"refer {_cut(safe(pick.partner), min(NAME_WIDTH, name_room))}{phone}{more}"


def _due(today: Today) -> str:
    due = [
        plural(len(today.thanks_due), "thank-you") if today.thanks_due else "",
        plural(len(today.gifts_due), "gift") if today.gifts_due else "",
        f"{len(today.touch_due)} to contact" if today.touch_due else "",
    ]
    shown = ", ".join(filter(None, due))
    return f"due: {shown}" if shown else ""


def brief_line(today: Today) -> str:
    """One line: the task, the streak, and what is due; plain text, under 100 characters."""
    rest = [f"streak {today.streak.current}", _due(today)]
    tail = "".join(SEPARATOR + part for part in rest if part)
    line = _task(today, WIDTH - len(tail)) + tail
    return _cut(line, WIDTH)
