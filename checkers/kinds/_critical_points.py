"""Critical points: ``claimed`` lists every point where ∇f vanishes, and only those. SymPy
solves ∇f = 0; JAX checks the gradient at each claimed point and runs Newton's method from
many random starts for a point the text misses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import CriticalPoints
from ..model._errors import DeclarationError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedCriticalPoints(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    points: tuple[tuple[Any, ...], ...]
    """The claimed critical points, each in the order of ``wrt``."""


def resolve(claim: CriticalPoints, names) -> ResolvedCriticalPoints:
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    points = tuple(rs.point(claim, names, wrt, p, what="claimed point") for p in claim.claimed)
    if len(set(points)) != len(points):
        raise DeclarationError("claimed: a point is listed twice")
    return ResolvedCriticalPoints(claim, names, rs.sizes(names), f, wrt, points)


def claimed(r: ResolvedCriticalPoints):
    return sp.FiniteSet(*[sp.Tuple(*p) for p in r.points])


def symbolic(r: ResolvedCriticalPoints):
    grad = [sym.scalar_diff(alg.as_scalar(r.function), v) for v in r.wrt]
    solutions = sp.solve(grad, list(r.wrt), dict=True)
    found = {tuple(sp.nsimplify(s.get(v, v)) for v in r.wrt) for s in solutions}
    found = {p for p in found if all(c.is_real for c in p)}
    if any(c.free_symbols for p in found for c in p):
        return sym.SymbolicEvidence("undecided", detail=f"the critical set is not finite: {found}")
    said = {tuple(sp.nsimplify(c) for c in p) for p in r.points}
    derived = sp.FiniteSet(*[sp.Tuple(*p) for p in sorted(found, key=str)])
    missing, extra = found - said, said - found
    if not missing and not extra:
        return sym.SymbolicEvidence("proved", derived, "", "solve(∇f = 0)",
                                    f"the gradient vanishes exactly at {_points(found)}")
    parts = []
    if missing:
        parts.append(f"the text misses {_points(missing)}")
    if extra:
        parts.append(f"the gradient does not vanish at {_points(extra)}")
    return sym.SymbolicEvidence("refuted", derived, "; ".join(parts), "solve(∇f = 0)",
                                f"the gradient vanishes exactly at {_points(found)}",
                                message=f"SymPy: {'; '.join(parts)} (the gradient vanishes"
                                        f" exactly at {_points(found)})")


def _points(points) -> str:
    return ", ".join("(" + ", ".join(map(str, p)) + ")" for p in sorted(points, key=str))


def numeric(r: ResolvedCriticalPoints, candidates: dict, settings) -> dict:
    import numpy as np

    with np.errstate(all="ignore"):  # non-finite values are expected and handled explicitly
        found = _numeric(r, settings)
    return {name: found for name in candidates}


def _numeric(r: ResolvedCriticalPoints, settings):
    """Each claimed point has a zero gradient, and Newton's method started from many random
    points finds no other zero."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)

    def g(vec):
        return f({w: vec[i] for i, w in enumerate(r.wrt)})
    grad, hess = jax.jit(jax.grad(g)), jax.hessian(g)
    for p in r.points:
        vec = jnp.asarray([num.number(c) for c in p])
        norm = float(jnp.max(jnp.abs(grad(vec))))
        if norm > 1e-8 * (1 + abs(float(g(vec)))):
            return num.NumericEvidence("disagrees", len(r.points),
                                       point=dict(zip(map(str, r.wrt), map(float, vec))),
                                       claimed=0.0, true=norm, error=norm,
                                       detail=f"the gradient is {norm:.6g}, not 0, at a"
                                              " claimed critical point")
    rng = num.generator(r, settings)
    lows = [r.domain_of(w).low for w in r.wrt]
    highs = [r.domain_of(w).high for w in r.wrt]
    starts = rng.uniform(lows, highs, size=(settings.points, len(r.wrt)))

    def newton(x):
        def step(x, _):
            return x - jnp.linalg.solve(hess(x), grad(x)), None
        return jax.lax.scan(step, x, None, length=60)[0]
    ends = np.asarray(jax.jit(jax.vmap(newton))(jnp.asarray(starts)))
    said = np.asarray([[num.number(c) for c in p] for p in r.points])
    for end in ends:
        if not np.isfinite(end).all() or np.max(np.abs(np.asarray(grad(end)))) > 1e-9:
            continue
        if not num.inside(dict(zip(r.wrt, end)), r):
            continue
        if not len(said) or np.min(np.max(np.abs(said - end), axis=1)) > 1e-4:
            return num.NumericEvidence("disagrees", len(ends),
                                       point=dict(zip(map(str, r.wrt), map(float, end))),
                                       claimed="not listed", true=0.0,
                                       detail="Newton's method found a critical point the text"
                                              " does not list")
    return num.NumericEvidence("agrees", len(ends),
                               detail=f"the gradient vanishes at the {len(r.points)} claimed"
                                      f" points and Newton's method from {len(ends)} random"
                                      " starts found no other")


KIND = Kind(claim=CriticalPoints, resolve=resolve, symbolic=symbolic, claimed=claimed,
            cross_checks=False, numeric=numeric, view=lambda r: ClaimView(),
            truth_in_words=True, true_form=as_derived, slices=no_slices)
