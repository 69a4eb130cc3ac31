"""Evaluate a SymPy expression tree with jax.numpy, node by node (traceable by jit and vmap).

Written by hand rather than with ``lambdify``: ``Trace`` and ``Determinant`` of a MatrixSymbol
cannot be printed for JAX (FACTS.md), and ``diff(...)`` inside a claim is evaluated here with
``jax.grad``, never with SymPy. Functions come from the one table (``algebra/_functions``); a
SymPy function the table lacks is printed for JAX by ``sympy.lambdify(..., "jax")``, node by
node, and refused only when lambdify cannot print it either.
"""

from __future__ import annotations

from functools import cache, reduce
from typing import Any, Mapping

import jax
import jax.numpy as jnp
import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from sympy.printing.codeprinter import PrintMethodNotImplementedError

from . import _calculus
from ._errors import UnsupportedExpression

from ...algebra import _functions


def evaluate(e, env: Mapping[Any, Any]):
    """The value of ``e`` with ``env`` mapping symbols, matrix symbols and size symbols."""
    if e in env:
        value = env[e]
        return jnp.asarray(value, dtype=float) if isinstance(value, int) else value
    if isinstance(e, (sp.Number, sp.NumberSymbol)) or e in (sp.E, sp.pi):
        return jnp.asarray(float(e))
    for kind, handler in _HANDLERS:
        if isinstance(e, kind):
            return handler(e, env)
    entry = _functions.by_sympy_class().get(type(e))
    if entry is not None:
        return _tabled(entry, [evaluate(a, env) for a in e.args])
    if isinstance(e, sp.Function):
        return _lambdified(e, [evaluate(a, env) for a in e.args])
    raise UnsupportedExpression(f"cannot evaluate {type(e).__name__} ({e}) numerically")


def _tabled(entry: _functions.Function, values):
    fn = entry.jax_function()
    return reduce(fn, values) if entry.arity == 2 else fn(*values)


def _lambdified(e, values):
    """A SymPy function the table lacks, as ``sympy.lambdify`` prints it for JAX."""
    fn = _printed(type(e), len(e.args))
    if fn is None:
        raise UnsupportedExpression(f"cannot evaluate {type(e).__name__} ({e}) numerically:"
                                    " neither derivcheck's table of functions nor"
                                    " sympy.lambdify(..., 'jax') knows it")
    try:
        return fn(*values)
    except NameError:  # printed as a name that jax.numpy lacks
        raise UnsupportedExpression(f"cannot evaluate {type(e).__name__} ({e}) numerically:"
                                    " sympy.lambdify(..., 'jax') prints a function JAX lacks"
                                    ) from None


@cache
def _printed(func, count: int):
    args = sp.symbols(f"arg0:{count}", real=True)
    try:
        return sp.lambdify(args, func(*args), "jax")
    except (PrintMethodNotImplementedError, SyntaxError, TypeError):
        return None


def _product(values):
    return reduce(lambda a, b: a @ b if jnp.ndim(a) == 2 and jnp.ndim(b) == 2 else a * b, values)


def _mul(e, env):
    return reduce(jnp.multiply, [evaluate(a, env) for a in e.args])


def _add(e, env):
    return reduce(jnp.add, [evaluate(a, env) for a in e.args])


def _pow(e, env):
    base, exp = e.args
    if exp == sp.Rational(1, 2):
        return jnp.sqrt(evaluate(base, env))
    if exp.is_Integer:
        return evaluate(base, env) ** int(exp)
    return evaluate(base, env) ** evaluate(exp, env)


def _explicit(e, env):
    rows = [[evaluate(e[i, j], env) for j in range(e.shape[1])] for i in range(e.shape[0])]
    return jnp.stack([jnp.stack([jnp.asarray(v, dtype=float) for v in row]) for row in rows])


def _size(n, env) -> int:
    return int(env.get(n, n))


def _derivative(e, env):
    body = e.expr
    for var, _ in e.variable_count:
        if not isinstance(var, (sp.Symbol, sp.MatrixSymbol, MatrixElement)):
            stand_in = sp.Dummy("arg", real=True)  # d/d u(a, b): differentiate in a stand-in
            env = {**env, stand_in: evaluate(var, env)}
            body = body.xreplace({var: stand_in})
            e = sp.Derivative(body, *[(stand_in if v == var else v, c)
                                      for v, c in e.variable_count])
    fn = lambda scope: jnp.squeeze(evaluate(body, scope))  # noqa: E731
    for var, count in e.variable_count:
        for _ in range(int(count)):
            fn = _grad_along(fn, var)
    return fn(env)


def _grad_along(fn, var):
    if isinstance(var, MatrixElement):
        parent = var.parent

        def entry(scope):
            i, j = _index(var.i, scope), _index(var.j, scope)
            return jax.grad(lambda val: fn({**scope, parent: val}))(scope[parent])[i, j]
        return entry
    return lambda scope: jax.grad(lambda val: fn({**scope, var: val}))(scope[var])


def _index(e, env):
    """An entry's position: a whole number (sizes known) or a traced integer (an index)."""
    if isinstance(e, int):
        return e
    sizes = {k: sp.Integer(v) for k, v in env.items() if isinstance(v, int)}
    e = e.xreplace(sizes)
    if e.is_Integer:
        return int(e)
    return jnp.asarray(evaluate(e, env)).astype(int)


def _subs(e, env):
    values = {v: evaluate(p, env) for v, p in zip(e.variables, e.point)}
    return evaluate(e.expr, {**env, **values})


def _sum(e, env):
    if _calculus.by_value(_known_bounds(e, env)):  # a bound oo or a variable
        return _calculus.series(_known_bounds(e, env), env, evaluate)
    sizes = {k: sp.Integer(v) for k, v in env.items() if isinstance(v, int)}
    body, limits = e.function, list(e.limits)
    index, low, high = limits[-1]
    inner = sp.Sum(body, *limits[:-1]) if len(limits) > 1 else body
    terms = [evaluate(inner, {**env, index: v})
             for v in range(int(low.xreplace(sizes)), int(high.xreplace(sizes)) + 1)]
    return reduce(jnp.add, terms) if terms else jnp.asarray(0.0)


def _sizes(env) -> dict:
    return {k: sp.Integer(v) for k, v in env.items() if isinstance(v, int)}


def _known_bounds(e, env):
    """A sum or product with the sizes of ``env`` put into its bounds (its body keeps them:
    a matrix symbol's shape stays as the environment knows it)."""
    sizes = _sizes(env)
    limits = [(i, low.xreplace(sizes), high.xreplace(sizes)) for i, low, high in e.limits]
    return type(e)(e.function, *limits)


def _product_over(e, env):
    """A product over numbers (sizes known) written out, like a sum; else ``_calculus``."""
    e = _known_bounds(e, env)
    if _calculus.by_value(e):
        return _calculus.series(e, env, evaluate, product=True)
    body, limits = e.function, list(e.limits)
    index, low, high = limits[-1]
    inner = sp.Product(body, *limits[:-1]) if len(limits) > 1 else body
    factors = [evaluate(inner, {**env, index: v}) for v in range(int(low), int(high) + 1)]
    return reduce(jnp.multiply, factors) if factors else jnp.asarray(1.0)


def _applied(e, env):
    if e.func not in env:
        raise UnsupportedExpression(f"the function {e.func} has no numeric instance")
    return env[e.func](*[evaluate(a, env) for a in e.args])


# SymPy's array forms (``sympy.tensor.array.expressions``), as its matrix derivatives give them
# (d aᵀXb / dX = PermuteDims(ArrayTensorProduct(a, b), ...)): a vector is an n×1 matrix there, so
# the result keeps axes of length 1, which the comparison flattens away.

def _letters(count: int, start: int = 0) -> list[str]:
    return [chr(ord("a") + start + i) for i in range(count)]


def _tensor_product(e, env):
    return reduce(lambda a, b: jnp.tensordot(a, b, axes=0),
                  [jnp.asarray(evaluate(a, env), dtype=float) for a in e.args])


def _permute(e, env):
    value = evaluate(e.expr, env)
    order = list(e.permutation.array_form)
    order += list(range(len(order), jnp.ndim(value)))
    return jnp.transpose(value, order)


def _contract(e, env):
    """Each group of axes is one summed index (the uncontracted axes keep their order)."""
    return _grouped(evaluate(e.expr, env), e.contraction_indices, kept=False)


def _diagonal(e, env):
    """Each group of axes is one index, placed after the others (SymPy's order)."""
    return _grouped(evaluate(e.expr, env), e.diagonal_indices, kept=True)


def _grouped(value, groups, *, kept: bool):
    """One einsum letter per group of axes; ``kept`` puts the groups' axes last, else they are
    summed."""
    letters = _letters(jnp.ndim(value))
    for group in groups:
        for axis in group:
            letters[axis] = letters[group[0]]
    grouped = {axis for group in groups for axis in group}
    out = [x for axis, x in enumerate(letters) if axis not in grouped]
    if kept:
        out += [letters[group[0]] for group in groups]
    return jnp.einsum(f"{''.join(letters)}->{''.join(out)}", value)


def _filled(fill):
    return lambda e, env: jnp.full(tuple(_size(n, env) for n in e.shape), fill)


def _array_handlers() -> tuple:
    from sympy.tensor.array import expressions as ax

    return ((ax.ArrayAdd, _add), (ax.ArrayTensorProduct, _tensor_product),
            (ax.PermuteDims, _permute), (ax.ArrayContraction, _contract),
            (ax.ArrayDiagonal, _diagonal), (ax.ZeroArray, _filled(0.0)),
            (ax.OneArray, _filled(1.0)))


def _kronecker(e, env):
    i, j = (evaluate(a, env) for a in e.args[:2])
    return jnp.where(jnp.asarray(i) == jnp.asarray(j), 1.0, 0.0)


_HANDLERS: tuple = (
    (sp.MatAdd, _add),  # before Add and Mul: MatAdd and MatMul are subclasses of them
    (sp.MatMul, lambda e, env: _product([evaluate(a, env) for a in e.args])),
    (sp.MatPow, lambda e, env:  # Inverse too: it is a MatPow of -1
     jnp.linalg.matrix_power(evaluate(e.base, env), int(e.exp))),
    (sp.Add, _add),
    (sp.Mul, _mul),
    (sp.Pow, _pow),
    (sp.Transpose, lambda e, env: jnp.swapaxes(evaluate(e.arg, env), -1, -2)),
    (sp.ZeroMatrix, lambda e, env: jnp.zeros((_size(e.rows, env), _size(e.cols, env)))),
    (sp.Identity, lambda e, env: jnp.eye(_size(e.rows, env))),
    (sp.MatrixBase, _explicit),
    (MatrixElement, lambda e, env: evaluate(e.parent, env)[_index(e.i, env), _index(e.j, env)]),
    (sp.Derivative, _derivative),
    (sp.Subs, _subs),
    (sp.Sum, _sum),
    (sp.Product, _product_over),
    (sp.Integral, lambda e, env: _calculus.integral(e, env, evaluate)),
    (sp.Limit, lambda e, env: _calculus.limit(e, env, evaluate)),
    (sp.core.function.AppliedUndef, _applied),
    (sp.KroneckerDelta, _kronecker),
    *_array_handlers(),
)
