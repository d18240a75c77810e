"""Everything in: recip's JSON backup, CSV of referrals or partners, and vCards.

A file is read twice, never held whole: a first pass checks every row into a Plan (what the
writer must know first, small whatever the file's size) before anything is written; the
Applier then reads the rows again and writes them in the caller's single transaction: all
of it or none of it.
"""

from __future__ import annotations

from collections.abc import Callable

from reciprocity_cli.core.imports import backup_file, csv_file, vcard_file
from reciprocity_cli.core.imports.plan import Plan
from reciprocity_cli.core.imports.records import RowError
from reciprocity_cli.core.imports.source import TextFile, detect
from reciprocity_cli.core.imports.summary import Summary
from reciprocity_cli.core.imports.writer import Applier

# What reads each kind of file that detect() names into a Plan.
PLANNERS: dict[str, Callable[..., Plan]] = {
    "backup": backup_file.plan,
    "referrals": csv_file.plan_referrals,
    "partners": csv_file.plan_partners,
    "vcard": vcard_file.plan,
}

__all__ = ["PLANNERS", "Applier", "Plan", "RowError", "Summary", "TextFile", "detect"]
