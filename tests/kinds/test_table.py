"""The table of kinds: every claim class of the model has one kind with the whole protocol."""

import dataclasses
import pickle
import subprocess
import sys

import pytest

from checkers import Gradient, Source, Var
from checkers.kinds import Kind, kind_of, resolve
from checkers.kinds._kind import as_derived, no_slices
from checkers.kinds._table import TABLE
from checkers.model._claims import KINDS, Claim
from checkers.readers._resolve import Resolved

PROTOCOL = [f.name for f in dataclasses.fields(Kind)]


@pytest.mark.parametrize("cls", KINDS, ids=lambda c: c.kind)
def test_every_claim_class_has_a_kind_with_every_protocol_method(cls):
    kind = kind_of(cls)
    assert cls in TABLE and kind.claim is cls and kind.name == cls.kind
    for name in PROTOCOL:
        value = getattr(kind, name)
        assert value is not None, name
        assert isinstance(value, bool) if name in ("cross_checks", "truth_in_words") else (
            name == "claim" or callable(value)), name


@pytest.mark.parametrize("cls", KINDS, ids=lambda c: c.kind)
def test_every_kind_resolves_to_its_own_resolved_class(cls):
    module = sys.modules[kind_of(cls).resolve.__module__]
    own = [v for v in vars(module).values() if isinstance(v, type)
           and issubclass(v, Resolved) and v is not Resolved]
    assert len(own) == 1 and dataclasses.is_dataclass(own[0])


def test_the_table_holds_only_the_models_kinds():
    assert set(TABLE) == set(KINDS)


def test_a_kind_missing_a_method_fails_loudly():
    whole = {name: getattr(kind_of(Gradient), name) for name in PROTOCOL}
    del whole["slices"]
    with pytest.raises(TypeError, match="slices"):
        Kind(**whole)
    with pytest.raises(TypeError, match="claim kind 'gradient': slices is None"):
        Kind(**whole, slices=None)
    with pytest.raises(TypeError, match="cross_checks"):
        Kind(**{**whole, "cross_checks": "yes"}, slices=no_slices)
    assert as_derived(None, "d", True) == ("d", True)


def test_an_unknown_claim_class_is_refused_with_what_to_do():
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Limit(Claim):
        kind = "limit"

    with pytest.raises(TypeError, match="Limit is no kind of claim.*checkers/kinds/_table.py"):
        kind_of(Limit(name="l", source=Source(lines=(1, 1))))


def test_a_subclass_of_a_claim_class_has_its_kind():
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class MyGradient(Gradient):
        pass

    assert kind_of(MyGradient) is kind_of(Gradient)


def test_the_table_loads_neither_sympy_nor_jax():
    code = ("import sys; from checkers.kinds import kind_of; from checkers import Gradient;"
            " kind_of; print(sorted(m for m in ('jax', 'sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_a_resolved_claim_goes_to_a_fork_server_child_and_back():
    from checkers.engine._budget import BudgetPool
    from checkers.kinds._table import symbolic

    claim = Gradient(name="g", source=Source(lines=(1, 1)), variables=(Var("x"),),
                     function="x^3", wrt=("x",), claimed="[3*x^2]")
    r = resolve(claim)
    assert pickle.loads(pickle.dumps(r)).claimed == r.claimed
    pool = BudgetPool(symbolic, seconds=60, jobs=1)
    try:
        pool.submit(0, r)
        outcome = pool.result(0)
    finally:
        pool.close()
    assert outcome.value is not None, outcome.crashed
    assert outcome.value.status == "proved"
