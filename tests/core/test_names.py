"""How names are stored and keyed (issue 17): one spelling for what looks the same, nothing
invisible, and the login name made storable."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core import fields
from reciprocity_cli.core.words import escaped, name_fold, name_key, trim, visible
from reciprocity_cli.errors import RecipError
from reciprocity_cli.names import matching

COMPOSED, DECOMPOSED = "Caf\u00e9 Bleu", "Cafe\u0301 Bleu"


def test_a_typed_and_a_pasted_accent_are_one_name():
    assert COMPOSED != DECOMPOSED
    assert fields.clean_name(DECOMPOSED) == COMPOSED
    assert name_key(DECOMPOSED) == name_key(COMPOSED) == "caf\u00e9 bleu"


@pytest.mark.parametrize(
    ("spelling", "plain"),
    [
        ("\uff23\uff41\uff46\u00e9", "Caf\u00e9"),  # full width
        ("\ufb01sh", "fish"),  # a ligature
        ("Unit \u00b2", "Unit 2"),  # a superscript
        ("STRASSE", "stra\u00dfe"),
    ],
)
def test_the_key_folds_case_and_compatibility_forms(spelling, plain):
    assert name_key(spelling) == name_key(plain)
    assert name_fold(spelling) == name_fold(plain)


def test_the_key_keeps_accents_so_two_businesses_may_differ_by_one():
    assert name_key("Caf\u00e9") != name_key("Cafe")
    assert name_fold("Caf\u00e9") == name_fold("Cafe")  # but typing finds either


@pytest.mark.parametrize(
    "blank", ["\u200b", "\u00ad", "\ufeff", "\u3164", "\u115f", "\u1160", "\uffa0", "\u200b\u0301"]
)
def test_a_name_with_nothing_visible_is_refused_and_shown_escaped(blank):
    with pytest.raises(RecipError) as refused:
        fields.clean_name(f" {blank} ")
    assert str(refused.value) == (
        f'Partner name "{escaped(blank)}" has no visible characters; '
        "give a name with letters or digits."
    )
    assert escaped(blank).startswith("\\u") and escaped(blank).isascii()


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("\u200bAcme Roofing\u200b", "Acme Roofing"),
        ("\ufeffAcme\u00ad \u3164", "Acme"),
        ("Acme\u200b \u200bRoofing", "Acme\u200b \u200bRoofing"),  # inside: left alone
        ("Cafe\u0301", "Caf\u00e9"),
        ("\u0301Cafe", "Cafe"),  # an accent on nothing
        ("e\u0301\u0327", "\u0229\u0301"),  # accents put in order, composed where they can
    ],
)
def test_invisible_characters_are_trimmed_from_the_ends(raw, stored):
    assert fields.clean_name(raw) == stored


def test_a_name_that_grows_when_keyed_is_held_to_the_limit():
    assert len(fields.clean_name("\u00df" * 50)) == 50
    with pytest.raises(RecipError, match="too long once spelled out"):
        fields.clean_name("\u00df" * 51)  # "ss" * 51: no key column could hold it


def test_text_fields_are_stored_composed_and_checked_after():
    assert fields.clean_text("Zoe\u0308", "contact", fields.SHORT_MAX) == "Zo\u00eb"
    with pytest.raises(RecipError, match="not valid UTF-8"):
        fields.clean_text("caf\udce9", "customer", fields.SHORT_MAX)  # a Latin-1 terminal


def test_tags_are_composed_and_blank_ones_dropped():
    assert fields.clean_tags(["Cafe\u0301,\u200b, \u3164 ,Trades"]) == "caf\u00e9,trades"


@pytest.mark.parametrize(
    ("login", "by"),
    [
        ("sam", "sam"),
        ("s\x1bam\x07", "sam"),  # controls dropped
        ("\udcffsam", "sam"),  # not UTF-8 in the environment
        ("x" * 300, "x" * fields.SHORT_MAX),
        ("\x01\x02", None),
    ],
)
def test_the_login_name_is_made_storable(login, by):
    assert fields.login_name(login) == by
    if by is not None:
        assert fields.clean_text(by, "by", fields.SHORT_MAX) == by  # as a typed --by passes


variants = st.sampled_from(
    [
        lambda s: unicodedata.normalize("NFD", s),
        lambda s: unicodedata.normalize("NFKC", s),
        lambda s: "\u200b" + s,
        lambda s: s + "\u00ad",
    ]
)


@given(
    st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=20),
    variants,
)
def test_completion_offers_a_name_for_every_spelling_of_it(name, variant):
    """names.py (standard library only) and the resolver fold alike: a name typed in any
    of its spellings is offered, as `recip give` would accept it."""
    stored = trim(name)
    if not any(visible(ch) for ch in stored):
        return
    typed = variant(stored)
    assert name_fold(typed) == name_fold(stored) or not name_fold(stored)
    assert stored in matching(typed, [stored]) or not name_fold(stored)
