"""reciprocity-cli: track referrals given and received, keep partnerships two-way."""

__version__ = "0.1.0"
