"""The tables. Their shape is owned by the Alembic revisions in migrations/; a test keeps the two
in step. Field names match DESIGN.md except `made_by` (the column behind `--by`: BY is SQL).

Each table's class lives in its own module and is mapped the first time a command asks for it
(`from reciprocity_cli.models import Partner`, PEP 562): mapping a SQLModel class costs one to
four milliseconds, and most commands need some of the eleven (`balance` four). Code that needs
every table (the schema test) calls `every_table()`.
"""

import importlib
from typing import TYPE_CHECKING

from sqlmodel import SQLModel

from reciprocity_cli.models.base import utc_now

if TYPE_CHECKING:
    from sqlalchemy import MetaData

    from reciprocity_cli.models.closed_day import ClosedDay
    from reciprocity_cli.models.day_tally import DayTally
    from reciprocity_cli.models.history import Change, ChangeRow
    from reciprocity_cli.models.partner import Partner
    from reciprocity_cli.models.partner_lag import PartnerLag
    from reciprocity_cli.models.partner_tally import PartnerTally
    from reciprocity_cli.models.referral import Referral
    from reciprocity_cli.models.setting import Setting
    from reciprocity_cli.models.thanks_tally import ThanksTally
    from reciprocity_cli.models.touch import Touch

__all__ = [
    "Change",
    "ChangeRow",
    "ClosedDay",
    "DayTally",
    "Partner",
    "PartnerLag",
    "PartnerTally",
    "Referral",
    "Setting",
    "ThanksTally",
    "Touch",
    "every_table",
    "utc_now",
]

# Which module holds each table's class.
_HOMES = {
    "Partner": "partner",
    "Referral": "referral",
    "Touch": "touch",
    "ClosedDay": "closed_day",
    "Setting": "setting",
    "Change": "history",
    "ChangeRow": "history",
    "PartnerTally": "partner_tally",
    "PartnerLag": "partner_lag",
    "DayTally": "day_tally",
    "ThanksTally": "thanks_tally",
}


def __getattr__(name: str) -> type[SQLModel]:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    table = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = table  # asked once: the next import finds it like any other name
    return table


def every_table() -> "MetaData":
    """All the tables mapped, in SQLModel's metadata."""
    for name in _HOMES:
        __getattr__(name)
    return SQLModel.metadata
