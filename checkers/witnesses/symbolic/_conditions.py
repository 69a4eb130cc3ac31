"""SymPy's answers under conditions: ``Sum(x**k, (k, 0, oo)).doit()`` is
``Piecewise((1/(1 - x), Abs(x) < 1), (Sum(...), True))``. Where a condition holds on the whole
declared domain of its one variable (an interval, positive, ...), the branch is the answer;
otherwise the Piecewise stays, and deciding it is left undecided as before."""

from __future__ import annotations

import sympy as sp

from ...readers._resolve import Resolved


def evaluated(e, r: Resolved):
    """``e.doit()`` with each Piecewise replaced by its first branch whose condition holds on
    the variables' domains (or kept when none provably does); ``nan`` for a limit SymPy shows
    does not exist (its one-sided limits differ)."""
    try:
        e = e.doit() if hasattr(e, "doit") else e
    except ValueError as exc:  # SymPy: "The limit does not exist since left hand limit = ..."
        if "does not exist" not in str(exc):
            raise
        return sp.nan
    if not isinstance(e, sp.Basic) or not e.has(sp.Piecewise):
        return e
    return e.replace(lambda x: isinstance(x, sp.Piecewise), lambda x: _branch(x, r))


def _branch(piecewise, r: Resolved):
    for expr, cond in piecewise.args:
        holds = _holds(cond, r)
        if holds:
            return expr
        if holds is None:
            return piecewise
    return piecewise


def _holds(cond, r: Resolved) -> bool | None:
    """True when ``cond`` holds on the whole domain, False when it fails on all of it, None
    when neither is shown."""
    if cond in (sp.true, sp.false):
        return bool(cond)
    free = list(cond.free_symbols)
    if len(free) != 1:
        return None
    (x,) = free
    domain = _set_of(r, x)
    if domain is None:
        return None
    try:
        where = cond.as_set()
    except Exception:  # SymPy cannot solve the condition
        return None
    if domain.is_subset(where):
        return True
    if sp.Intersection(domain, where) is sp.EmptySet:
        return False
    return None


def _set_of(r: Resolved, x):
    declared = {v.name: v.domain for v in r.variables if v.is_scalar}
    domain = declared.get(x.name)
    if domain is None:
        return None
    if domain.kind == "interval":
        return sp.Interval(sp.Rational(repr(domain.low)), sp.Rational(repr(domain.high)))
    if domain.kind == "positive":
        return sp.Interval.open(0, sp.oo)
    if domain.kind == "nonnegative":
        return sp.Interval(0, sp.oo)
    if domain.kind == "integer":
        return sp.Range(int(domain.low), int(domain.high) + 1)
    return sp.Reals
