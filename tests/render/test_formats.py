"""Output formats and files (render/formats.py): the streaming writers print exactly what
the whole-document writers print, Markdown escapes HTML, and --output takes its format from
the extension and never writes onto the database itself."""

import datetime as dt
import errno
import os
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.render.formats import csv_chunks, json_array_chunks, to_csv, to_json
from tests.helpers import table_dump


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"a": 1}],
        [
            {"a": 1, "b": {"c": [1, 2]}},
            {"d": dt.date(2026, 1, 2), "n": None, "v": Decimal("12.50"), "s": 'é\n"x"'},
        ],
    ],
)
def test_json_array_chunks_match_to_json(items):
    assert "".join(json_array_chunks(items)) == to_json(items)


plain_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.dates(),
    st.decimals(allow_nan=False, places=2, min_value=-(10**12), max_value=10**12),
    st.fractions(max_denominator=100),
)
rows = st.dictionaries(st.text(), plain_values) | st.lists(plain_values, max_size=3)


@given(st.lists(rows, max_size=4))
def test_rows_written_directly_match_to_json(items):
    """Long lists (log, followup) are written row by row without json's encoder: any row
    of plain values, any text, comes out as to_json writes it."""
    assert "".join(json_array_chunks(items)) == to_json(items)


def test_csv_chunks_match_to_csv_across_buffer_boundaries():
    rows = [{"a": i, "b": "x" * 500, "c": "=SUM(A1)"} for i in range(500)]
    chunks = list(csv_chunks(rows, ["a", "b", "c"]))
    assert len(chunks) > 1  # really streamed
    assert "".join(chunks) == to_csv(rows, ["a", "b", "c"])
    assert "'=SUM(A1)" in chunks[1]


def test_markdown_shows_names_as_typed_and_runs_no_html(recip):
    recip("partner", "add", "<script>x</script>")
    recip("partner", "add", "Petal & Stem", "--does", "flowers | *fresh* &amp; dried")
    for args in (
        ["sheet", "--format", "md"],
        ["balance", "--format", "md"],
        ["partner", "list", "--format", "md"],
    ):
        out = recip(*args).stdout
        assert "<script>" not in out and "\\<script\\>x\\</script\\>" in out
        assert "Petal & Stem" in out and "&amp; Stem" not in out
    listed = recip("partner", "list", "--format", "md").stdout
    assert "flowers \\| \\*fresh\\* \\&amp; dried" in listed  # an entity typed stays one


def test_an_output_extension_recip_cannot_write_is_refused(recip, tmp_path):
    for args in (["balance"], ["report"], ["log"]):
        line = recip.fails(*args, "--output", str(tmp_path / "out.pdf"), code=2)
        assert 'recip cannot tell a format from ".pdf"' in line
    assert not (tmp_path / "out.pdf").exists()
    recip("balance", "--output", str(tmp_path / "plain"))  # no extension: the table as text
    recip("balance", "--format", "md", "--output", str(tmp_path / "b.pdf"))  # --format wins


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args", [["export"], ["log", "--format", "csv"], ["balance", "--json"], ["sheet"]]
)
def test_output_onto_the_database_is_refused(recip, joe, db_path, tmp_path, args):
    before = table_dump(db_path)
    link = tmp_path / "alias.db"
    link.symlink_to(db_path)
    for target in (str(db_path), str(link), f"{db_path}-wal"):
        assert "is the database itself" in recip.fails(*args, "--output", target)
    assert table_dump(db_path) == before


@pytest.mark.parametrize("args", [["export"], ["log", "--format", "csv"], ["balance", "--json"]])
def test_a_full_disk_under_output_names_the_file_asked_for(recip, joe, tmp_path, monkeypatch, args):
    fdopen = os.fdopen

    def full_after_opening(descriptor, *rest, **options):
        fdopen(descriptor).close()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    folder = tmp_path / "usb"
    folder.mkdir()
    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", full_after_opening)
        line = recip.fails(*args, "--output", str(folder / "out.txt"))
    assert line == f"Error: Cannot write {folder / 'out.txt'}: the disk is full."
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [["export"], ["log", "--json"], ["sheet"], ["balance"]])
def test_output_errors_name_the_file_asked_for(recip, joe, tmp_path, args):
    long_name = "x" * 250 + ".txt"  # the longest a name can be, nearly: it still writes
    recip(*args, "--output", str(tmp_path / long_name))
    assert (tmp_path / long_name).exists()
    missing = tmp_path / "no-such-folder" / "out.txt"
    line = recip.fails(*args, "--output", str(missing))
    assert line == f"Error: Cannot write {missing}: No such file or directory."
    too_long = tmp_path / ("y" * 300)
    assert "File name too long" in recip.fails(*args, "--output", str(too_long))
    assert not [p.name for p in tmp_path.iterdir() if ".recip-" in p.name]
