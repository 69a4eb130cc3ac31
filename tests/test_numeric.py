"""Numeric honesty (issue 10), as a user meets it: claims built with the public API, checked,
and judged by their status and reason code.

- the candidates (the claimed side, SymPy's derived form) fail independently;
- zero (or too few) valid points is never agreement;
- NaN where the truth is finite is resampled, not a counterexample, and never crashes a report;
- points are drawn across magnitudes, with tolerances relative to the values;
- functions such as Abs, sign, the hyperbolic and arc functions are evaluated numerically.
"""

from __future__ import annotations

import numpy as np
import pytest

from checkers import (POSITIVE, Approximation, Config, Derivative, Identity, Reason, Source, check,
                      interval, matrix, scalar, vector)

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


# --- 2. zero (or too few) valid points is never agreement --------------------------------------

def test_a_function_undefined_on_the_whole_domain_is_too_few_valid_points():
    claim = Identity(name="nowhere", source=SOURCE, variables=(scalar("x", POSITIVE),),
                     lhs="log(-x)", rhs="log(-x) + 1")
    verdict = check(claim, NUMERIC)
    assert verdict.numeric.status == "insufficient" and verdict.numeric.points == 0
    assert (verdict.status, verdict.reason) == ("undecided", Reason.TOO_FEW_VALID_POINTS)


def test_an_approximation_evaluated_at_its_removable_singularity_is_never_agreement():
    """(sin(x + ε) − sin(x))/ε is 0/0 at ε = 0, where its terms are taken: no valid point,
    no agreement, and no false discrepancy either."""
    verdict = check(_difference_quotient(), CONFIG)
    assert verdict.numeric.status == "insufficient"
    assert verdict.status != "discrepancy" and verdict.status != "verified"


def test_points_where_the_truth_is_undefined_are_resampled_not_counted():
    claim = Identity(name="half", source=SOURCE, variables=(scalar("x"),),
                     lhs="log(x)", rhs="log(x)")
    numeric = check(claim, NUMERIC).numeric
    assert numeric.status == "agrees" and numeric.points >= 20   # of 24, after resampling
    assert len(numeric.errors) == numeric.points


# --- 3. NaN where the truth is finite is not a discrepancy; NaN never crashes the report -------

def _difference_quotient() -> Approximation:
    return Approximation(name="quotient", source=SOURCE,
                         variables=(scalar("x"), scalar("eps")), lhs="cos(x)",
                         rhs="(sin(x + eps) - sin(x))/eps", small=("eps",), order=0)


def test_a_claimed_side_undefined_only_at_a_point_is_no_discrepancy():
    claim = Derivative(name="removable", source=SOURCE, variables=(scalar("x"),),
                       function="x**2", wrt="x", claimed="2*x**2/x")
    verdict = check(claim, NUMERIC)
    assert verdict.numeric.status == "agrees"


def test_a_claimed_side_undefined_where_the_truth_is_finite_is_a_discrepancy():
    claim = Derivative(name="undefined", source=SOURCE, variables=(scalar("x"),),
                       function="x**2", wrt="x", claimed="2*x + log(-x**2 - 1)")
    verdict = check(claim, NUMERIC)
    assert (verdict.status, verdict.reason) == ("discrepancy", Reason.COUNTEREXAMPLE)
    assert verdict.numeric.message and "not finite" in verdict.numeric.detail


def test_a_counterexample_is_never_a_point_where_a_side_is_undefined():
    """F10: a wrong claim about det(X)·X⁻¹ shrinks to a point where both sides are finite,
    not to X = 0."""
    claim = Derivative(name="det", source=SOURCE, variables=(matrix("X", 3, 3),),
                       function="det(X)", wrt="X", claimed="det(X)*X**-1")
    numeric = check(claim, NUMERIC).numeric
    assert numeric.status == "disagrees"
    assert _finite(numeric.claimed) and _finite(numeric.true)


def _finite(value) -> bool:
    return bool(np.isfinite(np.asarray(value, dtype=float)).all())


def test_a_non_finite_counterexample_is_written_in_the_report(tmp_path):
    from checkers.report._report import write_report

    claim = Derivative(name="undefined", source=SOURCE, variables=(scalar("x"),),
                       function="x**2", wrt="x", claimed="2*x + log(-x**2 - 1)")
    verdict = check(claim, NUMERIC)
    assert verdict.numeric.error == float("inf")
    write_report([verdict], tmp_path, seed=0, texts={}, formats=("md", "json", "html"))
    assert '"error": "inf"' in (tmp_path / "report.json").read_text()
    assert "not finite" in (tmp_path / "report.md").read_text()


def test_a_stored_non_finite_error_is_written_not_formatted():
    """F15: the report stores NaN and ±inf as strings; writing them crashed with "Unknown
    format code 'g' for object of type 'str'"."""
    from checkers.report._layout import counter_text

    for error in ("nan", "inf", 0.5):
        text = counter_text({"source": "numeric", "message": "", "point": {"x": 0.0},
                             "claimed": "nan", "true": 1.0, "error_kind": "relative",
                             "error": error})
        assert f"error {error if isinstance(error, str) else '0.5'}" in text


# --- 4. points across magnitudes, tolerances relative to the values ----------------------------

def test_a_claim_false_only_beyond_two_is_a_discrepancy():
    claim = Identity(name="beyond", source=SOURCE, variables=(scalar("x"),),
                     lhs="abs(x - 2) + abs(x + 2)", rhs="4")
    assert check(claim, NUMERIC).status == "discrepancy"


def test_large_values_create_no_false_alarm():
    claim = Derivative(name="large", source=SOURCE, variables=(scalar("x"),),
                       function="x**6/6 + exp(x/100)", wrt="x", claimed="x**5 + exp(x/100)/100")
    numeric = check(claim, NUMERIC).numeric
    assert numeric.status == "agrees"


def test_the_points_span_magnitudes_inside_the_domain():
    from checkers.kinds._table import resolve
    from checkers.witnesses.numeric._sampling import generator, sample

    claim = Identity(name="spread", source=SOURCE, lhs="x", rhs="x",
                     variables=(scalar("x"), scalar("p", POSITIVE), scalar("t", interval(0, 1))))
    r = resolve(claim)
    x, p, t = (r.symbols[n] for n in ("x", "p", "t"))
    drawn = sample(r, [x, p, t], {}, generator(r, 0), 400)
    assert np.abs(drawn[x]).max() > 5 and np.abs(drawn[x]).min() < 1e-2
    assert (drawn[x] < 0).any() and (drawn[p] > 0).all() and drawn[p].max() > 5
    assert ((0 <= drawn[t]) & (drawn[t] <= 1)).all()


def test_large_magnitudes_make_no_false_alarm_from_cancellation():
    """Magnitudes reach 10, not 1000: at x = -351 float64 gives cosh(x)^2 - sinh(x)^2 = 7e287,
    which would make a true identity a counterexample (and so would softmax's log-sum-exp)."""
    claim = Identity(name="hyperbolic-one", source=SOURCE, variables=(scalar("x"),),
                     lhs="cosh(x)^2 - sinh(x)^2", rhs="1")
    verdict = check(claim, Config(symbolic=False))
    assert (verdict.status, verdict.reason) == ("undecided", Reason.NUMERIC_ONLY)


def test_the_sizes_of_two_draws_differ():
    """F14: the evidence never lists the same size twice."""
    verdict = check(Derivative(name="one-size", source=SOURCE, variables=(vector("v", "n"),),
                               function="v.T*v", wrt="v", claimed="2*v"), NUMERIC)
    sizes = verdict.numeric.sizes
    assert len(sizes) == 2 and sizes[0] != sizes[1]


# --- 5. functions evaluated numerically ---------------------------------------------------------

@pytest.mark.parametrize("function", ["abs(x)", "sqrt(x**2)"])
def test_the_derivative_of_abs_claimed_as_one_is_a_discrepancy(function):
    claim = Derivative(name="abs", source=SOURCE, variables=(scalar("x"),), function=function,
                       wrt="x", claimed="1")
    numeric = check(claim, NUMERIC).numeric
    assert numeric.status == "disagrees" and numeric.point["x"] < 0


@pytest.mark.parametrize("function, derivative", [
    ("sinh(x)", "cosh(x)"), ("cosh(x)", "sinh(x)"), ("tanh(x)", "1 - tanh(x)**2"),
    ("atan(x)", "1/(1 + x**2)"),
    ("sign(x)*x", "sign(x)")])
def test_hyperbolic_arc_and_sign_functions_are_evaluated(function, derivative):
    claim = Derivative(name="fn", source=SOURCE, variables=(scalar("x"),), function=function,
                       wrt="x", claimed=derivative)
    assert check(claim, NUMERIC).numeric.status == "agrees"
    wrong = Derivative(name="fn", source=SOURCE, variables=(scalar("x"),), function=function,
                       wrt="x", claimed=f"2*({derivative}) + 1")
    assert check(wrong, NUMERIC).numeric.status == "disagrees"


@pytest.mark.parametrize("function", ["asin(x)", "acos(x)"])
def test_arc_functions_on_their_domain(function):
    derivative = {"asin(x)": "1/sqrt(1 - x**2)", "acos(x)": "-1/sqrt(1 - x**2)"}[function]
    claim = Derivative(name="arc", source=SOURCE, variables=(scalar("x", interval(-0.9, 0.9)),),
                       function=function, wrt="x", claimed=derivative)
    assert check(claim, NUMERIC).numeric.status == "agrees"


def test_a_complex_or_infinite_value_is_not_finite_not_a_pass():
    import sympy as sp

    for constant in (sp.zoo, sp.I):
        claim = Identity(name="odd", source=SOURCE, variables=(scalar("x"),),
                         lhs=sp.Symbol("x", real=True) * 0 + constant, rhs="1")
        verdict = check(claim, NUMERIC)
        assert verdict.numeric.status != "agrees", constant


# --- 6. a NumPy warning decides nothing --------------------------------------------------------

def test_overflow_in_the_comparison_raises_no_warning():
    """F12: under ``filterwarnings = error`` a RuntimeWarning from NumPy would be an error."""
    import warnings

    claim = Identity(name="overflow", source=SOURCE, variables=(scalar("x"),),
                     lhs="exp(x)*exp(x)", rhs="exp(2*x)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numeric = check(claim, NUMERIC).numeric
    assert numeric.status == "agrees"
