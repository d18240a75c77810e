"""The file given to import: its text, and which of recip's formats it holds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reciprocity_cli.core.export import PARTNER_COLUMNS, REFERRAL_COLUMNS
from reciprocity_cli.errors import RecipError


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RecipError(f"Cannot read {path}: {error.strerror}.") from None
    for encoding in ("utf-8-sig", "cp1252"):  # phones write UTF-8; old Outlook writes 1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RecipError(f"{path} is not text (neither UTF-8 nor Windows-1252).")


def detect(path: Path, text: str) -> str:
    """backup, referrals, partners or vcard: from the extension, then the content."""
    suffix = path.suffix.lower()
    start = text.lstrip()[:200].upper()
    if suffix in (".vcf", ".vcard") or start.startswith("BEGIN:VCARD"):
        return "vcard"
    if suffix == ".json" or start.startswith("{"):
        return "backup"
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    names = tuple(h.strip().lower() for h in header)
    if names == REFERRAL_COLUMNS:
        return "referrals"
    if names and names[0] == "name" and set(names) <= set(PARTNER_COLUMNS):
        return "partners"
    raise RecipError(
        f"{path.name}: not a file recip reads. CSV needs the header "
        f"{','.join(REFERRAL_COLUMNS)} (referrals) or starting with name (partners); "
        "JSON must be a recip backup; vCards end in .vcf."
    )
