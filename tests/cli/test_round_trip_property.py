"""Random partners, referrals and touches go out and come back exactly (issue 20): through
the JSON backup (everything), the two CSVs (partners and referrals, every column) and
vCards (every field of a partner). The text is what breaks formats: quotes, a leading ' or
=, commas, semicolons, backslashes, carriage returns and line breaks, emoji, accents."""

import contextlib
import datetime as dt
import itertools
import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reciprocity_cli.core import fields as f
from reciprocity_cli.core.dates import EARLIEST, LATEST
from reciprocity_cli.core.touches import TOUCH_KINDS
from reciprocity_cli.errors import RecipError
from tests.helpers import ON_POSTGRES, examples, new_postgres_database

# Pieces that have broken a format before, or could: spreadsheet formula starts and the
# apostrophe that guards them, CSV and vCard separators and escapes, a vCard's own escape
# for a carriage return written literally, emoji, a decomposed accent.
PIECES = ["'", "=", "+", "-", "@", '"', ",", ";", ":", "\\", "%0D", "%25", "%", "\U0001f600"]
PIECES += ["Caf\u00e9", "e\u0301", "\u00fc", " "]
BREAKS = ["\r", "\n", "\r\n", "\r\r\n", "\t", "\u2028", "\x0b", "\x1c", "\x85"]


def _text(pieces: list[str], control: bool) -> st.SearchStrategy[str | None]:
    """Text recip stores as it is given: composed (NFC), as every field is stored."""
    blacklist = ("Cs",) if control else ("Cs", "Cc")
    plain = st.text(st.characters(blacklist_categories=blacklist, blacklist_characters="\x00"))
    piece = st.one_of(st.sampled_from(pieces), plain.map(lambda t: t[:12]))
    return st.one_of(
        st.none(),
        st.lists(piece, min_size=1, max_size=6)
        .map(lambda parts: unicodedata.normalize("NFC", "".join(parts)))
        .filter(bool),
    )


free_text = _text(PIECES + BREAKS, control=True)  # does, notes, address, a note
short_text = _text([*PIECES, "\u2028"], control=False)  # contact, phone, customer, by


def _checked(check, *args):
    """What recip stores of a generated value, or None where it refuses it."""
    try:
        return check(*args)
    except RecipError:
        return None


# Only names recip accepts: a history needs at least one partner to point at.
names = (
    st.lists(st.sampled_from([*PIECES, "Joe", "Plumbing", "Ltd"]), min_size=1)
    .map(lambda parts: _checked(f.clean_name, "".join(parts)))
    .filter(bool)
)
tags = st.lists(st.sampled_from(["trades", "24/7", "caf\u00e9", "'=x", "a;b", "\\", "\U0001f600"]))
days = st.dates(EARLIEST, LATEST).map(dt.date.isoformat)


def later(day: str) -> st.SearchStrategy[str]:
    """A day from `day` on: when a won or lost referral closed."""
    start = dt.date.fromisoformat(day)
    return st.integers(0, min(400, (LATEST - start).days)).map(
        lambda n: (start + dt.timedelta(days=n)).isoformat()
    )


money = st.one_of(st.none(), st.integers(0, 10**14 - 1).map(lambda c: str(f.cents_to_decimal(c))))


@st.composite
def partners(draw) -> list[dict]:
    found, keys = [], set()
    for name in draw(st.lists(names, min_size=1, max_size=4)):
        if f.name_key(name) in keys:
            continue
        keys.add(f.name_key(name))
        local = draw(st.sampled_from(["joe", "'=x", "a\\b", "caf\u00e9", "\U0001f600"]))
        found.append(
            {
                "name": name,
                "does": draw(free_text),
                "kind": draw(st.sampled_from(f.PARTNER_KINDS)),
                "contact": draw(short_text),
                "phone": draw(short_text),
                "email": draw(st.sampled_from([None, f"{local}@example.com"])),
                "website": draw(short_text),
                "address": draw(free_text),
                "tags": f.split_tags(f.clean_tags(draw(tags))),
                "notes": draw(free_text),
                "touch_every": draw(st.one_of(st.none(), st.integers(1, 3650))),
                "gift_every": draw(st.one_of(st.none(), st.integers(1, 3650))),
                "archived": draw(st.booleans()),
            }
        )
    return found


@st.composite
def histories(draw) -> dict:
    listed = draw(partners())
    referrals = []
    for number in range(1, draw(st.integers(0, 4)) + 1):
        direction = draw(st.sampled_from(["given", "got"]))
        day = draw(days)
        status = draw(st.sampled_from(f.STATUSES))
        referrals.append(
            {
                "id": number,
                "date": day,
                "direction": direction,
                "partner": draw(st.sampled_from(listed))["name"],
                "customer": draw(short_text),
                "customer_contact": draw(short_text),
                "note": draw(free_text),
                "heat": draw(st.one_of(st.none(), st.integers(1, 5))),
                "value": draw(money),
                "status": status,
                "by": draw(short_text),
                "thanked_on": draw(st.one_of(st.none(), days)) if direction == "got" else None,
                "closed_on": None if status == "open" else draw(later(day)),
            }
        )
    touches = [
        {
            "id": number,
            "kind": draw(st.sampled_from(TOUCH_KINDS)),
            "partner": draw(st.sampled_from(listed))["name"],
            "date": draw(days),
            "note": draw(free_text),
            "cost": draw(money),
            "by": draw(short_text),
        }
        for number in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return {"partners": listed, "referrals": referrals, "touches": touches}


STAMPS = ("created_at", "updated_at")
_count = itertools.count()


@contextlib.contextmanager
def fresh_database(folder: Path):
    if not ON_POSTGRES:
        yield str(folder / f"db-{next(_count)}.db")
        return
    with new_postgres_database() as url:
        yield url


def _backup(recip, database: str) -> dict:
    """Everything a database holds, as its JSON backup shows it (timestamps aside, and the
    partners' ids, which follow the order they were added in)."""
    document = json.loads(recip("--db", database, "export").stdout)
    left_out = {"partners": (*STAMPS, "id"), "referrals": STAMPS, "touches": STAMPS}
    return {
        key: [{k: v for k, v in row.items() if k not in left_out[key]} for row in document[key]]
        for key in ("partners", "referrals", "touches")
    }


def _by_key(rows: list[dict], key: str) -> dict:
    return {row[key]: row for row in rows}


SETTINGS = settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _partner(name: str, **fields) -> dict:
    empty = dict.fromkeys(("does", "contact", "phone", "email", "website", "address", "notes"))
    return {
        **empty,
        **{"name": name, "kind": "other", "tags": [], "archived": False},
        **{"touch_every": None, "gift_every": None},
        **fields,
    }


@SETTINGS
@given(history=histories())
# What it found: a lone carriage return left a CSV cell unquoted (and the file unreadable),
# and came back from a vCard as a line break.
@example(history={"partners": [_partner("'", notes="\r")], "referrals": [], "touches": []})
@example(
    history={
        "partners": [_partner("=x", does="a\rb%0D", address=" 1\r\n2 ", phone=" 5 ")],
        "referrals": [],
        "touches": [],
    }
)
def test_everything_comes_back_exactly(recip, tmp_path, history):
    folder = tmp_path / f"example-{next(_count)}"
    folder.mkdir()
    expected = {
        "partners": _by_key(history["partners"], "name"),
        "referrals": _by_key(history["referrals"], "id"),
        "touches": _by_key(history["touches"], "id"),
    }
    source = folder / "history.json"
    source.write_text(json.dumps({"format": "recip-backup", "version": 1, **history}))
    with contextlib.ExitStack() as stack:
        first, from_csv, from_cards = (stack.enter_context(fresh_database(folder)) for _ in "abc")
        # JSON: in, and out again as it went in.
        recip("--db", first, "import", str(source))
        restored = _backup(recip, first)
        assert _by_key(restored["partners"], "name") == expected["partners"]
        assert _by_key(restored["referrals"], "id") == expected["referrals"]
        assert _by_key(restored["touches"], "id") == expected["touches"]

        # CSV: the partners, then the referrals that name them; every column.
        for name, args in (("partners.csv", ["--what", "partners"]), ("referrals.csv", [])):
            path = folder / name
            recip("--db", first, "export", "--format", "csv", *args, "--output", str(path))
            recip("--db", from_csv, "import", str(path))
        restored = _backup(recip, from_csv)
        assert _by_key(restored["partners"], "name") == expected["partners"]
        assert _by_key(restored["referrals"], "id") == expected["referrals"]

        # vCards: every field of a partner.
        cards = folder / "partners.vcf"
        recip("--db", first, "export", "--output", str(cards))
        recip("--db", from_cards, "import", str(cards))
        restored = _backup(recip, from_cards)
        assert _by_key(restored["partners"], "name") == expected["partners"]
