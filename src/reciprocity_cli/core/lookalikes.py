"""Names that look alike: the near-duplicate rule, and an index that finds a name's
look-alike among thousands without comparing it with each of them.

An import that adds 30,000 partners checks every new name against all the partners before
it; comparing pair by pair made that quadratic (hours). The index answers each rule from
dictionaries, and the "90% alike" rule from candidates only: names with the same numbers
that share rare runs of three letters (prefix filtering, as set-similarity joins do), then
judged by exactly the rule `similar_name` states."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from reciprocity_cli.core import fields as f

NEAR_DUPLICATE_RATIO = 0.9
PROBE_HITS = 2  # runs of letters a candidate must share with the name looked up

# Words that only give a business's legal form: "Bayside Roofing Ltd" is "Bayside Roofing".
# Compared without punctuation, so "L.L.C." and "Pty. Ltd." are here too.
LEGAL_SUFFIXES = frozenset(
    {
        *("ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc"),
        *("corp", "corporation", "co", "pty", "pvt"),
        *("gmbh", "mbh", "ag", "kg", "ohg", "ug", "ek"),
        *("sarl", "sa", "sas", "srl", "spa", "bv", "nv", "oy", "ab", "kk"),
    }
)


@lru_cache(maxsize=4096)
def shape(name: str) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    """What near-duplicates are judged by: the letters and digits, the words without
    punctuation or a legal suffix, the compared key and the numbers in the name."""
    loose = f.loose_key(name)
    words = tuple(w for w in (f.loose_key(word) for word in f.fold(name).split()) if w)
    stem = words
    while len(stem) > 1 and stem[-1] in LEGAL_SUFFIXES:
        stem = stem[:-1]
    return loose, stem, f.name_key(name), tuple(re.findall(r"\d+", name))


def similar_name(name: str, others: list[str]) -> str | None:
    """The first of `others` that looks like a near-duplicate of `name`: the same letters and
    digits; the same words but for case, accents, punctuation and a legal suffix, or the
    start of the other's words ("Harbor View" and "Harbor View Hotel"); or a spelling at
    least 90% alike with the same numbers in it."""
    index = Lookalikes([*others, name])
    for other in others:
        index.add(other)
    return index.first_like(name)


def alike(name: str, other: str) -> bool:
    """The rule itself, for one pair: what the index must agree with."""
    loose, stem, key, digits = shape(name)
    other_loose, other_stem, other_key, other_digits = shape(other)
    shorter = min(len(stem), len(other_stem))
    if (
        other_loose == loose
        or "".join(other_stem) == "".join(stem)
        or (shorter and stem[:shorter] == other_stem[:shorter])
    ):
        return True
    return other_digits == digits and _spelt_alike(key, other_key)


def _spelt_alike(key: str, other_key: str) -> bool:
    matcher = difflib.SequenceMatcher(None, key, other_key)
    # The cheap upper bounds first.
    return (
        matcher.real_quick_ratio() >= NEAR_DUPLICATE_RATIO
        and matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
        and matcher.ratio() >= NEAR_DUPLICATE_RATIO
    )


def _runs(key: str, size: int) -> list[tuple[str, int]]:
    """The key's runs of `size` letters, each with its count so far (a multiset as a set)."""
    seen: Counter[str] = Counter()
    runs = []
    for start in range(len(key) - size + 1):
        run = key[start : start + size]
        seen[run] += 1
        runs.append((run, seen[run]))
    return runs


def _probe(key: str, frequency: Counter) -> list[tuple[str, int]] | None:
    """The runs of three letters two keys 90% alike must share two of; None for a key too
    short to promise two.

    90% alike is 2M >= 0.9 T (M letters matched in blocks, T the two lengths together), so
    the D = T - 2M letters outside the blocks split them into at most D + 1 blocks, and a
    block of s letters holds s - 2 runs of three: the keys share at least M - 2 (D + 1) =
    5M - 2T - 2 >= 0.25 T - 2 runs. The lengths are within 0.818 of each other, so
    T >= 1.818 n for either key of n letters: they share at least t = floor(0.4545 n) - 2.
    Under one fixed order, two sets sharing t share c of each one's first (runs - t + c)
    (prefix filtering; c = 2, as one shared run is common among names not alike at all).
    Any order that stays fixed keeps this exact; rarest first keeps the candidates few."""
    shared = _least_shared(key)
    if shared < PROBE_HITS:
        return None
    runs = sorted(_runs(key, 3), key=lambda token: (frequency[token], token))
    return runs[: len(runs) - shared + PROBE_HITS]


def _least_shared(key: str) -> int:
    """The runs of three letters a key 90% alike with this one shares with it, at least."""
    return math.floor(0.4545 * len(key)) - 2


class Lookalikes:
    """Names added one by one; `first_like` finds the earliest added that looks like a name.

    `vocabulary` is every name that will be added or looked up, if known (an import knows
    them all): how often each run of three letters occurs in them orders the runs, rarest first.
    The order is fixed for the index's life; a name outside the vocabulary is still exact."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.frequency: Counter[tuple[str, int]] = Counter()
        for name in vocabulary:
            self.frequency.update(_runs(shape(name)[2], 3))
        self.names: list[str] = []
        # Each name's letters with their counts: difflib's quick_ratio at set speed.
        self.letters: list[frozenset[tuple[str, int]]] = []
        self.by_loose: dict[str, int] = {}
        self.by_joined_stem: dict[str, int] = {}
        self.by_stem: dict[tuple[str, ...], int] = {}
        self.by_stem_start: dict[tuple[str, ...], int] = {}
        # For the spelling rule: by the numbers in the name, then by probe run; names too
        # short to probe are compared with every name of the same numbers.
        self.by_probe: dict[tuple[tuple[str, ...], tuple[str, int]], list[int]] = {}
        self.short: dict[tuple[str, ...], list[int]] = {}
        self.by_digits: dict[tuple[str, ...], list[int]] = {}

    def add(self, name: str) -> None:
        number = len(self.names)
        self.names.append(name)
        loose, stem, key, digits = shape(name)
        self.letters.append(frozenset(_runs(key, 1)))
        self.by_loose.setdefault(loose, number)
        self.by_joined_stem.setdefault("".join(stem), number)
        self.by_stem.setdefault(stem, number)
        for end in range(1, len(stem) + 1):
            self.by_stem_start.setdefault(stem[:end], number)
        self.by_digits.setdefault(digits, []).append(number)
        probe = _probe(key, self.frequency)
        if probe is None:
            self.short.setdefault(digits, []).append(number)
        for token in probe or ():
            self.by_probe.setdefault((digits, token), []).append(number)

    def first_like(self, name: str) -> str | None:
        loose, stem, key, digits = shape(name)
        found = [
            self.by_loose.get(loose),
            self.by_joined_stem.get("".join(stem)),
            self.by_stem_start.get(stem) if stem else None,  # theirs starts with all of ours
            *(self.by_stem.get(stem[:end]) for end in range(1, len(stem))),  # ours with theirs
        ]
        probe = _probe(key, self.frequency)
        if probe is None:  # a short name: few of them, each compared with all
            candidates = set(self.by_digits.get(digits, ()))
        else:
            hits = Counter(n for token in probe for n in self.by_probe.get((digits, token), ()))
            candidates = {n for n, count in hits.items() if count >= PROBE_HITS}
            candidates.update(self.short.get(digits, ()))
        # Too few letters in common for 90% (quick_ratio's bound) rules most out cheaply.
        letters = frozenset(_runs(key, 1))
        found += [
            n
            for n in candidates
            if 2 * len(letters & self.letters[n])
            >= NEAR_DUPLICATE_RATIO * (len(letters) + len(self.letters[n]))
            and _spelt_alike(key, shape(self.names[n])[2])
        ]
        found = [n for n in found if n is not None]
        return self.names[min(found)] if found else None
