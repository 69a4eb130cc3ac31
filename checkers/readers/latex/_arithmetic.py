"""Sums of terms and products of factors, their shapes checked (LaTeX reader mixin)."""

from __future__ import annotations

import functools

import lark
import sympy

from ...algebra._shapes import as_scalar, is_explicit, same_shape, shape_of, sized
from ._errors import show_shape


class Arithmetic:
    """``a + b - c`` and ``a b``, ``a \\cdot b``: sizes checked, 1x1 matrices met by scalars
    read as their only entry."""

    def _sum(self, node) -> sympy.Basic:
        terms, sign = [], 1
        for child in node.children:
            if isinstance(child, lark.Token):
                sign = -1 if child == "-" else 1
            else:
                terms.append((sign, self._term(child.children), child))
                sign = 1
        return self._guard(node, self._add, terms, node)

    def _add(self, terms, node) -> sympy.Basic:
        shapes = [shape_of(e) for _, e, _ in terms]
        if all(s is None for s in shapes):
            return sympy.Add(*[s * e for s, e, _ in terms])
        if any(s is None for s in shapes):
            wrong = next((t for t, s in zip(terms, shapes) if s not in (None, (1, 1))), None)
            if wrong is not None:
                size = show_shape(shape_of(wrong[1]))
                raise self._fail(f"adds a scalar and a matrix of size {size}", node,
                                 "check the shapes you declared", kind="shape")
            return sympy.Add(*[s * self._scalar(e, t) for s, e, t in terms])
        for (_, e, t), shape in zip(terms, shapes):
            if not same_shape(shape, shapes[0]):
                sizes = f"{show_shape(shapes[0])} and {show_shape(shape)}"
                raise self._fail(f"adds matrices of sizes {sizes}", node,
                                 "check the shapes you declared", kind="shape")
        if all(is_explicit(e) for _, e, _ in terms):
            return functools.reduce(lambda a, b: a + b, [s * e for s, e, _ in terms])
        return sympy.MatAdd(*[e if s > 0 else self._negate(e) for s, e, _ in terms],
                            evaluate=True)

    @staticmethod
    def _negate(e):
        return -e if is_explicit(e) else sympy.MatMul(sympy.S.NegativeOne, e, evaluate=True)

    def _scalar(self, e, node):
        """``e`` as a scalar: a 1x1 matrix becomes its trace (its only entry)."""
        shape = shape_of(e)
        if shape not in (None, (1, 1)):
            raise self._fail(f"a matrix of size {show_shape(shape)} where a scalar is needed",
                             node, "check the shapes you declared", kind="shape")
        return as_scalar(e)

    def _term(self, items: list) -> sympy.Basic:
        factors, op, k = [], None, 0
        while k < len(items):
            item = items[k]
            if isinstance(item, lark.Token):
                if not factors:
                    raise self._fail(f"'{item.value}' with nothing on its left", item)
                op, k = item, k + 1
                continue
            diff = self._diff(item)
            if self._is_sum(item) or (diff is not None and not diff.rest):
                if k + 1 == len(items):
                    raise self._fail("an operator with nothing to act on", item)
                value = self._rest_operator(item, diff, items[k + 1:])
                factors.append((value, op, item))
                break
            value, k = self._factor_at(items, k)
            factors.append((value, op, item))
            op = None
        return self._einstein(self._product(factors), factors)

    def _product(self, factors) -> sympy.Basic:
        acc, _, first = factors[0]
        for value, op, node in factors[1:]:
            if op is not None and op.type == "MULOP" and op.value == r"\cdot":
                acc = self._guard(node, self._dot, acc, value, first, node)
            else:
                acc = self._guard(node, self._times, acc, value, first, node)
        return acc

    def _dot(self, a, b, first, node):
        sa, sb = shape_of(a), shape_of(b)
        if sa and sb and sa[1] == 1 and sb[1] == 1:
            if sized(sa[0]) != sb[0]:
                raise self._fail(f"a dot product of vectors of sizes {sa[0]} and {sb[0]}",
                                 first, kind="shape", end_node=node)
            return a.T * b if is_explicit(a) and is_explicit(b) else sympy.MatMul(
                a.T, b, evaluate=True)
        return self._times(a, b, first, node)

    def _times(self, a, b, first, node):
        sa, sb = shape_of(a), shape_of(b)
        if sa is None and sb is None:
            return a * b
        if sa is not None and sb is not None:
            if sized(sa[1]) != sb[0]:
                start, end = self._span(first)[0], self._span(node)[1]
                raise self._fail(
                    f"a product of matrices of sizes {show_shape(sa)} and {show_shape(sb)}: "
                    f"inner sizes {sa[1]} and {sb[0]} differ", first, kind="shape", end_node=node,
                    hint=f"'{self.source[start:end]}' needs a transpose or another order")
        if is_explicit(a) and is_explicit(b) or (sa is None and is_explicit(b)) or (
                sb is None and is_explicit(a)):
            return a * b
        return sympy.MatMul(a, b, evaluate=True)
