"""`recip sheet`: the printable partner list kept beside the phone."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def sheet(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="txt (default on screen; 80 columns), html or md.",
        ),
    ] = None,
    output: common.OutputOption = None,
    kind: common.KindFilter = None,
    tag: common.TagFilter = None,
    group_by: Annotated[
        str, typer.Option("--group-by", metavar="GROUP", help="kind, tag or none.")
    ] = "none",
    include_archived: Annotated[
        bool, typer.Option("--include-archived", help="List archived partners too.")
    ] = False,
    paper: Annotated[
        str, typer.Option("--paper", metavar="SIZE", help="For html: A4 (default) or letter.")
    ] = "A4",
) -> None:
    """Print the partner list that sits beside the phone: what each partner does, how to
    reach them, and a badge saying whether to send them business first.

    \b
    Examples:
      recip sheet
      recip sheet --output partners.html      (then print it: two columns, A4)
      recip sheet --group-by kind --format md
    """
    from reciprocity_cli.core import settings
    from reciprocity_cli.core import sheet as core_sheet
    from reciprocity_cli.core.dates import today
    from reciprocity_cli.core.fields import PARTNER_KINDS, clean_choice
    from reciprocity_cli.core.filters import nothing_matched
    from reciprocity_cli.errors import RecipError, UsageProblem
    from reciprocity_cli.render import formats
    from reciprocity_cli.render import sheet as render

    chosen = fmt or ("html" if output and output.suffix.lower() in (".html", ".htm") else None)
    chosen = chosen or ("md" if output and output.suffix.lower() == ".md" else "txt")
    if chosen.lower() not in ("txt", "html", "md"):
        raise UsageProblem(f'--format "{fmt}" is not one of: txt, html, md.')
    if paper.lower() not in ("a4", "letter"):
        raise UsageProblem(f'--paper "{paper}" is not one of: A4, letter.')
    kind = clean_choice(kind, "kind", PARTNER_KINDS) if kind else None
    with common.database().session(write=False) as session:
        found = core_sheet.entries(
            session, settings.load(session), kind=kind, tag=tag, include_archived=include_archived
        )
        missed = (
            None
            if found
            else nothing_matched(session, kind=kind, tag=tag, include_archived=include_archived)
        )
    if missed:  # a sheet of nothing would read "No partners yet": say which filter it was
        raise RecipError(missed)
    sections = core_sheet.grouped(found, group_by)
    printed = today()
    if chosen.lower() == "html":
        text = render.page(sections, printed, "A4" if paper.lower() == "a4" else "letter")
    elif chosen.lower() == "md":
        text = render.markdown(sections, printed)
    else:
        text = render.text(sections, printed)
    formats.emit(text, output)
