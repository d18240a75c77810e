"""What a database failure means, as one line that says what to do about it."""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reciprocity_cli.location import Location


def describe(error: Exception, location: Location) -> str:
    """One line for a driver error on this database."""
    folder = _unwritable_folder(location.path)
    if folder is not None and _is_open_or_write_failure(error):
        return (
            f"Cannot write in {folder}, the folder of the database: SQLite keeps "
            f"{location.path.name}-wal beside it while it works; check the folder's permissions."
        )
    if location.path is None and not location.url.startswith("sqlite"):
        problem = _server_problem(error, location)
        if problem:
            return problem
    return _explain(error, location.display())


def _unwritable_folder(path: Path | None) -> Path | None:
    """The database's folder when the file could be written but its folder cannot."""
    if path is None or not os.access(path, os.W_OK):
        return None
    return None if os.access(path.parent, os.W_OK) else path.parent


def _server_problem(error: Exception, location: Location) -> str | None:
    """One line for a server that cannot be reached or refuses us, or None."""
    from sqlalchemy.engine import make_url

    detail = " ".join(str(getattr(error, "orig", error)).split())
    url = make_url(location.url)
    # What libpq used: the URL's parts, else its query parameters, else libpq's defaults.
    host = url.host or url.query.get("host") or "localhost"
    where = f"{host}:{url.port or url.query.get('port') or 5432}"
    user = url.username or url.query.get("user") or getpass.getuser()
    display = location.display()
    if "no password supplied" in detail:
        return (
            f'The database server at {where} wants a password for user "{user}"; put it in '
            f"~/.pgpass or in RECIP_DB ({display})."
        )
    if "password authentication failed" in detail:
        return (
            f'The database server at {where} refused the password for user "{user}"; '
            f"check the password in RECIP_DB or ~/.pgpass ({display})."
        )
    if match := re.search(r'database "([^"]*)" does not exist', detail):
        return (
            f'The database server at {where} has no database "{match.group(1)}"; create it '
            f"(createdb {match.group(1)}) or fix the name in RECIP_DB ({display})."
        )
    if match := re.search(r'role "([^"]*)" does not exist', detail):
        return (
            f'The database server at {where} has no user "{match.group(1)}"; create it '
            f"(createuser {match.group(1)}) or fix the user in RECIP_DB ({display})."
        )
    if "failed to resolve host" in detail or "could not translate host name" in detail:
        return f"Cannot find the database server {host}; check the host in RECIP_DB ({display})."
    if any(
        sign in detail
        for sign in ("Connection refused", "timeout expired", "could not connect", "No route")
    ):
        return (
            f"Cannot reach the database server at {where}: nothing answered; is PostgreSQL "
            f"running there, and is the address right? ({display})"
        )
    return None


def _is_open_or_write_failure(error: Exception) -> bool:
    lowered = str(getattr(error, "orig", error)).lower()
    return any(word in lowered for word in ("readonly", "read-only", "unable to open"))


def _explain(error: Exception, display: str) -> str:
    detail = str(getattr(error, "orig", error))
    # Two people adding the same partner at the same moment: the second insert loses.
    if "uq_partner_name_key" in detail or "partner.name_key" in detail:
        return (
            "A partner with that name was added a moment ago (by another recip); see it "
            "with recip partner list and use it."
        )
    return _explain_file(error, display)


def _explain_file(error: Exception, display: str) -> str:
    detail = str(getattr(error, "orig", error)).strip() or type(error).__name__
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"The database {display} is busy (another program is writing); try again."
    if "not a database" in lowered or "malformed" in lowered:
        return f"{display} is damaged or not a recip database ({detail}); restore a backup."
    if "readonly" in lowered or "read-only" in lowered:
        return f"The database {display} is read-only; check its permissions."
    if "unable to open" in lowered:
        return f"Cannot open the database {display}; check the path and its permissions."
    return f"Database error on {display}: {detail.splitlines()[0]}"
