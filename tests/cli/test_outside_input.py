"""What comes from outside the command line, generated: any file given to `recip import`
and any value in recip's environment variables. Each is taken, or refused with one line on
stderr and the database untouched; the "bug in recip" line never appears. Files are made
from recip's own exports, damaged field by field, and from the hostile shapes a probe found
(deep nesting, huge numbers, wrong types, duplicate keys, lone surrogates, binary)."""

import contextlib
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.helpers import ON_POSTGRES, examples, table_dump

SETTINGS = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BUG_WORDS = ("This is a bug in recip", "Unexpected ", "Traceback")

# Text a file may hold in any field: ordinary, hostile, huge, invisible.
field_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\u200b",
            "\ufeff",
            "\u3164",
            "Cafe\u0301",
            "a\x00b",
            "line\nbreak",
            "\x1b[31mred",
            "'; DROP TABLE partner;--",
            "9999-12-31",
            "0001-01-01T00:00:00+14:00",
            "2026-13-45",
            "1e309",
            "-1",
            "NaN",
            "x" * 20_001,
        ]
    ),
)
# Any JSON value, including the ones Python's json accepts beyond the standard.
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**40, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    field_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)

# Whole files no export would write: each once, whatever hypothesis draws.
HOSTILE_JSON = [
    '{"format":"recip-backup","version":1,"partners":' + "[" * 200_000 + "]" * 200_000 + "}",
    '{"format":"recip-backup","version":' + "9" * 5_000 + "}",
    '{"format":"recip-backup","version":1,"referrals":[{"id":' + "7" * 5_000 + "}]}",
    '{"format":"recip-backup","format":"recip-backup","version":1}',
    '{"format":"recip-backup","version":1,"partners":[{"name":"A","name":"B"}]}',
    '{"format":"recip-backup","version":1,"partners":[{"name":"\\ud800"}]}',
    '{"format":"recip-backup","version":1,"settings":{"currency":["$"]}}',
    '{"format":"recip-backup","version":1.5}',
    '{"format":"recip-backup","version":NaN}',
    "[]",
    "",
    "\ufeff{",
]


def _snapshot(recip, database) -> object:
    """The database as stored: the file's bytes on SQLite, every row on PostgreSQL. A run
    first, so that whatever the last command left in the log is in the file."""
    recip("db", "check")
    if isinstance(database, Path):
        return hashlib.sha256(database.read_bytes()).hexdigest(), table_dump(database)
    return table_dump(database)


def run_outside(recip, args: list[str]):
    """Run one command and hold it to the promise: never the bug line, exit 0, 1 or 2, and
    a failure is one short line."""
    result = recip.runner.invoke(_app(), args)
    screen = result.output + result.stderr
    assert not any(word in screen for word in BUG_WORDS), screen[-2000:]
    # With RECIP_DEBUG set, a bug escapes as an exception instead of the polite line.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), (result.exit_code, screen[-2000:])
    _count(result.exit_code)
    if result.exit_code != 0:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr[-2000:]
        assert len(lines[0]) < 600, lines[0][:600]
    return result


def import_outcome(recip, db_path, path: Path, *options: str):
    """One import, held to the promise; a refusal or a dry run leaves the database as is."""
    before = _snapshot(recip, db_path)
    result = run_outside(recip, ["import", str(path), *options])
    if result.exit_code != 0 or "--dry-run" in options:
        assert _snapshot(recip, db_path) == before, "a refused or dry import changed the database"
    return result


def _count(exit_code: int) -> None:
    """How often each outcome came up (pytest --hypothesis-show-statistics): the generators
    must reach both imports that succeed and refusals, or the property proves little."""
    from hypothesis.errors import InvalidArgument

    with contextlib.suppress(InvalidArgument):  # a plain (not generated) test: no count
        event(f"exit {exit_code}")


def _app():
    from reciprocity_cli.cli import app

    return app


@pytest.fixture
def exports(recip, partners, tmp_path):
    """recip's own files for a small shop: the shapes damage is done to."""
    recip("give", "joe", "--customer", "Mrs. Patel", "--value", "250", "--note", "boiler")
    recip("got", "harbor", "--customer", "The Okafors", "--value", "1200")
    recip("thank", "harbor")
    recip("touch", "acme", "--kind", "gift", "--cost", "20")
    files = {}
    for name, args in {
        "backup.json": [],
        "referrals.csv": ["--format", "csv"],
        "partners.csv": ["--format", "csv", "--what", "partners"],
        "cards.vcf": ["--format", "vcf"],
    }.items():
        files[name] = recip("export", *args).stdout
    recip("db", "check")  # every connection closed: the file's bytes are settled
    return files


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@SETTINGS
@given(data=st.data())
def test_a_damaged_backup(recip, db_path, exports, tmp_path, data):
    document = json.loads(exports["backup.json"])
    section = data.draw(st.sampled_from(["partners", "referrals", "touches", "settings", None]))
    if section is None:
        target = document
    elif section == "settings":
        target = document.setdefault("settings", {})
    else:
        records = document[section]
        target = records[data.draw(st.integers(0, len(records) - 1))]
    key = data.draw(st.sampled_from([*sorted(target), "unknown_key"]))
    if data.draw(st.booleans()):
        target[key] = data.draw(json_value)
    else:
        target.pop(key, None)
    path = _write(tmp_path, "backup.json", json.dumps(document, ensure_ascii=False))
    import_outcome(recip, db_path, path, *data.draw(st.sampled_from([[], ["--dry-run"]])))


@pytest.mark.parametrize("text", HOSTILE_JSON, ids=lambda t: t[:40])
def test_a_hostile_backup(recip, db_path, exports, tmp_path, text):
    import_outcome(recip, db_path, _write(tmp_path, "backup.json", text))


@SETTINGS
@given(data=st.data())
def test_a_damaged_csv(recip, db_path, exports, tmp_path, data):
    name = data.draw(st.sampled_from(["referrals.csv", "partners.csv"]))
    lines = exports[name].splitlines()
    row = data.draw(st.integers(0, len(lines) - 1))  # the header too
    cells = lines[row].split(",")
    column = data.draw(st.integers(0, len(cells) - 1))
    quoted = field_text.map(lambda text: '"' + text.replace('"', '""') + '"')
    cells[column] = data.draw(quoted)
    lines[row] = ",".join(cells)
    if data.draw(st.booleans()):
        lines.append(data.draw(field_text))  # a stray last line
    path = _write(tmp_path, name, "\n".join(lines) + "\n")
    import_outcome(recip, db_path, path, *data.draw(st.sampled_from([[], ["--dry-run"]])))


def _fold(line: str, width: int) -> str:
    """A long line folded the way phones write it."""
    return "\r\n ".join(line[i : i + width] for i in range(0, len(line), width)) or line


@SETTINGS
@given(data=st.data())
def test_a_damaged_vcard(recip, db_path, exports, tmp_path, data):
    lines = exports["cards.vcf"].splitlines()
    kind = data.draw(st.sampled_from(["replace", "insert", "drop", "cut"]))
    at = data.draw(st.integers(0, len(lines) - 1))
    if kind == "cut":
        lines = lines[:at]
    elif kind == "drop":
        del lines[at]
    else:
        prop = data.draw(st.sampled_from(["FN", "ORG", "TEL", "NOTE", "X-RECIP-DOES", "PHOTO"]))
        params = data.draw(st.sampled_from(["", ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=X", ";"]))
        new = f"{prop}{params}:{data.draw(field_text)}"
        lines[at : at + (kind == "replace")] = [_fold(new, data.draw(st.integers(1, 75)))]
    path = _write(tmp_path, "cards.vcf", "\r\n".join(lines) + "\r\n")
    import_outcome(recip, db_path, path, *data.draw(st.sampled_from([[], ["--dry-run"]])))


@SETTINGS
@given(
    name=st.sampled_from(["x.json", "x.csv", "x.vcf", "x.txt"]),
    content=st.one_of(st.binary(max_size=300), st.text(max_size=300)),
)
def test_any_bytes_under_any_name(recip, db_path, exports, tmp_path, name, content):
    import_outcome(recip, db_path, _write(tmp_path, name, content))


@pytest.mark.skipif(ON_POSTGRES, reason="the files are the same on both engines; once is enough")
def test_the_generators_reach_every_outcome(recip, db_path, exports, tmp_path):
    """The damage above is not all refused: the property also covers what imports."""
    path = _write(tmp_path, "backup.json", exports["backup.json"])
    assert import_outcome(recip, db_path, path, "--dry-run").exit_code == 0
    assert import_outcome(recip, db_path, path).exit_code == 0


ENVIRONMENT = {
    "RECIP_TODAY": ["today", "--json"],
    "RECIP_ME": ["give", "joe"],
    "RECIP_DB": ["balance", "--json"],
}


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
@SETTINGS
@given(value=field_text.filter(lambda v: "\x00" not in v))  # no OS takes NUL in a variable
def test_any_environment_value(recip, db_path, exports, tmp_path, monkeypatch, variable, value):
    monkeypatch.chdir(tmp_path)  # a relative RECIP_DB lands here, nowhere else
    before = _snapshot(recip, db_path)
    monkeypatch.setenv(variable, value)
    result = run_outside(recip, ENVIRONMENT[variable])
    if result.exit_code != 0:
        monkeypatch.delenv(variable)
        assert _snapshot(recip, db_path) == before


OUTPUTS = [
    ["export", "--output={x}"],
    ["export", "--format=csv", "--output={x}"],
    ["log", "--json", "--output={x}"],
    ["balance", "--output={x}"],
    ["report", "--output={x}"],
    ["sheet", "--output={x}"],
    ["partner", "list", "--output={x}"],
    ["db", "backup", "--", "{x}"],
]
# A file name as typed, kept inside the test's folder (this may run as root: no "/" at all).
file_names = field_text.filter(lambda v: "/" not in v and "\x00" not in v and v[:1] != "~")


@pytest.mark.parametrize("template", OUTPUTS, ids=" ".join)
@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=file_names)
def test_any_output_file_name(recip, db_path, exports, tmp_path, monkeypatch, template, name):
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    monkeypatch.chdir(folder)
    before = _snapshot(recip, db_path)
    run_outside(recip, [part.replace("{x}", name) for part in template])
    assert _snapshot(recip, db_path) == before  # writing a file never changes the database
    assert not [p.name for p in folder.iterdir() if ".recip-" in p.name], "a temporary was left"
