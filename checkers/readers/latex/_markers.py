"""What the reader reads that SymPy has no object for: schematic dots, derivatives by a
matrix, gradients and Hessians at a point."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr


ELLIPSIS = sympy.Symbol("...")
"""What ``\\ldots``, ``\\cdots``, ``\\vdots`` and ``\\ddots`` read as: the text is schematic."""


def is_schematic(expr: sympy.Basic) -> bool:
    """Whether ``expr`` contains :data:`ELLIPSIS` (the text elides terms with dots)."""
    return isinstance(expr, sympy.Basic) and expr.has(ELLIPSIS)


class MatrixDerivative(sympy.Derivative, MatrixExpr):
    """``Derivative(E, X)`` of a scalar (or 1x1) ``E`` by a matrix ``X``, shaped like ``X``.

    It is a ``sympy.Derivative`` (``.expr``, ``.variables``) that SymPy's matrix algebra accepts
    as a factor. ``doit()`` does not evaluate it: SymPy's matrix derivatives can be silently 0
    (FACTS.md); evaluate on purpose with ``d.expr.diff(d.variables[0])`` and check the result.
    """

    is_commutative = False

    @property
    def shape(self):
        return self.variables[0].shape

    def _entry(self, i, j, **kwargs):
        return MatrixElement(self, i, j)

    def doit(self, **hints):
        return self


class _AtPoint(MatrixExpr):
    """Shared shape of the GradientAt and HessianAt markers: ``(expr, var, point)``."""

    def __new__(cls, expr, var, point):
        return sympy.Basic.__new__(cls, expr, var, point)

    expr = property(lambda self: self.args[0])
    var = property(lambda self: self.args[1])
    point = property(lambda self: self.args[2])

    def _entry(self, i, j, **kwargs):
        return MatrixElement(self, i, j)

    def doit(self, **hints):
        return self


class GradientAt(_AtPoint):
    r"""``\nabla f(p)`` for ``f`` of one vector ``var``: the gradient of ``expr`` at ``point``.

    Shaped like ``var``. Evaluate on purpose: ``expr.diff(var)`` with ``var`` replaced by ``point``.
    """

    @property
    def shape(self):
        return self.var.shape


class HessianAt(_AtPoint):
    r"""``\mathbf{H} f(p)`` for ``f`` of one vector ``var`` of size n: n x n, at ``var = point``."""

    @property
    def shape(self):
        return (self.var.shape[0], self.var.shape[0])
