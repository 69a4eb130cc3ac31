import sympy as sp

from checkers import Approximation, Source, Var
from checkers.kinds import kind_of
from checkers.kinds._approximation import ResolvedApproximation, orders

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Approximation)


def approximation(rhs, order=1):
    return Approximation(name="a", source=SRC, variables=(Var("x"), Var("h")),
                         lhs="sin(x + h)", rhs=rhs, small=("h",), order=order)


def test_a_right_first_order_approximation_is_proved_and_agrees(run):
    found = run(approximation("sin(x) + h*cos(x)"))
    assert isinstance(found.resolved, ResolvedApproximation)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"


def test_a_wrong_first_order_term_is_refuted_and_disagrees(run):
    found = run(approximation("sin(x) - h*cos(x)"))
    assert found.symbolic.status == "refuted" and "by derivative: 1, dh" in found.symbolic.detail
    assert found.numeric["claimed"].status == "disagrees"


def test_the_claimed_side_is_the_rhs_and_the_truth_is_the_lhs_to_its_order(run):
    found = run(approximation("sin(x) - h*cos(x)"))
    r = found.resolved
    assert KIND.claimed(r) is r.rhs and [len(a) for a in orders(r)] == [0, 1]
    truth, trusted = KIND.true_form(r, found.symbolic.derived, True)
    x, h = r.symbols["x"], r.symbols["h"]
    assert trusted and sp.simplify(truth - (sp.sin(x) + h * sp.cos(x))) == 0
    assert KIND.true_form(r, found.symbolic.derived, False) == (None, False)
    assert KIND.view(r).relation.subject is r.lhs
