"""Amounts as people type them: one rule for separators, a currency before or after, and a
refusal (never a guess) wherever a number could be read two ways."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.fields import (
    CURRENCY_SIGNS,
    VALUE_MAX,
    format_money,
    parse_money,
    parse_value,
    same_currency,
)
from reciprocity_cli.core.settings import SPECS
from reciprocity_cli.errors import RecipError

MAX_CENTS = int(VALUE_MAX * 100)


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("2400", 240000),
        ("99.50", 9950),
        ("99.5", 9950),
        (".5", 50),
        ("5.", 500),
        ("0.500", 50),  # nothing groups thousands after a 0: a decimal point
        ("1234.500", 123450),  # four digits before: not a thousands group either
        # a comma in groups of three, with a point or no decimal part (as recip always read)
        ("1,200", 120000),
        ("1,200.50", 120050),
        ("1,234,567.89", 123456789),
        ("1,000,000", 100000000),
        # a decimal comma: the last separator before one or two digits
        ("12,50", 1250),
        ("1,5", 150),
        ("1.200,50", 120050),
        ("1.234.567,89", 123456789),
        ("1.234.567", 123456700),  # a point twice can only group thousands
        # spaces (plain, no-break, thin, narrow no-break) and apostrophes group thousands
        ("2 400", 240000),
        ("2\u00a0400", 240000),
        ("2\u2009400", 240000),
        ("2\u202f400,50", 240050),
        ("1 234 567.89", 123456789),
        ("1'234.50", 123450),
        ("1\u2019234,50", 123450),
        # a currency sign or code before or after, with or without a space
        ("$2,400", 240000),
        ("$ 2,400", 240000),
        ("2400€", 240000),
        ("2400 €", 240000),
        ("EUR 1,500", 150000),
        ("1.500,00 EUR", 150000),
        ("eur1500", 150000),
        ("£12", 1200),
        ("US$ 12", 1200),
        ("R$ 1.234,56", 123456),
        ("CHF 1'234.50", 123450),
        ("1 200 kr", 120000),
        (" 12 ", 1200),
    ],
)
def test_accepted_forms(typed, cents):
    assert parse_value(typed) == cents


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # one point before exactly three digits: a decimal point, or thousands?
        ("1.200", '"1.200" could be 1.2 or 1200; write 1.2 or 1200 to say which.'),
        ("1.000", '"1.000" could be 1 or 1000; write 1 or 1000 to say which.'),
        ("999.250", '"999.250" could be 999.25 or 999250;'),
        ("1.005", '"1.005" could be 1.005 or 1005; write 1005 if that is what you meant.'),
        ("$1.200", '"$1.200" could be 1.2 or 1200'),
        ("1.200 EUR", "could be 1.2 or 1200"),
    ],
)
def test_what_could_be_read_two_ways_is_refused_with_both_readings(typed, message):
    with pytest.raises(RecipError, match=re.escape(message)):
        parse_value(typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "is not a number"),
        ("NaN", "is not a number"),
        ("Infinity", "is not a number"),
        ("1e3", "is not a number"),
        ("0x10", "is not a number"),
        ("+5", "is not a number"),
        ("1_000", "is not a number"),
        ("\u0663", "is not a number"),  # an Arabic-Indic 3
        ("\uff11\uff12", "is not a number"),  # a full-width 12
        (".", "is not a number"),
        (",5", "is not a number"),  # a decimal comma needs a digit before it
        ("1,0,0", "separators group digits in threes"),
        ("12,50,000", "separators group digits in threes"),  # lakh grouping: not read
        ("1,2345", "separators group digits in threes"),
        ("1,200,50", "separators group digits in threes"),
        ("1.200.50", "separators group digits in threes"),
        ("0,500", "separators group digits in threes"),
        ("1  000", "separators group digits in threes"),
        ("1,200 000", "is not a number"),  # two kinds of grouping
        ("1,200.000,50", "is not a number"),  # the decimal mark twice
        ("1.2.3,4,5", "is not a number"),
        ("12 abc", '"abc" is not a currency recip knows'),
        ("12k", '"k" is not a currency recip knows'),
        ("50¢", '"¢" is not a currency recip knows'),
        ("$5 USD", "is not a number"),  # a currency on both sides
        ("EUR", "is not a number"),
        ("$", "is not a number"),
        ("0.005", "more than 2 decimal places"),
        ("1,200.505", "more than 2 decimal places"),
        ("1000000000000", "too large"),
        ("$1,000,000,000,000", "too large"),
    ],
)
def test_refused_forms(typed, message):
    with pytest.raises(RecipError, match=re.escape(message)):
        parse_value(typed)


@pytest.mark.parametrize("typed", ["-5", "-0.5", "-1,200", "-$5", "$-5", "- 5 EUR", "\u22125"])
def test_negative_amounts_are_refused(typed):
    with pytest.raises(RecipError, match="is negative; a value is zero or more"):
        parse_value(typed)


def test_the_message_names_the_option():
    with pytest.raises(RecipError, match=r'^--cost "1\.200" could be'):
        parse_value("1.200", "cost")


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_nothing_typed_is_no_amount(typed):
    assert parse_money(typed) is None


def test_the_currency_typed_is_reported():
    assert parse_money("$2,400") == (240000, "$")
    assert parse_money("2 400") == (240000, None)


@pytest.mark.parametrize(
    ("typed", "setting"),
    [
        ("$12", "$"),
        ("12 USD", "$"),  # a bare $ could be any dollar
        ("US$12", "USD"),
        ("$12", "USD"),
        ("€12", "EUR"),
        ("12 eur", "€"),
        ("12 EUR", "eur"),
        ("Fr. 12", "Fr."),  # the setting as written, a "." and all
        ("12 Fr.", "Fr."),
        ("12 dollars", "dollars"),
        ("12", "EUR"),  # no currency typed: the setting's
    ],
)
def test_the_settings_currency_is_accepted_in_any_of_its_names(typed, setting):
    assert parse_value(typed, currency=setting) == 1200


@pytest.mark.parametrize(
    ("typed", "setting"),
    [
        ("EUR 12", "$"),
        ("€12", "USD"),
        ("C$ 12", "USD"),
        ("12 GBP", "EUR"),
        ("R$ 12", "R"),  # a Brazilian real is not a South African rand
        ("12 kr", "CHF"),
    ],
)
def test_another_currency_is_refused_when_one_is_set(typed, setting):
    with pytest.raises(
        RecipError, match=f"is in .*, but this database keeps amounts in {re.escape(setting)}"
    ):
        parse_value(typed, currency=setting)


def test_any_known_currency_is_accepted_when_none_is_set():
    assert parse_value("EUR 12") == parse_value("$12") == parse_value("12 ₹") == 1200


def test_same_currency():
    assert same_currency("€", "EUR") and same_currency("usd", "$") and same_currency("$", "CAD")
    assert not same_currency("USD", "CAD") and not same_currency("£", "€")
    assert not same_currency("abc", "$")


def _setting_check(text: str) -> str | None:
    try:
        return SPECS["currency"].check("currency", text) or None
    except RecipError:
        return None


# What `recip config currency` stores, less what could not be told apart from the number
# itself: a setting with a digit or a sign in it ("1€", "-") is read as typed text only.
settings_text = (
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=8)
    .map(_setting_check)
    .filter(lambda s: s is not None and not re.search(r"[0-9+\-\u2212]", s))
)
known_signs = st.sampled_from(sorted({*CURRENCY_SIGNS, "EUR", "USD", "GBP", "JPY", "CHF"}))
cents = st.integers(min_value=0, max_value=MAX_CENTS)


@given(cents)
def test_what_format_money_prints_reads_back(amount):
    assert parse_value(format_money(amount)) == amount


@given(cents, st.one_of(settings_text, known_signs))
def test_what_format_money_prints_with_the_currency_setting_reads_back(amount, currency):
    printed = format_money(amount, currency)
    assert parse_value(printed, currency=currency) == amount


@given(cents, known_signs)
def test_a_known_currency_reads_back_without_the_setting(amount, sign):
    assert parse_value(format_money(amount, sign)) == amount


def _grouped(amount: int, group: str, mark: str) -> str:
    whole, fraction = divmod(amount, 100)
    digits = f"{whole:,}".replace(",", group)
    return f"{digits}{mark}{fraction:02d}"


@given(
    cents,
    st.sampled_from(
        [(",", "."), (".", ","), (" ", "."), (" ", ","), ("\u202f", ","), ("'", "."), ("", ".")]
    ),
    st.sampled_from(["", "$", "€ ", " EUR", "CHF "]),
)
def test_every_convention_with_cents_reads_the_same(amount, convention, sign):
    group, mark = convention
    typed = _grouped(amount, group, mark)
    typed = f"{typed}{sign}" if sign.startswith(" ") else f"{sign}{typed}"
    assert parse_value(typed) == amount


@given(st.integers(1, 999), st.integers(0, 999))
def test_a_lone_point_before_three_digits_is_never_guessed(head, tail):
    with pytest.raises(RecipError, match="could be"):
        parse_value(f"{head}.{tail:03d}")


@given(st.text(max_size=30))
def test_anything_typed_is_an_amount_or_one_refusal(typed):
    try:
        found = parse_value(typed)
    except RecipError as error:
        assert "\n" not in str(error).replace(typed, "")
    else:
        assert found is None or 0 <= found <= MAX_CENTS


@given(st.decimals(min_value=0, max_value=VALUE_MAX, places=2))
def test_plain_decimals_are_exact(amount):
    assert parse_value(f"{amount:f}") == int(amount * 100)
    assert Decimal(parse_value(f"{amount:f}")) / 100 == amount
