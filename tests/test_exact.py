"""Exact evidence (issue 10): an exact refutation is never overruled by a float tolerance nor
lost to a numeric failure; SymPy's exact points lie inside the declared domain and reach
negative and large values; a value is evaluated before it is decided; numbers stay numbers;
SymPy's matrix-rule failures fall back to entries; a global extremum respects its domain."""

from __future__ import annotations

import time

import pytest

from checkers import (POSITIVE, Config, Derivative, Extremum, Gradient, Identity, Reason,
                      Source, Value, Var, check, interval)

SOURCE = Source(lines=(1, 1))
X = Var("x")
SYMBOLIC_ONLY, NUMERIC_ONLY = Config(numeric=False), Config(symbolic=False)


def _outcome(claim, config=Config()):
    v = check(claim, config)
    return v.status, v.reason


# -- 1. an exact refutation is evidence; a float tolerance never overrules it -----------------

BELOW_RESOLUTION = [
    Derivative(name="exp", source=SOURCE, variables=(X,), function="exp(x)", wrt="x",
               claimed="1.000000001*exp(x)"),
    Derivative(name="square", source=SOURCE, variables=(X,), function="x^2", wrt="x",
               claimed="2*x + 1e-10"),
    Value(name="eps-squared", source=SOURCE, variables=(Var("h"),), function="h^2", wrt=("h",),
          at=("0.0000001",), claimed="0.0000000000001"),
    Identity(name="hyperbolic", source=SOURCE, variables=(X,), lhs="cosh(x)^2 - sinh(x)^2",
             rhs="1 + 1/10^20"),
]


@pytest.mark.parametrize("claim", BELOW_RESOLUTION, ids=lambda c: c.name)
def test_an_exact_refutation_below_float_resolution_is_a_discrepancy(claim):
    v = check(claim)
    assert (v.status, v.reason) == ("discrepancy", Reason.REFUTED_BELOW_FLOAT_RESOLUTION)
    assert v.symbolic.exact and v.symbolic.size < 1e-6
    assert v.numeric.status == "agrees"
    assert "below floating-point resolution" in v.summary
    assert _outcome(claim, SYMBOLIC_ONLY) == ("discrepancy", Reason.REFUTED)
    assert _outcome(claim, NUMERIC_ONLY) == ("undecided", Reason.NUMERIC_ONLY)


def test_a_claim_with_a_float_is_not_refuted_exactly():
    import sympy as sp

    x = sp.Symbol("x", real=True)
    claim = Derivative(name="float", source=SOURCE, variables=(X,), function="x^2", wrt="x",
                       claimed=2 * x + sp.Float(1e-10))
    v = check(claim)
    assert v.symbolic.status == "refuted" and not v.symbolic.exact
    assert (v.status, v.reason) == ("undecided", Reason.WITNESSES_DISAGREE)


# -- 2. an exact refutation with a numeric error is a discrepancy ----------------------------

def test_an_exact_refutation_with_a_numeric_error_is_refuted():
    claim = Derivative(name="bilinear.planted", source=SOURCE,
                       variables=(Var("a", shape=("n",)), Var("b", shape=("m",)),
                                  Var("X", shape=("n", "m"))),
                       function="a.T*X*b", wrt="X", claimed="2*a*b.T")
    v = check(claim)
    assert (v.status, v.reason) == ("discrepancy", Reason.REFUTED)
    assert v.symbolic.exact
    assert _outcome(claim, SYMBOLIC_ONLY) == ("discrepancy", Reason.REFUTED)


# -- 3. exact points inside the declared domain, of either sign and across magnitudes --------

def test_sympy_draws_its_points_inside_an_interval():
    claim = Identity(name="abs", source=SOURCE, variables=(Var("x", domain=interval(0.3, 0.35)),),
                     lhs="abs(x - 0.29)", rhs="x - 0.29")
    v = check(claim)
    assert v.symbolic.status != "refuted" and v.status != "discrepancy"
    assert check(claim, SYMBOLIC_ONLY).status == "undecided"


def test_sympy_refutes_a_dropped_absolute_value_at_a_negative_point():
    claim = Identity(name="std-of-affine.planted", source=SOURCE,
                     variables=(Var("a"), Var("s", domain=POSITIVE)),
                     lhs="sqrt(a^2*s^2)", rhs="a*s")
    v = check(claim, SYMBOLIC_ONLY)
    assert (v.status, v.reason) == ("discrepancy", Reason.REFUTED)
    assert v.symbolic.point["a"].startswith("-")
    assert _outcome(claim) == ("discrepancy", Reason.REFUTED)


def test_sympy_reaches_large_values():
    claim = Identity(name="large", source=SOURCE, variables=(X,),
                     lhs="max(abs(x), 3) - 3", rhs="0")
    assert _outcome(claim, SYMBOLIC_ONLY) == ("discrepancy", Reason.REFUTED)


# -- 4. a value is evaluated before it is decided ---------------------------------------------

POLAR = "det([[cos(t), -r*sin(t)], [sin(t), r*cos(t)]])"


@pytest.mark.parametrize("config", [Config(), SYMBOLIC_ONLY], ids=["both", "symbolic"])
def test_a_value_is_evaluated_before_deciding(config):
    variables = (Var("r", domain=POSITIVE), Var("t"))
    value = Value(name="jacobian", source=SOURCE, variables=variables, function=POLAR,
                  wrt=("t",), at=("1",), claimed="r")
    identity = Identity(name="jacobian", source=SOURCE, variables=variables, lhs=POLAR, rhs="r")
    assert _outcome(value, config) == ("verified", Reason.PROVED)
    assert _outcome(identity, config) == ("verified", Reason.PROVED)
    wrong = Value(name="jacobian.planted", source=SOURCE, variables=variables, function=POLAR,
                  wrt=("t",), at=("1",), claimed="2*r")
    assert _outcome(wrong, config) == ("discrepancy", Reason.REFUTED)


# -- 5. numbers stay numbers -------------------------------------------------------------------

LOG = "1000000000*log(1/2)"


@pytest.mark.parametrize("claimed,reason", [
    ("-301029995.6", Reason.REFUTED),                           # log10 taken for ln
    ("-693147180.5599453094", Reason.REFUTED_BELOW_FLOAT_RESOLUTION),   # ln, 10 decimals
])
def test_a_constant_with_a_large_coefficient_is_decided_quickly(claimed, reason):
    claim = Value(name="log", source=SOURCE, variables=(Var("z"),), function=LOG, wrt=("z",),
                  at=("0",), claimed=claimed)
    started = time.perf_counter()
    v = check(claim, Config(budget=60))
    assert (v.status, v.reason) == ("discrepancy", reason)
    assert v.symbolic.seconds < 5 and len(v.symbolic.difference) <= 200
    assert _outcome(claim, SYMBOLIC_ONLY) == ("discrepancy", Reason.REFUTED)
    assert time.perf_counter() - started < 60


def test_simplify_is_kept_from_the_log_of_a_huge_power():
    claim = Identity(name="logx", source=SOURCE, variables=(Var("x", domain=POSITIVE),),
                     lhs="x*(x+1) - x^2 + 1000000000*log(x/2)",
                     rhs="x + 1000000000*log(x) - 693147180.5599453094")
    v = check(claim, SYMBOLIC_ONLY)
    assert (v.status, v.reason) == ("discrepancy", Reason.REFUTED)
    assert v.symbolic.exact and v.symbolic.seconds < 5


def test_a_long_difference_is_shortened():
    from checkers.witnesses.symbolic._decide import show
    import sympy as sp

    x = sp.Symbol("x")
    text = show(sp.expand((x + 12345) ** 30))
    assert len(text) < 300 and "…" in text and "characters, integers of up to" in text
    assert show(sp.expand((x + 1) ** 40)).endswith(" characters)")
    huge = show(sp.Integer(2) ** 2000 * x)
    assert "about 603 digits" in huge


# -- 6. SymPy's matrix rules fail: the derivative is taken entry by entry --------------------

XTAX = dict(variables=(Var("x1"), Var("x2"), Var("A", shape=(2, 2))),
            definitions=(("x", "[[x1], [x2]]"),), function="x.T*A*x")


@pytest.mark.parametrize("config", [Config(), SYMBOLIC_ONLY], ids=["both", "symbolic"])
def test_a_quadratic_form_in_explicit_components_is_decided(config):
    right = Derivative(name="xtax", source=SOURCE, wrt="x1",
                       claimed="2*x1*A[1,1] + x2*(A[1,2] + A[2,1])", **XTAX)
    wrong = Derivative(name="xtax.planted", source=SOURCE, wrt="x1", claimed="2*x1*A[1,1]",
                       **XTAX)
    gradient = Gradient(name="xtax.gradient", source=SOURCE, wrt=("x1", "x2"),
                        claimed="[[2*x1*A[1,1] + x2*(A[1,2]+A[2,1])],"
                                " [2*x2*A[2,2] + x1*(A[1,2]+A[2,1])]]", **XTAX)
    assert _outcome(right, config) == ("verified", Reason.PROVED)
    assert _outcome(wrong, config) == ("discrepancy", Reason.REFUTED)
    assert _outcome(gradient, config) == ("verified", Reason.PROVED)


# -- 7. F3: a global extremum over the declared domain ---------------------------------------

def _extremum(domain, at, scope="global", nature="maximum", function="t^3 - 3*t"):
    return Extremum(name="extremum", source=SOURCE, variables=(Var("t", domain=domain),),
                    function=function, wrt=("t",), at=(at,), nature=nature, scope=scope)


def test_a_global_maximum_on_an_interval():
    coin = _extremum(interval(0, 1), "9/13", function="t^9*(1 - t)^4")
    assert _outcome(coin) == ("verified", Reason.PROVED)
    assert _outcome(coin, SYMBOLIC_ONLY) == ("verified", Reason.PROVED)


@pytest.mark.parametrize("domain,status", [
    (interval(-2, 2), "verified"),       # f(2) = f(-1) = 2: the maximum is global (a tie)
    (interval(-3, 3), "discrepancy"),    # f(3) = 18 is higher
])
def test_the_ends_of_the_interval_count(domain, status):
    assert check(_extremum(domain, "-1"), SYMBOLIC_ONLY).status == status


def test_on_the_real_line_a_cubic_has_no_global_maximum():
    v = check(_extremum(Var("t").domain, "-1"), SYMBOLIC_ONLY)
    assert (v.status, v.reason) == ("discrepancy", Reason.REFUTED)
    assert "unbounded above" in v.summary


# -- a matrix expression that does not expand to zero is no refutation ------------------------

def test_a_symbolic_matrix_difference_that_does_not_expand_to_zero_refutes_nothing():
    """tr(vvᵀ) = tr(vᵀv), inside a vector: SymPy's expand does not see it, and that once came
    out as a refutation whose difference was the zero matrix (found by the mutation suite)."""
    from checkers import vector

    v = vector("v", "n")
    right = Identity(name="cyclic", source=SOURCE, variables=(v,), lhs="v/sqrt(tr(v.T*v))",
                     rhs="v/sqrt(tr(v*v.T))")
    wrong = Identity(name="cyclic-wrong", source=SOURCE, variables=(v,),
                     lhs="v/sqrt(tr(v.T*v))", rhs="2*v/sqrt(tr(v*v.T))")
    proved = check(right, SYMBOLIC_ONLY)
    assert proved.status == "verified" and "entry by entry" in proved.symbolic.strategy
    refuted = check(wrong, SYMBOLIC_ONLY)
    assert refuted.status == "discrepancy" and refuted.symbolic.point  # at an exact point
    assert "Matrix([[0], [0]])" not in refuted.summary


def test_points_where_a_side_is_complex_are_skipped_not_a_failure():
    """log(eˣ − eʸ) is complex where y > x: SymPy's exact point lies where both sides are real
    (it once failed with "Cannot convert complex to float"; found by the mutation suite)."""
    y = Var("y")
    wrong = Identity(name="lse-sign", source=SOURCE, variables=(X, y), lhs="log(exp(x) + exp(y))",
                     rhs="log(exp(x) - exp(y))")
    v = check(wrong, SYMBOLIC_ONLY)
    assert v.status == "discrepancy" and v.symbolic.status == "refuted"
    from fractions import Fraction

    assert Fraction(v.symbolic.point["x"]) > Fraction(v.symbolic.point["y"])
