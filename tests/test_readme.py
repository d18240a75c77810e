"""README.md's sessions are what recip prints: every `$ recip ...` block is re-run on its
example database, made from scratch (tests/readme_examples.py says how), and compared."""

from contextlib import ExitStack

import pytest

from tests.helpers import ON_POSTGRES, new_postgres_database
from tests.readme_examples import EXAMPLES, README, UPDATE, Block, ReadmeError, blocks, diff, render


def test_readme_examples_are_what_recip_prints(tmp_path):
    shown = README.read_text(encoding="utf-8")
    with ExitStack() as stack:

        def new_database(name: str) -> str:
            if ON_POSTGRES:
                return stack.enter_context(new_postgres_database())
            return str(tmp_path / f"{name}.db")

        printed = render(shown, new_database, tmp_path / "home")
    if printed != shown:
        pytest.fail(
            "README.md shows something recip does not print (- README, + recip):\n"
            f"{diff(shown, printed)}\n"
            f"If recip is right, rewrite the README's examples from real runs: {UPDATE}",
            pytrace=False,
        )


def test_every_example_is_used_and_the_readme_has_help():
    found = blocks(README.read_text(encoding="utf-8").split("\n"))
    assert {block.example for block in found} == set(EXAMPLES)
    assert any(c.endswith("--help") for block in found for c in block.commands)


def test_a_block_must_name_its_example():
    lines = ["Some prose.", "", "```text", "$ recip balance", "```"]
    with pytest.raises(ReadmeError, match=r"line 3: put <!-- example: NAME -->"):
        blocks(lines)
    lines[1] = "<!-- example: nowhere -->"
    with pytest.raises(ReadmeError, match="one of new, shop, team"):
        blocks(lines)
    lines[1] = "<!-- example: shop -->"
    assert blocks(lines) == [Block("shop", 3, 4, ["recip balance"])]
