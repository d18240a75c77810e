"""Every table recip prints, at 50, 80 and 120 columns (render/fit.py): no date or number
is cut or squeezed to an ellipsis, the least useful columns are left out first and a line
says which, and the partner's name is always there."""

import io
import itertools
import re

import pytest
from rich.console import Console
from rich.text import Text

from reciprocity_cli.render.fit import FitTable
from reciprocity_cli.render.tables import cell, fixed_column, new_table

WIDTHS = (50, 80, 120)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_LIKE = re.compile(r"\b\d{4}-\d[\d-]*")  # a date, or what is left of one that was cut
JOE = "Joe's Plumbing and Heating Services"
NAMES = (JOE, "Harbor View Hotel", "Acme Roofing")
PHONE = "+1 555 0100 ext 12"


@pytest.fixture
def busy(recip):
    """Long names, notes and phones, money, two people, outcomes, a closed day."""
    recip("config", "currency", "EUR")
    recip(
        "partner", "add", JOE, "--does", "emergency plumbing, boilers, underfloor heating",
        "--phone", PHONE, "--tag", "trades", "--touch-every", "30",
    )  # fmt: skip
    recip("partner", "add", "Harbor View Hotel", "--does", "hotel, 40 rooms", "--phone",
          "555 0200", "--kind", "networking")  # fmt: skip
    recip("partner", "add", "Acme Roofing", "--does", "roofs, gutters", "--phone", "555 0300")
    recip("got", "joe", "--date", "2026-11-09", "--customer", "Mrs. Patel-Montgomery",
          "--contact", "555 0199", "--note", "needs a boiler before winter, call after six",
          "--value", "12500.50", "--status", "won")  # fmt: skip
    recip("give", "acme", "--date", "2026-11-10", "--customer", "Mr. Brown", "--value", "1200",
          "--by", "sam")  # fmt: skip
    recip("give", "joe", "--date", "2026-11-17", "--customer", "Ms. Chen", "--by", "front desk")
    recip("got", "harbor", "--date", "2026-11-18", "--customer", "the wedding party of forty")
    recip("give", "harbor", "--date", "2026-11-20", "--status", "lost", "--value", "800")
    recip("give", "acme", "--date", "2026-06-20", "--customer", "Kim")
    recip("off", "2026-12-24", "2027-01-01", "--note", "Christmas and New Year, all away")


COMMANDS = {
    "balance": (["balance"], NAMES),
    "balance by value": (["balance", "--by-value"], NAMES),
    "log": (["log"], NAMES),
    "partner list": (["partner", "list"], NAMES),
    "partner show": (["partner", "show", "joe"], (JOE,)),
    "who": (["who", "plumbing"], (JOE,)),
    "scorecard": (["scorecard"], NAMES),
    "followup": (["followup", "--days", "1"], NAMES),
    "report": (["report", "--since", "2026-11-01"], NAMES),
    "today": (["today"], ("Harbor View Hotel",)),
    "closed days": (["off", "--list"], ()),
    "settings": (["config"], ()),
}


def words_of(name: str) -> list[str]:
    """A name may fold onto several lines, so it is looked for word by word."""
    return name.split()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_nothing_is_cut_and_the_name_stays(recip, busy, monkeypatch, command, width):
    args, names = COMMANDS[command]
    monkeypatch.setenv("COLUMNS", str(width))
    out = recip(*args).stdout
    lines = out.splitlines()
    assert "…" not in out  # nothing squeezed to an ellipsis
    for token in DATE_LIKE.findall(out):
        assert DATE.fullmatch(token), f"a cut date {token!r} in:\n{out}"
    for name in names:
        for word in words_of(name):
            assert word in out, f"{word!r} of {name!r} missing at {width} columns:\n{out}"
    header = next((line for line in lines if re.search(r"\bDate\b|\bPartner\b", line)), "")
    if re.search(r"\bPhone\b", header) and JOE in names:
        assert PHONE in out
    if re.search(r"\bValue\b", header):
        assert "12,500.50" in out


@pytest.mark.parametrize("width", (*WIDTHS, 70))
def test_the_balance_keeps_every_date_it_shows_whole(recip, busy, monkeypatch, width):
    """The issue's case: at 70 columns `2026-11-2` (a different valid date), at 50 no
    Partner column at all."""
    monkeypatch.setenv("COLUMNS", str(width))
    out = recip("balance").stdout
    rows = {row["partner"]: row for row in recip.json("balance")}
    header = next(line for line in out.splitlines() if "Partner" in line)
    assert header.split()[:2] == ["Partner", "Given"]
    for key, title in (("last_given", "Last given"), ("last_got", "Last got")):
        if title in header:
            for row in rows.values():
                assert row[key] is None or row[key] in out
        else:
            caption = " ".join(out.split(f"Left out to fit {width} columns:")[1].split())
            assert title in caption
    assert ("Last given" in header) == (width >= 70)


def test_the_least_useful_columns_go_first(recip, busy, monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    out = recip("log").stdout
    header = next(line for line in out.splitlines() if "Date" in line).split()
    assert header == ["#", "Date", "Partner", "Customer"]  # id, date, gave/got, name stay
    assert "← got" in out and "→ gave" in out
    left_out = " ".join(out.split("Left out to fit 50 columns:")[1].split())
    assert left_out == "Value, Status, By, Note."  # the note first, the status last


# --- the rule itself, at every width --------------------------------------------------------


def _table() -> FitTable:
    table = new_table("A title")
    fixed_column(table, "#", "right")
    fixed_column(table, "Date", priority=9)
    table.add_column("Partner", overflow="fold", min_width=12)
    fixed_column(table, "Amount", "right", priority=5)
    table.add_column("Note", overflow="fold", priority=1)
    fixed_column(table, "Last", priority=2)
    for number in range(1, 4):
        table.add_row(
            cell(number),
            cell(f"2026-11-{number:02d}"),
            cell("Supercalifragilistic Roofing & Sons" if number == 2 else "Joe"),
            cell(f"{number * 123456:,}.50"),
            cell("a long note " * number),
            cell(f"2025-0{number}-15"),
        )
    return table


def _render(table: FitTable, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(table)
    return buffer.getvalue()


@pytest.mark.parametrize("width", range(36, 131))
def test_at_any_width_dates_and_numbers_are_whole_or_left_out(width):
    out = _render(_table(), width)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    header = next(line for line in lines if "Partner" in line)
    for number in range(1, 4):
        assert f"2026-11-{number:02d}" in out  # the Date column outranks the rest
        amount = f"{number * 123456:,}.50"
        assert (amount in out) == ("Amount" in header)
        assert (f"2025-0{number}-15" in out) == ("Last" in header)
    for token in DATE_LIKE.findall(out):
        assert DATE.fullmatch(token)
    assert "…" not in out


def test_columns_come_back_in_order_as_the_width_grows():
    shown = []
    for width in range(36, 131):
        header = next(line for line in _render(_table(), width).splitlines() if "Partner" in line)
        shown.append({title for title in ("Note", "Last", "Amount") if title in header})
    for narrower, wider in itertools.pairwise(shown):
        assert narrower <= wider
    assert shown[0] == set() and shown[-1] == {"Note", "Last", "Amount"}


def test_a_table_that_fits_is_left_as_it_is():
    table = new_table()
    table.add_column("Partner")
    fixed_column(table, "Date")
    table.add_row(Text("Joe"), Text("2026-11-23"))
    out = _render(table, 200)
    rows = [line.rstrip() for line in out.splitlines() if line.strip()]
    assert rows[-1] == " Joe      2026-11-23"  # its natural width, not stretched to 200
    assert "Left out" not in out
