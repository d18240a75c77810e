"""Contacts from a phone or an address book (.vcf), read as checked partner rows.

A phone's address book is mostly people: family, friends, the dentist's receptionist. Only
businesses (a card with a company, ORG, or a vCard 4.0 KIND:org) become partners unless
`everyone`; the others are listed in the plan, so the import can say what it left out.
"""

from __future__ import annotations

from typing import IO

from reciprocity_cli.core import vcard
from reciprocity_cli.core.imports.plan import FirstError, Plan, Survey
from reciprocity_cli.core.imports.records import PartnerRow, RowError, partner_row
from reciprocity_cli.core.imports.source import TextFile


def _row(card: vcard.Card) -> PartnerRow:
    if not card.name:
        raise RowError(card.line, "this vCard has neither FN nor ORG, so no name.")
    raw = {
        "name": card.name,
        "contact": card.contact,
        "does": card.does,
        "phone": " / ".join(dict.fromkeys(card.phones)) or None,
        "email": card.email,
        "website": card.website,
        "address": card.address,
        "notes": card.notes,
        "kind": card.kind,
        "tags": card.tags or None,
        "touch_every": card.touch_every,
        "gift_every": card.gift_every,
        "archived": card.archived,
    }
    return partner_row(card.line, raw)


def _shown(name: str | None) -> str:
    """A private contact's name on one short line: it is only listed, never stored."""
    name = " ".join((name or "").split()) or "(no name)"
    return name if len(name) <= 80 else name[:79] + "…"


def plan(file: TextFile, *, everyone: bool = False) -> Plan:
    def read(text: IO[str], first: FirstError, survey: Survey | None = None):
        for card in vcard.read(text):
            if card.business or everyone:
                row = first.check(_row, card)
                if row is not None:
                    yield "partners", row
            elif survey is not None:
                survey.leave_out(card.line, _shown(card.name))

    def check(file: TextFile) -> Survey:
        survey, first = Survey(), FirstError()
        with file.open() as text:
            for kind, row in read(text, first, survey):
                survey.see(kind, row)
        first.raise_first()
        return survey

    def rows():
        with file.open() as text:
            yield from read(text, FirstError(strict=True))

    return file.whole(check).done(rows)
