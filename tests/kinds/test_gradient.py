import dataclasses

from checkers import Gradient, Source, Var
from checkers.kinds import kind_of
from checkers.kinds._gradient import ResolvedGradient

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Gradient)


def gradient(claimed, at=None):
    return Gradient(name="g", source=SRC, variables=(Var("x"), Var("y")),
                    function="x^2*y + sin(y)", wrt=("x", "y"), claimed=claimed, at=at)


def test_resolves_to_its_own_fields(run):
    r = run(gradient("[2*x*y, x^2 + cos(y)]")).resolved
    assert isinstance(r, ResolvedGradient)
    assert [f.name for f in dataclasses.fields(r)][3:] == ["function", "wrt", "claimed", "at"]
    assert r.claimed.shape == (2, 1) and r.at is None


def test_a_right_gradient_is_proved_and_agrees_with_jax(run):
    found = run(gradient("[2*x*y, x^2 + cos(y)]"))
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"  # SymPy's truth, cross-checked by JAX


def test_a_wrong_gradient_is_refuted_with_a_counterexample(run):
    found = run(gradient("[-2*x*y, x^2 + cos(y)]"))
    assert found.symbolic.status == "refuted" and found.symbolic.point
    numeric = found.numeric["claimed"]
    assert numeric.status == "disagrees" and set(numeric.point) == {"x", "y"}


def test_at_a_point_the_point_is_held(run):
    found = run(gradient("[2*1*2, 2 + cos(2)]", at=("1", "2")))
    assert found.symbolic.status == "refuted"
    assert found.numeric["claimed"].status == "disagrees"
    assert found.numeric["claimed"].point == {"x": 1.0, "y": 2.0}


def test_the_report_shows_nabla_of_f_at_the_point(run):
    r = run(gradient("[4, 1 + cos(2)]", at=("1", "2"))).resolved
    view = KIND.view(r)
    assert view.relation.subject == r.function and view.relation.at == r.at
    assert view.relation.tex.startswith(r"\nabla_") and view.text is None and view.around is None
    assert KIND.claimed(r) is r.claimed and KIND.slices(r, None) is None
    assert KIND.cross_checks and not KIND.truth_in_words
