r"""Gradients and Hessians: ``\nabla f``, ``\nabla_{x} E``, ``\mathbf{H} f(p)``
(LaTeX reader mixin)."""

from __future__ import annotations

import lark
import sympy
from sympy.core.function import AppliedUndef

from ...algebra._shapes import is_explicit, shape_of
from ._calculus import VARIABLE_TYPES
from ._markers import GradientAt, HessianAt, MatrixDerivative
from ._names import Name


class Gradients:
    """The nabla and Hessian operators."""

    def _nabla(self, items: list, k: int):
        factor = items[k]
        scripts = self._scripts(factor)
        if [kind for kind, _ in scripts] not in ([], ["SUB"]):
            raise self._fail("'\\nabla' takes one subscript, its variable", factor)
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            raise self._fail("'\\nabla' with nothing to act on", factor)
        if not scripts:
            return self._gradient_at(items, k, "nabla")
        variable = self._resolve(self._script_name(scripts[0][1]), factor)
        if not isinstance(variable, VARIABLE_TYPES) and not (
                is_explicit(variable) and all(isinstance(v, VARIABLE_TYPES) for v in variable)):
            raise self._fail("'\\nabla' by something that is not a variable", factor)
        name = self._name(items[k + 1])
        args_node = self._next_paren(items, k + 1)
        applies = args_node is not None and self._applies(name, len(args_node.children)) \
            if name is not None else False
        if name is not None and not applies:
            operand = self._differentiand(name, [(variable, 1)], items[k + 1])
            return self._guard(factor, self._derive, operand, [(variable, 1)], factor), k + 2
        if applies:
            args = self._args(args_node)
            if variable not in args:
                value = self._guard(factor, self._in_parameter, name, variable, args,
                                    items[k + 2])
                return self._with_scripts(value, self._scripts(items[k + 2]), items[k + 2]), k + 3
        operand, after = self._factor_at(items, k + 1)
        return self._guard(factor, self._derive, operand, [(variable, 1)], factor), after

    def _in_parameter(self, name: Name, variable, args: list, node):
        r"""``\nabla_{x} f(p)``: the derivative in f's parameter ``x``, at ``p``."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, (sympy.Lambda, AppliedUndef)):
            return self._at_point(name, [(variable, 1)], args, node)
        if len(args) == 1 and is_explicit(args[0]) and args[0].shape[1] == 1:
            func = declared if declared is not None else sympy.Function(name.full)
            return self._gradient_column(func, list(args[0]))
        if len(args) != 1:
            raise self._fail(f"cannot tell which argument of '{name.full}' is {variable}", node,
                             f"pass symbols={{'{name.full}': sympy.Function('{name.full}')(...)}}")
        func = declared if declared is not None else sympy.Function(name.full)
        (point,) = self._fit((variable,), args, name, node)
        body = func(variable)
        if shape_of(variable) is not None:
            return GradientAt(body, variable, point)
        return sympy.Derivative(body, variable).subs(variable, point)

    @staticmethod
    def _gradient_column(func, point: list) -> sympy.ImmutableMatrix:
        """The gradient of ``func`` (a function of scalars) at ``point``, as a column."""
        if len(set(point)) == len(point) and all(isinstance(p, sympy.Symbol) for p in point):
            body = func(*point)
            return sympy.ImmutableMatrix([[sympy.Derivative(body, p)] for p in point])
        params = [sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(point))]
        body = func(*params)
        return sympy.ImmutableMatrix([[sympy.Derivative(body, p).subs(
            list(zip(params, point)), simultaneous=True)] for p in params])

    def _gradient_at(self, items: list, k: int, kind: str):
        factor = items[k]
        name = self._name(items[k + 1]) if k + 1 < len(items) and isinstance(
            items[k + 1], lark.Tree) else None
        if name is None:
            raise self._fail("a gradient or Hessian needs a function's name after it", factor,
                             "write \\nabla_{x} E to differentiate an expression")
        args_node = self._next_paren(items, k + 1)
        args = self._args(args_node) if args_node is not None else None
        value = self._guard(factor, self._gradient, name, args, kind, factor)
        if args_node is None:
            return value, k + 2
        return self._with_scripts(value, self._scripts(items[k + 2]), items[k + 2]), k + 3

    def _gradient(self, name: Name, args, kind: str, node):
        r"""``\nabla f(p)`` (kind "nabla") or ``\mathbf{H} f(p)`` (kind "hessian")."""
        params, body = self._params(name, args, node)
        point = tuple(self._fit(params, args, name, node)) if args is not None else params
        if any(shape_of(p) is not None for p in params):
            (var,), (at,) = params, point
            if len(params) != 1 or var.shape[1] != 1:
                raise self._fail("a gradient in several vectors or a matrix", node,
                                 kind="unsupported")
            if kind == "hessian":
                return HessianAt(body, var, at)
            return MatrixDerivative(body, var) if at == var else GradientAt(body, var, at)
        if kind == "nabla":
            matrix = sympy.ImmutableMatrix([[sympy.Derivative(body, p)] for p in params])
        else:
            matrix = sympy.ImmutableMatrix([[sympy.Derivative(body, p, q) for q in params]
                                            for p in params])
        if point == params:
            return matrix
        return matrix.subs(list(zip(params, point)), simultaneous=True)

    def _is_hessian_operator(self, name: Name, items: list, k: int) -> bool:
        return (name.base == "H" and name.bold and name.sub is None
                and "H" not in self.symbols and "H" not in self.shapes
                and k + 1 < len(items) and isinstance(items[k + 1], lark.Tree)
                and self._name(items[k + 1]) is not None)

    def _hessian(self, items: list, k: int):
        return self._gradient_at(items, k, "hessian")
