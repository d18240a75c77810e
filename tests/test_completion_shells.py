"""Tab completion in real shells: bash, zsh and fish, interactive, in a private tmux server,
with the scripts `recip --install-completion` installs from inside each of them, on partner
names full of what shells read as code. A Tab press must complete exactly the name, as one
word, and nothing hidden in a name may run, neither at the Tab press nor at Enter.

Each shell gets keys as a user types them: the start of a name, Tab, then Ctrl-A, "args "
and Enter. A key binding writes the line Tab left (for failure messages), and `args`, a
shell function, writes the words the shell read. The names' commands would create files in
the test's folder: none may appear."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent  # where the installed `recip` is
TMUX = shutil.which("tmux")


def hostile_names() -> list[str]:
    """Names whose first words differ (so a few letters pick one), each holding something a
    shell would otherwise run, split, expand or wait on. Their commands would create files
    in the folder the shells run in."""
    return [
        "Joe's Plumbing & Heating",
        "Petal & Stem",
        "Harbor View Hotel",
        'The "Best" Bakery',
        "Cash $(touch pwned-dollar) Co",
        "Tick `touch pwned-backquote` Tock",
        "Slash \\$(touch pwned-backslash) \\ Co",  # what zsh once ran
        "Semi; touch pwned-semicolon",
        "Star * Glazing",
        "Paren (Holdings) Ltd",
        "Café Flore",
        "City Taxi",
        "Taco 🌮 Truck",
        "Dollar $HOME Dave",
        "Bang! Events",
        "Tilde ~ Tea",
        "Pipe | Redirect > Co",
        "Hash #1 Deli",
        "Brace {a,b} Co",
        "Quote's \"Mix\" $'x' Co",
        "Ends With Bang!",
    ]


# What is typed before Tab, for a name: the start of it, up to 4 letters, in lower case.
TYPED = {"Café Flore": "cafe", "City Taxi": "taxi", "Tilde ~ Tea": "tild"}


def typed_for(name: str) -> str:
    return TYPED.get(name, re.match(r"\w*", name).group()[:4].lower())


class Terminal:
    """An interactive shell in its own tmux server (the test's socket, killed at the end)."""

    def __init__(self, shell: str, command: list[str], env: dict, folder: Path):
        self.socket = f"recip-test-{os.getpid()}-{shell}"
        self.words_file, self.lines_file = folder / f"{shell}.words", folder / f"{shell}.lines"
        self.env = {**env, "ARGS_FILE": str(self.words_file), "LINES_FILE": str(self.lines_file)}
        self.ready = folder / f"{shell}.ready"
        self.env["READY_FILE"] = str(self.ready)
        cwd = str(folder / "commands")  # where a name's command would leave its file
        self.tmux("new-session", "-d", "-x", "250", "-y", "50", "-c", cwd, *command)

    def tmux(self, *args: str) -> None:
        subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=10,
        )

    def wait(self, done, what: str, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                screen = subprocess.run(
                    [TMUX, "-L", self.socket, "capture-pane", "-p"],
                    capture_output=True,
                    text=True,
                ).stdout
                raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}")
            time.sleep(0.01)

    def records(self, path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").split("\n")[:-1] if path.exists() else []

    def complete(self, typed: str) -> tuple[str, list[str]]:
        """Type `typed`, press Tab, then run the line as `args ...`: (the line Tab left, the
        words the shell read from it)."""
        count = len(self.records(self.words_file))
        self.wait(self.ready.exists, "the prompt")  # keys typed earlier may be thrown away
        self.ready.unlink()  # the next prompt makes it again
        self.tmux("send-keys", "-t", "0", "-l", typed)
        self.tmux("send-keys", "-t", "0", "Tab", "C-x", "C-a")
        self.tmux("send-keys", "-t", "0", "-l", "args ")
        self.tmux("send-keys", "-t", "0", "Enter")
        self.wait(lambda: len(self.records(self.words_file)) > count, f"{typed!r} to run")
        line = self.records(self.lines_file)[-1]
        return line, self.records(self.words_file)[-1].split("\0")[:-1]

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)
        sockets = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (sockets / self.socket).unlink(missing_ok=True)  # tmux leaves the file behind


RC = {
    "bash": """
PS1='$ '; HISTFILE=
PROMPT_COMMAND='touch "$READY_FILE"'  # the first prompt: the shell reads keys now
source ~/.bashrc
args() { { printf '%s\\0' "$@"; printf '\\n'; } >> "$ARGS_FILE"; }
dump() { printf '%s\\n' "$READLINE_LINE" >> "$LINES_FILE"; }
bind -x '"\\C-x": dump'
""",
    "zsh": """
PS1='%% '; HISTFILE=
bindkey -e
args() { { printf '%s\\0' "$@"; printf '\\n' } >> $ARGS_FILE }
dump() { print -r -- "$BUFFER" >> $LINES_FILE }
zle -N dump; bindkey '^X' dump
precmd() { touch $READY_FILE }
""",
    "fish": """
function fish_prompt; touch $READY_FILE; echo '> '; end
function fish_greeting; end
function args; begin; printf '%s\\0' $argv; printf '\\n'; end >> $ARGS_FILE; end
function dump; commandline >> $LINES_FILE; end
function fish_user_key_bindings; bind \\cx dump; end
""",
}


def start(shell: str, tmp_path: Path, *, install: bool = True) -> Terminal:
    """The shell, interactive, with recip's completion installed from inside it."""
    executable = shutil.which(shell)
    if executable is None:
        pytest.skip(f"{shell} is not installed (Debian: apt-get install {shell})")
    if TMUX is None:
        pytest.skip("tmux is not installed (Debian: apt-get install tmux)")
    home = Path(os.environ["HOME"])
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / "data"),
        "EDITOR": "",
        "VISUAL": "",
    }
    for name in ("_RECIP_COMPLETE", "RECIP_DEBUG", "ZDOTDIR", "BASH_ENV", "ENV", "PROMPT_COMMAND"):
        env.pop(name, None)
    home.mkdir(parents=True, exist_ok=True)
    # fish's first start would index every man page in the background: say it is done.
    (home / "data/fish/generated_completions").mkdir(parents=True, exist_ok=True)
    if install:  # as a user would: recip detects the shell it runs in (not exec'd by it)
        done = subprocess.run(
            [executable, "-c", "recip --install-completion; true"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.startswith(f"{shell} completion installed in"), done.stdout
    rc = {"bash": home / ".recip-test-bashrc", "zsh": home / ".zshrc"}
    rc["fish"] = home / ".config/fish/config.fish"
    rc[shell].parent.mkdir(parents=True, exist_ok=True)
    with rc[shell].open("a", encoding="utf-8") as file:
        file.write(RC[shell])
    command = {
        "bash": ["bash", "--noprofile", "--rcfile", str(rc["bash"]), "-i"],
        "zsh": ["zsh", "-i"],
        "fish": ["fish", "-i"],
    }[shell]
    return Terminal(shell, command, env, tmp_path)


@pytest.fixture
def names(recip, tmp_path):
    folder = tmp_path / "commands"
    folder.mkdir()
    names = hostile_names()
    for name in names:
        recip("partner", "add", name, "--force")
    recip("partner", "add", "Smith & Sons", "--force")
    recip("partner", "add", "Smith (Holdings)", "--force")
    yield names
    assert sorted(os.listdir(folder)) == []  # no command hidden in a name ever ran


def cases(shell: str, names: list[str]) -> list[tuple[str, list[str]]]:
    """(what is typed, the words the shell must read once Tab completed it)."""
    found = [(f"recip give {typed_for(name)}", ["recip", "give", name]) for name in names]
    quoted = ["Joe's Plumbing & Heating", names[4], names[6], "Bang! Events", "Ends With Bang!"]
    quoted += ['The "Best" Bakery', "Quote's \"Mix\" $'x' Co"]
    for name in quoted:
        found.append((f'recip give "{typed_for(name)}', ["recip", "give", name]))
        found.append((f"recip give '{typed_for(name)}", ["recip", "give", name]))
    found += [
        ("recip give Harbor\\ V", ["recip", "give", "Harbor View Hotel"]),
        ("recip give Joe\\'s\\ P", ["recip", "give", "Joe's Plumbing & Heating"]),
        (
            "recip partner merge Harbor\\ View\\ Hotel pet",
            ["recip", "partner", "merge", "Harbor View Hotel", "Petal & Stem"],
        ),
        ("recip log --partner joe", ["recip", "log", "--partner", "Joe's Plumbing & Heating"]),
        ("recip log --partner=joe", ["recip", "log", "--partner=Joe's Plumbing & Heating"]),
    ]
    if shell != "fish":  # bash's and zsh's $'...' quotes
        found += [(f"recip give $'{typed_for(n)}", ["recip", "give", n]) for n in quoted]
    if shell == "fish":  # fish keeps candidates only if it matches them itself: accents count
        found = [(typed, words) for typed, words in found if words[-1] != "Café Flore"]
    return found


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_tab_completes_each_name_as_one_word_and_runs_nothing(names, tmp_path, shell):
    terminal = start(shell, tmp_path)
    try:
        for typed, expected in cases(shell, names):
            line, words = terminal.complete(typed)
            assert words == expected, f"{typed!r} + Tab gave {line!r}"
        # Commands and options still complete (the app, through Typer).
        assert terminal.complete("recip gi")[1] == ["recip", "give"]
        assert terminal.complete("recip give joe --cu")[1][-1] == "--customer"
        if shell == "bash":  # (zsh and fish open a menu of their own)
            # Several matches: readline inserts what they share, never a lone backslash.
            line, words = terminal.complete("recip give smi")
            assert (line, words) == ("recip give Smith\\ ", ["recip", "give", "Smith "])
    finally:
        terminal.close()


def test_typer_zsh_script_from_earlier_versions_evaluates_no_name(names, tmp_path):
    """A zsh user who installed completion before keeps Typer's script, which evaluates
    what recip prints: recip prints only the line that loads its own script."""
    from typer._completion_shared import COMPLETION_SCRIPT_ZSH

    zfunc = Path(os.environ["HOME"]) / ".zfunc"
    zfunc.mkdir(parents=True)
    old = {"complete_func": "_recip_completion", "prog_name": "recip"}
    old_script = COMPLETION_SCRIPT_ZSH % {**old, "autocomplete_var": "_RECIP_COMPLETE"}
    (zfunc / "_recip").write_text(old_script.strip())  # as Typer wrote it
    zshrc = Path(os.environ["HOME"]) / ".zshrc"
    zshrc.write_text("fpath+=~/.zfunc; autoload -Uz compinit; compinit\n")
    terminal = start("zsh", tmp_path, install=False)
    try:
        terminal.complete("recip give ca")  # the old script's first Tab only registers it
        for name in (names[4], names[6], "Joe's Plumbing & Heating"):
            line, words = terminal.complete(f"recip give {typed_for(name)}")
            assert words[-1] == name, f"Tab gave {line!r}, read as {words}"
    finally:
        terminal.close()


def test_fish_offers_the_names_as_candidates(names, tmp_path):
    """fish's own `complete -C` (no terminal): the candidates are the names, exactly."""
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed (Debian: apt-get install fish)")
    script = subprocess.run(
        [str(BIN / "recip")],
        env={**os.environ, "_RECIP_COMPLETE": "source_fish"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = "\n".join(f"complete -C {fish_quoted('recip give ' + typed_for(n))}" for n in names)
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"{script}\n{lines}"],
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    offered = result.stdout.splitlines()
    assert offered == [n for n in names if n != "Café Flore"], result.stderr


def fish_quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
