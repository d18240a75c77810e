"""Gift intervals: `partner add/edit --gift-every N`, gifts due in `today`, and the gift
touches that reset them. Today is Monday 2026-11-23 (conftest)."""

import re

import pytest

from tests.helpers import table_dump


def gifts(recip, *args) -> list[tuple]:
    return [(g["partner"], g["every"], g["last"]) for g in recip.json("today", *args)["gifts_due"]]


def test_a_partner_never_given_a_gift_is_due_at_once(recip):
    recip("partner", "add", "Harbor View Hotel", "--gift-every", "90", "--phone", "555 0200")
    recip("partner", "add", "Joe's Plumbing")  # no interval: never due
    assert recip.json("today")["gifts_due"] == [
        {"partner": "Harbor View Hotel", "every": 90, "last": None, "phone": "555 0200"}
    ]
    screen = recip("today").stdout
    assert "Send a gift to Harbor View Hotel - every 90 days, never yet · 555 0200" in screen


@pytest.mark.parametrize(
    ("gift", "due"),
    [
        (["touch", "harbor", "--kind", "gift", "--date", "90d"], True),  # 90 days ago: due today
        (["touch", "harbor", "--kind", "gift", "--date", "89d"], False),  # due tomorrow
        (["thank", "harbor", "--gift", "wine", "--date", "89d", "--force"], False),
        (["thank", "harbor", "--gift", "wine", "--date", "91d", "--force"], True),
        (["thank", "harbor", "--date", "2d", "--force"], True),  # a thank-you is not a gift
        (["touch", "harbor", "--kind", "meeting"], True),
    ],
)
def test_the_last_gift_plus_the_interval(recip, gift, due):
    recip("partner", "add", "Harbor View Hotel", "--gift-every", "90")
    recip(*gift)
    assert bool(gifts(recip)) == due


def test_the_latest_gift_counts_and_the_date_matters(recip):
    recip("partner", "add", "Harbor View Hotel", "--gift-every", "30")
    recip("touch", "harbor", "--kind", "gift", "--date", "2026-09-01")
    recip("thank", "harbor", "--gift", "chocolates", "--date", "2026-11-01", "--force")
    assert gifts(recip) == []  # the November one is 22 days old
    # As it was on 2026-10-15: the November gift had not happened; September's was 44 days
    # old.
    assert gifts(recip, "--date", "2026-10-15") == [("Harbor View Hotel", 30, "2026-09-01")]
    assert gifts(recip, "--date", "2026-12-01") == [("Harbor View Hotel", 30, "2026-11-01")]


def test_soonest_due_first_and_archived_left_out(recip):
    recip("partner", "add", "Acme Roofing", "--gift-every", "60")
    recip("partner", "add", "Bay Bakery", "--gift-every", "10")
    recip("partner", "add", "Cedar Cafe", "--gift-every", "365")
    recip("partner", "add", "Old Mill", "--gift-every", "10")
    recip("touch", "acme", "--kind", "gift", "--date", "2026-09-01")  # due 2026-10-31
    recip("touch", "bay", "--kind", "gift", "--date", "2026-11-01")  # due 2026-11-11
    recip("partner", "archive", "old mill")
    assert gifts(recip) == [
        ("Acme Roofing", 60, "2026-09-01"),
        ("Bay Bakery", 10, "2026-11-01"),
        ("Cedar Cafe", 365, None),  # never: due today
    ]


def test_edit_changes_and_zero_turns_it_off(recip):
    recip("partner", "add", "Harbor View Hotel")
    assert gifts(recip) == []
    out = recip("partner", "edit", "harbor", "--gift-every", "180").stdout
    assert out == 'Updated "Harbor View Hotel": gift_every.\n'
    assert recip.json("partner", "show", "harbor")["gift_every"] == 180
    assert re.search(r"Gift every +180 days", recip("partner", "show", "harbor").stdout)
    assert gifts(recip) == [("Harbor View Hotel", 180, None)]
    recip("partner", "edit", "harbor", "--gift-every", "0")
    assert recip.json("partner", "show", "harbor")["gift_every"] is None
    assert gifts(recip) == []


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("3651", 1, "Error: --gift-every 3651 must be between 1 and 3650 days (0 turns it off)."),
        ("-5", 1, "Error: --gift-every -5 must be between 1 and 3650 days (0 turns it off)."),
        ("ninety", 2, "Error: --gift-every"),
        ("", 2, "Error: --gift-every"),
        ("99999999999999999999999", 1, "Error: --gift-every 99999999999999999999999 must be"),
    ],
)
def test_bad_intervals_are_one_line(recip, db_path, value, code, message):
    recip("partner", "add", "Harbor View Hotel")
    before = table_dump(db_path)
    assert recip.fails("partner", "edit", "harbor", "--gift-every", value, code=code).startswith(
        message
    )
    assert recip.fails("partner", "add", "Bay", "--gift-every", value, code=code).startswith(
        message
    )
    assert table_dump(db_path) == before


def test_merge_keeps_an_interval(recip):
    recip("partner", "add", "Harbor View Hotel")
    recip("partner", "add", "Harbour View Hotels", "--gift-every", "45", "--force")
    recip("partner", "merge", "Harbour View Hotels", "Harbor View Hotel", "--yes")
    assert recip.json("partner", "show", "harbor")["gift_every"] == 45


def test_gift_every_travels_in_backups_and_the_partners_csv(recip, tmp_path, another_database):
    recip("partner", "add", "Harbor View Hotel", "--gift-every", "90")
    for args, name in (
        (["export"], "b.json"),
        (["export", "--format", "csv", "--what", "partners"], "p.csv"),
    ):
        path = tmp_path / name
        recip(*args, "--output", str(path))
        recip("--db", str(another_database), "import", str(path))
        show = recip.json("--db", str(another_database), "partner", "show", "harbor")
        assert show["gift_every"] == 90
    header = (tmp_path / "p.csv").read_text().splitlines()[0]
    assert header.endswith(",touch_every,archived,gift_every")


def test_a_partners_csv_without_the_column_still_imports(recip, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,does,touch_every\nHarbor View Hotel,hotel,30\n")
    recip("import", str(path))
    assert recip.json("partner", "show", "harbor")["gift_every"] is None
    path.write_text("name,gift_every\nBay Bakery,7000\n")
    assert "line 2: --gift-every 7000 must be between 1 and 3650" in recip.fails(
        "import", str(path)
    )
