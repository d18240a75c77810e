"""The least a `give` can do on the card's stack, timed by run.py beside `recip give`.

    python benchmarks/least_give.py DATABASE "Partner 042" --customer Bench

Typer parses the same arguments and options as `recip give`; SQLModel maps recip's own
Partner and Referral classes; one session finds the partner by its key, inserts the
referral and commits; one Core query reads the partner's tally; one line is printed.
Python's cycle collector runs as in recip (collector.py). Nothing else: no schema check or
upgrade, no history for undo, no partner matching, no checks of the values, no settings.
What `recip give` costs above this is recip's own work; what this costs above the floor is
the stack's.
"""

from reciprocity_cli import collector

collector.starting()  # as recip's start-up

import datetime as dt  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

app = typer.Typer(add_completion=False)
Text = Annotated[str | None, typer.Option()]


@app.command()
def give(
    database: str,
    partner: str,
    customer: Annotated[str | None, typer.Option("--customer", "-c")] = None,
    contact: Text = None,
    note: Text = None,
    heat: Annotated[int | None, typer.Option()] = None,
    value: Text = None,
    status: Text = None,
    by: Text = None,
    date: Text = None,
) -> None:
    from sqlalchemy import Column, MetaData, Table
    from sqlalchemy import select as core_select
    from sqlmodel import Session, create_engine, select

    from reciprocity_cli.models import Partner, Referral

    collector.started()  # the work begins, as in recip
    tally = Table(
        "partner_tally", MetaData(), *map(Column, ("partner_id", "direction", "referrals"))
    )
    engine = create_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        found = session.exec(select(Partner).where(Partner.name_key == partner.casefold()))
        chosen = found.one()
        referral = Referral(
            direction="given", partner_id=chosen.id, date=dt.date.today(), customer=customer
        )
        session.add(referral)
        session.commit()
        wanted = (tally.c.partner_id == chosen.id) & (tally.c.direction == "given")
        given = session.execute(core_select(tally.c.referrals).where(wanted)).scalar()
        print(f"Recorded #{referral.id}: given to {chosen.name}; given {given}.")
    engine.dispose()


if __name__ == "__main__":
    app()
