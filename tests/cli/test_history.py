"""The change history and real undo: every command that changes data is one change, listed
by `recip history`; `recip undo` takes back your own last one whatever it was, `recip undo N`
any listed one, and a change a later one built on is refused, naming who made that one."""

import pytest

from reciprocity_cli.models import Partner, Referral, Touch
from tests.helpers import sql


def partner_rows(recip) -> list[tuple]:
    return [(p["name"], p["phone"], p["archived"]) for p in recip.json("partner", "list", "--all")]


def entries(recip) -> list[tuple]:
    return [(e["id"], e["partner"], e["status"], e["thanked_on"]) for e in recip.json("log")]


def test_history_lists_each_command_with_who_and_what_it_did(recip, partners):
    recip("give", "joe", "--customer", "Mrs. Patel")
    recip("edit", "1", "--status", "lost")
    [edit, give, *_] = recip.json("history")
    assert (edit["made_by"], edit["command"], edit["command_line"]) == (
        "tester",
        "edit",
        "edit 1 --status lost",
    )
    assert edit["rows"] == [{"table": "referral", "action": "changed", "count": 1}]
    assert give["command_line"] == 'give joe --customer "Mrs. Patel"'
    assert give["rows"] == [{"table": "referral", "action": "added", "count": 1}]
    assert edit["id"] > give["id"] and edit["made_at"].endswith("+00:00")
    table = recip("history", "--limit", "2").stdout
    assert "recip edit 1 --status lost" in table and "changed referral #1" in table
    assert "partner add" not in table  # --limit 2: the edit and the give only
    # Reading commands are not changes.
    recip("balance")
    assert len(recip.json("history")) == 5  # three partners, the give and the edit


def test_undo_takes_back_an_edit_and_an_outcome(recip, partners):
    recip("give", "joe", "--customer", "Mrs. Patel")
    recip("edit", "1", "--status", "lost", "--note", "went elsewhere")
    recip("won", "1", "--value", "1,250")
    assert recip("undo", "--yes").stdout.startswith("Took back change #")
    [entry] = recip.json("log")
    assert (entry["status"], entry["note"], entry["value"]) == ("lost", "went elsewhere", None)
    recip("undo", "--yes")
    [entry] = recip.json("log")
    assert (entry["status"], entry["note"], entry["closed_on"]) == ("open", None, None)
    recip("undo", "--yes")  # the give itself
    assert recip.json("log") == []


def test_undo_of_a_thank_you_unmarks_the_referral_it_thanked(recip, partners):
    recip("got", "harbor", "--date", "2026-11-20")
    recip("thank", "harbor")
    assert recip.json("log")[0]["thanked_on"] == "2026-11-23"
    out = recip("undo", "--yes").stdout
    assert "recip edit ID" not in out
    [entry] = recip.json("log")
    assert entry["thanked_on"] is None
    assert "Thank Harbor View Hotel" in recip("today").stdout  # due again


def test_undo_of_a_wrong_merge_brings_both_partners_back(recip, partners):
    recip("partner", "add", "Laura", "--phone", "555 0999", "--note", "private contact")
    recip("partner", "archive", "laura")
    recip("give", "joe", "--customer", "Mrs. Patel")
    recip("got", "joe")
    before = (partner_rows(recip), entries(recip))
    recip("partner", "merge", "joe", "laura", "-y")
    assert "Joe's Plumbing" not in [name for name, *_ in partner_rows(recip)]
    said = recip("undo", input="y\n").stderr
    # The question says what it will put back and who made the change, before anything.
    assert "Change #" in said and "by tester" in said and "partner merge joe laura -y" in said
    assert "partner 1 (Joe's Plumbing): removed" in said
    assert "partner 4 (Laura): does (none) -> emergency plumbing, boilers" in said
    assert (partner_rows(recip), entries(recip)) == before
    assert [(row["partner"], row["given"]) for row in recip.json("balance")][:1] == [
        ("Joe's Plumbing", 1)
    ]


@pytest.mark.parametrize(
    ("change", "look"),
    [
        (["partner", "archive", "acme"], ["partner", "list", "--all"]),
        (["partner", "rename", "acme", "Acme Roofing Ltd"], ["partner", "list", "--all"]),
        (["partner", "edit", "acme", "--phone", "", "--tag", "x"], ["partner", "list", "--all"]),
        (["config", "daily_goal", "3"], ["config"]),
        (["off", "2026-12-24", "2026-12-26"], ["off", "--list"]),
        (["lost", "1"], ["log"]),
    ],
)
def test_every_kind_of_change_is_taken_back_exactly(recip, partners, change, look):
    recip("give", "acme", "--customer", "Mr. Brown")
    before = recip(*look, "--json").stdout if look != ["config"] else recip(*look).stdout
    recip(*change)
    recip("undo", "--yes")
    after = recip(*look, "--json").stdout if look != ["config"] else recip(*look).stdout
    assert after == before


def test_undo_of_an_import_removes_what_it_added(recip, partners, tmp_path):
    recip("give", "joe", "--customer", "Before")
    sheet = tmp_path / "in.csv"
    recip("export", "--format", "csv", "--output", str(sheet))
    recip("rm", "1", "--yes")
    recip("import", str(sheet))
    assert [e["customer"] for e in recip.json("log")] == ["Before"]
    recip("undo", "--yes")
    assert recip.json("log") == []
    recip("undo", "--yes")  # the rm: the referral is back with its id
    assert [(e["id"], e["customer"]) for e in recip.json("log")] == [(1, "Before")]


def test_undo_takes_your_own_change_and_names_a_colleague_in_the_way(recip, partners, monkeypatch):
    recip("give", "joe", "--customer", "Mine")
    monkeypatch.setenv("RECIP_ME", "sam")
    recip("give", "acme", "--customer", "Sam's")
    monkeypatch.setenv("RECIP_ME", "tester")
    said = recip("undo", input="y\n").stderr
    assert "by tester" in said and "give joe" in said and "sam" not in said
    assert [e["customer"] for e in recip.json("log")] == ["Sam's"]
    # A change of mine that sam has since built on is refused, naming sam and his command.
    recip("give", "joe", "--customer", "Again")  # #3
    monkeypatch.setenv("RECIP_ME", "sam")
    recip("edit", "3", "--note", "called back")
    monkeypatch.setenv("RECIP_ME", "tester")
    line = recip.fails("undo", "--yes")
    assert "by sam (recip edit 3 --note" in line and "changed the same rows since" in line
    assert len(recip.json("log")) == 2  # nothing taken back


def test_undo_n_any_listed_change_and_undo_of_an_undo_makes_it_again(recip, partners):
    recip("give", "joe")
    recip("give", "acme")
    joe_give = recip.json("history")[1]["id"]
    recip("undo", str(joe_give), "--yes")  # not the last: the acme give stays
    assert [e["partner"] for e in recip.json("log")] == ["Acme Roofing"]
    undo_id = recip.json("history")[0]["id"]
    assert f"taken back by #{undo_id}" in recip("history").stdout
    line = recip.fails("undo", str(joe_give), "--yes")
    assert f"was taken back already by #{undo_id}" in line
    recip("undo", str(undo_id), "--yes")  # redo
    assert sorted(e["partner"] for e in recip.json("log")) == ["Acme Roofing", "Joe's Plumbing"]
    # Plain undo now takes back the redo: the newest change that stands.
    recip("undo", "--yes")
    assert [e["partner"] for e in recip.json("log")] == ["Acme Roofing"]


def test_undo_walks_back_one_change_at_a_time(recip, partners):
    recip("give", "joe")
    recip("give", "acme")
    recip("undo", "--yes")
    recip("undo", "--yes")
    assert recip.json("log") == []
    recip("undo", "--yes")  # then the partners, newest first
    assert "Acme Roofing" not in [name for name, *_ in partner_rows(recip)]


def test_declining_the_question_changes_nothing(recip, partners):
    recip("give", "joe")
    result = recip("undo", code=1, input="n\n")
    assert result.stderr.splitlines()[-1] == "Cancelled, nothing changed."
    assert result.stdout == ""
    assert len(recip.json("log")) == 1


@pytest.mark.parametrize("bad", ["abc", "0", "99999", "1.5", "#x", "😀"])
def test_a_bad_change_number_is_one_line(recip, partners, bad):
    line = recip.fails("undo", bad, "--yes", code=2 if bad != "99999" else 1)
    assert "change" in line and "recip history" in line


def test_nothing_to_undo_and_no_history(recip):
    assert "nothing to undo" in recip.fails("undo", "--yes")
    assert recip("history").stdout.strip() == "No changes yet."
    assert recip.json("history") == []
    assert "not a whole number" in recip.fails("history", "--limit", "0", code=2)


def test_history_by_a_person(recip, partners, monkeypatch):
    monkeypatch.setenv("RECIP_ME", "sam")
    recip("give", "joe")
    assert [c["command"] for c in recip.json("history", "--by", "SAM")] == ["give"]
    assert recip("history", "--by", "nobody").stdout.strip() == "No changes by nobody."


def test_partner_rm_refuses_history_unless_forced_and_undo_brings_all_back(recip, partners):
    recip("partner", "add", "Mistake Inc")
    assert recip("partner", "rm", "mistake", "--yes").stdout.startswith('Removed "Mistake Inc".')
    recip("give", "joe", "--customer", "Mrs. Patel")
    recip("thank", "joe", "--gift", "wine", "--force")
    line = recip.fails("partner", "rm", "joe", "--yes")
    assert '"Joe\'s Plumbing" has 1 referral and 1 gesture' in line and "--force" in line
    before = (partner_rows(recip), entries(recip))
    out = recip("partner", "rm", "joe", "--force", "--yes").stdout
    assert "with 1 referral and 1 gesture" in out and "recip undo puts it back" in out
    assert "Joe's Plumbing" not in [name for name, *_ in partner_rows(recip)]
    assert recip.json("log") == []
    recip("undo", "--yes")
    assert (partner_rows(recip), entries(recip)) == before


def test_the_history_keeps_every_column_of_every_table(recip, partners, db_path):
    """The triggers copy whole rows: a column added later without them would be lost."""
    recip("give", "joe", "--customer", "x")
    recip("thank", "joe", "--force")
    recip("off", "2026-12-24")
    import json

    kept = {
        table: set(json.loads(row))
        for table, row in sql(db_path, "SELECT table_name, after FROM change_row")
    }
    for model in (Partner, Referral, Touch):
        assert kept[model.__tablename__] == set(model.__table__.c.keys())
    assert kept["closed_day"] == {"date", "note"}


def test_a_backup_carries_the_history_into_an_empty_database(
    recip, partners, tmp_path, monkeypatch, another_database
):
    recip("partner", "add", "Zed Bakery")
    recip("give", "zed", "--customer", "Mr. Z")
    recip("partner", "rm", "zed", "--force", "--yes")
    recip("got", "acme")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    history = recip.json("history", "--limit", "100")
    monkeypatch.setenv("RECIP_DB", str(another_database))
    out = recip("import", str(backup))
    assert "left out" not in out.stderr
    assert recip.json("history", "--limit", "100") == history  # the import is not one more
    removal = next(c for c in history if c["command"] == "partner rm")
    recip("undo", str(removal["id"]), "--yes")  # made before the backup, taken back after
    assert [(e["partner"], e["customer"]) for e in recip.json("log")][-1:] == [
        ("Zed Bakery", "Mr. Z")
    ]
    # The ids the history names stay reserved: a new entry never takes one.
    recip("give", "joe")
    ids = [e["id"] for e in recip.json("log")]
    assert len(ids) == len(set(ids)) == 3


def test_a_backup_into_a_database_with_its_own_history_is_one_change(
    recip, partners, tmp_path, monkeypatch, another_database
):
    recip("give", "joe")
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    monkeypatch.setenv("RECIP_DB", str(another_database))
    recip("partner", "add", "Acme Roofing")
    out = recip("import", str(backup))
    assert "change history was left out" in out.stderr
    [last, _] = recip.json("history")
    assert last["command"] == "import"
    recip("undo", "--yes")
    assert [p["name"] for p in recip.json("partner", "list")] == ["Acme Roofing"]


@pytest.mark.parametrize(
    ("changes", "rows", "says"),
    [
        ([], [{"change": 7, "table": "partner", "key": "1", "after": {"id": 1}}], "not listed"),
        (
            [{"id": 1, "made_at": "2026-11-23T10:00:00+00:00", "command": "give"}],
            [{"change": 1, "table": "sqlite_master", "key": "1", "after": {}}],
            "a table",
        ),
        (
            [{"id": 1, "made_at": "2026-11-23T10:00:00+00:00", "command": "give"}],
            [{"change": 1, "table": "referral", "key": "1", "after": {"a": [1]}}],
            "plain values",
        ),
        (
            [{"id": 1, "made_at": "2026-11-23T10:00:00+00:00", "command": "give"}],
            [{"change": 1, "table": "referral", "key": "1"}],
            "a before or an after",
        ),
        ([{"id": 0, "made_at": "2026-11-23T10:00:00", "command": "x"}], [], "an id"),
        ([{"id": 1, "made_at": "yesterday", "command": "x"}], [], "not ISO 8601"),
        ([{"id": 1, "made_at": "2026-11-23", "command": "x", "made_by": 5}], [], "made_by"),
    ],
)
def test_a_damaged_history_in_a_backup_is_one_line(recip, tmp_path, changes, rows, says):
    import json

    backup = tmp_path / "backup.json"
    document = {"format": "recip-backup", "version": 1, "changes": changes, "change_rows": rows}
    backup.write_text(json.dumps(document, indent=1))
    line = recip.fails("import", str(backup))
    assert line.startswith("Error: line ") and says in line
    assert recip.json("history") == []


def test_the_command_line_kept_is_short_and_printable(recip, partners, db_path):
    recip("give", "joe", "--note", "x" * 5000)
    recip.fails("give", "joe", "--note", "a\x00b")  # refused by give itself, not the history
    [(line,)] = sql(db_path, "SELECT command_line FROM change WHERE command = 'give'")
    assert len(line) == 1000 and line.startswith("give joe --note xxx") and line.endswith("…")
    backup = recip("export").stdout  # and it comes back from a backup
    assert '"command_line": "give joe --note xxx' in backup


def test_the_question_spells_out_five_rows_and_counts_the_rest(recip, partners):
    for _ in range(6):
        recip("give", "harbor")
    recip("partner", "merge", "harbor", "joe", "-y")  # 6 referrals, joe changed, harbor gone
    said = recip("undo", code=1, input="n\n").stderr
    assert said.count("\n  referral #") == 5
    assert "\n  and 3 more rows\n" in said
