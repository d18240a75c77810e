"""The README's sessions, re-run with the real CLI.

README.md shows sessions as ```text blocks of `$ recip ...` lines, each followed by what
recip printed. The line before each such block names its example database:
`<!-- example: shop -->`. EXAMPLES below holds, for each name, the recip commands that fill
a new, empty database; the first block of an example starts from there and later blocks of
the same example carry on in the same database, in README order. Every run is pinned: today
is Monday 2026-11-23, you are "maria", and the terminal is 80 columns wide without colour.
What a block shows is stdout and stderr as that terminal would (trailing spaces dropped);
a command that prints an `Error:` line must fail, and every other command must succeed.
A block under `<!-- file: NAME -->` is a file the sessions read: written as NAME into the
folder they run in.

tests/test_readme.py checks that README.md shows exactly what recip prints. When an output
changes on purpose, rewrite the README's blocks from real runs:

    .venv/bin/python tests/readme_examples.py --update
"""

from __future__ import annotations

import contextlib
import difflib
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
TODAY = "2026-11-23"  # a Monday
ME = "maria"
WIDTH = 80
UPDATE = ".venv/bin/python tests/readme_examples.py --update"

# Seeds: the commands that fill each example database before its first README block.
EXAMPLES = {
    # A brand-new database: adding the first partner.
    "new": "",
    # One person's shop: three partners and two weeks of referrals; the README records
    # today's give and got in it, then shows the balance and the log.
    "shop": """
        recip partner add "Joe's Plumbing" --does "emergency plumbing, boilers" --phone "555 0100" --contact Joe --tag trades
        recip partner add "Harbor View Hotel" --does "hotel, 40 rooms" --phone "555 0200" --kind networking
        recip partner add "Acme Roofing" --does "roofs, gutters, chimneys" --phone "555 0300" --tag trades
        recip got joe --date 2026-11-09 --customer "Mrs. Patel"
        recip give acme --date 2026-11-10 --customer "Mr. Brown"
        recip give joe --date 2026-11-12 --customer "Ms. Chen"
        recip got joe --date 2026-11-16 --customer "Mr. Diaz"
        recip got harbor --date 2026-11-18 --customer "Mr. Lee"
        recip give acme --date 2026-11-20 --customer Kim
    """,  # noqa: E501
    # A shop where two people refer (maria, and sam at the front desk) on weekdays, on
    # Monday morning after a busy week: the daily checklist, who, thank, the weekly report
    # and the partner sheet.
    "team": """
        recip config workdays mon-fri
        recip partner add "Joe's Plumbing" --does "emergency plumbing, boilers" --phone "555 0100" --contact Joe --tag trades
        recip partner add "Harbor View Hotel" --does "hotel, 40 rooms" --phone "555 0200" --kind networking
        recip partner add "Acme Roofing" --does "roofs, gutters, chimneys" --phone "555 0300" --tag trades
        recip partner add "Bayside Roofing" --does "flat roofs, skylights" --phone "555 0400" --tag trades
        recip give acme --date 2026-11-05 --customer "Mr. Brown"
        recip got joe --date 2026-11-16 --customer "Mr. Diaz"
        recip give harbor --date 2026-11-17 --customer "Mrs. Park" --by sam
        recip got bayside --date 2026-11-17 --customer "Ms. Novak" --by sam
        recip got harbor --date 2026-11-18 --customer "Mr. Lee"
        recip give acme --date 2026-11-19 --customer Kim
        recip give joe --date 2026-11-20 --customer "Mr. Ortiz"
    """,  # noqa: E501
    # Closing the loop: months of referrals with their outcomes, open ones to ask about, and
    # a roofer who has sent nothing back since July.
    "loop": """
        recip partner add "Joe's Plumbing" --does "emergency plumbing, boilers" --phone "555 0100" --tag trades
        recip partner add "Harbor View Hotel" --does "hotel, 40 rooms" --phone "555 0200" --kind networking
        recip partner add "Acme Roofing" --does "roofs, gutters, chimneys" --phone "555 0300" --tag trades
        recip give acme --date 2026-07-01 --customer "Mr. Brown" --value 3500 --status won
        recip got joe --date 2026-08-03 --customer "Mr. Diaz" --value 400 --status won
        recip give joe --date 2026-08-05 --customer "Mrs. Patel" --value 1200 --status won
        recip give acme --date 2026-08-12 --customer "Ms. Chen" --status lost
        recip give acme --date 2026-09-03 --customer "Mrs. Wood"
        recip got joe --date 2026-09-14 --customer "Ms. Ortiz" --status lost
        recip give joe --date 2026-09-14 --customer "Mr. Ng"
        recip got harbor --date 2026-10-02 --customer "the wedding party" --value 2400 --status won
        recip give harbor --date 2026-10-06 --customer "Mr. Lee" --status lost
        recip give acme --date 2026-10-20 --customer "Mr. Fox"
        recip got harbor --date 2026-11-02 --customer "the Kim family"
    """,  # noqa: E501
}

FENCE = "```"
EXAMPLE_COMMENT = re.compile(r"<!--\s*example:\s*(\S+)\s*-->")
FILE_COMMENT = re.compile(r"<!--\s*file:\s*(\S+)\s*-->")


class ReadmeError(Exception):
    """The README cannot be checked as it stands, or a command did not behave as shown."""


@dataclass
class Block:
    """One ```text block of recip commands: where its lines are, and which example it uses."""

    example: str
    start: int  # index of the block's first line inside the fences
    end: int  # index of the closing fence
    commands: list[str]  # each `recip ...` line, as written after "$ "


def blocks(lines: list[str]) -> list[Block]:
    """Every ```text block of README lines that holds `$ recip` commands."""
    found = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != FENCE + "text":
            index += 1
            continue
        start = index + 1
        end = start
        while end < len(lines) and lines[end].strip() != FENCE:
            end += 1
        prompts = [line[2:] for line in lines[start:end] if line.startswith("$ ")]
        if prompts:
            where = f"README.md line {index + 1}"
            for prompt in prompts:
                if not prompt.startswith("recip"):
                    raise ReadmeError(f"{where}: only recip commands can be checked: $ {prompt}")
            before = next((line for line in reversed(lines[:index]) if line.strip()), "")
            named = EXAMPLE_COMMENT.fullmatch(before.strip())
            if named is None or named.group(1) not in EXAMPLES:
                raise ReadmeError(
                    f"{where}: put <!-- example: NAME --> on the line before this block, "
                    f"NAME being one of {', '.join(EXAMPLES)} (tests/readme_examples.py)"
                )
            found.append(Block(named.group(1), start, end, prompts))
        index = end + 1
    return found


def files(lines: list[str]) -> dict[str, str]:
    """The blocks under a `<!-- file: NAME -->` comment: NAME and the text of the block."""
    found = {}
    for index, line in enumerate(lines):
        named = FILE_COMMENT.fullmatch(line.strip())
        if named is None:
            continue
        start = next(i for i in range(index + 1, len(lines)) if lines[i].startswith(FENCE))
        end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == FENCE)
        found[named.group(1)] = "".join(f"{text}\n" for text in lines[start + 1 : end])
    return found


def environment(database: str, home: Path) -> dict[str, str | None]:
    """What every command runs with: the example's database, the pinned day and person, and
    an 80-column terminal without colour; nothing of the real user's is read."""
    return {
        "RECIP_DB": database,
        "RECIP_TODAY": TODAY,
        "RECIP_ME": ME,
        "RECIP_DEBUG": "1",  # a bug raises with its traceback instead of one polite line
        "COLUMNS": str(WIDTH),
        "LINES": "25",
        "NO_COLOR": "1",
        "FORCE_COLOR": None,
        "TTY_COMPATIBLE": None,
        "TTY_INTERACTIVE": None,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def run(command: str, env: dict[str, str | None]) -> str:
    """Run one `recip ...` line in process; what the terminal shows, without trailing blanks."""
    from typer.testing import CliRunner

    from reciprocity_cli.cli import app

    words = shlex.split(command)
    if words[:1] != ["recip"]:
        raise ReadmeError(f"not a recip command: {command}")
    # Click's help leaves two columns spare on a real terminal; CliRunner would force 80.
    result = CliRunner().invoke(app, words[1:], env=env, terminal_width=WIDTH - 2)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise ReadmeError(f"$ {command} crashed") from result.exception
    output = "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")
    failed = any(line.startswith("Error:") for line in output.splitlines())
    if failed != (result.exit_code != 0):
        raise ReadmeError(
            f"$ {command} exited {result.exit_code}"
            + (" after printing an Error: line" if failed else " without an Error: line")
            + f"; it printed:\n{output}"
        )
    return output


def seed(example: str, env: dict[str, str | None]) -> None:
    # Made first, like the tests' own: the note that a new database was created names a
    # temporary path, which no README block could show.
    run("recip db check", env)
    for command in EXAMPLES[example].strip().splitlines():
        try:
            run(command.strip(), env)
        except ReadmeError as error:
            raise ReadmeError(f"seeding example {example!r}: {error}") from error.__cause__


def render(text: str, new_database: Callable[[str], str], home: Path) -> str:
    """The README with every example block rewritten from real runs of its commands.

    new_database(name) makes an empty database for an example: a path or a URL."""
    lines = text.split("\n")
    envs: dict[str, dict[str, str | None]] = {}
    replaced = []
    folder = home / "files"  # where the sessions run, with the README's files in it
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files(lines).items():
        (folder / name).write_text(content, encoding="utf-8")
    with contextlib.chdir(folder):
        for block in blocks(lines):
            if block.example not in envs:
                envs[block.example] = environment(new_database(block.example), home)
                seed(block.example, envs[block.example])
            sessions = [
                f"$ {command}\n{run(command, envs[block.example])}".rstrip("\n")
                for command in block.commands
            ]
            replaced.append((block, "\n\n".join(sessions).split("\n")))
    for block, new in reversed(replaced):
        lines[block.start : block.end] = new
    return "\n".join(lines)


def diff(shown: str, printed: str) -> str:
    """What differs, as a unified diff of README.md: - what it shows, + what recip prints."""
    return "".join(
        difflib.unified_diff(
            shown.splitlines(keepends=True),
            printed.splitlines(keepends=True),
            "README.md (as written)",
            "README.md (as recip prints it)",
        )
    )


def main(argv: list[str]) -> int:
    """Check the README (exit 1 and a diff on drift), or rewrite it with --update. Runs on
    SQLite; tests/test_readme.py checks PostgreSQL prints the same."""
    if argv not in ([], ["--update"]):
        print(f"usage: {UPDATE}   (without --update: only check)", file=sys.stderr)
        return 2
    shown = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="recip-readme-") as folder:
        printed = render(shown, lambda name: str(Path(folder) / f"{name}.db"), Path(folder))
    if printed == shown:
        print("README.md: every example shows what recip prints.")
        return 0
    if argv == ["--update"]:
        README.write_text(printed, encoding="utf-8")
        print("README.md: example outputs rewritten from real runs; review with git diff.")
        return 0
    print(diff(shown, printed), end="")
    print(f"README.md differs from what recip prints; if recip is right, run: {UPDATE}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
