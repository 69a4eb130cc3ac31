"""A Hessian: ``claimed`` is the matrix of second derivatives of f in the scalar variables
``wrt``, everywhere or at ``at``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Hessian
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._gradient import at_point
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedHessian(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    claimed: Any
    at: tuple[Any, ...] | None


def resolve(claim: Hessian, names) -> ResolvedHessian:
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    claimed = rs.expect_shape(rs.read(claim.claimed, names, "claimed"), (len(wrt), len(wrt)),
                              "the claimed Hessian")
    at = rs.point(claim, names, wrt, claim.at) if claim.at is not None else None
    return ResolvedHessian(claim, names, rs.sizes(names), f, wrt, claimed, at)


def hessian_of(f, wrt):
    f = alg.as_scalar(f)
    return sp.ImmutableMatrix([[sym.scalar_diff(f, a, b) for b in wrt] for a in wrt])


def symbolic(r: ResolvedHessian):
    return sym.decide(r.claimed, at_point(hessian_of(r.function, r.wrt), r.wrt, r.at), r)


def numeric(r: ResolvedHessian, candidates: dict, settings) -> dict:
    import jax

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)

    def hessian(env):
        g, vec = num.along(r.wrt, env, f)
        return jax.hessian(g)(vec)
    return num.compare(r, candidates, settings, truth=hessian, fixed=num.fixed_point(r.wrt, r.at))


def view(r: ResolvedHessian) -> ClaimView:
    return ClaimView(Relation(r.function, r"\mathbf{{H}}_{{{wrt}}} \left({f}\right){at} =",
                              "Hessian in ({wrt}) of {f}{at} =", r.wrt, r.at))


KIND = Kind(claim=Hessian, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
