"""What `today` and `report` add for closing the loop: follow-ups due, one-way partners and
the outcomes of the period. Today is Monday 2026-11-23 (conftest); followup_days is 14 and
quiet_days 60."""

import pytest

from tests.helpers import sql


@pytest.fixture
def loop(recip, partners):
    """Follow-ups due: #1 (34 days, Acme), #2 (22 days, Joe). Not yet: #3 (11 days).
    Acme is one-way: 4 given since 2026-09-24 (exactly 60 days ago), none back."""
    recip("give", "acme", "--date", "2026-10-20")
    recip("got", "joe", "--date", "2026-11-01", "--customer", "Mr. Diaz")
    recip("give", "joe", "--date", "2026-11-12", "--customer", "Ms. Chen")
    for day in ("2026-09-24", "2026-10-01", "2026-10-15"):
        recip("give", "acme", "--date", day, "--status", "won")
    recip("partner", "edit", "acme", "--phone", "555 0300")


def test_today_json_counts_follow_ups_and_names_the_oldest(recip, loop):
    today = recip.json("today")
    assert today["followups"]["due"] == 2
    assert today["followups"]["days"] == 14
    oldest = today["followups"]["oldest"]
    assert {k: oldest[k] for k in ("id", "date", "partner", "days_open", "phone")} == {
        "id": 1,
        "date": "2026-10-20",
        "partner": "Acme Roofing",
        "days_open": 34,
        "phone": "555 0300",
    }
    assert oldest["question"] == "Ask Acme Roofing how the customer you sent on 2026-10-20 got on"
    recip("config", "followup_days", "30")
    assert recip.json("today")["followups"]["due"] == 1
    recip("config", "followup_days", "35")
    assert recip.json("today")["followups"] == {"due": 0, "days": 35, "oldest": None}


def test_today_as_it_was_and_without_archived_partners(recip, loop):
    earlier = recip.json("today", "--date", "2026-11-10")["followups"]
    assert (earlier["due"], earlier["oldest"]["days_open"]) == (1, 21)  # Joe's was 9 days old
    recip("partner", "archive", "acme")
    today = recip.json("today")
    assert (today["followups"]["due"], today["followups"]["oldest"]["id"]) == (1, 2)
    assert today["one_way"] == []


def test_today_names_one_way_partners(recip, loop):
    assert recip.json("today")["one_way"] == [
        {
            "partner": "Acme Roofing",
            "unreturned": 4,
            "since": "2026-09-24",
            "phone": "555 0300",
            "advice": "4 sent since 2026-09-24, none back: "
            "talk to them, or send your customers elsewhere",
        }
    ]
    assert recip.json("today", "--date", "yesterday")["one_way"] == []  # 59 days then


def test_today_screen(recip, loop):
    lines = [line.rstrip() for line in recip("today").stdout.splitlines()]
    start = lines.index("Follow up: 2 open referrals are 14+ days old")
    assert lines[start + 1 : start + 3] == [
        "  Ask Acme Roofing how the customer you sent on 2026-10-20 got on (34 days) · 555 0300",
        "  (recip followup lists them all)",
    ]
    start = lines.index("One-way partners: talk to them, or send your customers elsewhere")
    assert lines[start + 1] == "  Acme Roofing: 4 sent since 2026-09-24, none back · 555 0300"


def test_today_screen_with_one_follow_up_and_none(recip, partners):
    recip("got", "harbor", "--date", "20d", "--customer", "the wedding party")
    out = recip("today").stdout
    assert "Follow up: 1 open referral is 14+ days old" in out
    assert "Did the wedding party from Harbor View Hotel book? (20 days) · 555 0200" in out
    assert "lists them all" not in out and "One-way" not in out
    recip("config", "followup_days", "21")
    assert "Follow up" not in recip("today").stdout
    assert recip.json("today")["one_way"] == []


@pytest.fixture
def closed(recip, loop, db_path):
    """Outcomes recorded last week (16-22 Nov), whatever the referral's own date."""
    recip("got", "harbor", "--date", "2026-08-01", "--value", "2400", "--status", "won")
    recip("give", "joe", "--date", "2026-09-01", "--value", "99.95", "--status", "lost")
    recip("give", "joe", "--date", "2026-11-17", "--value", "150.50", "--status", "won")
    recip("give", "harbor", "--date", "2026-11-18", "--status", "won", "--by", "sam")
    sql(db_path, "UPDATE referral SET closed_on = ? WHERE id IN (7, 8)", "2026-11-20")
    # Dated last week, but its outcome was recorded this week: not last week's.
    recip("got", "joe", "--date", "2026-11-16", "--status", "lost")
    sql(db_path, "UPDATE referral SET closed_on = ? WHERE id = 11", "2026-11-23")


def test_report_outcomes_are_by_the_day_they_were_recorded(recip, closed):
    outcomes = recip.json("report", "--week", "last")["outcomes"]
    assert outcomes == {
        "closed": 4,
        "given": {"won": 2, "lost": 1, "win_rate": pytest.approx(2 / 3), "value_won": 150.5},
        "got": {"won": 1, "lost": 0, "win_rate": 1.0, "value_won": 2400},
    }
    this_week = recip.json("report")["outcomes"]
    assert this_week["closed"] == 1 and this_week["got"]["lost"] == 1
    assert this_week["got"]["win_rate"] == 0.0 and this_week["given"]["win_rate"] is None
    assert recip.json("report", "--week", "last", "--by", "sam")["outcomes"]["closed"] == 1


def test_report_outcomes_and_one_way_in_every_format(recip, closed):
    recip("config", "currency", "EUR")
    screen = recip("report", "--week", "last").stdout
    assert "Closed this period\n" in screen
    assert "  • Given: 2 won, 1 lost (67% won), value won EUR 150.50\n" in screen
    assert "  • Got: 1 won, 0 lost (100% won), value won EUR 2,400\n" in screen
    assert "One-way partners: talk to them, or send your customers elsewhere" not in screen
    screen = recip("report").stdout  # Acme's run reaches 60 days today, not last Sunday
    assert "One-way partners: talk to them, or send your customers elsewhere\n" in screen
    assert "  • Acme Roofing: 4 sent since 2026-09-24, none back\n" in screen
    md = recip("report", "--format", "md").stdout
    assert "## Closed this period\n\n- Got: 0 won, 1 lost (0% won), value won EUR 0\n" in md
    assert "- Acme Roofing: 4 sent since 2026-09-24, none back\n" in md
    page = recip("report", "--format", "html").stdout
    assert "<h2>One-way partners: talk to them, or send your customers elsewhere</h2>" in page
    assert "<li>Got: 0 won, 1 lost (0% won), value won EUR 0</li>" in page
    report = recip.json("report")
    assert [o["partner"] for o in report["one_way"]] == ["Acme Roofing"]
    assert recip.json("report", "--week", "last")["one_way"] == []


def test_a_report_with_nothing_closed(recip, partners):
    recip("give", "joe")
    report = recip.json("report")
    assert report["outcomes"] == {
        "closed": 0,
        "given": {"won": 0, "lost": 0, "win_rate": None, "value_won": 0},
        "got": {"won": 0, "lost": 0, "win_rate": None, "value_won": 0},
    }
    assert report["one_way"] == []
    assert "Closed this period" not in recip("report").stdout
