"""An import reads its file twice (check, then write), one row at a time, and asks the
database which rows it holds already: whatever the file's size or layout it is all or
nothing, says what it did with counts and the first rows by name, and finds a row present
however far apart the row and its twin are."""

import json
import os
import threading

import pytest

from tests.helpers import table_dump

HEADER = (
    "id,date,direction,partner,customer,customer_contact,note,heat,value,status,by,thanked_on\n"
)
# More rows than one batch of the writer (5,000), so pages and batches meet their ends.
MANY = 6200


def rows_csv(tmp_path, count: int, name: str = "many.csv", last: str = "") -> str:
    path = tmp_path / name
    with path.open("w") as out:
        out.write(HEADER)
        for n in range(count):
            out.write(
                f",2026-{1 + n % 10:02d}-{1 + n % 28:02d},got,Joe's Plumbing,c{n},,,,,open,,\n"
            )
        out.write(last)
    return str(path)


def test_a_file_larger_than_a_batch_imports_and_is_found_present(recip, joe, tmp_path):
    path = rows_csv(tmp_path, MANY)
    assert f"added {MANY:,}".replace(",", "") in recip("import", path).stdout
    again = recip.json("import", path)
    assert again["counts"]["skip"]["referrals"] == MANY
    assert again["counts"]["add"]["referrals"] == 0
    # recip's own export, ids and all: each row is its referral again, matched by id.
    exported = tmp_path / "out.csv"
    recip("export", "--format", "csv", "--output", str(exported))
    report = recip.json("import", str(exported))
    assert report["counts"]["skip"]["referrals"] == MANY + 1
    assert len(recip.json("log", "--limit", "0")) == MANY + 1


@pytest.mark.parametrize(
    ("last", "message"),
    [
        (",2026-02-30,got,Joe's Plumbing,,,,,,open,,\n", 'date "2026-02-30" is not a real date.'),
        (",2026-02-03,got,Nobody Ltd,,,,,,open,,\n", 'no partner named "Nobody Ltd"'),
        (",2026-02-03,got,Joe Plumbing,,,,,,open,,\n", "looks like the existing partner"),
        (",2026-02-03,got,Joe's Plumbing,,,,,,open,,,surplus\n", "has more cells than the header"),
    ],
)
def test_a_bad_last_row_leaves_everything_as_it_was(recip, joe, tmp_path, db_path, last, message):
    """The rows before it were checked, and some staged or written, by the time it is met."""
    path = rows_csv(tmp_path, MANY, last=last)
    recip("db", "check")
    before = table_dump(db_path)
    line = recip.fails("import", path)
    assert line.startswith(f"Error: line {MANY + 2}: ") and message in line, line
    assert table_dump(db_path) == before


def test_json_and_tables_list_the_first_rows_and_count_the_rest(recip, joe, tmp_path, monkeypatch):
    from reciprocity_cli.render import imports

    monkeypatch.setattr(imports, "JSON_SHOWN", 100)
    path = rows_csv(tmp_path, 130)
    report = recip.json("import", path, "--dry-run")
    assert len(report["add"]["referrals"]) == 100
    assert [row["line"] for row in report["add"]["referrals"][:2]] == [2, 3]
    assert report["counts"]["add"]["referrals"] == 130
    assert report["more"] == {"add": {"referrals": 30}}
    out = recip("import", path, "--dry-run").stdout
    assert "... and 80 more to add; --json lists the first 100 of each." in out
    recip("import", path)
    again = recip.json("import", path)
    assert len(again["skip"]["referrals"]) == 100 and again["more"] == {"skip": {"referrals": 30}}


def test_a_row_matched_by_id_is_not_taken_by_content_too(recip, joe, tmp_path):
    """#1 is claimed by the row with its id (the last); the first row, of the same content
    but no id, is a new referral, as the same row without the later one would not be."""
    [given] = recip.json("log")
    row = f"{given['date']},given,Joe's Plumbing,,,,,,open,,\n"
    path = tmp_path / "claim.csv"
    path.write_text(HEADER + "," + row + f"{given['id']}," + row)
    report = recip.json("import", str(path))
    assert [r["line"] for r in report["add"]["referrals"]] == [2]
    assert [(r["line"], r["id"]) for r in report["skip"]["referrals"]] == [(3, given["id"])]
    path.write_text(HEADER + "," + row + "," + row)  # twice, no ids: one is there, one is new
    report = recip.json("import", str(path))
    assert report["counts"]["skip"]["referrals"] == 1
    assert report["counts"]["add"]["referrals"] == 1
    assert [r["line"] for r in report["skip"]["referrals"]] == [2]


def backup_of(recip, tmp_path) -> dict:
    recip("partner", "add", "Acme Roofing")
    recip("give", "acme", "--customer", "Kim")
    recip("thank", "joe", "--gift", "wine", "--force")
    recip("off", "2026-11-20", "--note", "holiday")
    path = tmp_path / "backup.json"
    recip("export", "--output", str(path))
    return json.loads(path.read_text())


def restored(recip, tmp_path, monkeypatch, text: str, name: str) -> list:
    path = tmp_path / f"{name}.json"
    path.write_text(text)
    monkeypatch.setenv("RECIP_DB", str(tmp_path / f"{name}.db"))
    recip("import", str(path))
    out = tmp_path / f"{name}-again.json"
    recip("export", "--output", str(out))
    document = json.loads(out.read_text())
    return [document[key] for key in ("partners", "referrals", "touches", "closed_days")]


@pytest.mark.sqlite_only  # each restore needs an empty database of its own
def test_a_backup_s_sections_in_any_order_or_on_one_line_restore_the_same(
    recip, joe, tmp_path, monkeypatch
):
    document = backup_of(recip, tmp_path)
    as_written = restored(recip, tmp_path, monkeypatch, json.dumps(document, indent=1), "plain")
    moved = dict(reversed(list(document.items())))  # history first, partners last
    assert restored(recip, tmp_path, monkeypatch, json.dumps(moved), "moved") == as_written
    # Everything on one line: several records start on line 1.
    assert restored(recip, tmp_path, monkeypatch, json.dumps(document), "one-line") == as_written
    assert len(recip.json("history")) >= 4  # the history came along


def test_a_pipe_is_read_twice_from_a_copy(recip, joe, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    text = HEADER + ",2026-11-02,got,Joe's Plumbing,Kim,,,,,open,,\n"

    def write() -> None:
        with fifo.open("w") as out:
            out.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        out = recip("import", str(fifo)).stdout
    finally:
        writer.join(timeout=10)
    assert "added 1 referral;" in out
    assert sorted(str(e["customer"]) for e in recip.json("log")) == ["Kim", "None"]


def test_a_windows_1252_byte_far_down_the_file_decodes_every_row(recip, joe, tmp_path):
    """The start of the file reads as UTF-8; the byte that does not comes after it, so the
    check pass starts again in Windows-1252, and both passes read the same names."""
    path = tmp_path / "old.csv"
    filler = "".join(f",2026-03-01,got,Joe's Plumbing,c{n},,,,,open,,\n" for n in range(3000))
    last = ",2026-03-02,got,Joe's Plumbing,Andr\xe9,,,,,open,,\n"
    path.write_bytes((HEADER + filler + last).encode("cp1252"))
    assert path.stat().st_size > 70_000  # past the start read to tell the format
    recip("import", str(path))
    assert "André" in {e["customer"] for e in recip.json("log", "--limit", "0")}


def test_a_dry_run_names_the_first_private_contacts_and_counts_the_rest(
    recip, tmp_path, monkeypatch
):
    from reciprocity_cli.core.imports import plan

    monkeypatch.setattr(plan, "PRIVATE_SHOWN", 2)
    path = tmp_path / "phone.vcf"
    path.write_text(
        "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Friend {n}\nEND:VCARD\n" for n in range(3))
    )
    out = recip("import", str(path), "--dry-run").stdout
    assert "Would have skipped 3 private contacts (no company)" in out
    assert "Friend 1 (line 5)" in out and "Friend 2" not in out and "... and 1 more" in out
    report = recip.json("import", str(path), "--dry-run")
    assert (len(report["left_out"]), report["left_out_count"]) == (2, 3)
