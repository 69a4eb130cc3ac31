import sympy as sp

from checkers import CriticalPoints, Source, Var
from checkers.kinds import kind_of
from checkers.kinds._critical_points import ResolvedCriticalPoints

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(CriticalPoints)


def critical(points):
    return CriticalPoints(name="c", source=SRC, variables=(Var("x"),),
                          function="3*x^4 - 4*x^3 - 12*x^2", wrt=("x",), claimed=points)


def test_every_critical_point_listed_is_proved_and_agrees(run):
    found = run(critical((("-1",), ("0",), ("2",))))
    assert isinstance(found.resolved, ResolvedCriticalPoints)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"


def test_a_missing_point_is_refuted_and_newton_finds_it(run):
    found = run(critical((("-1",), ("0",))))
    assert found.symbolic.status == "refuted" and "misses (2)" in found.symbolic.difference
    numeric = found.numeric["claimed"]
    assert numeric.status == "disagrees" and abs(numeric.point["x"] - 2) < 1e-6


def test_the_truth_is_told_in_words_and_the_claim_is_a_set(run):
    r = run(critical((("-1",), ("0",), ("2",)))).resolved
    assert KIND.claimed(r) == sp.FiniteSet(sp.Tuple(-1), sp.Tuple(0), sp.Tuple(2))
    assert KIND.truth_in_words and not KIND.cross_checks
    assert KIND.view(r).relation is None
