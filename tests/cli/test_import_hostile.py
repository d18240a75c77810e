"""Files made to break import: each ends in one named line and an untouched database, or in
a clean import; never in the bug line, and never at a cost out of proportion to the file."""

import base64
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.core.imports import source
from tests.helpers import examples, table_dump

BUG_LINE = "This is a bug in recip"


def snapshot(db_path) -> object:
    """What must not change when an import is refused: the file's bytes on SQLite (nothing
    half-written, not even a page), the rows on PostgreSQL."""
    if isinstance(db_path, Path):
        return hashlib.sha256(db_path.read_bytes()).hexdigest()
    return table_dump(db_path)


def refused(recip, db_path, path: Path) -> str:
    """Import `path`, which must be refused with one line; the database is unchanged."""
    recip("db", "check")  # the schema exists before the snapshot
    before = snapshot(db_path)
    line = recip.fails("import", str(path))
    assert BUG_LINE not in line and len(line) < 500, line
    assert snapshot(db_path) == before
    return line


def backup(tmp_path, text: str, name: str = "b.json") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def document(**sections) -> dict:
    return {"format": "recip-backup", "version": 1, **sections}


def one_record_a_line(doc: dict) -> str:
    """The backup as export lays it out, each record on a line of its own."""
    head = {key: value for key, value in doc.items() if not isinstance(value, list)}
    text = json.dumps(head)[:-1]
    for key, rows in doc.items():
        if isinstance(rows, list):
            text += f',\n"{key}": [\n' + ",\n".join(json.dumps(row) for row in rows) + "\n]"
    return text + "\n}\n"


PARTNER = {"name": "Joe's Plumbing"}
REFERRAL = {"id": 7, "date": "2026-11-01", "direction": "got", "partner": "Joe's Plumbing"}
TOUCH = {"date": "2026-11-01", "kind": "gift", "partner": "Joe's Plumbing"}


def test_deep_nesting_is_refused_with_its_line(recip, db_path, tmp_path):
    depth = 200_000
    text = '{"format": "recip-backup", "version": 1,\n"partners": ' + "[" * depth + "]" * depth
    line = refused(recip, db_path, backup(tmp_path, text + "}"))
    assert line == "Error: line 2: lists and objects nest over 32 deep here; not a recip backup."


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "recip-backup", "version": 1' + "0" * 5000 + "}",
        json.dumps(document(referrals=[REFERRAL])).replace('"id": 7', '"id": ' + "9" * 5000),
        json.dumps(document(partners=[{"name": "A", "touch_every": 1}])).replace(
            '"touch_every": 1', '"touch_every": -' + "1" * 4400
        ),
    ],
)
def test_huge_numbers_are_refused(recip, db_path, tmp_path, text):
    line = refused(recip, db_path, backup(tmp_path, text))
    assert "The backup holds a number of" in line and "at most 18" in line


def test_nan_is_not_json(recip, db_path, tmp_path):
    text = json.dumps(document(referrals=[{**REFERRAL, "heat": 1}])).replace(
        '"heat": 1', '"heat": NaN'
    )
    assert "holds NaN, which is not a JSON value" in refused(recip, db_path, backup(tmp_path, text))


@pytest.mark.parametrize(
    ("section", "record", "message"),
    [
        ("partners", {**PARTNER, "archived": 5}, "archived must be true or false, not a number."),
        ("partners", {**PARTNER, "archived": [1]}, "archived must be true or false, not a list."),
        ("partners", {**PARTNER, "archived": "maybe"}, 'archived "maybe" must be true or false.'),
        ("partners", {"name": None}, "Partner name is empty"),
        ("partners", {"name": ["Joe"]}, "name must be text, not a list."),
        ("partners", {**PARTNER, "phone": 5550100}, "phone must be text, not a number."),
        ("partners", {**PARTNER, "email": {"a": 1}}, "email must be text, not an object."),
        ("partners", {**PARTNER, "kind": True}, "kind must be text, not true or false."),
        ("partners", {**PARTNER, "tags": {"a": 1}}, "tags must be a list of text, not an object."),
        ("partners", {**PARTNER, "tags": 5}, "tags must be a list of text, not a number."),
        ("partners", {**PARTNER, "touch_every": True}, "touch_every must be a whole number, not"),
        ("partners", {**PARTNER, "touch_every": 1.5}, "touch_every must be a whole number, not"),
        ("partners", {**PARTNER, "touch_every": [30]}, "touch_every must be a whole number, not"),
        ("referrals", {**REFERRAL, "id": True}, "id must be a whole number, not true or false."),
        ("referrals", {**REFERRAL, "id": -1}, "id -1 is not a whole number of up to 18 digits."),
        ("referrals", {**REFERRAL, "id": "7.5"}, 'id "7.5" is not a whole number.'),
        ("referrals", {**REFERRAL, "heat": True}, "heat must be a whole number, not true or"),
        ("referrals", {**REFERRAL, "heat": 4.5}, "heat must be a whole number, not a number."),
        ("referrals", {**REFERRAL, "heat": [4]}, "heat must be a whole number, not a list."),
        ("referrals", {**REFERRAL, "value": [1]}, "value must be an amount, not a list."),
        ("referrals", {**REFERRAL, "value": False}, "value must be an amount, not true or false."),
        ("referrals", {**REFERRAL, "direction": 1}, "direction must be text, not a number."),
        ("referrals", {**REFERRAL, "partner": None}, "partner is empty"),
        ("referrals", {**REFERRAL, "partner": {"n": 1}}, "partner must be text, not an object."),
        ("referrals", {**REFERRAL, "status": ["won"]}, "status must be text, not a list."),
        ("referrals", {**REFERRAL, "by": 5}, "by must be text, not a number."),
        ("referrals", {**REFERRAL, "date": None}, "date is empty."),
        ("referrals", {**REFERRAL, "date": ["2026-11-01"]}, "date is not a date (YYYY-MM-DD)"),
        ("referrals", {**REFERRAL, "thanked_on": 1}, "thanked_on 1 is not a date (YYYY-MM-DD)"),
        ("touches", {**TOUCH, "kind": 5}, "kind must be text, not a number."),
        ("touches", {**TOUCH, "cost": {"v": 1}}, "cost must be an amount, not an object."),
        ("touches", {**TOUCH, "note": ["hi"]}, "note must be text, not a list."),
        ("touches", {**TOUCH, "id": 1e3}, "id must be a whole number, not a number."),
    ],
)
def test_every_field_is_type_checked(recip, db_path, tmp_path, section, record, message):
    sections = {"partners": [PARTNER], section: [record]}
    line = refused(recip, db_path, backup(tmp_path, json.dumps(document(**sections), indent=1)))
    assert line.startswith("Error: line ") and message in line, line


@pytest.mark.parametrize("value", [["EUR"], {"sign": "€"}, 5, True, None])
def test_setting_values_must_be_text(recip, db_path, tmp_path, value):
    text = json.dumps(document(settings={"currency": value}))
    line = refused(recip, db_path, backup(tmp_path, text))
    assert line.startswith('Error: The backup\'s setting "currency" must be text, not ')


@pytest.mark.parametrize(
    "stamp",
    ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "3000-01-01T00:00:00", "1899-12-31"],
)
@pytest.mark.parametrize("section", ["partners", "referrals", "touches"])
def test_timestamps_are_range_checked(recip, db_path, tmp_path, section, stamp):
    record = {"partners": PARTNER, "referrals": REFERRAL, "touches": TOUCH}[section]
    sections = {"partners": [PARTNER], section: [{**record, "created_at": stamp}]}
    if section == "partners":
        sections["partners"] = [{**record, "created_at": stamp}]
    text = json.dumps(document(**sections))
    line = refused(recip, db_path, backup(tmp_path, text))
    assert f"created_at {stamp} is outside 1900-01-01 to 2999-12-31." in line


def test_timestamps_at_the_edges_of_the_range_import(recip, tmp_path):
    record = {**PARTNER, "created_at": "1900-01-01T00:00:00+14:00"}
    text = json.dumps(document(partners=[record, {"name": "B", "updated_at": "2999-12-31"}]))
    recip("import", str(backup(tmp_path, text)))
    assert len(recip.json("partner", "list")) == 2


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"format": "recip-backup", "version": 1, "version": 1}', "version"),
        (
            '{"format": "recip-backup", "version": 1, "partners": [{"name": "A", "name": "B"}]}',
            "name",
        ),
        (
            '{"format": "recip-backup", "version": 1,\n'
            '"settings": {"currency": "$", "currency": "€"}}',
            "currency",
        ),
    ],
)
def test_duplicate_keys_are_refused(recip, db_path, tmp_path, text, key):
    line = refused(recip, db_path, backup(tmp_path, text))
    assert line == (
        f'Error: The backup has the key "{key}" twice in one object; remove one and import again.'
    )


def test_unknown_keys_are_named_in_one_note(recip, tmp_path):
    text = json.dumps(
        document(
            extra=1,
            partners=[{**PARTNER, "colour": "red", "\x1b[31mevil": 1}],
            referrals=[{**REFERRAL, "colour": "blue", "rating": 5}],
        )
    )
    result = recip("import", str(backup(tmp_path, text)))
    assert result.stdout.startswith("Imported b.json (backup): added 1 partner, 1 referral;")
    assert result.stderr.splitlines() == [
        "Note: The backup has fields this recip does not read, ignored: "
        '"\\x1b[31mevil" (partners), "colour" (partners), "extra" (top level), '
        '"rating" (referrals).'
    ]


def test_dev_zero_is_refused_at_once(recip, db_path):
    line = refused(recip, db_path, Path("/dev/zero"))
    assert (
        line == "Error: /dev/zero is not text (it holds NUL bytes); import a backup, CSV or vCard."
    )


def test_a_file_past_the_limit_is_refused(recip, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "big.csv"
    path.write_text("name\n" + "Acme\n" * 300_000)
    line = refused(recip, db_path, path)
    assert line == f"Error: {path} is too large (over 1 MiB); split it into smaller files."


def test_a_long_first_csv_cell_is_not_a_crash(recip, db_path, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("x" * 200_000 + "\n1\n")
    assert "not a file recip reads" in refused(recip, db_path, path)


def photo_card(megabytes: float) -> str:
    """A card as phones write one: a base64 PHOTO folded at 74 columns."""
    photo = base64.b64encode(bytes(range(256)) * int(megabytes * 3000)).decode()
    folded = "\r\n ".join(photo[i : i + 73] for i in range(0, len(photo), 73))
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo Ltd\r\nORG:Big Photo Ltd\r\nTEL:555 0100\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nNOTE:after the photo\r\nEND:VCARD\r\n"
    )


def test_a_vcard_with_a_large_photo_imports(recip, tmp_path):
    path = tmp_path / "photo.vcf"
    path.write_text(photo_card(2), newline="")  # about 2 MB of base64
    assert path.stat().st_size > 2_000_000
    recip("import", str(path))
    shown = recip.json("partner", "show", "big photo")
    assert (shown["phone"], shown["notes"]) == ("555 0100", "after the photo")


def test_skipped_properties_keep_their_soft_line_breaks_out_of_the_card(recip, tmp_path):
    path = tmp_path / "qp.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Smith Garage\nORG:Smith Garage\n"
        "X-CUSTOM;ENCODING=QUOTED-PRINTABLE:first=\nTEL:not a phone\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 =\nowner\nEND:VCARD\n"
    )
    recip("import", str(path))
    shown = recip.json("partner", "show", "smith garage")
    assert (shown["phone"], shown["notes"]) == (None, "Café owner")


def test_a_kept_vcard_property_past_any_field_limit_is_refused(recip, db_path, tmp_path):
    path = tmp_path / "note.vcf"
    note = "\r\n ".join(["x" * 73] * 4000)  # 292,000 characters once unfolded
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:{note}\r\nEND:VCARD\r\n")
    line = refused(recip, db_path, path)
    assert line == (
        "Error: line 1: the NOTE of this vCard is over 262,144 characters long; recip keeps "
        "fields of at most 10,000."
    )


def test_a_vcard_of_many_kept_properties_is_refused(recip, db_path, tmp_path):
    path = tmp_path / "phones.vcf"
    phones = "".join(f"TEL:{n:0200d}\r\n" for n in range(6000))  # 1.2 million characters
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n{phones}END:VCARD\r\n")
    line = refused(recip, db_path, path)
    assert line == (
        "Error: line 1: this vCard holds over 1,048,576 characters of the fields recip reads; "
        "no partner is that large."
    )


def test_a_backup_dated_after_today_restores_with_one_note(recip, tmp_path, monkeypatch):
    """A colleague a time zone ahead, or a clock set wrong, wrote these; the backup still
    restores what recip wrote, and says so once."""
    text = one_record_a_line(
        document(
            partners=[PARTNER],
            referrals=[
                REFERRAL,
                {**REFERRAL, "id": 8, "date": "2026-11-24"},
                {**REFERRAL, "id": 9, "thanked_on": "2026-11-27"},
            ],
            touches=[{**TOUCH, "date": "2026-12-01"}],
        )
    )
    path = backup(tmp_path, text)
    result = recip("import", str(path))
    assert "added 1 partner, 3 referrals, 1 touch" in result.stdout
    first = next(n for n, line in enumerate(text.splitlines(), 1) if "2026-11-24" in line)
    assert result.stderr.splitlines() == [
        "Note: 2 referrals and 1 touch dated after today (2026-11-23) kept as written "
        f"(first: line {first}, 2026-11-24)."
    ]
    assert sorted(e["date"] for e in recip.json("log")) == [
        "2026-11-01",
        "2026-11-01",
        "2026-11-24",
    ]
    # What was restored exports and imports back exactly.
    exported = tmp_path / "again.json"
    recip("export", "--output", str(exported))
    monkeypatch.setenv("RECIP_DB", str(tmp_path / "second.db"))
    recip("import", str(exported))
    again = tmp_path / "again2.json"
    recip("export", "--output", str(again))
    assert (
        json.loads(again.read_text())["referrals"] == json.loads(exported.read_text())["referrals"]
    )


def test_a_csv_dated_after_today_imports_with_the_same_note(recip, joe, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,"
        "thanked_on\n,2026-11-01,got,Joe's Plumbing,,,,,,open,,\n"
        ",2026-12-25,got,Joe's Plumbing,,,,,,open,,\n"
    )
    result = recip("import", str(path))
    assert result.stderr.splitlines() == [
        "Note: 1 referral dated after today (2026-11-23) kept as written "
        "(first: line 3, 2026-12-25)."
    ]


def test_a_date_typed_after_today_is_still_refused(recip, joe):
    assert "is in the future" in recip.fails("give", "joe", "--date", "2026-11-24")


@pytest.mark.parametrize("date", ["3000-01-01", "1899-12-31"])
def test_dates_outside_the_range_are_refused_in_files(recip, db_path, tmp_path, date):
    text = json.dumps(document(partners=[PARTNER], referrals=[{**REFERRAL, "date": date}]))
    line = refused(recip, db_path, backup(tmp_path, text))
    assert line.endswith(f"date {date} is outside 1900-01-01 to 2999-12-31.")


# Any JSON value in any field of any record: a named line or a clean import, nothing else.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-11-01", "2999-12-31T00:00:00+14:00", "7", "$12", "true", ""]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = {
    "partners": (
        PARTNER,
        ["name", "does", "kind", "tags", "touch_every", "archived", "created_at"],
    ),
    "referrals": (REFERRAL, ["id", "date", "direction", "heat", "value", "status", "thanked_on"]),
    "touches": (TOUCH, ["id", "kind", "date", "cost", "by", "created_at", "partner"]),
}


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    section=st.sampled_from(sorted(FIELDS)),
    data=st.data(),
    value=json_values,
)
def test_any_json_value_in_any_field(recip, db_path, tmp_path, section, data, value):
    record, names = FIELDS[section]
    field = data.draw(st.sampled_from(names))
    sections = {"partners": [PARTNER], section: [{**record, field: value}]}
    text = json.dumps(document(**sections))
    path = backup(tmp_path, text)
    recip("db", "check")
    before = snapshot(db_path)
    result = recip.runner.invoke(recip_app(), ["import", str(path), "--dry-run"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        assert BUG_LINE not in result.stderr
    assert snapshot(db_path) == before  # a dry run, or a refusal, writes nothing


def recip_app():
    from reciprocity_cli.cli import app

    return app
