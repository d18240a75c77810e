"""What an import did: rows added, updated and skipped per kind, and names matched loosely."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Summary:
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    matched_names: list[tuple[str, str]] = field(default_factory=list)

    def describe(self) -> list[str]:
        def part(counter: Counter) -> str:
            items = [
                f"{n} {kind if n != 1 else kind.rstrip('s').replace('touche', 'touch')}"
                for kind, n in counter.items()
                if n
            ]
            return ", ".join(items) or "nothing"

        lines = [
            f"added {part(self.added)}",
            f"updated {part(self.updated)}",
            f"skipped {part(self.skipped)} (already present)",
        ]
        lines += [
            f'matched "{typed}" to the existing partner "{name}"'
            for typed, name in self.matched_names
        ]
        return lines


def private_lines(private: list[tuple[int, str]], *, dry_run: bool) -> list[str]:
    """The vCards of people left out of an import: a count, and in a dry run each by name
    and line, so one can see who they are before choosing --all."""
    if not private:
        return []
    count = f"{len(private)} private contact{'s' if len(private) != 1 else ''}"
    if not dry_run:
        return [f"Skipped {count} (no company); --all imports them too."]
    return [
        f"Would have skipped {count} (no company); --all imports them too:",
        *(f"  {name} (line {line})" for line, name in private),
    ]
