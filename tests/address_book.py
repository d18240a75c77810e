"""What a desktop address book shows of a .vcf file: each card read by GNOME's Evolution
Data Server (the EBookContacts library behind Evolution and GNOME Contacts), a parser
written apart from vobject, in C.

Run by the system's Python, which has the library's bindings (Debian:
gir1.2-ebookcontacts-1.2 and python3-gi):

    python3 tests/address_book.py FILE.vcf           # JSON, what tests compare
    python3 tests/address_book.py --text FILE.vcf    # as a person reads it
"""

import json
import re
import sys

# The contact fields a phone or address book shows, by their EContact property names.
FIELDS = {
    "full-name": "Name",
    "org": "Company",
    "title": "Job title",
    "business-phone": "Work phone",
    "email-1": "Email",
    "homepage-url": "Website",
    "categories": "Categories",
    "note": "Note",
}


def cards(text: str) -> list[str]:
    return [card + "END:VCARD\r\n" for card in re.split(r"END:VCARD\r?\n", text) if card.strip()]


def read(path: str) -> list[dict]:
    import gi

    gi.require_version("EBookContacts", "1.2")
    from gi.repository import EBookContacts

    with open(path, encoding="utf-8", newline="") as source:
        text = source.read()
    found = []
    for card in cards(text):
        contact = EBookContacts.Contact.new_from_vcard(card)
        name = contact.get_property("name")
        address = contact.get_property("address-work")
        found.append(
            {
                **{key: contact.get_property(key) for key in FIELDS},
                "family": name.family if name else None,
                "given": name.given if name else None,
                "prefixes": name.prefixes if name else None,
                "work-street": address.street if address else None,
                # Every property as parsed: name, values, parameters.
                "attributes": [
                    [
                        attribute.get_name(),
                        attribute.get_values(),
                        {p.get_name(): p.get_values() for p in attribute.get_params()},
                    ]
                    for attribute in EBookContacts.VCard.get_attributes(contact)
                ],
            }
        )
    return found


def shown(card: dict) -> str:
    lines = [f"{label:11} {card[key]}" for key, label in FIELDS.items() if card[key]]
    person = " ".join(p for p in (card["prefixes"], card["given"], card["family"]) if p)
    if person:
        lines.insert(1, f"{'Person':11} {person} (family {card['family']}, given {card['given']})")
    if card["work-street"]:
        lines.append(f"{'Address':11} {card['work-street']}")
    text = "\n".join(line.replace("\n", "\n" + " " * 12) for line in lines)
    return "\n".join(line.rstrip() for line in text.splitlines())


def main() -> None:
    as_text = sys.argv[1] == "--text"
    found = read(sys.argv[-1])
    if as_text:
        print("\n\n".join(shown(card) for card in found))
    else:
        json.dump(found, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
