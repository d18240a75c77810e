"""Everything in: recip's JSON backup, CSV of referrals or partners, and vCards."""

from reciprocity_cli.core.imports.writer import PLANNERS, Applier, detect, read_text

__all__ = ["PLANNERS", "Applier", "detect", "read_text"]
