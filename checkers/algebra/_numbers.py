"""Exact numbers from decimal text: ``0.01`` is ``1/100``, never the float nearest to it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import sympy as sp


def exact_decimal(text: str) -> sp.Rational:
    """The exact value of a decimal numeral (``"0.01"``, ``"2."``, ``"1e-3"``, ``"7"``) as a
    SymPy ``Rational`` (an ``Integer`` when it is whole). For a float ``x`` pass ``repr(x)``:
    the shortest text that reads back as ``x``, so ``0.1`` is ``1/10``."""
    fraction = Fraction(Decimal(text))
    return sp.Rational(fraction.numerator, fraction.denominator)
