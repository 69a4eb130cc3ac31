"""A Taylor polynomial: ``claimed`` is the polynomial of f of ``order`` (any order from 1) at
``at`` (numbers, or expressions in other variables: about x₀); with ``substitute`` it is
written in other variables (each of ``wrt`` replaced by an expression). A claimed polynomial
of another degree than the order gets a discrepancy that says so."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
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
    """Σ_{k ≤ order} 1/k! Σ over k-tuples of wrt of ∂^k f(at) · Π (v − a)."""
    f = alg.as_scalar(f)
    here = dict(zip(wrt, at))
    step = dict(zip(wrt, (v - a for v, a in zip(wrt, at))))
    poly = f.subs(here, simultaneous=True)
    for k in range(1, order + 1):
        poly += sum(sp.diff(f, *vs).subs(here, simultaneous=True) * sp.Mul(*(step[v] for v in vs))
                    for vs in itertools.product(wrt, repeat=k)) / sp.factorial(k)
    return poly


def symbolic(r: ResolvedTaylor):
    derived = taylor_of(r.function, r.wrt, r.at, r.claim.order)
    if r.substitute:
        derived = derived.subs(r.substitute)
    found = sym.decide(r.claimed, derived, r)
    degree = None if found.status == "proved" or r.substitute else _degree(r)
    if degree is None or degree == r.claim.order or found.status != "refuted":
        return found
    said = (f"the claimed polynomial has degree {degree} in the step from the point, but the"
            f" order is {r.claim.order}")
    return replace(found, detail=f"{said}; {found.detail}",
                   message=f"SymPy: {said}, and it is not the Taylor polynomial of order"
                           f" {r.claim.order} (claimed − true = {found.difference})")


def _degree(r: ResolvedTaylor) -> int | None:
    """The claimed side's total degree in the steps v − a (None when it is no polynomial)."""
    steps = sp.symbols(f"step0:{len(r.wrt)}", real=True)
    back = {v: a + s for v, a, s in zip(r.wrt, r.at, steps)}
    try:
        poly = sp.Poly(sp.expand(r.claimed.subs(back, simultaneous=True)), *steps)
    except Exception:  # noqa: BLE001 - no polynomial (or SymPy cannot tell): no degree to say
        return None
    return poly.total_degree() if not poly.is_zero else 0


def numeric(r: ResolvedTaylor, candidates: dict, settings) -> dict:
    import jax
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)

    def taylor(env):
        at = num.at_point(r.at, env)
        here = {**env, **{w: at[i] for i, w in enumerate(r.wrt)}}
        g, _ = num.along(r.wrt, here, f)
        xs = [num.evaluate(r.substitute.get(w, w), env) for w in r.wrt]
        step = jnp.stack([jnp.asarray(x, dtype=float) for x in xs]) - at
        value = g(at) + jax.grad(g)(at) @ step
        if r.claim.order >= 2:
            value = value + 0.5 * step @ jax.hessian(g)(at) @ step
        return value + _higher(g, at, step, r.claim.order)
    # written in other variables, the claim draws those, not wrt
    skip = r.wrt if r.substitute else ()
    return num.compare(r, candidates, settings, truth=taylor, skip=skip)


def _higher(g, at, step, order: int):
    """The terms of order 3 to ``order``: h⁽ᵏ⁾(0)/k! of h(t) = g(at + t·step), by nested
    forward-mode derivatives in t."""
    import math

    import jax

    def h(t):
        return g(at + t * step)
    total, derivative = 0.0, h
    for k in range(1, order + 1):
        derivative = jax.jacfwd(derivative)
        if k >= 3:
            total = total + derivative(0.0) / math.factorial(k)
    return total


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
