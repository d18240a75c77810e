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
    # refer x5, thanks, joe; and follow-ups: the give to Acme (due), the got from Harbor.
    assert len(events(recip("calendar", "--days", "7").stdout)) == 5 + 2 + 2


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
    said = recip("calendar", "--output", str(path)).stderr
    assert said.startswith(f"Wrote {path} (") and "reminders from 2026-11-23, 14 days" in said
    assert events(path.read_text())
    assert str(tmp_path / "missing" / "x.ics") in recip.fails(
        "calendar", "--output", str(tmp_path / "missing" / "x.ics")
    )


def test_closed_days_get_no_refer_event(recip, shop):
    recip("off", "2026-11-24", "2026-11-26", "--note", "holiday")
    found = events(recip("calendar", "--days", "7").stdout)
    refer_days = sorted(e["start"] for uid, e in found.items() if uid.startswith("refer-"))
    assert refer_days == [dt.date(2026, 11, 23), dt.date(2026, 11, 27)]


def test_gifts_fall_due_from_the_last_gift(recip, shop):
    recip("partner", "edit", "harbor", "--gift-every", "30")
    recip("thank", "harbor", "--gift", "wine", "--date", "2026-11-10")
    recip("partner", "edit", "acme", "--gift-every", "90")  # never given one: due now
    found = events(recip("calendar", "--days", "30").stdout)
    harbor, acme = 2, 3  # the partners fixture's order
    gift = found[f"gift-{harbor}-20261210@reciprocity-cli"]
    assert (gift["start"], gift["title"]) == (
        dt.date(2026, 12, 10),
        "Send a gift to Harbor View Hotel (555 0200)",
    )
    first = found[f"gift-{acme}-first@reciprocity-cli"]
    assert (first["start"], first["title"]) == (
        dt.date(2026, 11, 23),
        "Send a gift to Acme Roofing",
    )
    assert "last gift 2026-11-10" in gift["details"] and "no gift yet" in first["details"]


def test_follow_ups_fall_on_the_day_a_referral_reaches_followup_days(recip, shop):
    recip("give", "joe", "--customer", "Mrs. Patel", "--date", "2026-11-20")  # #3: on 12-04
    recip("give", "harbor", "--date", "2026-11-22")  # #4: closed before it is due
    recip("won", "4")
    found = events(recip("calendar", "--days", "30").stdout)
    # The give to Acme of 11-01 reached 14 days on 11-15: due now, in the event for today.
    due = found["followups-due@reciprocity-cli"]
    assert (due["start"], due["title"]) == (
        dt.date(2026, 11, 23),
        "Ask Acme Roofing how the customer you sent on 2026-11-01 got on",  # no phone
    )
    assert "#1 Ask Acme Roofing" in due["details"] and "open 22 days" in due["details"]
    assert "recip won ID or recip lost ID" in due["details"]
    got = found["followup-2@reciprocity-cli"]
    assert (got["start"], got["title"]) == (
        dt.date(2026, 11, 24),
        "Did the customer Harbor View Hotel sent on 2026-11-10 book? (555 0200)",
    )
    patel = found["followup-3@reciprocity-cli"]
    assert (patel["start"], patel["title"]) == (
        dt.date(2026, 12, 4),
        "Ask Joe's Plumbing how it went with Mrs. Patel (555 0100)",
    )
    assert "followup-4@reciprocity-cli" not in found  # won: nothing to ask
    # The setting moves them: after 30 days, nothing is due yet and Acme's falls on 12-01.
    recip("config", "followup_days", "30")
    later = events(recip("calendar", "--days", "30").stdout)
    assert "followups-due@reciprocity-cli" not in later
    assert later["followup-1@reciprocity-cli"]["start"] == dt.date(2026, 12, 1)


def test_many_follow_ups_due_share_one_event_that_lists_the_oldest(recip, partners):
    for day in range(1, 26):
        recip("give", "joe", "--customer", f"Customer {day}", "--date", f"2026-10-{day:02d}")
    found = events(recip("calendar", "--days", "1").stdout)
    due = found["followups-due@reciprocity-cli"]
    assert due["title"] == (
        "Follow up on 25 referrals: Ask Joe's Plumbing how it went with Customer 1"
    )
    lines = due["details"].splitlines()
    assert lines[0] == "#1 Ask Joe's Plumbing how it went with Customer 1 (555 0100), open 53 days"
    assert lines[19].startswith("#20 ") and lines[20] == "and 5 more: see recip followup"
    assert [uid for uid in found if uid.startswith("followup")] == ["followups-due@reciprocity-cli"]
