"""Partners as vCards that a phone shows in full, and that recip imports back exactly.

What a phone shows: FN and ORG, the business (the name it lists); N, the contact person;
TITLE, what the partner does (phones show a job title under the name; Android's importer
drops ROLE and iPhone has no field for it); NOTE, what they do, the referral balance on
the day of the export and the partner's notes; CATEGORIES, the tags; TEL, EMAIL, URL, ADR.
X-ABShowAs:COMPANY makes an iPhone list the card by its company, not by the person in N.

What recip reads back (vcard.read): X-RECIP-KIND marks the card as recip's own, and the
X-RECIP-* copies hold what the properties above cannot carry exactly (a text a phone would
trim, a carriage return, the kind, the stay-in-touch and gift intervals).
"""

from __future__ import annotations

import re

from reciprocity_cli.core.vcard import keep_returns

VERSIONS = ("3.0", "4.0")
# Words around a person's name that are neither given nor family name, compared without
# case or a final dot; and the particles that begin a family name ("van der Berg").
PREFIXES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "mme", "mlle"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le"}
PARTICLES |= {"dos", "das", "ten", "ter", "zu", "bin", "al"}
_LINE = re.compile(r"\r\n|\r|\n")
# What each version calls a work phone and a work email (RFC 2426 and RFC 6350).
TEL_TYPES = {"3.0": ["WORK", "VOICE"], "4.0": ["work", "voice"]}
EMAIL_TYPES = {"3.0": ["INTERNET", "WORK"], "4.0": ["work"]}


def _key(word: str) -> str:
    return word.rstrip(".").casefold()


def name_parts(contact: str | None) -> dict[str, str]:
    """A contact person as the fields of N: "Joe Bloggs" is given Joe, family Bloggs;
    "Bloggs, Joe" the same; "Dr. Jane van der Berg" is prefix Dr., given Jane, family
    van der Berg; a single word is a given name, unless a title comes first ("Mr. Okafor")."""
    parts = {"family": "", "given": "", "prefix": "", "suffix": ""}
    text = " ".join((contact or "").split())
    head, comma, tail = text.partition(",")
    if comma and tail.strip() and all(_key(w) in SUFFIXES for w in tail.split()):
        text, parts["suffix"] = head.strip(), tail.strip()
    elif comma:  # family name first, as address books sort
        parts["family"], parts["given"] = head.strip(), tail.strip()
        return parts
    words = text.split()
    prefix = []
    while len(words) > 1 and _key(words[0]) in PREFIXES:
        prefix.append(words.pop(0))
    suffix = []
    while len(words) > 1 and _key(words[-1]) in SUFFIXES:
        suffix.insert(0, words.pop())
    parts["prefix"] = " ".join(prefix)
    parts["suffix"] = parts["suffix"] or " ".join(suffix)
    if len(words) == 1:
        parts["family" if prefix else "given"] = words[0]
    elif words:
        start = len(words) - 1
        while start > 1 and _key(words[start - 1]) in PARTICLES:
            start -= 1
        parts["given"], parts["family"] = " ".join(words[:start]), " ".join(words[start:])
    return parts


def note_text(partner: dict, balance: str | None) -> str | None:
    """What the phone's note field shows: what they do, the balance line, then the notes."""
    head = "\n".join(text for text in (partner.get("does"), balance) if text)
    notes = partner.get("notes")
    return "\n\n".join(text for text in (head, notes) if text) or None


def write(partner: dict, *, version: str = "3.0", balance: str | None = None) -> str:
    """One partner as a vCard 3.0 (what phones import best) or 4.0. `balance` is the line
    the note shows about referrals ("Referrals: you gave 3, got 5 - you owe them")."""
    import vobject

    card = vobject.vCard()
    if version == "4.0":
        card.add("version").value = "4.0"
        card.add("kind").value = "org"
    name = partner["name"]
    card.add("fn").value = name
    card.add("org").value = [name]
    person = name_parts(partner.get("contact"))
    if version == "3.0" or any(person.values()):  # N is required in 3.0 only
        card.add("n").value = vobject.vcard.Name(**person)
    card.add("x-abshowas").value = "COMPANY"
    if partner.get("does"):
        card.add("title").value = _LINE.split(partner["does"], 1)[0]
    note = note_text(partner, balance)
    if note:
        card.add("note").value = note
    if partner.get("phone"):
        tel = card.add("tel")
        tel.value = partner["phone"]
        tel.type_paramlist = TEL_TYPES[version]
        if version == "4.0":  # a number as typed, not a tel: URI
            tel.value_param = "text"
    if partner.get("email"):
        email = card.add("email")
        email.value = partner["email"]
        email.type_paramlist = EMAIL_TYPES[version]
    if partner.get("website"):
        card.add("url").value = partner["website"]
    if partner.get("address"):
        address = card.add("adr")
        address.value = vobject.vcard.Address(street=partner["address"])
        address.type_param = "WORK" if version == "3.0" else "work"
    if partner.get("tags"):
        card.add("categories").value = list(partner["tags"])
    card.add("x-recip-kind").value = partner["kind"]
    for key in ("does", "contact", "address", "notes"):
        if partner.get(key):
            card.add(f"x-recip-{key}").value = keep_returns(partner[key])
    for key in ("touch_every", "gift_every"):
        if partner.get(key):
            card.add(f"x-recip-{key.replace('_', '-')}").value = str(partner[key])
    if partner.get("archived"):
        card.add("x-recip-archived").value = "true"
    return card.serialize()
