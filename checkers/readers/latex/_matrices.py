"""Matrices: ``pmatrix``/``bmatrix``, bracket lists, entries ``[M]_{ij}``, transposes, powers,
norms and absolute values (LaTeX reader mixin)."""

from __future__ import annotations

import lark
import sympy

from ...algebra._shapes import frobenius_sq, norm, is_explicit, shape_of, sized
from ._errors import show_shape
from .._limits import POWER_HINT, power_problem


class Matrices:
    """Explicit matrices and what acts on matrices."""

    def _entry(self, matrix, indices: tuple[str, ...], node) -> sympy.Basic:
        """``matrix[i - 1, j - 1]`` for the text's 1-based indices."""
        rows, cols = matrix.shape
        if cols == 1 or rows == 1:
            if len(indices) != 1 and all(i.isdigit() for i in indices):
                indices = ("".join(indices),)
            if len(indices) != 1:
                raise self._fail(f"a vector entry takes one index, not {len(indices)}", node,
                                 kind="shape")
            at = self._index(indices[0], node) - 1
            where = (at, sympy.Integer(0)) if cols == 1 else (sympy.Integer(0), at)
        elif len(indices) == 2:
            where = tuple(self._index(i, node) - 1 for i in indices)
        else:
            raise self._fail(f"a matrix entry takes two indices, not {len(indices)}", node,
                             "separate multi-digit indices with commas", kind="shape")
        for at, size in zip(where, (rows, cols)):
            if at.is_number and (at < 0 or (size.is_number and at >= size)):
                raise self._fail(f"index {at + 1} is outside 1..{size}", node, kind="shape")
        return self._guard(node, matrix.__getitem__, where)

    def _bracket(self, node):
        args = self._args(node.children[1 if isinstance(node.children[0], lark.Token) else 0])
        if len(args) == 1:
            return args[0]
        return sympy.ImmutableMatrix([[self._scalar(a, node)] for a in args])

    def _matrix(self, node):
        rows = [[self._scalar(self._sum(s), s) for s in row.children if isinstance(s, lark.Tree)]
                for row in node.children[1].children if isinstance(row, lark.Tree)]
        if len({len(r) for r in rows}) != 1:
            raise self._fail("rows of different lengths", node, kind="shape")
        return sympy.ImmutableMatrix(rows)

    def _norm(self, node):
        return self._sum(node.children[1])

    def _abs(self, node):
        return sympy.Abs(self._scalar(self._sum(node.children[1]), node))

    def _norm_scripts(self, value, scripts, factor):
        kinds = [k for k, _ in scripts]
        if kinds not in ([], ["SUB"], ["SUP"], ["SUB", "SUP"]):
            raise self._fail("a norm takes a subscript then a superscript", factor)
        for kind, sarg in scripts:
            if kind == "SUB" and self._subscript(sarg) not in ((("2",),), (("F",),)):
                raise self._fail("only the 2-norm (Frobenius for matrices) is read", sarg,
                                 kind="unsupported")
        power = dict(scripts).get("SUP")
        exponent = sympy.Integer(1) if power is None else self._sarg_value(power)
        return frobenius_sq(value) if exponent == 2 else self._power(norm(value), exponent, factor)

    def _transpose(self, value, factor):
        if shape_of(value) is None:
            raise self._fail("a transpose of a scalar", factor,
                             "declare the shape of the vector or matrix in shapes=",
                             kind="shape")
        return value.T

    def _power(self, base, exponent, factor):
        problem = power_problem(base, exponent)
        if problem:
            raise self._fail(problem, factor, POWER_HINT, kind="unsupported")
        shape = shape_of(base)
        if shape is None:
            return sympy.Pow(base, exponent)
        if shape == (1, 1):
            return sympy.Pow(self._scalar(base, factor), exponent)
        if sized(shape[0]) != shape[1] or not exponent.is_integer:
            raise self._fail(f"a power of a matrix of size {show_shape(shape)}", factor,
                             kind="shape")
        return base ** exponent if is_explicit(base) else sympy.MatPow(base, exponent)
