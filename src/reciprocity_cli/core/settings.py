"""Settings kept in the database, so they travel with the data. Each has a default, a check
that turns what the user typed into the stored text, and a typed reader."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

from sqlmodel import Session, select

from reciprocity_cli.core.dates import WEEKDAY_NAMES, WEEKDAYS
from reciprocity_cli.core.fields import whole_number
from reciprocity_cli.errors import RecipError
from reciprocity_cli.models import Setting


def _whole_number(low: int, high: int) -> Callable[[str, str], str]:
    def check(key: str, raw: str) -> str:
        number = whole_number(raw)
        if number is None or not low <= number <= high:
            raise RecipError(f'{key} must be a whole number from {low} to {high}; got "{raw}".')
        return str(number)

    return check


def _fair_band(key: str, raw: str) -> str:
    low_text, sep, high_text = raw.replace(" ", "").partition("-")
    low, high = whole_number(low_text, 3), whole_number(high_text, 3)
    if not (sep and low is not None and high is not None and low <= 50 <= high <= 100):
        raise RecipError(
            f'{key} must be two percentages around 50, like 40-60 or 35-65; got "{raw}".'
        )
    return f"{low}-{high}"


def _day_index(name: str) -> int | None:
    """mon ... sun, or the full name; nothing else ("monkey" is not Monday)."""
    return WEEKDAY_NAMES.get(name.strip().lower())


def _weekday(key: str, raw: str) -> str:
    index = _day_index(raw)
    if index is None:
        raise RecipError(f'{key} must be a day such as mon or sun; got "{raw}".')
    return WEEKDAYS[index]


def _workdays(key: str, raw: str) -> str:
    """Accepts "all", a list ("mon,tue,thu") and ranges ("mon-fri", "tue-sat")."""
    text = raw.strip().lower()
    if text in ("all", "every day", "everyday"):
        return ",".join(WEEKDAYS)
    days: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, sep, last = part.partition("-")
        start = _day_index(first) if first else None
        end = _day_index(last) if sep else start
        if start is None or end is None:
            raise RecipError(f'{key} must list days, like mon-fri or mon,wed,fri; got "{raw}".')
        days.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)])
    return ",".join(day for i, day in enumerate(WEEKDAYS) if i in days)


def _currency(key: str, raw: str) -> str:
    text = raw.strip()
    if text.lower() == "none":
        return ""
    if len(text) > 8 or any(not ch.isprintable() for ch in text):
        raise RecipError(
            f'{key} must be a short symbol or code such as EUR, $ or none; got "{raw}".'
        )
    if any(ch.isnumeric() for ch in text):  # "²." beside 1.00 could not be read back
        raise RecipError(f'{key} cannot hold digits (such as "{raw}"); use a symbol or code.')
    return text


class SettingSpec(NamedTuple):
    default: str
    check: Callable[[str, str], str]
    help: str


SPECS: dict[str, SettingSpec] = {
    "daily_goal": SettingSpec("1", _whole_number(1, 50), "referrals to give each day"),
    "fair_band": SettingSpec("40-60", _fair_band, "share of referrals you give that is fair"),
    "week_start": SettingSpec("mon", _weekday, "first day of the week in reports"),
    "workdays": SettingSpec(",".join(WEEKDAYS), _workdays, "days that count for the streak"),
    "quiet_days": SettingSpec("60", _whole_number(1, 3650), "days without exchange = quiet"),
    "currency": SettingSpec("", _currency, "shown beside values (none by default)"),
    "followup_days": SettingSpec("14", _whole_number(1, 3650), "days before asking how it went"),
}


class Settings(NamedTuple):
    """The settings, typed. Built from stored text; every key has a value."""

    values: dict[str, str]

    @property
    def daily_goal(self) -> int:
        return int(self.values["daily_goal"])

    @property
    def fair_band(self) -> tuple[Fraction, Fraction]:
        low, high = self.values["fair_band"].split("-")
        return Fraction(int(low), 100), Fraction(int(high), 100)

    @property
    def week_start(self) -> int:
        return WEEKDAYS.index(self.values["week_start"])

    @property
    def workdays(self) -> frozenset[int]:
        return frozenset(WEEKDAYS.index(day) for day in self.values["workdays"].split(","))

    @property
    def quiet_days(self) -> int:
        return int(self.values["quiet_days"])

    @property
    def currency(self) -> str | None:
        return self.values["currency"] or None

    @property
    def followup_days(self) -> int:
        return int(self.values["followup_days"])


def check_key(key: str) -> str:
    normal = key.strip().lower().replace("-", "_")
    if normal not in SPECS:
        raise RecipError(f'No setting "{key}". Settings: {", ".join(SPECS)}.')
    return normal


def load(session: Session) -> Settings:
    # The table's columns, not the class: a command that reads only through Core (balance)
    # never has SQLAlchemy configure its mappers, a few milliseconds of start-up.
    setting = Setting.__table__.c
    stored = dict(session.execute(select(setting.key, setting.value)).all())
    return Settings({key: stored.get(key, spec.default) for key, spec in SPECS.items()})


def store(session: Session, key: str, raw: str) -> str:
    """Check and save one setting; returns the value as stored."""
    key = check_key(key)
    value = SPECS[key].check(key, raw)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    return value


def reset(session: Session, key: str) -> str:
    key = check_key(key)
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
    return SPECS[key].default
