"""recip calendar: the reminders as iCalendar, read back by icalendar and by vobject (an
independent parser), on the right local dates in zones west and east of UTC, with UIDs that
stay the same across exports."""

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

RECIP = shutil.which("recip", path=str(Path(sys.executable).parent)) or shutil.which("recip")


def events(text: str) -> dict[str, dict]:
    """Each event by UID, read with icalendar; vobject must read the same dates and titles."""
    found = {}
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        found[str(event["uid"])] = {
            "start": event["dtstart"].dt,
            "end": event["dtend"].dt,
            "title": str(event["summary"]),
            "details": str(event["description"]),
            "alarms": [(str(a["action"]), a["trigger"].dt) for a in event.walk("VALARM")],
            "stamp": event["dtstamp"].dt,
        }
    other = vobject.readOne(text)
    assert {
        e.uid.value: (e.dtstart.value, e.dtend.value, e.summary.value)
        for e in other.contents.get("vevent", [])
    } == {uid: (e["start"], e["end"], e["title"]) for uid, e in found.items()}
    return found


@pytest.fixture
def shop(recip, partners):
    recip("partner", "edit", "acme", "--touch-every", "30")
    recip("give", "acme", "--date", "2026-11-01")  # in touch again on 2026-12-01
    recip("got", "harbor", "--date", "2026-11-10")  # you owe Harbor; a thank-you is due
    recip("partner", "edit", "joe", "--touch-every", "14")  # never in touch: due now
    recip("config", "workdays", "mon-fri")


def test_each_workday_says_whom_to_refer_with_phone_and_a_morning_alarm(recip, shop):
    found = events(recip("calendar").stdout)
    refer = {uid: e for uid, e in found.items() if uid.startswith("refer-")}
    days = sorted(e["start"] for e in refer.values())
    assert days[0] == dt.date(2026, 11, 23) and len(days) == 10  # 14 days, weekends skipped
    assert all(day.weekday() < 5 for day in days)
    monday = refer["refer-20261123@reciprocity-cli"]
    assert monday["title"] == "Refer 1 partner today: Harbor View Hotel (555 0200)"
    assert "Harbor View Hotel: they sent you 1, you sent none, phone 555 0200" in monday["details"]
    assert monday["end"] == dt.date(2026, 11, 24)  # all day: ends the next day
    assert monday["alarms"] == [("DISPLAY", dt.timedelta(hours=9))]
    assert isinstance(monday["start"], dt.date) and not isinstance(monday["start"], dt.datetime)


def test_thank_yous_and_stay_in_touch_fall_on_their_days(recip, shop):
    found = events(recip("calendar", "--days", "30").stdout)
    joe, harbor, acme = 1, 2, 3  # the partners fixture adds them in this order
    thanks = found[f"thanks-{harbor}-20261110@reciprocity-cli"]
    assert (thanks["start"], thanks["title"]) == (
        dt.date(2026, 11, 23),
        "Thank Harbor View Hotel for 1 referral",
    )
    touch = found[f"touch-{acme}-20261201@reciprocity-cli"]
    assert (touch["start"], touch["title"]) == (
        dt.date(2026, 12, 1),
        "Get in touch with Acme Roofing",
    )
    first = found[f"touch-{joe}-first@reciprocity-cli"]
    assert (first["start"], first["title"]) == (
        dt.date(2026, 11, 23),
        "Get in touch with Joe's Plumbing (555 0100)",
    )
    # Beyond --days: not in the file.
    assert len(events(recip("calendar", "--days", "7").stdout)) == 5 + 2  # refer x5, thanks, joe


def test_exporting_again_keeps_every_uid_and_only_restamps(recip, shop, monkeypatch):
    first = events(recip("calendar").stdout)
    monkeypatch.setenv("RECIP_TODAY", "2026-11-24")  # the next day, after a new referral
    recip("give", "harbor", "--date", "2026-11-24")
    second = events(recip("calendar").stdout)
    shared = set(first) & set(second)
    assert "refer-20261125@reciprocity-cli" in shared
    harbor = 2  # the partners fixture's second
    # An overdue thank-you moves to the new today under the same UID: updated, not doubled.
    uid = f"thanks-{harbor}-20261110@reciprocity-cli"
    assert (first[uid]["start"], second[uid]["start"]) == (
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 24),
    )
    assert second["refer-20261124@reciprocity-cli"]["title"] == (
        "Done today: referred Harbor View Hotel"
    )
    for event in second.values():
        assert event["stamp"].tzinfo is not None and event["stamp"].utcoffset() == dt.timedelta(0)


def test_the_feed_asks_to_be_refreshed_twice_a_day(recip, shop):
    text = recip("calendar").stdout
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["version"]) == "2.0" and "recip" in str(calendar["prodid"])
    assert calendar["x-published-ttl"] == "PT12H"  # Outlook and Google read this one
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in text.splitlines()  # RFC 7986
    assert "DTSTAMP:" in text and all(
        line.endswith("Z") for line in text.splitlines() if line.startswith("DTSTAMP:")
    )


@pytest.mark.skipif(RECIP is None, reason="the recip entry point is not installed")
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Auckland"])
def test_all_day_events_are_the_local_date_west_and_east_of_utc(recip, shop, zone, tmp_path):
    env = {**os.environ, "TZ": zone}
    for name in ("RECIP_TODAY", "RECIP_DEBUG"):
        env.pop(name, None)
    out = tmp_path / "recip.ics"
    before = dt.datetime.now(ZoneInfo(zone)).date()
    result = subprocess.run(
        [RECIP, "calendar", "--days", "2", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    after = dt.datetime.now(ZoneInfo(zone)).date()
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    found = events(text)
    starts = {e["start"] for uid, e in found.items() if uid.startswith("thanks-")}
    assert starts in ({before}, {after})  # the zone's own date, whatever UTC's is
    assert f"DTSTART;VALUE=DATE:{min(starts):%Y%m%d}" in text.splitlines()


@pytest.mark.parametrize("days", ["0", "-1", "367", "abc", "1e3", "99999999999"])
def test_bad_days_are_one_line(recip, shop, days):
    assert "is not a number of days from 1 to 366" in recip.fails(
        "calendar", f"--days={days}", code=2
    )


def test_no_partners_is_an_empty_calendar_that_still_parses(recip):
    text = recip("calendar").stdout
    assert events(text) == {}
    assert text.startswith("BEGIN:VCALENDAR") and text.rstrip().endswith("END:VCALENDAR")


def test_output_file_is_written_and_an_unwritable_one_is_one_line(recip, shop, tmp_path):
    path = tmp_path / "recip.ics"
    said = recip("calendar", "--output", str(path)).stdout
    assert said.startswith(f"Wrote {path} (")
    assert events(path.read_text())
    assert str(tmp_path / "missing" / "x.ics") in recip.fails(
        "calendar", "--output", str(tmp_path / "missing" / "x.ics")
    )
