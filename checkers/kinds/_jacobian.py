"""A Jacobian: ``claimed`` is Dφ, the matrix of first derivatives of the vector-valued
function φ (an array of expressions, or a vector expression) in the scalar variables ``wrt``
or in one vector variable. Row i holds the derivatives of output i, column j those in input j
(numerator layout, as texts write Dφ). SymPy takes ``jacobian`` (entry by entry at small
concrete sizes for a vector variable); JAX takes ``jacfwd`` of the function itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Jacobian
from ..model._errors import DeclarationError, ShapeError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._gradient import at_point
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedJacobian(rs.Resolved):
    function: Any
    """A column: one row per output."""
    wrt: tuple[Any, ...]
    """Scalar symbols, or one vector symbol."""
    claimed: Any
    at: tuple[Any, ...] | None


def resolve(claim: Jacobian, names, what: str = "the claimed Jacobian", shape=None,
            made: type | None = None) -> ResolvedJacobian:
    """``shape(outputs, inputs)``: the shape the claimed side must have (the m×n Jacobian);
    ``made``: the resolved class (a kind built on this one has its own)."""
    f, wrt = vector_function(claim, names), inputs(claim, names)
    outputs, count = f.shape[0], input_count(wrt)
    claimed = rs.read(claim.claimed, names, "claimed")
    want = shape(outputs, count) if shape else (outputs, count)
    claimed = rs.expect_shape(claimed, want, f"{what} ({outputs} outputs × {count} inputs)"
                              if shape is None else what)
    if claim.at is not None and not all(isinstance(w, sp.Symbol) for w in wrt):
        raise DeclarationError("at: a point is given for scalar variables of wrt",
                               hint='list the scalar inputs in wrt = ["r", "theta"] to give'
                                    " at = [...]; a Jacobian in a vector variable holds"
                                    " everywhere")
    at = rs.point(claim, names, wrt, claim.at) if claim.at is not None else None
    return (made or ResolvedJacobian)(claim, names, rs.sizes(names), f, wrt, claimed, at)


def vector_function(claim, names):
    """The function as a column (a scalar function is a column of one)."""
    f = rs.read(claim.function, names, "function")
    shape = alg.shape_of(f)
    if shape is None:
        return alg.column([f])
    if shape[1] != 1:
        raise ShapeError(f"function: it is a {alg.show_shape(shape)} matrix; a Jacobian is of a"
                         " vector-valued function, a column of outputs",
                         hint='write function = ["r*cos(theta)", "r*sin(theta)"] (one'
                              " expression per output)")
    return f


def inputs(claim, names) -> tuple[Any, ...]:
    """Scalar variables, or exactly one vector variable."""
    wrt = rs.variables_named(claim.wrt, names, scalars=False, what="wrt")
    if all(isinstance(w, sp.Symbol) for w in wrt):
        return wrt
    if len(wrt) == 1 and alg.shape_of(wrt[0])[1] == 1:
        return wrt
    raise DeclarationError(f"wrt: {', '.join(map(str, wrt))}: the inputs are scalar variables"
                           " or one vector variable",
                           hint='write wrt = ["r", "theta"] (scalars) or wrt = "x" (one'
                                ' vector, declared x = "vector n")')


def input_count(wrt):
    return len(wrt) if all(isinstance(w, sp.Symbol) for w in wrt) else wrt[0].shape[0]


def in_scalars(r) -> bool:
    return all(isinstance(w, sp.Symbol) for w in r.wrt)


def jacobian_of(f, wrt):
    return sp.ImmutableMatrix(sp.Matrix(f).jacobian(list(wrt)))


def entrywise(r, claimed, derive, what: str, general=None):
    """``derive(function, inputs)`` on the function spelled out at small concrete sizes, the
    vector input as its entries, against ``claimed`` spelled the same way. That decides;
    ``general()`` (SymPy's matrix derivative, which can be silently wrong: FACTS.md) is only
    shown and cross-checked by JAX, never trusted."""
    sizes = sym.small_sizes(r)
    spell = sym.speller(r, sizes)
    f = sp.ImmutableMatrix(spell(r.function))
    x = sym.canonical(spell(r.wrt[0]))
    found = sym.decide(sym.entries(spell(claimed)), derive(f, list(x)), r)
    return sym.SymbolicEvidence(found.status, _general(general, claimed), found.difference,
                                f"{what} entry by entry at {sym.show_sizes(sizes)};"
                                f" {found.strategy}", found.detail, point=found.point,
                                exact=found.exact, size=found.size, entrywise=True)


def _general(general, claimed):
    """SymPy's general form in the claimed side's shape, or None where it has none."""
    try:
        form = general() if general else None
    except Exception:  # noqa: BLE001 - SymPy's matrix rules fail on some forms (FACTS.md)
        return None
    return form if form is not None and alg.shape_of(form) == alg.shape_of(claimed) else None


def matrix_jacobian(r):
    """SymPy's matrix derivative of the function in the vector input, as a Jacobian: SymPy
    lays it out in the denominator layout, so it is transposed."""
    return r.function.diff(r.wrt[0]).T


def symbolic(r: ResolvedJacobian):
    if not in_scalars(r):
        return entrywise(r, r.claimed, jacobian_of, "jacobian", lambda: matrix_jacobian(r))
    return sym.decide(r.claimed, at_point(jacobian_of(r.function, r.wrt), r.wrt, r.at), r)


def jacobian_in_jax(r, mode: str = "jacfwd"):
    """env -> the m×n Jacobian of the function at env, by ``jax.jacfwd`` (or ``jacrev``)."""
    import jax
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    def outputs(env):
        return jnp.reshape(num.evaluate(r.function, env), (-1,))

    def jacobian(env):
        if in_scalars(r):
            g, vec = num.along(r.wrt, env, outputs)
            return getattr(jax, mode)(g)(vec)
        (x,) = r.wrt
        value = jnp.asarray(env[x], dtype=float)
        found = getattr(jax, mode)(lambda v: outputs({**env, x: v}))(value)
        return jnp.reshape(found, (found.shape[0], -1))
    return jacobian


def numeric(r: ResolvedJacobian, candidates: dict, settings) -> dict:
    from ..witnesses.numeric import _numeric as num

    return num.compare(r, candidates, settings, truth=jacobian_in_jax(r),
                       fixed=num.fixed_point(r.wrt, r.at))


def view(r: ResolvedJacobian) -> ClaimView:
    return ClaimView(Relation(r.function, r"\mathbf{{J}}_{{{wrt}}} \left({f}\right){at} =",
                              "Jacobian in ({wrt}) of {f}{at} =", r.wrt, r.at))


KIND = Kind(claim=Jacobian, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
