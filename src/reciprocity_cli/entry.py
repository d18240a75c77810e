"""The `recip` command. Tab completion of partner names is answered here, from the standard
library alone, before Typer (and the Pydantic it builds parameters with) is imported: a Tab
press then costs little more than starting Python. Everything else goes to the Typer app."""

from __future__ import annotations

import os
import shlex
import sys

COMPLETE_VAR = "_RECIP_COMPLETE"
# Where a PARTNER is expected: how many leading positional arguments are partners, and
# options whose value is a partner. tests/test_completion.py checks this against the app.
PARTNER_ARGUMENTS = {
    ("give",): 1,
    ("got",): 1,
    ("thank",): 1,
    ("touch",): 1,
    ("partner", "show"): 1,
    ("partner", "edit"): 1,
    ("partner", "rename"): 1,
    ("partner", "archive"): 1,
    ("partner", "merge"): 2,
}
PARTNER_OPTIONS = {("log",): ("--partner", "-p"), ("edit",): ("--partner", "-p")}
GROUPS = ("partner", "db")
# Options that take no value; every other option takes one. Checked by a test too.
FLAGS = {
    "--help",
    "-h",
    "--version",
    "--json",
    "--yes",
    "-y",
    "--force",
    "--restore",
    "--archived",
    "--all",
    "--include-archived",
    "--by-value",
    "--dry-run",
    "--overwrite",
    "--create-partners",
    "--reset",
    "--replace",
    "--install-completion",
    "--show-completion",
}


def completion_words(shell: str) -> tuple[list[str], str] | None:
    """(words typed after `recip`, the word being completed), as Typer reads them."""
    try:
        if shell == "bash":
            words = shlex.split(os.environ["COMP_WORDS"])
            cword = int(os.environ["COMP_CWORD"])
            return words[1:cword], words[cword] if cword < len(words) else ""
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)[1:]
        if shell == "powershell":
            incomplete = os.environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
            return (words[:-1] if incomplete else words), incomplete
        if words and not line.endswith(" "):
            return words[:-1], words[-1]
        return words, ""
    except (KeyError, ValueError):
        return None


def partner_slot(args: list[str], incomplete: str) -> tuple[bool, str | None]:
    """Whether the word being completed is a PARTNER, and the --db given, if any."""
    db, command, positional, previous = None, [], 0, None
    index = 0
    while index < len(args):
        word = args[index]
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            takes_value = name not in FLAGS and "=" not in word
            if name == "--db":
                db = word.split("=", 1)[1] if "=" in word else None
                if takes_value and index + 1 < len(args):
                    db = args[index + 1]
            if takes_value:
                if index + 1 == len(args):
                    previous = name  # completing this option's value
                index += 1
        elif not command or (command[0] in GROUPS and len(command) == 1):
            command.append(word)
        else:
            positional += 1
        index += 1
    key = tuple(command)
    if previous is not None:
        return previous in PARTNER_OPTIONS.get(key, ()), db
    if incomplete.startswith("-"):
        return False, db
    return positional < PARTNER_ARGUMENTS.get(key, 0), db


def answer() -> str | int | None:
    """The completion output for a partner name, an exit code (fish asks yes/no), or None
    to let Typer handle it."""
    shell = os.environ.get(COMPLETE_VAR, "").removeprefix("complete_")
    if shell not in ("bash", "zsh", "fish", "powershell", "pwsh"):
        return None
    shell = "powershell" if shell == "pwsh" else shell
    read = completion_words(shell)
    if read is None:
        return None
    args, incomplete = read
    wanted, db = partner_slot(args, incomplete)
    if not wanted:
        return None
    from reciprocity_cli.names import matching_names

    names = matching_names(incomplete, db)
    if shell == "zsh":
        if not names:
            return "_files"
        quoted = "\n".join(f'"{_zsh_escape(name)}"' for name in names)
        return f"_arguments '*: :(({quoted}))'"
    if shell == "fish":
        action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return 0 if names else 1
        return "\n".join(names)
    if shell == "powershell":
        return "\n".join(f"{name}::: " for name in names)
    return "\n".join(names)


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def main() -> None:
    if COMPLETE_VAR in os.environ:
        result = answer()
        if isinstance(result, int):
            sys.exit(result)
        if result is not None:
            sys.stdout.write(result)
            return
    from reciprocity_cli.cli import main as run

    run()
