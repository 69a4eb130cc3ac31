"""The numeric witness's own values of SymPy's unevaluated calculus: integrals by double-exponential
quadrature, limits by extrapolating a sequence that approaches the point, series by extrapolating
partial sums, sums and products over a variable bound by explicit summation. None asks SymPy
for the answer; each is traceable (jit, vmap, grad).

Each approximation estimates its own error from two rules (step h and h/2; two sequences of
partial sums; the limit from two sides) and is NaN where that estimate is not below
``ACCURACY`` relative to the value's scale: a point where an approximation did not settle is
resampled like any non-finite point, and never counts as agreement. A divergent integral or
series never settles (its tail does not vanish, or its extrapolations drift apart), so it is NaN,
never a number. ``ACCURACY`` is far below the comparison's tolerance (``_numeric.RTOL``), so an
approximation that settled cannot create a discrepancy by its own error.
"""

from __future__ import annotations

from functools import cache

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from ._errors import UnsupportedExpression

ACCURACY = 1e-10
"""The largest estimated error of an accepted approximation, relative to its scale."""
TAIL = 1e-12
"""The largest share of an integral that its outermost quadrature nodes may carry."""
SERIES_TERMS = 2 ** 13
"""Terms of an infinite series summed at most (its partial sums at 2^4 .. 2^13 terms)."""
BOUNDED_TERMS = 512
"""Terms a sum or product over a variable bound writes out at most (a variable bound lies
in an integer domain at most this wide)."""


def approximated(e) -> bool:
    """``e`` holds a value this module approximates (an integral, a limit, an infinite series
    or product); a sum or product over a variable bound is written out, exactly."""
    if not isinstance(e, sp.Basic):
        return False
    return bool(e.atoms(sp.Integral, sp.Limit)) or any(
        bound.is_infinite for s in e.atoms(sp.Sum, sp.Product) for _, *bounds in s.limits
        for bound in bounds)


def by_value(e) -> bool:
    """A sum or product whose bounds are not all whole numbers (oo, or a variable's value)."""
    return any(not bound.is_Integer for _, *bounds in e.limits for bound in bounds)


def _settled(value, error, scale):
    return jnp.where(error <= ACCURACY * jnp.maximum(scale, 1e-3), value, jnp.nan)


# --- integrals -------------------------------------------------------------------------------

LEVELS = {"finite": (4, 5), "upper": (5, 6), "both": (5, 6)}
"""The two steps 2^-level of each transform's rule: a half line needs the finer ones."""


@cache
def _nodes(kind: str, level: int):
    """Nodes t and weights of the trapezoid rule in t, step 2^-level, for the transform."""
    low, high = {"finite": (-4.5, 4.5), "upper": (-4.5, 3.6), "both": (-3.6, 3.6)}[kind]
    h = 2.0 ** -level
    t = np.arange(np.ceil(low / h), np.floor(high / h) + 1) * h
    return t, h


def _transform(kind: str, t, a, b):
    """x(t) and dx/dt of the double-exponential change of variable."""
    u = np.pi / 2 * np.sinh(t)
    du = np.pi / 2 * np.cosh(t)
    if kind == "finite":  # tanh-sinh, x measured from the nearer end (accurate at the ends)
        s = 1 / (1 + jnp.exp(-2 * u))
        c = 1 / (1 + jnp.exp(2 * u))
        x = jnp.where(t < 0, a + (b - a) * s, b - (b - a) * c)
        return x, (b - a) * 2 * s * c * du
    if kind == "upper":  # exp-sinh on [a, oo)
        return a + jnp.exp(u), jnp.exp(u) * du
    return jnp.sinh(u), jnp.cosh(u) * du  # sinh-sinh on (-oo, oo)


def _quadrature(f, kind: str, a, b):
    """∫ f over the range, at two steps; NaN unless they agree and the tails vanish."""
    sums, parts = [], None
    for level in LEVELS[kind]:
        t, h = _nodes(kind, level)
        x, w = _transform(kind, t, a, b)
        parts = jnp.asarray(w * jax.vmap(f)(x) * h, dtype=float)
        sums.append(jnp.sum(parts))
    size = jnp.sum(jnp.abs(parts))
    tails = jnp.abs(parts[0]) + jnp.abs(parts[-1])
    value = _settled(sums[1], jnp.abs(sums[1] - sums[0]), size)
    return jnp.where(tails <= TAIL * size + 1e-300, value, jnp.nan)


def _half_line(f, a, up: bool):
    """∫ f from a to oo (``up``), or from -oo to a."""
    if up:
        return _quadrature(f, "upper", a, 0.0)
    return _quadrature(lambda y: f(-y), "upper", -a, 0.0)


def integral(e, env, evaluate):
    limits = list(e.limits)
    var, *bounds = limits[-1]
    if len(bounds) != 2:
        raise UnsupportedExpression(f"the indefinite integral {e} has no value to evaluate;"
                                    " an identity with it as one side is checked up to a"
                                    " constant")
    inner = sp.Integral(e.function, *limits[:-1]) if len(limits) > 1 else e.function

    def f(x):
        return jnp.squeeze(evaluate(inner, {**env, var: x}))
    low, high = bounds
    if low == high:
        return jnp.asarray(0.0)
    if low.is_infinite and high.is_infinite:
        sign = 1.0 if high == sp.oo else -1.0
        return sign * _quadrature(f, "both", 0.0, 0.0)
    if high.is_infinite:  # ∫_low^oo, or ∫_low^-oo = -∫_-oo^low
        up = high == sp.oo
        return (1.0 if up else -1.0) * _half_line(f, evaluate(low, env), up)
    if low.is_infinite:
        up = low == sp.oo
        return (-1.0 if up else 1.0) * _half_line(f, evaluate(high, env), up)
    return _quadrature(f, "finite", evaluate(low, env), evaluate(high, env))


# --- extrapolation ---------------------------------------------------------------------------

def _neville(h, v):
    """The polynomial through (h_i, v_i) at h = 0, and the change of its last step."""
    table = list(v)
    best = prev = table[-1]
    for m in range(1, len(table)):
        table = [(h[i + m] * table[i] - h[i] * table[i + 1]) / (h[i + m] - h[i])
                 for i in range(len(table) - 1)]
        prev, best = best, table[-1]
    return best, jnp.abs(best - prev)


def _extrapolated(h, v):
    value, error = _neville(h, v)
    scale = jnp.max(jnp.abs(jnp.stack(v)))
    return _settled(value, error, scale), value


LIMIT_STEPS = 2.0 ** -np.arange(2, 12)
"""The distances from the limit point (1/4 .. 1/2048); at oo, their reciprocals."""


def limit(e, env, evaluate):
    body, var, point, direction = e.args
    def f(x):
        return jnp.squeeze(evaluate(body, {**env, var: x}))
    hs = list(LIMIT_STEPS)
    if point.is_infinite:
        sign = 1.0 if point == sp.oo else -1.0
        return _extrapolated(hs, [f(sign / h) for h in hs])[0]
    c = evaluate(point, env)
    sides = {"+": (1.0,), "-": (-1.0,), "+-": (1.0, -1.0)}[str(direction)]
    found = [_extrapolated(hs, [f(c + s * h) for h in hs]) for s in sides]
    if len(found) == 1:
        return found[0][0]
    (right, _), (left, _) = found
    close = jnp.abs(right - left) <= ACCURACY * jnp.maximum(jnp.abs(right), 1e-3)
    return jnp.where(close, (right + left) / 2, jnp.nan)


# --- sums and products -----------------------------------------------------------------------

def _terms(body, index, first, step, count, env, evaluate):
    ks = first + step * jnp.arange(count, dtype=float)
    return jax.vmap(lambda k: jnp.squeeze(evaluate(body, {**env, index: k})))(ks)


def _series(body, index, first, step, env, evaluate):
    """Σ body over index = first, first + step, ... (to infinity): partial sums at n = 2^j and
    2^j + 1 terms, each extrapolated in 1/n from its last five levels before a term stops being
    finite; NaN unless both settle on one value."""
    terms = _terms(body, index, first, step, SERIES_TERMS, env, evaluate)
    finite = jnp.cumprod(jnp.isfinite(terms))
    partial = jnp.cumsum(jnp.where(finite > 0, terms, 0.0))
    values = []
    for offset in (0, 1):
        ns = np.array([2 ** j + offset for j in range(4, 14) if 2 ** j + offset <= SERIES_TERMS])
        ok = finite[ns - 1] > 0
        last = jnp.sum(ok) - 1
        pick = jnp.clip(last - 4 + jnp.arange(5), 0, len(ns) - 1)
        h = 1.0 / jnp.asarray(ns, dtype=float)[pick]
        estimate, _ = _extrapolated(list(h), list(partial[ns - 1][pick]))
        values.append(jnp.where(last >= 4, estimate, jnp.nan))
    close = jnp.abs(values[0] - values[1]) <= ACCURACY * jnp.maximum(jnp.abs(values[0]), 1e-3)
    return jnp.where(close, values[0], jnp.nan)


def _bounded(body, index, low, high, env, evaluate, product: bool):
    """Σ (or ∏) over index = low..high for bounds that are values, not numbers: the first
    ``BOUNDED_TERMS`` terms written out, the ones past ``high`` left out."""
    a, b = evaluate(low, env), evaluate(high, env)
    terms = _terms(body, index, a, 1.0, BOUNDED_TERMS, env, evaluate)
    inside = jnp.arange(BOUNDED_TERMS) <= b - a
    too_many = b - a >= BOUNDED_TERMS
    if product:
        value = jnp.prod(jnp.where(inside, terms, 1.0))
    else:
        value = jnp.sum(jnp.where(inside, terms, 0.0))
    return jnp.where(too_many, jnp.nan, value)


def series(e, env, evaluate, product: bool = False):
    limits = list(e.limits)
    index, low, high = limits[-1]
    cls = sp.Product if product else sp.Sum
    inner = cls(e.function, *limits[:-1]) if len(limits) > 1 else e.function
    if not (low.is_infinite or high.is_infinite):
        return _bounded(inner, index, low, high, env, evaluate, product)
    if product:
        raise UnsupportedExpression(f"the infinite product {e} is not evaluated numerically;"
                                    " write it as the exp of a sum of logs")
    if low.is_infinite and high.is_infinite:
        return (_series(inner, index, 0.0, 1.0, env, evaluate)
                + _series(inner, index, -1.0, -1.0, env, evaluate))
    if high.is_infinite:
        return _series(inner, index, evaluate(low, env), 1.0, env, evaluate)
    return _series(inner, index, evaluate(high, env), -1.0, env, evaluate)
