"""log: finding an entry (--status, --search), and formats that hold every entry."""

import csv
import io
import json

import pytest

MANY = 60  # more than the table's 50
FULL_WIDTH = "\uff23\uff41\uff46\u00e9 \uff2f\uff4e\uff45"  # Café One, full width


def _customers(recip, *args: str) -> list[str]:
    return [e["customer"] for e in recip.json("log", *args)]


@pytest.fixture
def customers(recip, partners):
    recip("give", "joe", "-c", "Mrs. Patel", "--contact", "555 0111", "-n", "leaky tap", "-d", "3d")
    recip("give", "acme", "-c", "Café Crème", "--contact", "JOSÉ@example.com", "-d", "2d")
    recip("got", "harbor", "-c", "Mr. Lee", "-n", "Réunion dinner, ÉCOLE Ångström", "-d", "1d")
    recip("got", "joe", "-c", "PATEL & Sons", "--status", "won")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("patel", ["PATEL & Sons", "Mrs. Patel"]),
        ("Mrs. Patel", ["Mrs. Patel"]),  # every word, punctuation aside
        ("patel mrs", ["Mrs. Patel"]),  # in any order
        ("PÁTEL", ["PATEL & Sons", "Mrs. Patel"]),  # accents on the typed side too
        ("cafe", ["Café Crème"]),
        ("CREME café", ["Café Crème"]),
        ("jose", ["Café Crème"]),  # in the contact
        ("0111", ["Mrs. Patel"]),
        ("555 0111 patel", ["Mrs. Patel"]),  # words from customer and contact together
        ("reunion", ["Mr. Lee"]),  # in the note
        ("ecole angstrom", ["Mr. Lee"]),
        ("tap", ["Mrs. Patel"]),
        ("patels", []),
        ("plumbing", []),  # the partner is not searched: --partner is for that
        ("lee tap", []),  # both words in one entry
    ],
)
def test_search_finds_words_in_customer_contact_and_note(recip, customers, typed, found):
    assert _customers(recip, "--search", typed) == found


def test_search_folds_the_same_letters_on_both_engines(recip, joe):
    """Greek, Cyrillic, full-width and Vietnamese letters fold as recip folds names."""
    for customer in ("ΑΘΗΝΑ Πόλη", "Иван Ёлкин", FULL_WIDTH, "Nguyễn Thị Ánh", "Straße"):
        recip("give", "joe", "--customer", customer)
    assert _customers(recip, "--search", "αθηνα πολη") == ["ΑΘΗΝΑ Πόλη"]
    assert _customers(recip, "--search", "иван") == ["Иван Ёлкин"]
    assert _customers(recip, "--search", "cafe one") == [FULL_WIDTH]
    assert _customers(recip, "--search", "nguyen anh") == ["Nguyễn Thị Ánh"]
    assert _customers(recip, "--search", "STRAßE") == ["Straße"]


def test_who_did_we_send_mrs_patel_to_is_one_command(recip, customers):
    out = recip("log", "--search", "patel").stdout
    assert "Referrals (2)" in out
    assert "Joe's Plumbing" in out and "Mrs. Patel" in out and "PATEL & Sons" in out


def test_status_filters_alone_and_with_the_others(recip, customers):
    recip("won", "1")
    recip("lost", "2")
    assert _customers(recip, "--status", "won") == ["PATEL & Sons", "Mrs. Patel"]
    assert _customers(recip, "--status", "LOST") == ["Café Crème"]
    assert _customers(recip, "--status", "open") == ["Mr. Lee"]
    assert _customers(recip, "--status", "won", "--partner", "joe", "--direction", "got") == [
        "PATEL & Sons"
    ]
    assert _customers(recip, "--status", "won", "--since", "2d") == ["PATEL & Sons"]
    assert _customers(recip, "--status", "won", "--until", "1d") == ["Mrs. Patel"]
    assert _customers(recip, "-s", "won", "--search", "mrs", "--partner", "joe") == ["Mrs. Patel"]
    assert _customers(recip, "--status", "open", "--search", "patel") == []
    out = recip("log", "--status", "open", "--search", "patel").stdout
    assert out == "No entries match; recip log without filters lists them all.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "closed"], "is not one of: open, won, lost"),
        (["--status", ""], "is not one of: open, won, lost"),
        (["--search", ""], "--search needs a letter or digit to look for"),
        (["--search", "&&! -"], "--search needs a letter or digit to look for"),
        (["--search", "x" * 201], "--search is 201 characters long; the limit is 200."),
    ],
)
def test_log_refuses_a_bad_filter(recip, customers, args, message):
    assert message in recip.fails("log", *args)


def test_a_search_with_regex_characters_is_plain_text(recip, partners):
    recip("give", "joe", "--customer", "a.b (c) [d] ^e$ \\f")
    assert _customers(recip, "--search", "a.b (c) [d] ^e$ \\f") == ["a.b (c) [d] ^e$ \\f"]
    assert _customers(recip, "--search", "c d e f") == ["a.b (c) [d] ^e$ \\f"]
    assert _customers(recip, "--search", "ab") == []


@pytest.fixture
def many(recip, joe, tmp_path):
    """MANY + 1 referrals, made by one import: #1 today, then one a day back from 2026-09-01."""
    path = tmp_path / "many.csv"
    rows = [
        f",2026-{9 - n // 30:02d}-{30 - n % 30:02d},got,Joe's Plumbing,Customer {n},,,,,"
        f"{'won' if n % 2 else 'open'},,"
        for n in range(MANY)
    ]
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n" + "\n".join(rows) + "\n"
    )
    recip("import", str(path))


def test_machine_formats_hold_every_entry(recip, many, tmp_path):
    assert len(recip.json("log")) == MANY + 1
    lines = list(csv.reader(io.StringIO(recip("log", "--format", "csv").stdout)))
    assert len(lines) == MANY + 2 and lines[0][-1] == "closed_on"
    md = recip("log", "--format", "md").stdout.splitlines()
    assert len(md) == MANY + 3  # header, rule, rows
    recip("log", "--output", str(tmp_path / "all.json"))
    assert len(json.loads((tmp_path / "all.json").read_text())) == MANY + 1
    recip("log", "--output", str(tmp_path / "all.csv"))
    assert len((tmp_path / "all.csv").read_text().splitlines()) == MANY + 2
    assert len(recip.json("log", "--limit", "7")) == 7
    assert len(recip.json("log", "--limit", "50")) == 50  # given, even as the table's default
    assert len(recip.json("log", "--limit", "0")) == MANY + 1
    assert len(recip.json("log", "--status", "won")) == MANY // 2


def test_the_table_stops_at_50_and_says_so_on_stderr(recip, many):
    result = recip("log")
    assert "Latest 50 of 61 referrals" in result.stdout
    assert result.stdout.count("Joe's") == 50
    assert result.stderr == "Note: Showing the newest 50 of 61 entries; --limit 0 shows all.\n"
    result = recip("log", "--limit", "0")
    assert f"Referrals ({MANY + 1})" in result.stdout and result.stderr == ""
    result = recip("log", "--limit", "5", "--status", "won")
    assert result.stderr == "Note: Showing the newest 5 of 30 entries; --limit 0 shows all.\n"
    result = recip("log", "--search", "customer 1")  # a word's letters anywhere in one:
    assert "Referrals (15)" in result.stdout and result.stderr == ""  # 1, 10-19, 21 ... 51
    result = recip("log", "--search", "customer", "--limit", "3")
    assert result.stderr == "Note: Showing the newest 3 of 60 entries; --limit 0 shows all.\n"


def test_no_note_when_the_table_shows_them_all(recip, many):
    result = recip("log", "--limit", str(MANY + 1))
    assert f"Referrals ({MANY + 1})" in result.stdout and result.stderr == ""
    assert recip("log", "--json", "--limit", "3").stderr == ""  # asked for: nothing to say
