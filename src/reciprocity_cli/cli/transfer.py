"""`recip export` and `recip import`: backups, spreadsheets and phone contacts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reciprocity_cli.cli import common

PROGRESS_FROM = 2000  # rows; smaller imports finish before a bar would be read


def export(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json (default), csv, vcf, or ledger (a journal for ledger and hledger).",
        ),
    ] = None,
    what: Annotated[
        str,
        typer.Option("--what", metavar="WHAT", help="For csv: referrals (default) or partners."),
    ] = "referrals",
    vcard_version: Annotated[
        str | None,
        typer.Option(
            "--vcard-version",
            metavar="VERSION",
            help="For vcf: 3.0 (default; every phone imports it) or 4.0; alone, it means vcf.",
        ),
    ] = None,
    output: common.OutputOption = None,
) -> None:
    """Export a JSON backup, a CSV, vCards for phones, or a journal for ledger and hledger.

    The backup holds everything, versioned (import restores it exactly); the CSV one row
    per referral or partner (--what); the vCards your partners, as a phone shows them: the
    business, the contact person, what they do, the referral balance today and your notes.

    Files are created readable by you alone (0600). CSV cells that a spreadsheet would run
    as a formula are prefixed with '. The journal (ledger, or hledger: one format serves
    both) holds one transaction a referral: 1 REF on given:PARTNER or got:PARTNER, and the
    value of a won one; open referrals are pending.

    \b
    Examples:
      recip export --output backup.json
      recip export --format csv --output referrals.csv
      recip export --format csv --what partners > partners.csv
      recip export --output partners.vcf
      recip export --vcard-version 4.0 --output partners.vcf
      recip export --format ledger --output referrals.journal
      hledger -f referrals.journal bal --depth 2
    """
    from reciprocity_cli.core import export as out
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render import formats

    exported = ("json", "csv", "vcf", "ledger")
    said = formats.EXTENSION_SAYS.get(output.suffix.lower()) if output else None
    implied = "vcf" if vcard_version else "json"
    chosen = (fmt or (said if said in exported else None) or implied).strip().lower()
    chosen = {"hledger": "ledger", "journal": "ledger"}.get(chosen, chosen)
    if chosen not in exported:
        raise UsageProblem(f'--format "{fmt}" is not one of: json, csv, vcf, ledger.')
    if what not in ("referrals", "partners"):
        raise UsageProblem(f'--what "{what}" is not one of: referrals, partners.')
    version = _vcard_version(vcard_version, chosen)
    formats.check_extension(chosen, output)
    with common.database().session(write=False) as session:
        if chosen == "json":
            chunks = out.backup_chunks(session)
        elif chosen == "vcf":
            chunks = _cards(session, version)
        elif chosen == "ledger":
            from reciprocity_cli.core import settings
            from reciprocity_cli.core.ledger import journal_chunks

            currency = settings.load(session).currency
            chunks = journal_chunks(out.referral_rows(session), currency)
        elif what == "partners":
            rows = ({**p, "tags": ",".join(p["tags"])} for p in out.partner_rows(session))
            chunks = formats.csv_chunks(rows, out.PARTNER_COLUMNS)
        else:
            chunks = formats.csv_chunks(out.referral_rows(session), out.REFERRAL_COLUMNS)
        formats.emit_chunks(chunks, output, chosen)


def _vcard_version(raw: str | None, chosen: str) -> str:
    from reciprocity_cli.core.vcard_out import VERSIONS
    from reciprocity_cli.errors import UsageProblem

    if raw is None:
        return VERSIONS[0]
    if chosen != "vcf":
        raise UsageProblem(f"--vcard-version is for vCards (--format vcf), not {chosen}.")
    version = {"3": "3.0", "4": "4.0"}.get(raw.strip(), raw.strip())
    if version not in VERSIONS:
        raise UsageProblem(f'--vcard-version "{raw}" is not one of: {", ".join(VERSIONS)}.')
    return version


def _cards(session, version: str):
    """Each partner's vCard, its note saying the referral balance as `recip balance` does.
    The balances of all partners come from one grouped query, before the first card."""
    from reciprocity_cli.core import export as out
    from reciprocity_cli.core import settings
    from reciprocity_cli.core.balance import balances
    from reciprocity_cli.core.vcard_out import write
    from reciprocity_cli.render.text import STATUS_TEXT

    lines = {
        b.partner: f"Referrals: you gave {b.given}, got {b.got} - {STATUS_TEXT[b.status]}"
        for b in balances(session, settings.load(session).fair_band)
        if b.status != "no_activity"  # nothing to say yet: no line
    }
    for partner in out.partner_rows(session):
        yield write(partner, version=version, balance=lines.get(partner["name"]))


def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A recip backup (.json), a CSV of referrals or partners, or a .vcf of contacts.",
            dir_okay=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show, row by row, what would change; write nothing."),
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace fields that already have a value.")
    ] = False,
    create_partners: Annotated[
        bool,
        typer.Option("--create-partners", help="Add partners that referrals name but are new."),
    ] = False,
    everyone: Annotated[
        bool,
        typer.Option("--all", help="For vCards: import private contacts too, not only businesses."),
    ] = False,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="For a CSV of referrals: read COLUMN as FIELD (date, direction, partner, "
            "customer, value, ...; skip leaves it out). Repeat for more columns.",
            show_default=False,
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(
            "--date-format",
            metavar="FORMAT",
            help="For a CSV of referrals: how its dates are written, e.g. %d.%m.%Y or "
            "%m/%d/%Y (YYYY-MM-DD needs none).",
        ),
    ] = None,
    as_json: common.JsonOnlyOption = False,
) -> None:
    """Import a backup, a CSV or vCards: all or nothing, and safe to run twice.

    Partners are matched by name; only their empty fields are filled unless --overwrite.
    Referrals already present are skipped. A bad row stops the import with its line number
    and nothing is written. The file is read twice, never whole: a million rows import in
    the memory of a thousand. From a phone's contacts only businesses are imported (a card
    with a company, or KIND:org); --dry-run names the private contacts left out.

    A CSV of referrals may come from any spreadsheet: columns in any order and case,
    separated by commas, semicolons or tabs; only date, direction (also: type, kind) and
    partner are needed. Directions may say given, gave, sent, out or got, received, in;
    values may carry a currency ($2,400 or 1.234,50 EUR). Partner names are found as recip
    give finds them: "joe" is Joe's Plumbing.

    \b
    Examples:
      recip import backup.json --dry-run
      recip import referrals.csv --create-partners
      recip import sheet.csv --date-format %d.%m.%Y --dry-run
      recip import sheet.csv --map "Referred by=partner" --map Notes=skip
      recip import contacts.vcf --dry-run
      recip import contacts.vcf --all
    """
    from reciprocity_cli.core import imports, settings
    from reciprocity_cli.core.imports import sheet
    from reciprocity_cli.core.imports.sheet_dates import check_format
    from reciprocity_cli.core.imports.summary import private_lines
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render.imports import JSON_SHOWN, SHOWN

    maps = maps or []
    sheet.check_maps(maps)  # a mistyped option is told before a large file is read
    if date_format is not None:
        check_format(date_format)
    source = imports.TextFile(file)
    try:
        kind = imports.detect(file, source.head, maps)
        if everyone and kind != "vcard":
            raise UsageProblem("--all is for vCards (.vcf); a backup or a CSV imports every row.")
        if (maps or date_format is not None) and kind != "referrals":
            used = "--map" if maps else "--date-format"
            raise UsageProblem(f"{used} is for a CSV of referrals; {file.name} holds {kind}.")
        options: dict = {"everyone": True} if everyone else {}  # only vCards take it
        if kind == "referrals":
            options = {"date_format": date_format, "maps": maps, "name": file.name}
        plan = imports.PLANNERS[kind](source, **options)
        with _progress(plan.size) as tick, common.database().session(write=True) as session:
            applier = imports.Applier(
                session,
                overwrite=overwrite,
                create_partners=create_partners,
                tick=tick,
                detailed=dry_run or as_json,
                keep=JSON_SHOWN if as_json else SHOWN,  # a backup may hold millions
            )
            summary = applier.apply(plan)
            plan.notes.extend(applier.notes)
            currency = settings.load(session).currency
            if dry_run:
                session.rollback()
    finally:
        source.close()
    if as_json:
        _print_json(summary, file=file.name, kind=kind, written=not dry_run, plan=plan)
    else:
        _say_summary(summary, file=file.name, kind=kind, dry_run=dry_run)
        for line in private_lines(plan.private, plan.private_count, dry_run=dry_run):
            common.say(line)
        if dry_run:
            from reciprocity_cli.render.imports import tables

            for number, table in enumerate(tables(summary, currency)):
                if number == 0:  # a table ends with a blank line of its own
                    common.out().print()
                common.show(table)
    for note in plan.notes:  # after the summary: a refused import shows its one error only
        common.note(note)


def _say_summary(summary, *, file: str, kind: str, dry_run: bool) -> None:
    lead = "Dry run, nothing written. Would have" if dry_run else f"Imported {file} ({kind}):"
    lines = summary.describe()
    common.say(f"{lead} {lines[0]}; {lines[1]}; {lines[2]}.")
    for line in lines[3:]:
        common.say(f"  {line}")


def _print_json(summary, **about) -> None:
    """The summary as JSON: counts, and the first rows of each kind by name."""
    from reciprocity_cli.render.formats import to_json
    from reciprocity_cli.render.imports import as_json

    typer.echo(to_json(as_json(summary, **about)), nl=False)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class _progress:
    """A Rich progress bar on stderr for large imports in a terminal; nothing otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total < PROGRESS_FROM or not stderr_is_terminal():
            return lambda n: None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True, force_terminal=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("Importing", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
