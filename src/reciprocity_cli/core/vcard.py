"""vCards in and out, through vobject.

vobject reads vCard 3.0 and 4.0 well, but not the 2.1 that phones still export: it drops
quoted-printable soft line breaks and splits unescaped commas. `normalise()` turns each 2.1
card into 3.0 text first (decoding quoted-printable in the card's charset), so one parser
serves every version.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reciprocity_cli.errors import RecipError

PARTNER_KINDS = ("complementary", "supplier", "customer", "competitor", "networking", "other")
# recip's own copies of a partner's fields, beside what phones show (vcard_out.py writes
# them). A card with X-RECIP-KIND is recip's own: it is restored from these alone. Older
# recips wrote only the first two, and such cards are read as any other card.
RECIP_TEXTS = ("X-RECIP-DOES", "X-RECIP-CONTACT", "X-RECIP-ADDRESS", "X-RECIP-NOTES")
RECIP_VALUES = ("X-RECIP-KIND", "X-RECIP-TOUCH-EVERY", "X-RECIP-GIFT-EVERY", "X-RECIP-ARCHIVED")
# 2.1 text properties whose commas are literal (3.0 escapes them).
TEXT_PROPERTIES = {"FN", "NOTE", "TITLE", "EMAIL", "URL", "TEL", *RECIP_TEXTS}
STRUCTURED = {"N", "ADR", "ORG"}
# The properties recip reads; the rest (PHOTO, LOGO, SOUND, KEY, X-...) are dropped unread.
READ = {"BEGIN", "END", "VERSION", "KIND", "FN", "N", "ORG", "TEL", "EMAIL", "URL", "ADR"} | {
    "NOTE",
    "CATEGORIES",
    *RECIP_TEXTS,
    *RECIP_VALUES,
}
# A kept property longer than this is no field recip could store (10,000 characters, even
# quoted-printable); vobject would take ~140 bytes of memory per character to parse it.
LINE_MAX = 256 * 1024
CARD_MAX = 4 * LINE_MAX  # and a card of many of them, likewise
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Card:
    """One contact as recip sees it, with the line its BEGIN:VCARD stands on. A business
    has an ORG (or, in vCard 4.0, KIND:org); other cards are people, private contacts."""

    line: int
    name: str | None = None
    business: bool = True
    contact: str | None = None
    does: str | None = None
    phones: list[str] = field(default_factory=list)
    email: str | None = None
    website: str | None = None
    address: str | None = None
    notes: str | None = None
    kind: str | None = None
    tags: list[str] = field(default_factory=list)
    touch_every: str | None = None
    gift_every: str | None = None
    archived: str | None = None


# vCard text escapes a line break, "\\", "," and ";", but has no escape for a lone carriage
# return: readers (vobject too) turn "\r" and "\r\n" into "\n". recip's own copies of a text
# therefore write a carriage return as %0D, and so a "%" as %25; phones do not show them.
_PERCENT = re.compile(r"%25|%0D")


def keep_returns(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D")


def restore_returns(text: str) -> str:
    return _PERCENT.sub(lambda found: "%" if found.group() == "%25" else "\r", text)


def _physical_lines(text: str | Iterable[str]) -> Iterator[str]:
    """The file's lines, ended by CRLF, LF or CR, one at a time: no copy of the whole text.
    `text` is the text, or its lines with their ends (a file opened with newline="")."""
    if not isinstance(text, str):
        for line in text:
            yield line.rstrip("\r\n")
        return
    start = 0
    for end in _LINE_BREAK.finditer(text):
        yield text[start : end.start()]
        start = end.end()
    if start < len(text):
        yield text[start:]


def _head(line: str) -> str:
    """What comes before the value: "item1.TEL;TYPE=WORK" of "item1.TEL;TYPE=WORK:555"."""
    colon = line.find(":")
    return line[: colon if colon >= 0 else len(line)]


def _property_name(line: str) -> str:
    """ "item1.TEL;TYPE=WORK:555" is TEL."""
    return _head(line).split(";", 1)[0].rsplit(".", 1)[-1].strip().upper()


def split_cards(text: str | Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """Each card as its logical lines (folded lines joined), with the line number of its
    BEGIN:VCARD; only the properties recip reads are kept.

    One pass, in time linear in the file: a folded line is gathered as a list of pieces and
    joined once. A property recip does not read (a PHOTO of megabytes) is skipped as it is
    read, so memory is bounded by the largest card kept, not by the file."""
    start, card = 0, None
    pieces: list[str] | None = None  # the logical line being gathered; None while skipping
    name, length, kept = "", 0, 0
    quoted_printable = soft_break = False
    for number, line in enumerate(_physical_lines(text), start=1):
        upper = line.strip().upper() if len(line) < 64 else ""  # no copy of a long line
        if upper == "BEGIN:VCARD" or card is None:
            if upper == "BEGIN:VCARD":  # a card left open is replaced by the next one
                start, card, pieces, name, kept, length = number, [], [line], "BEGIN", 0, 0
                quoted_printable = soft_break = False
            continue
        if upper != "END:VCARD" and (soft_break or line[:1] in (" ", "\t")):
            # A continuation: after a quoted-printable line ending in "=" (a soft line break,
            # the "=" dropped; some writers also indent the next line), or an indented line.
            if pieces is not None:
                if soft_break:
                    pieces[-1] = pieces[-1][:-1]
                pieces.append(line[1:] if line[:1] in (" ", "\t") else line)
                length += len(pieces[-1])
                if length > LINE_MAX:
                    raise RecipError(_too_long(start, name))
            soft_break = quoted_printable and line.endswith("=")
            continue
        if pieces is not None:
            card.append("".join(pieces))
            kept += length
            if kept > CARD_MAX:
                raise RecipError(
                    f"line {start}: this vCard holds over {CARD_MAX:,} characters of the "
                    "fields recip reads; no partner is that large."
                )
        if upper == "END:VCARD":
            card.append(line)
            yield start, card
            card = None
            continue
        name = _property_name(line)
        quoted_printable = _is_qp(line)
        soft_break = quoted_printable and line.endswith("=")
        pieces = [line] if name in READ else None
        length = len(line)
        if pieces is not None and length > LINE_MAX:
            raise RecipError(_too_long(start, name))
    if card is not None:
        raise RecipError(f"line {start}: a vCard starts here but has no END:VCARD.")


def _too_long(start: int, name: str) -> str:
    return (
        f"line {start}: the {name} of this vCard is over {LINE_MAX:,} characters long; "
        "recip keeps fields of at most 10,000."
    )


def _is_qp(line: str) -> bool:
    return "QUOTED-PRINTABLE" in _head(line).upper()


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


def normalise(logical: list[str]) -> str:
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


def _exact(component, key: str) -> str | None:
    """The first value of one of recip's own copies, exactly as written (not trimmed)."""
    items = component.contents.get(key, [])
    return restore_returns(items[0].value) if items and items[0].value else None


def _categories(component) -> list[str]:
    found: list[str] = []
    for item in component.contents.get("categories", []):
        values = item.value if isinstance(item.value, list) else [item.value]
        found += [v.strip() for v in values if v and v.strip()]
    return found


def _card(line: int, component) -> Card:
    org = _text(component, "org")
    full_name = _text(component, "fn")
    card = Card(
        line=line,
        name=org or full_name,
        business=bool(org) or (_text(component, "kind") or "").lower() == "org",
        contact=_text(component, "x-recip-contact")
        or (full_name if org and full_name and full_name != org else None),
        does=_text(component, "x-recip-does"),
        phones=[
            _phone(t.value.strip()) for t in component.contents.get("tel", []) if t.value.strip()
        ],
        email=_text(component, "email"),
        website=_text(component, "url"),
        address=_address(component),
        notes=_text(component, "note"),
    )
    if "x-recip-kind" not in component.contents:
        card.kind, card.tags = kind_and_tags(_categories(component))
        return card
    # recip's own card: its NOTE and TITLE are for people to read (what they do, the
    # balance at export); the fields come back from recip's copies and TEL, EMAIL and URL,
    # exactly as written.
    card.contact = _exact(component, "x-recip-contact")
    card.does = _exact(component, "x-recip-does")
    card.address = _exact(component, "x-recip-address")
    card.notes = _exact(component, "x-recip-notes")
    card.phones = [phone for phone in [_value(component, "tel")] if phone]
    card.email, card.website = _value(component, "email"), _value(component, "url")
    card.kind, card.tags = _text(component, "x-recip-kind"), _categories(component)
    card.touch_every = _text(component, "x-recip-touch-every")
    card.gift_every = _text(component, "x-recip-gift-every")
    card.archived = _text(component, "x-recip-archived")
    return card


def _value(component, key: str) -> str | None:
    items = component.contents.get(key, [])
    return items[0].value if items and items[0].value else None


def read(text: str | Iterable[str]) -> Iterator[Card]:
    """Every card in a .vcf file (its text, or its lines), one at a time. A card that cannot
    be read stops with its line number."""
    import vobject

    for line, lines in split_cards(text):
        try:
            component = vobject.readOne(normalise(lines))
        except Exception as error:  # vobject raises many types; all mean "unreadable card"
            raise RecipError(f"line {line}: this vCard cannot be read ({error}).") from None
        yield _card(line, component)


def kind_and_tags(categories: list[str]) -> tuple[str | None, list[str]]:
    """The first category that names a partner kind is the kind; the rest are tags."""
    kind = next((c.lower() for c in categories if c.lower() in PARTNER_KINDS), None)
    tags = [c for c in categories if c.lower() != kind]
    return kind, tags
