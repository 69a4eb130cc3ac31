"""A gradient: ``claimed`` is ∇f in the scalar variables ``wrt``, everywhere or at ``at``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Gradient
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedGradient(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    claimed: Any
    at: tuple[Any, ...] | None


def resolve(claim: Gradient, names) -> ResolvedGradient:
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    claimed = rs.read(claim.claimed, names, "claimed")
    if alg.shape_of(claimed) is None:  # d/dx of a function of one variable
        claimed = alg.column([claimed])
    claimed = rs.expect_shape(claimed, (len(wrt), 1), "the claimed gradient")
    at = rs.point(claim, names, wrt, claim.at) if claim.at is not None else None
    return ResolvedGradient(claim, names, rs.sizes(names), f, wrt, claimed, at)


def gradient_of(f, wrt):
    return sp.ImmutableMatrix([[sym.scalar_diff(alg.as_scalar(f), v)] for v in wrt])


def at_point(value, wrt, at):
    """``value`` at the point ``at`` of ``wrt`` (as it is when there is no point)."""
    return value if at is None else value.subs(dict(zip(wrt, at)))


def symbolic(r: ResolvedGradient):
    return sym.decide(r.claimed, at_point(gradient_of(r.function, r.wrt), r.wrt, r.at), r)


def numeric(r: ResolvedGradient, candidates: dict, settings) -> dict:
    import jax

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)

    def gradient(env):
        g, vec = num.along(r.wrt, env, f)
        return jax.grad(g)(vec).reshape(-1, 1)
    return num.compare(r, candidates, settings, truth=gradient, fixed=num.fixed_point(r.wrt, r.at))


def view(r: ResolvedGradient) -> ClaimView:
    return ClaimView(Relation(r.function, r"\nabla_{{{wrt}}} \left({f}\right){at} =",
                              "∇_({wrt}) of {f}{at} =", r.wrt, r.at))


KIND = Kind(claim=Gradient, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
