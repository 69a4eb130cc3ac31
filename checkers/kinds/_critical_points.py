"""Critical points: ``claimed`` lists every point where ∇f vanishes, and only those. SymPy
solves ∇f = 0; JAX checks the gradient at each claimed point and runs Newton's method from
many random starts for a point the text misses.

A point may be written in the claim's other variables (θ = k/n, the mean of x₁, x₂, x₃): the
claim then holds for every value of those parameters. SymPy's solutions are matched to the
claimed points by simplifying their difference; JAX draws the parameters inside their domains
and checks each draw as above."""

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
    if parameters(r):
        found = {tuple(s.get(v, v) for v in r.wrt) for s in solutions}
        found = {p for p in found if all(c.is_real is not False for c in p)}
    else:
        found = {tuple(sp.nsimplify(s.get(v, v)) for v in r.wrt) for s in solutions}
        found = {p for p in found if all(c.is_real for c in p)}
    if any(c.free_symbols & set(r.wrt) for p in found for c in p):
        return sym.SymbolicEvidence("undecided", detail=f"the critical set is not finite: {found}")
    said = {tuple(sp.nsimplify(c) if not c.free_symbols else c for c in p) for p in r.points}
    derived = sp.FiniteSet(*[sp.Tuple(*p) for p in sorted(found, key=str)])
    missing, extra = _unmatched(found, said), _unmatched(said, found)
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


def parameters(r: ResolvedCriticalPoints) -> tuple:
    """The claim's other scalar variables that the function or a claimed point is written in
    (none when both are in wrt alone): the claim holds for every value of them."""
    used = set().union(alg.as_scalar(r.function).free_symbols,
                       *(c.free_symbols for p in r.points for c in p))
    return tuple(s for s in r.samples
                 if s in used and s not in r.wrt and isinstance(s, sp.Symbol))


def _unmatched(these, others) -> set:
    """The points of ``these`` equal to none of ``others``: the same object, or (written in
    parameters) a difference that simplifies to 0 in every coordinate."""
    def same(p, q):
        return p == q or all(sp.simplify(a - b) == 0 for a, b in zip(p, q))
    return {p for p in these if not any(same(p, q) for q in others)}


def _points(points) -> str:
    return ", ".join("(" + ", ".join(map(str, p)) + ")" for p in sorted(points, key=str))


def numeric(r: ResolvedCriticalPoints, candidates: dict, settings) -> dict:
    import numpy as np

    with np.errstate(all="ignore"):  # non-finite values are expected and handled explicitly
        found = _numeric(r, settings)
    return {name: found for name in candidates}


def _numeric(r: ResolvedCriticalPoints, settings):
    """Each claimed point has a zero gradient, and Newton's method started from many random
    points finds no other zero; for points written in parameters, at each of ``DRAWS`` draws of
    the parameters inside their domains."""
    import jax
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    f, given = num.function_of(r.function), parameters(r)

    def g(vec, values):
        env = {p: values[i] for i, p in enumerate(given)}
        return f({**env, **{w: vec[i] for i, w in enumerate(r.wrt)}})
    grad, hess = jax.jit(jax.grad(g)), jax.hessian(g)

    def newton(x, values):
        def step(x, _):
            return x - jnp.linalg.solve(hess(x, values), grad(x, values)), None
        return jax.lax.scan(step, x, None, length=60)[0]
    solve = jax.jit(jax.vmap(newton, in_axes=(0, None)))
    rng = num.generator(r, settings)
    if not given:
        said = [[num.number(c) for c in p] for p in r.points]
        return _one(r, settings, rng, g, grad, solve, jnp.zeros(0), said, {})
    return _drawn(r, settings, rng, given, g, grad, solve)


DRAWS = 8
"""Draws of the parameters a claimed point is written in (each searched as a numeric claim)."""


def _drawn(r, settings, rng, given, g, grad, solve):
    """The numeric check at ``DRAWS`` draws of the parameters where every claimed point is
    finite and inside the domain (drawn again, at most four times as often, where not)."""
    import jax.numpy as jnp
    import numpy as np

    from ..witnesses.numeric import _numeric as num
    from ..witnesses.numeric._sampling import sample

    checked, tried, total = 0, 0, 0
    while checked < DRAWS and tried < 4 * DRAWS:
        tried += 1
        drawn = sample(r, given, {}, rng, 1)
        env = {p: float(drawn[p][0]) for p in given}
        said = [[float(num.evaluate(c, env)) for c in p] for p in r.points]
        if not np.isfinite(said).all() or not all(
                num.inside(dict(zip(r.wrt, p)), r) for p in said):
            continue
        values = jnp.asarray([env[p] for p in given])
        if not all(np.isfinite(float(g(jnp.asarray(p), values))) for p in said):
            continue
        found = _one(r, settings, rng, g, grad, solve, values, said, env)
        if found.status == "disagrees":
            return found
        checked, total = checked + 1, total + found.points
    if checked < DRAWS // 2:
        return num.NumericEvidence("insufficient", total,
                                   detail=f"the claimed points are finite and inside the"
                                          f" domain at only {checked} of {tried} draws of"
                                          f" {', '.join(map(str, given))}")
    return num.NumericEvidence("agrees", total,
                               detail=f"at {checked} draws of {', '.join(map(str, given))}:"
                                      f" the gradient vanishes at the {len(r.points)} claimed"
                                      f" points and Newton's method from {settings.points}"
                                      " random starts each found no other")


def _one(r, settings, rng, g, grad, solve, values, said, env):
    """The check at one value of the parameters (``env``, as ``values``)."""
    import jax.numpy as jnp
    import numpy as np

    from ..witnesses.numeric import _numeric as num

    shown = {str(p): v for p, v in env.items()}
    for p in said:
        vec = jnp.asarray(p)
        norm = float(jnp.max(jnp.abs(grad(vec, values))))
        if norm > 1e-8 * (1 + abs(float(g(vec, values)))):
            return num.NumericEvidence("disagrees", len(r.points),
                                       point={**shown, **dict(zip(map(str, r.wrt), map(float, vec)))},
                                       claimed=0.0, true=norm, error=norm,
                                       detail=f"the gradient is {norm:.6g}, not 0, at a"
                                              " claimed critical point")
    lows = [r.domain_of(w).low for w in r.wrt]
    highs = [r.domain_of(w).high for w in r.wrt]
    starts = rng.uniform(lows, highs, size=(settings.points, len(r.wrt)))
    ends = np.asarray(solve(jnp.asarray(starts), values))
    said = np.asarray(said)
    for end in ends:
        if not np.isfinite(end).all() or np.max(np.abs(np.asarray(grad(end, values)))) > 1e-9:
            continue
        if not num.inside(dict(zip(r.wrt, end)), r):
            continue
        if not len(said) or np.min(np.max(np.abs(said - end), axis=1)) > 1e-4:
            return num.NumericEvidence("disagrees", len(ends),
                                       point={**shown, **dict(zip(map(str, r.wrt), map(float, end)))},
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
