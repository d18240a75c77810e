"""today, who, thank and touch through the CLI. Today is Monday 2026-11-23 (conftest)."""

import pytest

from tests.helpers import table_dump


@pytest.fixture
def shop(recip):
    """A history where every ordering rule decides once."""
    add = lambda name, *more: recip("partner", "add", name, "--force", *more)  # noqa: E731
    add("Alpha Plumbing", "--does", "plumbing", "--phone", "555 0001")
    add("Bravo Hotel", "--does", "hotel rooms")
    add("Charlie Cakes")
    add("Delta Dental")
    add("Echo Electric")
    add("Foxtrot Flowers")
    add("Golf Gardens")
    add("Hotel Today")
    add("India Ink")
    # Alpha: you owe, net +3. Bravo: you owe, net +1.
    recip("give", "alpha", "--date", "2026-10-01")
    for day in ("2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"):
        recip("got", "alpha", "--date", day)
    recip("got", "bravo", "--date", "2026-11-01")
    # Delta: given 40 days ago; Echo: given 10 days ago (both they owe).
    recip("give", "delta", "--date", "40d")
    recip("give", "echo", "--date", "10d")
    # Hotel Today: given today, so it is not suggested again. India: archived.
    recip("give", "hotel today")
    recip("give", "india", "--date", "5d")
    recip("partner", "archive", "india")


def test_pick_order_follows_every_rule(recip, shop):
    recip("config", "daily_goal", "4")
    today = recip.json("today")
    assert [p["partner"] for p in today["picks"]] == [
        "Alpha Plumbing",  # you owe, net +3
        "Bravo Hotel",  # you owe, net +1
        "Charlie Cakes",  # never referred, by name
        "Foxtrot Flowers",
    ]
    assert [p["partner"] for p in today["alternates"]] == [
        "Golf Gardens",  # never referred
        "Delta Dental",  # 40 days
        "Echo Electric",  # 10 days
    ]
    reasons = {p["partner"]: p["reason"] for p in today["picks"] + today["alternates"]}
    assert reasons["Alpha Plumbing"] == "they sent you 4, you sent 1"
    assert reasons["Bravo Hotel"] == "they sent you 1, you sent none"
    assert reasons["Charlie Cakes"] == "never referred"
    assert reasons["Delta Dental"] == "no referral from you in 40 days"
    assert today["picks"][0]["phone"] == "555 0001" and today["picks"][0]["does"] == "plumbing"


def test_today_json_and_the_day_being_done(recip, shop):
    today = recip.json("today")
    assert {k: today[k] for k in ("date", "goal", "given_today", "done", "streak")} == {
        "date": "2026-11-23",
        "goal": 1,
        "given_today": 1,
        "done": True,
        "streak": 1,
    }
    assert [p["partner"] for p in today["picks"]] == ["Alpha Plumbing"]
    assert len(today["alternates"]) == 3
    assert today["given_to"] == ["Hotel Today"]
    recip("config", "daily_goal", "2")
    today = recip.json("today")
    assert (today["done"], today["streak"]) == (False, 0)


def test_today_screen(recip, shop):
    recip("config", "daily_goal", "2")
    screen = recip("today").stdout
    assert "Mon 2026-11-23 - refer 2 partners today" in screen
    assert "[✓] 1. Referred Hotel Today" in screen
    assert "[ ] 2. Alpha Plumbing - they sent you 4, you sent 1" in screen
    assert "plumbing · 555 0001" in screen
    assert "Not done yet" in screen and "streak 0 days" in screen
    assert "This week: Tue" in screen
    assert recip().stdout == screen  # plain recip is the same checklist


def test_today_as_it_was_on_another_day(recip, shop):
    day = recip.json("today", "--date", "2026-10-04")
    assert day["date"] == "2026-10-04" and day["given_today"] == 0
    assert day["picks"][0]["reason"] == "they sent you 3, you sent 1"
    assert "is not a real date" in recip.fails("today", "--date", "2026-13-01")


def test_streak_through_the_cli_with_workdays(recip):
    recip("partner", "add", "Joe")
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):  # Wed, Thu, Fri
        recip("give", "joe", "--date", day)
    assert recip.json("today")["streak"] == 0  # the empty weekend broke it
    recip("config", "workdays", "mon-fri")
    today = recip.json("today")
    assert (today["streak"], today["best_streak"], today["done"]) == (3, 3, False)
    assert [m["mark"] for m in today["week"]] == [
        "before_start",  # Tue 17: nothing recorded yet, so not missed
        "met",
        "met",
        "met",
        "off",
        "off",
        "pending",
    ]
    recip("give", "joe")
    assert recip.json("today")["streak"] == 4


def test_days_before_anything_was_recorded_are_not_missed(recip):
    """A database made minutes ago: the week before it shows no failures, and the rules
    for the streak and strength are not changed by the picture."""
    recip("partner", "add", "Joe")
    fresh = recip.json("today")
    assert [m["mark"] for m in fresh["week"]] == ["before_start"] * 6 + ["pending"]
    week = next(line for line in recip("today").stdout.splitlines() if "This week" in line)
    assert "✗" not in week and week.count("·") == 7
    # The first entry of any kind starts the judging: a meeting on Thursday 19.
    recip("touch", "joe", "--kind", "meeting", "--date", "2026-11-19")
    today = recip.json("today")
    assert [m["mark"] for m in today["week"]] == [
        *["before_start"] * 2,  # Tue 17, Wed 18
        *["missed"] * 4,  # Thu 19 to Sun 22: recip was in use, and nothing was given
        "pending",
    ]
    assert (today["streak"], today["habit"]) == (0, fresh["habit"])
    # A referral dated before the week judges the whole week.
    recip("got", "joe", "--date", "2026-11-02")
    marks = [m["mark"] for m in recip.json("today")["week"]]
    assert marks == ["missed"] * 6 + ["pending"]


def test_thanks_due_and_thank_marks_the_oldest_unthanked(recip, shop):
    due = recip.json("today")["thanks_due"]
    assert [(d["partner"], d["referrals"]) for d in due] == [
        ("Alpha Plumbing", 4),
        ("Bravo Hotel", 1),
    ]
    out = recip("thank", "alpha").stdout
    assert out.strip() == (
        "Recorded t1: a thank-you for Alpha Plumbing on 2026-11-23; #2 (2026-10-02) is thanked."
    )
    thanked = {e["id"]: e["thanked_on"] for e in recip.json("log", "--partner", "alpha")}
    assert thanked == {1: None, 2: "2026-11-23", 3: None, 4: None, 5: None}
    recip("thank", "alpha", "--for", "4", "--gift", "wine", "--cost", "25")
    thanked = {e["id"]: e["thanked_on"] for e in recip.json("log", "--partner", "alpha")}
    assert thanked[4] == "2026-11-23" and thanked[3] is None
    [alpha] = [d for d in recip.json("today")["thanks_due"] if d["partner"] == "Alpha Plumbing"]
    assert (alpha["referrals"], alpha["oldest"]) == (2, "2026-10-03")  # #3 and #5 remain
    shown = recip.json("partner", "show", "alpha")
    assert [(t["kind"], t["note"], t["cost"]) for t in shown["touches"]] == [
        ("gift", "wine", 25),
        ("thanks", None, None),
    ]


def test_thank_rejects_the_wrong_referral(recip, shop):
    assert "is not a referral you got from Bravo Hotel" in recip.fails(
        "thank", "bravo", "--for", "1"
    )
    assert "is not a referral you got from Alpha Plumbing" in recip.fails(
        "thank", "alpha", "--for", "99"
    )
    assert "is negative" in recip.fails("thank", "alpha", "--cost", "-3")


def test_thank_with_nothing_waiting_wants_force_outside_a_terminal(recip, shop, db_path):
    before = table_dump(db_path)
    assert recip.fails("thank", "charlie") == (
        "Error: Nothing from Charlie Cakes is waiting for a thank-you; "
        "add --force to record one anyway."
    )
    assert table_dump(db_path) == before
    out = recip("thank", "charlie", "--force").stdout
    assert out.strip() == (
        "Recorded t1: a thank-you for Charlie Cakes on 2026-11-23 "
        "(no referral from them was waiting for thanks)."
    )


def test_thanks_only_for_referrals_that_had_arrived(recip, joe):
    recip("got", "joe", "--date", "2026-11-03")
    recip("thank", "joe", "--date", "2026-11-01", "--force")
    assert [e["thanked_on"] for e in recip.json("log", "--direction", "got")] == [None]
    out = recip("thank", "joe", "--date", "2026-11-04").stdout
    assert "#2 (2026-11-03) is thanked" in out
    assert "already thanked on 2026-11-04" in recip.fails("thank", "joe", "--for", "2")


def test_thanks_due_on_a_past_day_is_as_it_stood_then(recip, joe):
    """today --date shows the thank-yous due that day: those received later were not due
    yet, those thanked later still were (the database's tally holds today's, revision 0011)."""
    recip("partner", "add", "Harbor View Hotel")
    for day in ("2026-11-01", "2026-11-05", "2026-11-10"):
        recip("got", "joe", "--date", day)
    recip("got", "harbor", "--date", "2026-11-12")
    recip("thank", "joe", "--date", "2026-11-08")  # the one of 11-01
    recip("thank", "joe", "--date", "2026-11-20")  # the one of 11-05

    def due(*day: str) -> list[tuple]:
        found = recip.json("today", *(("--date", *day) if day else ()))["thanks_due"]
        return [(d["partner"], d["referrals"], d["oldest"]) for d in found]

    assert due("2026-10-31") == []
    assert due("2026-11-06") == [("Joe's Plumbing", 2, "2026-11-01")]
    assert due("2026-11-11") == [("Joe's Plumbing", 2, "2026-11-05")]
    assert (
        due()
        == due("2026-11-21")
        == [
            ("Joe's Plumbing", 1, "2026-11-10"),
            ("Harbor View Hotel", 1, "2026-11-12"),
        ]
    )


def test_touch_records_and_resets_the_interval(recip):
    recip("partner", "add", "Joe", "--touch-every", "30", "--phone", "555 0100")
    recip("give", "joe", "--date", "2026-10-01")
    [due] = recip.json("today")["touch_due"]
    assert (due["partner"], due["every"], due["last"]) == ("Joe", 30, "2026-10-01")
    out = recip("touch", "joe", "--kind", "meeting", "--note", "coffee").stdout
    assert out.strip() == "Recorded t1: a meeting with Joe on 2026-11-23."
    assert recip.json("today")["touch_due"] == []
    assert "is not one of: thanks, gift, meeting, promo" in recip.fails(
        "touch", "joe", "--kind", "party"
    )
    assert "Missing option" in recip.fails("touch", "joe", code=2)


@pytest.mark.parametrize(
    "command", [("thank", "joe", "--gift", "wine", "--force"), ("touch", "joe", "--kind", "promo")]
)
def test_costs_are_read_like_values(recip, joe, db_path, command):
    recip(*command, "--cost", "$12")
    recip(*command, "--cost", "1.234,50 EUR")
    costs = [t["cost"] for t in recip.json("partner", "show", "joe")["touches"]]
    assert sorted(costs) == [12, 1234.5]
    recip("config", "currency", "USD")
    before = table_dump(db_path)
    assert "could be 1.2 or 1200" in recip.fails(*command, "--cost", "1.200")
    line = recip.fails(*command, "--cost", "€12")
    assert line == (
        'Error: --cost "€12" is in €, but this database keeps amounts in USD '
        "(recip config currency); convert it to USD first."
    )
    assert table_dump(db_path) == before


def test_who_ranks_you_owe_first_then_longest_since(recip):
    recip("partner", "add", "Pipe Pros", "--does", "plumbing, drains")
    recip("partner", "add", "Plumb Perfect", "--does", "Plumbing and heating")
    recip("partner", "add", "Quick Plumbing", "--tag", "trades")
    recip("partner", "add", "Old Plumbing Co", "--does", "plumbing")
    recip("partner", "add", "Café Crème", "--does", "coffee, CAKES")
    recip("give", "pipe", "--date", "30d")
    recip("give", "quick", "--date", "2d")
    recip("got", "plumb perfect")
    recip("partner", "archive", "old plumbing")
    ranked = [m["partner"] for m in recip.json("who", "plumbing")]
    assert ranked == ["Plumb Perfect", "Pipe Pros", "Quick Plumbing"]
    assert [m["partner"] for m in recip.json("who", "PLUMBING", "heating")] == ["Plumb Perfect"]
    assert [m["partner"] for m in recip.json("who", "café", "cakes")] == ["Café Crème"]
    assert [m["partner"] for m in recip.json("who", "trades")] == ["Quick Plumbing"]
    screen = recip("who", "plumbing").stdout
    assert screen.index("Plumb Perfect") < screen.index("Pipe Pros")
    assert recip.json("who", "pizza") == []  # nobody does it (the screen shows the closest)


@pytest.fixture
def trades(recip):
    """Partners whose words need folding to be found."""
    add = lambda name, *more: recip("partner", "add", name, "--force", *more)  # noqa: E731
    add("Joe's Plumbing", "--does", "emergency plumbing, boilers", "--phone", "555 0100")
    add("Bayside Roofing", "--does", "flat roofs, skylights", "--phone", "555 0400")
    add("Acme Roofing", "--does", "Roofers; gutters", "--phone", "555 0300")
    add("City Taxi", "--does", "taxi, airport runs", "--phone", "555 0500")
    add("Café Crème", "--does", "coffee, cakes", "--tag", "Catering")
    add("Harbor View Hotel", "--does", "rooms, weddings", "--kind", "networking")
    add("Watch Works", "--does", "watch repairs", "--note", "also does carwash vouchers")
    add("Old Roofs Ltd", "--does", "roofs")
    recip("partner", "archive", "old roofs")
    recip("got", "bayside")  # you owe Bayside: first among roofers


def found(recip, *words):
    return [m["partner"] for m in recip.json("who", *words)]


@pytest.mark.parametrize(
    ("words", "partners"),
    [
        (["plumber"], ["Joe's Plumbing"]),  # -er meets -ing
        (["plumbers"], ["Joe's Plumbing"]),
        (["roofer"], ["Bayside Roofing", "Acme Roofing"]),  # "roofs", and "Roofing" in a name
        (["roofs"], ["Bayside Roofing", "Acme Roofing"]),  # "Roofers" meets "roofs"
        (["taxis"], ["City Taxi"]),  # a plural finds the singular
        (["taxi"], ["City Taxi"]),
        (["TAXI", "Airport"], ["City Taxi"]),  # every word, any case
        (["plumb"], ["Joe's Plumbing"]),  # the start of a word
        (["cafe"], ["Café Crème"]),  # accents either way
        (["CAFÉ"], ["Café Crème"]),
        (["creme"], ["Café Crème"]),
        (["caterer"], ["Café Crème"]),  # a tag
        (["networking"], ["Harbor View Hotel"]),  # the kind
        (["wedding"], ["Harbor View Hotel"]),
        (["vouchers"], ["Watch Works"]),  # the notes
        (["joe's"], ["Joe's Plumbing"]),  # punctuation is not part of a word
        (["emergency-plumbing"], ["Joe's Plumbing"]),
        (["roof", "gutter"], ["Acme Roofing"]),
    ],
)
def test_who_folds_case_accents_and_endings(recip, trades, words, partners):
    assert found(recip, *words) == partners


@pytest.mark.parametrize(
    "words",
    [
        ["cab"],  # a synonym, not an ending: only the closest are offered
        ["water"],  # root "wat" must equal a root: not the start of "watch"
        ["wash"],  # inside "carwash", not at the start of a word
        ["lumbing"],
        ["roofs", "pizza"],  # every word must match
        ["old", "roofs"],  # archived partners are not suggested
    ],
)
def test_who_matches_whole_word_starts_only(recip, trades, words):
    assert found(recip, *words) == []


def test_who_shows_the_closest_when_nobody_does_it(recip, trades):
    result = recip("who", "cab")  # not an error: the exit code stays 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == 'No partner does "cab"; closest:'
    shown = [line.split("  ")[0].strip() for line in lines[4:] if line.strip()]
    assert len(shown) == 5 and "Café Crème" in shown and "Old Roofs Ltd" not in shown
    # Partly right beats wholly wrong: the roofer with gutters comes first.
    closest = recip("who", "roofs", "gutters", "pizza").stdout.splitlines()
    assert closest[0].strip() == 'No partner does "roofs gutters pizza"; closest:'
    assert closest[4].split()[:2] == ["Acme", "Roofing"]
    # A word held inside another is close: "wash" offers the one with a carwash.
    assert recip("who", "wash").stdout.splitlines()[4].split()[:2] == ["Watch", "Works"]


def test_who_with_nobody_to_offer(recip):
    assert recip("who", "roof").stdout.strip() == (
        'No active partner does "roof" or anything like it. See them all: recip partner list'
    )
    recip("partner", "add", "Zed", "--does", "zzz")
    recip("partner", "archive", "zed")
    assert "or anything like it" in recip("who", "roof").stdout
    assert recip.json("who", "roof") == []


@pytest.mark.parametrize("words", [["!!!"], ["  "], ["-", "/"], ["'"]])
def test_who_needs_a_word(recip, trades, words):
    line = recip.fails("who", "--", *words)
    assert line == "Error: Say what the customer needs, e.g. recip who roof or recip who hotel."


@pytest.mark.parametrize("day", ["9999-12-31", "3000-01-01"])
def test_a_day_past_the_calendar_is_one_line(recip, partners, monkeypatch, day):
    """Weeks and streaks count days on from the day asked: a day near the end of Python's
    calendar overflowed into the bug line. Dates end at 2999-12-31."""
    recip("give", "joe")
    assert "too far ahead; dates end at 2999-12-31" in recip.fails("today", "--date", day)
    monkeypatch.setenv("RECIP_TODAY", day)
    assert f'RECIP_TODAY="{day}" is outside 1900-01-01 to 2999-12-31' in recip.fails("today")
