"""`recip partner ...`: add, list, show, edit, rename, archive, merge."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common
from reciprocity_cli.cli.complete import partner_names

app = typer.Typer(
    help="Manage partners: the businesses you refer to and get referrals from.",
    rich_markup_mode=None,
    no_args_is_help=True,
)

NameArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME", help="Partner name, or a unique start of it.", autocompletion=partner_names
    ),
]
Does = Annotated[
    str | None,
    typer.Option("--does", metavar="TEXT", help="What they do: 'emergency plumbing, boilers'."),
]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="complementary (default), supplier, customer, competitor, networking or other.",
    ),
]
Contact = Annotated[
    str | None, typer.Option("--contact", metavar="NAME", help="The person you deal with.")
]
Phone = Annotated[str | None, typer.Option("--phone", metavar="PHONE", help="Phone number.")]
Email = Annotated[str | None, typer.Option("--email", metavar="EMAIL", help="Email address.")]
Website = Annotated[str | None, typer.Option("--website", metavar="URL", help="Website.")]
Address = Annotated[str | None, typer.Option("--address", metavar="TEXT", help="Street address.")]
Tags = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat or comma-separate."),
]
Note = Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="Free-text notes.")]
TouchEvery = Annotated[
    int | None,
    typer.Option("--touch-every", metavar="DAYS", help="Stay in touch every DAYS days (0: off)."),
]
GiftEvery = Annotated[
    int | None,
    typer.Option(
        "--gift-every",
        metavar="DAYS",
        help="Send them a gift every DAYS days; today lists it when due (0: off).",
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Add even though the name looks like an existing one.")
]


def _details(**values):
    from reciprocity_cli.core.partners import Details

    return Details(**values)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The business's name.")],
    does: Does = None,
    kind: Kind = None,
    contact: Contact = None,
    phone: Phone = None,
    email: Email = None,
    website: Website = None,
    address: Address = None,
    tag: Tags = None,
    note: Note = None,
    touch_every: TouchEvery = None,
    gift_every: GiftEvery = None,
    force: Force = False,
) -> None:
    """Add a partner business: what they do and how to reach them.

    \b
    Example:
      recip partner add "Joe's Plumbing" --does "emergency plumbing, boilers" \\
        --phone "555 0100" --contact Joe --tag trades
      recip partner add "Harbor View Hotel" --gift-every 90
    """
    from reciprocity_cli.core import partners

    details = _details(
        does=does,
        kind=kind,
        contact=contact,
        phone=phone,
        email=email,
        website=website,
        address=address,
        tags=tag,
        notes=note,
        touch_every=touch_every,
        gift_every=gift_every,
    )
    with common.database().session(write=True) as session:
        partner = partners.add(session, name, details, force=force)
    common.say(f'Added partner "{partner.name}" ({partner.kind}).')
    common.say(f"Record a referral with: recip give {_quote(partner.name)}")


def _nothing_matched(session, kind: str | None, tag: str | None, archived: bool) -> str | None:
    from reciprocity_cli.core.filters import nothing_matched

    return nothing_matched(session, kind=kind, tag=tag, include_archived=archived)


def _quote(name: str) -> str:
    from reciprocity_cli.errors import quote_arg

    return quote_arg(name)


@app.command("list")
def list_(
    kind: common.KindFilter = None,
    tag: common.TagFilter = None,
    archived: Annotated[
        bool, typer.Option("--archived", "--all", help="Include archived partners.")
    ] = False,
    fmt: common.FormatOption = None,
    as_json: common.JsonOption = False,
    output: common.OutputOption = None,
) -> None:
    """List partners with what they do, their phone and where the balance stands.

    \b
    Example:
      recip partner list --tag trades
    """
    from reciprocity_cli.core import partners, settings
    from reciprocity_cli.core.balance import balances
    from reciprocity_cli.render import formats

    chosen = formats.choose(fmt, as_json, output, ("table", "json", "csv", "md"))
    with common.database().session(write=False) as session:
        found = partners.list_partners(session, kind=kind, tag=tag, include_archived=archived)
        missed = None if found else _nothing_matched(session, kind, tag, archived)
        band = settings.load(session).fair_band
        by_id = {row.partner_id: row for row in balances(session, band, kind=kind, tag=tag)}
    rows = []
    for partner in found:
        balance = by_id.get(partner.id)
        rows.append(
            {
                **partners.details_of(partner),
                "given": balance.given if balance else 0,
                "got": balance.got if balance else 0,
                "status": balance.status if balance else "no_activity",
            }
        )
    columns = list(rows[0]) if rows else ["name", "does", "kind", "phone", "given", "got"]
    if missed and chosen != "table":
        common.note(missed)
    if chosen == "json":
        formats.emit(formats.to_json(rows), output)
    elif chosen in ("csv", "md"):
        from reciprocity_cli.render.rows import in_words

        flat = [{**row, "tags": ",".join(row["tags"])} for row in rows]
        text = (
            formats.to_csv(flat, columns)
            if chosen == "csv"
            else formats.to_markdown(in_words(flat), columns, columns)
        )
        formats.emit(text, output)
    elif not rows:
        common.say(
            missed or "No partners yet. Add one with: recip partner add NAME --does WHAT --phone N"
        )
    else:
        from reciprocity_cli.render.tables import partner_table

        common.show(partner_table(rows, title=f"Partners ({len(rows)})"), output)


@app.command("show")
def show(
    name: NameArg,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table (default) or json."),
    ] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Show a partner's details, balance and full history.

    \b
    Example:
      recip partner show joes
    """
    from reciprocity_cli.cli.views import partner_detail

    partner_detail(name, fmt, as_json)


@app.command("edit")
def edit(
    name: NameArg,
    does: Does = None,
    kind: Kind = None,
    contact: Contact = None,
    phone: Phone = None,
    email: Email = None,
    website: Website = None,
    address: Address = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Replace the tags; repeat or comma-separate ('' clears).",
        ),
    ] = None,
    note: Note = None,
    touch_every: TouchEvery = None,
    gift_every: GiftEvery = None,
) -> None:
    """Change a partner's details. An empty value ("") clears a field.

    \b
    Example:
      recip partner edit joes --phone "555 0199" --contact "Joe Bloggs"
      recip partner edit harbor --gift-every 180
    """
    from reciprocity_cli.core import partners
    from reciprocity_cli.errors import RecipError

    details = _details(
        does=does,
        kind=kind,
        contact=contact,
        phone=phone,
        email=email,
        website=website,
        address=address,
        tags=tag,
        notes=note,
        touch_every=touch_every,
        gift_every=gift_every,
    )
    with common.database().session(write=True) as session:
        partner = partners.resolve(session, name)
        if not details.checked():
            raise RecipError("Nothing to change; give an option such as --phone or --does.")
        changed = partners.edit(session, partner, details)
    if changed:
        common.say(f'Updated "{partner.name}": {", ".join(changed)}.')
    else:
        common.say(f'"{partner.name}" already had those details; nothing changed.')


@app.command("rename")
def rename(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The current name (or a unique start of it).",
            autocompletion=partner_names,
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new name.")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Rename even though NEW looks like an existing partner."),
    ] = False,
) -> None:
    """Rename a partner; its referrals and touches stay with it.

    \b
    Example:
      recip partner rename "Joes" "Joe's Plumbing & Heating"
    """
    from reciprocity_cli.core import partners

    with common.database().session(write=True) as session:
        partner = partners.resolve(session, old)
        previous = partners.rename(session, partner, new, force=force)
    common.say(f'Renamed "{previous}" to "{partner.name}".')


@app.command("archive")
def archive(
    name: NameArg,
    restore: Annotated[bool, typer.Option("--restore", help="Make it active again.")] = False,
) -> None:
    """Archive a partner: it keeps its history but leaves suggestions and the sheet.

    \b
    Example:
      recip partner archive "Old Mill Bakery"
      recip partner archive "Old Mill Bakery" --restore
    """
    from reciprocity_cli.core import partners

    with common.database().session(write=True) as session:
        partner = partners.resolve(session, name, archived=restore)
        partners.set_archived(partner, not restore)
    if restore:
        common.say(f'"{partner.name}" is active again.')
    else:
        common.say(
            f'Archived "{partner.name}"; its history stays. '
            f"Undo with: recip partner archive {_quote(partner.name)} --restore"
        )


@app.command("merge")
def merge(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM", autocompletion=partner_names, help="The duplicate to remove."
        ),
    ],
    target: Annotated[
        str,
        typer.Argument(metavar="INTO", autocompletion=partner_names, help="The partner to keep."),
    ],
    yes: common.YesOption = False,
) -> None:
    """Merge a duplicate partner into another: move every referral and touch, then remove it.

    Empty details of INTO are filled from FROM; tags are combined.

    \b
    Example:
      recip partner merge "Joes Plumbing" "Joe's Plumbing"
    """
    from reciprocity_cli.core import partners

    db = common.database()
    with db.session(write=False) as session:
        names = partners.resolve(session, source).name, partners.resolve(session, target).name
    common.confirm(f'Merge "{names[0]}" into "{names[1]}" and remove "{names[0]}"?', yes)
    with db.session(write=True) as session:
        moved = partners.merge(
            session, partners.resolve(session, names[0]), partners.resolve(session, names[1])
        )
    common.say(
        f'Merged "{names[0]}" into "{names[1]}": moved {moved[0]} referral(s) '
        f"and {moved[1]} touch(es)."
    )


@app.command("rm")
def rm(
    name: NameArg,
    force: Annotated[
        bool,
        typer.Option("--force", help="Remove it even with referrals or gestures, and them too."),
    ] = False,
    yes: common.YesOption = False,
) -> None:
    """Remove a partner added by mistake (asks first); recip undo puts it back.

    A partner with referrals or gestures is refused unless --force, which removes them
    too; archiving keeps the history instead.

    \b
    Examples:
      recip partner rm "Joes Plumbing"
      recip partner rm "Old Mill Bakery" --force
    """
    from reciprocity_cli.core import partners
    from reciprocity_cli.core.words import plural

    db = common.database()
    with db.session(write=False) as session:
        partner = partners.resolve(session, name)
        referrals, touches = partners.history_of(session, partner)
    going = f" and its {plural(referrals, 'referral')} and {plural(touches, 'gesture')}"
    question = f'Remove "{partner.name}"{going if referrals or touches else ""}?'
    if force or not (referrals or touches):
        common.confirm(question, yes)
    with db.session(write=True) as session:
        gone = partners.remove(session, partners.resolve(session, partner.name), force=force)
    with_it = f" with {plural(gone[0], 'referral')} and {plural(gone[1], 'gesture')}"
    common.say(f'Removed "{partner.name}"{with_it if any(gone) else ""}. recip undo puts it back.')
