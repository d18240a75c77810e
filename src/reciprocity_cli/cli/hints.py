"""What a mistyped command line probably meant, as one line (issue 16).

Imported only once a usage error has happened, so it costs a working command nothing. The
partner names a hint consults come from names.py (a SQLite file read directly, or the
names cache of a server database): never the database stack, and never a new file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reciprocity_cli.errors import quote_arg

if TYPE_CHECKING:
    from typer._click import Context

# Positional slots where words with spaces make sense; an ID or a setting's KEY never has one.
NO_SPACES = ("ID", "KEY")


def whole_number(param: Any, raw: object) -> str:
    """The line for an integer option given something else: the range, an example, and what
    was typed, instead of the validation library's wording."""
    name = param.opts[0] if param.param_type_name == "option" else (param.metavar or param.name)
    days = param.metavar == "DAYS"
    what = "a whole number of days" if days else "a whole number"
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        what += f" from {low} to {high:,}"
    elif low is not None:
        what += f" of at least {low}"
    default = param.default  # the option's own default is the best example, else a month
    example = default if type(default) is int and default > 0 else (30 if days else None)
    like = f", like {example}" if example else ""
    got = f' (got "{raw}")' if raw is not None else ""
    return f"{name} must be {what}{like}{got}."


def extra_words(ctx: Context, args: list[str]) -> str | None:
    """The line for `Got unexpected extra argument(s)`: which words were too many and how to
    say what was meant, or None to keep click's message.

    `args` are the words the failing command was given; they are walked as click's parser
    does, remembering what each word was taken as, so the hint knows whether the extra
    words followed an option's value (quote the value), the command's last positional
    argument (quote the name, or for give and got perhaps name the customer), or nothing."""
    command = ctx.command
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    takes_value = {
        opt
        for p in command.params
        if p.param_type_name == "option" and not p.is_flag and not p.count
        for opt in p.opts
    }
    taken: list[str] = []  # the words given to the positional arguments, in order
    before: tuple[str, str] | None = None  # (option, value) just before the extra words
    index, words_only = 0, False
    while index < len(args):
        word = args[index]
        if word == "--" and not words_only:
            words_only, before = True, None
        elif word.startswith("-") and len(word) > 1 and not words_only:
            before = None
            option, equals, value = word.partition("=")
            if option in takes_value and equals:
                before = (option, value)
            elif word in takes_value and index + 1 < len(args):
                before = (word, args[index + 1])
                index += 1
        elif len(taken) < len(arguments):
            taken.append(word)
            before = None
        else:
            break
        index += 1
    extra = []
    for word in args[index:]:
        if word.startswith("-") and not words_only:
            break
        extra.append(word)
    if not extra:
        return None
    path = ctx.command_path
    start = f'Too many words for {path}: "{" ".join(extra)}"; '
    if before is not None:
        option, value = before
        value = " ".join([value, *extra])
        return f"{start}put a value with spaces in quotes: {option} {quote_arg(value)}"
    if not arguments:
        if any("--partner" in p.opts for p in command.params):
            return f"{start}to pick a partner, use --partner {quote_arg(' '.join(extra))}"
        return None
    if arguments[-1].metavar in NO_SPACES or len(taken) < len(arguments):
        return None
    if all(p.metavar in NO_SPACES for p in arguments[:-1]):  # one slot takes the words
        joined = " ".join([taken[-1], *extra])
        line = " ".join([path, *map(quote_arg, taken[:-1]), quote_arg(joined)])
        what = {"VALUE": "a value", "FILE": "a file name"}.get(arguments[-1].metavar, "a name")
        quote = f"put {what} with spaces in quotes: {line}"
        if len(arguments) > 1 or not any("--customer" in p.opts for p in command.params):
            return start + quote
        # give and got: `recip give joe Mrs Patel` meant a customer, `recip give Harbor
        # View` a partner; the partner names tell which, when they are cheap to read.
        customer = f"--customer {quote_arg(' '.join(extra))}"
        names = _partner_names(ctx)
        if any(_fits(joined, name) for name in names):
            return start + quote
        if any(_fits(taken[0], name) for name in names):
            return f"{start}to name the customer, use {customer}"
        return (
            f"{start}put a partner name with spaces in quotes ({line}), "
            f"or name the customer with {customer}"
        )
    # Several names (partner rename OLD NEW, merge FROM INTO): the first takes the longest
    # run of words that could be a partner, the last takes the rest.
    words = [*(w for t in taken for w in t.split()), *extra]
    names = _partner_names(ctx)
    split = next(
        (
            cut
            for cut in range(len(words) - 1, 0, -1)
            if any(_fits(" ".join(words[:cut]), name) for name in names)
        ),
        None,
    )
    if len(arguments) != 2 or split is None:
        example = " ".join(f'"{p.metavar or p.name.upper()}"' for p in arguments)
        return f"{start}put each name with spaces in quotes: {path} {example}"
    first, last = " ".join(words[:split]), " ".join(words[split:])
    return (
        f"{start}put each name with spaces in quotes: {path} {quote_arg(first)} {quote_arg(last)}"
    )


def _partner_names(ctx: Context) -> list[str]:
    """Active partner names when reading them is cheap; [] when it is not (or none exist)."""
    from reciprocity_cli import names

    return names.matching_names("", ctx.find_root().params.get("db"))


def _fits(typed: str, name: str) -> bool:
    """Whether `typed` could name the partner: the start of its name, or of a word in it,
    ignoring case, accents and punctuation."""
    from reciprocity_cli.core.fields import loose_key

    wanted = loose_key(typed)
    return bool(wanted) and any(
        loose_key(name[word.start() :]).startswith(wanted) for word in re.finditer(r"\w+", name)
    )
