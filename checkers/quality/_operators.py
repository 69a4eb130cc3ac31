"""The mutation operators: each makes every single planted error of its kind that a claim's
claimed side (or its point) admits, one unit each. An operator that does not apply makes none.

An operator is a function of a ``Subject`` (the claim resolved, and its claimed side as SymPy)
to a list of ``Change``: the claim's fields that the mutant replaces, the mutated expression for
a person, and what to compare to tell whether the mutant is mathematically equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp

from . import _tree as tree


@dataclass(frozen=True)
class Subject:
    """A resolved claim and its claimed side: ``expr`` (SymPy) in the field ``field``; for a
    list of critical points ``expr`` is their matrix (one row a point)."""

    resolved: Any
    field: str
    expr: Any
    points: bool = False

    def put(self, expr) -> dict:
        """The claim's fields with ``expr`` as the claimed side."""
        if self.points:
            return {self.field: tuple(tuple(expr.row(i)) for i in range(expr.rows))}
        return {self.field: expr}


@dataclass(frozen=True)
class Change:
    """One planted error: the claim's new ``fields``, the mutated expression ``shown`` to a
    person, and ``equivalence``: ("identity", new, old) — the mutant is equivalent when new =
    old is an identity; ("points", new, old) — when the two lists hold the same points; None —
    it never is (a point dropped from a list)."""

    fields: dict
    shown: str
    equivalence: tuple | None


def _expression(subject: Subject, new) -> Change | None:
    if new == subject.expr:  # nothing changed (-0, a symmetric swap SymPy already sees)
        return None
    if not tree.well_shaped(new) or tree.shape(new) != tree.shape(subject.expr):
        return None
    tag = "points" if subject.points else "identity"
    return Change(subject.put(new), str(new), (tag, new, subject.expr))


def _changes(subject: Subject, made) -> list[Change]:
    out = []
    for new in made:
        try:
            change = _expression(subject, new)
        except Exception:  # noqa: BLE001 - SymPy could not build it: no such mutant
            change = None
        if change is not None:
            out.append(change)
    return out


def _at_each(subject: Subject, paths, change: Callable) -> list[Change]:
    def made():
        for path in paths:
            try:
                yield tree.replace_at(subject.expr, path, change)
            except Exception:  # noqa: BLE001 - not buildable here
                continue
    return _changes(subject, made())


def _is_sum(node) -> bool:
    return isinstance(node, (sp.Add, sp.MatAdd))


def _units(expr) -> list[tree.Path]:
    """The terms a person reads: each term of every sum, each entry of an explicit matrix, and
    the whole expression when it is neither."""
    found = []
    for path, node in tree.walk(expr):
        parent = _parent(expr, path)
        in_sum = parent is not None and _is_sum(parent)
        entry = isinstance(parent, sp.MatrixBase) and not _is_sum(node)
        root = not path and not _is_sum(node) and not isinstance(node, sp.MatrixBase)
        if in_sum or entry or root:
            found.append(path)
    return found


def _parent(expr, path):
    if not path:
        return None
    node = expr
    for i in path[:-1]:
        node = tree.children(node)[i]
    return node


def sign(subject: Subject) -> list[Change]:
    """One term (or entry) with its sign flipped."""
    return _at_each(subject, _units(subject.expr), lambda t: -t)


def _numbers(expr) -> list[tree.Path]:
    return [p for p, n in tree.walk(expr) if isinstance(n, sp.Number) and abs(n) != 1]


def _changed_number(n):
    """A whole number off by one; any other number doubled."""
    return n + 1 if n.is_Integer else 2 * n


def coefficient(subject: Subject) -> list[Change]:
    """One number off by one (a whole number) or doubled; with no number but ±1 to change, a
    term's coefficient 1 doubled."""
    paths = _numbers(subject.expr)
    if paths:
        return _at_each(subject, paths, _changed_number)
    return _at_each(subject, _units(subject.expr), lambda t: 2 * t)


def dropped_term(subject: Subject) -> list[Change]:
    """One term of a sum left out (for critical points: one point of the list)."""
    if subject.points:
        rows = subject.expr.rows
        return [Change(subject.put(subject.expr[[j for j in range(rows) if j != i], :]),
                       f"without {tuple(subject.expr.row(i))}", None)
                for i in range(rows)] if rows > 1 else []
    sites = [(p, i) for p, n in tree.walk(subject.expr) if _is_sum(n)
             for i in range(len(n.args))]

    def made():
        for path, i in sites:
            yield tree.replace_at(subject.expr, path,
                                  lambda n, i=i: n.func(*(n.args[:i] + n.args[i + 1:])))
    return _changes(subject, made())


def _matrix_expression(node) -> bool:
    return (isinstance(node, sp.MatrixExpr) and not isinstance(node, sp.MatrixBase)
            and not isinstance(node, (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)))


def transpose(subject: Subject) -> list[Change]:
    """A transpose dropped (``A.T`` -> ``A``) or added to one matrix (sub)expression."""
    if subject.points:
        return []
    paths = [p for p, n in tree.walk(subject.expr) if _matrix_expression(n)
             and not isinstance(_parent(subject.expr, p), sp.Transpose)]  # no A.T.T
    return _at_each(subject, paths,
                    lambda n: n.arg if isinstance(n, sp.Transpose) else sp.Transpose(n))


def product_order(subject: Subject) -> list[Change]:
    """Two neighbouring matrix factors of a product swapped (``A*B`` -> ``B*A``)."""
    if subject.points:
        return []
    sites = []
    for path, node in tree.walk(subject.expr):
        if isinstance(node, sp.MatMul):
            factors = [i for i, a in enumerate(node.args) if isinstance(a, sp.MatrixExpr)]
            sites += [(path, i, j) for i, j in zip(factors, factors[1:])]

    def swapped(node, i, j):
        args = list(node.args)
        args[i], args[j] = args[j], args[i]
        return sp.MatMul(*args)
    return _changes(subject, (tree.replace_at(subject.expr, p, lambda n, i=i, j=j:
                                              swapped(n, i, j)) for p, i, j in sites))


def swapped_variables(subject: Subject) -> list[Change]:
    """Two variables of the same shape exchanged in the claimed side (for critical points: two
    coordinates of every point)."""
    r = subject.resolved
    if subject.points:
        d = subject.expr.cols
        pairs = [(i, j) for i in range(d) for j in range(i + 1, d)]
        return _changes(subject, (_columns_swapped(subject.expr, i, j) for i, j in pairs))
    gone = set(getattr(r, "substitute", None) or ())  # written in other variables: not these
    symbols = [r.symbols[v.name] for v in r.variables if r.symbols[v.name] not in gone]
    present = subject.expr.free_symbols if hasattr(subject.expr, "free_symbols") else set()
    pairs = [(a, b) for i, a in enumerate(symbols) for b in symbols[i + 1:]
             if tree.shape(a) == tree.shape(b) and (a in present or b in present)]
    return _changes(subject, (subject.expr.xreplace({a: b, b: a}) for a, b in pairs))


def _columns_swapped(m, i, j):
    order = list(range(m.cols))
    order[i], order[j] = j, i
    return m[:, order]


_STEPS = (1, -1, sp.Rational(1, 2), sp.Rational(-1, 2))


def moved_point(subject: Subject) -> list[Change]:
    """One coordinate of the point ``at`` (expansion point, point of a value or a gradient)
    moved by 1 (or -1, ±1/2, the first that stays in the domain where the function is
    finite)."""
    r = subject.resolved
    at = getattr(r, "at", None)
    if not at or not hasattr(r.claim, "at"):
        return []
    out = []
    for i in range(len(at)):
        for step in _STEPS:
            moved = tuple(a + step if k == i else a for k, a in enumerate(at))
            if _fits(r, moved):
                from ._truths import truth_at

                out.append(Change({"at": moved}, f"at = ({', '.join(map(str, moved))})",
                                  ("identity", truth_at(r, moved), truth_at(r, at))))
                break
    return out


def _fits(r, point) -> bool:
    for symbol, value in zip(r.wrt, point):
        if not r.domain_of(symbol).contains(float(value)):
            return False
    there = r.function.subs(dict(zip(r.wrt, point)))
    if getattr(there, "free_symbols", None):
        return True  # other names stay free: no finiteness test
    try:
        value = complex(sp.N(there))
    except (TypeError, ValueError):  # zoo, nan: not finite there
        return False
    return abs(value.imag) < 1e-12 and value.real == value.real and abs(value.real) != float("inf")


OPERATORS: dict[str, Callable[[Subject], list[Change]]] = {
    "sign": sign,
    "coefficient": coefficient,
    "dropped-term": dropped_term,
    "transpose": transpose,
    "product-order": product_order,
    "swapped-variables": swapped_variables,
    "moved-point": moved_point,
}
"""Every operator, by the name ``derivcheck mutate --operators`` takes."""
