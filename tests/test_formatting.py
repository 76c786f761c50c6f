"""The one number formatter: each form on the values the pages, scenes and figures show."""

from fractions import Fraction

import pytest

from numeric import formatting as F


@pytest.mark.parametrize(
    "value,text",
    [
        (0.5, "0.5"),
        (-0.24, "-0.24"),
        (1, "1.0"),
        (-0.0, "0.0"),
        (-1e-9, "0.0"),
        (1.2345, "1.234"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_decimals(value, text):
    assert F.decimals(value) == text


def test_decimals_are_the_value_rounded():
    """Whatever the value, the text is within half a unit of the third decimal of it."""
    for k in range(-2000, 2001, 7):
        v = k / 997
        assert abs(Fraction(F.decimals(v)) - Fraction(v)) <= Fraction(1, 2000)


def test_significant_keeps_trailing_zeros():
    assert [F.significant(v) for v in (1.0, 0.0563, -0.28)] == ["1.00", "0.0563", "-0.280"]


def test_given_and_full_and_shortest():
    assert [F.given(v) for v in (1.0, 0.9, -0.2, 16)] == ["1.0", "0.9", "-0.2", "16.0"]
    assert [F.full(0.25**k) for k in (1, 2, 3)] == ["0.25", "0.0625", "0.015625"]
    assert [F.shortest(v) for v in (2.0, -2.0, 0.5, 16.0)] == ["2", "-2", "0.5", "16"]
    assert F.fixed(2.449) == "2.4" and F.fixed(99.5, 0) == "100"


def test_scientific():
    assert F.scientific_tex(0.25**10) == r"9.54 \times 10^{-7}"
    assert F.scientific_tex(128.0) == "128"
    assert F.scientific_text(0.25**10) == "9.54 x 10^-7"
    assert float(F.scientific_text(0.25**10).replace(" x 10^", "e")) == pytest.approx(
        0.25**10, 1e-3
    )


def test_percent():
    assert F.percent(0.87) == "87 %" and F.percent(0.87, sep="") == "87%"
    assert F.percent(0.0563, 3) == "5.63 %" and F.percent(1.0) == "100 %"
