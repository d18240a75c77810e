"""Finding typed words inside stored text, in the database, ignoring case and accents.

`cafe` must find "Café" on SQLite and on PostgreSQL alike, without an extension and without
loading every row into Python. The stored text is left as it is; each typed letter becomes
the class of every letter that folds to it (words.fold: "e" -> [eEéÉèÈ...]), and the
database runs the pattern (PostgreSQL's `~`; on SQLite, REGEXP, which SQLAlchemy backs with
Python's `re`). One table, built here from words.fold, gives both engines the same letters.
Only a letter's own case and accented forms are classed: a letter that folds to two
("ß" -> "ss") is matched as typed.

Measured on 100,000 referrals (benchmarks/log_search.py), counting one word's matches: the
classes take about 0.05 s on PostgreSQL and 0.3 s on SQLite; PostgreSQL's translate() with
the same table takes seconds (it scans the table for every character), normalize() with
regexp_replace() ten times as long, and on SQLite a Python fold() function or folding rows
in Python while streaming them three to five times as long.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from reciprocity_cli.core import words as w
from reciprocity_cli.errors import RecipError

# The blocks whose letters fold to one plain letter: Latin (with Extended-A/B, IPA aside),
# Greek, Cyrillic, Latin Extended Additional (Vietnamese), Greek Extended, full-width forms.
FOLDED_BLOCKS = (
    (0x0000, 0x024F),
    (0x0370, 0x052F),
    (0x1E00, 0x1FFF),
    (0xFF00, 0xFFEF),
)
SEARCH_MAX = 200  # characters typed; each letter becomes a class of a few dozen
_WORD = re.compile(r"[^\W_]+")
# Characters that mean something inside a [...] class in Python's re or PostgreSQL's regex.
_CLASS_SPECIAL = frozenset("\\]^-[")


@functools.cache
def letter_classes() -> dict[str, str]:
    """Each folded letter or digit, and the regex class of every character that folds to
    it (itself included), for the letters that have other forms."""
    forms: dict[str, list[str]] = {}
    for first, last in FOLDED_BLOCKS:
        for point in range(first, last + 1):
            ch = chr(point)
            folded = w.fold(ch)
            if len(folded) == 1 and _WORD.fullmatch(folded) and ch not in _CLASS_SPECIAL:
                forms.setdefault(folded, [folded]).append(ch)
    return {
        key: "[" + "".join(dict.fromkeys(chars)) + "]"
        for key, chars in forms.items()
        if len(set(chars)) > 1
    }


def search_words(typed: str) -> list[str]:
    """The words of what was typed, each a letter or digit run; refused when there is none."""
    text = typed.strip()
    if len(text) > SEARCH_MAX:
        raise RecipError(f"--search is {len(text)} characters long; the limit is {SEARCH_MAX}.")
    found = _WORD.findall(unicodedata.normalize("NFC", text))
    if not found:
        raise RecipError(
            "--search needs a letter or digit to look for, e.g. --search patel or --search 0111."
        )
    return found


def word_pattern(word: str) -> str:
    """A regex (the same text for both engines) finding `word` anywhere in a text, whatever
    the case and accents on either side: "cafe" and "CAFÉ" both find "Café"."""
    classes = letter_classes()
    parts = []
    for ch in word:
        folded = w.fold(ch)
        parts.append(classes.get(folded, ch) if len(folded) == 1 else ch)
    return "".join(parts)
