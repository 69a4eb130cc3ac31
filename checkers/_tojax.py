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

from ._errors import DerivcheckError

_FUNCTIONS = {sp.exp: jnp.exp, sp.log: jnp.log, sp.sin: jnp.sin, sp.cos: jnp.cos,
              sp.tan: jnp.tan, sp.tanh: jnp.tanh, sp.Abs: jnp.abs}


class UnsupportedExpression(DerivcheckError):
    """A SymPy node the JAX evaluator does not know."""

    __module__ = "checkers"


def evaluate(e, env: Mapping[Any, Any]):
    """The value of ``e`` with ``env`` mapping symbols, matrix symbols and size symbols."""
    if e in env:
        return env[e]
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
    fn = lambda scope: jnp.squeeze(evaluate(e.expr, scope))  # noqa: E731
    for var, count in e.variable_count:
        for _ in range(int(count)):
            fn = _grad_along(fn, var)
    return fn(env)


def _grad_along(fn, var):
    return lambda scope: jax.grad(lambda val: fn({**scope, var: val}))(scope[var])


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
    (MatrixElement, lambda e, env: evaluate(e.parent, env)[int(e.i), int(e.j)]),
    (sp.Derivative, _derivative),
)
