"""The reciprocity rules from DESIGN.md, on the core and through `recip balance`."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reciprocity_cli.core.balance import share_of, status_of

BAND = (Fraction(40, 100), Fraction(60, 100))


@pytest.mark.parametrize(
    ("given_", "got", "status"),
    [
        (0, 0, "no_activity"),
        (2, 3, "balanced"),  # share 0.40 exactly: the lower bound is balanced
        (3, 2, "balanced"),  # share 0.60 exactly: the upper bound is balanced
        (1, 1, "balanced"),
        (1, 2, "you_owe"),  # 0.33
        (0, 1, "you_owe"),
        (39, 61, "you_owe"),  # 0.39
        (61, 39, "they_owe"),  # 0.61
        (1, 0, "they_owe"),
        (40, 60, "balanced"),
        (60, 40, "balanced"),
    ],
)
def test_status_at_and_around_the_band_edges(given_, got, status):
    assert status_of(given_, got, BAND) == status


def test_share_is_exact_and_null_without_activity():
    assert share_of(0, 0) is None
    assert share_of(2, 3) == Fraction(2, 5)
    assert share_of(1, 2) == Fraction(1, 3)


MIRROR = {"you_owe": "they_owe", "they_owe": "you_owe", "balanced": "balanced"}


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 50))
def test_swapping_given_and_got_mirrors_the_status(given_, got, half_width):
    band = (Fraction(50 - half_width, 100), Fraction(50 + half_width, 100))
    status = status_of(given_, got, band)
    mirrored = status_of(got, given_, band)
    assert mirrored == MIRROR.get(status, "no_activity")


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_net_sign_agrees_with_the_default_band(given_, got):
    status = status_of(given_, got, BAND)
    if status == "you_owe":
        assert got > given_
    if status == "they_owe":
        assert given_ > got


def _history(recip, given_, got):
    recip("partner", "add", "Edge Bakery")
    for _ in range(given_):
        recip("give", "edge")
    for _ in range(got):
        recip("got", "edge")


@pytest.mark.parametrize(
    ("given_", "got", "share", "status"),
    [
        (2, 3, 0.4, "balanced"),
        (3, 2, 0.6, "balanced"),
        (1, 2, 1 / 3, "you_owe"),
        (2, 1, 2 / 3, "they_owe"),
    ],
)
def test_band_edges_through_the_cli(recip, given_, got, share, status):
    _history(recip, given_, got)
    [row] = recip.json("balance")
    assert row["partner"] == "Edge Bakery"
    assert (row["given"], row["got"], row["net"]) == (given_, got, got - given_)
    assert row["share"] == pytest.approx(share)
    assert row["status"] == status


def test_fair_band_setting_moves_the_edges(recip):
    _history(recip, 1, 2)  # share 0.33
    assert recip.json("balance")[0]["status"] == "you_owe"
    recip("config", "fair_band", "30-70")
    assert recip.json("balance")[0]["status"] == "balanced"
    recip("config", "fair_band", "34-66")
    assert recip.json("balance")[0]["status"] == "you_owe"
