"""The installed `recip` command and `python -m reciprocity_cli`, as real processes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RECIP = shutil.which("recip", path=str(Path(sys.executable).parent)) or shutil.which("recip")


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    env.pop("RECIP_DEBUG", None)
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(RECIP is None, reason="the recip entry point is not installed")
def test_installed_entry_point_records_and_reports():
    assert run(RECIP, "partner", "add", "Joe's Plumbing", "--phone", "555 0100").returncode == 0
    given = run(RECIP, "give", "joe", "--customer", "Mrs. Patel")
    assert given.returncode == 0, given.stderr
    assert given.stdout.startswith("Recorded #1: given to Joe's Plumbing (Mrs. Patel,")
    balance = run(RECIP, "balance", "--json")
    [row] = json.loads(balance.stdout)
    assert (row["given"], row["got"], row["status"]) == (1, 0, "they_owe")
    table = run(RECIP, "balance", env_extra={"NO_COLOR": ""})
    assert "Joe's Plumbing" in table.stdout and "\x1b[" not in table.stdout  # a pipe: no colour


@pytest.mark.skipif(RECIP is None, reason="the recip entry point is not installed")
def test_errors_are_one_line_without_traceback(recip):  # recip: the database exists already
    result = run(RECIP, "give", "nobody")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'Error: No partner matches "nobody". Add it with: recip partner add nobody'
    ]
    usage = run(RECIP, "give", "--heat")
    assert usage.returncode == 2 and len(usage.stderr.splitlines()) == 1


def test_python_dash_m_works():
    result = run(sys.executable, "-m", "reciprocity_cli", "--version")
    assert result.returncode == 0 and result.stdout.startswith("recip ")


@pytest.mark.skipif(
    RECIP is None or not Path("/dev/full").exists(), reason="needs recip and /dev/full"
)
@pytest.mark.parametrize("args", [["log"], ["balance", "--json"], ["export"], ["give", "joe"]])
def test_output_to_a_full_disk_is_one_line(args):
    assert run(RECIP, "partner", "add", "Joe's Plumbing").returncode == 0
    with open("/dev/full", "w") as full:
        env = {key: value for key, value in os.environ.items() if key != "RECIP_DEBUG"}
        result = subprocess.run(
            [RECIP, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60
        )
    assert result.returncode == 1
    assert result.stderr == "Error: Cannot write the output: No space left on device.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["give", b"Caf\xe9"],
        ["partner", "add", "Joe", "--does", b"plomber\xeda"],
        ["log", "--search", b"\xff\xfe"],
    ],
)
def test_words_the_terminal_sent_in_another_encoding_are_one_clear_line(recip, args):
    """Latin-1 typed into a UTF-8 terminal: the bytes reach Python as lone surrogates, which
    no database or output can hold. Refused as one line naming the bytes, nothing written."""
    result = run(sys.executable, "-m", "reciprocity_cli", *args)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    shown = args[-1].decode("utf-8", "backslashreplace")
    assert line == (
        f'Error: "{shown}" holds bytes that are not UTF-8 text; type it again, or set the '
        "terminal's encoding to UTF-8."
    )
    assert recip.json("log") == [] and recip.json("partner", "list") == []


PROBE = """
import runpy, sys
sys.argv = ["recip", *sys.argv[1:]]
try:
    runpy.run_module("reciprocity_cli", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel", "alembic"})
commands = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("reciprocity_cli.cli."))
print("PYDANTIC:" + str("pydantic" in sys.modules), file=sys.stderr)
print("SQLITE:" + str("sqlite3" in sys.modules), file=sys.stderr)
print("COMMANDS:" + ",".join(commands), file=sys.stderr)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["give", "--help"],
        ["partner", "--help"],
        ["balance", "--help"],
        ["help"],
        ["help", "give"],
    ],
)
def test_help_does_not_import_the_database_stack(args):
    result = run(sys.executable, "-c", PROBE, *args)
    assert "Usage:" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "HEAVY:"
    assert result.stderr.strip().splitlines()[-3] == "SQLITE:False"  # names.py waits for Tab
    # Nor Typer's converters (Pydantic) for options left out (cli/converters.py).
    assert result.stderr.strip().splitlines()[-4] == "PYDANTIC:False"


@pytest.mark.parametrize(
    ("args", "modules"),
    [
        (["--help"], ""),
        (["balanse"], ""),
        (["give", "--help"], "entries"),
        (["partner", "--help"], "partner"),
        (["help"], ""),
        (["help", "give"], "entries"),
        (["version"], ""),
        (["add", "Bayside"], ""),
        (["ls"], ""),
    ],
)
def test_only_the_command_used_is_imported(args, modules):
    """The registry loads commands lazily: root help and typos import no command module."""
    result = run(sys.executable, "-c", PROBE, *args)
    lines = result.stderr.strip().splitlines()
    shared = {"app", "common", "complete", "converters", "helptext", "registry"}
    loaded = set(lines[-2].removeprefix("COMMANDS:").split(",")) - shared - {""}
    assert loaded == set(filter(None, [modules]))


def test_a_hint_reads_partner_names_without_the_database_stack(tmp_path):
    """`recip give Harbor View` looks the words up to choose its hint, cheaply."""
    db = tmp_path / "hint.db"
    added = run(RECIP or "recip", "--db", str(db), "partner", "add", "Harbor View Hotel")
    assert added.returncode == 0
    result = run(sys.executable, "-c", PROBE, "--db", str(db), "give", "Harbor", "View")
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        'Error: Too many words for recip give: "View"; put a name with spaces in quotes: '
        'recip give "Harbor View"'
    )
    assert lines[-2:] == [
        "COMMANDS:app,common,complete,converters,entries,helptext,hints,registry",
        "HEAVY:",
    ]


GC_PROBE = """
import gc, runpy, sys
sys.argv = ["recip", *sys.argv[1:]]
from reciprocity_cli.cli import common
opening = common.database
def database():
    print("OPENED WITH THE COLLECTOR ON:" + str(gc.isenabled()), file=sys.stderr)
    found = opening()
    print("WORKS WITH THE COLLECTOR ON:" + str(gc.isenabled()), file=sys.stderr)
    return found
common.database = database
try:
    runpy.run_module("reciprocity_cli", run_name="__main__")
except SystemExit:
    pass
print(f"AFTER:{gc.isenabled()},{gc.get_freeze_count() > 10_000}", file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "opens"), [(["balance", "--json"], True), (["give", "--help"], False)]
)
def test_the_collector_is_off_while_starting_and_on_for_the_work(tmp_path, args, opens):
    """collector.py: start-up's objects are built with Python's cycle collector off, then
    frozen; a command's work (an import can be long) runs with it on, and so does whatever
    follows the command in its process."""
    db = tmp_path / "gc.db"
    result = run(sys.executable, "-c", GC_PROBE, "--db", str(db), *args)
    lines = [
        line for line in result.stderr.splitlines() if line.startswith(("OPENED", "WORKS", "AFTER"))
    ]
    opened = ["OPENED WITH THE COLLECTOR ON:False", "WORKS WITH THE COLLECTOR ON:True"]
    assert lines[:-1] == (opened if opens else []), result.stderr
    assert lines[-1] == "AFTER:True,True", result.stderr


def test_alembic_is_imported_only_when_an_upgrade_is_due():
    """The probe sees real imports (so the test above could fail): a new database needs
    Alembic to create the schema; opening it again, at the current revision, does not."""
    first = run(sys.executable, "-c", PROBE, "db", "check")
    assert first.stderr.strip().splitlines()[-1] == "HEAVY:alembic,sqlalchemy,sqlmodel"
    second = run(sys.executable, "-c", PROBE, "db", "check")
    assert second.stderr.strip().splitlines()[-1] == "HEAVY:sqlalchemy,sqlmodel"


def test_partner_completion_does_not_import_the_database_stack(tmp_path):
    """Even when Typer answers (the app's own partner completion, not the fast path)."""
    db = tmp_path / "names.db"
    assert run(RECIP or "recip", "--db", str(db), "partner", "add", "Zed's Zebras").returncode == 0
    env = {
        "_RECIP_COMPLETE": "data_zsh",
        "_RECIP_COMPLETE_WORDS": "recip\x1fgive",
        "_RECIP_COMPLETE_WORD": "Ze",
        "RECIP_DB": str(db),
    }
    probe = PROBE.replace('sys.argv = ["recip", *sys.argv[1:]]', 'sys.argv = ["recip"]')
    probe = probe.replace(
        'runpy.run_module("reciprocity_cli", run_name="__main__")',
        "from reciprocity_cli import entry; print(entry.answer(fast=False))",
    )
    result = run(sys.executable, "-c", probe, env_extra=env)
    assert result.stdout == "names\nZed's Zebras\n"
    assert result.stderr.strip().splitlines()[-1] == "HEAVY:"


@pytest.mark.parametrize(
    "args",
    [
        ["give", "joe"],
        ["balance", "--json"],
        ["today", "--json"],
        ["report", "--json"],
        ["who", "plumbing", "--json"],
        ["followup", "--json"],
        ["scorecard", "--json"],
    ],
)
def test_a_line_or_a_json_document_is_printed_without_rich(args):
    """Rich draws the tables; the daily commands' one line, and every --json document, are
    printed without importing it (issue 14: what a command costs to start)."""
    added = run(
        sys.executable, "-m", "reciprocity_cli", "partner", "add", "Joe", "--does", "plumbing"
    )
    assert added.returncode == 0, added.stderr
    probe = PROBE + 'print("RICH:" + str("rich" in sys.modules), file=sys.stderr)\n'
    result = run(sys.executable, "-c", probe, *args)
    assert result.stdout.strip(), result.stderr
    assert result.stderr.strip().splitlines()[-1] == "RICH:False"


def test_text_values_are_taken_as_typed_without_building_typers_converters(recip):
    """A value for a plain text parameter is passed on as it is, as Typer's converter would
    (cli/converters.py); a whole number still goes through Typer's, with its bounds."""
    recip("partner", "add", "Joe's Plumbing")
    probe = PROBE + 'print("ADAPTERS:" + str("typer._adapters" in sys.modules), file=sys.stderr)\n'
    words = ["give", "joe's", "--date", "2026-11-20", "--note", 'said "hi" 👋']
    result = run(sys.executable, "-c", probe, *words)
    assert "Recorded #1: given to Joe's Plumbing (2026-11-20)." in result.stdout, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "ADAPTERS:False"
    assert recip.json("log")[0]["note"] == 'said "hi" 👋'

    limited = run(sys.executable, "-m", "reciprocity_cli", "log", "--limit", "-1")
    assert limited.returncode == 2
    assert "--limit" in limited.stderr


@pytest.mark.parametrize(
    ("line", "offered"),
    [("recip ba", "balance"), ("recip give --cu", "--customer"), ("recip partner a", "add")],
)
def test_completion_through_typer_does_not_import_pydantic(line, offered):
    """Commands, options and subcommands are Typer's to offer, without converting a value
    (cli/converters.py)."""
    env = {
        "_RECIP_COMPLETE": "data_bash",
        "_RECIP_COMPLETE_LINE": line,
        "_RECIP_COMPLETE_WORD": line.split(" ")[-1],
    }
    probe = PROBE.replace('sys.argv = ["recip", *sys.argv[1:]]', 'sys.argv = ["recip"]')
    result = run(sys.executable, "-c", probe, env_extra=env)
    assert offered in result.stdout.splitlines()
    assert result.stderr.strip().splitlines()[-4:] == [
        "PYDANTIC:False",
        "SQLITE:False",
        result.stderr.strip().splitlines()[-2],  # the command's module: what Typer reads
        "HEAVY:",
    ]


def test_the_recip_command_completes_partner_names_without_importing_typer(tmp_path):
    db = tmp_path / "names.db"
    assert run(RECIP or "recip", "--db", str(db), "partner", "add", "Zed's Zebras").returncode == 0
    probe = (
        "import sys\n"
        "from reciprocity_cli.entry import main\n"
        "main()\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typer', 'rich', 'sqlalchemy', 'sqlmodel', 'pydantic'})\n"
        "print('LOADED:' + ','.join(loaded), file=sys.stderr)\n"
    )
    env = {
        "_RECIP_COMPLETE": "data_bash",
        "_RECIP_COMPLETE_LINE": "recip give ze",
        "_RECIP_COMPLETE_WORD": "ze",
        "RECIP_DB": str(db),
    }
    result = run(sys.executable, "-c", probe, env_extra=env)
    assert result.stdout == "Zed\\'s\\ Zebras"  # quoted for bash: one word, as typed
    assert result.stderr.strip().splitlines()[-1] == "LOADED:"
    if RECIP:  # and the installed command answers the same way
        assert run(RECIP, env_extra=env).stdout == "Zed\\'s\\ Zebras"


@pytest.mark.skipif(RECIP is None, reason="the recip entry point is not installed")
def test_ctrl_c_at_a_question_cancels_on_its_own_line_with_exit_130(tmp_path):
    """In a real terminal (a pseudo-terminal here): the question, Ctrl-C, then one line."""
    import pty
    import select
    import signal
    import time

    db = str(tmp_path / "recip.db")
    for args in (("partner", "add", "Joe"), ("give", "joe")):
        assert run(RECIP, *args, env_extra={"RECIP_DB": db}).returncode == 0
    env = {**os.environ, "RECIP_DB": db}
    env.pop("RECIP_DEBUG", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: recip in the terminal
        # As from an interactive shell: a background job started without job control
        # (nohup, `cmd &` in a script) inherits SIGINT ignored, and Python then keeps it so.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execve(RECIP, [RECIP, "rm", "1"], env)
    seen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 1)[0]:
            seen += os.read(fd, 1024)
    assert b"[y/N]" in seen, seen
    time.sleep(0.2)  # let it reach the read of the answer
    os.write(fd, b"\x03")  # Ctrl-C: the terminal turns it into SIGINT
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child has gone
            break
        if not chunk:
            break
        seen += chunk
    else:
        os.kill(pid, signal.SIGKILL)  # still there a minute on: fail, not hang
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130
    assert seen.decode().splitlines()[-1].strip() == "Cancelled, nothing changed.", seen
    assert run(RECIP, "log", "--json", env_extra={"RECIP_DB": db}).stdout.count('"id"') == 1
