"""The words people type for a referral's direction, read the same everywhere (issue 16):
on the command line (log and edit --direction) and in an imported file."""

import pytest

from reciprocity_cli.core.fields import DIRECTION_WORDS, clean_direction
from reciprocity_cli.core.imports.records import referral_row
from reciprocity_cli.errors import RecipError

REFUSAL = "is not one of: given (also give, gave, sent, out), got (also received, in)."


@pytest.mark.parametrize(
    ("typed", "direction"),
    [
        *(("given", "given"), ("give", "given"), ("gave", "given")),
        *(("sent", "given"), ("out", "given")),
        *(("got", "got"), ("received", "got"), ("in", "got")),
        *(("GAVE", "given"), (" Received ", "got"), ("In", "got"), ("Given", "given")),
    ],
)
def test_every_word_for_a_direction_is_read(typed, direction):
    assert clean_direction(typed) == direction


def test_the_words_cover_the_stored_directions_once():
    assert tuple(DIRECTION_WORDS) == ("given", "got")
    words = [word for group in DIRECTION_WORDS.values() for word in group]
    assert len(words) == len(set(words))
    assert all(group[0] == direction for direction, group in DIRECTION_WORDS.items())


@pytest.mark.parametrize("typed", ["sideways", "", "gives", "g", "inbound", "give got"])
def test_anything_else_is_refused_with_the_accepted_words(typed):
    with pytest.raises(RecipError) as refused:
        clean_direction(typed)
    assert str(refused.value) == f'--direction "{typed}" {REFUSAL}'


@pytest.mark.parametrize(("typed", "direction"), [("Gave", "given"), ("received", "got")])
def test_an_imported_row_reads_the_same_words(typed, direction):
    row = referral_row(4, {"date": "2026-11-20", "direction": typed, "partner": "Joe"})
    assert row.columns["direction"] == direction


def test_an_imported_row_with_another_word_names_its_line():
    with pytest.raises(RecipError) as refused:
        referral_row(4, {"date": "2026-11-20", "direction": "upward", "partner": "Joe"})
    assert str(refused.value) == f'line 4: --direction "upward" {REFUSAL}'
