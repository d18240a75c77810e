"""When Python's cycle collector runs in a `recip` process.

A command is a short process. Its start-up builds some 70,000 objects (Typer, Pydantic,
SQLAlchemy, the mapped tables) that live until it exits, and the collector would walk them
over and over while they are built, and again at exit, to find nothing to free: about a
third of the CPU that importing the card's packages takes, more than all of `give`'s own
work (issue 14).

So entry.py calls `starting()` before the app is imported, which turns the collector off,
and `started()` when a command opens its database (cli/common.py): what start-up built is
frozen, so no collection walks it again, not even the interpreter's last one at exit, and
the collector is on again for the command's work, which can be long (an import of a million
rows) and must not keep its garbage. A command that never opens one (`--help`) gets the same
when it ends.

Code that runs recip's app in its own process (the tests' CliRunner) never calls
`starting()`, and `started()` then leaves the collector as it found it.
"""

import gc

_turned_off = False


def starting() -> None:
    global _turned_off
    if gc.isenabled():
        gc.disable()
        _turned_off = True


def started() -> None:
    global _turned_off
    if _turned_off:
        _turned_off = False
        gc.freeze()
        gc.enable()
