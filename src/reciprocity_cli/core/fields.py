"""Checking and normalising what users type into fields, with messages that say how to fix it."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from reciprocity_cli.errors import RecipError

NAME_MAX = 100
SHORT_MAX = 200  # contact, phone, email, website, a staff name
TEXT_MAX = 10_000  # notes, what a partner does, addresses

PARTNER_KINDS = ("complementary", "supplier", "customer", "competitor", "networking", "other")
DIRECTIONS = ("given", "got")
STATUSES = ("open", "won", "lost")
HEAT_HELP = "1 = name and number passed on ... 5 = introduced in person"

# A spreadsheet runs a cell starting with one of these as a formula; CSV writers put a ' first.
FORMULA_GUARD = ("=", "+", "-", "@", "\t", "\r")

# Values are stored as whole hundredths (an integer), so sums in SQL stay exact.
CENTS = Decimal("0.01")
VALUE_MAX = Decimal("999999999999.99")


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def clean_name(raw: str, what: str = "Partner name") -> str:
    """Trim, collapse inner whitespace, and refuse what cannot be a name."""
    name = " ".join(raw.split())
    if not name:
        raise RecipError(f"{what} is empty; give at least one visible character.")
    if len(name) > NAME_MAX:
        raise RecipError(f"{what} is {len(name)} characters long; the limit is {NAME_MAX}.")
    if _has_control(name):
        raise RecipError(f"{what} contains control characters; type it as plain text.")
    return name


def name_key(name: str) -> str:
    """What names are stored unique by: trimmed, whitespace collapsed, case-folded."""
    return " ".join(name.split()).casefold()


def fold(text: str) -> str:
    """Text as compared when case and accents must not matter: "Café  Über" and "CAFE uber"
    both become "cafe uber" (whitespace collapsed, "ß" as "ss", "ﬁ" as "fi")."""
    # Decomposed before and after folding case, as Unicode's caseless matching does: a
    # mathematical bold A becomes "A" only once decomposed, and "İ" folds to "i" and a dot.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def loose_key(name: str) -> str:
    """Only letters and digits, case and accents dropped: "Joe's Plumbing" and "Joes
    plumbing" share one, and so do "Café Über" and "Cafe Uber"."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def clean_text(raw: str | None, field: str, limit: int = TEXT_MAX) -> str | None:
    """Free text, stored exactly as typed (spaces included); an empty string clears it."""
    if raw is None:
        return None
    if "\x00" in raw:
        raise RecipError(f"--{field} contains a NUL character, which cannot be stored.")
    if len(raw) > limit:
        raise RecipError(f"--{field} is {len(raw)} characters long; the limit is {limit}.")
    if limit <= SHORT_MAX and _has_control(raw):
        raise RecipError(f"--{field} contains control characters; type it on one line.")
    return raw or None


def clean_choice(raw: str, field: str, choices: tuple[str, ...]) -> str:
    value = raw.strip().lower()
    if value not in choices:
        raise RecipError(f'--{field} "{raw}" is not one of: {", ".join(choices)}.')
    return value


def clean_email(raw: str | None) -> str | None:
    email = clean_text(raw, "email", SHORT_MAX)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise RecipError(f'--email "{email}" does not look like an email address (name@domain).')
    return email


def clean_tags(raw: list[str] | None) -> str | None:
    """Tags are stored as one comma-separated, lower-case string: "plumbing,trusted"."""
    if raw is None:
        return None
    tags: list[str] = []
    for item in raw:
        for tag in item.split(","):
            tag = " ".join(tag.split()).lower()
            if not tag:
                continue
            if len(tag) > 50 or _has_control(tag):
                raise RecipError(f'Tag "{tag[:50]}" is not usable; keep tags short and plain.')
            if tag not in tags:
                tags.append(tag)
    return ",".join(tags) or None


def split_tags(stored: str | None) -> list[str]:
    return stored.split(",") if stored else []


def whole_number(raw: str, digits: int = 9) -> int | None:
    """A whole number typed in ASCII digits (at most `digits` of them), else None.

    str.isdigit() also accepts "²" and "٣", which int() then rejects or reads, and int()
    refuses strings over 4,300 digits with an exception: both were crashes.
    """
    text = raw.strip()
    if not 0 < len(text) <= digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def parse_heat(raw: str | None) -> int | None:
    if raw is None:
        return None
    heat = whole_number(raw, 1)
    if heat is None or not 1 <= heat <= 5:
        raise RecipError(f'--heat "{raw}" must be a whole number from 1 to 5 ({HEAT_HELP}).')
    return heat


def parse_value(raw: str | None, field: str = "value") -> int | None:
    """A money amount as whole hundredths. Exact decimal in, exact integer out - never a float."""
    if raw is None:
        return None
    text = raw.strip()
    if text == "":
        return None
    if re.fullmatch(r"-[0-9][0-9,]*(\.[0-9]+)?", text):
        raise RecipError(f'--{field} "{raw}" is negative; a value is zero or more.')
    if re.fullmatch(r"[0-9]+,[0-9]{1,2}", text):  # "12,50": a decimal comma, not thousands
        raise RecipError(
            f'--{field} "{raw}" uses a comma for cents; write {text.replace(",", ".")} '
            "(a comma only groups thousands, as in 1,250.50)."
        )
    # ASCII digits only (Arabic-Indic or full-width digits are refused, not read); commas only
    # between groups of three digits; no exponents, NaN or infinity.
    if not re.fullmatch(r"([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?|\.[0-9]+", text):
        raise RecipError(f'--{field} "{raw}" is not a number; write it like 250 or 99.50.')
    text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise RecipError(
            f'--{field} "{raw}" is not a number; write it like 250 or 99.50.'
        ) from None
    if not amount.is_finite():
        raise RecipError(f'--{field} "{raw}" is not a number; write it like 250 or 99.50.')
    if amount < 0:
        raise RecipError(f'--{field} "{raw}" is negative; a value is zero or more.')
    if amount > VALUE_MAX:
        raise RecipError(f'--{field} "{raw}" is too large; the most is {VALUE_MAX:,}.')
    if amount != amount.quantize(CENTS):
        raise RecipError(f'--{field} "{raw}" has more than 2 decimal places.')
    return int(amount.quantize(CENTS) * 100)


def cents_to_decimal(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(CENTS)


def format_money(cents: int | None, currency: str | None = None) -> str:
    if cents is None:
        return ""
    amount = cents_to_decimal(cents)
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{currency} {text}" if currency else text


def parse_touch_every(raw: int | None) -> int | None:
    if raw is None:
        return None
    if not 0 <= raw <= 3650:
        raise RecipError(f"--touch-every {raw} must be between 1 and 3650 days (0 turns it off).")
    return raw or None
