"""Deliberately wrong derivations of every kind must be caught, by each witness alone."""

from dataclasses import replace

import pytest

from checkers import (CriticalPoints, Derivative, Gradient, Hessian, Identity, Reason,
                      Source, Taylor, Value, Var, check_all, matrix, vector)
from tests._by_witness import by_each_witness

SRC = Source(lines=(1, 1), section="quality")
XY = (Var("x"), Var("y"))
XUV = (matrix("X", "n", "m"), matrix("U", "n", "r"), matrix("V", "r", "m"))
XA = (vector("x", "n"), matrix("A", "n", "n"))
BUMP = "x*e^(-x^2 - y^2)"
BUMP_H = "e^(-x^2 - y^2)*[[4*x^3 - 6*x, 4*x^2*y - 2*y], [4*x^2*y - 2*y, 4*x*y^2 - 2*x]]"


def grad(name, claimed, at=None):
    return Gradient(name=name, source=SRC, variables=XY, function="x^2*y + sin(y)",
                    wrt=("x", "y"), claimed=claimed, at=at)


def hess(name, claimed):
    return Hessian(name=name, source=SRC, variables=XY, function=BUMP, wrt=("x", "y"),
                   claimed=claimed)


def dquad(name, claimed):
    return Derivative(name=name, source=SRC, variables=XA, function="x.T*A*x", wrt="x",
                      claimed=claimed)


def dnorm(name, claimed):
    return Derivative(name=name, source=SRC, variables=XUV, function="norm(X - U*V)^2",
                      wrt="V", claimed=claimed)


def dscalar(name, claimed):
    return Derivative(name=name, source=SRC, variables=(Var("x"),), function="x*e^x", wrt="x",
                      claimed=claimed)


def taylor(name, order, claimed):
    return Taylor(name=name, source=SRC, variables=XY, function=BUMP, wrt=("x", "y"),
                  at=("-1", "0"), order=order, claimed=claimed)


def value(name, claimed):
    return Value(name=name, source=SRC, variables=XY, function="log(e^x + e^y)",
                 wrt=("x", "y"), at=("0", "log(2)"), claimed=claimed)


def critical(name, points):
    return CriticalPoints(name=name, source=SRC, variables=(Var("x"),),
                          function="3*x^4 - 4*x^3 - 12*x^2", wrt=("x",), claimed=points)


def identity(name, rhs):
    return Identity(name=name, source=SRC, variables=(Var("x"),), lhs="12*x^3 - 12*x^2 - 24*x",
                    rhs=rhs)


RIGHT = [
    grad("gradient", "[2*x*y, x^2 + cos(y)]"),
    grad("gradient-at", "[2*1*2, 1 + cos(2)]", at=("1", "2")),
    hess("hessian", BUMP_H),
    dquad("derivative-vector", "(A + A.T)*x"),
    dnorm("derivative-matrix", "-2*U.T*(X - U*V)"),
    dscalar("derivative-scalar", "(x + 1)*e^x"),
    taylor("taylor-1", 1, "e^(-1)*(-1 - (x + 1))"),
    taylor("taylor-2", 2, "e^(-1)*(-1 - (x + 1) + (x + 1)^2 + y^2)"),
    value("value", "log(3)"),
    critical("critical", (("-1",), ("0",), ("2",))),
    identity("identity", "12*x*(x - 2)*(x + 1)"),
]

WRONG = [  # (claim, what is wrong)
    (grad("gradient-sign", "[-2*x*y, x^2 + cos(y)]"), "sign"),
    (grad("gradient-dropped", "[2*x*y, x^2]"), "dropped term"),
    (grad("gradient-at-coefficient", "[2*1*2, 2 + cos(2)]", at=("1", "2")), "coefficient"),
    (hess("hessian-coefficient", BUMP_H.replace("6*x", "4*x")), "coefficient"),
    (hess("hessian-sign", BUMP_H.replace("[4*x^2*y - 2*y, 4*x*y", "[2*y - 4*x^2*y, 4*x*y")),
     "sign"),
    (dquad("derivative-vector-transpose", "2*A*x"), "transpose"),
    (dquad("derivative-vector-dropped", "A.T*x"), "dropped term"),
    (dnorm("derivative-matrix-sign", "2*U.T*(X - U*V)"), "sign"),
    (dnorm("derivative-matrix-dropped", "-2*U.T*X"), "dropped term"),
    (dscalar("derivative-scalar-dropped", "x*e^x"), "dropped term"),
    (taylor("taylor-1-sign", 1, "e^(-1)*(-1 + (x + 1))"), "sign"),
    (taylor("taylor-2-coefficient", 2, "e^(-1)*(-1 - (x + 1) + 2*(x + 1)^2 + 2*y^2)"),
     "coefficient"),
    (taylor("taylor-2-dropped", 2, "e^(-1)*(-1 - (x + 1) + (x + 1)^2)"), "dropped term"),
    (value("value-coefficient", "log(2)"), "coefficient"),
    (critical("critical-missing", (("-1",), ("2",))), "dropped term"),
    (critical("critical-extra", (("-1",), ("0",), ("1",), ("2",))), "extra point"),
    (identity("identity-sign", "12*x*(x + 2)*(x - 1)"), "sign"),
]

KINDS = {c.kind for c in RIGHT}


def test_every_kind_has_right_and_wrong_examples():
    assert KINDS == {"gradient", "hessian", "derivative", "taylor", "value", "critical_points",
                     "identity"}
    assert {c.kind for c, _ in WRONG} == KINDS
    assert {why for _, why in WRONG} >= {"sign", "coefficient", "transpose", "dropped term"}


@pytest.fixture(scope="session")
def quality_verdicts(config):
    """Every quality claim checked once by each witness alone (two batches); the verdict of both
    witnesses is judged from their two pieces of evidence, as ``check_all`` judges it (the
    evidence of one witness does not depend on the other's)."""
    claims = RIGHT + [c for c, _ in WRONG]
    return by_each_witness(claims, config)


@pytest.fixture(scope="module")
def verdicts(quality_verdicts):
    return quality_verdicts


@pytest.mark.parametrize("claim", RIGHT, ids=lambda c: c.name)
def test_right_claims_hold_by_each_witness(verdicts, claim):
    both = verdicts["both"][claim.name]
    assert both.status == "verified" and both.reason == Reason.PROVED, both
    alone = verdicts["symbolic"][claim.name]
    assert alone.symbolic.status == "proved" and alone.status == "verified"
    assert alone.reason == Reason.PROVED
    alone = verdicts["numeric"][claim.name]
    assert alone.numeric.status == "agrees"
    assert alone.status == "undecided" and alone.reason == Reason.NUMERIC_ONLY


@pytest.mark.parametrize("claim, why", WRONG, ids=lambda c: getattr(c, "name", ""))
def test_wrong_claims_are_caught_by_each_witness(verdicts, claim, why):
    both = verdicts["both"][claim.name]
    assert both.status == "discrepancy" and both.reason == Reason.REFUTED, both
    symbolic = verdicts["symbolic"][claim.name]
    assert symbolic.symbolic.status == "refuted" and symbolic.status == "discrepancy"
    assert symbolic.reason == Reason.REFUTED
    numeric = verdicts["numeric"][claim.name]
    assert numeric.numeric.status == "disagrees" and numeric.status == "discrepancy"
    assert numeric.reason == Reason.COUNTEREXAMPLE
    assert numeric.numeric.point, "a disagreement carries its counterexample"


def test_counterexample_is_shrunk_and_carries_both_values(verdicts):
    ev = verdicts["numeric"]["taylor-2-coefficient"].numeric
    assert all(float(v).is_integer() for v in ev.point.values()), ev.point
    assert ev.claimed != pytest.approx(ev.true)
    assert ev.error > 1e-3


def test_sympy_silent_zero_is_a_tool_disagreement_not_a_verdict(config):
    # SymPy returns 0 for d/dx exp(tr(xᵀx)) (FACTS.md); JAX does not.
    claim = Derivative(name="silent-zero", source=SRC, variables=(vector("x", "n"),),
                       function="exp(norm(x)^2)", wrt="x", claimed="2*exp(norm(x)^2)*x")
    (v,) = check_all([claim], config)
    assert v.tool is not None and v.tool.sympy_value != v.tool.jax_value
    assert v.status == "verified"  # decided entry by entry, independent of SymPy's matrix rules
    assert v.reason == Reason.PROVED
    assert v.symbolic.entrywise


def test_a_hung_simplification_is_stopped_and_the_claim_is_still_judged(config):
    """A true identity that SymPy needs over 100 s to simplify (tests/test_processes.py): stopped
    at its budget, and JAX alone leaves it undecided, saying why."""
    claim = Identity(name="slow", source=SRC, variables=XY, lhs="tan(x + y)^40*sin(3*x)^7",
                     rhs="(sin(x+y)/cos(x+y))^40*(3*sin(x) - 4*sin(x)^3)^7")
    import time

    started = time.monotonic()
    (v,) = check_all([claim], replace(config, budget=0.3))
    assert time.monotonic() - started < 20
    assert v.symbolic.status == "undecided" and v.symbolic.timed_out
    assert v.status == "undecided" and v.numeric.status == "agrees"
    assert v.reason == Reason.TIME_BUDGET
    assert "ran out of its 0.3 s symbolic time budget" in v.summary  # and a person reads why


def test_a_wrong_claim_is_caught_although_simplification_would_hang(config):
    """SymPy refutes at an exact point before any simplification could hang."""
    claim = Identity(name="slow-wrong", source=SRC, variables=XY, lhs="tan(x + y)^40*sin(3*x)^7",
                     rhs="(sin(x+y)/cos(x+y))^40*(3*sin(x) - 4*sin(x)^3)^7*(1 + x^2)")
    (v,) = check_all([claim], replace(config, budget=0.3))
    assert v.status == "discrepancy" and v.numeric.status == "disagrees"
    assert v.symbolic.status == "refuted"


def test_same_seed_same_verdicts(config):
    claims = [c for c, _ in WRONG[:4]]
    first = [(v.status, v.reason, v.numeric.point, v.summary) for v in check_all(claims, config)]
    again = [(v.status, v.reason, v.numeric.point, v.summary) for v in check_all(claims, config)]
    assert first == again
