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
    output: common.OutputOption = None,
) -> None:
    """Export a JSON backup, a CSV, vCards for phones, or a journal for ledger and hledger.

    The backup holds everything, versioned (import restores it exactly); the CSV one row
    per referral or partner (--what); the vCards your partners.

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
      recip export --format ledger --output referrals.journal
      hledger -f referrals.journal bal --depth 2
    """
    from reciprocity_cli.core import export as out
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render import formats

    suffixes = {
        ".json": "json",
        ".csv": "csv",
        ".vcf": "vcf",
        ".vcard": "vcf",
        ".ledger": "ledger",
        ".journal": "ledger",
        ".hledger": "ledger",
    }
    chosen = (fmt or (suffixes.get(output.suffix.lower()) if output else None) or "json").lower()
    chosen = {"hledger": "ledger", "journal": "ledger"}.get(chosen, chosen)
    if chosen not in ("json", "csv", "vcf", "ledger"):
        raise UsageProblem(f'--format "{fmt}" is not one of: json, csv, vcf, ledger.')
    if what not in ("referrals", "partners"):
        raise UsageProblem(f'--what "{what}" is not one of: referrals, partners.')
    with common.database().session(write=False) as session:
        if chosen == "json":
            chunks = out.backup_chunks(session)
        elif chosen == "vcf":
            from reciprocity_cli.core.vcard import write

            chunks = (write(p) for p in out.partner_rows(session))
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
        formats.emit_chunks(chunks, output)
    if output is not None:
        common.say(f"Wrote {output} ({chosen}).")


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
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace fields that already have a value.")
    ] = False,
    create_partners: Annotated[
        bool,
        typer.Option("--create-partners", help="Add partners that referrals name but are new."),
    ] = False,
) -> None:
    """Import a backup, a CSV or vCards: all or nothing, and safe to run twice.

    Partners are matched by name; only their empty fields are filled unless --overwrite.
    Referrals already present are skipped. A bad row stops the import with its line number
    and nothing is written.

    \b
    Examples:
      recip import backup.json --dry-run
      recip import referrals.csv --create-partners
      recip import contacts.vcf
    """
    from reciprocity_cli.core import imports

    text = imports.read_text(file)
    kind = imports.detect(file, text)
    plan = imports.PLANNERS[kind](text)
    with _progress(plan.size) as tick, common.database().session(write=True) as session:
        applier = imports.Applier(
            session, overwrite=overwrite, create_partners=create_partners, tick=tick
        )
        summary = applier.apply(plan)
        if dry_run:
            session.rollback()
    lead = "Dry run, nothing written. Would have" if dry_run else f"Imported {file.name} ({kind}):"
    lines = summary.describe()
    common.say(f"{lead} {lines[0]}; {lines[1]}; {lines[2]}.")
    for line in lines[3:]:
        common.say(f"  {line}")
    for note in plan.notes:  # after the summary: a refused import shows its one error only
        common.note(note)


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
