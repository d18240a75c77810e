"""Any text a user can type: stored exactly, or refused with one line and nothing written."""

import json
import unicodedata
from unicodedata import normalize

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.core.fields import clean_name
from reciprocity_cli.render.text import BIDI_CONTROLS, safe
from tests.helpers import examples, table_dump

SETTINGS = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

any_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.sampled_from(
        [
            "[red]x[/red]",
            "\x1b[31mred",
            "\u202eevil",
            "a\x00b",
            "'; DROP TABLE x;--",
            "🔧" * 50,
            "\n\t",
            " padded ",
        ]
    ),
    st.builds(
        lambda ch, n: ch * n,
        st.characters(blacklist_categories=("Cs",)),
        st.integers(9_990, 10_010),
    ),
)


def _outcome(recip, db_path, args, codes=(0, 1)):
    recip("db", "check")  # the schema exists before the snapshot
    before = table_dump(db_path)
    result = recip.runner.invoke(recip_app(), args)
    assert "Traceback" not in result.output
    assert result.exit_code in codes, (args, result.output)
    if result.exit_code != 0:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("Error: ")
        assert _harmless(result.stderr) and len(result.stderr) < 500, result.stderr
        assert table_dump(db_path) == before
    return result


def recip_app():
    from reciprocity_cli.cli import app

    return app


@SETTINGS
@given(field=st.sampled_from(["note", "customer", "contact", "by"]), text=any_text)
def test_referral_text_fields(recip, partners, db_path, field, text):
    result = _outcome(recip, db_path, ["give", "joe", f"--{field}={text}"])
    if result.exit_code == 0:
        key = {"contact": "customer_contact"}.get(field, field)
        entry = json.loads(recip("log", "--json", "--limit", "1").stdout)[0]
        # Stored composed (NFC), as partner fields are; an explicit "" leaves the field empty.
        assert entry[key] == (normalize("NFC", text) or None)


@SETTINGS
@given(
    field=st.sampled_from(["does", "note", "phone", "address", "contact", "website"]), text=any_text
)
def test_partner_text_fields(recip, partners, db_path, field, text):
    result = _outcome(recip, db_path, ["partner", "edit", "acme", f"--{field}={text}"])
    if result.exit_code == 0:
        shown = json.loads(recip("partner", "show", "acme", "--json").stdout)
        # Stored composed (NFC), so what looks the same is spelled the same.
        assert shown[{"note": "notes"}.get(field, field)] == (normalize("NFC", text) or None)


@SETTINGS
@given(name=any_text)
def test_partner_names(recip, db_path, name):
    result = _outcome(recip, db_path, ["partner", "add", "--force", "--", name])
    if result.exit_code == 0:
        names = [p["name"] for p in json.loads(recip("partner", "list", "--json").stdout)]
        assert clean_name(name) in names
        assert json.loads(recip("partner", "show", "--json", "--", name).stdout)["name"] == (
            clean_name(name)
        )


@SETTINGS
@given(
    value=st.one_of(
        st.text(max_size=30), st.decimals(allow_nan=True).map(str), st.integers().map(str)
    )
)
def test_values(recip, partners, db_path, value):
    _outcome(recip, db_path, ["got", "joe", f"--value={value}"])


@SETTINGS
@given(
    date=st.one_of(
        st.text(max_size=20), st.dates().map(str), st.integers(-5, 100_000).map(lambda n: f"{n}d")
    )
)
def test_dates(recip, partners, db_path, date):
    _outcome(recip, db_path, ["give", "joe", f"--date={date}"])


# --- what a terminal is shown -----------------------------------------------------------

hostile = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "[", "]", "/", "\r"]),
    ),
    min_size=1,
    max_size=40,
)
SCREENS = [
    ["partner", "list"],
    ["partner", "show", "--", "{name}"],
    ["balance"],
    ["log"],
    ["log", "--touches"],
    ["today"],
    ["who", "zz"],
    ["report"],
    ["sheet"],
    ["give", "--", "{name}"],
]


def _harmless(screen: str) -> bool:
    """Nothing a terminal would obey: no control character but newline, no bidi override."""
    return not any(
        (unicodedata.category(ch) == "Cc" and ch != "\n") or ch in BIDI_CONTROLS for ch in screen
    )


@SETTINGS
@given(name=hostile, note=hostile)
def test_names_and_notes_print_literally_and_harmlessly(recip, db_path, name, note):
    added = _outcome(
        recip,
        db_path,
        ["partner", "add", "--force", f"--does=zz {note}", f"--note={note}", "--", name],
    )
    if added.exit_code != 0:
        return
    stored = json.loads(recip("partner", "show", "--json", "--", name).stdout)
    composed = unicodedata.normalize("NFC", note)  # text is stored composed, as typed otherwise
    assert (stored["does"], stored["notes"]) == (f"zz {composed}", composed)
    recip("got", f"--note={note}", "--", name)
    recip("touch", "--kind=gift", f"--note={note}", "--cost=5", "--", name)
    for screen in SCREENS:
        args = [stored["name"] if a == "{name}" else a for a in screen]
        out = recip(*args).stdout
        assert _harmless(out), (args, out)
    # Rich markup in a name is shown as typed, never styled away.
    if "[" in stored["name"] and "]" in stored["name"]:
        assert safe(stored["name"]) in recip("partner", "list").stdout


# --- every option that takes text, on every command -------------------------------------

# {x} is where the hostile text goes. Each run must succeed or fail with one line and exit 1,
# and a failure must leave the database exactly as it was (checked by _outcome). Options
# that take a number or one of a few words exit 2 on anything else: a usage mistake (DESIGN).
USAGE = ("--touch-every=", "--limit=", "--what=")
ANY_COMMAND = [
    ["partner", "add", "--force", "--email={x}", "--", "Mail Test"],
    ["partner", "add", "--force", "--website={x}", "--", "Web Test"],
    ["partner", "add", "--force", "--tag={x}", "--", "Tag Test"],
    ["partner", "add", "--force", "--kind={x}", "--", "Kind Test"],
    ["partner", "add", "--force", "--touch-every={x}", "--", "Touch Test"],
    ["partner", "edit", "acme", "--email={x}"],
    ["partner", "edit", "acme", "--tag={x}"],
    ["partner", "rename", "acme", "--", "{x}"],
    ["partner", "show", "--", "{x}"],
    ["partner", "list", "--tag={x}"],
    ["partner", "list", "--kind={x}"],
    ["give", "--", "{x}"],
    ["give", "joe", "--heat={x}"],
    ["got", "joe", "--status={x}"],
    ["got", "joe", "--value={x}", "--status=won"],
    ["edit", "1", "--customer={x}"],
    ["edit", "1", "--note={x}"],
    ["edit", "1", "--contact={x}"],
    ["edit", "1", "--by={x}"],
    ["edit", "1", "--thanked-on={x}"],
    ["edit", "1", "--date={x}"],
    ["edit", "--note=changed", "--", "{x}"],
    ["edit", "1", "--status=won", "--closed-on={x}"],
    ["rm", "--yes", "--", "{x}"],
    ["won", "--", "{x}"],
    ["won", "1", "--value={x}"],
    ["won", "1", "--date={x}"],
    ["lost", "1", "--note={x}"],
    ["thank", "joe", "--cost={x}"],
    ["touch", "harbor", "--kind=meeting", "--note={x}"],
    ["touch", "harbor", "--kind={x}"],
    ["log", "--partner={x}"],
    ["log", "--limit={x}"],
    ["log", "--search={x}"],
    ["log", "--status={x}"],
    ["log", "--by={x}"],
    ["log", "--touches", "--search={x}"],
    ["log", "--touches", "--kind={x}"],
    ["log", "--touches", "--by={x}"],
    ["edit", "t1", "--note={x}"],
    ["edit", "t1", "--cost={x}"],
    ["edit", "t1", "--kind={x}"],
    ["edit", "--note=changed", "--", "t{x}"],
    ["rm", "--yes", "--", "t{x}"],
    ["who", "--", "{x}"],
    ["balance", "--tag={x}"],
    ["report", "--week={x}"],
    ["report", "--month={x}"],
    ["report", "--since={x}"],
    ["report", "--by={x}"],
    ["today", "--date={x}"],
    ["sheet", "--tag={x}"],
    ["config", "currency", "--", "{x}"],
    ["config", "fair_band", "--", "{x}"],
    ["config", "workdays", "--", "{x}"],
    ["config", "--", "{x}"],
    ["export", "--what={x}"],
]


@pytest.mark.parametrize("template", ANY_COMMAND, ids=" ".join)
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=any_text)
def test_any_text_in_any_option(recip, partners, db_path, template, text):
    if not (recip.json("log", "--limit", "1")):
        recip("got", "joe", "--customer", "First")  # so `edit 1` has an entry to work on
    if "t1" in template and not recip.json("log", "--touches", "--limit", "1"):
        recip("touch", "joe", "--kind", "meeting")  # and `edit t1` a gesture
    args = [part.replace("{x}", text) for part in template]
    usage = any(part.startswith(USAGE) for part in template)
    _outcome(recip, db_path, args, codes=(0, 1, 2) if usage else (0, 1))
