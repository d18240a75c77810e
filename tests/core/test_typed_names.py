"""The start-of-name index answers what the command line's resolve rule answers, name by
name, as names are added: one rule, two speeds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.imports.typed_names import StartIndex
from reciprocity_cli.core.partners import _starts
from reciprocity_cli.core.words import name_fold

# Few letters, so that starts, shared words and repeats come up often; accents, apostrophes
# and punctuation, which folding drops or keeps.
words = st.sampled_from(["joe", "joe's", "joey", "jo", "café", "cafe", "city", "taxi", "t"])
names = st.lists(words, min_size=1, max_size=3).map(" ".join) | st.text(
    st.sampled_from("jocé'- t"), min_size=1, max_size=8
).filter(lambda n: n.strip())


def by_the_rule(typed: str, present: list[str]) -> list[str]:
    """resolve's steps 2 and 3 over every name: those that start so, else those with a word
    that does."""
    wanted = name_fold(typed)
    starts = _starts(wanted)
    for anywhere in (False, True):
        hits = [name for name in present if starts(name_fold(name), anywhere)]
        if hits:
            return sorted(hits, key=f.name_key)
    return []


@settings(max_examples=600, deadline=None)
@given(
    universe=st.lists(names, min_size=1, max_size=10, unique=True),
    added=st.lists(st.integers(0, 9), max_size=10),
    typed=names,
)
def test_the_index_agrees_with_the_rule(universe, added, typed):
    index = StartIndex(universe)
    present: list[str] = []
    for number in added:
        name = universe[number % len(universe)]
        index.add(name)
        if name not in present:
            present.append(name)
        assert index.matches(typed) == by_the_rule(typed, present)


def test_a_name_is_found_by_two_of_its_words_once():
    index = StartIndex(["Taxi Taxi", "City Cabs"])
    index.add("Taxi Taxi")
    index.add("City Cabs")
    assert index.matches("ta") == ["Taxi Taxi"]
    assert index.matches("c") == ["City Cabs"]
    assert index.matches("") == []


def test_names_not_added_are_not_found():
    index = StartIndex(["Joe's Plumbing", "Joey's Diner"])
    assert index.matches("joe") == []
    index.add("Joey's Diner")
    assert index.matches("joe") == ["Joey's Diner"]
    index.add("Joe's Plumbing")
    assert index.matches("joe") == ["Joe's Plumbing", "Joey's Diner"]
    assert index.matches("joes") == ["Joe's Plumbing"]
