"""Evaluate a SymPy expression tree with jax.numpy, node by node (traceable by jit and vmap).

Written by hand rather than with ``lambdify``: ``Trace`` and ``Determinant`` of a MatrixSymbol
cannot be printed for JAX (FACTS.md), and ``diff(...)`` inside a claim is evaluated here with
``jax.grad``, never with SymPy.
"""

from __future__ import annotations

from functools import reduce
from typing import Any, Mapping

import jax
import jax.numpy as jnp
import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ._errors import UnsupportedExpression

_FUNCTIONS = {sp.exp: jnp.exp, sp.log: jnp.log, sp.sin: jnp.sin, sp.cos: jnp.cos,
              sp.tan: jnp.tan, sp.tanh: jnp.tanh, sp.Abs: jnp.abs}


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
    if isinstance(e, sp.Function) and type(e) in _FUNCTIONS:
        return _FUNCTIONS[type(e)](evaluate(e.args[0], env))
    raise UnsupportedExpression(f"cannot evaluate {type(e).__name__} ({e}) numerically")


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
    sizes = {k: sp.Integer(v) for k, v in env.items() if isinstance(v, int)}
    body, limits = e.function, list(e.limits)
    index, low, high = limits[-1]
    inner = sp.Sum(body, *limits[:-1]) if len(limits) > 1 else body
    terms = [evaluate(inner, {**env, index: v})
             for v in range(int(low.xreplace(sizes)), int(high.xreplace(sizes)) + 1)]
    return reduce(jnp.add, terms) if terms else jnp.asarray(0.0)


def _applied(e, env):
    if e.func not in env:
        raise UnsupportedExpression(f"the function {e.func} has no numeric instance")
    return env[e.func](*[evaluate(a, env) for a in e.args])


def _kronecker(e, env):
    i, j = (evaluate(a, env) for a in e.args[:2])
    return jnp.where(jnp.asarray(i) == jnp.asarray(j), 1.0, 0.0)


_HANDLERS: tuple = (
    (sp.MatAdd, _add),  # before Add and Mul: MatAdd and MatMul are subclasses of them
    (sp.MatMul, lambda e, env: _product([evaluate(a, env) for a in e.args])),
    (sp.MatPow, lambda e, env: jnp.linalg.matrix_power(evaluate(e.base, env), int(e.exp))),
    (sp.Add, _add),
    (sp.Mul, _mul),
    (sp.Pow, _pow),
    (sp.Transpose, lambda e, env: jnp.swapaxes(evaluate(e.arg, env), -1, -2)),
    (sp.Trace, lambda e, env: jnp.trace(evaluate(e.arg, env))),
    (sp.Determinant, lambda e, env: jnp.linalg.det(evaluate(e.arg, env))),
    (sp.Inverse, lambda e, env: jnp.linalg.inv(evaluate(e.arg, env))),
    (sp.ZeroMatrix, lambda e, env: jnp.zeros((_size(e.rows, env), _size(e.cols, env)))),
    (sp.Identity, lambda e, env: jnp.eye(_size(e.rows, env))),
    (sp.MatrixBase, _explicit),
    (MatrixElement, lambda e, env: evaluate(e.parent, env)[_index(e.i, env), _index(e.j, env)]),
    (sp.Derivative, _derivative),
    (sp.Subs, _subs),
    (sp.Sum, _sum),
    (sp.core.function.AppliedUndef, _applied),
    (sp.KroneckerDelta, _kronecker),
)
