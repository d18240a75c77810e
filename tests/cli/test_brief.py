"""`recip today --brief`: one line from the same Today as the full screen, and the fast path
(entry.py through brief_cache.py) that answers a prompt without Typer, never with a line
made stale by a write. Today is Monday 2026-11-23 (conftest)."""

import subprocess
import sys

import pytest

from reciprocity_cli import brief_cache
from tests.helpers import ON_POSTGRES, sql


def brief(recip, *args) -> str:
    out = recip("today", "--brief", *args).stdout
    assert out.endswith("\n") and out.count("\n") == 1
    return out.rstrip("\n")


def fast() -> str | None:
    """What entry.py would print for `recip today --brief` without starting the app."""
    return brief_cache.fast_line(["today", "--brief"])


def test_no_partners(recip):
    assert brief(recip) == "no partner to refer yet: recip partner add NAME | streak 0"


def test_no_history_and_a_partner_without_a_phone(recip, partners):
    # All never referred: by name, Acme Roofing first, which has no phone.
    assert brief(recip) == "refer Acme Roofing | streak 0"
    assert recip.json("today")["picks"][0] == {
        "partner": "Acme Roofing",
        "reason": "never referred",
        "phone": None,
        "does": "roofs, gutters",
    }


def test_a_pick_with_a_phone_and_what_is_due(recip, partners):
    recip("got", "harbor", "--date", "2d")
    recip("give", "acme", "--date", "yesterday")
    recip("partner", "edit", "joe", "--gift-every", "30", "--touch-every", "10")
    assert brief(recip) == (
        "refer Harbor View Hotel 555 0200 | streak 1 | due: 1 thank-you, 1 gift, 1 to contact"
    )
    today = recip.json("today")
    assert (today["picks"][0]["partner"], today["picks"][0]["phone"]) == (
        "Harbor View Hotel",
        "555 0200",
    )


def test_done_today(recip, partners):
    recip("give", "joe", "--date", "yesterday")
    recip("give", "harbor")
    assert brief(recip) == "done today | streak 2"
    recip("config", "daily_goal", "2")  # from today: yesterday still met its goal of 1
    assert brief(recip) == "refer Acme Roofing | streak 1"  # one more to go
    recip("config", "daily_goal", "3")
    assert brief(recip) == "refer Acme Roofing +1 more | streak 1"
    recip("give", "acme")
    recip("give", "joe")
    assert brief(recip) == "done today (3/3) | streak 2"


def test_no_partner_left_to_suggest(recip, joe):
    recip("config", "daily_goal", "2")
    assert brief(recip) == "1/2 today, no partner left to suggest | streak 0"


def test_a_long_name_and_phone_still_fit_on_one_line(recip):
    name = "Ünïcode " + "Very Long Partner Name " * 4
    recip("partner", "add", name[:100], "--phone", "+44 (0)20 7946 0000 ext. 12345 ask for Joe")
    recip("partner", "add", "Bidi \u202eenoD", "--gift-every", "5")  # would read "Bidi Done"
    recip("got", "bidi", "--date", "3d")
    recip("partner", "edit", "ünïcode", "--touch-every", "1")
    line = brief(recip)
    assert len(line) < 100 and "\u202e" not in line
    assert line == "refer Bidi \\u202eenoD | streak 0 | due: 1 thank-you, 1 gift, 1 to contact"
    recip("partner", "archive", "Bidi \u202eenoD")
    line = brief(recip)
    assert line.startswith("refer Ünïcode Very Long Partner...") and len(line) < 100


def test_brief_and_json_are_two_outputs(recip):
    assert "choose one" in recip.fails("today", "--brief", "--json", code=2)


def test_another_day(recip, partners):
    recip("give", "joe", "--date", "2026-11-20")
    assert brief(recip, "--date", "2026-11-20") == "done today | streak 1"


# --- the fast path --------------------------------------------------------------------------

# Every kind of write, each after the set-up in `shop` below. A new kind of write is a line.
WRITES = {
    "give": [["give", "harbor"]],
    "got": [["got", "acme"]],
    "edit": [["edit", "1", "--partner", "acme"]],
    "rm": [["rm", "1", "--yes"]],
    "undo": [["undo", "--yes"]],
    "thank": [["thank", "joe"]],
    "thank-gift": [["thank", "joe", "--gift", "wine"]],
    "touch": [["touch", "harbor", "--kind", "gift"]],
    "partner-add": [["partner", "add", "Aardvark Accounting", "--phone", "555 0001"]],
    "partner-edit": [["partner", "edit", "harbor", "--phone", "555 9999"]],
    "partner-gift-every": [["partner", "edit", "acme", "--gift-every", "30"]],
    "partner-archive": [["partner", "archive", "harbor"]],
    "partner-rename": [["partner", "rename", "harbor", "Harbour Hotel"]],
    "partner-merge": [["partner", "merge", "acme", "harbor", "--yes"]],
    "config": [["config", "daily_goal", "2"]],
    "config-workdays": [["config", "workdays", "tue-sun"]],
    "off": [["off", "2026-11-20"]],
    "off-remove": [["off", "2026-11-22"], ["today", "--brief"], ["off", "--remove", "2026-11-22"]],
}


@pytest.fixture
def shop(recip, partners):
    recip("got", "joe", "--date", "2026-11-20")
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        recip("give", "harbor", "--date", day)


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
@pytest.mark.parametrize("write", list(WRITES))
def test_the_fast_line_is_the_full_line_and_never_outlives_a_write(recip, shop, write):
    before = brief(recip)  # the full path, which stores the line
    assert fast() == before  # ... and a prompt now gets it without the app
    for command in WRITES[write]:
        recip(*command)
    assert fast() is None  # the write left no answer standing
    after = brief(recip)
    assert fast() == after
    # The same picks and streak as the full checklist.
    today = recip.json("today")
    if not today["done"]:
        assert after.startswith(f"refer {today['picks'][0]['partner']}")
    assert f"| streak {today['streak']}" in after


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_an_import_is_a_write_too(recip, shop, tmp_path):
    backup = tmp_path / "other.json"
    (tmp_path / "other.json").write_text(
        '{"format": "recip-backup", "version": 1, "referrals": [{"date": "2026-11-23", '
        '"direction": "given", "partner": "Acme Roofing"}]}'
    )
    before = brief(recip)
    recip("import", str(backup))
    assert fast() is None
    assert brief(recip) != before and fast() == brief(recip)


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_a_write_from_outside_recip_is_noticed(recip, shop, db_path):
    brief(recip)
    assert fast() is not None
    sql(db_path, "UPDATE setting SET value = value WHERE key = 'nothing'")  # no change at all
    sql(db_path, "INSERT INTO setting (key, value) VALUES ('daily_goal', '3')")
    assert fast() is None
    assert brief(recip).startswith("refer Joe's Plumbing 555 0100 +2 more")


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_across_midnight(recip, shop, monkeypatch):
    line = "refer Joe's Plumbing 555 0100 | streak 3 | due: 1 thank-you"
    assert brief(recip) == fast() == line
    monkeypatch.setenv("RECIP_TODAY", "2026-11-24")
    assert fast() is None  # a new day: yesterday's answer does not hold
    line = "refer Joe's Plumbing 555 0100 | streak 0 | due: 1 thank-you"  # Monday missed
    assert brief(recip) == fast() == line
    monkeypatch.setenv("RECIP_TODAY", "2026-13-01")
    assert fast() is None  # the full path says what is wrong with it
    assert "RECIP_TODAY" in recip.fails("today", "--brief")


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_a_line_read_before_a_write_is_never_stored_for_after_it(recip, shop, db_path):
    """The full path takes its key before it reads; a write committed in between renews
    the stamp, so whatever it stores then is never answered."""
    brief(recip)
    key = brief_cache.begin(db_path, "2026-11-23", wanted=True)
    recip("give", "acme")  # lands between the read and the store
    brief_cache.store(db_path, key, "stale")
    assert fast() is None


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_other_commands_and_databases_take_the_full_path(recip, shop, db_path, tmp_path):
    brief(recip)
    assert fast() is not None
    for args in (
        ["today"],
        ["today", "--brief", "--date", "today"],
        ["--db", "", "today", "--brief"],
        ["today", "--brief", "extra"],
    ):
        assert brief_cache.fast_line(args) is None
    assert brief_cache.fast_line(["--db", str(db_path), "today", "--brief"]) == fast()
    assert brief_cache.fast_line([f"--db={db_path}", "today", "--brief"]) == fast()
    assert brief_cache.fast_line(["--db", str(tmp_path / "none.db"), "today", "--brief"]) is None


def test_plain_today_keeps_nothing_until_brief_is_used(recip, shop, tmp_path):
    recip("today")
    assert fast() is None
    cache = tmp_path / "home" / "cache" / "reciprocity-cli"
    assert not cache.exists() or not list(cache.glob("brief-*"))
    if ON_POSTGRES:
        brief(recip)
        assert fast() is None  # a server database: always the full path
        assert not cache.exists() or not list(cache.glob("brief-*"))
        return
    line = brief(recip)
    recip("give", "acme")
    recip("today")  # once --brief is in use, the full today keeps it up to date too
    assert fast() == brief(recip) != line
    files = sorted(path.suffix for path in cache.glob("brief-*"))
    assert files == [".stamp", ".txt"]
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in cache.glob("brief-*"))


@pytest.mark.skipif(ON_POSTGRES, reason="the fast path keeps SQLite files only")
def test_the_entry_point_answers_without_typer_or_sqlalchemy(recip, shop):
    line = brief(recip)
    probe = (
        "import sys; sys.argv = ['recip', 'today', '--brief']\n"
        "from reciprocity_cli.entry import main; main()\n"
        "print(sorted(m for m in ('typer', 'sqlalchemy', 'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == f"{line}\n[]\n", result.stderr
    recip("give", "joe")  # now it must take the full path, and print the new line
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.startswith("done today | streak 4"), result.stderr
