"""vCards in and out, through vobject.

vobject reads vCard 3.0 and 4.0 well, but not the 2.1 that phones still export: it drops
quoted-printable soft line breaks and splits unescaped commas. `normalise()` turns each 2.1
card into 3.0 text first (decoding quoted-printable in the card's charset), so one parser
serves every version.
"""

from __future__ import annotations

import quopri
from collections.abc import Iterator
from dataclasses import dataclass, field

from reciprocity_cli.errors import RecipError

PARTNER_KINDS = ("complementary", "supplier", "customer", "competitor", "networking", "other")
# 2.1 text properties whose commas are literal (3.0 escapes them).
TEXT_PROPERTIES = {"FN", "NOTE", "TITLE", "EMAIL", "URL", "TEL", "X-RECIP-DOES", "X-RECIP-CONTACT"}
STRUCTURED = {"N", "ADR", "ORG"}


@dataclass
class Card:
    """One contact as recip sees it, with the line its BEGIN:VCARD stands on."""

    line: int
    name: str | None = None
    contact: str | None = None
    does: str | None = None
    phones: list[str] = field(default_factory=list)
    email: str | None = None
    website: str | None = None
    address: str | None = None
    notes: str | None = None
    categories: list[str] = field(default_factory=list)


def split_cards(text: str) -> Iterator[tuple[int, list[str]]]:
    """Physical lines grouped per card, with the line number of each BEGIN:VCARD."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start, current = 0, None
    for number, line in enumerate(lines, start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            start, current = number, [line]
        elif upper == "END:VCARD" and current is not None:
            current.append(line)
            yield start, current
            current = None
        elif current is not None:
            current.append(line)
    if current is not None:
        raise RecipError(f"line {start}: a vCard starts here but has no END:VCARD.")


def _unfold(lines: list[str]) -> list[str]:
    """Join folded lines: a leading space or tab continues the line before; so does the line
    after a quoted-printable line ending in '=' (a soft line break)."""
    logical: list[str] = []
    for line in lines:
        if logical and _is_qp(logical[-1]) and logical[-1].endswith("="):
            # The '=' marks the soft break; some writers also indent the next line.
            logical[-1] = logical[-1][:-1] + (line[1:] if line[:1] in (" ", "\t") else line)
        elif logical and line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _escape(value: str, structured: bool) -> str:
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace("\r\n", "\\n")
    value = value.replace("\n", "\\n")
    return value if structured else value.replace(";", "\\;")


def _to_v3(line: str) -> str:
    """A 2.1 property line as 3.0: decoded, charset applied, commas escaped."""
    if ":" not in line:
        return line
    head, value = line.split(":", 1)
    parts = head.split(";")
    name = parts[0].split(".")[-1].upper()
    params = [
        p for p in parts[1:] if p.upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")
    ]
    charset = "utf-8"
    for param in list(params):
        if param.upper().startswith("CHARSET="):
            charset = param.split("=", 1)[1].strip('"') or "utf-8"
            params.remove(param)
    if _is_qp(line):
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            value = raw.decode(charset, "replace")
        except LookupError:
            value = raw.decode("utf-8", "replace")
    elif name in TEXT_PROPERTIES or name in STRUCTURED:
        value = value.replace("\\;", ";")
    if name in TEXT_PROPERTIES:
        value = _escape(value, structured=False)
    elif name in STRUCTURED:
        value = ";".join(_escape(part, structured=True) for part in value.split(";"))
    return ";".join([parts[0], *params]) + ":" + value


def normalise(lines: list[str]) -> str:
    logical = _unfold(lines)
    version = next(
        (line.split(":", 1)[1].strip() for line in logical if line.upper().startswith("VERSION:")),
        "3.0",
    )
    if version == "2.1":
        logical = [
            "VERSION:3.0" if line.upper().startswith("VERSION:") else _to_v3(line)
            for line in logical
        ]
    return "\r\n".join(logical) + "\r\n"


def _text(component, key: str) -> str | None:
    """The first value of a property; for ORG, the organisation without its units."""
    items = component.contents.get(key, [])
    if not items:
        return None
    value = items[0].value
    if isinstance(value, list):
        value = next((str(v) for v in value if v), "")
    return str(value).strip() or None


def _address(component) -> str | None:
    items = component.contents.get("adr", [])
    if not items:
        return None
    adr = items[0].value
    parts = [adr.box, adr.extended, adr.street, adr.city, adr.region, adr.code, adr.country]
    flat = [" ".join(p) if isinstance(p, list) else p for p in parts]
    return ", ".join(p.strip() for p in flat if p and p.strip()) or None


def _phone(value: str) -> str:
    return value[4:] if value.lower().startswith("tel:") else value


def read(text: str) -> list[Card]:
    """Every card in a .vcf file. A card that cannot be read stops with its line number."""
    import vobject

    cards = []
    for line, lines in split_cards(text):
        try:
            component = vobject.readOne(normalise(lines))
        except Exception as error:  # vobject raises many types; all mean "unreadable card"
            raise RecipError(f"line {line}: this vCard cannot be read ({error}).") from None
        org = _text(component, "org")
        full_name = _text(component, "fn")
        name = org or full_name
        if not name:
            raise RecipError(f"line {line}: this vCard has neither FN nor ORG, so no name.")
        categories: list[str] = []
        for item in component.contents.get("categories", []):
            values = item.value if isinstance(item.value, list) else [item.value]
            categories += [v.strip() for v in values if v and v.strip()]
        cards.append(
            Card(
                line=line,
                name=name,
                contact=_text(component, "x-recip-contact")
                or (full_name if org and full_name and full_name != org else None),
                does=_text(component, "x-recip-does"),
                phones=[
                    _phone(t.value.strip())
                    for t in component.contents.get("tel", [])
                    if t.value.strip()
                ],
                email=_text(component, "email"),
                website=_text(component, "url"),
                address=_address(component),
                notes=_text(component, "note"),
                categories=categories,
            )
        )
    return cards


def write(partner: dict) -> str:
    """One partner as a vCard 3.0 (what phones and address books import best)."""
    import vobject

    card = vobject.vCard()
    card.add("fn").value = partner["name"]
    card.add("n").value = vobject.vcard.Name(family="", given="")
    card.add("org").value = [partner["name"]]
    if partner.get("phone"):
        tel = card.add("tel")
        tel.value = partner["phone"]
        tel.type_param = "WORK"
    if partner.get("email"):
        email = card.add("email")
        email.value = partner["email"]
        email.type_param = "INTERNET"
    if partner.get("website"):
        card.add("url").value = partner["website"]
    if partner.get("address"):
        card.add("adr").value = vobject.vcard.Address(street=partner["address"])
    if partner.get("notes"):
        card.add("note").value = partner["notes"]
    if partner.get("does"):
        card.add("x-recip-does").value = partner["does"]
    if partner.get("contact"):
        card.add("x-recip-contact").value = partner["contact"]
    card.add("categories").value = [partner["kind"], *partner.get("tags", [])]
    return card.serialize()


def kind_and_tags(categories: list[str]) -> tuple[str | None, list[str]]:
    """The first category that names a partner kind is the kind; the rest are tags."""
    kind = next((c.lower() for c in categories if c.lower() in PARTNER_KINDS), None)
    tags = [c for c in categories if c.lower() != kind]
    return kind, tags
