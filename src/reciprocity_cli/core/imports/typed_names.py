"""The command line's way of finding a partner by the start of a name, for a spreadsheet's
thousands of rows.

`partners.resolve` (what `recip give joe` uses) finds, after the exact name, the one active
partner whose folded name starts with what was typed, else the one with a word that starts
so. It reads every name for each lookup; an import of tens of thousands of rows, adding
partners as it goes, cannot. Here every name the import may meet (the active partners and
those the file may add) is sorted once, each by its whole folded name and by each of its
word starts; a lookup is two binary searches, and a Fenwick tree counts the names present
in the range (added to the database by now) in logarithmic time, so a partner added on
one row is found by the start of its name on the next, as the command line would find it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.words import name_fold

# Where resolve's word-start match may begin: a position no word character precedes.
_WORD_START = re.compile(r"(?<!\w)")
_LAST = chr(0x10FFFF)


def _after(prefix: str) -> str | None:
    """The first string after every string that starts with `prefix` (None: none is)."""
    while prefix and prefix[-1] == _LAST:
        prefix = prefix[:-1]
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else None


class _Present:
    """Keys in sorted order, each belonging to a name; a name's keys count once it is
    present. A Fenwick tree holds the counts."""

    def __init__(self, entries: list[tuple[str, str]]):
        entries.sort()
        self.keys = [key for key, _ in entries]
        self.owners = [name for _, name in entries]
        self.at: dict[str, list[int]] = {}
        for index, name in enumerate(self.owners):
            self.at.setdefault(name, []).append(index)
        self.tree = [0] * (len(entries) + 1)
        self.on = [False] * len(entries)

    def mark(self, name: str) -> None:
        for index in self.at.get(name, ()):
            if self.on[index]:
                continue
            self.on[index] = True
            position = index + 1
            while position < len(self.tree):
                self.tree[position] += 1
                position += position & -position

    def _count(self, end: int) -> int:
        """Present keys among the first `end`."""
        total = 0
        while end > 0:
            total += self.tree[end]
            end -= end & -end
        return total

    def _range(self, prefix: str) -> tuple[int, int]:
        after = _after(prefix)
        end = len(self.keys) if after is None else bisect_left(self.keys, after)
        return bisect_left(self.keys, prefix), end

    def _first_after(self, before: int) -> int:
        """The index of the first present key after the first `before` present ones."""
        position, left = 0, before + 1
        step = 1 << (len(self.tree) - 1).bit_length()
        while step:
            ahead = position + step
            if ahead < len(self.tree) and self.tree[ahead] < left:
                position, left = ahead, left - self.tree[ahead]
            step >>= 1
        return position  # the tree counts from 1: its position is the key's index

    def owners_of(self, prefix: str) -> list[str]:
        """The names present with a key starting with `prefix`."""
        start, end = self._range(prefix)
        before = self._count(start)
        count = self._count(end) - before
        if count == 0:
            return []
        owner = self.owners[self._first_after(before)]
        if count == sum(start <= i < end for i in self.at[owner]):
            return [owner]  # one name, maybe by two of its words
        # Several names: the lookup fails and lists them, so this is read once.
        return list(dict.fromkeys(self.owners[i] for i in range(start, end) if self.on[i]))


class StartIndex:
    """Which names present start with what a row says, or have a word that does."""

    def __init__(self, names: Iterable[str]):
        wholes: list[tuple[str, str]] = []
        words: list[tuple[str, str]] = []
        for name in dict.fromkeys(names):
            folded = name_fold(name)
            wholes.append((folded, name))
            starts = {match.start() for match in _WORD_START.finditer(folded)}
            words += [(folded[start:], name) for start in sorted(starts) if start < len(folded)]
        self.wholes = _Present(wholes)
        self.words = _Present(words)

    def add(self, name: str) -> None:
        self.wholes.mark(name)
        self.words.mark(name)

    def matches(self, typed: str) -> list[str]:
        """As resolve's steps: the names present that start with `typed` (case and accents
        aside), else those with a word that starts with it; in name order."""
        wanted = name_fold(typed)
        if not wanted:
            return []
        found = self.wholes.owners_of(wanted) or self.words.owners_of(wanted)
        return sorted(found, key=f.name_key)
