"""An extremum: f has a ``nature`` (minimum, maximum or neither) at ``at``, near it
(``scope="local"``) or over the whole domain (``"global"``). SymPy applies the derivative
tests; JAX compares f at the point with f at random points near it (and over the domain)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Extremum
from ..model._format import value as fmt_value
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedExtremum(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    at: tuple[Any, ...]


def resolve(claim: Extremum, names) -> ResolvedExtremum:
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    return ResolvedExtremum(claim, names, rs.sizes(names), f, wrt,
                            rs.point(claim, names, wrt, claim.at, parameters=False))


# --- SymPy: the derivative tests ---------------------------------------------------------------

def symbolic(r: ResolvedExtremum):
    f = alg.as_scalar(r.function)
    here = dict(zip(r.wrt, r.at))
    grad = [sp.simplify(sp.diff(f, v).subs(here)) for v in r.wrt]
    nature, scope = r.claim.nature, r.claim.scope
    if any(g != 0 for g in grad):
        found = "neither"
        detail = f"the gradient there is {grad}, not 0"
    else:
        found, detail = _local_nature(f, r)
    if found is None:
        return sym.SymbolicEvidence("undecided", detail=detail)
    truth = f"a local {found}" if found != "neither" else "no extremum"
    if scope == "global" and found == nature != "neither":
        local = found
        found, detail = _global_nature(f, r, found, detail)
        if found is None:
            return sym.SymbolicEvidence("undecided", detail=detail)
        truth = f"a global {found}" if found == local else f"a local {local} but not a global one"
    derived = sp.Symbol(f"{scope}_{found}")
    status = "proved" if found == nature else "refuted"
    return sym.SymbolicEvidence(status, derived, "" if status == "proved" else
                                f"the point is {truth}", "derivative tests", detail,
                                message=f"SymPy: {detail}, so the point is {truth}")


def _local_nature(f, r: ResolvedExtremum):
    here = dict(zip(r.wrt, r.at))
    hess = sp.ImmutableMatrix([[sp.diff(f, a, b).subs(here) for b in r.wrt] for a in r.wrt])
    eig = [sp.N(e) for e in hess.eigenvals(multiple=True)]
    if all(e > 0 for e in eig):
        return "minimum", f"the Hessian there is positive definite ({hess.tolist()})"
    if all(e < 0 for e in eig):
        return "maximum", f"the Hessian there is negative definite ({hess.tolist()})"
    if any(e > 0 for e in eig) and any(e < 0 for e in eig):
        return "neither", f"the Hessian there is indefinite ({hess.tolist()})"
    t = sp.Dummy("t")
    directions = [[1 if i == k else 0 for i in range(len(r.wrt))] for k in range(len(r.wrt))]
    directions += [[1] * len(r.wrt), [1, -1] + [0] * (len(r.wrt) - 2)]
    for d in directions[:len(r.wrt) + (2 if len(r.wrt) > 1 else 0)]:
        line = f.subs({v: a + t * di for v, a, di in zip(r.wrt, r.at, d)}, simultaneous=True)
        for k in range(1, 9):
            c = sp.simplify(sp.diff(line, t, k).subs(t, 0))
            if c != 0:
                if k % 2:
                    return "neither", (f"along the direction {d}, f changes sign: its first"
                                       f" non-zero derivative there has odd order {k}")
                break
    return None, "the derivative tests do not decide (degenerate Hessian)"


def _global_nature(f, r: ResolvedExtremum, local: str, detail: str):
    """Global over the declared domain: f is bounded the right way at each infinite end, and
    no critical point inside the domain, nor a finite end of it, is better than the point."""
    if len(r.wrt) != 1 or not f.is_polynomial(*r.wrt):
        return None, detail + "; global extrema are decided only for polynomials of one variable"
    (x,), (a,) = r.wrt, r.at
    low, high = _bounds(r.domain_of(x))
    poly = sp.Poly(f, x)
    sign = 1 if local == "minimum" else -1
    ends = [e for e in (low, high) if e.is_finite]
    infinite = [s for e, s in ((low, -1), (high, 1)) if not e.is_finite]
    if any(sign * poly.LC() * s ** poly.degree() < 0 for s in infinite):
        return "neither", f"f is unbounded {'below' if sign > 0 else 'above'}"
    value = f.subs(x, a)
    inside = [c for c in sp.real_roots(sp.Poly(sp.diff(f, x), x)) if low < c < high]
    for c in inside + ends:
        if sign * (f.subs(x, c) - value) < 0:
            return "neither", (f"f({c}) = {f.subs(x, c)} is {'lower' if sign > 0 else 'higher'}"
                               f" than f({a}) = {value}")
    better = "higher" if sign > 0 else "lower"
    if not ends:
        return local, (f"{detail}; every other critical point has a {better} value and f is"
                       f" bounded {'below' if sign > 0 else 'above'}")
    return local, (f"{detail}; on {r.domain_of(x).describe()} every other critical point and"
                   f" the {'ends' if len(ends) > 1 else 'end'} {', '.join(map(str, ends))}"
                   f" have a value that is not {'lower' if sign > 0 else 'higher'}")


def _bounds(domain):
    """The domain's ends as SymPy numbers (±oo where it is unbounded)."""
    if domain.kind == "interval":
        return sp.Rational(repr(domain.low)), sp.Rational(repr(domain.high))
    if domain.kind in ("positive", "nonnegative"):
        return sp.Integer(0), sp.oo
    return -sp.oo, sp.oo


# --- JAX: f at the point against f around it ---------------------------------------------------

def numeric(r: ResolvedExtremum, candidates: dict, settings) -> dict:
    import numpy as np

    with np.errstate(all="ignore"):  # non-finite values are expected and handled explicitly
        found = _numeric(r, settings)
    return {name: found for name in candidates}


def _numeric(r: ResolvedExtremum, settings):
    """Compare f at the point with f at random points near it (local) or over the domain
    (global): a minimum has none lower, a maximum none higher, 'neither' has both."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from ..witnesses.numeric import _numeric as num

    f = num.function_of(r.function)
    g = jax.jit(jax.vmap(lambda vec: f({w: vec[i] for i, w in enumerate(r.wrt)})))
    at = np.asarray([num.number(a) for a in r.at])
    rng = num.generator(r, settings)
    radii = np.geomspace(1e-4, 1e-1, 8)
    near = at + rng.normal(size=(settings.points * 4, len(at))) * np.repeat(
        radii, settings.points // 2)[:settings.points * 4, None]
    points = near
    if r.claim.scope == "global":
        lows = [r.domain_of(w).low for w in r.wrt]
        highs = [r.domain_of(w).high for w in r.wrt]
        points = np.vstack([near, rng.uniform(lows, highs, size=(settings.points * 4, len(at)))])
    values = np.asarray(g(jnp.asarray(points)))
    here = float(np.asarray(g(jnp.asarray(at[None, :])))[0])
    tol = 1e-12 * max(1.0, abs(here))
    lower, higher = values < here - tol, values > here + tol
    nature, scope = r.claim.nature, r.claim.scope
    bad = {"minimum": lower, "maximum": higher}.get(nature)
    names = list(map(str, r.wrt))
    if bad is not None and bad.any():
        k = int(np.argmax(bad))
        other = dict(zip(names, map(float, points[k])))
        word = "lower" if nature == "minimum" else "higher"
        return num.NumericEvidence(
            "disagrees", len(points), point=other, claimed=here, true=float(values[k]),
            detail=f"f is {word} elsewhere than at the claimed {scope} {nature}",
            message=f"JAX: f = {fmt_value(float(values[k]))} at {_where(other)} is {word} than"
                    f" f = {fmt_value(here)} at the claimed {scope} {nature}"
                    f" {_where(dict(zip(names, map(float, at))))}")
    if nature == "neither" and not (lower.any() and higher.any()):
        side = "lower" if not lower.any() else "higher"
        return num.NumericEvidence(
            "disagrees", len(points), point=dict(zip(names, map(float, at))),
            claimed="neither", true=here,
            detail=f"no sampled point near it is {side}: it looks like an extremum",
            message=f"JAX: no point sampled near {_where(dict(zip(names, at)))}"
                    f" has a {side} value of f: it looks like an extremum")
    where = "near it" if scope == "local" else "near it and over the domain"
    return num.NumericEvidence("agrees", len(points),
                               detail=f"f at {len(points)} points {where} is as a {nature}"
                                      " requires")


def _where(point: dict) -> str:
    return "(" + ", ".join(f"{k}={fmt_value(float(v))}" for k, v in point.items()) + ")"


# --- the report --------------------------------------------------------------------------------

def view(r: ResolvedExtremum) -> ClaimView:
    where = ", ".join(f"{w} = {a}" for w, a in zip(r.wrt, r.at))
    return ClaimView(Relation(r.function, "{f}", "f = {f}"),
                     text=f"a {r.claim.scope} {r.claim.nature} at {where}")


KIND = Kind(claim=Extremum, resolve=resolve, symbolic=symbolic, claimed=lambda r: None,
            cross_checks=False, numeric=numeric, view=view, truth_in_words=True,
            true_form=as_derived, slices=no_slices)
