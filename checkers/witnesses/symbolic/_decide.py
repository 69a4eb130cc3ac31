"""Deciding claimed − derived = 0: simplification strategies, and an exact point where a
difference that does not simplify away is clearly non-zero."""

from __future__ import annotations

import random

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra import _shapes as alg
from ...readers._resolve import Resolved
from ._evidence import SymbolicEvidence
from ._strategies import bounded, symbolic_sums, worth

STRATEGIES = (
    ("as written", lambda d: d),
    ("expand", sp.expand),
    ("doit", lambda d: sp.expand(d.doit())),
    ("cancel", lambda d: sp.cancel(sp.together(d))),
    ("expand exp/log", lambda d: sp.expand(sp.expand_log(sp.powsimp(d), force=True))),
    ("simplify", sp.simplify),
)


def decide(claimed, derived, r: Resolved) -> SymbolicEvidence:
    """proved when a strategy brings claimed − derived to 0; refuted when it is non-zero at an
    exact point; undecided otherwise."""
    if alg.shape_of(claimed) != alg.shape_of(derived):
        return SymbolicEvidence("refuted", derived, "shapes differ", "shape",
                                f"claimed is {alg.show_shape(alg.shape_of(claimed))}, truth is"
                                f" {alg.show_shape(alg.shape_of(derived))}")
    if _symbolic_matrix(claimed) or _symbolic_matrix(derived):
        return _decide_matrix_expr(claimed, derived, r)
    entries = list(claimed - derived) if alg.shape_of(claimed) else [claimed - derived]
    used, left = [], []
    for entry in entries:
        name, rest = _simplify(entry)
        used.append(name)
        left.append(rest)
    strategy = ", ".join(sorted(set(used), key=[s for s, _ in STRATEGIES].index))
    difference = _show_difference(left, claimed)
    if all(e == 0 for e in left):
        return SymbolicEvidence("proved", derived, "0", strategy, "claimed − derived simplifies"
                                " to 0")
    if any(symbolic_sums(e) for e in left):
        return SymbolicEvidence("undecided", derived, difference, strategy,
                                "claimed − derived did not simplify to 0, and it holds sums over"
                                " a symbolic size (no exact point to try)")
    point = _nonzero_point([e for e in left if e != 0], r)
    if point is not None and point is not _UNEVALUABLE:
        return SymbolicEvidence("refuted", derived, difference, strategy,
                                "claimed − derived is not 0", point=point)
    if point is _UNEVALUABLE:
        return SymbolicEvidence("undecided", derived, difference, strategy,
                                "claimed − derived did not simplify to 0, and SymPy could not"
                                " evaluate it at a point (nested arbitrary functions)")
    return SymbolicEvidence("undecided", derived, difference, strategy,
                            "claimed − derived did not simplify to 0, yet vanished at every"
                            " exact point tried")


def _symbolic_matrix(e) -> bool:
    return isinstance(e, sp.MatrixExpr) and not isinstance(e, sp.MatrixBase)


def _simplify(entry):
    last, tried = entry, STRATEGIES[0][0]
    for name, step in STRATEGIES:
        if not worth(name, entry):
            continue
        last, tried = bounded(name, step, entry), name
        if last == 0:
            return name, last
    return tried, last


def _show_difference(left, claimed) -> str:
    if alg.shape_of(claimed):
        return str(sp.ImmutableMatrix(claimed.shape[0], claimed.shape[1], left))
    return str(left[0])


def _decide_matrix_expr(claimed, derived, r: Resolved) -> SymbolicEvidence:
    difference = (claimed - derived).doit()
    expanded = sp.expand(difference)
    if expanded == 0 or isinstance(expanded, sp.ZeroMatrix) or expanded.is_ZeroMatrix:
        return SymbolicEvidence("proved", derived, "0", "matrix expand",
                                "claimed − derived expands to the zero matrix for all sizes")
    return SymbolicEvidence("refuted", derived, str(expanded), "matrix expand",
                            "claimed − derived does not expand to the zero matrix")


def _nonzero_point(entries, r: Resolved) -> dict[str, str] | None:
    """An exact rational point in the domain where some entry is clearly non-zero (an empty
    point when the entries are constants), or None."""
    try:
        entries = [_instantiate(e) for e in entries]
    except Exception:  # SymPy cannot spell this instance out (nested arbitrary functions)
        return _UNEVALUABLE
    free = sorted(set().union(*(e.atoms(sp.Symbol, MatrixElement) for e in entries)), key=str)
    free = [s for s in free if not (isinstance(s, sp.Symbol) and s.is_integer)]
    rng = random.Random(0)
    for _ in range(6):
        point = {s: _rational_in(r, s, rng) for s in free}
        for e in entries:
            value = sp.N(e.subs(point), 30)
            if value.is_number and value.is_finite and abs(value) > 1e-20:
                return {str(s): str(v) for s, v in point.items()}
    return None


_UNEVALUABLE: dict[str, str] = {}


def _instantiate(e):
    """``e`` with every arbitrary function replaced by one fixed smooth instance, so that a
    non-zero difference can be shown at a point."""
    functions = {a.func for a in e.atoms(sp.core.function.AppliedUndef)}
    for k, fn in enumerate(sorted(functions, key=str)):
        e = e.replace(fn, lambda *z, k=k: sp.exp(sum(sp.Rational(i + k + 1, 3) * zi
                                                     for i, zi in enumerate(z)))
                      + sum(zi ** 2 / (i + 2) for i, zi in enumerate(z)))
    return e.doit() if functions else e


def _rational_in(r: Resolved, symbol, rng) -> sp.Rational:
    names = {v.name: v.domain for v in r.variables}
    owner = symbol.parent if isinstance(symbol, MatrixElement) else symbol
    domain = names.get(getattr(owner, "name", ""))
    low, high = (domain.low, domain.high) if domain else (-2.0, 2.0)
    if domain is not None and domain.kind == "positive":
        low = max(low, 0.1)
    return sp.Rational(rng.randint(int(low * 8), int(high * 8)) or 1, 8)
