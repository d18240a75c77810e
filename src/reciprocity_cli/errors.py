"""The one exception type the domain raises; the CLI turns it into a message and an exit code."""


class RecipError(Exception):
    """A problem the user can act on. `str(error)` is the whole message, one line."""

    exit_code = 1


class UsageProblem(RecipError):
    """The command line itself was wrong (an unknown format, conflicting options)."""

    exit_code = 2


class Cancelled(RecipError):
    """The user said no at a question, or pressed Ctrl-C there: not an error, nothing changed.
    Shown without "Error:"; exit 130 for Ctrl-C, as shells report an interrupted command."""

    def __init__(self, message: str = "Cancelled, nothing changed.", exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class PartnerNotFound(RecipError):
    """No partner matches a name; carries what the user typed and the close matches."""

    def __init__(self, typed: str, suggestions: list[str], archived: list[str] | None = None):
        self.typed = typed
        self.suggestions = suggestions
        self.archived = archived or []  # those of the suggestions that are archived
        if suggestions:
            options = ", ".join(
                f'"{name}"' + (" (archived)" if name in self.archived else "")
                for name in suggestions
            )
            message = f'No partner matches "{typed}". Did you mean {options}?'
            if self.archived:
                message += " An archived partner is found by its full name only."
        elif len(typed) > 100:  # longer than a name can be: no point suggesting to add it
            message = f'No partner matches "{typed}"; names are at most 100 characters.'
        else:
            message = (
                f'No partner matches "{typed}". Add it with: recip partner add {quote_arg(typed)}'
            )
        super().__init__(message)


def quote_arg(text: str) -> str:
    """Quote a value the way a user would type it in a shell: "Joe's Plumbing", not '\''."""
    import re
    import shlex

    if re.fullmatch(r"[\w@%+=:,./-]+", text):
        return text
    if not re.search(r'["$`\\!]', text):
        return f'"{text}"'
    return shlex.quote(text)
