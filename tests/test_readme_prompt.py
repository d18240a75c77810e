"""The README's prompt and cron snippets for `recip today --brief`, run as the shells and cron
would run them, against the test's database: each must show the line `recip today --brief`
prints. The snippets are read from README.md (`<!-- snippet: NAME -->` before the block)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BIN = Path(sys.executable).parent


def snippet(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", text, flags=re.S)
    assert found, f"README.md has no <!-- snippet: {name} --> block"
    return found.group(1)


@pytest.fixture
def line(recip):
    """A partner whose name holds what a prompt could misread, and the line for today."""
    recip("partner", "add", "100% Paint $(touch x) \\u", "--phone", "555 0100")
    recip("got", "100%", "--date", "yesterday")
    out = recip("today", "--brief").stdout
    assert out.startswith("refer 100% Paint $(touch x) \\u 555 0100")
    return out.rstrip("\n")


def shell_env(tmp_path: Path) -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path)}


def run(command: list[str], tmp_path: Path, env: dict | None = None) -> str:
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env or shell_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_prompt(line, tmp_path):
    (tmp_path / "snippet.bash").write_text(snippet("bash"))
    script = 'PS1="> "; source snippet.bash; eval "$PROMPT_COMMAND"; printf %s "${PS1@P}"'
    assert run(["bash", "--norc", "--noprofile", "-c", script], tmp_path) == f"{line}\n> "
    assert not (tmp_path / "x").exists()  # nothing in a name ever runs


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_the_zsh_prompt(line, tmp_path):
    (tmp_path / "snippet.zsh").write_text(snippet("zsh"))
    script = (
        'PROMPT="> "; source ./snippet.zsh; for hook in $precmd_functions; do $hook; done; '
        'print -Pn -- "$PROMPT"'
    )
    assert run(["zsh", "-f", "-c", script], tmp_path) == f"{line}\n> "
    assert not (tmp_path / "x").exists()


def test_the_cron_lines(line, tmp_path):
    """Each crontab line's command, run by sh as cron runs it, with recip where the README
    says (~/.local/bin) and a stand-in notify-send that records what it was given."""
    (tmp_path / ".local" / "bin").mkdir(parents=True)
    (tmp_path / ".local" / "bin" / "recip").symlink_to(BIN / "recip")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    notify = stubs / "notify-send"
    notify.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/notified"\n')
    notify.chmod(0o755)
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{stubs}{os.pathsep}/usr/bin:/bin"}
    notification, mail = snippet("cron").splitlines()
    run(["sh", "-c", notification.split(None, 5)[5]], tmp_path, env)
    assert (tmp_path / "notified").read_text() == f"recip\n{line}\n"
    assert run(["sh", "-c", mail.split(None, 5)[5]], tmp_path, env) == f"{line}\n"
