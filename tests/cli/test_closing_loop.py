"""What `today` adds for closing the loop: follow-ups due and one-way partners. Today is
Monday 2026-11-23 (conftest); followup_days is 14 and quiet_days 60."""

import pytest


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
