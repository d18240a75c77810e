"""Everything in: recip's JSON backup, CSV of referrals or partners, and vCards."""

from reciprocity_cli.core.imports.source import detect, read_text
from reciprocity_cli.core.imports.writer import PLANNERS, Applier

__all__ = ["PLANNERS", "Applier", "detect", "read_text"]
