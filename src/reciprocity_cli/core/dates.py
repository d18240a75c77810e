"""Dates as users type them: YYYY-MM-DD, today, yesterday, a weekday name, or Nd (N days ago)."""

import datetime as dt
import os
import re

from reciprocity_cli.errors import RecipError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}
_DAYS_AGO = re.compile(r"([0-9]{1,5})d")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
EARLIEST = dt.date(1900, 1, 1)  # anything earlier is a typing slip, not a referral
HELP = "YYYY-MM-DD, today, yesterday, a weekday name (e.g. mon) or Nd for N days ago (e.g. 3d)"


def today() -> dt.date:
    """The local calendar date. RECIP_TODAY (YYYY-MM-DD) pins it, for tests and back-filling."""
    pinned = os.environ.get("RECIP_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise RecipError(f'RECIP_TODAY="{pinned}" is not a date; use YYYY-MM-DD.') from None
    return dt.date.today()


def parse_date(text: str, *, reference: dt.date | None = None) -> dt.date:
    """Turn what the user typed into a date, or raise RecipError saying what is accepted."""
    base = reference or today()
    word = text.strip().lower()
    if word == "today":
        return base
    if word == "yesterday":
        return base - dt.timedelta(days=1)
    if word in WEEKDAY_NAMES:
        # The most recent such day, today included.
        return base - dt.timedelta(days=(base.weekday() - WEEKDAY_NAMES[word]) % 7)
    if match := _DAYS_AGO.fullmatch(word):
        days = int(match.group(1))
        if days > (base - EARLIEST).days:
            raise RecipError(f'"{text}" is too far back; dates start at {EARLIEST}.')
        return base - dt.timedelta(days=days)
    if match := _ISO_DATE.fullmatch(word):
        year, month, day = (int(part) for part in match.groups())
        try:
            found = dt.date(year, month, day)
        except ValueError as error:
            raise RecipError(f'"{text}" is not a real date ({error}).') from None
        if found < EARLIEST:
            raise RecipError(f'"{text}" is too far back; dates start at {EARLIEST}.')
        return found
    raise RecipError(f'"{text}" is not a date. Use {HELP}.')


def parse_past_date(text: str, what: str = "--date") -> dt.date:
    """A date something happened on: today or earlier."""
    found = parse_date(text)
    if found > today():
        raise RecipError(f"{what} {found} is in the future; record things once they happen.")
    return found


def parse_optional_date(text: str | None, **kwargs) -> dt.date | None:
    return None if text is None else parse_date(text, **kwargs)


def check_period(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise RecipError(f"--since {since} is after --until {until}; swap them.")
