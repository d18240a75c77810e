"""`recip today --json` and `recip who --json`: plain data, so printing it needs no Rich
(render/daily.py draws the same for the terminal)."""

from __future__ import annotations

from reciprocity_cli.core.followups import Due
from reciprocity_cli.core.gifts import GiftDue
from reciprocity_cli.core.habit import Today
from reciprocity_cli.core.scorecard import OneWay
from reciprocity_cli.core.search import Match
from reciprocity_cli.render.followups import followup_row
from reciprocity_cli.render.rows import thanks_row
from reciprocity_cli.render.scorecard import one_way_row


def today_document(today: Today) -> dict:
    """`recip today --json`: DESIGN's keys, plus the alternates, the week and what is due."""

    def pick(p) -> dict:
        return {"partner": p.partner, "reason": p.reason, "phone": p.phone, "does": p.does}

    goal_picks = today.picks[: today.goal]
    return {
        "date": today.date,
        "goal": today.goal,
        "given_today": today.given_today,
        "done": today.done,
        "streak": today.streak.current,
        "best_streak": today.streak.best,
        "habit": {"strength": today.habit.strength, "days": today.habit.days},
        "closed_today": today.closed_today,
        "picks": [pick(p) for p in goal_picks],
        "alternates": [pick(p) for p in today.picks[len(goal_picks) :]],
        "given_to": today.given_to,
        "week": [{"date": m.day, "mark": m.mark} for m in today.week],
        "thanks_due": [thanks_row(d) for d in today.thanks_due],
        "gifts_due": [gift_row(g) for g in today.gifts_due],
        "touch_due": [
            {"partner": d.partner, "every": d.every, "last": d.last, "phone": d.phone}
            for d in today.touch_due
        ],
    }


def gift_row(gift: GiftDue) -> dict:
    return {"partner": gift.partner, "every": gift.every, "last": gift.last, "phone": gift.phone}


def who_rows(matches: list[Match]) -> list[dict]:
    return [
        {
            "partner": m.balance.partner,
            "phone": m.phone,
            "does": m.does,
            "contact": m.contact,
            "status": m.balance.status,
            "given": m.balance.given,
            "got": m.balance.got,
            "net": m.balance.net,
            "last_given": m.balance.last_given,
        }
        for m in matches
    ]


def closing_document(due: Due, days: int, one_way: list[OneWay]) -> dict:
    """`today --json`'s follow-ups due and one-way partners (DESIGN, "Closing the loop")."""
    oldest = None if due.oldest is None else followup_row(due.oldest)
    return {
        "followups": {"due": due.count, "days": days, "oldest": oldest},
        "one_way": [one_way_row(o) for o in one_way],
    }
