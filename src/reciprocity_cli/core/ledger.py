"""Referrals as a plain-text accounting journal, read by both ledger and hledger.

One transaction a referral, on its date. Its posting is virtual (in parentheses), so it needs
no balancing account: `given:PARTNER` or `got:PARTNER` gets 1 REF, and a won referral with a
value also gets that value in the currency setting's commodity. So `hledger bal` (or `ledger
bal`) prints the counts and won values per partner both ways, `--depth 1` the totals, and
`-p 2026-11` a month. Open referrals are pending (`!`), won or lost ones cleared (`*`), so
`bal --pending` shows what is still open; id, status and the rest ride along as tags
(`tag:status=won` in hledger, `--limit 'tag("status")=~/won/'` in ledger).

The journal is an export: partner names and customers are written so both tools parse them
the same way, which can change a few characters (see `account` and `description`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

COUNT = "REF"  # the commodity of referral counts
VALUE = "VALUE"  # the commodity of won values when no currency is set
BATCH = 500  # transactions a chunk
RATIO = "\u2236"  # looks like a colon, which would split an account into sub-accounts


def account(direction: str, partner: str) -> str:
    """`given:NAME` or `got:NAME`. A colon would split the name into sub-accounts, so it
    becomes the look-alike ratio sign; names never hold two spaces or a tab in a row (recip
    collapses inner whitespace), which is what would end the account name."""
    return f"{direction}:{partner.replace(':', RATIO)}"


def description(customer: str | None) -> str:
    """The customer, as the payee. A semicolon would start a comment, so it becomes a comma."""
    return (customer or "referral").replace(";", ",")


def commodity(currency: str | None) -> str:
    """The currency setting as a commodity both tools read: letters or one symbol bare
    (USD, EUR, $, €), anything else quoted."""
    if not currency:
        return VALUE
    if currency.isalpha() or (
        len(currency) == 1 and not currency.isdigit() and currency not in '-+.,;"@()[]*!'
    ):
        return currency
    return '"' + currency.replace('"', "'") + '"'


def _tags(row: dict) -> Iterator[str]:
    yield f"id: {row['id']}"
    yield f"status: {row['status']}"
    for key, tag in (
        ("closed_on", "closed"),
        ("thanked_on", "thanked"),
        ("heat", "heat"),
        ("by", "by"),
        ("customer_contact", "contact"),
    ):
        if row.get(key) not in (None, ""):
            yield f"{tag}: {_one_line(str(row[key]))}"
    for line in (row.get("note") or "").splitlines():
        yield f"note: {line}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def transaction(row: dict, value_commodity: str) -> str:
    """One referral row (as core.export.referral_rows gives it) as a transaction."""
    mark = "!" if row["status"] == "open" else "*"
    lines = [f"{row['date']} {mark} {description(row['customer'])}"]
    lines += [f"    ; {tag}" for tag in _tags(row)]
    name = account(row["direction"], row["partner"])
    lines.append(f"    ({name})  1 {COUNT}")
    if row["status"] == "won" and row["value"] is not None:
        lines.append(f"    ({name})  {row['value']} {value_commodity}")
    return "\n".join(lines) + "\n\n"


def journal_chunks(rows: Iterable[dict], currency: str | None) -> Iterator[str]:
    """The journal in pieces of BATCH transactions, oldest first as the rows come."""
    value_commodity = commodity(currency)
    header = "; Referrals exported by recip: one transaction a referral.\n\n"
    batch = [header]
    for row in rows:
        batch.append(transaction(row, value_commodity))
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch)
