"""The daily habit: today, who, thank, touch."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common

PartnerArg = common.PartnerArg
When = common.WhenOption
By = common.ByOption
Cost = common.CostOption
Force = Annotated[
    bool,
    typer.Option(
        "--force", help="Record the thanks even when no referral is waiting for a thank-you."
    ),
]


def today(
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DATE", help="Show another day as it was."),
    ] = None,
    as_json: common.JsonOnlyOption = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief", help="One line, under 100 characters, for a shell prompt or notification."
        ),
    ] = False,
) -> None:
    """The "refer one partner today" checklist: who to refer, the streak, what is due.

    Plain `recip` shows the same. Picks: partners you owe first (largest net first),
    then those you have not referred for longest (never first). --brief is fast enough to
    run before every shell prompt (see the README for bash, zsh and notify-send).

    \b
    Examples:
      recip today
      recip today --date yesterday --json
      recip today --brief
    """
    from reciprocity_cli.core import followups, habit, scorecard, settings
    from reciprocity_cli.core.dates import parse_date

    if brief and as_json:
        from reciprocity_cli.errors import UsageProblem

        raise UsageProblem("--brief and --json are two different outputs; choose one.")
    day = parse_date(date or "today")
    remember = _remember(day, brief)
    with common.database().session(write=False) as session:
        config = settings.load(session)
        checklist = habit.today_checklist(session, config, day)
        if not brief:  # the prompt's line is the checklist's; follow-ups are for the screen
            due = followups.due(session, day, config.followup_days)
            one_way = scorecard.one_way_partners(session, day, config.quiet_days)
    if remember is not None or brief:
        from reciprocity_cli.render.brief import brief_line

        line = brief_line(checklist)
        if remember is not None:
            from reciprocity_cli import brief_cache

            brief_cache.store(remember[0], remember[1], line)
        if brief:
            common.say(line)
            return
    if as_json:
        from reciprocity_cli.render.daily_documents import closing_document, today_document
        from reciprocity_cli.render.formats import emit, to_json

        document = today_document(checklist)
        document.update(closing_document(due, config.followup_days, one_way))
        emit(to_json(document), None)
        return
    from rich.console import Group

    from reciprocity_cli.render.daily import closing_view, today_view

    common.show(Group(today_view(checklist), *closing_view(due, config.followup_days, one_way)))


def _remember(day, brief: bool):
    """Where and under which key to keep today's brief line for the next prompt (see
    brief_cache.py): a SQLite file, today's date, and --brief used now or before."""
    from reciprocity_cli import brief_cache
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.location import locate

    path = locate(common.db_option()).path
    if path is None or day != today():
        return None
    key = brief_cache.begin(path, day.isoformat(), wanted=brief)
    return None if key is None else (path, key)


def who(
    words: Annotated[
        list[str], typer.Argument(metavar="WORDS...", help="What the customer needs.")
    ],
    as_json: common.JsonOnlyOption = False,
) -> None:
    """Find partners who do something: the one you owe most first, with their phone.

    Every word must start a word of the partner's name, what they do, tags, kind or notes,
    ignoring case, accents and endings: plumber finds "emergency plumbing", roofer "flat
    roofs". When no partner has them all, the closest are shown instead (not in --json,
    which lists only partners who match).

    \b
    Examples:
      recip who roof
      recip who hotel wedding
    """
    from reciprocity_cli.core import settings
    from reciprocity_cli.core.dates import today as today_date
    from reciprocity_cli.core.search import who as search

    with common.database().session(write=False) as session:
        found = search(session, settings.load(session), words, today_date())
    typed = " ".join(words)
    if as_json:
        from reciprocity_cli.render.daily_documents import who_rows
        from reciprocity_cli.render.formats import emit, to_json

        emit(to_json(who_rows([] if found.closest else found.matches)), None)
        return
    if not found.matches:
        common.say(
            f'No active partner does "{typed}" or anything like it. '
            "See them all: recip partner list"
        )
        return
    from reciprocity_cli.render.daily import who_table

    common.show(who_table(found.matches, typed, closest=found.closest))


def thank(
    partner: PartnerArg,
    gift: Annotated[
        str | None, typer.Option("--gift", metavar="TEXT", help="A gift you gave, e.g. 'wine'.")
    ] = None,
    cost: Cost = None,
    for_id: Annotated[
        str | None,
        typer.Option("--for", metavar="ID", help="The referral you thank them for (see log)."),
    ] = None,
    date: When = None,
    by: By = None,
    force: Force = False,
) -> None:
    """Record a thank-you (or a gift) and mark the referral as thanked.

    Without --for, the oldest referral from them not yet thanked is marked. When none is
    waiting, recip asks first (or, outside a terminal, wants --force).

    \b
    Examples:
      recip thank harbor
      recip thank joe --gift "bottle of wine" --cost 25 --for 12
    """
    from reciprocity_cli.cli.gestures import record_thanks

    found, touch, referral = record_thanks(
        partner,
        kind="gift" if gift else "thanks",
        force=force,
        note=gift,
        cost=cost,
        for_id=for_id,
        date=date,
        by=by,
    )
    _say_thanks(found, touch, referral, f"a gift ({touch.note})" if gift else "a thank-you")


def _say_thanks(partner, touch, referral, what: str) -> None:
    from reciprocity_cli.core.gestures import label

    said = f"Recorded {label(touch.id)}: {what} for {partner.name} on {touch.date}"
    if referral is None:
        common.say(f"{said} (no referral from them was waiting for thanks).")
    else:
        customer = f"{referral.customer}, " if referral.customer else ""
        common.say(f"{said}; #{referral.id} ({customer}{referral.date}) is thanked.")


def touch(
    partner: PartnerArg,
    kind: Annotated[
        str, typer.Option("--kind", "-k", metavar="KIND", help="meeting, promo, gift or thanks.")
    ],
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="Notes.")] = None,
    cost: Cost = None,
    date: When = None,
    by: By = None,
    force: Force = False,
) -> None:
    """Record a gesture that is not a referral: a meeting, a joint promotion, a gift.

    --kind thanks is a thank-you, as `recip thank` records it: it marks the oldest referral
    from them not yet thanked (and asks first, or wants --force, when none is waiting).

    \b
    Examples:
      recip touch joe --kind meeting --note "coffee, talked about boilers"
      recip touch harbor --kind promo --note "shared flyer" --cost 40
    """
    from reciprocity_cli.core import partners, touches
    from reciprocity_cli.core.gestures import label

    if kind.strip().lower() == "thanks":
        from reciprocity_cli.cli.gestures import record_thanks

        found, made, referral = record_thanks(
            partner,
            kind="thanks",
            force=force,
            note=note,
            cost=cost,
            date=date,
            by=by,
        )
        _say_thanks(found, made, referral, "a thank-you")
        return
    with common.database().session(write=True) as session:
        found = partners.resolve(session, partner)
        made = touches.record_touch(session, found, kind, note=note, cost=cost, date=date, by=by)
    common.say(f"Recorded {label(made.id)}: a {made.kind} with {found.name} on {made.date}.")
