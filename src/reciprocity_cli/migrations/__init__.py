"""Alembic revisions for the recip schema.

REVISIONS lists every revision this version of recip knows, oldest first. Opening a database
compares its revision with HEAD in one cheap query; Alembic itself is imported only when an
upgrade is due. A test checks this list against the revision files.
"""

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011")
HEAD = REVISIONS[-1]
