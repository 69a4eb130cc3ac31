r"""Derivatives: ``\frac{d}{dx}``, ``\frac{\partial f}{\partial x}``, at a point, by a function's
argument (LaTeX reader mixin)."""

from __future__ import annotations

from dataclasses import dataclass

import lark
import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra._shapes import is_explicit, shape_of
from ._errors import show_shape
from ._markers import GradientAt, MatrixDerivative
from ._names import Name


@dataclass(frozen=True)
class _Diff:
    r"""The parts of ``\frac{d^k F}{dx dy}``: ``partial`` or not, the numerator's factors after
    the ``d`` (``F``), and the denominator's variables as (name, count)."""

    partial: bool
    rest: list
    variables: list[tuple[Name, int]]


PENDING = sympy.Dummy("pending")  # the parameters of an unknown function, fixed in finish()


_AT_POINT_FUNCTIONS = frozenset("FGH")
"""Beside ``f g h L`` and declared functions, the names that ``\\frac{dF}{dx}(x)`` reads as a
function at a point (the antiderivatives of the book's integral chapter)."""


VARIABLE_TYPES = (sympy.Symbol, sympy.MatrixSymbol, MatrixElement, sympy.Indexed)


class Calculus:
    """Derivative operators and fractions of differentials."""

    def _brace_factors(self, brace) -> list | None:
        """The factors of a brace holding one product without sign or explicit product."""
        if not brace.children or brace.children[0] is None:
            return None
        sums = brace.children[0].children
        if len(sums) != 1 or not isinstance(sums[0], lark.Tree) or len(sums[0].children) != 1:
            return None
        factors = sums[0].children[0].children
        return None if any(isinstance(f, lark.Token) for f in factors) else factors

    def _is_marker(self, factor, partial: bool) -> bool:
        prim = self._primary(factor)
        return isinstance(prim, lark.Token) and (
            prim.type == "PARTIAL" if partial else prim.type == "LETTER" and prim.value == "d")

    def _diff(self, factor) -> _Diff | None:
        r"""The derivative in ``\frac{d...}{d...}``, or None for an ordinary fraction."""
        prim = self._primary(factor)
        if not (isinstance(prim, lark.Tree) and prim.data == "frac"):
            return None
        num, den = self._brace_factors(prim.children[1]), self._brace_factors(prim.children[2])
        if not num or not den:
            return None
        partial = self._is_marker(num[0], True)
        if not partial and not self._is_marker(num[0], False):
            return None
        order, scripts = 1, self._scripts(num[0])
        if scripts:
            sarg = scripts[0][1]
            if len(scripts) > 1 or scripts[0][0] != "SUP" or not isinstance(sarg, lark.Token) \
                    or sarg.type != "NUMBER":
                return None
            order = int(self._single(sarg))
        variables = self._diff_variables(den, partial)
        if variables is None:
            if partial:
                raise self._fail("a fraction with '\\partial' that is not a derivative", factor)
            return None
        if not partial and "d" in self.symbols:
            raise self._fail("'d' is declared, so this reads as a derivative or a fraction",
                             factor, kind="ambiguous")
        if sum(count for _, count in variables) != order:
            raise self._fail(f"a derivative of order {order} by "
                             f"{sum(c for _, c in variables)} variables", factor)
        return _Diff(partial, num[1:], variables)

    def _diff_variables(self, den: list, partial: bool) -> list | None:
        if len(den) % 2:
            return None
        variables = []
        for marker, factor in zip(den[::2], den[1::2]):
            if not self._is_marker(marker, partial) or len(marker.children) > 1:
                return None
            name = self._name(factor, allow_sup=True)
            if name is None:
                return None
            sups = [s for kind, s in self._scripts(factor) if kind == "SUP"]
            if sups and not (isinstance(sups[0], lark.Token) and sups[0].type == "NUMBER"):
                return None
            variables.append((name, int(self._single(sups[0])) if sups else 1))
        return variables

    def _variables(self, diff: _Diff, node) -> list[tuple[sympy.Basic, int]]:
        found = []
        for name, count in diff.variables:
            value = self._resolve(name, node)
            if not isinstance(value, VARIABLE_TYPES):
                raise self._fail(f"cannot differentiate by '{name.full}' (it reads as {value})",
                                 node, "differentiate by a variable")
            found.append((value, count))
        return found

    def _rest_operator(self, item, diff: _Diff | None, rest: list) -> sympy.Basic:
        """``\\sum`` or ``\\frac{d}{dx}``, acting on the rest of the term."""
        if diff is None:
            kind = self._primary(item).type
            if kind == "INTOP":
                return self._integral(item, rest)
            if kind == "LIMOP":
                return self._limit(item, rest)
            return self._sum_operator(item, rest, sympy.Product if kind == "PRODOP" else
                                      sympy.Sum)
        if self._scripts(item):
            raise self._fail("scripts on a derivative operator", item)
        variables = self._variables(diff, item)
        name = self._name(rest[0]) if len(rest) == 1 else None
        if name is not None:
            operand = self._differentiand(name, variables, rest[0])
        else:
            operand = self._term(rest)
        return self._guard(item, self._derive, operand, variables, item)

    def _derivative_at(self, diff: _Diff, items: list, k: int):
        factor = items[k]
        by_function = self._by_function(diff, items, k)
        if by_function is not None:
            return by_function
        variables = self._variables(diff, factor)
        name = self._name(diff.rest[0]) if len(diff.rest) == 1 else None
        if name is None:
            value = self._guard(factor, self._derive, self._term(diff.rest), variables, factor)
            return self._with_scripts(value, self._scripts(factor), factor), k + 1
        args_node = self._next_paren(items, k)
        if args_node is None:
            value = self._name_derivative(name, diff, variables, factor)
            return self._with_scripts(value, self._scripts(factor), factor), k + 1
        args = self._args(args_node)
        if len(args) == 1 and len(variables) == 1 and (
                self._applies(name, 1) or name.full in _AT_POINT_FUNCTIONS):
            value = self._guard(factor, self._derivative_of, name, variables[0][1], args,
                                items[k + 1])  # \frac{df}{dx}(x) of a function f
            return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2
        if len(args) == 1:
            raise self._fail("reads as a product or as the derivative at a point", factor,
                             "write \\cdot for a product", kind="ambiguous", end_node=items[k + 1])
        value = self._guard(factor, self._at_point, name, variables, args, items[k + 1])
        return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2

    def _by_function(self, diff: _Diff, items: list, k: int):
        r"""``\frac{\partial f}{\partial u}(u(a, b), v(a, b))`` with ``u`` a declared function:
        the derivative of ``f`` in the one argument that is an application of ``u``."""
        args_node = self._next_paren(items, k)
        if args_node is None or len(diff.variables) != 1 or diff.variables[0][1] != 1:
            return None
        (by_name, _), = diff.variables
        by = self.symbols.get(by_name.full)
        if not isinstance(by, UndefinedFunction):
            return None
        name = self._name(diff.rest[0]) if len(diff.rest) == 1 else None
        if name is None:
            raise self._fail("a derivative by a function needs a function's name above",
                             items[k])
        declared = self.symbols.get(name.full)
        if declared is not None and not isinstance(declared, UndefinedFunction):
            raise self._fail(f"'{name.full}' is declared, not a function", items[k])
        func = declared if declared is not None else sympy.Function(name.full)
        args = self._args(args_node)
        positions = [p for p, a in enumerate(args) if isinstance(a, AppliedUndef) and a.func == by]
        if len(positions) != 1:
            raise self._fail(f"cannot tell which argument of '{name.full}' is {by_name.full}",
                             items[k], f"apply {by_name.full} in exactly one argument",
                             end_node=items[k + 1])
        value = self._guard(items[k], self._partial_at, func, args, positions[0])
        return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2

    def _name_derivative(self, name: Name, diff: _Diff, variables, node):
        (other, count), = diff.variables if len(diff.variables) == 1 else ((None, 0),)
        declared = self.symbols.get(name.full)
        if other is not None and count == 1 and other.base == name.base and len(
                other.indices) == len(name.indices) and not isinstance(
                declared, (sympy.Lambda, AppliedUndef, UndefinedFunction)):
            if shape_of(variables[0][0]) is not None:
                raise self._fail("a derivative of a matrix by itself", node, kind="unsupported")
            return sympy.Mul(*[sympy.KroneckerDelta(self._index(a, node), self._index(b, node))
                               for a, b in zip(name.indices, other.indices)])
        operand = self._differentiand(name, variables, node)
        return self._guard(node, self._derive, operand, variables, node)

    def _differentiand(self, name: Name, variables, node) -> sympy.Basic:
        """What a bare name under a derivative means: declared, a variable, or an unknown
        function whose parameters are fixed in finish()."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, UndefinedFunction):
            return declared(PENDING)
        value = self._resolve(name, node)
        if declared is not None or name.full in self.shapes or value in dict(variables) or \
                isinstance(value, (MatrixElement, sympy.Indexed)) or value in (sympy.E, sympy.pi):
            return value
        return sympy.Function(name.full)(PENDING)

    def _derive(self, expr, variables, node):
        if len(variables) == 1 and is_explicit(variables[0][0]):
            column, count = variables[0]
            if count != 1 or shape_of(expr) not in (None, (1, 1)):
                raise self._fail("a higher derivative, or one of a matrix, by a vector of "
                                 "components", node, kind="unsupported")
            expr = self._scalar(expr, node)
            return sympy.ImmutableMatrix([[sympy.Derivative(expr, v)] for v in column])
        if any(shape_of(v) is not None for v, _ in variables):
            if len(variables) != 1 or variables[0][1] != 1:
                raise self._fail("a higher or mixed derivative by a matrix", node,
                                 kind="unsupported")
            if shape_of(expr) not in (None, (1, 1)):
                size = show_shape(shape_of(expr))
                raise self._fail(f"a derivative of a matrix of size {size} by a matrix",
                                 node, kind="unsupported")
            return MatrixDerivative(expr, variables[0][0])
        if is_explicit(expr):
            return expr.applyfunc(lambda e: sympy.Derivative(e, *variables))
        if shape_of(expr) == (1, 1):
            expr = self._scalar(expr, node)
        elif shape_of(expr) is not None:
            raise self._fail("a derivative of a matrix expression by a scalar", node,
                             kind="unsupported")
        return sympy.Derivative(expr, *variables)

    def _params(self, name: Name, args: list | None, node) -> tuple[tuple, sympy.Basic]:
        """The parameters of the function ``name`` and its body in them."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, sympy.Lambda):
            return tuple(declared.variables), declared.expr
        if isinstance(declared, AppliedUndef):
            return tuple(declared.args), declared
        if declared is not None and not isinstance(declared, UndefinedFunction) or (
                name.full in self.shapes):
            raise self._fail(f"'{name.full}' is declared, not a function", node)
        func = declared if declared is not None else sympy.Function(name.full)
        hint = f"pass symbols={{'{name.full}': sympy.Function('{name.full}')(x, y)}}"
        if args is None:
            if name.full not in self.applied:
                raise self._fail(f"cannot tell which variables '{name.full}' takes", node, hint)
            params = self.applied[name.full]
        elif len(set(args)) == len(args) and all(
                isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in args):
            params = tuple(args)
        elif all(shape_of(a) is None for a in args):
            params = tuple(sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(args)))
        else:
            raise self._fail(f"cannot name the vector parameter of '{name.full}'", node, hint)
        return params, func(*params)

    def _at_point(self, name: Name, variables, args, node):
        params, body = self._params(name, args, node)
        for variable, _ in variables:
            if variable not in params and all(isinstance(p, sympy.Dummy) for p in params):
                raise self._fail(f"cannot tell which argument of '{name.full}' is {variable}",
                                 node, f"pass symbols={{'{name.full}': sympy.Function("
                                 f"'{name.full}')(...)}} naming its parameters")
            if variable not in params:
                raise self._fail(f"'{variable}' is not one of the parameters {params} of "
                                 f"'{name.full}'", node, f"pass symbols={{'{name.full}': "
                                 f"sympy.Function('{name.full}')(...)}} naming them")
        point = self._fit(params, args, name, node)
        derivative = self._derive(body, variables, node)
        if tuple(point) == tuple(params):
            return derivative
        if any(shape_of(p) is not None for p in params):
            if len(params) != 1 or shape_of(params[0])[1] != 1:
                raise self._fail("a matrix derivative at a point", node, kind="unsupported")
            return GradientAt(body, params[0], point[0])
        return derivative.subs(list(zip(params, point)), simultaneous=True)

    @staticmethod
    def _partial_at(func, args: list, position: int) -> sympy.Basic:
        """The derivative of ``func`` in its argument number ``position`` (from 0), at ``args``."""
        params = [sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(args))]
        return sympy.Derivative(func(*params), params[position]).subs(
            list(zip(params, args)), simultaneous=True)
