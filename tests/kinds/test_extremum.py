from checkers import Extremum, Source, Var
from checkers.kinds import kind_of
from checkers.kinds._extremum import ResolvedExtremum

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Extremum)


def extremum(nature, at="0", scope="local"):
    return Extremum(name="e", source=SRC, variables=(Var("x"), Var("y")), function="x^2 - y^2",
                    wrt=("x", "y"), at=(at, "0"), nature=nature, scope=scope)


def test_a_saddle_is_proved_neither_and_agrees(run):
    found = run(extremum("neither"))
    assert isinstance(found.resolved, ResolvedExtremum)
    assert found.symbolic.status == "proved" and "indefinite" in found.symbolic.detail
    assert found.numeric["claimed"].status == "agrees"


def test_a_saddle_claimed_a_minimum_is_refuted_and_jax_finds_lower_values(run):
    found = run(extremum("minimum"))
    assert found.symbolic.status == "refuted" and found.symbolic.message
    numeric = found.numeric["claimed"]
    assert numeric.status == "disagrees" and numeric.true < numeric.claimed


def test_the_report_says_it_in_words(run):
    r = run(extremum("minimum")).resolved
    view = KIND.view(r)
    assert KIND.claimed(r) is None and view.text == "a local minimum at x = 0, y = 0"
    assert view.relation.text == "f = {f}" and KIND.truth_in_words
