"""The `recip` command. Tab completion of partner names is answered here, from the standard
library alone, before Typer (and the Pydantic it builds parameters with) is imported: a Tab
press then costs little more than starting Python. So is a shell prompt's `recip today
--brief`, while the line stored for it still holds (brief_cache.py). Everything else goes
to the Typer app.

Every answer to a shell is data, written for the shell that asks. Partner names come from
anyone who can add a partner (an imported vCard, a colleague on a shared server), so a name
is never handed to a shell as code it evaluates: bash gets each name quoted for the quote
the user has open, zsh and fish get the names one a line and add them as words themselves.
The scripts `recip --show-completion` prints are in cli/complete.py.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

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
    ("partner", "rm"): 1,
}
PARTNER_OPTIONS = {
    ("log",): ("--partner", "-p"),
    ("edit",): ("--partner", "-p"),
    ("followup",): ("--partner", "-p"),
}
GROUPS = ("partner", "db")
# Options that take no value; every other option takes one. Checked by a test too.
FLAGS = {
    "--help",
    "-h",
    "--version",
    "--json",
    "--brief",
    "--list",
    "--yes",
    "-y",
    "--force",
    "--touches",
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
    "--repair",
    "--install-completion",
    "--show-completion",
}
# Scripts installed by recip before its own (Typer's) evaluate what zsh is sent: they are
# sent this, which loads recip's script and completes with it, and no name at all.
LEGACY_ZSH = 'eval "$(_RECIP_COMPLETE=source_zsh recip)"; _recip_completion'
SEPARATOR = "\x1f"  # between the words zsh and fish pass (a word never holds one)


@dataclass
class Request:
    """One Tab press: the words typed after `recip`, and the word being completed, as the
    shell will pass them to recip (quotes and backslashes removed, nothing expanded)."""

    shell: str  # bash, zsh, fish or powershell
    protocol: str  # "data": recip's own scripts; "complete": the scripts Typer wrote
    args: list[str]
    incomplete: str
    # bash only: readline replaces the end of the word, after `keep` (an open quote, a
    # "--partner=" ...), and `quote` is the quote open there ("'", '"', "$'" or None).
    keep: str = ""
    quote: str | None = None


def split_line(line: str) -> tuple[list[str], list[tuple[int, int]], str | None]:
    """A bash command line as bash will read it, without expanding anything: its words with
    quotes and backslashes removed (the last is the word at the end, "" after a space), where
    each word is in `line`, and the quote left open at the end, if any."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    word: list[str] | None = None  # None between words
    quote: str | None = None
    index = 0
    while index < len(line):
        ch, following = line[index], line[index + 1 : index + 2]
        if quote is None and ch in " \t\n;&|()<>":
            if word is not None:
                words.append("".join(word))
                spans[-1] = (spans[-1][0], index)
                word = None
            index += 1
            continue
        if word is None:
            word = []
            spans.append((index, len(line)))
        if quote == "'":
            if ch == "'":
                quote = None
            else:
                word.append(ch)
        elif ch == "\\":
            index += 1  # a backslash at the very end escapes nothing yet
            if not following or following == "\n":
                pass
            elif quote is None or (quote == '"' and following in '$`"\\'):
                word.append(following)
            elif quote == "$'":
                word.append(ANSI_C.get(following, ch + following))
            else:
                word.append(ch + following)
        elif quote is not None:
            if ch == quote[-1]:
                quote = None
            else:
                word.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "$" and following in ("'", '"'):
            quote = "$'" if following == "'" else '"'
            index += 1
        else:
            word.append(ch)
        index += 1
    if word is None:
        spans.append((len(line), len(line)))
    words.append("".join(word or ""))
    return words, spans, quote


ANSI_C = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b"}
ANSI_C.update({"\\": "\\", "'": "'", '"': '"', "?": "?"})


def _bash_request(protocol: str, line: str, text: str) -> Request | None:
    """`line` up to the cursor; `text` the end of it readline will replace."""
    words, spans, quote = split_line(line)
    if len(words) < 2:
        return None
    request = Request("bash", protocol, words[1:-1], words[-1], quote=quote)
    current = line[spans[-1][0] :]
    if current.endswith(text):
        # What readline leaves in place: an opening quote, or a "--partner=" before the
        # text (bash splits words at "=" and ":" too).
        kept, _, request.quote = split_line(current[: len(current) - len(text)])
        request.keep = kept[-1]
    return request


def read_request(protocol: str, shell: str) -> Request | None:
    """What the shell asking sent, or None if it is not a request recip answers itself."""
    env = os.environ
    if protocol == "data" and shell == "bash":
        line, text = env.get("_RECIP_COMPLETE_LINE", ""), env.get("_RECIP_COMPLETE_WORD", "")
        return _bash_request("data", line, text)
    if protocol == "data" and shell in ("zsh", "fish"):
        words = env.get("_RECIP_COMPLETE_WORDS", "").split(SEPARATOR)
        return Request(shell, "data", words[1:], env.get("_RECIP_COMPLETE_WORD", ""))
    if protocol != "complete":
        return None
    if shell == "bash":
        # Typer's script: the words as bash split them, one a line, and the current one's
        # number; readline replaces what follows a quote the user opened.
        raw = env.get("COMP_WORDS", "")
        try:
            number = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return None
        _, spans, _ = split_line(raw)
        if number < len(spans):
            line, current = raw[: spans[number][1]], raw[spans[number][0] : spans[number][1]]
        else:
            line, current = raw + " ", ""
        quote = split_line(current)[2]
        text = current[len(quote) :] if quote and current.startswith(quote) else current
        return _bash_request("complete", line, text)
    if shell in ("zsh", "fish", "powershell", "pwsh"):
        line = env.get("_TYPER_COMPLETE_ARGS", "")
        words = split_line(line)[0]
        if shell in ("zsh", "fish"):
            return Request(shell, "complete", words[1:-1], words[-1])
        incomplete = env.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        words = words[1:-1] if words[-1] == "" else words[1:]
        return Request("powershell", "complete", words[:-1] if incomplete else words, incomplete)
    return None


def split_option(incomplete: str) -> tuple[str, str]:
    """("--partner=", "Ac") for "--partner=Ac": the value is what is completed."""
    if incomplete.startswith("-") and "=" in incomplete:
        name, _, value = incomplete.partition("=")
        return f"{name}=", value
    return "", incomplete


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
    lead, _ = split_option(incomplete)
    if lead:
        return lead[:-1] in PARTNER_OPTIONS.get(key, ()), db
    if incomplete.startswith("-"):
        return False, db
    return positional < PARTNER_ARGUMENTS.get(key, 0), db


# --- what each shell is sent ---------------------------------------------------------------

# Characters bash reads as themselves anywhere in a word; every other ASCII character gets a
# backslash (harmless where it is not needed). Letters beyond ASCII are never special.
BASH_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./,+")
# Inside double quotes: "!" would expand history, and a backslash would stay before it, so
# the quote is closed around it.
IN_DOUBLE_QUOTES = {'"': '\\"', "\\": "\\\\", "$": "\\$", "`": "\\`", "!": '"\\!"'}


def bash_quoted(text: str, quote: str | None) -> str:
    """`text` as it must be typed where `quote` is open (None: outside quotes) for bash to
    read it back exactly. Readline closes an open quote after a single match, unless the
    text already ends with that quote character, so the text closes it itself then."""
    if quote is None:
        return "".join(ch if ch in BASH_PLAIN or not ch.isascii() else f"\\{ch}" for ch in text)
    if quote == '"':
        typed = "".join(IN_DOUBLE_QUOTES.get(ch, ch) for ch in text)
    elif quote == "'":
        typed = text.replace("'", "'\\''")
    else:  # $'...'
        typed = text.replace("\\", "\\\\").replace("'", "\\'")
    return typed + quote[-1] if typed.endswith(quote[-1]) else typed


def _no_lone_backslash(entries: list[str], quote: str | None) -> list[str]:
    """With several matches readline inserts what they all start with. When each escapes a
    different character at the same place, that would end in a lone backslash (the shell
    would wait for more at Enter): spell the first one's character another way."""
    common = _common_start(entries) if len(entries) > 1 else ""
    if quote not in (None, '"') or (len(common) - len(common.rstrip("\\"))) % 2 == 0:
        return entries
    first, at = entries[0], len(common) - 1
    ch = first[at + 1]
    alone = '"\'"' if ch == "'" else f"'{ch}'"  # the character in quotes of its own
    spelt = f'"{alone}"' if quote == '"' else alone  # closing the double quote around it
    return [first[:at] + spelt + first[at + 2 :], *entries[1:]]


def _common_start(texts: list[str]) -> str:
    """What all the texts start with, character by character (as readline compares)."""
    first, last = min(texts), max(texts)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def reply(request: Request, kind: str, values: list[tuple[str, str | None]]) -> str | int:
    """The answer for the shell that asked. `kind` is "names" (partner names, to offer as
    they are), "words" (commands, options or choices, with their help) or "files" (nothing
    of recip's: the shell completes file names). `values` are whole words."""
    if not values:
        kind = "files"
    if request.shell == "bash":
        entries = [
            bash_quoted(value[len(request.keep) :], request.quote)
            for value, _ in values
            if value[: len(request.keep)].casefold() == request.keep.casefold()
        ]
        return "\n".join(_no_lone_backslash(entries, request.quote))
    if request.shell == "powershell":
        return "\n".join(f"{value}::: " for value, _ in values)
    if request.protocol == "complete":  # fish, through Typer's script: candidates, one a line
        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "") == "is-args":
            return 0 if values else 1
        return "\n".join(_described(value, description, "fish") for value, description in values)
    if kind == "files":
        return "files"
    if request.shell == "zsh" and kind == "names":  # compadd takes them as they are
        return "\n".join([kind, *(value for value, _ in values)])
    described = (_described(value, description, request.shell) for value, description in values)
    return "\n".join([kind, *described])


def _described(value: str, description: str | None, shell: str) -> str:
    description = " ".join((description or "").split())
    if shell == "zsh":  # _describe reads "value:description"
        value = value.replace("\\", "\\\\").replace(":", "\\:")
        return f"{value}:{description}" if description else value
    return f"{value}\t{description}" if description else value


def answer(fast: bool = True) -> str | int | None:
    """The completion output, an exit code (Typer's fish script asks yes/no first), or None
    to let Typer answer (PowerShell, but for partner names; an instruction recip does not
    know). `fast=False` asks the Typer app even for a partner name (tests compare the two)."""
    instruction = os.environ.get(COMPLETE_VAR, "")
    protocol, _, shell = instruction.partition("_")
    if protocol == "source" and shell in ("bash", "zsh", "fish"):
        from reciprocity_cli.cli.complete import script

        return script(shell)
    if instruction == "complete_zsh":
        return LEGACY_ZSH
    request = read_request(protocol, shell)
    if request is None:
        # Typer answers PowerShell (and any instruction it does not know); a request from
        # bash, zsh or fish that cannot be read gets nothing, never Typer's unquoted names.
        return "" if shell in ("bash", "zsh", "fish") and protocol in ("data", "complete") else None
    lead, typed = split_option(request.incomplete)
    wanted, db = partner_slot(request.args, request.incomplete)
    if wanted and fast:
        from reciprocity_cli.names import matching_names

        kind = "names"
        values: list[tuple[str, str | None]] = [
            (lead + name, None) for name in matching_names(typed, db)
        ]
    elif request.shell == "powershell":
        return None
    else:
        from reciprocity_cli.cli import app
        from reciprocity_cli.cli.complete import suggestions

        kind, found = suggestions(app, request.args, request.incomplete)
        values = [(lead + value, description) for value, description in found]
    return reply(request, kind, values)


def main() -> None:
    if COMPLETE_VAR in os.environ:
        result = answer()
        if isinstance(result, int):
            sys.exit(result)
        if result is not None:
            sys.stdout.write(result)
            return
    if "--brief" in sys.argv:
        # A shell prompt's `recip today --brief`: the line the full path stored, while
        # nothing it depends on has changed (brief_cache.py); else the full path below.
        from reciprocity_cli.brief_cache import fast_line

        line = fast_line(sys.argv[1:])
        if line is not None:
            sys.stdout.write(line + "\n")
            return
    from reciprocity_cli import collector

    collector.starting()
    try:
        from reciprocity_cli.cli import main as run
        from reciprocity_cli.cli.complete import use_recip_scripts

        use_recip_scripts()
        run()
    finally:
        collector.started()
