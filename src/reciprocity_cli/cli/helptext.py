"""Help that reads like a manual: NAME, not `{NAME}` or `NAME <str>`.

Typer 0.29 labels every argument with its Python type (`PARTNER <str>`, `WORDS...
<list[str]>`), braces required arguments in the usage line (`recip give {PARTNER}`) and
shows an option without a metavar by its type (`--limit <int range>`). Those are the
code's words, not the user's. The labels are replaced here, once, for every command
(including ones added later), rather than by a metavar on each option; Typer is held to
0.29.x (pyproject) and tests/cli/test_help.py checks every help page, so a Typer that
renders help differently is noticed.
"""

from __future__ import annotations

from typer.core import TyperArgument, TyperOption

# A type label as a word a user would write in a manual.
_WORDS = {"str": "TEXT", "int": "N", "int range": "N", "float": "NUMBER", "file": "FILE"}


def _option_value(self: TyperOption, ctx) -> str | None:
    if self.metavar is not None:
        return self.metavar
    label = self.display_type(ctx).strip("<>")
    word = _WORDS.get(label, "PATH" if label in ("path", "directory") else label.upper())
    return word + ("..." if self.nargs != 1 else "")


def _argument_in_usage(self: TyperArgument) -> str:
    name = self.display_name_raw
    if self.metavar is None and self.nargs != 1:  # a metavar says it itself (WORDS...)
        name += "..."
    return name if self.required else f"[{name}]"


def use_plain_words() -> None:
    TyperArgument.display_type_rich = lambda self, ctx: None  # the name says enough
    TyperArgument._usage_display_name = _argument_in_usage
    TyperOption.display_type_rich = _option_value
