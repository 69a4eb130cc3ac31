"""What a claim with a point says is true there, written with unevaluated derivatives: the
two sides of the identity that tells whether moving the point changes the claim (the truth at
the moved point against the truth at the claim's own point). Independent of the witnesses'
derivations: SymPy evaluates the derivatives when it checks the identity, JAX differentiates
them itself."""

from __future__ import annotations

import sympy as sp

from ..algebra import _shapes as alg


def _at(expr, wrt, point):
    return sp.Subs(expr, tuple(wrt), tuple(point))


def truth_at(r, point):
    """The true side of the claim ``r`` (gradient, Hessian, value, Taylor polynomial) at
    ``point``."""
    f, wrt, kind = alg.as_scalar(r.function), r.wrt, r.claim.kind
    if kind == "value":
        return _at(f, wrt, point)
    if kind == "gradient":
        return sp.ImmutableMatrix([[_at(sp.Derivative(f, v), wrt, point)] for v in wrt])
    if kind == "hessian":
        return sp.ImmutableMatrix([[_at(sp.Derivative(f, a, b), wrt, point) for b in wrt]
                                   for a in wrt])
    if kind == "taylor":
        return _taylor(r, f, wrt, point)
    raise ValueError(f"no point to move in a {kind} claim")


def _taylor(r, f, wrt, point):
    step = [v - a for v, a in zip(wrt, point)]
    poly = _at(f, wrt, point)
    poly += sum(_at(sp.Derivative(f, v), wrt, point) * d for v, d in zip(wrt, step))
    if r.claim.order == 2:
        poly += sum(_at(sp.Derivative(f, a, b), wrt, point) * da * db
                    for a, da in zip(wrt, step) for b, db in zip(wrt, step)) / 2
    substitute = getattr(r, "substitute", None)
    return poly.subs(substitute) if substitute else poly
