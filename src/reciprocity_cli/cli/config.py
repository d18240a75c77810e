"""`recip config`: list, read and change the settings kept in the database."""

from __future__ import annotations

from typing import Annotated

import typer

from reciprocity_cli.cli import common


def config(
    key: Annotated[
        str | None, typer.Argument(metavar="KEY", help="The setting to read or change.")
    ] = None,
    value: Annotated[str | None, typer.Argument(metavar="VALUE", help="The new value.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Go back to the default.")] = False,
    as_json: common.JsonOnlyOption = False,
) -> None:
    """Show or change settings. They live in the database, so they travel with the data.

    \b
    Settings:
      daily_goal   referrals to give each day (default 1)
      fair_band    fair share of referrals given, in percent (default 40-60)
      week_start   first day of a report week: mon ... sun (default mon)
      workdays     days that count for the streak: all, mon-fri, mon,wed,fri
      quiet_days   days without any exchange before a partner counts as quiet (60)
      currency     shown beside values: EUR, $, none (default none)

    \b
    Examples:
      recip config
      recip config fair_band 35-65
      recip config workdays mon-fri
      recip config currency --reset
    """
    from reciprocity_cli.core import settings
    from reciprocity_cli.errors import UsageProblem
    from reciprocity_cli.render import formats

    if reset and (key is None or value is not None):
        raise UsageProblem("--reset takes a setting name and no value: recip config KEY --reset")
    writing = key is not None and (value is not None or reset)
    with common.database().session(write=writing) as s:
        if writing:
            name = settings.check_key(key)
            stored = settings.reset(s, name) if reset else settings.store(s, name, value)
        current = settings.load(s).values
    if writing:  # said only once the change is committed
        common.say(f"{name} = {stored or '(none)'}" + (" (default)" if reset else ""))
        return
    if key is not None:
        name = settings.check_key(key)
        if as_json:
            formats.emit(formats.to_json({name: current[name]}), None)
        else:
            common.say(current[name])
        return
    rows = [
        {"key": name, "value": current[name], "default": spec.default, "help": spec.help}
        for name, spec in settings.SPECS.items()
    ]
    if as_json:
        formats.emit(formats.to_json(current), None)
        return
    from reciprocity_cli.render.tables import settings_table

    common.show(settings_table(rows))
