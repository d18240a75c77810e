"""Read-only screens that combine several queries: a partner's page."""

from __future__ import annotations

from reciprocity_cli.cli import common


def partner_detail(name: str, fmt: str | None, as_json: bool) -> None:
    from sqlmodel import select

    from reciprocity_cli.core import partners, settings
    from reciprocity_cli.core.balance import one_balance
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.core.fields import cents_to_decimal
    from reciprocity_cli.core.gestures import partner_spend
    from reciprocity_cli.core.referrals import LogFilter, log
    from reciprocity_cli.core.scorecard import scorecards
    from reciprocity_cli.errors import quote_arg
    from reciprocity_cli.models import Touch
    from reciprocity_cli.render import formats
    from reciprocity_cli.render.gestures import spend_document
    from reciprocity_cli.render.rows import balance_row, referral_row
    from reciprocity_cli.render.scorecard import scorecard_document, scorecard_pairs

    chosen = formats.choose(fmt, as_json, None, ("table", "json"))
    with common.database().session(write=False) as session:
        partner = partners.resolve(session, name)
        config = settings.load(session)
        balance = one_balance(session, config.fair_band, partner.id)
        entries = log(session, LogFilter(partner_id=partner.id))
        [card] = scorecards(
            session, config.fair_band, config.quiet_days, today(), partner_ids=[partner.id]
        )
        touches = session.exec(
            select(Touch)
            .where(Touch.partner_id == partner.id)
            .order_by(Touch.date.desc(), Touch.id.desc())
        ).all()
        spend = partner_spend(session, partner.id, today())
    details = partners.details_of(partner)
    balance_data = balance_row(balance, by_value=False, currency=None)
    history = [referral_row(r, partner.name, config.currency) for r, _ in entries]
    touch_rows = [
        {
            "id": t.id,
            "date": t.date,
            "kind": t.kind,
            "note": t.note,
            "by": t.made_by,
            "cost": cents_to_decimal(t.cost_cents),
        }
        for t in touches
    ]
    if chosen == "json":
        for row in history:
            row.pop("value_text")
        document = {**details, "balance": balance_data, "history": history, "touches": touch_rows}
        document["scorecard"] = scorecard_document(card)
        document["gestures"] = spend_document(spend)
        formats.emit(formats.to_json(document), None)
        return

    from rich.console import Group
    from rich.text import Text

    from reciprocity_cli.render.gestures import spend_text, touch_row, touch_table
    from reciprocity_cli.render.tables import details_table, log_table
    from reciprocity_cli.render.text import STATUS_STYLE, safe, signed, status_text

    standing = Text(
        f"given {balance.given}, got {balance.got}, net {signed(balance.net)} - ",
    )
    standing.append(status_text(balance.status), STATUS_STYLE[balance.status])
    title = Text(safe(partner.name), style="bold")
    if partner.archived:
        title.append(" (archived)", style="dim")
    pairs = [
        ("Does", partner.does),
        ("Kind", partner.kind),
        ("Contact", partner.contact),
        ("Phone", partner.phone),
        ("Email", partner.email),
        ("Website", partner.website),
        ("Address", partner.address),
        ("Tags", ", ".join(details["tags"])),
        ("Touch every", f"{partner.touch_every} days" if partner.touch_every else None),
        ("Gift every", f"{partner.gift_every} days" if partner.gift_every else None),
        ("Notes", partner.notes),
        ("Balance", standing),
        *scorecard_pairs(card, config.currency),
        ("Spent on gestures", spend_text(spend, today().year, config.currency)),
    ]
    parts = [title, details_table(pairs)]
    if history:
        parts.append(
            log_table(history, title=f"History ({len(history)} referrals)", show_partner=False)
        )
    else:
        parts.append(Text(f"\nNo referrals yet. Record one: recip give {quote_arg(partner.name)}"))
    if touches:
        rows = [touch_row(t, partner.name, config.currency) for t in touches]
        parts.append(touch_table(rows, title=f"Gestures ({len(rows)})", show_partner=False))
    common.show(Group(*parts))
