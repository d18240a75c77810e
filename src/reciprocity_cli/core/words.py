"""Folding what people type so that spellings of one word meet (case, accents, endings),
and what of a name shows at all.

Standard library only. A full stemmer was weighed and left out: Snowball (Porter2) keeps
"plumber" and "roofer" whole, the two words this module exists for, and the database's
own text search (SQLite FTS5 "porter", PostgreSQL's english dictionary) does the same and
does not fold accents in SQLite. A few suffix rules, cut the same way on both sides, do.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: "joe's plumbing" -> joe, s, ...
SHORTEST_ROOT = 3  # a word is never cut shorter: "gas", "bus", "king" and "ring" stay whole
PREFIX_ROOT = 4  # a cut word shorter than this must equal the other's root, not start it


def fold(text: str) -> str:
    """Case and accents dropped, spaces trimmed and collapsed: " José  Ruiz" -> "jose ruiz"."""
    if text.isascii():  # most text, and the cheap way: nothing to decompose
        return " ".join(text.lower().split())
    # Decomposed before and after case-folding: a mathematical bold A (U+1D400) has no case
    # until it is decomposed to "A", and folding "İ" gives an "i" with a dot to take off.
    return " ".join(_bare(_bare(text).casefold()).split())


# Typed, typographic, and the modifier letter: people type "joes" for "Joe's Plumbing".
APOSTROPHES = {ord(mark): None for mark in "'\u2019\u02bc"}


def name_fold(text: str) -> str:
    """How a typed partner name meets a stored one: folded, apostrophes dropped, so "joes"
    finds "Joe's Plumbing" (and "s" is no word of it)."""
    return fold(text).translate(APOSTROPHES)


def _bare(text: str) -> str:
    """Compatibility-decomposed ("ﬁ" -> "fi"), accents dropped ("é" -> "e"), and what draws
    nothing (a zero-width space, a soft hyphen, a direction mark) left out."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch)
        and unicodedata.category(ch) != "Cf"
        and ch not in BLANK_LETTERS
    )


# Letters that draw nothing: the Hangul fillers (category Lo) pass for names otherwise.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# What is trimmed from the ends of a name: format characters (zero-width space, soft hyphen,
# BOM), separators and the blank letters. Not controls, which are refused, and not marks: a
# trailing accent belongs to the letter before it ("Cafe" + U+0301).
_TRIMMED = ("Cf", "Zs", "Zl", "Zp")


def visible(ch: str) -> bool:
    """Whether a character draws something: a letter, digit, punctuation mark or symbol."""
    return unicodedata.category(ch)[0] in "LNPS" and ch not in BLANK_LETTERS


def _trimmable(ch: str) -> bool:
    return unicodedata.category(ch) in _TRIMMED or ch in BLANK_LETTERS


def escaped(text: str) -> str:
    """Text with whatever does not draw (but a plain space) written as \\uXXXX, to be shown
    in a message: a name of a zero-width space reads "\\u200b", not ""."""
    return "".join(ch if ch == " " or visible(ch) else f"\\u{ord(ch):04x}" for ch in text)


def trim(text: str) -> str:
    """Composed (NFC: one spelling for what looks the same), inner whitespace collapsed,
    and nothing invisible at either end."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    start, end = 0, len(text)
    while start < end and (_trimmable(text[start]) or unicodedata.combining(text[start])):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return " ".join(text[start:end].split())  # a trimmed zero-width space may have hidden one


def name_key(name: str) -> str:
    """What names are stored unique by: whitespace collapsed, case and compatibility forms
    folded (NFKC: "ﬁ" is "fi", full-width "Ｃａｆé" is "café"), accents kept, so "Café" and
    "Cafe" may be two businesses (with --force) but "Café" typed and pasted are one. Trimmed
    as names are stored, so a name typed with a zero-width space at its end still meets."""
    key = unicodedata.normalize("NFKC", trim(name)).casefold()
    return " ".join(unicodedata.normalize("NFKC", key).split())


def words(text: str) -> list[str]:
    """The folded words of a text, punctuation dropped."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=8192)  # `who` asks for each partner word's stem once per typed word
def stem(word: str) -> str:
    """A folded word without a simple plural and an -ing, -er or -e ending: "roofers",
    "roofing" and "roofs" all give "roof"; "bakery" and "bakeries" give "bakeri". Often not
    a real word ("baking" gives "bak"), which does not matter: both sides are cut alike."""
    if (root := _cut(word, "ies")) is not None:
        word = root + "i"  # cities, movies
    elif (root := _cut(word, "es")) is not None and root.endswith(("s", "x", "z", "ch", "sh")):
        word = root  # boxes, brushes, glasses
    elif (root := _cut(word, "s")) is not None and not root.endswith("s"):
        word = root  # roofs, taxis; not glass
    if (root := _cut(word, "y")) is not None and root[-1] not in "aeiouy":
        return root + "i"  # city, bakery; not key or chimney
    if (root := _cut(word, "ing")) is not None or (root := _cut(word, "er")) is not None:
        # shopping -> shop, wedding -> wed; but fill, dress and buzz keep their pair
        doubled = len(root) > SHORTEST_ROOT and root[-1] == root[-2] and root[-1] not in "lsz"
        return root[:-1] if doubled else root
    if (root := _cut(word, "e")) is not None:
        return root  # bake, tile: to meet baking, tiler
    return word


def _cut(word: str, ending: str) -> str | None:
    root = word[: -len(ending)]
    return root if word.endswith(ending) and len(root) >= SHORTEST_ROOT else None


def matches(typed: str, word: str) -> bool:
    """Whether a folded typed word finds a folded word of a text: at its start ("roof" finds
    "roofing"), or ending aside ("plumber" finds "plumbing", "taxis" finds "taxi").

    A root shorter than PREFIX_ROOT must equal the other's, so "water" (root "wat") finds
    "waters" but not "watch"."""
    if word.startswith(typed):
        return True
    root = stem(typed)
    if len(root) < PREFIX_ROOT:
        return stem(word) == root
    return word.startswith(root) or stem(word).startswith(root)


def plural(count: int, word: str) -> str:
    """A count and its noun: "1 referral", "2 referrals"."""
    return f"{count} {word}{'' if count == 1 else 's'}"
