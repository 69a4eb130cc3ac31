"""The mutation suite's fast subset: one claim of each kind, every operator that applies to it,
each mutant judged by each witness alone. Every mutant that is not equivalent is caught by
SymPy alone and by JAX alone; an equivalent one is recognised (SymPy proves the identity AND
JAX agrees), and a mutant equal only numerically is never counted equivalent."""

from dataclasses import replace

import pytest
import sympy as sp

from checkers import (Approximation, Config, CriticalPoints, Derivative, Gradient, Hessian,
                      Identity, Source, Taylor, Value, Var, check_all, matrix, vector)
from checkers.quality._mutants import Mutant, mutants, operator_names
from checkers.quality._operators import OPERATORS
from checkers.quality._suite import _outcome, _with_equivalence, same_points

SRC = Source(lines=(1, 1), section="mutants")
XY = (Var("x"), Var("y"))
ABX = (matrix("X", "n", "n"), matrix("A", "n", "n"), matrix("B", "n", "n"))

ONE_OF_EACH = [
    Gradient(name="gradient", source=SRC, variables=XY, function="x^2*y + y", wrt=("x", "y"),
             claimed="[2*x*y, x^2 + 1]"),
    Hessian(name="hessian", source=SRC, variables=XY, function="x^3*y", wrt=("x", "y"),
            claimed="[[6*x*y, 3*x^2], [3*x^2, 0]]"),
    Derivative(name="derivative", source=SRC, variables=ABX, function="trace(X*A*B)", wrt="X",
               claimed="B.T*A.T"),
    Derivative(name="derivative-vector", source=SRC,
               variables=(vector("x", "n"), matrix("A", "n", "n")), function="x.T*A*x",
               wrt="x", claimed="(A + A.T)*x"),
    Taylor(name="taylor", source=SRC, variables=(Var("x"),), function="exp(x)", wrt=("x",),
           at=("0",), order=2, claimed="1 + x + x^2/2"),
    Value(name="value", source=SRC, variables=XY, function="x^2 + y", wrt=("x", "y"),
          at=("1", "2"), claimed="3"),
    CriticalPoints(name="critical", source=SRC, variables=(Var("x"),),
                   function="x^3 - 3*x^2", wrt=("x",), claimed=(("0",), ("2",))),
    Identity(name="identity", source=SRC, variables=XY, lhs="(x + y)^2",
             rhs="x^2 + 2*x*y + y^2"),
    Approximation(name="approximation", source=SRC, variables=(Var("h"),), lhs="exp(h)",
                  rhs="1 + h", small=("h",), order=1),
]

CONFIG = Config(seed=0, points=16, budget=60.0, cache=None)


def _judged(made: list[Mutant]):
    """Each mutant checked by each witness alone, then for equivalence where one missed it."""
    claims = [m.claim for m in made]
    by = {"symbolic": check_all(claims, replace(CONFIG, numeric=False)),
          "numeric": check_all(claims, replace(CONFIG, symbolic=False))}
    outcomes = [_outcome(m, {w: v[i] for w, v in by.items()}) for i, m in enumerate(made)]
    return _with_equivalence(outcomes, CONFIG, lambda _: None)


@pytest.fixture(scope="module")
def outcomes():
    made = [m for c in ONE_OF_EACH for m in mutants(c, operators=tuple(OPERATORS))]
    return {o.mutant.claim.name: o for o in _judged(made)}


def test_every_operator_makes_a_mutant_somewhere(outcomes):
    made = {o.mutant.operator for o in outcomes.values()}
    assert made == set(OPERATORS)
    assert {o.mutant.original.kind for o in outcomes.values()} == {c.kind for c in ONE_OF_EACH}


def test_a_mutant_is_a_new_claim_at_the_same_place(outcomes):
    for name, o in outcomes.items():
        assert name.startswith(f"{o.mutant.original.name}~{o.mutant.operator}#")
        assert o.mutant.claim.source == o.mutant.original.source
        assert o.mutant.claim != o.mutant.original


def test_every_mutant_not_equivalent_is_caught_by_each_witness_alone(outcomes):
    missed = {n: (o.caught, o.mutant.shown) for n, o in outcomes.items() if o.missed_by()}
    assert not missed
    assert all(o.caught["verdict"] for o in outcomes.values() if not o.equivalent)


def test_operators_that_do_not_apply_make_no_mutant():
    taylor = ONE_OF_EACH[4]
    assert [m.operator for m in mutants(taylor, operators=("transpose", "product-order",
                                                           "swapped-variables"))] == []
    value = ONE_OF_EACH[5]  # its claimed side is a number: nothing to swap or transpose
    assert {m.operator for m in mutants(value)} == {"sign", "coefficient", "moved-point"}


def test_the_seed_chooses_the_place_and_the_same_seed_the_same_mutants():
    gradient = ONE_OF_EACH[0]
    first = [(m.claim.name, m.shown) for m in mutants(gradient, seed=3)]
    assert first == [(m.claim.name, m.shown) for m in mutants(gradient, seed=3)]
    places = {m.claim.name for s in range(6) for m in mutants(gradient, seed=s,
                                                               operators=("sign",))}
    assert len(places) > 1


def _changes(claim, operator):
    from checkers.kinds import resolve
    from checkers.quality._mutants import subject

    return OPERATORS[operator](subject(claim, resolve(claim)))


def test_equivalent_mutants_are_recognised_independently():
    """A transpose of the 1x1 x.T*A*y and of the symmetric A + A.T change nothing; swapping the
    factors of a product under a trace neither: each is shown an identity."""
    vectors = (vector("x", "n"), vector("y", "n"), matrix("A", "n", "n"))
    scalar = Identity(name="scalar-transpose", source=SRC, variables=vectors, lhs="x.T*A*y",
                      rhs="y.T*A.T*x")
    cyclic = Identity(name="cyclic-order", source=SRC, variables=ABX[1:], lhs="trace(A*B)",
                      rhs="trace(B*A)")
    made = []
    for claim, operator, shown in ((scalar, "transpose", "(x.T*A*y).T"),
                                   (ONE_OF_EACH[3], "transpose", "(A + A.T).T*x"),
                                   (cyclic, "product-order", "Trace(B*A)")):
        change = next(c for c in _changes(claim, operator) if c.shown == shown)
        made.append(Mutant(replace(claim, name=f"{claim.name}~{operator}", **change.fields),
                           claim, operator, change.shown, change.equivalence))
    judged = _judged(made)
    assert [o.equivalent for o in judged] == [True, True, True], [o.caught for o in judged]
    assert all(not o.missed_by() for o in judged)


def test_numeric_agreement_alone_is_never_equivalence():
    """2x + 1e-12 agrees with 2x in floating point; SymPy refutes the identity: not equivalent,
    and missed by JAX alone (the numeric witness cannot see it), caught by SymPy."""
    claim = ONE_OF_EACH[4]
    tiny = Mutant(replace(claim, name="taylor~tiny", claimed="1 + x + x^2/2 + 1e-12"), claim,
                  "coefficient", "1 + x + x^2/2 + 1e-12",
                  ("identity", sp.sympify("1 + x + x**2/2") + sp.Rational(1, 10**12),
                   sp.sympify("1 + x + x**2/2")))
    (o,) = _judged([tiny])
    assert not o.equivalent
    assert o.caught["symbolic"] and o.caught["verdict"]
    assert o.missed_by() == ("numeric",)


def test_points_are_the_same_set_exactly_and_numerically():
    assert same_points(sp.ImmutableMatrix([[2], [0]]), sp.ImmutableMatrix([[0], [2]]))
    assert not same_points(sp.ImmutableMatrix([[0], [2]]),
                           sp.ImmutableMatrix([[0], [2 + sp.Rational(1, 10**15)]]))


def test_operator_names_are_checked():
    assert operator_names("sign, transpose") == ("sign", "transpose")
    with pytest.raises(ValueError, match="unknown operator bogus"):
        operator_names("sign,bogus")
