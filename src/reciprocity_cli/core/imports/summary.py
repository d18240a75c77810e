"""What an import did: rows added, updated and skipped per kind, and names matched loosely;
with `detailed`, each row by name too, for a dry run to show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ACTIONS = ("add", "update", "skip")
KINDS = ("partners", "referrals", "touches", "settings", "closed days")
SAID = ("partners", "settings", "referrals", "touches", "closed days")  # in a summary's line


@dataclass
class Summary:
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    # What the file said and the partner it was taken for, each pair once, with its first line.
    matched_names: dict[tuple[str, str], int] = field(default_factory=dict)
    detailed: bool = False
    keep: int | None = None  # items kept of each action and kind; None: all of them
    # action -> kind -> one item a row (only when detailed: a backup may hold a million).
    items: dict[str, dict[str, list[dict]]] = field(
        default_factory=lambda: {action: {kind: [] for kind in KINDS} for action in ACTIONS}
    )

    def record(self, action: str, kind: str, item: Callable[[], dict] | None = None) -> None:
        """Count one row; keep what `item` says of it when detailed."""
        self.counter(action)[kind] += 1
        kept = self.items[action][kind]
        if self.detailed and item is not None and (self.keep is None or len(kept) < self.keep):
            kept.append(item())

    def extend(self, action: str, kind: str, items: list[dict]) -> None:
        """Items counted already, taken in with those kept: the first by line are kept."""
        if not self.detailed:
            return
        kept = self.items[action][kind]
        kept.extend(items)
        kept.sort(key=lambda item: item["line"])
        if self.keep is not None:
            del kept[self.keep :]

    def counter(self, action: str) -> Counter:
        return {"add": self.added, "update": self.updated, "skip": self.skipped}[action]

    def matched(self, typed: str, name: str, line: int) -> None:
        self.matched_names.setdefault((typed, name), line)

    def describe(self) -> list[str]:
        def part(counter: Counter) -> str:
            items = [
                f"{n} {kind if n != 1 else kind.rstrip('s').replace('touche', 'touch')}"
                for kind, n in sorted(counter.items(), key=lambda pair: SAID.index(pair[0]))
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


def private_lines(private: list[tuple[int, str]], count: int, *, dry_run: bool) -> list[str]:
    """The vCards of people left out of an import: a count, and in a dry run each by name
    and line (the first of them), so one can see who they are before choosing --all."""
    if not count:
        return []
    said = f"{count} private contact{'s' if count != 1 else ''}"
    if not dry_run:
        return [f"Skipped {said} (no company); --all imports them too."]
    more = [f"  ... and {count - len(private):,} more"] if count > len(private) else []
    return [
        f"Would have skipped {said} (no company); --all imports them too:",
        *(f"  {name} (line {line})" for line, name in private),
        *more,
    ]
