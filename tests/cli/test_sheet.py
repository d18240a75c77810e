"""`recip sheet`: the list beside the phone, in text, Markdown and print-ready HTML."""

import os
import shutil
import subprocess

import pytest

from tests.helpers import table_dump

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
PDF_TOOLS = shutil.which("pdftotext") and shutil.which("pdfinfo")


@pytest.fixture
def listed(recip, partners):
    recip("partner", "edit", "joe", "--contact", "Joe Bloggs", "--email", "joe@example.com")
    recip("got", "harbor")  # we owe Harbor View
    recip("give", "acme")  # Acme owes us
    recip("partner", "add", "Old Mill", "--does", "bread", "--kind", "supplier")
    recip("partner", "archive", "old mill")


def test_text_fits_80_columns_with_badges(recip, listed):
    out = recip("sheet").stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.splitlines()[0].endswith("printed 2026-11-23")
    harbor = next(line for line in out.splitlines() if line.startswith("Harbor View Hotel"))
    assert "[YOU OWE THEM]" in harbor and harbor.endswith("555 0200")
    assert "Acme Roofing  [THEY OWE YOU]" in out and "Joe's Plumbing  [NO ACTIVITY]" in out
    assert "Joe Bloggs · joe@example.com" in out
    assert "Old Mill" not in out
    assert "Old Mill (archived)" in recip("sheet", "--include-archived").stdout


def test_long_text_wraps_within_80_columns(recip):
    recip("partner", "add", "A" * 60, "--does", "word " * 60, "--phone", "+44 (0)20 7946 0000")
    assert all(len(line) <= 80 for line in recip("sheet").stdout.splitlines())


def test_filters_and_grouping(recip, listed):
    md = recip("sheet", "--format", "md", "--group-by", "tag").stdout
    assert md.startswith("# Partner list")
    assert md.index("## Trades") < md.index("Acme Roofing") < md.index("## Untagged")
    assert "| **Harbor View Hotel** | hotel, 40 rooms | 555 0200 |" in md
    by_kind = recip("sheet", "--group-by", "kind", "--include-archived").stdout
    assert "COMPLEMENTARY" in by_kind and "NETWORKING" in by_kind and "SUPPLIER" in by_kind
    only = recip("sheet", "--kind", "networking").stdout
    assert "Harbor View Hotel" in only and "Acme Roofing" not in only
    assert "Harbor" not in recip("sheet", "--tag", "trades").stdout
    assert "is not one of" in recip.fails("sheet", "--group-by", "colour", code=2)
    assert "is not one of" in recip.fails("sheet", "--format", "pdf", code=2)


def test_html_from_the_output_extension_is_escaped_and_private(recip, listed, tmp_path, db_path):
    recip("partner", "add", "<script>alert('x')</script>", "--phone", "<b>1</b>")
    before = table_dump(db_path)
    recip("sheet", "--output", str(tmp_path / "sheet.html"))
    page = (tmp_path / "sheet.html").read_text()
    assert page.startswith("<!doctype html>") and "column-count: 2" in page
    assert "break-inside: avoid" in page and "size: A4" in page
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;1&lt;/b&gt;" in page
    assert 'class="card you_owe"' in page and "You owe them" in page
    assert (tmp_path / "sheet.html").stat().st_mode & 0o777 == 0o600
    assert table_dump(db_path) == before


def test_forty_partners_print_on_one_a4_page(recip, tmp_path):
    if not (BROWSER and PDF_TOOLS):
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and poppler-utils (.ci/run installs them)")
        pytest.skip("needs Debian's chromium and poppler-utils (.ci/run installs them)")
    people = ["Ana Lopez", "Joe Bloggs", "Priya Shah", "", "Tom O'Neil"]
    does = [
        "emergency repairs, boilers and radiators",
        "flat roofs, skylights, gutters",
        "wedding cakes, bread, pastries to order",
        "rooms, conference hall, weddings",
    ]
    rows = ["name,does,kind,contact,phone,email,website,address,tags,notes,touch_every,archived"]
    for i in range(40):
        rows.append(
            f'"Partner Business {i:02d}","{does[i % 4]}",complementary,'
            f'"{people[i % 5]}","555 01{i:02d}","p{i}@example.com",,,,,,false'
        )
    (tmp_path / "partners.csv").write_text("\n".join(rows) + "\n")
    recip("import", str(tmp_path / "partners.csv"))
    for i in range(0, 40, 3):
        recip("got", f"Partner Business {i:02d}")
    page, pdf = tmp_path / "sheet.html", tmp_path / "sheet.pdf"
    recip("sheet", "--output", str(page))
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout and "(A4)" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for i in range(40):
        assert f"Partner Business {i:02d}" in text
        assert f"555 01{i:02d}" in text
    assert "You owe them" in text and "Printed 2026-11-23" in text
