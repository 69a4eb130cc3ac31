"""The symbolic witness: SymPy derives the truth and decides claimed − derived = 0.

It never imports the numeric witness. A simplification that runs too long is stopped from outside
(see _budget); here every step is plain SymPy. SymPy's own matrix calculus can be silently wrong
(FACTS.md), so a matrix derivative is also derived entry by entry at small concrete sizes.
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra import _shapes as alg
from ...readers._resolve import Resolved


@dataclass(frozen=True)
class SymbolicEvidence:
    """What SymPy found. ``status``: proved, refuted, undecided, error or skipped."""

    status: str
    derived: Any = None
    difference: str = ""
    strategy: str = ""
    detail: str = ""
    seconds: float = 0.0
    point: dict[str, str] = field(default_factory=dict)
    entrywise: bool = False
    """Decided entry by entry, without SymPy's matrix derivative (which ``derived`` holds)."""
    message: str = ""
    """A sentence for a person, where "claimed − true = ..." would not fit."""
    timed_out: bool = False
    """Stopped at the engine's time budget before it decided (status undecided)."""

    @property
    def derived_text(self) -> str:
        return "" if self.derived is None else str(self.derived)


def witness(r: Resolved) -> SymbolicEvidence:
    """Derive the truth for a resolved claim and compare; never raises for a claim's content."""
    started = time.perf_counter()
    try:
        evidence = _KINDS[r.claim.kind](r)
    except Exception as exc:  # SymPy's own failures (e.g. TypeError on sqrt(Trace))
        evidence = SymbolicEvidence("error", detail=f"SymPy failed: {type(exc).__name__}: {exc}")
    return _timed(evidence, time.perf_counter() - started)


def _timed(e: SymbolicEvidence, seconds: float) -> SymbolicEvidence:
    return replace(e, seconds=seconds)


# --- the truth, by kind ------------------------------------------------------------------------

def gradient_of(f, wrt):
    return sp.ImmutableMatrix([[sp.diff(alg.as_scalar(f), v)] for v in wrt])


def hessian_of(f, wrt):
    f = alg.as_scalar(f)
    return sp.ImmutableMatrix([[sp.diff(f, a, b) for b in wrt] for a in wrt])


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


def _at(value, r: Resolved):
    return value if r.at is None else value.subs(dict(zip(r.wrt, r.at)))


def _gradient(r: Resolved) -> SymbolicEvidence:
    return decide(r.claimed, _at(gradient_of(r.function, r.wrt), r), r)


def _hessian(r: Resolved) -> SymbolicEvidence:
    return decide(r.claimed, _at(hessian_of(r.function, r.wrt), r), r)


def _taylor(r: Resolved) -> SymbolicEvidence:
    derived = taylor_of(r.function, r.wrt, r.at, r.claim.order)
    if r.substitute:
        derived = derived.subs(r.substitute)
    return decide(r.claimed, derived, r)


def _value(r: Resolved) -> SymbolicEvidence:
    here = dict(zip(r.wrt, r.at))  # a claimed value may be written in the point's variables
    return decide(r.claimed.subs(here), alg.as_scalar(r.function).subs(here), r)


def _identity(r: Resolved) -> SymbolicEvidence:
    try:
        found = decide(r.lhs.doit(), r.rhs.doit(), r)
    except Exception as exc:  # SymPy cannot do the general form (symbolic sizes, indices)
        if not (r.sizes or r.indices):
            raise
        found = SymbolicEvidence("undecided", detail=f"SymPy failed on the general form"
                                 f" ({type(exc).__name__})")
    if found.status == "proved" or not (r.sizes or r.indices):
        return found
    return _concrete(r, r.lhs, r.rhs, found)


def _concrete(r: Resolved, lhs, rhs, general: SymbolicEvidence) -> SymbolicEvidence:
    """lhs = rhs entry by entry at small distinct sizes, for every value of the indices."""
    sizes = {s: sp.Integer(k) for k, s in enumerate(r.sizes, start=2)}
    spell = _speller(r, sizes)
    lhs, rhs = _deltas(lhs), _deltas(rhs)
    indices = list(r.indices.items())
    combos = itertools.product(*[range(1, int(up.subs(sizes)) + 1) for _, up in indices])
    for values in combos:
        at = {i: sp.Integer(v) for (i, _), v in zip(indices, values)}
        found = decide(_entries(spell(lhs.subs(at))), _entries(spell(rhs.subs(at))), r)
        if found.status != "proved":
            where = ", ".join(f"{i}={v}" for i, v in at.items())
            return replace(found, detail=f"{found.detail} (at sizes {_show(sizes)}"
                           + (f", {where}" if where else "") + ")")
    note = f"the general form was {general.status}; " if general.status != "proved" else ""
    return SymbolicEvidence("proved", general.derived, "0",
                            f"entry by entry at {_show(sizes)} and every index value",
                            note + "decided entry by entry at concrete sizes")


def _show(sizes) -> str:
    return ", ".join(f"{s}={k}" for s, k in sizes.items()) or "the declared sizes"


def _speller(r: Resolved, sizes):
    """Spells an expression out at concrete sizes: matrices become explicit matrices of entry
    symbols, sums are expanded, and only then are derivatives taken."""
    concrete = {m: m.subs(sizes) for m in r.symbols.values() if isinstance(m, sp.MatrixSymbol)}
    explicit = {c: _canonical(c.as_explicit()) for c in concrete.values()}

    def spell(e):
        e = _deltas(e).subs(sizes).xreplace(concrete)
        while e.has(sp.Sum):
            e = e.replace(lambda x: isinstance(x, sp.Sum), lambda x: x.doit(deep=False))
        e = _canonical(e).xreplace(explicit)
        return _canonical(e.doit())
    return spell


def _deltas(e):
    """d v_kj / d v_ab as Kronecker deltas in the indices, before any index is substituted
    (SymPy does not substitute into a derivative's variables)."""
    if not isinstance(e, sp.Basic):
        return e
    return e.replace(lambda x: isinstance(x, sp.Derivative) and isinstance(x.expr, MatrixElement),
                     lambda x: x.doit())


def _canonical(e):
    """Entries such as U[0, 0] reached by different paths (an explicit matrix, a summed index)
    print alike but may differ as objects: make each one symbol, named as it prints."""
    entries = e.atoms(MatrixElement) if isinstance(e, sp.Basic) else set()
    return e.xreplace({x: sp.Symbol(str(x), real=True) for x in entries}) if entries else e


def _entries(e):
    if isinstance(e, sp.MatrixBase) and e.shape == (1, 1):
        return e[0, 0]
    return sp.ImmutableMatrix(e) if isinstance(e, sp.MatrixBase) else e


def _derivative(r: Resolved) -> SymbolicEvidence:
    (v,) = r.wrt
    if isinstance(v, sp.Symbol):
        return decide(r.claimed, sp.diff(alg.as_scalar(r.function), v), r)
    try:
        general = r.function.diff(v)
    except Exception as exc:  # e.g. TypeError for sqrt(Trace(...)) (FACTS.md)
        general, found = None, SymbolicEvidence(
            "error", detail=f"SymPy's matrix derivative failed ({type(exc).__name__})")
    else:
        if alg.shape_of(general) != alg.shape_of(v) and alg.shape_of(general) is not None:
            general = general.T if alg.shape_of(general.T) == alg.shape_of(v) else general
        found = decide(r.claimed, general, r)
        if found.status == "proved":
            return found
    by_entry = _entrywise(r)
    if by_entry.status == "error":
        return found
    said = f"gave {general}" if general is not None else found.detail.split("(")[-1].rstrip(")")
    note = (f"SymPy's matrix derivative {said}, which does not settle the claim"
            f" ({found.status}); decided entry by entry instead. ")
    return replace(by_entry, derived=general, detail=note + by_entry.detail, entrywise=True)


def _entrywise(r: Resolved) -> SymbolicEvidence:
    """d f / d V_ij entry by entry, at small distinct sizes: independent of SymPy's matrix rules."""
    sizes = {s: sp.Integer(k) for k, s in enumerate(r.sizes, start=2)}
    spell = _speller(r, sizes)
    f = alg.as_scalar(spell(r.function))
    if isinstance(f, sp.MatrixBase):
        f = f[0, 0]
    var = _canonical(spell(r.wrt[0]))
    derived = sp.ImmutableMatrix(var.shape[0], var.shape[1],
                                 lambda i, j: sp.diff(f, var[i, j]))
    claimed = sp.ImmutableMatrix(spell(r.claimed))
    found = decide(claimed, derived, r)
    return SymbolicEvidence(found.status, derived, found.difference,
                            f"entry by entry at {_show(sizes)}; {found.strategy}", found.detail,
                            point=found.point)


def _approximation(r: Resolved) -> SymbolicEvidence:
    """lhs − rhs = o(|small|^order): every partial derivative of both sides in the small
    quantities, of total order 0..order, agrees at small = 0."""
    zero = {s: 0 for s in r.small}
    orders = [a for k in range(r.claim.order + 1)
              for a in itertools.combinations_with_replacement(r.small, k)]

    def coefficients(e):
        e = alg.as_scalar(e)
        return sp.ImmutableMatrix([(sp.diff(e, *a) if a else e).subs(zero).doit()
                                   for a in orders])
    found = decide(coefficients(r.rhs), coefficients(r.lhs), r)
    if found.status == "refuted":
        names = ["1" if not a else "·".join(f"d{s}" for s in a) for a in orders]
        found = replace(found, detail=f"the terms of order 0..{r.claim.order} in"
                        f" ({', '.join(map(str, r.small))}) differ; the difference is listed"
                        f" by derivative: {', '.join(names)}")
    return found


def _extremum(r: Resolved) -> SymbolicEvidence:
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
        return SymbolicEvidence("undecided", detail=detail)
    truth = f"a local {found}" if found != "neither" else "no extremum"
    if scope == "global" and found == nature != "neither":
        local = found
        found, detail = _global_nature(f, r, found, detail)
        if found is None:
            return SymbolicEvidence("undecided", detail=detail)
        truth = f"a global {found}" if found == local else f"a local {local} but not a global one"
    derived = sp.Symbol(f"{scope}_{found}")
    status = "proved" if found == nature else "refuted"
    return SymbolicEvidence(status, derived, "" if status == "proved" else f"the point is {truth}",
                            "derivative tests", detail,
                            message=f"SymPy: {detail}, so the point is {truth}")


def _local_nature(f, r: Resolved):
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


def _global_nature(f, r: Resolved, local: str, detail: str):
    if len(r.wrt) != 1 or not f.is_polynomial(*r.wrt):
        return None, detail + "; global extrema are decided only for polynomials of one variable"
    (x,), (a,) = r.wrt, r.at
    poly = sp.Poly(f, x)
    sign = 1 if local == "minimum" else -1
    if poly.degree() % 2 or sign * poly.LC() < 0:
        return "neither", f"f is unbounded {'below' if sign > 0 else 'above'}"
    value = f.subs(x, a)
    for c in sp.real_roots(sp.Poly(sp.diff(f, x), x)):
        if sign * (f.subs(x, c) - value) < 0:
            return "neither", (f"f({c}) = {f.subs(x, c)} is {'lower' if sign > 0 else 'higher'}"
                               f" than f({a}) = {value}")
    return local, (f"{detail}; every other critical point has a"
                   f" {'higher' if sign > 0 else 'lower'} value and f is bounded"
                   f" {'below' if sign > 0 else 'above'}")


def _critical(r: Resolved) -> SymbolicEvidence:
    grad = [sp.diff(alg.as_scalar(r.function), v) for v in r.wrt]
    solutions = sp.solve(grad, list(r.wrt), dict=True)
    found = {tuple(sp.nsimplify(s.get(v, v)) for v in r.wrt) for s in solutions}
    found = {p for p in found if all(c.is_real for c in p)}
    if any(c.free_symbols for p in found for c in p):
        return SymbolicEvidence("undecided", detail=f"the critical set is not finite: {found}")
    claimed = {tuple(sp.nsimplify(c) for c in p) for p in r.points}
    derived = sp.FiniteSet(*[sp.Tuple(*p) for p in sorted(found, key=str)])
    missing, extra = found - claimed, claimed - found
    if not missing and not extra:
        return SymbolicEvidence("proved", derived, "", "solve(∇f = 0)",
                                f"the gradient vanishes exactly at {_points(found)}")
    parts = []
    if missing:
        parts.append(f"the text misses {_points(missing)}")
    if extra:
        parts.append(f"the gradient does not vanish at {_points(extra)}")
    return SymbolicEvidence("refuted", derived, "; ".join(parts), "solve(∇f = 0)",
                            f"the gradient vanishes exactly at {_points(found)}",
                            message=f"SymPy: {'; '.join(parts)} (the gradient vanishes exactly"
                                    f" at {_points(found)})")


def _points(points) -> str:
    return ", ".join("(" + ", ".join(map(str, p)) + ")" for p in sorted(points, key=str))


# --- deciding claimed − derived = 0 -------------------------------------------------------------

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
    last = entry
    for name, step in STRATEGIES:
        last = step(entry)
        if last == 0:
            return name, last
    return STRATEGIES[-1][0], last


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


_KINDS = {"gradient": _gradient, "hessian": _hessian, "derivative": _derivative,
          "taylor": _taylor, "value": _value, "critical_points": _critical,
          "identity": _identity, "approximation": _approximation, "extremum": _extremum}
