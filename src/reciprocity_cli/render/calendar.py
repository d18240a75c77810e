"""Reminders as an iCalendar file (RFC 5545) for Google, Apple, Outlook and Thunderbird.

The pitfalls other exporters shipped and then fixed, avoided here on purpose:
- All-day events are DATE values written from the local calendar date, with DTEND the next
  day; a date sent through a UTC timestamp lands a day early or late away from UTC.
- UIDs come from what the reminder is (core/reminders.py keys), never from the export time
  or a random number, so importing a new export updates events instead of doubling them.
- Subscribed calendars refresh when they like (Google: every 12-24 hours) unless the feed
  asks: REFRESH-INTERVAL and X-PUBLISHED-TTL ask for twice a day.
- Some calendars ignore alarms in subscribed feeds, so each title says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event, vDuration

from reciprocity_cli.core.reminders import Reminder

PRODUCT = "-//reciprocity-cli//recip reminders//EN"
UID_DOMAIN = "reciprocity-cli"
REFRESH = dt.timedelta(hours=12)
ALARM_AT = dt.timedelta(hours=9)  # after the start of the day: a morning nudge


def _event(reminder: Reminder, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{reminder.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", reminder.day)  # a date, not a datetime: VALUE=DATE
    event.add("dtend", reminder.day + dt.timedelta(days=1))
    event.add("summary", reminder.title)
    event.add("description", reminder.details)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.title)
    alarm.add("trigger", ALARM_AT)
    event.add_component(alarm)
    return event


def ics(reminders: Iterable[Reminder], now: dt.datetime | None = None) -> str:
    """The calendar as text; `now` (UTC) stamps every event (DTSTAMP must be UTC)."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "recip reminders")
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for reminder in reminders:
        calendar.add_component(_event(reminder, stamp))
    return calendar.to_ical().decode("utf-8")
