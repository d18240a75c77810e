"""Plain `recip`: a welcome on a new database, else today's checklist."""

from reciprocity_cli.cli import common

WELCOME = """\
Welcome to recip - it keeps your referral partnerships two-way.

Start with these two commands:
  recip partner add "Joe's Plumbing" --does "emergency plumbing, boilers" --phone "555 0100"
  recip give "Joe's Plumbing" --customer "Mrs. Patel"

When a partner sends a customer your way:  recip got "Joe's Plumbing"
Each morning, plain recip shows the partner to refer today and your streak.
See who you owe:                            recip balance
Your data lives in {path}  (recip db path)"""


def home() -> None:
    from reciprocity_cli.core import partners

    db = common.database()
    with db.session(write=False) as session:
        empty = partners.is_empty(session)
    if empty:
        common.say(WELCOME.format(path=db.location.display()))
        return
    from reciprocity_cli.cli.daily import today

    today()
