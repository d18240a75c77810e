"""Any text a user can type: stored exactly, or refused with one line and nothing written."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import table_dump
from reciprocity_cli.core.fields import clean_name

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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


def _outcome(recip, db_path, args):
    recip("db", "check")  # the schema exists before the snapshot
    before = table_dump(db_path)
    result = recip.runner.invoke(recip_app(), args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), (args, result.output)
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("Error: ")
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
        assert entry[key] == (text or None)  # an explicit "" leaves the field empty


@SETTINGS
@given(
    field=st.sampled_from(["does", "note", "phone", "address", "contact", "website"]), text=any_text
)
def test_partner_text_fields(recip, partners, db_path, field, text):
    result = _outcome(recip, db_path, ["partner", "edit", "acme", f"--{field}={text}"])
    if result.exit_code == 0:
        shown = json.loads(recip("partner", "show", "acme", "--json").stdout)
        assert shown[{"note": "notes"}.get(field, field)] == (text or None)


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
