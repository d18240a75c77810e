"""`recip balance`: exact numbers, ordering, filters and formats; the fair band's edges."""

import os

import pytest


@pytest.fixture
def history(recip, partners):
    """Joe: gave 1, got 3 (you owe, net +2). Harbor: got 1 (you owe, net +1).
    Acme: gave 2 (they owe, net -2). Bakery: nothing."""
    recip("partner", "add", "Old Mill Bakery", "--kind", "supplier")
    recip("give", "joe", "--date", "2026-10-01")
    for day in ("2026-10-15", "2026-11-02", "2026-11-20"):
        recip("got", "joe", "--date", day, "--value", "100", "--status", "won")
    recip("got", "harbor", "--date", "2026-11-21", "--value", "999", "--status", "lost")
    recip("give", "acme", "--date", "2026-11-05", "--value", "250.25", "--status", "won")
    recip("give", "acme", "--date", "2026-11-22")


def test_json_has_designs_keys_and_exact_numbers(recip, history):
    rows = recip.json("balance")
    assert [r["partner"] for r in rows] == [
        "Joe's Plumbing",
        "Harbor View Hotel",
        "Acme Roofing",
        "Old Mill Bakery",
    ]
    joe = rows[0]
    assert {
        k: joe[k]
        for k in ("partner", "given", "got", "net", "share", "status", "last_given", "last_got")
    } == {
        "partner": "Joe's Plumbing",
        "given": 1,
        "got": 3,
        "net": 2,
        "share": 0.25,
        "status": "you_owe",
        "last_given": "2026-10-01",
        "last_got": "2026-11-20",
    }
    assert (rows[1]["net"], rows[1]["share"], rows[1]["status"]) == (1, 0.0, "you_owe")
    assert (rows[2]["net"], rows[2]["share"], rows[2]["status"]) == (-2, 1.0, "they_owe")
    assert rows[3] == {
        **rows[3],
        "given": 0,
        "got": 0,
        "net": 0,
        "share": None,
        "status": "no_activity",
        "last_given": None,
        "last_got": None,
    }


def test_period_narrows_the_counts(recip, history):
    rows = {r["partner"]: r for r in recip.json("balance", "--since", "2026-11-01")}
    assert (rows["Joe's Plumbing"]["given"], rows["Joe's Plumbing"]["got"]) == (0, 2)
    assert rows["Joe's Plumbing"]["last_given"] is None
    rows = {r["partner"]: r for r in recip.json("balance", "--until", "2026-10-31")}
    assert (rows["Joe's Plumbing"]["given"], rows["Joe's Plumbing"]["got"]) == (1, 1)
    assert rows["Joe's Plumbing"]["status"] == "balanced"
    assert rows["Acme Roofing"]["status"] == "no_activity"


def test_kind_and_tag_filters(recip, history):
    assert [r["partner"] for r in recip.json("balance", "--tag", "trades")] == [
        "Joe's Plumbing",
        "Acme Roofing",
    ]
    assert [r["partner"] for r in recip.json("balance", "--kind", "supplier")] == [
        "Old Mill Bakery"
    ]
    assert "is not one of" in recip.fails("balance", "--kind", "friends")


def test_by_value_counts_only_won_referrals(recip, history):
    rows = {r["partner"]: r for r in recip.json("balance", "--by-value")}
    assert (rows["Joe's Plumbing"]["given"], rows["Joe's Plumbing"]["got"]) == (0, 300)
    assert rows["Joe's Plumbing"]["status"] == "you_owe"
    assert rows["Harbor View Hotel"]["got"] == 0  # the 999 was lost
    assert rows["Acme Roofing"]["given"] == 250.25


def test_by_value_table_keeps_names_and_amounts_at_80_columns(recip, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    recip("partner", "add", "Harbor View Hotel")
    recip("config", "currency", "EUR")
    recip("got", "harbor", "--value", "12500.50", "--status", "won")
    recip("give", "harbor", "--value", "8300.25", "--status", "won")
    out = recip("balance", "--by-value").stdout
    assert "in EUR" in out.splitlines()[0]
    assert "Harbor View" in out and "Total (1)" in out
    assert "12,500.50" in out and "8,300.25" in out and "+4,200.25" in out
    assert "…" not in out


def test_table_sorts_colours_and_totals(recip, history):
    table = recip("balance").stdout
    lines = table.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if name in line)
        for name in ("Joe's Plumbing", "Harbor View", "Acme Roofing", "Old Mill")
    ]
    assert order == sorted(order)
    total = next(line for line in lines if line.lstrip().startswith("Total"))
    assert total.split()[:6] == ["Total", "(4)", "3", "4", "+1", "43%"]
    assert "\x1b[" not in table  # no colour when not a terminal


def test_archived_partner_keeps_its_history_in_the_balance(recip, history):
    recip("partner", "archive", "acme")
    recip("partner", "archive", "old mill")
    rows = {r["partner"]: r for r in recip.json("balance")}
    assert rows["Acme Roofing"]["archived"] is True and rows["Acme Roofing"]["given"] == 2
    assert "Old Mill Bakery" not in rows  # archived and idle: nothing to show


def test_csv_md_and_output_files(recip, history, tmp_path):
    lines = recip("balance", "--format", "csv").stdout.splitlines()
    assert lines[0] == "partner,given,got,net,share,status,last_given,last_got"
    assert lines[1] == "Joe's Plumbing,1,3,2,0.25,you_owe,2026-10-01,2026-11-20"
    assert recip("balance", "-f", "md").stdout.splitlines()[0].startswith("| partner | given")
    recip("balance", "--output", str(tmp_path / "week.json"))
    written = (tmp_path / "week.json").read_text()
    assert written.lstrip().startswith("[") and "Joe's Plumbing" in written
    assert os.stat(tmp_path / "week.json").st_mode & 0o777 == 0o600
    recip("balance", "--output", str(tmp_path / "week.txt"))
    assert "Total (4)" in (tmp_path / "week.txt").read_text()


def test_formula_looking_names_are_neutralised_in_csv(recip):
    recip("partner", "add", "=HYPERLINK(evil)")
    recip("give", "=HYPERLINK(evil)")
    line = recip("balance", "--format", "csv").stdout.splitlines()[1]
    assert line.startswith("'=HYPERLINK(evil),1,0,-1,")


def test_empty_database(recip):
    assert recip.json("balance") == []
    assert "No partners match" in recip("balance").stdout


def test_bad_options(recip, history):
    assert "is after --until" in recip.fails("balance", "--since", "today", "--until", "3d")
    assert "is not a date" in recip.fails("balance", "--since", "last week")
    assert "is not one of" in recip.fails("balance", "--format", "pdf", code=2)


# --- the fair band (DESIGN.md), at its edges ---------------------------------------------


def _edge_bakery_history(recip, given_, got):
    recip("partner", "add", "Edge Bakery")
    for _ in range(given_):
        recip("give", "edge")
    for _ in range(got):
        recip("got", "edge")


@pytest.mark.parametrize(
    ("given_", "got", "share", "status"),
    [
        (2, 3, 0.4, "balanced"),
        (3, 2, 0.6, "balanced"),
        (1, 2, 1 / 3, "you_owe"),
        (2, 1, 2 / 3, "they_owe"),
    ],
)
def test_band_edges_through_the_cli(recip, given_, got, share, status):
    _edge_bakery_history(recip, given_, got)
    [row] = recip.json("balance")
    assert row["partner"] == "Edge Bakery"
    assert (row["given"], row["got"], row["net"]) == (given_, got, got - given_)
    assert row["share"] == pytest.approx(share)
    assert row["status"] == status


def test_fair_band_setting_moves_the_edges(recip):
    _edge_bakery_history(recip, 1, 2)  # share 0.33
    assert recip.json("balance")[0]["status"] == "you_owe"
    recip("config", "fair_band", "30-70")
    assert recip.json("balance")[0]["status"] == "balanced"
    recip("config", "fair_band", "34-66")
    assert recip.json("balance")[0]["status"] == "you_owe"


def test_markdown_shows_the_share_as_the_screen_does(recip, partners):
    recip("give", "joe")
    recip("got", "joe")
    recip("got", "joe")
    md = recip("balance", "--format", "md").stdout
    assert "| 33% |" in md and "0.333" not in md
    assert recip.json("balance")[0]["share"] == pytest.approx(1 / 3)  # scripts keep the value
