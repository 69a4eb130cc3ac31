import sympy as sp

from checkers import Source, Taylor, Var
from checkers.kinds import kind_of
from checkers.kinds._taylor import ResolvedTaylor, taylor_of

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Taylor)
BUMP = "x*e^(-x^2 - y^2)"


def taylor(claimed, order=2, **more):
    return Taylor(name="t", source=SRC, variables=(Var("x"), Var("y")), function=BUMP,
                  wrt=("x", "y"), at=("-1", "0"), order=order, claimed=claimed, **more)


def test_a_right_second_order_polynomial_is_proved_and_agrees(run):
    found = run(taylor("e^(-1)*(-1 - (x + 1) + (x + 1)^2 + y^2)"))
    assert isinstance(found.resolved, ResolvedTaylor)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"


def test_a_wrong_coefficient_is_refuted_and_disagrees(run):
    found = run(taylor("e^(-1)*(-1 - (x + 1) + 2*(x + 1)^2 + 2*y^2)"))
    assert found.symbolic.status == "refuted"
    assert found.numeric["claimed"].status == "disagrees"


def test_written_in_other_variables_the_point_is_not_drawn(run):
    claim = Taylor(name="t", source=SRC, variables=(Var("x"), Var("h")), function="e^x",
                   wrt=("x",), at=("0",), order=1, claimed="1 + h", substitute=(("x", "h"),))
    found = run(claim)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert KIND.view(found.resolved).around is None  # not written around the point


def test_the_report_writes_it_around_the_point_and_draws_slices(run):
    found = run(taylor("e^(-1)*(-1 - (x + 1) + 2*(x + 1)^2 + 2*y^2)"))
    r = found.resolved
    view = KIND.view(r)
    assert view.around == tuple(zip(r.wrt, r.at)) and view.relation.tex == r"{f} \approx"
    slices = KIND.slices(r, found.symbolic.derived)
    assert slices.truth == found.symbolic.derived and slices.claimed is r.claimed
    assert sp.simplify(KIND.slices(r, None).truth - taylor_of(r.function, r.wrt, r.at, 2)) == 0
