from checkers import Identity, Index, Source, Var, vector
from checkers.kinds import kind_of
from checkers.kinds._identity import ResolvedIdentity

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Identity)


def identity(rhs):
    return Identity(name="i", source=SRC, variables=(Var("x"),), lhs="12*x^3 - 12*x^2 - 24*x",
                    rhs=rhs)


def test_a_true_identity_is_proved_and_agrees(run):
    found = run(identity("12*x*(x - 2)*(x + 1)"))
    assert isinstance(found.resolved, ResolvedIdentity)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert "sympy" not in found.numeric  # its derived form is no truth for JAX


def test_a_false_identity_is_refuted_and_disagrees(run):
    found = run(identity("12*x*(x - 2)*(x - 1)"))
    assert found.symbolic.status == "refuted"
    assert found.numeric["claimed"].status == "disagrees"


def test_with_an_index_it_is_decided_entry_by_entry(run):
    claim = Identity(name="i", source=SRC, variables=(vector("x", "n"), Index("k", "n")),
                     lhs="diff(x.T*x, x[k])", rhs="2*x[k]")
    found = run(claim)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"


def test_the_report_shows_the_right_side_when_sympy_is_not_trusted(run):
    r = run(identity("12*x*(x - 2)*(x - 1)")).resolved
    assert KIND.claimed(r) is r.lhs
    assert KIND.true_form(r, None, False) == (r.rhs, True)
    assert KIND.true_form(r, "derived", True) == ("derived", True)
