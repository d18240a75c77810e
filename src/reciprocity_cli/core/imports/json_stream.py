"""A backup's JSON read a piece at a time: the keys and values of its top-level object, and
each element of its arrays, with the line it starts on; never the whole document at once.

The standard library's json cannot read a document piece by piece, but it decodes one
value from a string: this module finds where each element of the top-level arrays starts
and ends (a scan for brackets outside strings, which also refuses deep nesting before json
recurses into it) and hands each to json alone, with the hooks that hold the backup to
JSON as recip writes it: no key twice in one object, no number longer than recip writes,
no NaN. Each record keeps its line, for `line N:` errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, NamedTuple

from reciprocity_cli.core.imports.values import RowError
from reciprocity_cli.errors import RecipError

# recip writes four levels (the backup, a list, a record, its tags); far deeper is not a
# backup, and json's parser would recurse until Python stops it.
MAX_DEPTH = 32
NUMBER_DIGITS = 18  # ids are the longest numbers recip writes
# No record recip writes comes near this (a partner's ten fields of 10,000 characters).
VALUE_MAX = 64 * 1024 * 1024
CHUNK = 1024 * 1024
# What the scan needs of JSON: the brackets outside strings. Each match is the run of text
# before a bracket (strings, escapes and all, skipped whole) and the bracket itself, so a
# record costs the scan a few steps whatever its fields. An unclosed string runs to the end.
_TO_BRACKET = re.compile(r'(?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+"?)*+([\[\]{}]|\Z)')
_SCALAR = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[^,:\[\]{}\s"]*')
_SPACE = re.compile(r"[ \t\n\r]*")
_CLOSER = {"[": "]", "{": "}"}


def _object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: with a key twice, which value the file
    meant is a guess (json keeps the last), so the backup is refused."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice(next(key for key, _ in pairs if key in seen or seen.add(key)))
    return found


def twice(key: str) -> None:
    raise RecipError(
        f'The backup has the key "{key}" twice in one object; remove one and import again.'
    )


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > NUMBER_DIGITS:
        raise RecipError(
            f"The backup holds a number of {len(digits.lstrip('-'))} digits; recip writes "
            f"numbers of at most {NUMBER_DIGITS}."
        )
    return int(digits)


def _constant(name: str) -> float:
    raise RecipError(
        f"The backup holds {name}, which is not a JSON value; it is not a recip backup."
    )


DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer, parse_constant=_constant)


class Piece(NamedTuple):
    """One piece of the document: `what` is "value" (a top-level key's value that is not an
    array), "array" (the start of one), "item" (an element of one; None when not decoded)
    or "document" (the whole of a document that is not an object)."""

    what: str
    key: str | None
    line: int
    value: object = None


class Pieces:
    """Reads the document from `text`, holding only the part being read."""

    def __init__(self, text: IO[str]):
        self.text = text
        self.buf, self.pos, self.eof = "", 0, False
        self.lines, self.counted = 1, 0  # the line at buf[counted]

    def _more(self) -> bool:
        """Read on, dropping what is behind pos; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.text.read(max(CHUNK, len(self.buf)))  # a long value costs linear time
        if not chunk:
            self.eof = True
            return False
        if self.counted < self.pos:
            self.lines += self.buf.count("\n", self.counted, self.pos)
            self.counted = 0
        else:
            self.counted -= self.pos
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _line(self, at: int) -> int:
        return self.lines + self.buf.count("\n", self.counted, at)

    def _mark(self, at: int) -> int:
        """The line at `at`, from where the last mark left off (marks only move forward)."""
        self.lines = self._line(at)
        self.counted = at
        return self.lines

    def _peek(self) -> str:
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self._more():
                return self.buf[self.pos : self.pos + 1]

    def _invalid(self, message: str) -> RowError:
        return RowError(self._line(self.pos), f"is not valid JSON ({message}).")

    def _end(self, depth: int) -> int:
        """Where the value at pos ends, read on as far as it goes; refuses lists and objects
        that nest deeper than MAX_DEPTH counting the `depth` around it."""
        while True:
            if self.buf[self.pos] not in "[{":
                end = _SCALAR.match(self.buf, self.pos).end()
                if end < len(self.buf) or not self._more():
                    return end
                continue
            opened: list[str] = []
            for match in _TO_BRACKET.finditer(self.buf, self.pos):
                bracket = match.group(1)
                if not bracket:
                    break
                if bracket in "[{":
                    opened.append(_CLOSER[bracket])
                    if depth + len(opened) > MAX_DEPTH:
                        raise RowError(
                            self._line(match.start(1)),
                            f"lists and objects nest over {MAX_DEPTH} deep here; "
                            "not a recip backup.",
                        )
                elif opened.pop() != bracket or not opened:
                    return match.end()  # its end, or where json will say what is wrong
            if len(self.buf) - self.pos > VALUE_MAX or not self._more():
                return len(self.buf)

    def value(self, depth: int, *, decode: bool = True) -> tuple[int, object]:
        """The value at pos and the line it starts on (with decode false, only passed)."""
        if not self._peek():
            raise self._invalid("Expecting value")
        end = self._end(depth)
        line, start = self._mark(self.pos), self.pos
        self.pos = end
        if not decode:
            return line, None
        text = self.buf[start:end]
        try:
            return line, DECODER.decode(text)
        except json.JSONDecodeError as error:
            if error.pos >= len(text) and end - start > VALUE_MAX:
                raise RowError(
                    line, f"holds a value of over {VALUE_MAX // (1024 * 1024)} MiB; not a backup."
                ) from None
            where = line + text.count("\n", 0, error.pos)
            raise RowError(where, f"is not valid JSON ({error.msg}).") from None

    def _expect(self, char: str, message: str) -> None:
        if self._peek() != char:
            raise self._invalid(message)
        self.pos += 1

    def read(
        self, decoded=lambda key: True, whole: frozenset[str] = frozenset()
    ) -> Iterator[Piece]:
        """The document's pieces in file order; the elements of an array whose key
        `decoded` refuses are passed over, not decoded, and an array under a key in `whole`
        is one value."""
        if self._peek() != "{":
            line, document = self.value(0)
            yield Piece("document", None, line, document)
        else:
            yield from self._members(decoded, whole)
        if self._peek():
            raise self._invalid("Extra data")

    def _members(self, decoded, whole: frozenset[str]) -> Iterator[Piece]:
        self.pos += 1
        keys: set[str] = set()
        if self._peek() == "}":
            self.pos += 1
            return
        while True:
            if self._peek() != '"':
                raise self._invalid("Expecting property name enclosed in double quotes")
            _, key = self.value(1)
            if key in keys:
                twice(key)
            keys.add(key)
            self._expect(":", "Expecting ':' delimiter")
            if self._peek() == "[" and key not in whole:
                yield Piece("array", key, self._mark(self.pos))
                yield from self._items(key, decoded(key))
            else:
                line, value = self.value(1)
                yield Piece("value", key, line, value)
            if self._peek() == "}":
                self.pos += 1
                return
            self._expect(",", "Expecting ',' delimiter")

    def _items(self, key: str, decode: bool) -> Iterator[Piece]:
        self.pos += 1
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            line, item = self.value(2, decode=decode)
            yield Piece("item", key, line, item)
            if self._peek() == "]":
                self.pos += 1
                return
            self._expect(",", "Expecting ',' delimiter")
