"""One formatter for values and for "line N / lines N-M", one exact-decimal reader."""

import pytest
import sympy as sp

from checkers.algebra._numbers import exact_decimal
from checkers.model._format import line_range, value


@pytest.mark.parametrize("x, text", [
    (0.1, "0.1"), (1 / 3, "0.3333333333"), (2.0, "2"), (-0.0, "-0"), (1e-12, "1e-12"),
    (3, "3"), ("not listed", "not listed"), (sp.Rational(1, 2), "1/2"),
    ([1.5, [2.0, -0.25]], "[1.5, [2, -0.25]]"), ((1.0, 2.0), "[1, 2]"),
])
def test_value_writes_ten_significant_digits_and_lists_in_brackets(x, text):
    assert value(x) == text


def test_value_clips_each_element_and_the_whole():
    assert value("x" * 70, limit=60) == "x" * 59 + "…"
    assert value(["y" * 10], limit=8) == "[yyyyyy…"  # [yyyyyyy…] clipped again
    assert value(0.5, limit=60) == "0.5"


def test_value_as_the_report_shows_it():
    assert value(-0.0, signed_zero=False) == "0"
    assert value([[1.0], [-0.0]], signed_zero=False, columns=True) == "[1, 0]ᵀ"
    assert value([[1.0, 2.0], [3.0, 4.0]], columns=True) == "[[1, 2], [3, 4]]"
    assert value([[1.0], [2.0]]) == "[[1], [2]]"


@pytest.mark.parametrize("first, last, dash, text", [
    (5, 5, "-", "line 5"), (5, 7, "-", "lines 5-7"), (5, 7, "–", "lines 5–7"),
])
def test_line_range(first, last, dash, text):
    assert line_range(first, last, dash=dash) == text


@pytest.mark.parametrize("text, exact", [
    ("0.01", sp.Rational(1, 100)), ("2.", sp.Integer(2)), ("1e-3", sp.Rational(1, 1000)),
    ("-0.03", sp.Rational(-3, 100)), ("7", sp.Integer(7)), (".5", sp.Rational(1, 2)),
    ("1E5", sp.Integer(100000)), (repr(0.1), sp.Rational(1, 10)),
])
def test_exact_decimal_reads_the_numeral_not_the_nearest_float(text, exact):
    got = exact_decimal(text)
    assert got == exact and type(got) is type(exact)
