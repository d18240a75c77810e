"""ARCHITECTURE.md is held to the code: the paths it names exist, its table of arrows is
exactly the imports between rooms, and no two files import each other in a circle."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
while not (ROOT / "pyproject.toml").exists():
    ROOT = ROOT.parent
PACKAGE = ROOT / "src" / "reciprocity_cli"
DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
FOLDERS = ("cli", "core", "render", "migrations", "models")  # a folder is one room


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every recip module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("reciprocity_cli")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reciprocity_cli"):
            for alias in node.names:  # `from package import module` names a module
                candidate = f"{node.module}.{alias.name}"
                is_module = any(
                    (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(suffix).exists()
                    for suffix in (".py", "")
                )
                found.add(candidate if is_module else node.module)
    return found


MODULES = {_module(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def _room(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "version"
    return parts[0]


def _arrows_in_code() -> set[tuple[str, str]]:
    return {
        (_room(source), _room(target))
        for source, targets in MODULES.items()
        for target in targets
        if _room(source) != _room(target)
    }


def _arrows_in_doc() -> set[tuple[str, str]]:
    block = DOC.split("<!-- arrows:", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    arrows = set()
    for line in block.strip().splitlines():
        source, targets = line.split("->")
        arrows |= {(source.strip(), target.strip()) for target in targets.split(",")}
    return arrows


def test_the_documented_arrows_are_the_imports():
    in_code, in_doc = _arrows_in_code(), _arrows_in_doc()
    assert in_code - in_doc == set(), "imports ARCHITECTURE.md does not allow"
    assert in_doc - in_code == set(), "arrows ARCHITECTURE.md lists that the code lacks"


def test_each_rooms_row_agrees_with_the_arrows():
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| ([^|]+) \|$", DOC, flags=re.M)
    assert rows, "the table of rooms is missing"
    arrows = _arrows_in_doc()
    for room, allowed in rows:
        name = room.removesuffix("/").removesuffix(".py").replace("__init__", "version")
        if "/" in name:
            continue  # a part of a room, like core/imports/
        listed = {word.strip() for word in allowed.split(",")} - {"(nothing of recip)"}
        assert listed == {target for source, target in arrows if source == name}, room


def test_no_two_files_import_each_other():
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for target in MODULES.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    circles = sorted(module for module in MODULES if module in reach(module))
    assert circles == []


@pytest.mark.parametrize(
    ("room", "forbidden"),
    [("core", {"typer", "rich"}), ("render", {"typer"}), ("names", {"sqlalchemy", "sqlmodel"})],
)
def test_rooms_keep_their_libraries_out(room, forbidden):
    for path in PACKAGE.rglob("*.py"):
        if _room(_module(path)) != room:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not {n.split(".")[0] for n in names} & forbidden, path


def test_every_path_the_page_names_exists():
    named = set()
    for code in re.findall(r"`([^`\n]+)`", DOC):
        named |= {w for w in code.split() if "/" in w or w.endswith((".py", ".md"))}
    named = {w for w in named if "://" not in w}
    assert len(named) > 15
    missing = [w for w in sorted(named) if not (ROOT / w).exists() and not (PACKAGE / w).exists()]
    assert missing == []


def test_no_room_grows_into_a_giant():
    """A file past 450 lines holds several jobs; split it by what changes together."""
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > 450} == {}
