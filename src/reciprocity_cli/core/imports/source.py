"""The file given to import, read as a stream (never held whole), and which of recip's
formats it holds.

An import reads its file twice: once to check every row, once to write them. A pipe
(`recip import <(...)`) cannot be read twice, so what is not a regular file is first copied
to a temporary file, under the same checks.
"""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

from reciprocity_cli.core.export import FIRST_REFERRAL_COLUMNS, PARTNER_COLUMNS, REFERRAL_COLUMNS
from reciprocity_cli.core.imports import sheet
from reciprocity_cli.errors import RecipError

# Far above any real backup, CSV or phone book (a backup of a million referrals and their
# history is under a GiB), and still a bound: /dev/zero, a pipe that never ends or a disk
# image given by mistake must stop with a line, not run for hours.
MAX_BYTES = 2 * 1024 * 1024 * 1024
CHUNK = 1024 * 1024
HEAD_CHARS = 64 * 1024
T = TypeVar("T")


class _Checked(io.RawIOBase):
    """The file's bytes, refused at the first NUL byte (no text file holds one) or once
    they pass MAX_BYTES."""

    def __init__(self, raw: IO[bytes], path: Path, wide: bool | None = None):
        self.raw, self.path, self.wide, self.size = raw, path, wide, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        if not count:
            return 0
        if self.wide is None:  # told by the file's first bytes
            self.wide = bytes(buffer[:2]) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        if not self.wide and b"\x00" in bytes(memoryview(buffer)[:count]):
            raise RecipError(
                f"{self.path} is not text (it holds NUL bytes); import a backup, CSV or vCard."
            )
        self.size += count
        if self.size > MAX_BYTES:
            raise RecipError(
                f"{self.path} is too large (over {MAX_BYTES // (1024 * 1024)} MiB); "
                "split it into smaller files."
            )
        return count


class Undecodable(Exception):
    """The text is not in the encoding being tried (not a RecipError: no check catches it)."""


class TextFile:
    """The file to import: its start, to tell its format, and its text as a stream, as often
    as it is asked for, in the one encoding that reads all of it."""

    def __init__(self, path: Path):
        self.path = path
        self.copy: IO[bytes] | None = None
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                self.copy = self._spooled()
            with self._bytes() as source:
                start = source.read(4)
        except OSError as error:
            raise RecipError(f"Cannot read {path}: {error.strerror}.") from None
        # UTF-16, as spreadsheets save "Unicode text": every other byte is NUL.
        self.wide = start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        # Phones write UTF-8; old Outlook writes 1252. A file is read in the first of these
        # that reads all of it (see whole()).
        self.encodings = ("utf-16",) if self.wide else ("utf-8-sig", "cp1252")
        self.encoding = self.encodings[0]
        self.head = self._head()

    def _spooled(self) -> IO[bytes]:
        copy = tempfile.TemporaryFile()  # noqa: SIM115 - kept for both passes; close() ends it
        with self.path.open("rb") as raw:
            shutil.copyfileobj(_Checked(raw, self.path), copy, CHUNK)
        return copy

    @contextmanager
    def _bytes(self) -> Iterator[IO[bytes]]:
        if self.copy is not None:
            self.copy.seek(0)
            yield self.copy
            return
        with self.path.open("rb") as raw:
            yield raw

    def _head(self) -> str:
        """The first HEAD_CHARS characters, in the first encoding that reads them."""
        for encoding in self.encodings:
            self.encoding = encoding
            try:
                with self.open() as text:
                    return text.read(HEAD_CHARS)
            except Undecodable:
                continue
        raise self._not_text()

    def _not_text(self) -> RecipError:
        if self.wide:
            return RecipError(f"{self.path} starts as UTF-16 text but is not; save it as UTF-8.")
        return RecipError(f"{self.path} is not text (neither UTF-8 nor Windows-1252).")

    @contextmanager
    def open(self) -> Iterator[IO[str]]:
        """The text, from the start: lines end as the file ends them (as csv wants)."""
        try:
            with self._bytes() as raw:
                checked = io.BufferedReader(_Checked(raw, self.path, self.wide), CHUNK)
                text = io.TextIOWrapper(checked, encoding=self.encoding, newline="")
                try:
                    yield text
                finally:
                    text.detach()  # the file is closed by its owner
        except UnicodeDecodeError:
            raise Undecodable from None
        except OSError as error:
            raise RecipError(f"Cannot read {self.path}: {error.strerror}.") from None

    def whole(self, read: Callable[[TextFile], T]) -> T:
        """`read` (a pass over the text) in the first encoding that reads the whole file: a
        file with one byte that is not UTF-8 is Windows-1252 throughout."""
        for encoding in self.encodings[self.encodings.index(self.encoding) :]:
            self.encoding = encoding
            try:
                return read(self)
            except Undecodable:
                continue
        raise self._not_text()

    def close(self) -> None:
        if self.copy is not None:
            self.copy.close()


def detect(path: Path, head: str, maps: Sequence[str] = ()) -> str:
    """backup, referrals, partners or vcard: from the extension, then the content (the
    file's start). A CSV holds referrals when its header is recip's, names a column of a
    referral (any of sheet.SYNONYMS too), or --map names one; partners when it is recip's
    partner header."""
    suffix = path.suffix.lower()
    start = head.lstrip()[:200].upper()
    if suffix in (".vcf", ".vcard") or start.startswith("BEGIN:VCARD"):
        return "vcard"
    if suffix == ".json" or start.startswith("{"):
        return "backup"
    head = head.lstrip("\ufeff")
    delimiter = sheet.delimiter(head, maps)
    if sheet.separator_line(head) is not None:
        head = head.partition("\n")[2]
    try:  # a header is one short line: the file's start is enough
        header = next(csv.reader(io.StringIO(head), delimiter=delimiter), [])
    except csv.Error:
        header = []
    names = tuple(h.strip().lower() for h in header)
    # The header an older recip wrote is the start of today's: columns are only appended.
    if len(names) >= len(FIRST_REFERRAL_COLUMNS) and names == REFERRAL_COLUMNS[: len(names)]:
        return "referrals"
    if names and names[0] == "name" and set(names) <= set(PARTNER_COLUMNS) and not maps:
        return "partners"
    if maps or any(sheet.label(name) in sheet.FIELD_BY_LABEL for name in names):
        return "referrals"
    raise RecipError(
        f"{path.name}: not a file recip reads. A CSV of referrals needs a header naming its "
        "date, direction and partner columns (in any order, e.g. Date;Type;Partner); one of "
        "partners starts with name; JSON must be a recip backup; vCards end in .vcf."
    )
