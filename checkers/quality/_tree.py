"""Positions in a SymPy expression, and the expression with one position replaced.

A position is a path of child indices from the root. Only the parts a person writes are
children: the entries of an explicit matrix, the summand of a sum (not its bounds), the
expression of a derivative or substitution (not its variables or point); names, numbers and
matrix symbols are leaves.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

Path = tuple[int, ...]

_LEAVES = (sp.Atom, sp.MatrixSymbol, sp.Indexed, MatrixElement, sp.Identity, sp.ZeroMatrix,
           sp.OneMatrix)
_FIRST_ONLY = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Subs)


def children(node: Any) -> tuple:
    if isinstance(node, sp.MatrixBase):
        return tuple(node)  # the entries, row by row
    if isinstance(node, _LEAVES):
        return ()
    if isinstance(node, _FIRST_ONLY):
        return node.args[:1]
    if not isinstance(node, sp.Basic):
        return ()
    return node.args


def rebuilt(node: Any, parts: tuple) -> Any:
    """``node`` with its children replaced by ``parts`` (SymPy evaluates as it builds)."""
    if isinstance(node, sp.MatrixBase):
        return sp.ImmutableMatrix(node.rows, node.cols, list(parts))
    if isinstance(node, _FIRST_ONLY):
        return node.func(parts[0], *node.args[1:])
    return node.func(*parts)


def walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every position and its subexpression, the root first (depth first, left to right)."""
    yield path, node
    for i, child in enumerate(children(node)):
        yield from walk(child, path + (i,))


def replace_at(node: Any, path: Path, change: Callable[[Any], Any]) -> Any:
    """``node`` with the subexpression at ``path`` replaced by ``change(subexpression)``."""
    if not path:
        return change(node)
    parts = list(children(node))
    parts[path[0]] = replace_at(parts[path[0]], path[1:], change)
    return rebuilt(node, tuple(parts))


def well_shaped(expr: Any) -> bool:
    """Every matrix product and sum in ``expr`` has matching sizes (SymPy builds them
    unchecked)."""
    for _, node in walk(expr):
        if isinstance(node, sp.MatMul):
            shapes = [a.shape for a in node.args if isinstance(a, sp.MatrixExpr)]
            if any(a[1] != b[0] for a, b in zip(shapes, shapes[1:])):
                return False
        elif isinstance(node, (sp.MatAdd, sp.HadamardProduct)):
            if len({a.shape for a in node.args if isinstance(a, sp.MatrixExpr)}) > 1:
                return False
    return True


def shape(expr: Any) -> tuple | None:
    return tuple(expr.shape) if hasattr(expr, "shape") else None
