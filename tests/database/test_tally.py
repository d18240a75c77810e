"""Per-partner tallies (revision 0008): after every kind of write they equal a full recount of
the referrals, on both engines; `db check` finds one that does not and `--repair` mends it;
all-time figures read from them match the same figures added up from every referral."""

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.migrations import HEAD
from tests.helpers import TODAY, add_old_friend, examples, make_database_at, sql

FIGURES = "referrals, won, lost, won_cents, last_date"
RECOUNT = (
    "SELECT partner_id, direction, count(*),"
    " sum(CASE WHEN status = 'won' THEN 1 ELSE 0 END),"
    " sum(CASE WHEN status = 'lost' THEN 1 ELSE 0 END),"
    " sum(CASE WHEN status = 'won' THEN coalesce(value_cents, 0) ELSE 0 END),"
    " max(date) FROM referral GROUP BY partner_id, direction"
)


def as_text(rows) -> dict:
    """(partner, direction) -> figures, as text so both engines' types compare alike."""
    return {(r[0], r[1]): tuple(str(v) for v in r[2:]) for r in rows}


def stored(db) -> dict:
    """The tallies, leaving out those with nothing left (their referrals all gone)."""
    rows = sql(db, f"SELECT partner_id, direction, {FIGURES} FROM partner_tally")
    return as_text(r for r in rows if r[2] != 0)


def lags_by_the_rule(db) -> dict:
    """DESIGN's lag, worked out here in Python: for each referral got, the days until the
    next referral given to that partner (same day: 0); how many got per (partner, lag)."""
    given, got = defaultdict(list), []
    for pid, direction, day in sql(db, "SELECT partner_id, direction, date FROM referral"):
        day = dt.date.fromisoformat(str(day))
        (given[pid].append(day) if direction == "given" else got.append((pid, day)))
    lags = Counter()
    for pid, day in got:
        back = [g for g in given[pid] if g >= day]
        if back:
            lags[(pid, (min(back) - day).days)] += 1
    return dict(lags)


def assert_tallies_add_up(db):
    assert stored(db) == as_text(sql(db, RECOUNT))
    kept = sql(db, "SELECT partner_id, lag_days, gots FROM partner_lag")
    assert {(pid, lag): n for pid, lag, n in kept} == lags_by_the_rule(db)
    # and a tally with nothing left holds nothing: no count, no value, no date
    leftover = (
        "SELECT count(*) FROM partner_tally WHERE referrals = 0"
        " AND (won <> 0 OR lost <> 0 OR won_cents <> 0 OR last_date IS NOT NULL)"
    )
    assert sql(db, leftover) == [(0,)]
    # Referrals given per day (revision 0010): none left, no row.
    days = "SELECT date, given FROM day_tally"
    given = "SELECT date, count(*) FROM referral WHERE direction = 'given' GROUP BY date"
    assert {str(day): n for day, n in sql(db, days)} == {str(day): n for day, n in sql(db, given)}
    # Referrals got and not thanked, per partner (revision 0011): none left, no row.
    kept = "SELECT partner_id, unthanked, oldest FROM thanks_tally"
    unthanked = (
        "SELECT partner_id, count(*), min(date) FROM referral"
        " WHERE direction = 'got' AND thanked_on IS NULL GROUP BY partner_id"
    )
    assert as_text(sql(db, kept)) == as_text(sql(db, unthanked))


@pytest.fixture
def partners(recip):
    recip("partner", "add", "Joe's Plumbing", "--phone", "555 0100")
    recip("partner", "add", "Harbor View Hotel", "--phone", "555 0200")
    recip("partner", "add", "Acme Roofing")


WRITES = [
    ("give", "joe", "-c", "Mrs. Patel", "--date", "2026-11-02"),
    ("got", "harbor", "-c", "the Lees", "--value", "$1,250.50", "--status", "won"),
    ("give", "joe", "-c", "Mr. Okafor", "--date", "2026-11-20", "--value", "300"),
    ("won", "3", "--value", "400"),
    ("lost", "1", "--note", "went elsewhere"),
    ("edit", "3", "--date", "2026-10-01"),  # the last date moves back to another referral
    ("edit", "2", "--partner", "acme"),  # from one partner's tally to another's
    ("edit", "1", "--direction", "got"),
    ("edit", "3", "--status", "open"),
    ("thank", "acme"),
    ("rm", "3", "--yes"),
    ("undo", "--yes"),  # the referral comes back
    ("undo", "--yes"),  # and the thank-you goes
    ("partner", "merge", "acme", "harbor", "--yes"),
    ("undo", "--yes"),  # the merge, taken back: both partners and their referrals again
    ("partner", "rm", "acme", "--force", "--yes"),
    ("undo", "--yes"),
]


def test_every_kind_of_write_keeps_the_tallies(recip, partners, db_path):
    for words in WRITES:
        recip(*words)
        assert_tallies_add_up(db_path)
    assert "tallies: ok" in recip("db", "check").stdout


def test_an_import_and_its_undo_keep_the_tallies(recip, partners, db_path, tmp_path):
    recip("give", "joe", "-c", "before the import")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    data = json.loads(backup.read_text())
    data["referrals"] = [
        dict(data["referrals"][0], id=None, customer=f"customer {n}", date=f"2026-10-{n:02d}")
        for n in range(1, 21)
    ]
    for row in data["referrals"]:
        row.pop("id")
    backup.write_text(json.dumps(data))
    recip("import", str(backup))
    assert_tallies_add_up(db_path)
    assert recip.json("balance")[0]["given"] == 21
    recip("undo", "--yes")
    assert_tallies_add_up(db_path)


@st.composite
def writes(draw):
    """A write any program could make with SQL: recip's triggers must keep up with it."""
    kind = draw(st.sampled_from(["insert", "insert", "update", "delete"]))
    day = draw(st.dates(min_value=dt.date(2025, 12, 1), max_value=dt.date(2026, 12, 31)))
    return (
        kind,
        draw(st.integers(1, 3)),
        draw(st.sampled_from(["given", "got"])),
        day.isoformat(),
        draw(st.sampled_from(["open", "won", "lost"])),
        draw(st.one_of(st.none(), st.integers(0, 10**9))),
        draw(st.integers(0, 30)),
    )


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(batch=st.lists(writes(), min_size=1, max_size=12))
def test_writes_made_with_plain_sql_keep_the_tallies(recip, partners, db_path, batch):
    for kind, partner, direction, day, status, value, pick in batch:
        ids = [r[0] for r in sql(db_path, "SELECT id FROM referral ORDER BY id")]
        if kind == "insert" or not ids:
            sql(
                db_path,
                "INSERT INTO referral (direction, partner_id, date, status, value_cents,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00')",
                direction,
                partner,
                day,
                status,
                value,
            )
        elif kind == "update":
            sql(
                db_path,
                "UPDATE referral SET direction = ?, partner_id = ?, date = ?, status = ?,"
                " value_cents = ? WHERE id = ?",
                direction,
                partner,
                day,
                status,
                value,
                ids[pick % len(ids)],
            )
        else:
            sql(db_path, "DELETE FROM referral WHERE id = ?", ids[pick % len(ids)])
    assert_tallies_add_up(db_path)


def test_db_check_names_a_wrong_tally_and_repair_adds_them_up_again(recip, partners, db_path):
    recip("give", "joe", "-c", "a")
    recip("give", "joe", "-c", "b", "--value", "10", "--status", "won")
    recip("got", "harbor", "-c", "c")
    # What only a change that bypassed recip's schema could do.
    sql(db_path, "UPDATE partner_tally SET referrals = 7 WHERE direction = 'given'")
    sql(db_path, "DELETE FROM partner_tally WHERE direction = 'got'")
    referrals = sql(db_path, "SELECT * FROM referral ORDER BY id")

    said = recip.fails("db", "check")
    assert said == (
        "Error: 3 figures of the tallies disagreed with the referrals (first: "
        '"Harbor View Hotel", got referrals: 0 stored, 1 counted). Add them up again '
        "with: recip db check --repair"
    )
    repaired = recip("db", "check", "--repair").stdout
    assert "tallies: repaired: 3 figures" in repaired
    assert recip("db", "check").stdout.endswith("tallies: ok\n")
    assert [(b["partner"], b["given"], b["got"]) for b in recip.json("balance")] == [
        ("Harbor View Hotel", 0, 1),
        ("Joe's Plumbing", 2, 0),
        ("Acme Roofing", 0, 0),
    ]
    assert sql(db_path, "SELECT * FROM referral ORDER BY id") == referrals
    assert recip.json("history")[0]["command"] != "db check"  # nothing of the user's changed


def test_all_time_figures_match_the_same_figures_added_up_from_every_referral(
    recip, partners, db_path
):
    """balance --until D reads the tallies and takes off what came after D; from the first
    day on (--since) it adds up every referral: the two must agree, for any D."""
    for words in [
        ("give", "joe", "--date", "2026-09-01", "--value", "100", "--status", "won"),
        ("give", "joe", "--date", "2026-10-15"),
        ("got", "joe", "--date", "2026-10-15", "--value", "50", "--status", "won"),
        ("got", "harbor", "--date", "2026-11-01"),
        ("give", "harbor", "--date", "2026-11-23", "--value", "75", "--status", "won"),
    ]:
        recip(*words)
    # A colleague one time zone ahead wrote one dated tomorrow (a backup keeps such rows).
    sql(
        db_path,
        "INSERT INTO referral (direction, partner_id, date, status, created_at, updated_at)"
        " VALUES ('given', 2, '2026-11-24', 'open', '2026-11-24 00:00:00',"
        " '2026-11-24 00:00:00')",
    )
    for until in [
        "2026-08-31",
        "2026-09-01",
        "2026-10-14",
        "2026-10-15",
        "2026-11-22",
        "2026-11-23",
        "2026-11-24",
    ]:
        for value in ([], ["--by-value"]):
            tallied = recip.json("balance", "--until", until, *value)
            counted = recip.json("balance", "--since", "2000-01-01", "--until", until, *value)
            assert tallied == counted, until
    # today reads up to today: the referral dated tomorrow is not Harbor View's last yet.
    harbor = next(b for b in recip.json("balance") if b["partner"] == "Harbor View Hotel")
    assert (harbor["given"], harbor["last_given"]) == (2, "2026-11-24")
    # who, like today, counts up to today: not yet the one dated tomorrow.
    [found] = recip.json("who", "harbor")
    assert (found["given"], found["last_given"]) == (1, "2026-11-23")
    # Nor is one dated tomorrow anyone's last exchange yet, for staying in touch.
    [(joe,)] = sql(db_path, "SELECT partner_id FROM referral WHERE date = '2026-09-01'")
    sql(
        db_path,
        "INSERT INTO referral (direction, partner_id, date, status, created_at, updated_at)"
        " VALUES ('got', ?, '2026-11-24', 'open', '2026-11-24 00:00:00',"
        " '2026-11-24 00:00:00')",
        joe,
    )
    recip("partner", "edit", "joe", "--touch-every", "30")
    [due] = recip.json("today")["touch_due"]
    assert (due["every"], due["last"]) == (30, "2026-10-15")


def test_db_check_names_a_wrong_day_and_repair_counts_it_again(recip, partners, db_path):
    """The referrals given per day (the habit's days) are checked and mended the same way."""
    recip("give", "joe", "-c", "a")
    recip("give", "harbor", "-c", "b")
    assert recip.json("today")["streak"] == 1
    sql(db_path, "DELETE FROM day_tally")  # what only a change that bypassed recip could do
    assert recip.json("today")["streak"] == 0
    said = recip.fails("db", "check")
    assert said == (
        "Error: 1 figure of the tallies disagreed with the referrals (first: given referrals "
        "on 2026-11-23: 0 stored, 2 counted). Add them up again with: recip db check --repair"
    )
    recip("db", "check", "--repair")
    assert recip("db", "check").stdout.endswith("tallies: ok\n")
    assert recip.json("today")["streak"] == 1


def test_db_check_names_a_wrong_thanks_tally_and_repair_counts_it_again(recip, partners, db_path):
    """The referrals got and not thanked (thank-yous due) are checked and mended the same way."""
    recip("got", "joe", "-c", "a", "--date", "2026-11-20")
    recip("got", "joe", "-c", "b")
    before = recip.json("today")["thanks_due"]
    assert [(d["partner"], d["referrals"], d["oldest"]) for d in before] == [
        ("Joe's Plumbing", 2, "2026-11-20")
    ]
    sql(db_path, "UPDATE thanks_tally SET unthanked = 5, oldest = '2026-11-23'")  # bypassing recip
    said = recip.fails("db", "check")
    assert said == (
        "Error: 2 figures of the tallies disagreed with the referrals (first: "
        '"Joe\'s Plumbing", got not thanked: 5 stored, 2 counted). Add them up again with: '
        "recip db check --repair"
    )
    recip("db", "check", "--repair")
    assert recip("db", "check").stdout.endswith("tallies: ok\n")
    assert recip.json("today")["thanks_due"] == before


@pytest.mark.sqlite_only  # a PostgreSQL column refuses a value of the wrong type itself
def test_a_tally_value_written_outside_recip_is_mended_not_a_file_to_restore(
    recip, partners, db_path
):
    """A tally is derived data: text in a count, or a day that is no date, is one more
    figure that disagrees, and --repair adds it up again from the referrals."""
    recip("give", "joe", "-c", "a")
    recip("got", "joe", "-c", "b", "--date", "2026-11-20")
    sql(db_path, "UPDATE partner_tally SET won_cents = 'x' WHERE direction = 'given'")
    sql(db_path, "UPDATE partner_lag SET gots = 'many'")
    sql(db_path, "INSERT INTO day_tally (date, given) VALUES ('someday', 2)")
    said = recip.fails("db", "check")
    assert said == (
        "Error: 3 figures of the tallies disagreed with the referrals (first: "
        '"Joe\'s Plumbing", given won_cents: x stored, 0 counted). Add them up again with: '
        "recip db check --repair"
    )
    assert "tallies: repaired: 3 figures" in recip("db", "check", "--repair").stdout
    assert recip("db", "check").stdout.endswith("tallies: ok\n")
    assert_tallies_add_up(db_path)


def test_an_older_database_gets_its_tallies_when_upgraded(recip, db_path):
    make_database_at(db_path, "0007")
    add_old_friend(db_path)
    for day, direction, status, value in [
        ("2025-03-04", "got", "won", 12345),
        ("2025-05-06", "given", "lost", None),
        ("2025-05-07", "given", "open", 500),
    ]:
        sql(
            db_path,
            "INSERT INTO referral (direction, partner_id, date, status, value_cents,"
            " created_at, updated_at) VALUES (?, 1, ?, ?, ?, '2025-03-04 00:00:00',"
            " '2025-03-04 00:00:00')",
            direction,
            day,
            status,
            value,
        )
    assert "tallies: ok" in recip("db", "check").stdout
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert stored(db_path) == {
        (1, "given"): ("2", "0", "1", "0", "2025-05-07"),
        (1, "got"): ("1", "1", "0", "12345", "2025-03-04"),
    }
    assert_tallies_add_up(db_path)


# One terminal: records referrals to the same partner as the others, dated all over the month,
# and takes every other one back (a delete that may remove the partner's last date).
WORKER = """
import sys
from reciprocity_cli.cli import app

def recip(*args):
    try:
        app(list(args), prog_name="recip")
    except SystemExit as exit:
        if exit.code:
            sys.exit(f"recip {' '.join(args)} exited {exit.code}")

n = int(sys.argv[1])
for day in range(1, 11):
    recip("give", "joe", "-c", f"{n}-{day}", "--date", f"2026-11-{(day * 7 + n) % 23 + 1:02d}")
    if day % 2 == 0:
        recip("undo", "--yes")
"""


def test_three_writers_of_one_partner_leave_its_tally_right(recip, partners, db_path):
    """Each trigger adds to the tally row under its lock: writes and deletes racing on one
    partner neither lose a count nor keep a stale last date."""
    env = {**os.environ, "RECIP_DB": str(db_path), "RECIP_TODAY": TODAY, "RECIP_DEBUG": "1"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(n)],
            env={**env, "RECIP_ME": f"worker {n}"},  # each undoes its own
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=300)
        assert worker.returncode == 0, errors
    assert_tallies_add_up(db_path)
    assert recip.json("balance")[0]["given"] == 15


def test_the_scorecard_reads_the_same_outcomes_from_the_tallies(recip, partners):
    for words in [
        ("give", "joe", "--value", "100", "--status", "won"),
        ("give", "joe", "--status", "lost"),
        ("got", "joe", "--value", "50.25", "--status", "won"),
        ("got", "harbor"),
        ("give", "harbor", "--status", "won"),
        ("got", "joe", "--date", "2026-10-01"),
        ("got", "joe", "--date", "2026-10-04"),
        ("give", "joe", "--date", "2026-10-09"),
        ("got", "acme", "--date", "2026-11-01"),
    ]:
        recip(*words)
    keys = ("partner", "given", "got", "given_won", "given_lost", "got_won", "got_lost", "lag_days")
    keys += ("value_given_won", "value_got_won", "given_win_rate", "got_win_rate")

    def outcomes(*period):
        return [{k: card[k] for k in keys} for card in recip.json("scorecard", *period)]

    tallied = outcomes()
    assert tallied == outcomes("--since", "2000-01-01")
    joe = next(card for card in tallied if card["partner"] == "Joe's Plumbing")
    assert (joe["given_won"], joe["given_lost"], joe["got_won"]) == (1, 1, 1)
    assert (joe["value_given_won"], joe["value_got_won"]) == (100, 50.25)
    assert joe["lag_days"] == 5  # 8, 5 and 0 days
    assert [c["lag_days"] for c in tallied if c["partner"] == "Acme Roofing"] == [None]


def test_statements_writing_many_rows_keep_the_tallies(recip, partners, db_path):
    """One statement, many rows (as an import or a merge writes): PostgreSQL runs a row's
    AFTER triggers only once every row is written, so the lags are kept BEFORE each row."""
    stamp = "'2026-01-01 00:00:00'"
    rows = [("given", 1, 0), ("given", 1, 0), ("given", 1, 2), ("got", 1, 0), ("got", 1, 1)]
    values = ", ".join(
        f"('{way}', {pid}, '2026-10-{day + 1:02d}', 'open', {stamp}, {stamp})"
        for way, pid, day in rows
    )
    sql(
        db_path,
        "INSERT INTO referral (direction, partner_id, date, status, created_at, updated_at)"
        f" VALUES {values}",
    )
    assert_tallies_add_up(db_path)
    assert recip.json("scorecard")[0]["lag_days"] == 0.5  # 0 and 1 days
    sql(db_path, "UPDATE referral SET partner_id = 2 WHERE partner_id = 1")
    assert_tallies_add_up(db_path)
    sql(db_path, "UPDATE referral SET date = '2026-10-05' WHERE direction = 'given'")
    assert_tallies_add_up(db_path)
    sql(db_path, "DELETE FROM referral WHERE date < '2026-10-05'")
    assert_tallies_add_up(db_path)
