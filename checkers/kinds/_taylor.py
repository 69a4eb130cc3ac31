"""A Taylor polynomial: ``claimed`` is the polynomial of f of ``order`` 1 or 2 at ``at``; with
``substitute`` it is written in other variables (each of ``wrt`` replaced by an expression)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Taylor
from ..model._errors import DeclarationError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, Slices, as_derived


@dataclass(frozen=True)
class ResolvedTaylor(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    at: tuple[Any, ...]
    claimed: Any
    substitute: dict[Any, Any] = field(default_factory=dict)


def resolve(claim: Taylor, names) -> ResolvedTaylor:
    if claim.order not in (1, 2):
        raise DeclarationError(f"order {claim.order}: derivcheck checks orders 1 and 2")
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    at = rs.point(claim, names, wrt, claim.at)
    substitute = {}
    for name, value in claim.substitute:
        if name not in {w.name for w in wrt}:
            raise DeclarationError(f"substitute: '{name}' is not one of wrt")
        substitute[names[name]] = rs.expect_shape(rs.read(value, names, f"substitute {name}"),
                                                  None, f"substitute {name}")
    claimed = rs.expect_shape(rs.read(claim.claimed, names, "claimed"), None,
                              "the claimed approximation")
    return ResolvedTaylor(claim, names, rs.sizes(names), f, wrt, at, claimed, substitute)


def taylor_of(f, wrt, at, order):
    f = alg.as_scalar(f)
    here = dict(zip(wrt, at))
    step = [v - a for v, a in zip(wrt, at)]
    poly = f.subs(here)
    poly += sum(sp.diff(f, v).subs(here) * d for v, d in zip(wrt, step))
    if order == 2:
        poly += sum(sp.diff(f, a, b).subs(here) * da * db
                    for a, da in zip(wrt, step) for b, db in zip(wrt, step)) / 2
    return poly


def symbolic(r: ResolvedTaylor):
    derived = taylor_of(r.function, r.wrt, r.at, r.claim.order)
    if r.substitute:
        derived = derived.subs(r.substitute)
    return sym.decide(r.claimed, derived, r)


def numeric(r: ResolvedTaylor, candidates: dict, settings) -> dict:
    import jax
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)
    at = jnp.asarray([num.number(a) for a in r.at])

    def taylor(env):
        here = {**env, **{w: at[i] for i, w in enumerate(r.wrt)}}
        g, _ = num.along(r.wrt, here, f)
        xs = [num.evaluate(r.substitute.get(w, w), env) for w in r.wrt]
        step = jnp.stack([jnp.asarray(x, dtype=float) for x in xs]) - at
        value = g(at) + jax.grad(g)(at) @ step
        if r.claim.order == 2:
            value = value + 0.5 * step @ jax.hessian(g)(at) @ step
        return value
    # written in other variables, the claim draws those, not wrt
    skip = r.wrt if r.substitute else ()
    return num.compare(r, candidates, settings, truth=taylor, skip=skip)


def view(r: ResolvedTaylor) -> ClaimView:
    around = None if r.substitute else tuple(zip(r.wrt, r.at))
    return ClaimView(Relation(r.function, r"{f} \approx", "{f} ≈"), around=around)


def slices(r: ResolvedTaylor, derived) -> Slices | None:
    """Slices through the expansion point, when the claim is in 1 or 2 of its own variables."""
    if r.substitute or r.functions or not 1 <= len(r.wrt) <= 2:
        return None
    wrt = set(r.wrt)
    if not all(getattr(e, "free_symbols", set()) <= wrt for e in (r.function, r.claimed)):
        return None
    if derived is None or not getattr(derived, "free_symbols", set()) <= wrt:
        derived = taylor_of(r.function, r.wrt, r.at, r.claim.order)
    return Slices(r.function, derived, r.claimed, r.wrt, r.at)


KIND = Kind(claim=Taylor, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=slices)
