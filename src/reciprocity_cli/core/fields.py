"""Checking and normalising what users type into fields, with messages that say how to fix it."""

import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

from reciprocity_cli.core.words import (  # one folding of case and accents for all
    escaped,
    fold,
    name_key,
    trim,
    visible,
)
from reciprocity_cli.errors import RecipError

NAME_MAX = 100
SHORT_MAX = 200  # contact, phone, email, website, a staff name
TEXT_MAX = 10_000  # notes, what a partner does, addresses

PARTNER_KINDS = ("complementary", "supplier", "customer", "competitor", "networking", "other")
# The words people type for each direction (issue 16); stored and shown as given or got.
DIRECTION_WORDS = {
    "given": ("given", "give", "gave", "sent", "out"),
    "got": ("got", "received", "in"),
}
STATUSES = ("open", "won", "lost")
HEAT_HELP = "1 = name and number passed on ... 5 = introduced in person"

# A spreadsheet runs a cell starting with one of these as a formula; CSV writers put a ' first.
FORMULA_GUARD = ("=", "+", "-", "@", "\t", "\r")
# Text that starts with the guard itself is guarded too ("'=keep" goes out as "''=keep"), so
# an import takes exactly one ' off whatever follows, and every text comes back as it was.
GUARDED_STARTS = (*FORMULA_GUARD, "'")

# Values are stored as whole hundredths (an integer), so sums in SQL stay exact.
CENTS = Decimal("0.01")
VALUE_MAX = Decimal("999999999999.99")


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def _check_encodable(text: str, what: str) -> None:
    # A command-line argument that is not UTF-8 arrives as lone surrogates, which no
    # database can store.
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        raise RecipError(f"{what} is not valid UTF-8 text; type it again in a UTF-8 terminal.")


def clean_name(raw: str, what: str = "Partner name") -> str:
    """Trimmed and composed as _trim does; refuses what cannot be a name."""
    _check_encodable(raw, what)
    name = trim(raw)
    if not raw.strip():
        raise RecipError(f"{what} is empty; give at least one visible character.")
    if not any(visible(ch) for ch in name):
        raise RecipError(
            f'{what} "{escaped(raw.strip())}" has no visible characters; '
            "give a name with letters or digits."
        )
    if len(name) > NAME_MAX:
        raise RecipError(f"{what} is {len(name)} characters long; the limit is {NAME_MAX}.")
    if _has_control(name):
        raise RecipError(f"{what} contains control characters; type it as plain text.")
    if len(name_key(name)) > NAME_MAX:  # "ß" is keyed "ss", "ﷺ" eighteen letters
        raise RecipError(
            f"{what} is too long once spelled out for matching ({len(name_key(name))} "
            f"characters, as in ß = ss); the limit is {NAME_MAX}."
        )
    return name


def loose_key(name: str) -> str:
    """Only letters and digits, case and accents dropped: "Joe's Plumbing" and "Joes
    plumbing" share one, and so do "Café Über" and "Cafe Uber"."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def clean_text(raw: str | None, field: str, limit: int = TEXT_MAX) -> str | None:
    """Free text, stored exactly as typed (spaces included); an empty string clears it."""
    if raw is None:
        return None
    _check_encodable(raw, f"--{field}")
    raw = unicodedata.normalize("NFC", raw)  # one spelling of what looks the same, for search
    if "\x00" in raw:
        raise RecipError(f"--{field} contains a NUL character, which cannot be stored.")
    if len(raw) > limit:
        raise RecipError(f"--{field} is {len(raw)} characters long; the limit is {limit}.")
    if limit <= SHORT_MAX and _has_control(raw):
        raise RecipError(f"--{field} contains control characters; type it on one line.")
    return raw or None


def login_name(raw: str) -> str | None:
    """The login name as a default --by, made storable rather than refused: whoever cannot
    change a login name must still be able to record, and export and import it back.
    Without what --by refuses (controls, text that is not UTF-8), trimmed, cut to the limit;
    None when nothing is left."""
    kept = "".join(ch for ch in raw if unicodedata.category(ch) not in ("Cc", "Cs"))
    return trim(kept)[:SHORT_MAX].rstrip() or None


def clean_choice(raw: str, field: str, choices: tuple[str, ...]) -> str:
    value = raw.strip().lower()
    if value not in choices:
        raise RecipError(f'--{field} "{raw}" is not one of: {", ".join(choices)}.')
    return value


def clean_direction(raw: str) -> str:
    """given or got, from any of the words in DIRECTION_WORDS, in any case."""
    word = raw.strip().casefold()
    for direction, words in DIRECTION_WORDS.items():
        if word in words:
            return direction
    accepted = ", ".join(
        f"{direction} (also {', '.join(words[1:])})" for direction, words in DIRECTION_WORDS.items()
    )
    raise RecipError(f'--direction "{raw}" is not one of: {accepted}.')


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
        _check_encodable(item, "--tag")
        for tag in item.split(","):
            tag = trim(tag).lower()
            if not any(visible(ch) for ch in tag):
                continue  # empty, or nothing that shows: a tag no one could see or type
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


# How amounts may be written, for option help; the rule itself is _read_amount's docstring.
AMOUNT_FORMS = "e.g. 1250.50, $1,250.50 or 1.250,50 EUR; not 1.250 (write 1250 or 1.25)"

# ISO 4217 codes in use: three letters are read as a currency only when they are one of these.
_ISO_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
    KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
    MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
    SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
"""
ISO_CODES = frozenset(_ISO_CODES.split())
_DOLLARS = "USD CAD AUD NZD HKD SGD TWD BBD BMD BND BSD BZD FJD GYD JMD KYD LRD NAD SBD SRD TTD XCD"
_PESOS = "MXN ARS CLP COP CUP DOP UYU"
# Signs people write, keyed case-folded, with the codes each may stand for: "$" is written
# for many dollars and pesos, so it matches any of them; "US$" only the US dollar.
CURRENCY_SIGNS: dict[str, frozenset[str]] = {
    sign: frozenset(codes.split())
    for sign, codes in {
        "$": f"{_DOLLARS} {_PESOS}",
        "us$": "USD",
        "c$": "CAD NIO",
        "ca$": "CAD",
        "a$": "AUD",
        "au$": "AUD",
        "nz$": "NZD",
        "hk$": "HKD",
        "s$": "SGD",
        "nt$": "TWD",
        "mx$": "MXN",
        "r$": "BRL",
        "€": "EUR",
        "£": "GBP GIP FKP SHP",
        "¥": "JPY CNY",
        "₹": "INR",
        "₩": "KRW",
        "₽": "RUB",
        "₺": "TRY",
        "₪": "ILS",
        "₱": "PHP",
        "₫": "VND",
        "₴": "UAH",
        "₦": "NGN",
        "฿": "THB",
        "₸": "KZT",
        "₼": "AZN",
        "₾": "GEL",
        "₭": "LAK",
        "₮": "MNT",
        "₲": "PYG",
        "₡": "CRC",
        "₵": "GHS",
        "kr": "SEK NOK DKK ISK",
        "zł": "PLN",
        "kč": "CZK",
        "ft": "HUF",
        "lei": "RON MDL",
        "rm": "MYR",
        "rp": "IDR",
        "rs": "INR PKR LKR NPR",
        "r": "ZAR",
    }.items()
}

# Thousands may be grouped by a space (plain, no-break, thin or narrow no-break) or an
# apostrophe (1'250, as in Switzerland): neither can be taken for a decimal mark.
_GROUP_SPACES = " \u00a0\u2009\u202f"
_APOSTROPHES = "'\u2019"
_NUMBER_CHARS = frozenset("0123456789.," + _GROUP_SPACES + _APOSTROPHES)
_SIGNS = frozenset("+-\u2212")  # the last is the minus sign of typeset text


class Money(NamedTuple):
    cents: int
    currency: str | None  # the sign or code typed with the amount, if any


def currency_codes(sign: str) -> frozenset[str]:
    """The ISO 4217 codes a currency sign or code may stand for; empty when it is neither."""
    key = sign.casefold()
    if key in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[key]
    if key.upper() in ISO_CODES:
        return frozenset({key.upper()})
    return frozenset()


def same_currency(typed: str, setting: str) -> bool:
    """Whether an amount typed in `typed` is in the currency the setting names: "EUR" and
    "€" agree, "$" and "USD" agree (a bare $ could be any dollar), "USD" and "CAD" do not."""
    if typed.casefold() == setting.casefold():
        return True
    return bool(currency_codes(typed) & currency_codes(setting))


def _is_marker_char(ch: str) -> bool:
    return ch not in _NUMBER_CHARS and ch not in _SIGNS and not ch.isspace()


def _split_currency(text: str, setting: str | None) -> tuple[str, str, str]:
    """(sign before, number, sign after): at most one side may name a currency.

    The setting is tried first, as it is written (it may hold a "." or a space: "Fr.",
    "US $"), so what format_money prints always reads back; then any run of letters or
    symbols at either end.
    """
    if setting and not any(ch.isdigit() or ch in _SIGNS for ch in setting):
        size, key = len(setting), setting.casefold()
        head, rest = text[:size], text[size:]  # rest: what follows the setting, if it leads
        if head.casefold() == key and not (rest and _is_marker_char(rest[0])):
            return head, rest.strip(), ""
        rest, tail = text[: len(text) - size], text[len(text) - size :]
        if tail.casefold() == key and not (rest and _is_marker_char(rest[-1])):
            return "", rest.strip(), tail
    start = 0
    while start < len(text) and _is_marker_char(text[start]):
        start += 1
    end = len(text)
    while end > start and _is_marker_char(text[end - 1]):
        end -= 1
    return text[:start], text[start:end].strip(), text[end:]


def _read_amount(number: str, raw: str, field: str) -> Decimal:
    """The one rule for separators, so that nothing is read two ways.

    - Thousands are grouped in threes by a space, an apostrophe or a comma, or by a point
      when a decimal comma follows (1.250,50) or the point comes more than once (1.250.000).
    - The decimal mark is the last of "." and "," when both appear; a lone comma with one or
      two digits after it (12,50; 1,5); otherwise a lone point (99.50, .5).
    - A lone point with exactly three digits after it and one to three before (1.250) is
      refused: it could be 1.25 or 1250. A lone comma there (1,250) groups thousands, as it
      always has in recip.
    """
    not_a_number = RecipError(f'--{field} "{raw}" is not a number; write it like 250 or 99.50.')
    if not number or any(ch not in _NUMBER_CHARS for ch in number):
        raise not_a_number
    points, commas = number.count("."), number.count(",")
    mark = None
    if points and commas:
        mark = "." if number.rfind(".") > number.rfind(",") else ","
        if number.count(mark) > 1:
            raise not_a_number
    elif commas == 1 and re.search(r",[0-9]{1,2}$", number):
        mark = ","
    elif points == 1:
        if ambiguous := re.fullmatch(r"([1-9][0-9]{0,2})\.([0-9]{3})", number):
            small = f"{Decimal(number):f}".rstrip("0").rstrip(".")  # 1.200 -> 1.2
            large = "".join(ambiguous.groups())
            # 1.234 cannot be stored as 1.234 (cents only), but it is refused all the same:
            # whoever typed it may have meant either.
            advice = (
                f"write {small} or {large} to say which"
                if len(small.partition(".")[2]) <= 2
                else f"write {large} if that is what you meant"
            )
            raise RecipError(f'--{field} "{raw}" could be {small} or {large}; {advice}.')
        mark = "."
    whole, fraction = number.rsplit(mark, 1) if mark else (number, "")
    if not re.fullmatch(r"[0-9]*", fraction):
        raise not_a_number
    if (mark == "," and not (whole and fraction)) or (mark == "." and not (whole or fraction)):
        raise not_a_number  # ",5", "5," and "." are not amounts; ".5" and "5." are
    separators = {
        " " if ch in _GROUP_SPACES else "'" if ch in _APOSTROPHES else ch
        for ch in whole
        if not ch.isdigit()
    }
    if len(separators) > 1:
        raise not_a_number
    if separators:
        groups = re.split(r"[^0-9]", whole)
        if not re.fullmatch(r"[1-9][0-9]{0,2}", groups[0]) or any(len(g) != 3 for g in groups[1:]):
            raise RecipError(
                f'--{field} "{raw}" is not a number: separators group digits in threes '
                "(1,250,000); write it like 250 or 99.50."
            )
    digits = "".join(ch for ch in whole if ch.isdigit())
    return Decimal(f"{digits or 0}.{fraction or 0}")


def parse_money(raw: str | None, field: str = "value", currency: str | None = None) -> Money | None:
    """A money amount as whole hundredths, with the currency it was typed in (if any).

    Exact decimal in, exact integer out - never a float. A currency sign or code may stand
    before or after the number. With `currency` (the setting) given, an amount in another
    currency is refused: it would be added up with the others as if it were the same.
    """
    if raw is None:
        return None
    text = raw.strip()
    if text == "":
        return None
    negative = text[0] in "-\u2212"
    if negative:
        text = text[1:].lstrip()
    before, number, after = _split_currency(text, currency)
    if number[:1] in ("-", "\u2212") and not negative:  # "$-5"
        negative, number = True, number[1:].lstrip()
    if negative and number[:1].isascii() and (number[:1].isdigit() or number[:1] == "."):
        raise RecipError(f'--{field} "{raw}" is negative; a value is zero or more.')
    sign = before or after
    if (before and after) or (sign and not number):
        raise RecipError(f'--{field} "{raw}" is not a number; write it like 250 or 99.50.')
    if sign and not (currency and same_currency(sign, currency)) and not currency_codes(sign):
        raise RecipError(
            f'--{field} "{raw}" is not a number: "{sign}" is not a currency recip knows; '
            "write the number alone, like 250 or 99.50."
        )
    if sign and currency and not same_currency(sign, currency):
        raise RecipError(
            f'--{field} "{raw}" is in {sign}, but this database keeps amounts in {currency} '
            f"(recip config currency); convert it to {currency} first."
        )
    amount = _read_amount(number, raw, field)
    if amount > VALUE_MAX:
        raise RecipError(f'--{field} "{raw}" is too large; the most is {VALUE_MAX:,}.')
    if amount != amount.quantize(CENTS):
        raise RecipError(f'--{field} "{raw}" has more than 2 decimal places.')
    return Money(int(amount.quantize(CENTS) * 100), sign or None)


def parse_value(raw: str | None, field: str = "value", currency: str | None = None) -> int | None:
    """parse_money without the currency: the whole hundredths, or None for no amount."""
    money = parse_money(raw, field, currency)
    return None if money is None else money.cents


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
