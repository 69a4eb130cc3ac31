"""Numeric honesty (issue 10), as a user meets it: claims built with the public API, checked,
and judged by their status and reason code.

- the candidates (the claimed side, SymPy's derived form) fail independently;
- zero (or too few) valid points is never agreement;
- NaN where the truth is finite is resampled, not a counterexample, and never crashes a report;
- points are drawn across magnitudes, with tolerances relative to the values;
- functions such as Abs, sign, the hyperbolic and arc functions are evaluated numerically.
"""

from __future__ import annotations

import pytest

from checkers import (Config, Derivative, Reason, Source, check, matrix, vector)

SOURCE = Source(lines=(1, 1))
CONFIG = Config(seed=0, points=24, budget=60.0)
NUMERIC = Config(seed=0, points=24, symbolic=False)


def _bilinear(claimed: str) -> Derivative:
    return Derivative(name="bilinear", source=SOURCE,
                      variables=(matrix("X", "n", "m"), vector("a", "n"), vector("b", "m")),
                      function="a.T*X*b", wrt="X", claimed=claimed)


def _quadratic(claimed: str) -> Derivative:
    return Derivative(name="quadratic", source=SOURCE,
                      variables=(matrix("A", "n", "n"), vector("x", "n")),
                      function="x.T*A*x", wrt="A", claimed=claimed)


# --- 1. the candidates fail independently -----------------------------------------------------

def test_the_bilinear_form_is_verified_although_sympy_gives_an_array_form():
    verdict = check(_bilinear("a*b.T"), CONFIG)
    assert (verdict.status, verdict.reason) == ("verified", Reason.PROVED)
    assert verdict.numeric.status == "agrees" and verdict.tool is None


def test_a_wrong_bilinear_form_is_a_discrepancy():
    verdict = check(_bilinear("2*a*b.T"), CONFIG)
    assert (verdict.status, verdict.reason) == ("discrepancy", Reason.REFUTED)
    assert verdict.numeric.status == "disagrees"


@pytest.mark.parametrize("claimed, status", [("x*x.T", "verified"), ("2*x*x.T", "discrepancy"),
                                              ("x*x.T + A - A.T", "discrepancy")])
def test_the_quadratic_form_with_respect_to_a(claimed, status):
    assert check(_quadratic(claimed), CONFIG).status == status


def test_sympys_array_form_is_cross_checked_against_jax():
    """SymPy's PermuteDims/ArrayTensorProduct form is evaluated and agrees with autodiff."""
    from checkers.kinds._table import numeric, resolve
    from checkers.witnesses.numeric._numeric import Settings

    claim = _bilinear("a*b.T")
    r = resolve(claim)
    derived = r.function.diff(r.wrt)
    found = numeric(r, {"claimed": r.claimed, "sympy": derived}, Settings(points=8))
    assert type(derived).__name__ == "PermuteDims"
    assert found["claimed"].status == found["sympy"].status == "agrees"


def test_an_unreadable_candidate_does_not_take_the_claimed_side_with_it():
    import sympy as sp

    from checkers.kinds._table import numeric, resolve
    from checkers.witnesses.numeric._numeric import Settings

    r = resolve(_bilinear("2*a*b.T"))
    alone = numeric(r, {"claimed": r.claimed}, Settings(points=8))
    both = numeric(r, {"claimed": r.claimed, "sympy": sp.Symbol("unknown")}, Settings(points=8))
    assert both["sympy"].status == "error"
    assert both["claimed"] == alone["claimed"] and alone["claimed"].status == "disagrees"
