"""What reaches the terminal: colour only where wanted, user text always literal."""

import pytest


@pytest.fixture
def terminal(monkeypatch):
    """Make Rich believe it writes to a colour terminal."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")


def _history(recip):
    recip("partner", "add", "[red]Acme[/red]")
    recip("partner", "add", "Balanced Bakery")
    recip("got", "[red]acme")
    recip("give", "balanced")
    recip("got", "balanced")


def test_status_is_coloured_in_a_terminal(recip, terminal):
    _history(recip)
    out = recip("balance").stdout
    assert "\x1b[1;31myou owe" in out  # red: act on it
    assert "\x1b[32mbalanced" in out  # green
    assert "[red]Acme[/red]" in out  # the name's brackets are text, not markup


def test_no_color_keeps_colour_out(recip, terminal, monkeypatch):
    _history(recip)
    monkeypatch.setenv("NO_COLOR", "1")
    out = recip("balance").stdout
    assert "\x1b[32m" not in out and "\x1b[1;31m" not in out and "\x1b[33m" not in out


def test_pipes_get_no_escape_codes(recip):
    _history(recip)
    for args in (["balance"], ["log"], ["partner", "list"], ["partner", "show", "balanced"]):
        assert "\x1b" not in recip(*args).stdout


def test_escape_sequences_in_notes_are_shown_not_obeyed(recip, terminal):
    recip("partner", "add", "Joe")
    recip("give", "joe", "--note", "clear screen: \x1b[2J\x07 done", "--customer", "Bo")
    out = recip("log").stdout
    assert "\x1b[2J" not in out and "\x07" not in out
    assert "\\x1b[2J\\x07 done" in out
    assert recip.json("log")[0]["note"] == "clear screen: \x1b[2J\x07 done"  # stored exactly
