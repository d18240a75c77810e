"""Tab completion inside Typer: partner names for the app's parameters, what the app offers
for any other word, and the scripts `--show-completion` and `--install-completion` give the
shells. reciprocity_cli/entry.py answers the shells; it comes here only for what Typer knows
(commands, options, choices), and answers most Tab presses before Typer is even imported.

Typer's own scripts make zsh evaluate what recip prints, and let bash insert names without
quotes; recip's scripts below take words back as data: bash inserts the lines recip quoted
for it, zsh adds the names with compadd (which quotes them), fish adds them as candidates.
"""

from __future__ import annotations

import contextlib
import io
import os

import typer

SCRIPTS = {
    "bash": r"""
%(complete_func)s() {
    mapfile -t COMPREPLY < <(_RECIP_COMPLETE=data_bash _RECIP_COMPLETE_WORD="$2" \
        _RECIP_COMPLETE_LINE="${COMP_LINE:0:COMP_POINT}" "$1" 2>/dev/null)
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s
""",
    "zsh": r"""
#compdef %(prog_name)s

%(complete_func)s() {
    local -a reply
    local word=$PREFIX
    [[ $compstate[quote] == "'" ]] || word=${(Q)PREFIX}
    reply=("${(@f)$(_RECIP_COMPLETE=data_zsh _RECIP_COMPLETE_WORD=$word \
        _RECIP_COMPLETE_WORDS=${(pj:\x1f:)${(@Q)words[1,CURRENT-1]}} %(prog_name)s 2>/dev/null)}")
    case $reply[1] in
        names) compadd -U -- "${(@)reply[2,-1]}" ;;
        words) reply=("${(@)reply[2,-1]}"); _describe -t values '' reply ;;
        *) _files ;;
    esac
}

compdef %(complete_func)s %(prog_name)s
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    # Autoloaded from fpath (recip --install-completion): complete this first Tab too.
    %(complete_func)s "$@"
fi
""",
    "fish": r"""
function %(complete_func)s
    set -lx _RECIP_COMPLETE data_fish
    set -lx _RECIP_COMPLETE_WORDS (string join \x1f -- (commandline -opc))
    set -lx _RECIP_COMPLETE_WORD (commandline -ct | string unescape)
    set -l reply (%(prog_name)s 2>/dev/null)
    if contains -- "$reply[1]" names words
        for line in $reply[2..-1]
            printf '%%s\n' $line
        end
    else
        __fish_complete_path (commandline -ct)
    end
end

complete --command %(prog_name)s --no-files --arguments '(%(complete_func)s)'
""",
}


def script(shell: str, prog_name: str = "recip") -> str:
    """The completion script for a shell, as --show-completion prints it."""
    return (SCRIPTS[shell] % {"complete_func": "_recip_completion", "prog_name": prog_name}).strip()


def use_recip_scripts() -> None:
    """Make --show-completion and --install-completion print and install recip's scripts
    instead of Typer's (PowerShell keeps Typer's)."""
    from typer import _completion_shared

    _completion_shared._completion_scripts.update(SCRIPTS)


def partner_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from reciprocity_cli.names import matching_names  # only on a Tab press: help stays light

    return matching_names(incomplete, ctx.find_root().params.get("db"))


def suggestions(
    app: typer.Typer, args: list[str], incomplete: str
) -> tuple[str, list[tuple[str, str | None]]]:
    """What the app offers for the word being completed after `args`, by Click's rules:
    ("names", partner names), ("words", [(command, option or choice, its help)]), or
    ("files", []) when the shell should complete a file name."""
    from typer._click.shell_completion import _resolve_context, _resolve_incomplete

    try:
        # Nothing a parameter's callback prints may reach the shell as a completion.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            command = typer.main.get_command(app)
            ctx = _resolve_context(command, {}, "recip", list(args))
            handler, incomplete = _resolve_incomplete(ctx, list(args), incomplete)
            if getattr(handler, "_custom_shell_complete", None) is not None:
                # A PARTNER (the app's only autocompletion): asked directly, as Typer's
                # wrapper would drop what matches only ignoring case, accents or word starts.
                return "names", [(name, None) for name in partner_names(ctx, incomplete)]
            items = handler.shell_complete(ctx, incomplete)
    except (Exception, SystemExit):
        if os.environ.get("RECIP_DEBUG"):
            raise
        return "files", []  # a Tab press never shows a traceback
    if any(item.type in ("file", "dir") for item in items):
        return "files", []
    return "words", [(str(item.value), item.help) for item in items]
