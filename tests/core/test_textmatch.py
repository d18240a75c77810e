"""The letter classes `log --search` hands the database: built from words.fold, so a typed
word finds what recip's folding says it should, in any case and with any accents."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core import textmatch as t
from reciprocity_cli.core.words import fold

FOLDABLE = sorted(
    {ch for chars in t.letter_classes().values() for ch in chars.strip("[]")}
    | set("0123456789 .,'-")
)


def test_every_letter_of_a_class_folds_to_its_key():
    for key, chars in t.letter_classes().items():
        assert chars.startswith(f"[{key}") and chars.endswith("]")
        assert {fold(ch) for ch in chars[1:-1]} == {key}


def test_no_class_holds_a_character_a_regex_class_reads_specially():
    for chars in t.letter_classes().values():
        assert not set(chars[1:-1]) & set("\\]^-[")


@pytest.mark.parametrize(
    ("typed", "text", "found"),
    [
        ("cafe", "Café Flore", True),
        ("CAFÉ", "cafe", True),
        ("creme", "CRÈME", True),
        ("angstrom", "Ångström", True),
        ("cafe", "caf e", False),
        ("oresund", "Øresund", False),  # ø is a letter of its own, as words.fold keeps it
    ],
)
def test_a_word_pattern_finds_every_spelling_of_the_word(typed, text, found):
    assert bool(re.search(t.word_pattern(typed), text)) is found


@given(st.text(st.sampled_from(FOLDABLE), min_size=1, max_size=30), st.data())
def test_any_part_of_a_text_finds_the_text_folded_or_not(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    for word in t._WORD.findall(text[start:end]):
        assert re.search(t.word_pattern(word), text)
        assert re.search(t.word_pattern(fold(word)), text)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Mrs. Patel", ["Mrs", "Patel"]),
        ("555-0111", ["555", "0111"]),
        ("joe@example.com", ["joe", "example", "com"]),
        ("Cafe\u0301", ["Café"]),  # composed first, so the accent stays on its letter
    ],
)
def test_search_words(typed, words):
    assert t.search_words(typed) == words
