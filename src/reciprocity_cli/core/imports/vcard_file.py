"""Contacts from a phone or an address book (.vcf), read as checked partner rows."""

from __future__ import annotations

from collections.abc import Iterator

from reciprocity_cli.core import vcard
from reciprocity_cli.core.imports.records import PartnerRow, Plan, partner_row


def partners(text: str) -> Iterator[PartnerRow]:
    for card in vcard.read(text):
        kind, tags = vcard.kind_and_tags(card.categories)
        raw = {
            "name": card.name,
            "contact": card.contact,
            "does": card.does,
            "phone": " / ".join(dict.fromkeys(card.phones)) or None,
            "email": card.email,
            "website": card.website,
            "address": card.address,
            "notes": card.notes,
            "kind": kind,
            "tags": tags or None,
        }
        yield partner_row(card.line, raw)


def plan(text: str) -> Plan:
    return Plan(partners=list(partners(text)))
