"""derivcheck's safe expression syntax: read with a lark grammar, never executed.

    log(e^x + e^y)            e is Euler's number; ^ and ** are powers
    [e^x/(e^x+e^y), 2/3]      a column vector;  [[a, b], [c, d]]  a matrix (rows)
    x.T*A*x  or  x.T @ A @ x  transpose and (shape-checked) matrix product
    norm(X - U*V)^2           squared Frobenius norm;  tr(M), det(M), inv(M)
    diff(f, x)                the derivative of f with respect to x (x may be an entry x[k])
    x[k], A[i, j]             entries, counted from 1 as the text counts them
    sum(x[i]*y[i], i, 1, n)   a sum over an index (the index needs no declaration; a bound
                              may be a variable or oo);  product(f, k, 1, n) likewise
    limit(f, h, 0)            the limit of f as h -> 0; limit(f, h, 0, "+") from the right,
                              "-" from the left; limit(f, n, oo) at infinity (oo, -oo)
    integral(f, y, a, b)      the definite integral of f over y from a to b (bounds may be
                              expressions or +-oo); integral(f, x) an indefinite integral
    subs(f, x, 0, y, 1)       f with x replaced by 0 and y by 1 (at once)
    L(w_1, w_2)               a declared arbitrary function (Fn) applied to arguments
    partial(L, 1, a, b)       the partial of L in its 1st argument, evaluated at (a, b);
                              partial(L, [1, 2], a, b) for the mixed second partial

Names must be declared variables, or one of the constants ``e`` and ``pi``. Decimal numbers are
read exactly (0.01 is 1/100).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from ..algebra import _functions, _shapes as alg
from ..algebra._numbers import exact_decimal
from ..model._errors import DeclarationError, ExpressionError, ShapeError
from . import _bound_forms, _limits

GRAMMAR = r"""
?start: expr
?expr: term
     | expr "+" term   -> add
     | expr "-" term   -> sub
?term: factor
     | term "*" factor -> mul
     | term "@" factor -> mul
     | term "/" factor -> div
?factor: power
       | "-" factor    -> neg
       | "+" factor
?power: postfix
      | postfix ("^" | "**") factor -> pow
?postfix: atom
        | postfix ".T" -> transpose
        | postfix "[" _args "]" -> index
?atom: NUMBER                    -> number
     | NAME                      -> name
     | NAME "(" _args ")"        -> call
     | "(" expr ")"
     | "[" _args "]"             -> bracket
     | DIRECTION                 -> direction
_args: expr ("," expr)*
DIRECTION: /"[+-]"|'[+-]'/
NAME: /[A-Za-z_][A-Za-z_0-9]*/
NUMBER: /[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?/
%import common.WS
%ignore WS
"""

CONSTANTS = {"e": sp.E, "pi": sp.pi, "oo": sp.oo}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", propagate_positions=True)


def _call(entry: _functions.Function, name: str, values: list):
    """``name(values...)`` for a function of the table, its arguments' shapes checked."""
    problem = next(filter(None, map(_limits.exp_problem, values)), None)
    if problem:
        raise ExpressionError(problem, hint=_limits.POWER_HINT)
    if len(values) != entry.arity:
        raise ExpressionError(f"{name}() takes {_count(entry.arity)}, not {len(values)}")
    if entry.takes == _functions.ANY:
        return entry.apply(*values)
    if entry.takes == _functions.SQUARE:
        shape = alg.shape_of(values[0])
        if shape is None or shape[0] != shape[1]:
            raise ExpressionError(f"{name}() takes a square matrix, not {alg.show_shape(shape)}")
        return entry.apply(*values)
    for arg in values:
        if alg.shape_of(arg) is not None and not alg.is_one_by_one(arg):
            raise ExpressionError(f"{name}() takes a scalar, not a"
                                  f" {alg.show_shape(alg.shape_of(arg))} matrix")
    return entry.apply(*[alg.as_scalar(arg) for arg in values])


def _count(arity: int) -> str:
    return "one argument" if arity == 1 else f"{arity} arguments"


def parse(text: str, names: Mapping[str, sp.Basic],
          arities: Mapping[str, int] | None = None) -> sp.Basic:
    """Read ``text`` into SymPy, with ``names`` the declared variables' SymPy objects.

    Raises ExpressionError (a DeclarationError) that quotes the fragment and its position.
    """
    if not isinstance(text, str):
        raise TypeError("parse() takes a string")
    problem = _limits.length_problem(text)
    if problem:
        raise ExpressionError(problem, text=text, position=0, hint=_limits.LENGTH_HINT)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    _check_depth(text, tree)
    return _Build(text, names, arities).value(tree)


_CHAINS = {"add": "sum", "sub": "sum", "mul": "product", "div": "product"}
"""Left-associative operators: a chain of them is read in a loop, not nested calls."""


def _check_depth(text: str, tree: Tree) -> None:
    """Refuse a tree nested deeper than the readers follow (a chain ``a + b + c`` is flat)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        problem = _limits.depth_problem(depth)
        if problem:
            pos = node.start_pos if isinstance(node, Token) else node.meta.start_pos
            raise ExpressionError(f"{problem} (at position {pos})", text=text, position=pos,
                                  hint=_limits.DEPTH_HINT)
        if isinstance(node, Tree):
            for i, child in enumerate(node.children):
                flat = (i == 0 and isinstance(child, Tree)
                        and _CHAINS.get(child.data, 0) == _CHAINS.get(node.data))
                stack.append((child, depth if flat else depth + 1))


def _syntax_error(text: str, exc: UnexpectedInput) -> ExpressionError:
    pos = getattr(exc, "pos_in_stream", None) or 0
    got = text[pos:pos + 12] or "the end"
    pointer = f"\n    {text}\n    {' ' * pos}^"
    return ExpressionError(
        f"cannot read '{got}' at position {pos} of the expression{pointer}",
        text=text, position=pos,
        hint="write products with * (2*x, not 2x), powers with ^ or **, vectors as [a, b],"
             " matrices as [[a, b], [c, d]]")


def _same_kind(err: DeclarationError) -> type[ExpressionError]:
    return ShapeError if isinstance(err, ShapeError) else ExpressionError


class _Known:
    """A node whose value is already computed (the left side of a chain's next step)."""

    def __init__(self, node, value) -> None:
        self.node, self.value = node, value


class _Build:
    """Walks the parse tree; every error quotes the fragment of the text it is about."""

    def __init__(self, text: str, names: Mapping[str, sp.Basic],
                 arities: Mapping[str, int] | None = None) -> None:
        self.text = text
        self.names = names
        self.arities = arities or {}

    def fragment(self, node) -> str:
        if isinstance(node, Token):
            return str(node)
        return self.text[node.meta.start_pos:node.meta.end_pos]

    def value(self, node):
        if isinstance(node, Tree) and node.data in _CHAINS:
            return self.chain(node)
        return self.located(node, self.build, node)

    def build(self, node):
        if isinstance(node, Token):
            return self.number(node) if node.type == "NUMBER" else self.name(node)
        return getattr(self, "op_" + node.data)(node, *node.children)

    def chain(self, node):
        """``a + b - c`` (or ``a * b / c``) folded from the left in a loop."""
        spine = []
        while isinstance(node, Tree) and node.data in _CHAINS \
                and (not spine or _CHAINS[node.data] == _CHAINS[spine[0].data]):
            spine.append(node)
            node = node.children[0]
        value = self.value(node)
        for step in reversed(spine):
            value = self.located(step, getattr(self, "op_" + step.data), step,
                                 _Known(step.children[0], value), step.children[1])
        return value

    def located(self, node, build, *args):
        try:
            return self.guarded(build, *args)
        except ExpressionError as err:
            if err.position is not None:
                raise
            raise self.locate(err, node) from None
        except DeclarationError as err:
            raise self.locate(err, node) from None

    @staticmethod
    def guarded(build, *args):
        """Run ``build``; what SymPy cannot build from the values (``f + f`` of a declared
        function, a matrix indexed by a matrix) is an ExpressionError, never a traceback."""
        try:
            return build(*args)
        except DeclarationError:
            raise
        except (TypeError, ValueError, AttributeError, IndexError, KeyError,
                NotImplementedError, ZeroDivisionError, sp.SympifyError) as exc:
            raise ExpressionError(
                f"SymPy cannot build this ({type(exc).__name__}: {exc})",
                hint="check the operands: a declared function must be applied, f(x);"
                     " matrices are indexed by numbers") from None

    def locate(self, err: DeclarationError, node) -> ExpressionError:
        pos = node.start_pos if isinstance(node, Token) else node.meta.start_pos
        return _same_kind(err)(f"{err.problem} (at '{self.fragment(node)}', position {pos})",
                               text=self.text, position=pos, hint=err.hint, kind=err.kind)

    def number(self, tok: Token):
        problem = _limits.numeral_problem(str(tok))
        if problem:
            raise ExpressionError(problem, hint=_limits.NUMERAL_HINT)
        return exact_decimal(str(tok))

    def name(self, tok: Token):
        key = str(tok)
        if key in self.names:
            return self.names[key]
        if key in CONSTANTS:
            return CONSTANTS[key]
        known = ", ".join(sorted(self.names)) or "none"
        raise ExpressionError(f"unknown name '{key}' (declared variables: {known})",
                              hint="declare it as a variable of the claim, or fix the spelling")

    def binary(self, build, node, left, right):
        if isinstance(left, _Known):
            a, left = left.value, left.node
        else:
            a = self.value(left)
        b = self.value(right)
        names = (f"'{self.fragment(left)}'", f"'{self.fragment(right)}'")
        try:
            return build(a, b, names=names)
        except DeclarationError as err:
            raise _same_kind(err)(
                f"{err.problem} (at '{self.fragment(node)}', position {node.meta.start_pos})",
                text=self.text, position=node.meta.start_pos, hint=err.hint,
                kind=err.kind) from None

    def op_number(self, node, tok):
        return self.number(tok)

    def op_name(self, node, tok):
        return self.name(tok)

    def op_direction(self, node, tok):
        raise ExpressionError(f"{tok} is a direction, which only limit(f, h, 0, {tok}) takes")

    def scoped(self, name: str, symbol) -> "_Build":
        """A builder that reads ``name`` as the bound variable ``symbol`` (of a sum, product,
        integral or limit)."""
        return _Build(self.text, {**self.names, name: symbol}, self.arities)

    def op_call(self, node, tok, *args):
        key = str(tok)
        if key in _bound_forms.FORMS and key not in self.names:
            return _bound_forms.FORMS[key](self, args)
        values = [self.value(a) for a in args]
        if isinstance(self.names.get(key), sp.core.function.UndefinedFunction):
            return self.apply(self.names[key], values)
        if key == "subs":
            return self.subs(values)
        if key == "partial":
            return self.partial(args, values)
        if key == "diff":
            return self.diff(values)
        entry = _functions.by_syntax(key)
        if entry is None:
            known = ", ".join(sorted(_functions.syntax_names()))
            raise ExpressionError(f"unknown function '{key}()'",
                                  hint=f"known functions: {known}, diff, partial, subs,"
                                       f" {', '.join(_bound_forms.FORMS)};"
                                       " or declare it with Fn(...)")
        return _call(entry, key, values)

    def apply(self, fn, values):
        arity = self.arities.get(str(fn), len(values))
        if len(values) != arity:
            raise ExpressionError(f"{fn}() takes {arity} arguments, not {len(values)}")
        for v in values:
            if alg.shape_of(v) is not None and not alg.is_one_by_one(v):
                raise ExpressionError(f"{fn}() takes scalar arguments")
        return fn(*[alg.as_scalar(v) for v in values])

    def partial(self, args, values):
        if len(values) < 3 or not isinstance(values[0], sp.core.function.UndefinedFunction):
            raise ExpressionError("partial(L, k, a, b, ...) takes a declared function, the"
                                  " argument number k (or [k1, k2]) and the point")
        fn, which, point = values[0], values[1], values[2:]
        slots = list(which) if isinstance(which, sp.MatrixBase) else [which]
        if len(point) != self.arities.get(str(fn), len(point)) or not all(
                k.is_Integer and 1 <= k <= len(point) for k in slots):
            raise ExpressionError(f"partial({fn}, ...): argument numbers must lie in 1.."
                                  f"{len(point)} and the point must have {len(point)} entries")
        dummies = [sp.Dummy(f"{fn}_{i + 1}", real=True) for i in range(len(point))]
        inner = sp.Derivative(fn(*dummies), *[dummies[int(k) - 1] for k in slots])
        return inner.subs(dict(zip(dummies, point)), simultaneous=True)

    def subs(self, values):
        if len(values) < 3 or len(values) % 2 == 0:
            raise ExpressionError("subs(expr, x, value, ...) takes an expression and pairs")
        pairs = dict(zip(values[1::2], values[2::2]))
        for key in pairs:
            if not isinstance(key, (sp.Symbol, sp.MatrixSymbol)):
                raise ExpressionError(f"subs() replaces variables, not {key}")
        return values[0].subs(pairs, simultaneous=True)

    def op_index(self, node, base, *positions):
        matrix = self.value(base)
        shape = alg.shape_of(matrix)
        where = [self.value(p) for p in positions]
        if shape is None:
            raise ExpressionError("only vectors and matrices have entries")
        if len(where) == 1 and shape[1] == 1:
            where.append(sp.Integer(1))
        if len(where) != 2:
            raise ExpressionError(f"a {alg.show_shape(shape)} matrix takes two indices")
        return matrix[where[0] - 1, where[1] - 1]

    def diff(self, values):
        if len(values) < 2:
            raise ExpressionError("diff(expr, x) needs the expression and at least one variable")
        body, variables = values[0], values[1:]
        for v in variables:
            if not isinstance(v, (sp.Symbol, sp.MatrixSymbol, MatrixElement)):
                raise ExpressionError(f"diff() differentiates with respect to variables, not {v}")
        return sp.Derivative(alg.as_scalar(body), *variables)

    def op_bracket(self, node, *children):
        items = [self.value(c) for c in children]
        if items and all(isinstance(i, sp.MatrixBase) and i.shape[1] == 1 for i in items):
            if len({i.shape[0] for i in items}) != 1:
                raise ExpressionError("the rows of a matrix [[...], [...]] differ in length")
            return alg.rows([list(i) for i in items])
        return alg.column(items)

    def op_add(self, node, left, right):
        return self.binary(alg.add, node, left, right)

    def op_sub(self, node, left, right):
        def subtract(a, b, names):
            return alg.add(a, alg.multiply(sp.Integer(-1), b), names=names)
        return self.binary(subtract, node, left, right)

    def op_mul(self, node, left, right):
        return self.binary(alg.multiply, node, left, right)

    def op_div(self, node, left, right):
        def divide(a, b, names):
            if alg.shape_of(b) is not None and not alg.is_one_by_one(b):
                raise ExpressionError("cannot divide by a matrix", hint="use inv(M)")
            return alg.multiply(a, sp.Integer(1) / alg.as_scalar(b), names=names)
        return self.binary(divide, node, left, right)

    def op_neg(self, node, operand):
        return alg.multiply(sp.Integer(-1), self.value(operand))

    def op_pow(self, node, base, exponent):
        def raise_to(a, b, names):
            if b == 2 and isinstance(a, sp.Pow) and a.exp == sp.Rational(1, 2) and \
                    isinstance(a.base, sp.Trace):
                return a.base
            problem = _limits.power_problem(a, b)
            if problem:
                raise ExpressionError(problem, hint=_limits.POWER_HINT)
            return alg.power(a, b)
        return self.binary(raise_to, node, base, exponent)

    def op_transpose(self, node, operand):
        return alg.transpose(self.value(operand))
