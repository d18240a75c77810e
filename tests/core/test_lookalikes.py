"""The look-alike index finds exactly what comparing every pair finds, without doing so."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reciprocity_cli.core.lookalikes import Lookalikes, alike

# Names from a small alphabet, so that look-alikes of every kind come up often: shared
# words, legal suffixes, one letter apart, numbers.
words = st.sampled_from(
    ["acme", "acne", "roofing", "rofing", "harbor", "harbour", "view", "ltd", "co", "1", "2"]
)
# Longer names too, whose lengths differ by several letters and still may be 90% alike,
# with accents and "ß" (keyed "ss": the key is longer than the name).
long_words = st.sampled_from(
    ["bayside", "baysyde", "plumbing", "plumbers", "café", "cafe", "straße", "strasse", "ltd"]
)
names = (
    st.lists(words, min_size=1, max_size=4).map(" ".join)
    | st.lists(long_words, min_size=2, max_size=5).map(" ".join)
    | st.text(st.sampled_from("abé .'-12"), min_size=1, max_size=12).filter(
        lambda n: any(ch.isalnum() for ch in n)
    )
)


def _typo(name: str, at: int, letter: str, kind: int) -> str:
    """One slip of the finger: a letter dropped, added or changed."""
    at %= len(name) + 1
    return (
        [name[:at] + name[at + 1 :], name[:at] + letter + name[at:]][kind % 2]
        if kind < 2
        else (name[:at] + letter + name[at + 1 :])
    )


@settings(max_examples=1000, deadline=None)
@given(
    existing=st.lists(names, max_size=12),
    name=names,
    slips=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from("aeoxzé "), st.integers(0, 2)),
        min_size=1,
        max_size=4,
    ),
    copy=st.integers(0, 12),
    known=st.integers(0, 13),
)
def test_the_index_agrees_with_every_pair(existing, name, slips, copy, known):
    if existing and copy < len(existing):  # most often: slips in one of the names there
        name = existing[copy]
        for slip in slips:
            name = _typo(name, *slip)
    # The pairs are ordered by all the names, some or none: the answer must not change.
    index = Lookalikes([name, *existing][:known])
    for other in existing:
        index.add(other)
    expected = next((other for other in existing if alike(name, other)), None)
    assert index.first_like(name) == expected


def test_thirty_thousand_names_are_indexed_without_comparing_each_pair():
    index = Lookalikes()
    for number in range(30_000):
        index.add(f"Partner {number:05d} Roofing")
    # A typo of one of them is found; a new number is not a look-alike of any.
    assert index.first_like("Partner 12345 Rofing") == "Partner 12345 Roofing"
    assert index.first_like("Partner 99999 Roofing") is None


def test_a_name_too_short_to_probe_is_still_compared():
    # "harbor" is too short to promise two runs of three to every key 90% like it, so it is
    # kept aside and compared whole; "harbors" is one letter longer and 92% alike.
    index = Lookalikes(["Harbor", "Harbors"])
    index.add("Harbor")
    assert index.first_like("Harbors") == "Harbor"
    index = Lookalikes(["Harbor", "Harbors"])
    index.add("Harbors")
    assert index.first_like("Harbor") == "Harbors"
