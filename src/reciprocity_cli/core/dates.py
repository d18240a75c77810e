"""Dates as users type them: YYYY-MM-DD, today, yesterday, a weekday name (or "last fri"),
Nd or Nw (N days or weeks ago), and 23.11.2026 or 11/23/2026 when the order is clear."""

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
_AGO = re.compile(r"([0-9]{1,5})([dw])")  # 3d: three days ago; 2w: two weeks ago
_LAST_WEEKDAY = re.compile(r"last\s+([a-z]+)")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# 23.11.2026 or 11/23/2026: day and month in either order, read only when the order is clear.
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})([./])([0-9]{1,2})\2([0-9]{4})")
EARLIEST = dt.date(1900, 1, 1)  # anything earlier is a typing slip, not a referral
LATEST = dt.date(2999, 12, 31)  # and so is anything later; weeks and streaks stay in range
HELP = (
    "YYYY-MM-DD, today, yesterday, fri (the latest, today included), last fri (before "
    "today), 3d or 2w (days or weeks ago); 23.11.2026 or 11/23/2026 if the day is over 12"
)


def today() -> dt.date:
    """The local calendar date. RECIP_TODAY (YYYY-MM-DD) pins it, for tests and back-filling."""
    pinned = os.environ.get("RECIP_TODAY")
    if pinned:
        try:
            pinned_day = dt.date.fromisoformat(pinned)
        except ValueError:
            raise RecipError(f'RECIP_TODAY="{pinned}" is not a date; use YYYY-MM-DD.') from None
        if not EARLIEST <= pinned_day <= LATEST:
            raise RecipError(f'RECIP_TODAY="{pinned}" is outside {EARLIEST} to {LATEST}.')
        return pinned_day
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
    if (match := _LAST_WEEKDAY.fullmatch(word)) and match.group(1) in WEEKDAY_NAMES:
        # The most recent one strictly before today: on a Friday, "last fri" is a week ago.
        return base - dt.timedelta(
            days=(base.weekday() - WEEKDAY_NAMES[match.group(1)] - 1) % 7 + 1
        )
    if match := _AGO.fullmatch(word):
        days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
        if days > (base - EARLIEST).days:
            raise RecipError(f'"{text}" is too far back; dates start at {EARLIEST}.')
        return base - dt.timedelta(days=days)
    if match := _ISO_DATE.fullmatch(word):
        year, month, day = (int(part) for part in match.groups())
        return _real_date(text, year, month, day)
    if match := _DAY_MONTH_YEAR.fullmatch(word):
        return _day_and_month(text, int(match.group(1)), int(match.group(3)), int(match.group(4)))
    raise RecipError(f'"{text}" is not a date. Use {HELP}.')


def _real_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        found = dt.date(year, month, day)
    except ValueError as error:
        raise RecipError(f'"{text}" is not a real date ({error}).') from None
    if found < EARLIEST:
        raise RecipError(f'"{text}" is too far back; dates start at {EARLIEST}.')
    if found > LATEST:
        raise RecipError(f'"{text}" is too far ahead; dates end at {LATEST}.')
    return found


def _day_and_month(text: str, first: int, second: int, year: int) -> dt.date:
    """23.11.2026 and 11/23/2026 name one date: a number over 12 can only be the day. Where
    both could be the month (03/04/2026), the two readings are shown, never guessed between;
    the same number twice (03/03/2026) is one date either way."""
    if first > 12 and second > 12:
        raise RecipError(f'"{text}" is not a real date (neither {first} nor {second} is a month).')
    if first > 12 or first == second:
        return _real_date(text, year, second, first)
    if second > 12:
        return _real_date(text, year, first, second)
    # Both could be the month; either reading may still be impossible (a 0, the year 0000).
    one, other = _real_date(text, year, first, second), _real_date(text, year, second, first)
    raise RecipError(
        f'"{text}" could be {min(one, other)} or {max(one, other)}; write it as YYYY-MM-DD.'
    )


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
