"""What a claim with a point says is true there: the two sides of the identity that tells
whether moving the point changes the claim (the truth at the moved point against the truth at
the claim's own point), derived here with SymPy's ``diff`` and substitution, apart from the
witnesses' own derivations.

(Unevaluated ``Subs`` of derivatives would let JAX differentiate too, but SymPy takes
``Subs(f_xx, x, 0)`` and ``Subs(f_yy, x, 0)`` for equal when x and y are both bound at equal
values, and then evaluates one as the other.)"""

from __future__ import annotations

import sympy as sp

from ..algebra import _shapes as alg


def truth_at(r, point):
    """The true side of the claim ``r`` (gradient, Hessian, value, Taylor polynomial) at
    ``point``."""
    f, wrt, kind = alg.as_scalar(r.function), r.wrt, r.claim.kind
    here = dict(zip(wrt, point))
    if kind == "value":
        return f.subs(here)
    if kind == "gradient":
        return sp.ImmutableMatrix([[sp.diff(f, v).subs(here)] for v in wrt])
    if kind == "hessian":
        return sp.ImmutableMatrix([[sp.diff(f, a, b).subs(here) for b in wrt] for a in wrt])
    if kind == "taylor":
        return _taylor(r, f, wrt, point, here)
    raise ValueError(f"no point to move in a {kind} claim")


def _taylor(r, f, wrt, point, here):
    step = [v - a for v, a in zip(wrt, point)]
    poly = f.subs(here)
    poly += sum(sp.diff(f, v).subs(here) * d for v, d in zip(wrt, step))
    if r.claim.order == 2:
        poly += sum(sp.diff(f, a, b).subs(here) * da * db
                    for a, da in zip(wrt, step) for b, db in zip(wrt, step)) / 2
    substitute = getattr(r, "substitute", None)
    return poly.subs(substitute) if substitute else poly
