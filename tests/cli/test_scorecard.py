"""`recip scorecard` and the same figures in `partner show`: every rule of DESIGN's "Closing
the loop" at its edges. Today is Monday 2026-11-23 (conftest); quiet_days is 60, so a run
that began on 2026-09-24 is exactly quiet_days old."""

import csv
import io
import json

import pytest

KEYS = (
    "partner",
    "given",
    "got",
    "given_won",
    "given_lost",
    "got_won",
    "got_lost",
    "given_win_rate",
    "got_win_rate",
    "value_given_won",
    "value_got_won",
    "lag_days",
    "unreturned",
    "one_way_since",
)


def add(recip, *names):
    for name in names:
        recip("partner", "add", name, "--force", "--phone", f"555 {len(name):04d}")


def cards(recip, *args) -> dict[str, dict]:
    return {row["partner"]: row for row in recip.json("scorecard", *args)}


def test_no_closed_referrals(recip, partners):
    recip("give", "joe", "--date", "2026-11-01", "--value", "100")
    recip("got", "joe", "--date", "2026-11-02")
    joe = cards(recip)["Joe's Plumbing"]
    assert {key: joe[key] for key in KEYS} == {
        "partner": "Joe's Plumbing",
        "given": 1,
        "got": 1,
        "given_won": 0,
        "given_lost": 0,
        "got_won": 0,
        "got_lost": 0,
        "given_win_rate": None,
        "got_win_rate": None,
        "value_given_won": 0,  # an open referral's value is not won
        "value_got_won": 0,
        "lag_days": None,  # the got on the 2nd was never returned
        "unreturned": 0,
        "one_way_since": None,
    }
    idle = cards(recip)["Acme Roofing"]
    assert (idle["given"], idle["got"], idle["lag_days"], idle["unreturned"]) == (0, 0, None, 0)


def test_win_rates_and_exact_values_both_ways(recip, partners):
    for value, status in (("0.10", "won"), ("0.20", "won"), ("999", "lost"), ("5", "open")):
        recip("give", "joe", "--date", "2026-10-01", "--value", value, "--status", status)
    recip("got", "joe", "--date", "2026-10-02", "--value", "1250.05", "--status", "won")
    recip("got", "joe", "--date", "2026-10-03", "--status", "lost")
    recip("got", "joe", "--date", "2026-10-04", "--status", "lost")
    joe = cards(recip)["Joe's Plumbing"]
    assert (joe["given_won"], joe["given_lost"], joe["got_won"], joe["got_lost"]) == (2, 1, 1, 2)
    assert joe["given_win_rate"] == pytest.approx(2 / 3)
    assert joe["got_win_rate"] == pytest.approx(1 / 3)
    assert (joe["value_given_won"], joe["value_got_won"]) == (0.3, 1250.05)  # not 0.30000000004
    row = next(csv.DictReader(io.StringIO(recip("scorecard", "--format", "csv").stdout)))
    assert (row["value_given_won"], row["value_got_won"]) == ("0.3", "1250.05")
    recip("config", "currency", "EUR")
    out = recip("scorecard").stdout
    assert "Scorecard, all time (values in EUR)" in out
    assert "1,250.05" in out and "67%" in out and "33%" in out


def test_lag_is_the_median_of_the_days_until_a_referral_goes_back(recip, partners):
    # Got on the 1st, given back the same day: 0. Got on the 2nd and 3rd, given back on
    # the 5th: 3 and 2. Got on the 10th, given back on the 20th: 10. Got on 1 Oct: not
    # returned, left out. Lags 0, 2, 3, 10: an even count, so the mean of 2 and 3.
    for day in ("2026-09-01", "2026-09-02", "2026-09-03", "2026-09-10", "2026-10-01"):
        recip("got", "joe", "--date", day)
    for day in ("2026-09-01", "2026-09-05", "2026-09-20"):
        recip("give", "joe", "--date", day)
    assert cards(recip)["Joe's Plumbing"]["lag_days"] == 2.5
    recip("give", "joe", "--date", "2026-10-08")  # the 1 Oct got returned after 7 days
    assert cards(recip)["Joe's Plumbing"]["lag_days"] == 3  # 0, 2, 3, 7, 10: the middle one
    assert "Lag" in recip("scorecard").stdout


def test_a_give_on_the_day_of_a_got_returns_it(recip, partners):
    recip("give", "harbor", "--date", "2026-11-02")
    recip("got", "harbor", "--date", "2026-11-02")
    harbor = cards(recip)["Harbor View Hotel"]
    assert (harbor["lag_days"], harbor["unreturned"], harbor["one_way_since"]) == (0, 0, None)


def test_a_partner_who_never_sent_one(recip, partners):
    for day in ("2026-09-24", "2026-10-01", "2026-10-15"):
        recip("give", "acme", "--date", day)
    acme = cards(recip)["Acme Roofing"]
    assert (acme["got"], acme["lag_days"], acme["unreturned"]) == (0, None, 3)
    assert (acme["one_way_since"], acme["one_way"]) == ("2026-09-24", True)


@pytest.mark.parametrize(
    ("gives", "quiet_days", "one_way"),
    [
        (("2026-09-24", "2026-10-01", "2026-10-15"), "60", True),  # 3, and exactly 60 days
        (("2026-09-24", "2026-10-01", "2026-10-15"), "61", False),  # a day short
        (("2026-09-24", "2026-10-01"), "60", False),  # only 2 unreturned
        (("2026-09-23", "2026-10-01", "2026-10-15", "2026-11-20"), "61", True),
    ],
)
def test_one_way_needs_three_unreturned_begun_quiet_days_ago(
    recip, partners, gives, quiet_days, one_way
):
    recip("config", "quiet_days", quiet_days)
    recip("got", "joe", "--date", "2026-06-01")
    recip("give", "joe", "--date", "2026-06-01")  # the same day as their last: returned
    for day in gives:
        recip("give", "joe", "--date", day)
    joe = cards(recip)["Joe's Plumbing"]
    assert (joe["unreturned"], joe["one_way_since"]) == (len(gives), gives[0])
    assert joe["one_way"] is one_way


def test_unreturned_counts_from_their_last_referral(recip, partners):
    for day in ("2026-07-01", "2026-07-02"):
        recip("give", "joe", "--date", day)
    recip("got", "joe", "--date", "2026-07-10")
    for day in ("2026-07-10", "2026-08-01", "2026-08-02"):
        recip("give", "joe", "--date", day)
    joe = cards(recip)["Joe's Plumbing"]
    assert (joe["unreturned"], joe["one_way_since"], joe["one_way"]) == (2, "2026-08-01", False)


@pytest.fixture
def mixed(recip, partners):
    """One-way: Acme (5 unreturned since 2026-07-01) and Bay (3 since 2026-09-01); you owe
    Harbor (net +2) and Joe (net +1); Dock is balanced; Old Mill idle."""
    add(recip, "Bay Cafe", "Dock Yard", "Old Mill")
    for day in ("2026-07-01", "2026-07-15", "2026-08-01", "2026-08-15", "2026-09-01"):
        recip("give", "acme", "--date", day)
    recip("got", "bay", "--date", "2026-05-01")
    for day in ("2026-09-01", "2026-09-02", "2026-09-03"):
        recip("give", "bay", "--date", day)
    recip("got", "harbor", "--date", "2026-11-01")
    recip("got", "harbor", "--date", "2026-11-02")
    recip("got", "joe", "--date", "2026-11-03")
    recip("got", "dock", "--date", "2026-11-04")
    recip("give", "dock", "--date", "2026-11-05")


def test_one_way_partners_first_then_as_balance_sorts(recip, mixed):
    rows = recip.json("scorecard")
    assert [row["partner"] for row in rows] == [
        "Acme Roofing",
        "Bay Cafe",
        "Harbor View Hotel",
        "Joe's Plumbing",
        "Dock Yard",
        "Old Mill",
    ]
    assert [row["one_way"] for row in rows] == [True, True, False, False, False, False]
    assert [row["status"] for row in rows[2:]] == ["you_owe", "you_owe", "balanced", "no_activity"]
    out = recip("scorecard").stdout
    assert "One-way partners: talk to them, or send your customers elsewhere" in out
    assert "• Acme Roofing: 5 sent since 2026-07-01, none back" in out


def test_period_kind_and_tag(recip, mixed):
    # Counts are of the period; the run is as it stood at the period's end.
    acme = cards(recip, "--since", "2026-08-01")["Acme Roofing"]
    assert (acme["given"], acme["unreturned"], acme["one_way_since"]) == (3, 5, "2026-07-01")
    acme = cards(recip, "--until", "2026-07-20")["Acme Roofing"]
    assert (acme["given"], acme["unreturned"], acme["one_way"]) == (2, 2, False)
    assert list(cards(recip, "--tag", "trades")) == ["Acme Roofing", "Joe's Plumbing"]
    assert list(cards(recip, "--kind", "networking")) == ["Harbor View Hotel"]
    assert "after --until" in recip.fails(
        "scorecard", "--since", "2026-11-01", "--until", "2026-10-01"
    )
    assert "is not one of" in recip.fails("scorecard", "--kind", "friends")
    assert "is not a date" in recip.fails("scorecard", "--since", "someday")


def test_archived_partners_with_activity_stay_but_are_not_one_way(recip, mixed):
    recip("partner", "archive", "acme")
    recip("partner", "archive", "old mill")
    found = cards(recip)
    assert "Old Mill" not in found
    assert (found["Acme Roofing"]["unreturned"], found["Acme Roofing"]["one_way"]) == (5, False)
    assert "Acme Roofing (archived)" in recip("scorecard").stdout


def test_every_format_and_output_file(recip, mixed, tmp_path):
    rows = list(csv.DictReader(io.StringIO(recip("scorecard", "--format", "csv").stdout)))
    assert tuple(rows[0])[: len(KEYS)] == KEYS and rows[0]["one_way"] == "true"
    md = recip("scorecard", "--format", "md").stdout
    assert md.splitlines()[0].startswith("| Partner | Given | Got | Given won |")
    assert "| yes |" in md and "True" not in md and "False" not in md  # words, as on the page
    recip("scorecard", "--output", str(tmp_path / "card.html"))
    page = (tmp_path / "card.html").read_text()
    assert page.startswith("<!doctype html>") and "Joe&#x27;s Plumbing" in page
    assert "Acme Roofing: 5 sent since 2026-07-01, none back: talk to them" in page
    recip("scorecard", "--output", str(tmp_path / "card.json"))
    assert json.loads((tmp_path / "card.json").read_text()) == recip.json("scorecard")
    recip("scorecard", "--output", str(tmp_path / "card.txt"))
    assert "Scorecard, all time" in (tmp_path / "card.txt").read_text()


def test_an_empty_database(recip):
    assert recip.json("scorecard") == []
    assert "No partners match" in recip("scorecard").stdout


def test_partner_show_has_the_same_figures(recip, mixed):
    recip("give", "harbor", "--date", "2026-11-04", "--value", "80", "--status", "won")
    shown = recip.json("partner", "show", "harbor")["scorecard"]
    listed = cards(recip)["Harbor View Hotel"]
    assert shown == {key: listed[key] for key in shown}
    assert set(KEYS) - {"partner"} <= set(shown)
    assert (shown["lag_days"], shown["given_win_rate"], shown["value_given_won"]) == (2.5, 1, 80)
    out = recip("partner", "show", "harbor").stdout
    assert "given: 1 won, 0 lost (100% won), value won 80; got: none closed" in out
    assert "you return a referral in 2.5 days (median); 1 sent since 2026-11-04, none back" in out
    acme = recip("partner", "show", "acme").stdout
    assert "they have sent none; 5 sent since 2026-07-01, none back - one-way" in acme
