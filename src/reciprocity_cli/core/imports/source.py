"""The file given to import: its text, and which of recip's formats it holds."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from pathlib import Path

from reciprocity_cli.core.export import FIRST_REFERRAL_COLUMNS, PARTNER_COLUMNS, REFERRAL_COLUMNS
from reciprocity_cli.core.imports import sheet
from reciprocity_cli.errors import RecipError

# Far above any real backup, CSV or phone book, and still a bound: /dev/zero, a pipe that
# never ends or a disk image given by mistake must stop with a line, not exhaust memory.
MAX_BYTES = 512 * 1024 * 1024
CHUNK = 1024 * 1024
HEAD_CHARS = 64 * 1024


def read_text(path: Path) -> str:
    """The file's text, read in chunks: refused at the first NUL byte (no text file holds
    one) or once it passes MAX_BYTES, so nothing is read without bound."""
    limit = MAX_BYTES
    chunks: list[bytes] = []
    size = 0
    wide = False  # UTF-16, as spreadsheets save "Unicode text": every other byte is NUL
    try:
        with path.open("rb") as source:
            while chunk := source.read(CHUNK):
                if not chunks and chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    wide = True
                if b"\x00" in chunk and not wide:
                    raise RecipError(
                        f"{path} is not text (it holds NUL bytes); import a backup, CSV or vCard."
                    )
                size += len(chunk)
                if size > limit:
                    raise RecipError(
                        f"{path} is too large (over {limit // (1024 * 1024)} MiB); split it "
                        "into smaller files."
                    )
                chunks.append(chunk)
    except OSError as error:
        raise RecipError(f"Cannot read {path}: {error.strerror}.") from None
    data = b"".join(chunks)
    del chunks  # the joined copy is all that is kept
    # Phones write UTF-8; old Outlook writes 1252.
    for encoding in ("utf-16",) if wide else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if wide:
        raise RecipError(f"{path} starts as UTF-16 text but is not; save it as UTF-8.")
    raise RecipError(f"{path} is not text (neither UTF-8 nor Windows-1252).")


def detect(path: Path, text: str, maps: Sequence[str] = ()) -> str:
    """backup, referrals, partners or vcard: from the extension, then the content. A CSV
    holds referrals when its header is recip's, names a column of a referral (any of
    sheet.SYNONYMS too), or --map names one; partners when it is recip's partner header."""
    suffix = path.suffix.lower()
    start = text.lstrip()[:200].upper()
    if suffix in (".vcf", ".vcard") or start.startswith("BEGIN:VCARD"):
        return "vcard"
    if suffix == ".json" or start.startswith("{"):
        return "backup"
    head = text.lstrip("\ufeff")[:HEAD_CHARS]
    if sheet.separator_line(head) is not None:
        head = head.partition("\n")[2]
    try:  # a header is one short line: the file's start is enough
        header = next(csv.reader(io.StringIO(head), delimiter=sheet.delimiter(text, maps)), [])
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
