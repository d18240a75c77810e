"""A mistyped command line gets one line saying what was probably meant (issue 16): words
that belong in quotes or in --customer, commands under another name, and integer options
given something else. Exit code 2, nothing written. (`recip help` is in test_help.py.)"""

import re

import pytest
import typer

from reciprocity_cli.cli import app
from reciprocity_cli.cli.registry import POINTERS
from tests.helpers import table_dump

TOO_MANY = "Error: Too many words for recip "


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["give", "joe", "Mrs", "Patel"],
            'give: "Mrs Patel"; to name the customer, use --customer "Mrs Patel"',
        ),
        (
            ["got", "joe", "Mr", "Lee", "--value", "300"],
            'got: "Mr Lee"; to name the customer, use --customer "Mr Lee"',
        ),
        (
            ["give", "joes", "Patel"],
            'give: "Patel"; to name the customer, use --customer Patel',
        ),
        # The words joined start a partner's name (or a word in it): a name left unquoted.
        (
            ["give", "Harbor", "View"],
            'give: "View"; put a name with spaces in quotes: recip give "Harbor View"',
        ),
        (
            ["got", "harbor", "view", "hot"],
            'got: "view hot"; put a name with spaces in quotes: recip got "harbor view hot"',
        ),
        (
            ["give", "View", "Hotel"],
            'give: "Hotel"; put a name with spaces in quotes: recip give "View Hotel"',
        ),
        # Neither the first word nor all of them is a partner: say both.
        (
            ["give", "Bayside", "Roofing"],
            'give: "Roofing"; put a partner name with spaces in quotes (recip give '
            '"Bayside Roofing"), or name the customer with --customer Roofing',
        ),
        # The words followed an option's value: quote the value.
        (
            ["give", "joe", "--customer", "Mrs", "Patel"],
            'give: "Patel"; put a value with spaces in quotes: --customer "Mrs Patel"',
        ),
        (
            ["give", "joe", "-c", "Mrs", "Patel", "--heat", "3"],
            'give: "Patel"; put a value with spaces in quotes: -c "Mrs Patel"',
        ),
        (
            ["give", "joe", "--customer=Mrs", "Patel"],
            'give: "Patel"; put a value with spaces in quotes: --customer "Mrs Patel"',
        ),
        (
            ["log", "--partner", "Harbor", "View"],
            'log: "View"; put a value with spaces in quotes: --partner "Harbor View"',
        ),
        (["log", "joe"], 'log: "joe"; to pick a partner, use --partner joe'),
        # Commands whose one argument is a name.
        (
            ["partner", "add", "Bayside", "Roofing"],
            'partner add: "Roofing"; put a name with spaces in quotes: '
            'recip partner add "Bayside Roofing"',
        ),
        (
            ["partner", "add", "Bayside", "Roofing", "Ltd", "--does", "roofs"],
            'partner add: "Roofing Ltd"; put a name with spaces in quotes: '
            'recip partner add "Bayside Roofing Ltd"',
        ),
        (
            ["partner", "show", "Harbor", "View"],
            'partner show: "View"; put a name with spaces in quotes: '
            'recip partner show "Harbor View"',
        ),
        (
            ["thank", "Harbor", "View"],
            'thank: "View"; put a name with spaces in quotes: recip thank "Harbor View"',
        ),
        (
            ["touch", "Acme", "Roofing", "--kind", "meeting"],
            'touch: "Roofing"; put a name with spaces in quotes: recip touch "Acme Roofing"',
        ),
        (
            ["partner", "add", "Joe's", "Place"],
            'partner add: "Place"; put a name with spaces in quotes: recip partner add "Joe\'s '
            'Place"',
        ),
        # Two names: the first is the longest run of words that could be a partner.
        (
            ["partner", "rename", "Harbor", "View", "Hotel", "Harbour", "Hotel"],
            'partner rename: "Hotel Harbour Hotel"; put each name with spaces in quotes: '
            'recip partner rename "Harbor View Hotel" "Harbour Hotel"',
        ),
        (
            ["partner", "merge", "acme", "Harbor", "View"],
            'partner merge: "View"; put each name with spaces in quotes: '
            'recip partner merge acme "Harbor View"',
        ),
        (
            ["partner", "rename", "Nobody", "Here", "Now"],
            'partner rename: "Now"; put each name with spaces in quotes: '
            'recip partner rename "OLD" "NEW"',
        ),
        # A setting's value and a file name.
        (
            ["config", "workdays", "mon,", "wed"],
            'config: "wed"; put a value with spaces in quotes: recip config workdays "mon, wed"',
        ),
        (
            ["import", "my", "file.csv"],
            'import: "file.csv"; put a file name with spaces in quotes: recip import "my file.csv"',
        ),
    ],
)
def test_extra_words_get_a_hint(recip, partners, db_path, args, line):
    before = table_dump(db_path)
    assert recip.fails(*args, code=2) == TOO_MANY + line
    assert table_dump(db_path) == before


def test_the_hint_reads_the_database_given_with_db(recip, partners, another_database):
    """Partner names come from the database the command would use: --db wins."""
    assert recip.fails("--db", str(another_database), "give", "joe", "Mrs", "Patel", code=2) == (
        TOO_MANY + 'give: "Mrs Patel"; put a partner name with spaces in quotes (recip give '
        '"joe Mrs Patel"), or name the customer with --customer "Mrs Patel"'
    )


def test_a_hint_never_creates_the_database(recip, tmp_path):
    """With no database yet there are no names to consult, and none is made to find out."""
    new = tmp_path / "new.db"
    line = recip.fails("--db", str(new), "give", "joe", "Mrs", "Patel", code=2)
    assert 'or name the customer with --customer "Mrs Patel"' in line
    assert not new.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["edit", "1", "won"],  # an ID never has spaces
        ["today", "joe"],
        ["history", "x"],
    ],
)
def test_extra_words_without_a_likely_meaning_keep_clicks_message(recip, joe, args):
    line = recip.fails(*args, code=2)
    assert line.startswith("Error: Got unexpected extra argument")
    assert line.endswith(f"(see 'recip {args[0]} --help')")


def test_extra_words_are_shown_harmlessly(recip, partners):
    line = recip.fails("give", "joe", "\x1b[31mred", "\u202eevil", code=2)
    assert "\x1b" not in line and "\u202e" not in line
    assert "to name the customer, use --customer" in line


@pytest.mark.parametrize(
    ("name", "pointer"),
    [
        ("add", "Did you mean 'recip partner add'?"),
        ("list", "Did you mean 'recip partner list' (partners) or 'recip log' (referrals)?"),
        ("ls", "Did you mean 'recip partner list' (partners) or 'recip log' (referrals)?"),
        ("show", "Did you mean 'recip partner show'?"),
        ("merge", "Did you mean 'recip partner merge'?"),
        ("path", "Did you mean 'recip db path'?"),
        ("backup", "Did you mean 'recip db backup'?"),
        ("delete", "Did you mean 'recip rm'?"),
        ("sent", "Did you mean 'recip give'?"),
        ("received", "Did you mean 'recip got'?"),
    ],
)
def test_a_command_under_another_name_points_to_the_real_one(recip, joe, db_path, name, pointer):
    before = table_dump(db_path)
    assert recip.fails(name, "Bayside", code=2) == f"Error: No such command '{name}'. {pointer}"
    assert table_dump(db_path) == before


def test_every_pointer_names_a_real_command():
    root = typer.main.get_command(app)
    for name, pointer in POINTERS.items():
        assert name not in root.commands, name
        for path in re.findall(r"'recip ([^']+)'", pointer):
            command = root
            for word in path.split():
                command = command.commands[word]  # a KeyError names a pointer gone stale


LIMIT = "--limit must be a whole number from 0 to 1,000,000,000, like 50"
DAYS = "--touch-every must be a whole number of days, like 30"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["log", "--limit", "ten"], f'{LIMIT} (got "ten").'),
        (["log", "-l", "-1"], f'{LIMIT} (got "-1").'),
        (["log", "--limit", "12.5"], f'{LIMIT} (got "12.5").'),
        (["log", "--limit", "1000000001"], f'{LIMIT} (got "1000000001").'),
        (["log", "--limit", ""], f'{LIMIT} (got "").'),
        (["log", "--limit", "٣"], f'{LIMIT} (got "٣").'),  # an Arabic-Indic 3
        (["partner", "add", "Ok", "--touch-every", "often"], f'{DAYS} (got "often").'),
        (["partner", "edit", "joe", "--touch-every", "1.5"], f'{DAYS} (got "1.5").'),
        (
            ["partner", "edit", "joe", "--gift-every", "yearly"],
            '--gift-every must be a whole number of days, like 30 (got "yearly").',
        ),
    ],
)
def test_integer_options_say_what_they_take(recip, joe, db_path, args, line):
    before = table_dump(db_path)
    assert recip.fails(*args, code=2) == f"Error: {line}"
    assert table_dump(db_path) == before


def test_a_huge_number_is_refused_in_one_short_line(recip):
    line = recip.fails("log", "--limit", "9" * 5000, code=2)
    assert line.startswith("Error: --limit must be a whole number from 0 to 1,000,000,000")
    assert len(line) < 250


def _integer_parameters():
    """Every integer option or argument of every command, with the words that reach it."""

    def walk(group, path):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, (*path, name))
                continue
            arguments = [p for p in command.params if p.param_type_name == "argument"]
            for param in command.params:
                if getattr(param.type_descriptor, "annotation", None) is int:
                    filler = ["x" if p is not param else "ten" for p in arguments]
                    if param.param_type_name == "option":
                        filler += [param.opts[0], "ten"]
                    yield (*path, name, *filler)

    return sorted(walk(typer.main.get_command(app), ()))


def test_the_integer_options_are_the_ones_tested_above():
    assert _integer_parameters() == [
        ("followup", "--days", "ten"),
        ("log", "--limit", "ten"),
        ("partner", "add", "x", "--gift-every", "ten"),
        ("partner", "add", "x", "--touch-every", "ten"),
        ("partner", "edit", "x", "--gift-every", "ten"),
        ("partner", "edit", "x", "--touch-every", "ten"),
    ]


@pytest.mark.parametrize("args", _integer_parameters(), ids=" ".join)
def test_every_integer_parameter_gets_a_recip_line(recip, args):
    line = recip.fails(*args, code=2)
    assert re.fullmatch(r'Error: \S+ must be a whole number[^"]*\(got "ten"\)\.', line), line
