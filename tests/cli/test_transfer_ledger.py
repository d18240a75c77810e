"""export --format ledger: a journal that Debian's ledger and hledger both read back to the
same counts and won values that `recip balance` shows, whatever the names hold."""

import csv
import io
import shutil
import subprocess
from collections import Counter
from decimal import Decimal

import pytest

from reciprocity_cli.core.ledger import RATIO

TOOLS = [
    pytest.param(
        tool,
        marks=pytest.mark.skipif(
            shutil.which(tool) is None, reason=f"{tool} is not installed (apt install {tool})"
        ),
    )
    for tool in ("ledger", "hledger")
]


def postings(tool: str, journal) -> tuple[Counter, dict[str, str]]:
    """What the tool read: amount per (account, commodity), and each transaction's mark
    (`*` cleared, `!` pending) by its description and date."""
    if tool == "hledger":
        command = ["hledger", "-f", str(journal), "print", "-O", "csv"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows = [
            (r["account"], r["commodity"], r["amount"], r["status"], r["description"])
            for r in csv.DictReader(io.StringIO(out))
        ]
    else:  # ledger's own csv command escapes quotes its own way: a tab-separated register
        fields = [
            "%(account)",
            "%(commodity(amount))",
            "%(quantity(amount))",
            '%(cleared ? "*" : (pending ? "!" : ""))',
            "%(payee)",
        ]
        command = ["ledger", "-f", str(journal), "reg", "--format", "\t".join(fields) + "\n"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows = [tuple(line.split("\t")) for line in out.splitlines()]
    totals: Counter = Counter()
    marks = {}
    for account, commodity, amount, mark, payee in rows:
        if account.startswith("(") and account.endswith(")"):  # hledger shows virtual postings so
            account = account[1:-1]
        if commodity.startswith('"'):  # a commodity that is not a plain symbol is quoted
            commodity = commodity[1:-1]
        totals[account, commodity] += Decimal(amount)
        marks[payee] = mark
    return totals, marks


@pytest.fixture
def journal(recip, partners, tmp_path):
    recip("give", "joe", "-c", "Mrs. Patel", "--value", "1250.50", "--status", "won")
    recip("give", "joe", "-c", "Mr. Okafor", "--value", "99.99", "--status", "lost")
    recip("give", "acme", "-c", "Ana; VIP | gold", "--note", "one\ntwo: three")
    recip("got", "harbor", "-c", "wedding party", "--value", "300", "--status", "won")
    recip("got", "harbor", "-c", "late guest", "--date", "yesterday")
    recip("config", "currency", "EUR")
    path = tmp_path / "referrals.journal"
    recip("export", "--output", str(path))
    return path


@pytest.mark.parametrize("tool", TOOLS)
def test_the_tools_read_the_same_counts_and_won_values_as_balance(recip, journal, tool):
    totals, marks = postings(tool, journal)
    expected = Counter()
    for row in recip.json("balance"):
        for direction in ("given", "got"):
            if row[direction]:
                expected[f"{direction}:{row['partner']}", "REF"] = Decimal(row[direction])
    for row in recip.json("balance", "--by-value"):
        for direction in ("given", "got"):
            if row[direction]:
                expected[f"{direction}:{row['partner']}", "EUR"] = Decimal(str(row[direction]))
    assert totals == expected
    assert totals["given:Joe's Plumbing", "EUR"] == Decimal("1250.50")  # the lost one is not
    # Open referrals are pending; won and lost ones cleared.
    assert marks["Mrs. Patel"] == "*"
    assert marks["Mr. Okafor"] == "*"
    assert marks["late guest"] == "!"
    assert marks["Ana, VIP | gold"] == "!"  # a semicolon would have started a comment


HOSTILE = [
    "Joe: Plumbing",
    "(Brackets) Ltd)",
    "[Square]",
    "A;B",
    '"Quoted" @ 10%',
    "#1 *Star*",
    "Café ✨ 🙂",
    "x" * 100,
]


@pytest.mark.parametrize("tool", TOOLS)
def test_any_partner_name_stays_one_account(recip, tmp_path, tool):
    for name in HOSTILE:
        recip("partner", "add", "--force", "--", name)
        recip("got", "--", name)
    path = tmp_path / "hostile.ledger"
    recip("export", "--output", str(path))
    totals, _ = postings(tool, path)
    # A colon would make sub-accounts: it is written as the look-alike ratio sign.
    assert dict(totals) == {
        (f"got:{name.replace(':', RATIO)}", "REF"): Decimal(1) for name in HOSTILE
    }


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize(
    ("currency", "commodity"),
    [("none", "VALUE"), ("$", "$"), ("€", "€"), ("kr.", "kr."), ("Fr. S", "Fr. S")],
)
def test_every_currency_setting_is_a_commodity_the_tools_read(
    recip, joe, tmp_path, tool, currency, commodity
):
    recip("config", "currency", currency)
    recip("give", "joe", "--status", "won", "--value", "5")
    path = tmp_path / "money.journal"
    recip("export", "--format", "hledger", "--output", str(path))
    totals, _ = postings(tool, path)
    assert totals["given:Joe's Plumbing", commodity] == Decimal(5)


def test_the_journal_says_what_each_referral_was(recip, journal):
    text = journal.read_text()
    assert text.startswith("; Referrals exported by recip")
    block = next(part for part in text.split("\n\n") if "Ana, VIP" in part)
    assert block.splitlines()[1:] == [
        "    ; id: 3",
        "    ; status: open",
        "    ; by: tester",
        "    ; note: one",
        "    ; note: two: three",
        "    (given:Acme Roofing)  1 REF",
    ]


def test_an_empty_database_is_a_journal_with_no_transactions(recip, tmp_path):
    out = recip("export", "--format", "ledger").stdout
    assert out == "; Referrals exported by recip: one transaction a referral.\n\n"
    if shutil.which("hledger"):
        path = tmp_path / "empty.journal"
        path.write_text(out)
        assert postings("hledger", path)[0] == Counter()


def test_a_journal_suffix_picks_the_format_and_a_wrong_format_names_ledger(recip, joe, tmp_path):
    for suffix in ("ledger", "journal", "hledger"):
        path = tmp_path / f"out.{suffix}"
        assert recip("export", "--output", str(path)).stderr.strip() == f"Wrote {path} (ledger)."
        assert "(given:Joe's Plumbing)  1 REF" in path.read_text()
    assert "json, csv, vcf, ledger" in recip.fails("export", "--format", "beancount", code=2)
