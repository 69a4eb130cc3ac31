import sympy as sp

from checkers import Derivative, Source, Var, matrix, vector
from checkers.kinds import kind_of
from checkers.kinds._derivative import ResolvedDerivative

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Derivative)


def dquad(claimed):
    return Derivative(name="d", source=SRC, variables=(vector("x", "n"), matrix("A", "n", "n")),
                      function="x.T*A*x", wrt="x", claimed=claimed)


def test_wrt_is_the_one_variable(run):
    r = run(dquad("(A + A.T)*x")).resolved
    assert isinstance(r, ResolvedDerivative)
    assert isinstance(r.wrt, sp.MatrixSymbol) and r.wrt.name == "x"


def test_a_right_matrix_derivative_is_proved_and_agrees(run):
    found = run(dquad("(A + A.T)*x"))
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"


def test_a_missing_transpose_is_refuted_and_disagrees_at_distinct_sizes(run):
    found = run(dquad("2*A*x"))
    assert found.symbolic.status == "refuted"
    numeric = found.numeric["claimed"]
    assert numeric.status == "disagrees" and "n" in numeric.point


def test_a_scalar_derivative(run):
    right = Derivative(name="d", source=SRC, variables=(Var("x"),), function="x*e^x", wrt="x",
                       claimed="(x + 1)*e^x")
    wrong = Derivative(name="d", source=SRC, variables=(Var("x"),), function="x*e^x", wrt="x",
                       claimed="x*e^x")
    assert run(right).symbolic.status == "proved"
    assert run(right).numeric["claimed"].status == "agrees"
    assert run(wrong).symbolic.status == "refuted"
    assert run(wrong).numeric["claimed"].status == "disagrees"


def test_the_report_shows_d_by_d_wrt(run):
    r = run(dquad("(A + A.T)*x")).resolved
    relation = KIND.view(r).relation
    assert relation.wrt == (r.wrt,) and relation.tex.startswith(r"\frac{{\partial}}")
