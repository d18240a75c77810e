"""Names that look alike: the near-duplicate rule, and an index that finds a name's
look-alike among thousands without comparing it with each of them.

An import that adds 30,000 partners checks every new name against all the partners before
it; comparing pair by pair made that quadratic (hours). The index answers each rule from
dictionaries, and the "90% alike" rule from candidates only: names with the same numbers,
a key length that can be 90% alike, and two of the rare runs of three letters that keys so
alike must share (length, count and prefix filtering, as set-similarity joins do), then
judged by exactly the rule `similar_name` states."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import chain

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


@cache
def _least_matched(length: int, other: int) -> int | None:
    """The fewest letters two keys of these lengths match if they are 90% alike (difflib's
    ratio is 2M / T: M letters matched, T the two lengths together); None if they cannot be
    (the lengths too far apart). The letters they have in common are at least as many."""
    total = length + other
    matched = 0
    while total and 2.0 * matched / total < NEAR_DUPLICATE_RATIO:  # as difflib divides
        matched += 1
    return matched if matched <= min(length, other) else None


@cache
def _least_shared(length: int, other: int) -> int | None:
    """The runs of three letters two keys of these lengths share at least if they are 90%
    alike; None if they cannot be.

    The fewest M letters matched (in blocks) leave D = T - 2M letters outside the blocks,
    which split them into at most D + 1 blocks, and a block of s letters holds s - 2 runs of
    three that both keys have: they share at least M - 2 (D + 1). (A larger M only raises
    that.)"""
    matched = _least_matched(length, other)
    if matched is None:
        return None
    return matched - 2 * (length + other - 2 * matched + 1)


@cache
def _other_lengths(length: int) -> tuple[int, ...]:
    """The lengths a key 90% alike with one of `length` letters can have (2 min / T >= 0.9
    keeps them within 9/11 and 11/9 of it)."""
    return tuple(n for n in range(length * 2 + 2) if _least_shared(length, n) is not None)


def _prefix(runs: list[tuple[str, int]], shared: int) -> list[tuple[str, int]] | None:
    """Prefix filtering, as set-similarity joins do: under one fixed order of the runs, two
    keys that share `shared` of them share PROBE_HITS among each one's first (runs - shared
    + PROBE_HITS). None for a key too short to promise that many."""
    if shared < PROBE_HITS:
        return None
    return runs[: len(runs) - shared + PROBE_HITS]


def _in_two(lists: Iterable[list[int]]) -> set[int]:
    """The numbers in two of the lists or more, by set operations (each list without repeats)."""
    seen: set[int] = set()
    twice: set[int] = set()
    for numbers in lists:
        twice.update(seen.intersection(numbers))
        seen.update(numbers)
    return twice


class Lookalikes:
    """Names added one by one; `first_like` finds the earliest added that looks like a name.

    `vocabulary` is every name that will be added or looked up, if known (an import knows
    them all): how often each run of three letters occurs in them orders the runs, rarest
    first, so that prefixes hold rare runs and each probe meets few names. The order is
    fixed for the index's life; a name outside the vocabulary is still exact."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.frequency: Counter[tuple[str, int]] = Counter()
        for name in vocabulary:
            self.frequency.update(_runs(shape(name)[2], 3))
        self.names: list[str] = []
        self.keys: list[str] = []
        # Each key's letters with their counts as bits of one number, a bit per (letter,
        # count): difflib's quick_ratio as a bitwise and.
        self.letters: list[int] = []
        self.letter_bits: dict[tuple[str, int], int] = {}
        self.by_loose: dict[str, int] = {}
        self.by_joined_stem: dict[str, int] = {}
        self.by_stem: dict[tuple[str, ...], int] = {}
        self.by_stem_start: dict[tuple[str, ...], int] = {}
        # For the spelling rule, names are grouped by their numbers and their key's length
        # (only a few lengths can be 90% alike), then found by the runs of their prefix;
        # names too short to promise PROBE_HITS shared runs are in `short`.
        self.groups: set[tuple[tuple[str, ...], int]] = set()
        self.by_run: dict[tuple[tuple[str, ...], int, tuple[str, int]], list[int]] = {}
        self.short: dict[tuple[tuple[str, ...], int], list[int]] = {}

    def _ordered_runs(self, key: str) -> list[tuple[str, int]]:
        return sorted(_runs(key, 3), key=lambda run: (self.frequency[run], run))

    def _letters(self, key: str) -> int:
        bits = self.letter_bits
        return sum(1 << bits.setdefault(letter, len(bits)) for letter in _runs(key, 1))

    def add(self, name: str) -> None:
        number = len(self.names)
        self.names.append(name)
        loose, stem, key, digits = shape(name)
        self.keys.append(key)
        self.letters.append(self._letters(key))
        self.by_loose.setdefault(loose, number)
        self.by_joined_stem.setdefault("".join(stem), number)
        self.by_stem.setdefault(stem, number)
        for end in range(1, len(stem) + 1):
            self.by_stem_start.setdefault(stem[:end], number)
        group = (digits, len(key))
        self.groups.add(group)
        # The prefix must hold for a key of any length that can be alike: the fewest shared.
        shared = min(_least_shared(len(key), n) for n in _other_lengths(len(key)))
        prefix = _prefix(self._ordered_runs(key), shared)
        if prefix is None:
            self.short.setdefault(group, []).append(number)
        for run in prefix or ():
            self.by_run.setdefault((*group, run), []).append(number)

    def first_like(self, name: str) -> str | None:
        loose, stem, key, digits = shape(name)
        found = [
            self.by_loose.get(loose),
            self.by_joined_stem.get("".join(stem)),
            self.by_stem_start.get(stem) if stem else None,  # theirs starts with all of ours
            *(self.by_stem.get(stem[:end]) for end in range(1, len(stem))),  # ours with theirs
        ]
        runs = self._ordered_runs(key)
        letters = self._letters(key)
        for length in _other_lengths(len(key)):
            group = (digits, length)
            if group not in self.groups:
                continue
            # Short names are few, each compared whole. When this one is too short to probe
            # the names of this length, so are they all: the bound is the same both ways.
            candidates: Iterable[int] = self.short.get(group, [])
            prefix = _prefix(runs, _least_shared(len(key), length))
            if prefix is not None:
                probed = _in_two(self.by_run.get((*group, run), []) for run in prefix)
                candidates = chain(candidates, probed)
            # Too few letters in common (quick_ratio's bound) rules most out cheaply.
            least = _least_matched(len(key), length)
            found += [
                n
                for n in candidates
                if (letters & self.letters[n]).bit_count() >= least
                and _spelt_alike(key, self.keys[n])
            ]
        found = [n for n in found if n is not None]
        return self.names[min(found)] if found else None
