"""The reciprocity rules from DESIGN.md on the core: the fair band, the share, the mirror."""

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
