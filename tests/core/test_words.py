"""Folding typed words so spellings meet: case, accents, spaces, plurals and endings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.words import SHORTEST_ROOT, fold, matches, stem, words


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  José  RUIZ ", "jose ruiz"),
        ("Café Crème", "cafe creme"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("\ufb01ne", "fine"),  # the "fi" ligature
        ("\U0001d400", "a"),  # a mathematical bold A: no case until decomposed
        ("\t\n", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_words_drop_punctuation():
    assert words("Joe's Plumbing, CAFÉ-crème; 24/7_x") == [
        "joe",
        "s",
        "plumbing",
        "cafe",
        "creme",
        "24",
        "7",
        "x",
    ]


@pytest.mark.parametrize(
    ("spellings", "root"),
    [
        (["roof", "roofs", "roofer", "roofers", "roofing"], "roof"),
        (["plumb", "plumber", "plumbers", "plumbing"], "plumb"),
        (["taxi", "taxis"], "taxi"),
        (["bakery", "bakeries"], "bakeri"),
        (["city", "cities"], "citi"),
        (["box", "boxes"], "box"),
        (["glass", "glasses"], "glass"),
        (["bake", "baker", "baking"], "bak"),
        (["tile", "tiles", "tiler"], "til"),
        (["shop", "shops", "shopping", "shopper"], "shop"),  # the doubled p goes
        (["fill", "filling"], "fill"),  # l, s and z stay doubled
        (["chimney", "chimneys"], "chimney"),  # y after a vowel stays
        (["gas"], "gas"),  # never cut below three letters
        (["king"], "king"),
        (["ties"], "tie"),
    ],
)
def test_stem_gives_every_spelling_one_root(spellings, root):
    assert {stem(spelling) for spelling in spellings} == {root}


@pytest.mark.parametrize(
    ("typed", "word", "found"),
    [
        ("plumber", "plumbing", True),
        ("roofer", "roofs", True),
        ("taxis", "taxi", True),
        ("plu", "plumbing", True),  # the start of a word
        ("caterers", "catering", True),
        ("bakeries", "bakery", True),
        ("electric", "electrician", True),
        ("cab", "taxi", False),  # a synonym: no thesaurus
        ("water", "watch", False),  # a short root must be the whole root
        ("water", "waters", True),
        ("lumbing", "plumbing", False),  # not inside a word
        ("plumbing", "plum", False),  # the typed word is never cut to fit a shorter one
    ],
)
def test_matches(typed, word, found):
    assert matches(typed, word) is found


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(text)
def test_folding_twice_changes_nothing(raw):
    assert fold(fold(raw)) == fold(raw)
    assert words(" ".join(words(raw))) == words(raw)


@given(text)
def test_case_and_surrounding_space_never_matter(raw):
    assert fold(f"  {raw.upper()}\t") == fold(raw.upper()) == fold(raw.upper().lower())


@given(text)
def test_every_word_finds_itself_and_keeps_three_letters(raw):
    for word in words(raw):
        assert matches(word, word)
        assert len(stem(word)) >= min(len(word), SHORTEST_ROOT)
