"""A Hessian: ``claimed`` is the matrix of second derivatives of f in the scalar variables
``wrt``, everywhere or at ``at``; or in one vector variable x, the n×n matrix ∂²f/∂x∂xᵀ
(decided by SymPy entry by entry at small concrete sizes, by JAX's hessian in x)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Hessian
from ..model._errors import DeclarationError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from . import _jacobian as jac
from ._gradient import at_point
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedHessian(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    claimed: Any
    at: tuple[Any, ...] | None


def resolve(claim: Hessian, names) -> ResolvedHessian:
    f, wrt = rs.scalar_function(claim, names), jac.inputs(claim, names)
    n = jac.input_count(wrt)
    claimed = rs.expect_shape(rs.read(claim.claimed, names, "claimed"), (n, n),
                              "the claimed Hessian")
    if claim.at is not None and not all(isinstance(w, sp.Symbol) for w in wrt):
        raise DeclarationError("at: a point is given for scalar variables of wrt",
                               hint='list the scalar variables in wrt = ["x", "y"] to give'
                                    " at = [...]; a Hessian in a vector variable holds"
                                    " everywhere")
    at = rs.point(claim, names, wrt, claim.at) if claim.at is not None else None
    return ResolvedHessian(claim, names, rs.sizes(names), f, wrt, claimed, at)


def hessian_of(f, wrt):
    f = alg.as_scalar(f)
    return sp.ImmutableMatrix([[sym.scalar_diff(f, a, b) for b in wrt] for a in wrt])


def symbolic(r: ResolvedHessian):
    if not jac.in_scalars(r):
        return jac.entrywise(r, r.claimed, lambda f, x: hessian_of(f, x), "hessian",
                             lambda: alg.as_scalar(r.function).diff(r.wrt[0]).diff(r.wrt[0]))
    return sym.decide(r.claimed, at_point(hessian_of(r.function, r.wrt), r.wrt, r.at), r)


def numeric(r: ResolvedHessian, candidates: dict, settings) -> dict:
    import jax

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)

    def hessian(env):
        if not jac.in_scalars(r):
            (x,) = r.wrt
            found = jax.hessian(lambda v: f({**env, x: v}))(env[x])
            return found.reshape(found.shape[0], found.shape[0])
        g, vec = num.along(r.wrt, env, f)
        return jax.hessian(g)(vec)
    return num.compare(r, candidates, settings, truth=hessian, fixed=num.fixed_point(r.wrt, r.at))


def view(r: ResolvedHessian) -> ClaimView:
    return ClaimView(Relation(r.function, r"\mathbf{{H}}_{{{wrt}}} \left({f}\right){at} =",
                              "Hessian in ({wrt}) of {f}{at} =", r.wrt, r.at))


KIND = Kind(claim=Hessian, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
