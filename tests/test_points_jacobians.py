"""Issue 11, first part: Jacobians (and their determinants), Hessians in a vector, points
written in other variables, Taylor polynomials of any order. Each new form has a right and a
deliberately wrong claim; each wrong one is caught by each witness alone."""

from dataclasses import replace

import pytest

from checkers import (CriticalPoints, DeclarationError, Gradient, Hessian, Jacobian,
                      JacobianDeterminant, Reason, Source, Taylor, Value, Var, check_all,
                      interval, matrix, vector, POSITIVE)
from checkers.kinds import resolve
from checkers.readers._files import load
from tests._by_witness import by_each_witness

SRC = Source(lines=(1, 1), section="issue 11")
POLAR = (Var("r", (), POSITIVE), Var("theta"))
PHI = ("r*cos(theta)", "r*sin(theta)")
QUAD = (vector("x", "n"), matrix("A", "n", "n"), vector("b", "n"))
COIN = (Var("theta", (), interval(0.001, 0.999)), Var("n_H", (), POSITIVE),
        Var("n_T", (), POSITIVE))
GAUSS = (Var("mu"), Var("x1"), Var("x2"), Var("x3"), Var("sigma", (), POSITIVE))
GAUSS_F = "-((x1 - mu)^2 + (x2 - mu)^2 + (x3 - mu)^2)/(2*sigma^2) - 3*log(sigma)"


def jac(name, claimed, **more):
    return Jacobian(name=name, source=SRC, variables=POLAR, function=PHI, wrt=("r", "theta"),
                    claimed=claimed, **more)


def jac_vector(name, claimed):
    return Jacobian(name=name, source=SRC, variables=(vector("x", "n"), matrix("A", "m", "n")),
                    function="A*x + x.T*x*A*x", wrt=("x",), claimed=claimed)


def det(name, claimed):
    return JacobianDeterminant(name=name, source=SRC, variables=POLAR, function=PHI,
                               wrt=("r", "theta"), claimed=claimed)


def hess_vector(name, claimed):
    return Hessian(name=name, source=SRC, variables=QUAD, function="x.T*A*x + b.T*x",
                   wrt=("x",), claimed=claimed)


def taylor_x0(name, claimed, order=2):
    return Taylor(name=name, source=SRC, variables=(Var("x"), Var("x0")), function="sin(x)",
                  wrt=("x",), at=("x0",), order=order, claimed=claimed)


def exp5(name, claimed, order=5):
    return Taylor(name=name, source=SRC, variables=(Var("x"),), function="e^x", wrt=("x",),
                  at=("0",), order=order, claimed=claimed)


def grad_at(name, claimed):
    """The log-partition of a Gaussian in its natural parameters, at (μ/σ², −1/(2σ²))."""
    return Gradient(name=name, source=SRC,
                    variables=(Var("t1"), Var("t2"), Var("mu"), Var("sigma", (), POSITIVE)),
                    function="-t1^2/(4*t2) - log(-2*t2)/2", wrt=("t1", "t2"),
                    at=("mu/sigma^2", "-1/(2*sigma^2)"), claimed=claimed)


def value_at(name, claimed):
    return Value(name=name, source=SRC, variables=(Var("x"), Var("y"), Var("a"), Var("b")),
                 function="x^2 - y", wrt=("x", "y"), at=("a + b", "2*a*b"), claimed=claimed)


def coin(name, point):
    return CriticalPoints(name=name, source=SRC, variables=COIN,
                          function="-(n_H*log(theta) + n_T*log(1 - theta))", wrt=("theta",),
                          claimed=((point,),))


def gauss(name, points):
    return CriticalPoints(name=name, source=SRC, variables=GAUSS, function=GAUSS_F,
                          wrt=("mu",), claimed=points)


def cubic(name, points):
    return CriticalPoints(name=name, source=SRC, variables=(Var("x"), Var("a", (), POSITIVE)),
                          function="x^3 - 3*a^2*x", wrt=("x",), claimed=points)


RIGHT = [
    jac("jacobian", "[[cos(theta), -r*sin(theta)], [sin(theta), r*cos(theta)]]"),
    jac("jacobian-at", "[[0, -r0], [1, 0]]", at=("r0", "pi/2")),
    jac_vector("jacobian-vector", "A + A*x*2*x.T + x.T*x*A"),
    det("determinant", "r"),
    hess_vector("hessian-vector", "A + A.T"),
    taylor_x0("taylor-about-x0", "sin(x0) + (x - x0)*cos(x0) - (x - x0)^2*sin(x0)/2"),
    exp5("taylor-order-5", "1 + x + x^2/2 + x^3/6 + x^4/24 + x^5/120"),
    grad_at("gradient-at-expressions", "[mu, mu^2 + sigma^2]"),
    value_at("value-at-expressions", "a^2 + b^2"),
    coin("critical-in-parameters", "n_H/(n_H + n_T)"),
    gauss("critical-mean", (("(x1 + x2 + x3)/3",),)),
    cubic("critical-two-in-a-parameter", (("a",), ("-a",))),
]
RIGHT[1] = replace(RIGHT[1], variables=POLAR + (Var("r0", (), POSITIVE),))

WRONG = [  # (claim, what is wrong)
    (jac("jacobian-transposed", "[[cos(theta), sin(theta)], [-r*sin(theta), r*cos(theta)]]"),
     "transpose"),
    (jac_vector("jacobian-vector-dropped", "A + x.T*x*A"), "dropped term"),
    (det("determinant-square", "r^2"), "coefficient"),
    (hess_vector("hessian-vector-symmetric", "2*A"), "transpose"),
    (taylor_x0("taylor-about-x0-sign", "sin(x0) + (x - x0)*cos(x0) + (x - x0)^2*sin(x0)/2"),
     "sign"),
    (exp5("taylor-order-5-factorial", "1 + x + x^2/2 + x^3/6 + x^4/24 + x^5/24"),
     "coefficient"),
    (exp5("taylor-degree-above-order", "1 + x + x^2/2 + x^3/6", order=2), "degree"),
    (grad_at("gradient-at-expressions-sign", "[mu, mu^2 - sigma^2]"), "sign"),
    (value_at("value-at-expressions-dropped", "a^2 + b^2 + 2*a*b"), "dropped term"),
    (coin("critical-in-parameters-ratio", "n_H/n_T"), "coefficient"),
    (gauss("critical-mean-divisor", (("(x1 + x2 + x3)/2",),)), "coefficient"),
    (cubic("critical-missing-in-a-parameter", (("a",),)), "dropped term"),
]


def test_every_new_form_has_a_right_and_a_wrong_example():
    kinds = {c.kind for c in RIGHT}
    assert kinds >= {"jacobian", "jacobian_determinant", "hessian", "taylor", "gradient",
                     "value", "critical_points"}
    assert {c.kind for c, _ in WRONG} == kinds


@pytest.fixture(scope="session")
def points_jacobians_verdicts(config):
    """Each claim checked by each witness alone; the verdict of both is judged from their two
    pieces of evidence, as ``check_all`` judges it (as in tests/test_quality.py)."""
    claims = RIGHT + [c for c, _ in WRONG]
    return by_each_witness(claims, config)


@pytest.fixture(scope="module")
def verdicts(points_jacobians_verdicts):
    return points_jacobians_verdicts


@pytest.mark.parametrize("claim", RIGHT, ids=lambda c: c.name)
def test_right_claims_hold_by_each_witness(verdicts, claim):
    both = verdicts["both"][claim.name]
    assert both.status == "verified" and both.reason == Reason.PROVED, both
    assert verdicts["symbolic"][claim.name].symbolic.status == "proved"
    assert verdicts["numeric"][claim.name].numeric.status == "agrees"


@pytest.mark.parametrize("claim, why", WRONG, ids=lambda c: getattr(c, "name", ""))
def test_wrong_claims_are_caught_by_each_witness(verdicts, claim, why):
    assert verdicts["both"][claim.name].status == "discrepancy"
    symbolic = verdicts["symbolic"][claim.name]
    assert symbolic.symbolic.status == "refuted" and symbolic.status == "discrepancy", symbolic
    numeric = verdicts["numeric"][claim.name]
    assert numeric.numeric.status == "disagrees" and numeric.status == "discrepancy", numeric
    assert numeric.numeric.point, "a disagreement carries its counterexample"


def test_a_claimed_polynomial_of_another_degree_says_so(verdicts):
    found = verdicts["symbolic"]["taylor-degree-above-order"].symbolic
    assert "degree 3" in found.message and "order is 2" in found.message


def test_a_counterexample_at_a_symbolic_point_shows_the_point_and_its_parameters(verdicts):
    point = verdicts["numeric"]["taylor-about-x0-sign"].numeric.point
    assert set(point) == {"x", "x0"}
    point = verdicts["numeric"]["gradient-at-expressions-sign"].numeric.point
    assert {"mu", "sigma", "t1", "t2"} <= set(point)
    assert point["t1"] == pytest.approx(point["mu"] / point["sigma"] ** 2)


@pytest.mark.slow
def test_the_same_seed_gives_the_same_evidence(config):
    claims = [c for c, _ in WRONG[:6]]
    first = [(v.status, v.numeric.point, v.summary) for v in check_all(claims, config)]
    again = [(v.status, v.numeric.point, v.summary) for v in check_all(claims, config)]
    assert first == again


@pytest.mark.parametrize("claim, said", [
    (replace(taylor_x0("t", "sin(x)"), at=("x",)), "a variable of wrt itself"),
    (Jacobian(name="j", source=SRC, variables=QUAD, function="A", wrt=("x",), claimed="A"),
     'function = ["r*cos(theta)"'),
    (Jacobian(name="j", source=SRC, variables=QUAD, function="A*x", wrt=("x", "b"), claimed="A"),
     'wrt = "x"'),
    (JacobianDeterminant(name="j", source=SRC, variables=QUAD + (matrix("B", "m", "n"),),
                         function="B*x", wrt=("x",), claimed="1"), 'kind = "jacobian"'),
    (Gradient(name="g", source=SRC, variables=QUAD, function="b.T*x", wrt=("x",), claimed="b"),
     'kind = "derivative" with wrt = "x"'),
])
def test_a_wrong_declaration_teaches_the_toml_form(claim, said):
    with pytest.raises(DeclarationError) as err:
        resolve(claim)
    assert said in str(err.value) + str(err.value.hint)


def test_an_order_below_one_is_refused_when_the_claim_is_made():
    with pytest.raises(ValueError, match="whole number from 1"):
        exp5("t", "1", order=0)


def test_list_accepts_exactly_what_run_accepts(tmp_path):
    """An order of 0 is refused by loading (so by `list` as by `run`); an order of 7 by neither."""
    text = ('[[claim]]\nkind = "taylor"\nname = "t.{name}"\nlines = 1\n'
            'variables = {{ x = "real" }}\nfunction = "e^x"\nwrt = ["x"]\nat = [0]\n'
            'order = {order}\nclaimed = "1 + x"\n')
    path = tmp_path / "orders.toml"
    path.write_text(text.format(name="zero", order=0) + text.format(name="seven", order=7))
    found = load([path])
    kinds = {c.name: type(c).__name__ for c in found.claims}
    assert kinds == {"t.zero": "Unreadable", "t.seven": "Taylor"}
    bad = next(c for c in found.claims if c.name == "t.zero")
    assert "order" in str(bad.error) and "whole number from 1" in str(bad.error)
