"""Limits, integrals, sums and products, whole-number variables and structured matrices (issue
11): a right and a wrong claim of each form, each decided by each witness alone; and the
honesty rules of the numeric approximations (a divergence is never agreement)."""

from dataclasses import replace

import pytest

from checkers import (DIAGONAL, NATURAL, ORTHOGONAL, POSITIVE_DEFINITE, SYMMETRIC, Derivative,
                      Fn, Identity, Reason, Source, Var, check_all, interval, matrix, vector)
from tests._by_witness import by_each_witness

SRC = Source(lines=(1, 1), section="calculus")
X = (Var("x"),)


def ident(name, lhs, rhs, variables=X):
    return Identity(name=name, source=SRC, variables=variables, lhs=lhs, rhs=rhs)


def deriv(name, function, wrt, claimed, variables, **more):
    return Derivative(name=name, source=SRC, variables=variables, function=function, wrt=wrt,
                      claimed=claimed, **more)


SPD = (matrix("X", "n", "n", POSITIVE_DEFINITE),)
LSQ = (vector("x", "m"), matrix("A", "m", "n"), vector("s", "n"),
       matrix("W", "m", "m", SYMMETRIC))
SYM2 = (matrix("X", 2, 2, SYMMETRIC), vector("v", 2))

PAIRS = [  # (right, wrong): the form each pair stands for is in its name
    (ident("integral-definite", "integral(y*exp(-y^2), y, 0, 1)", "(1 - exp(-1))/2", ()),
     ident("integral-definite-sign", "integral(y*exp(-y^2), y, 0, 1)", "(exp(-1) - 1)/2", ())),
    (ident("integral-symbolic-bound", "integral(cos(y), y, 0, x)", "sin(x)"),
     ident("integral-symbolic-bound-sign", "integral(cos(y), y, 0, x)", "-sin(x)")),
    (ident("integral-improper", "integral(exp(-y^2), y, -oo, oo)", "sqrt(pi)", ()),
     ident("integral-improper-pi", "integral(exp(-y^2), y, -oo, oo)", "pi", ())),
    (ident("integral-half-line", "integral(exp(-t*y), y, 0, oo)", "1/t",
           (Var("t", domain=interval(0.5, 3)),)),
     ident("integral-half-line-wrong", "integral(exp(-t*y), y, 0, oo)", "t",
           (Var("t", domain=interval(0.5, 3)),))),
    (ident("integral-indefinite", "integral(x*cos(x), x)", "x*sin(x) + cos(x) + 3"),
     ident("integral-indefinite-sign", "integral(x*cos(x), x)", "x*sin(x) - cos(x)")),
    (deriv("fundamental-theorem", "integral(exp(-y^2), y, 0, x)", "x", "exp(-x^2)", X),
     deriv("fundamental-theorem-wrong", "integral(exp(-y^2), y, 0, x)", "x", "exp(-x^2) - 1", X)),
    (ident("limit-two-sided", "limit((sin(x + h) - sin(x))/h, h, 0)", "cos(x)"),
     ident("limit-two-sided-sign", "limit((sin(x + h) - sin(x))/h, h, 0)", "-cos(x)")),
    (ident("limit-one-sided", 'limit(abs(h)/h, h, 0, "-")', "-1", ()),
     ident("limit-one-sided-wrong-side", 'limit(abs(h)/h, h, 0, "-")', "1", ())),
    (ident("limit-infinity", "limit((1 + x/n)^n, n, oo)", "exp(x)"),
     ident("limit-infinity-wrong", "limit((1 + x/n)^n, n, oo)", "exp(x) - 1")),
    (ident("series-infinite", "sum(1/k^2, k, 1, oo)", "pi^2/6", ()),
     ident("series-infinite-wrong", "sum(1/k^2, k, 1, oo)", "pi^2/8", ())),
    (ident("series-power", "sum(x^k, k, 0, oo)", "1/(1 - x)", (Var("x", domain=interval(-0.5, 0.5)),)),
     ident("series-power-wrong", "sum(x^k, k, 1, oo)", "1/(1 - x)",
           (Var("x", domain=interval(-0.5, 0.5)),))),
    (ident("sum-natural-bound", "sum(k^2, k, 1, n)", "n*(n + 1)*(2*n + 1)/6",
           (Var("n", domain=NATURAL),)),
     ident("sum-natural-bound-off-by-one", "sum(k^2, k, 1, n)", "n*(n - 1)*(2*n - 1)/6",
           (Var("n", domain=NATURAL),))),
    (ident("product-natural-bound", "product(2*k, k, 1, n)", "2^n*factorial(n)",
           (Var("n", domain=NATURAL),)),
     ident("product-natural-bound-wrong", "product(2*k, k, 1, n)", "2*factorial(n)",
           (Var("n", domain=NATURAL),))),
    (ident("binomial-factorial", "binomial(n, 2)", "n*(n - 1)/2", (Var("n", domain=NATURAL),)),
     ident("binomial-factorial-wrong", "binomial(n, 2)", "n^2/2", (Var("n", domain=NATURAL),))),
    (deriv("posdef-log-det", "log(det(X))", "X", "inv(X)", SPD),
     deriv("posdef-log-det-det", "log(det(X))", "X", "det(X)*inv(X)", SPD)),
    (deriv("symmetric-weighted-lsq", "(x - A*s).T*W*(x - A*s)", "s", "-2*A.T*W*(x - A*s)", LSQ),
     deriv("symmetric-weighted-lsq-sign", "(x - A*s).T*W*(x - A*s)", "s", "2*A.T*W*(x - A*s)",
           LSQ)),
    (deriv("symmetric-convention", "v.T*X*v", "X",
           "[[v[1]^2, 2*v[1]*v[2]], [2*v[1]*v[2], v[2]^2]]", SYM2, convention="symmetric"),
     deriv("symmetric-convention-unconstrained-answer", "v.T*X*v", "X", "v*v.T", SYM2,
           convention="symmetric")),
    (ident("orthogonal-inverse", "inv(Q)", "Q.T", (matrix("Q", "n", "n", ORTHOGONAL),)),
     ident("orthogonal-det-one", "det(Q)", "1", (matrix("Q", "n", "n", ORTHOGONAL),))),
    (ident("diagonal-commute", "D*E", "E*D",
           (matrix("D", "n", "n", DIAGONAL), matrix("E", "n", "n", DIAGONAL))),
     ident("diagonal-commute-general", "D*E", "E*D",
           (matrix("D", "n", "n", DIAGONAL), matrix("E", "n", "n")))),
]
RIGHT = [right for right, _ in PAIRS]
WRONG = [wrong for _, wrong in PAIRS]


@pytest.fixture(scope="module")
def verdicts(config):
    """Every claim by each witness alone, and judged from both pieces of evidence."""
    claims = RIGHT + WRONG
    return by_each_witness(claims, config)


@pytest.mark.slow
@pytest.mark.parametrize("claim", RIGHT, ids=lambda c: c.name)
def test_a_right_claim_holds_by_each_witness(verdicts, claim):
    assert verdicts["both"][claim.name].status == "verified", verdicts["both"][claim.name]
    assert verdicts["symbolic"][claim.name].symbolic.status == "proved"
    alone = verdicts["numeric"][claim.name]
    assert alone.numeric.status == "agrees" and alone.reason == Reason.NUMERIC_ONLY, alone


@pytest.mark.slow
@pytest.mark.parametrize("claim", WRONG, ids=lambda c: c.name)
def test_a_wrong_claim_is_caught_by_each_witness(verdicts, claim):
    assert verdicts["both"][claim.name].status == "discrepancy"
    alone = verdicts["symbolic"][claim.name]
    assert alone.status == "discrepancy", alone
    assert verdicts["numeric"][claim.name].numeric.status == "disagrees"
    assert verdicts["numeric"][claim.name].status == "discrepancy"


@pytest.mark.slow
def test_a_divergent_integral_is_never_agreement(config):
    divergent = [ident("cauchy", "integral(y^2/(1 + y^2), y, -oo, oo)", "pi", ()),
                 ident("harmonic", "sum(1/k, k, 1, oo)", "log(2)", ()),
                 ident("grandi", "sum((-1)^k, k, 0, oo)", "1/2", ()),
                 ident("singular", "integral(1/y, y, 0, 1)", "1", ()),
                 ident("no-limit", "limit(abs(h)/h, h, 0)", "1", ())]
    numeric = check_all(divergent, replace(config, symbolic=False))
    assert [v.numeric.status for v in numeric] == ["insufficient"] * 5
    both = check_all([divergent[i] for i in (0, 1, 4)], config)  # SymPy's oo (or no limit)
    assert [v.status for v in both] == ["discrepancy"] * 3       # is exact: a discrepancy


@pytest.mark.slow
def test_an_arbitrary_function_under_an_integral_is_checked_numerically(config):
    f = (Var("x"), Fn("f", 1), Fn("u", 1))
    right = ident("substitution", "integral(f(y), y, u(0), u(x))",
                  "integral(f(u(y))*partial(u, 1, y), y, 0, x)", f)
    wrong = ident("substitution-no-jacobian", "integral(f(y), y, u(0), u(x))",
                  "integral(f(u(y)), y, 0, x)", f)
    found = check_all([right, wrong], replace(config, symbolic=False))
    assert [v.numeric.status for v in found] == ["agrees", "disagrees"]


def test_the_report_names_the_convention():
    from checkers.kinds._table import kind_of, resolve

    claim = PAIRS[16][0]
    view = kind_of(claim).view(resolve(claim))
    assert "G + Gᵀ − diag G" in view.relation.text
    default = kind_of(RIGHT[14]).view(resolve(RIGHT[14]))
    assert "unconstrained gradient G" in default.relation.text


# --- fast: the approximations themselves, the syntax and the declarations ---------------------

def _value(text, names=None, **env):
    import jax
    import sympy as sp

    from checkers.readers._syntax import parse
    from checkers.witnesses.numeric._numeric import evaluate  # importing it turns float64 on

    symbols = {k: sp.Symbol(k, real=True) for k in env}
    e = parse(text, {**symbols, **(names or {})})
    return float(jax.jit(lambda values: evaluate(e, {symbols[k]: v for k, v in values.items()}))(
        {k: float(v) for k, v in env.items()}))


@pytest.mark.parametrize("text, true", [
    ("integral(1/sqrt(y), y, 0, 1)", 2.0),
    ("integral(exp(y), y, -oo, 0)", 1.0),
    ("integral(exp(y), y, 0, -oo)", -1.0),
    ("integral(1/(1 + y^2), y, -oo, oo)", 3.141592653589793),
    ("limit(sin(h)/h, h, 0)", 1.0),
    ("limit((1 + 1/n)^n, n, oo)", 2.718281828459045),
    ("sum((-1)^(k + 1)/k, k, 1, oo)", 0.6931471805599453),
    ("sum(2^k/factorial(k), k, 0, oo)", 7.38905609893065),
])
def test_each_approximation_settles_far_inside_the_tolerance(text, true):
    assert abs(_value(text) - true) <= 1e-10 * max(1.0, abs(true))


@pytest.mark.parametrize("text", [
    "integral(1/y, y, 1, oo)", "integral(1/y, y, 0, 1)", "sum(1/k, k, 1, oo)",
    "sum((-1)^k, k, 0, oo)", "limit(1/h, h, 0)", "limit(abs(h)/h, h, 0)", "limit(sin(1/h), h, 0)",
])
def test_what_does_not_converge_is_not_a_number(text):
    import math

    assert math.isnan(_value(text))


def test_a_sum_to_a_variable_bound_writes_its_terms_out():
    assert _value("sum(k, k, 1, n)", n=12) == 78.0
    assert _value("product(k, k, 1, n)", n=5) == 120.0


@pytest.mark.parametrize("text, fragment", [
    ("limit(x, 1, 0)", "second argument must be a variable name"),
    ('limit(x, h, 0, "*")', "cannot read"),
    ('limit(x, h, oo, "+")', "takes no direction"),
    ("integral(x, y)", "must be a declared scalar variable"),
    ("integral(x, y, 0)", "integral() takes 2 or 4 arguments"),
    ("sum(k, k, 1)", "sum() takes 4 arguments"),
    ('"+" + x', "only limit(f, h, 0, \"+\") takes"),
])
def test_a_malformed_form_says_how_to_write_it(text, fragment):
    import sympy as sp

    from checkers import ExpressionError
    from checkers.readers._syntax import parse

    with pytest.raises(ExpressionError) as err:
        parse(text, {"x": sp.Symbol("x", real=True)})
    assert fragment in str(err.value)


@pytest.mark.parametrize("words, kind, shape", [
    ("natural", "integer", ()), ("integer 0 9", "integer", ()),
    ("matrix n n symmetric", "symmetric", ("n", "n")), ("matrix 3 3 posdef", "posdef", (3, 3)),
    ("matrix n n orthogonal", "orthogonal", ("n", "n")),
    ("matrix n n diagonal", "diagonal", ("n", "n")),
    ("vector n interval 0 1", "interval", ("n",)), ("vector n positive", "positive", ("n",)),
])
def test_the_toml_words_of_the_new_domains(words, kind, shape):
    from checkers.readers._toml_fields import _variable

    class Ctx:
        name = "v"
    var = _variable(words, Ctx())
    assert (var.domain.kind, var.shape) == (kind, shape)


@pytest.mark.parametrize("make, fragment", [
    (lambda: matrix("X", "n", "m", SYMMETRIC), "is square"),
    (lambda: vector("x", "n", NATURAL), "whole numbers are scalars"),
    (lambda: Derivative(name="d", source=SRC, variables=SPD, function="tr(X)", wrt="X",
                        claimed="X", convention="sym"), "convention = 'sym'"),
])
def test_a_wrong_declaration_says_what_to_write(make, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(")):
        make()


def test_the_symmetric_convention_needs_a_symmetric_matrix():
    from checkers import DeclarationError
    from checkers.kinds._table import resolve

    claim = deriv("d", "tr(X)", "X", "X", (matrix("X", "n", "n"),), convention="symmetric")
    with pytest.raises(DeclarationError, match="not declared one"):
        resolve(claim)


def test_structured_samples_have_their_structure():
    import numpy as np

    from checkers.witnesses.numeric._sampling import _structure_holds, _structured

    rng = np.random.default_rng(0)
    for kind in ("symmetric", "posdef", "orthogonal", "diagonal"):
        for m in _structured(kind, rng, (16, 4, 4)):
            assert _structure_holds(kind, m), kind
    assert not _structure_holds("posdef", -np.eye(3))
    dets = {round(float(np.linalg.det(q))) for q in _structured("orthogonal", rng, (32, 3, 3))}
    assert dets == {-1, 1}   # both components of O(n) are drawn
