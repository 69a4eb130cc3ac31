from checkers import Hessian, Source, Var
from checkers.kinds import kind_of
from checkers.kinds._hessian import ResolvedHessian

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Hessian)


def hessian(claimed):
    return Hessian(name="h", source=SRC, variables=(Var("x"), Var("y")), function="x^3*y",
                   wrt=("x", "y"), claimed=claimed)


def test_a_right_hessian_is_proved_and_agrees(run):
    found = run(hessian("[[6*x*y, 3*x^2], [3*x^2, 0]]"))
    assert isinstance(found.resolved, ResolvedHessian)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"


def test_a_wrong_hessian_is_refuted_and_disagrees(run):
    found = run(hessian("[[6*x*y, 3*x^2], [3*x, 0]]"))
    assert found.symbolic.status == "refuted"
    assert found.numeric["claimed"].status == "disagrees"


def test_the_report_shows_the_hessian_of_f(run):
    r = run(hessian("[[6*x*y, 3*x^2], [3*x^2, 0]]")).resolved
    assert KIND.view(r).relation.tex.startswith(r"\mathbf{{H}}_")
    assert KIND.claimed(r) is r.claimed and KIND.slices(r, None) is None
