"""Contacts from a phone or an address book (.vcf), read as checked partner rows."""

from __future__ import annotations

from reciprocity_cli.core import vcard
from reciprocity_cli.core.imports.records import PartnerRow, Plan, RowError, partner_row


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
        "archived": card.archived,
    }
    return partner_row(card.line, raw)


def plan(text: str) -> Plan:
    return Plan(partners=[_row(card) for card in vcard.read(text)])
