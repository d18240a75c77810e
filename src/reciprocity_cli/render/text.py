"""Showing user text on a terminal literally and harmlessly."""

import unicodedata

# A balance status in the words people read, the same in every human format: tables,
# Markdown, HTML, the sheet, sentences. JSON and CSV keep DESIGN's values (you_owe, ...).
# README.md, "Status words", shows this table.
STATUS_TEXT = {
    "you_owe": "you owe them",
    "they_owe": "they owe you",
    "balanced": "balanced",
    "no_activity": "no activity",
}
STATUS_STYLE = {
    "you_owe": "bold red",
    "they_owe": "yellow",
    "balanced": "green",
    "no_activity": "dim",
}


# Bidirectional overrides and isolates reorder the text after them on screen: a partner
# named "\u202eenoD" would read "Done" (the "Trojan Source" trick). Shown as codes instead.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe(text: str | None, *, one_line: bool = True) -> str:
    """Control characters (escape sequences, bells, NUL) and bidi overrides become visible
    \\x.. and \\u.... codes; the text itself is stored exactly as typed.

    Rich markup needs no escaping here because callers build rich.text.Text, which never
    parses markup; this only keeps the terminal itself from obeying what a name contains.
    """
    if not text:
        return ""
    out = []
    for ch in text:
        if ch == "\n" and not one_line:
            out.append(ch)
        elif ch in BIDI_CONTROLS:
            out.append(f"\\u{ord(ch):04x}")
        elif unicodedata.category(ch) == "Cc":
            out.append(" " if ch in "\n\t" else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def status_text(status: str) -> str:
    return STATUS_TEXT[status]


def signed(number: int | str) -> str:
    return f"+{number}" if isinstance(number, int) and number > 0 else str(number)
