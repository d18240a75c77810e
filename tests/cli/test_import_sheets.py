"""Spreadsheets in: whatever header, delimiter, dates and names a sheet kept by hand has,
read as recip reads its own CSV, or refused with one line and nothing written."""

import codecs
import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.cli import app
from tests.helpers import examples, table_dump


def sheet(tmp_path, text: str, name: str = "sheet.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def entries(recip) -> list[tuple]:
    return sorted(
        (e["date"], e["direction"], e["partner"], e["customer"], e["value"])
        for e in recip.json("log")
    )


def refused(recip, db_path, path, *args, code: int = 1) -> str:
    recip("db", "check")  # the schema exists before the snapshot
    before = table_dump(db_path)
    line = recip.fails("import", str(path), *args, code=code)
    assert table_dump(db_path) == before
    return line


def test_a_semicolon_sheet_with_its_own_words(recip, partners, tmp_path):
    path = sheet(
        tmp_path,
        "Date;Type;Partner;Client;Amount\n"
        "2026-04-03;Gave;joe;Mrs. Patel;€ 2.400,00\n"
        "2026-04-04;received;Harbor;Mr. Lee;\n"
        "2026-04-05;OUT;acme roofing;Kim;$1,250.50\n",
    )
    result = recip("import", str(path))
    assert result.stdout.startswith("Imported sheet.csv (referrals): added 3 referrals;")
    assert result.stderr == ""
    assert entries(recip) == [
        ("2026-04-03", "given", "Joe's Plumbing", "Mrs. Patel", 2400),
        ("2026-04-04", "got", "Harbor View Hotel", "Mr. Lee", None),
        ("2026-04-05", "given", "Acme Roofing", "Kim", 1250.5),
    ]
    assert "skipped 3 referrals" in recip("import", str(path)).stdout


@pytest.mark.parametrize(
    "header",
    [
        "date,direction,partner,customer,value",
        "PARTNER,Value,DATE,Customer,Direction",  # any order, any case
        "Kind\tpartner_name\tday\tcustomer name\tAMOUNT",  # tabs, other words
        "partner|customer|value|date|type",
    ],
)
def test_any_header_order_case_and_delimiter(recip, joe, tmp_path, header):
    delimiter = next(ch for ch in ",\t|" if ch in header)
    cells = header.split(delimiter)
    values = {"date": "2026-04-03", "direction": "got", "partner": "Joe's Plumbing"}
    values |= {"customer": "Mr. Diaz", "value": "300"}
    words = {"kind": "direction", "partner name": "partner", "day": "date", "type": "direction"}
    words |= {"customer name": "customer", "amount": "value"}
    row = []
    for cell in cells:
        key = cell.lower().replace("_", " ")
        row.append(values[words.get(key, key)])
    path = sheet(tmp_path, f"{header}\n{delimiter.join(row)}\n")
    recip("import", str(path))
    assert ("2026-04-03", "got", "Joe's Plumbing", "Mr. Diaz", 300) in entries(recip)


def test_a_byte_order_mark_and_utf16_as_spreadsheets_save_unicode_text(recip, joe, tmp_path):
    text = "Date\tDirection\tPartner\tCustomer\n2026-04-03\tgot\tJoe's Plumbing\tJosé Ñúñez\n"
    with_bom = sheet(tmp_path, "\ufeff" + text.replace("\t", ";"), "bom.csv")
    recip("import", str(with_bom))
    wide = tmp_path / "unicode.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + text.replace("got", "given").encode("utf-16-le"))
    out = recip("import", str(wide)).stdout
    assert "added 1 referral" in out
    customers = {(e["direction"], e["customer"]) for e in recip.json("log")}
    assert {("got", "José Ñúñez"), ("given", "José Ñúñez")} <= customers


def test_excel_s_separator_line(recip, joe, tmp_path):
    path = sheet(tmp_path, "sep=;\nDate;Direction;Partner;Note\n2026-04-03;got;joe;a, b\nx\n")
    # Line numbers count the separator line: they are the file's.
    assert recip.fails("import", str(path)) == (
        "Error: line 4: partner is empty; give at least one visible character."
    )
    path.write_text("sep=;\nDate;Direction;Partner;Note\n2026-04-03;got;joe;a, b\n")
    recip("import", str(path))
    assert recip.json("log", "--search", "a, b")[0]["date"] == "2026-04-03"


def test_a_comma_inside_a_header_cell_does_not_fool_the_sniffer(recip, joe, tmp_path):
    path = sheet(
        tmp_path,
        "Betrag (€, brutto);Datum;Partner;Type;Date\n1,5;x;joe;got;2026-04-03\n"
        "2,5;y;joe;got;2026-04-04\n",
    )
    result = recip("import", str(path))
    assert "added 2 referrals" in result.stdout
    assert result.stderr == (
        'Note: Not imported: columns "Betrag (€, brutto)", "Datum" (recip has no field for '
        "them; --map COLUMN=FIELD reads one into a field).\n"
    )


def test_unknown_columns_are_named_once_and_left_out(recip, joe, tmp_path):
    path = sheet(
        tmp_path,
        "date,direction,partner,Region\n2026-04-03,got,joe,North\n2026-04-04,got,joe,South\n",
    )
    result = recip("import", str(path))
    assert "added 2 referrals" in result.stdout
    assert result.stderr == (
        'Note: Not imported: column "Region" (recip has no field for it; --map Region=FIELD '
        "reads it).\n"
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "Date;Partner;Customer",
            'sheet.csv: no direction column (its columns are: "Date", "Partner", "Customer"); '
            "name the one that holds direction with --map COLUMN=direction.",
        ),
        (
            "When;Customer",
            'sheet.csv: no date, direction and partner column (its columns are: "When", '
            '"Customer"); name the one that holds date with --map COLUMN=date.',
        ),
        (
            "Date;Type;Direction;Partner",
            'sheet.csv: the columns "Type" and "Direction" both hold direction; leave one out '
            'with --map "Type=skip".',
        ),
    ],
)
def test_a_sheet_without_what_a_referral_needs(recip, joe, tmp_path, db_path, header, message):
    path = sheet(tmp_path, f"{header}\n" + ";".join(["x"] * len(header.split(";"))) + "\n")
    assert refused(recip, db_path, path) == f"Error: {message}"


def test_map_names_the_rest(recip, partners, tmp_path):
    path = sheet(
        tmp_path,
        "When;Referred by;Way;Who;Type\n2026-04-03;harbor;in;Mr. Lee;x\n",
    )
    args = ["--map", "Referred by=partner", "--map", "when=date", "--map", "WAY=direction"]
    args += ["--map", "Who=customer", "--map", "Type=skip"]
    result = recip("import", str(path), *args)
    assert "added 1 referral" in result.stdout and result.stderr == ""
    assert entries(recip) == [("2026-04-03", "got", "Harbor View Hotel", "Mr. Lee", None)]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "Referred by=referrer",
            '--map "Referred by=referrer": "referrer" is not a field recip imports; use one '
            "of: id, date, direction, partner, customer, customer_contact, note, heat, value, "
            "status, by, thanked_on, closed_on, or skip to leave the column out.",
        ),
        (
            "Referred=partner",
            '--map "Referred=partner": sheet.csv has no column "Referred"; its columns are: '
            '"Date", "Type", "Referred by".',
        ),
        ("partner", '--map "partner" must be COLUMN=FIELD, e.g. --map "Referred by=partner".'),
        (
            ["Date=date", "DATE=partner"],
            '--map "Date=date" and --map "DATE=partner" name the same column; give one --map '
            "for each column.",
        ),
        ("=partner", '--map "=partner" must be COLUMN=FIELD, e.g. --map "Referred by=partner".'),
    ],
)
def test_a_map_that_cannot_be_is_a_usage_error(recip, joe, tmp_path, db_path, option, message):
    path = sheet(tmp_path, "Date;Type;Referred by\n2026-04-03;got;joe\n")
    options = [
        word
        for each in ([option] if isinstance(option, str) else option)
        for word in ("--map", each)
    ]
    assert refused(recip, db_path, path, *options, code=2) == f"Error: {message}"


def test_map_and_date_format_are_for_referral_sheets(recip, joe, tmp_path, db_path):
    backup = tmp_path / "backup.json"
    recip("export", "--output", str(backup))
    assert refused(recip, db_path, backup, "--date-format", "%d.%m.%Y", code=2) == (
        "Error: --date-format is for a CSV of referrals; backup.json holds backup."
    )
    assert refused(recip, db_path, backup, "--map", "a=date", code=2) == (
        "Error: --map is for a CSV of referrals; backup.json holds backup."
    )


# Dates

MONTH_FIRST = "--date-format %m/%d/%Y (month first)"
NO_MATCH = "does not match --date-format %d.%m.%Y (e.g. 23.11.2026)."


@pytest.mark.parametrize(
    ("date", "advice"),
    [
        ("03/04/2026", f"{MONTH_FIRST} or --date-format %d/%m/%Y (day first)"),
        ("13/04/2026", "--date-format %d/%m/%Y"),  # only one reading, still not guessed
        (
            "03.04.2026",
            "--date-format %d.%m.%Y (day first) or --date-format %m.%d.%Y (month first)",
        ),
        ("3/4/26", "--date-format %m/%d/%y (month first) or --date-format %d/%m/%y (day first)"),
        ("2026/04/03", "--date-format %Y/%m/%d"),
        ("3 Apr 2026", "--date-format %d %b %Y"),
    ],
)
def test_a_date_that_is_not_iso_needs_a_format(recip, joe, tmp_path, db_path, date, advice):
    path = sheet(
        tmp_path,
        f"date;direction;partner\n2026-04-01;got;joe\n\n{date};got;joe\n01/02/2026;got;joe\n",
    )
    assert refused(recip, db_path, path) == (
        f'Error: line 4: date "{date}" is not YYYY-MM-DD; say how this file writes dates: {advice}.'
    )


@pytest.mark.parametrize(
    ("fmt", "dates"),
    [
        ("%m/%d/%Y", [("03/04/2026", "2026-03-04"), ("12/31/2025", "2025-12-31")]),
        ("%d/%m/%Y", [("03/04/2026", "2026-04-03"), ("31/12/2025", "2025-12-31")]),
        ("%d.%m.%Y", [("3.4.2026", "2026-04-03"), ("2026-05-06", "2026-05-06")]),  # ISO too
        ("%d-%b-%y", [("03-Apr-26", "2026-04-03")]),
    ],
)
def test_a_date_format_reads_the_local_form(recip, joe, tmp_path, fmt, dates):
    rows = "".join(f"{written};got;joe;;{written}\n" for written, _ in dates)
    path = sheet(tmp_path, f"date;direction;partner;status;note\n{rows}")
    recip("import", str(path), "--date-format", fmt)
    imported = {e["note"]: e["date"] for e in recip.json("log") if e["note"]}
    assert imported == dict(dates)


def test_thanked_and_closed_dates_use_the_format_too(recip, joe, tmp_path):
    path = sheet(
        tmp_path,
        "Date;Type;Partner;Status;Closed on;Thanked\n"
        "03.04.2026;got;joe;won;10.04.2026;05.04.2026\n",
    )
    recip("import", str(path), "--date-format", "%d.%m.%Y")
    assert recip.json("log", "--status", "won")[0]["date"] == "2026-04-03"
    exported = tmp_path / "out.csv"
    recip("export", "--format", "csv", "--output", str(exported))
    assert "2026-04-03,got,Joe's Plumbing,,,,,,won,,2026-04-05,2026-04-10" in (exported.read_text())


@pytest.mark.parametrize("fmt", ["%Q", "%m/%d", "", "%Y", "%d.%m.2026", "%d %d %m %Y", "%" * 3])
def test_a_date_format_that_cannot_read_dates_is_a_usage_error(recip, joe, tmp_path, db_path, fmt):
    path = sheet(tmp_path, "date;direction;partner\n2026-04-03;got;joe\n")
    assert refused(recip, db_path, path, "--date-format", fmt, code=2) == (
        f'Error: --date-format "{fmt}" is not a format recip can read dates with: it must give '
        "the day, the month and the year, like %d.%m.%Y or %m/%d/%Y."
    )


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("04/03/2026", f'date "04/03/2026" {NO_MATCH}'),
        ("31.02.2026", f'date "31.02.2026" {NO_MATCH}'),
        ("01.01.1899", "date 1899-01-01 is outside 1900-01-01 to 2999-12-31."),
        ("2026-02-30", 'date "2026-02-30" is not a real date.'),
    ],
)
def test_a_date_that_does_not_match_the_format(recip, joe, tmp_path, db_path, date, message):
    path = sheet(tmp_path, f"date;direction;partner\n01.04.2026;got;joe\n{date};got;joe\n")
    assert refused(recip, db_path, path, "--date-format", "%d.%m.%Y") == (
        f"Error: line 3: {message}"
    )


def test_amounts_follow_the_typed_rules(recip, joe, tmp_path, db_path):
    path = sheet(tmp_path, "date;direction;partner;amount\n2026-04-03;got;joe;1.250\n")
    assert "line 2: --value" in refused(recip, db_path, path)
    path = sheet(tmp_path, "date;direction;partner;amount\n2026-04-03;got;joe;1.250,00 €\n")
    recip("import", str(path))
    assert recip.json("log", "--since", "2026-04-03", "--until", "2026-04-03")[0]["value"] == 1250


# Whatever a sheet holds


# Sheets that name what a referral needs, in any order, with some other columns (a few
# that cannot be: a column twice, one that looks like no field).
headers = st.lists(
    st.sampled_from(["Amount", "client", "Notes", "x", "status", "PARTNER"]),
    max_size=3,
    unique=True,
).flatmap(lambda extra: st.permutations(["Date", "type", "PARTNER", *extra]))
GOOD = {
    "Date": ["2026-04-03", "03/04/2026", "2026-11-24"],
    "type": ["gave", "in", "GOT"],
    "PARTNER": ["joe", "Joe's Plumbing", "New Co", "jo"],
    "Amount": ["$2,400", "1.250,50 €", ""],
    "client": ["Mr. Lee", ""],
    "status": ["won", "open", ""],
}


def good(column: str):
    return st.sampled_from(GOOD.get(column, ["x"]))


cells = st.sampled_from(
    [
        *("2026-04-03", "03/04/2026", "gave", "in", "joe", "Joe's Plumbing", "$2,400", "1.250"),
        *("😀", "\u202e", "=SUM(A1)", "a\nb", "harbor", "won", "13", "\ufeff", "", '"', "sep=;"),
    ]
)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    header=headers,
    data=st.data(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    options=st.lists(
        st.sampled_from(["--create-partners", "--overwrite", "--date-format=%d/%m/%Y"])
        | st.sampled_from(["--map=Notes=skip", "--map=x=date", "--map=Amount=value"]),
        max_size=2,
        unique=True,
    ),
)
def test_any_sheet_imports_or_is_refused_in_one_line(
    recip, joe, tmp_path, header, data, delimiter, options
):
    # Mostly what the column holds in a real sheet, sometimes anything; rows a cell short
    # or over now and then.
    width = st.sampled_from([len(header)] * 6 + [len(header) - 1, len(header) + 1])
    rows = data.draw(
        st.lists(
            width.flatmap(
                lambda n: st.tuples(
                    *[good(name) | good(name) | good(name) | cells for name in header[:n]]
                )
            ),
            max_size=4,
        )
    )
    path = tmp_path / "any.csv"
    with path.open("w", newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows([header, *rows])
    result = recip.runner.invoke(app, ["import", str(path), "--dry-run", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        assert "This is a bug in recip" not in result.stderr
