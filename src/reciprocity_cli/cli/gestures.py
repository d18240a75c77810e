"""Gestures on the command line: recording a thank-you (asking first when nothing waits for
one), listing them (`log --touches`) and correcting them (`edit t3`)."""

from __future__ import annotations

from reciprocity_cli.cli import common


def record_thanks(typed: str, *, kind: str, force: bool, **given):
    """Record a thank-you by the one rule (core/touches.py thank). When nothing from the
    partner is waiting for thanks it is most likely a second one: a person is asked, a
    script is told about --force. The question is asked outside any transaction."""
    from reciprocity_cli.core import partners, touches
    from reciprocity_cli.core.referrals import currency_setting
    from reciprocity_cli.errors import RecipError
    from reciprocity_cli.models import Partner

    db = common.database()
    with db.session(write=False) as session:
        partner = partners.resolve(session, typed)
        # Everything typed is checked before anything is asked.
        touches.TouchFields(
            kind, given.get("note"), given.get("cost"), None, given.get("by")
        ).checked(currency_setting(session, given.get("cost")))
        nothing = touches.waiting(session, partner, given.get("for_id"), given.get("date")) is None
    if nothing and not force:
        if not common.is_interactive():
            raise touches.NothingToThank(partner, kind)
        common.confirm(
            f"Nothing from {partner.name} is waiting for a thank-you; record one anyway?", False
        )
    with db.session(write=True) as session:
        found = session.get(Partner, partner.id)
        if found is None:  # merged away while the question was on screen
            raise RecipError(f'"{partner.name}" is no longer a partner; run the command again.')
        touch, referral = touches.thank(session, found, kind=kind, anyway=nothing or force, **given)
    return found, touch, referral


def list_touches(
    partner, since, until, kind, by, search, limit, limit_given, fmt, as_json, output
) -> None:
    """`recip log --touches`: gestures, newest first, in log's formats and with its limits."""
    from reciprocity_cli.core import fields, partners, settings
    from reciprocity_cli.core.dates import check_period, parse_optional_date
    from reciprocity_cli.core.gestures import TouchFilter, count_touches, iter_touches, spellings
    from reciprocity_cli.core.textmatch import search_words
    from reciprocity_cli.core.touches import TOUCH_KINDS
    from reciprocity_cli.render import formats
    from reciprocity_cli.render.gestures import TOUCH_COLUMNS, json_row, labelled, touch_row

    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    start, end = parse_optional_date(since), parse_optional_date(until)
    check_period(start, end)
    wanted = fields.clean_choice(kind, "kind", TOUCH_KINDS) if kind is not None else None
    words = tuple(search_words(search)) if search is not None else ()
    shown = (limit or None) if limit_given or chosen == "table" else None
    with common.database().session(write=False) as session:
        partner_id = partners.resolve(session, partner).id if partner else None
        people = spellings(session, by) if by is not None else None
        currency = settings.load(session).currency
        where = TouchFilter(partner_id, start, end, wanted, people, words, shown)
        rows = (touch_row(t, t.name, currency) for t in iter_touches(session, where))
        if chosen == "json":
            formats.emit_chunks(formats.json_array_chunks(map(json_row, rows)), output)
            return
        if chosen == "csv":
            formats.emit_chunks(formats.csv_chunks(map(labelled, rows), TOUCH_COLUMNS), output)
            return
        rows = list(rows)
        total = count_touches(session, where) if shown and len(rows) == shown else len(rows)
    if chosen == "md":
        md_rows = [labelled(row) for row in rows]
        formats.emit(formats.to_markdown(md_rows, TOUCH_COLUMNS, TOUCH_COLUMNS), output)
    elif not rows:
        common.say(
            "No gestures match; recip log --touches without filters lists them all."
            if partner or since or until or kind or by or search
            else "No gestures yet. Record one with: recip thank PARTNER  or  "
            "recip touch PARTNER --kind meeting"
        )
    else:
        from reciprocity_cli.render.gestures import touch_table

        more = total > len(rows)
        title = f"Latest {len(rows):,} of {total:,} gestures" if more else f"Gestures ({total})"
        common.show(touch_table(rows, title=title), output)
        if more:
            common.note(
                f"Showing the newest {len(rows):,} of {total:,} gestures; --limit 0 shows all."
            )


def names_a_touch(raw: str) -> bool:
    """t3 (or T3, #t3) is a gesture; a plain number is a referral. Checked without the
    database stack, so a wrong option is refused before anything opens."""
    return raw.strip().lstrip("#").lstrip()[:1].lower() == "t"


def refuse_on_referral(raw: str, touch_only: dict[str, str | None]) -> None:
    """Options only a gesture has, given for a referral: one line, nothing written."""
    given = [option for option, value in touch_only.items() if value is not None]
    if given:
        from reciprocity_cli.core.referrals import parse_id
        from reciprocity_cli.errors import RecipError

        raise RecipError(
            f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} for gestures (ids like "
            f"t3, see recip log --touches); #{parse_id(raw)} is a referral."
        )


def edit_touch(raw_id, partner, kind, note, cost, date, by, referral_only: dict) -> None:
    """`recip edit t3 ...`: correct a gesture."""
    from reciprocity_cli.core import gestures, partners
    from reciprocity_cli.core.touches import TouchFields
    from reciprocity_cli.errors import RecipError

    given = [option for option, value in referral_only.items() if value is not None]
    if given:
        raise RecipError(
            f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} for referrals; "
            f"{raw_id.strip()} is a gesture (it takes --kind, --note, --cost, --date, --by, "
            "--partner)."
        )
    fields = TouchFields(kind=kind, note=note, cost=cost, date=date, by=by)
    if partner is None and not fields.checked():
        raise RecipError("Nothing to change; give an option such as --note or --cost.")
    with common.database().session(write=True) as session:
        touch = gestures.get(session, raw_id)
        marked = gestures.thanked_with(session, touch)
        target = partners.resolve(session, partner) if partner else None
        changed = gestures.update(session, touch, fields, partner=target)
    name = gestures.label(touch.id)
    if not changed:
        common.say(f"{name} already had those values; nothing changed.")
        return
    labels = {"partner_id": "partner", "made_by": "by", "cost_cents": "cost"}
    common.say(f"Updated {name}: {', '.join(labels.get(c, c) for c in changed)}.")
    if touch.kind not in ("thanks", "gift") and gestures.still_marked(marked):
        common.say(gestures.still_marked(marked))
