"""The numeric witness: JAX autodiff of the function itself against the claimed expression,
at many random points drawn from the domains, seeded, batched with vmap, compiled once per size.

It never imports the symbolic witness. Matrix variables get random distinct sizes (non-square),
so a missing transpose cannot hide. A failing point is shrunk toward integers and short
decimals while it still fails, so the counterexample a person reads is simple.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import jax

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402

from ...algebra import _shapes as alg  # noqa: E402
from ...model._format import value as fmt_value  # noqa: E402
from ...readers._resolve import Resolved  # noqa: E402
from ._tojax import evaluate  # noqa: E402

RTOL, ATOL = 1e-7, 1e-9
_BATCH = sp.Dummy("batch")  # carries the batch axis when a claim has no free variable


@dataclass(frozen=True)
class NumericEvidence:
    """``status``: agrees, disagrees, error or skipped. On disagreement, ``point`` is the
    (shrunk) counterexample with ``claimed`` and ``true`` values there and their ``error``."""

    status: str
    points: int = 0
    sizes: tuple[dict[str, int], ...] = ()
    max_error: float = 0.0
    point: dict[str, Any] = field(default_factory=dict)
    claimed: Any = None
    true: Any = None
    error: float = 0.0
    detail: str = ""
    errors: tuple[float, ...] = ()
    """The error at every compared point (relative to |true|, absolute where it is ~0),
    rounded to 6 significant digits so that a report of the same seed is byte-identical."""
    message: str = ""
    """A sentence for a person, where "claimed ... but true ..." would not fit."""


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    points: int = 64
    size_draws: int = 2


def witness(r: Resolved, candidates: dict[str, Any], settings: Settings = Settings()
            ) -> dict[str, NumericEvidence]:
    """Compare each candidate expression (by name) with JAX's truth for the claim."""
    try:
        if r.claim.kind == "critical_points":
            return {name: _critical(r, settings) for name in candidates}
        if r.claim.kind == "extremum":
            return {name: _extremum(r, settings) for name in candidates}
        return _compare_all(r, candidates, settings)
    except Exception as exc:  # an expression JAX cannot evaluate: evidence, not a crash
        return {name: NumericEvidence("error", detail=f"{type(exc).__name__}: {exc}")
                for name in candidates}


# --- sampling ----------------------------------------------------------------------------------

def _rng(r: Resolved, settings: Settings) -> np.random.Generator:
    return np.random.default_rng([settings.seed, zlib.crc32(r.claim.name.encode())])


def _size_draws(r: Resolved, rng, settings: Settings) -> list[dict]:
    if not r.sizes:
        return [{}]
    draws = []
    for _ in range(settings.size_draws):
        values = rng.choice(np.arange(2, 8), size=len(r.sizes), replace=False)
        draws.append({s: int(v) for s, v in zip(r.sizes, values)})
    return draws


def _shape(obj, sizes) -> tuple[int, ...]:
    if isinstance(obj, sp.MatrixSymbol):
        return tuple(int(sizes.get(d, d)) for d in obj.shape)
    return ()


def _sample(r: Resolved, free, sizes, rng, count: int) -> dict:
    batch = {}
    for obj in free:
        if obj in r.indices:
            upper = int(r.indices[obj].xreplace(sizes))
            batch[obj] = rng.integers(1, upper + 1, size=count).astype(float)
            continue
        domain = r.domain_of(obj)
        low = max(domain.low, 1e-3) if domain.kind == "positive" else domain.low
        batch[obj] = rng.uniform(low, domain.high, size=(count, *_shape(obj, sizes)))
    for fn, arity in r.functions.items():
        for part, scale in _INSTANCE.items():
            batch[f"{fn}{part}"] = rng.uniform(-scale, scale, size=(count, arity))
    return batch


# An arbitrary function of the text is checked on random smooth instances
# L(z) = sin(c·z + d0) + (e·z)² / 2 + exp(g·z) / 3, with fresh coefficients at every point.
_INSTANCE = {"#c": 1.5, "#e": 1.0, "#g": 0.5, "#d": 1.0}


def _instances(r: Resolved, point: dict) -> dict:
    out = {}
    for fn in r.functions:
        c, e, g, d = (point[f"{fn}{part}"] for part in ("#c", "#e", "#g", "#d"))

        def instance(*z, c=c, e=e, g=g, d=d):
            z = jnp.stack([jnp.asarray(v, dtype=float) for v in z])
            return jnp.sin(c @ z + d[0]) + 0.5 * (e @ z) ** 2 + jnp.exp(g @ z) / 3
        out[fn] = instance
    return out


def _fixed_point(r: Resolved) -> dict:
    if r.at is None or r.claim.kind in ("taylor",):
        return {}
    return {w: jnp.asarray(float(sp.N(a, 30))) for w, a in zip(r.wrt, r.at)}


def _free(r: Resolved) -> list:
    fixed = set(_fixed_point(r))
    skip = set(r.wrt) if (r.claim.kind == "taylor" and r.substitute) else set()
    return [s for s in (*r.samples, *r.indices) if s not in fixed and s not in skip]


# --- the truth, from the function alone --------------------------------------------------------

def _f(r: Resolved) -> Callable:
    return lambda env: jnp.squeeze(evaluate(alg.as_scalar(r.function), env))


def _grad_vector(r: Resolved, env, f) -> Any:
    def g(vec):
        return f({**env, **{w: vec[i] for i, w in enumerate(r.wrt)}})
    vec = jnp.stack([jnp.asarray(env[w], dtype=float) for w in r.wrt])
    return g, vec


def _truth(r: Resolved) -> Callable:
    f, kind = _f(r), r.claim.kind
    if kind == "gradient":
        def gradient(env):
            g, vec = _grad_vector(r, env, f)
            return jax.grad(g)(vec).reshape(-1, 1)
        return gradient
    if kind == "hessian":
        def hessian(env):
            g, vec = _grad_vector(r, env, f)
            return jax.hessian(g)(vec)
        return hessian
    if kind == "derivative":
        (v,) = r.wrt
        return lambda env: jax.grad(lambda val: f({**env, v: val}))(env[v])
    if kind == "taylor":
        return _taylor_truth(r, f)
    if kind == "value":
        return f
    if kind == "identity":
        return lambda env: evaluate(r.rhs, env)
    if kind == "approximation":
        return lambda env: _orders(r, r.lhs, env)
    raise ValueError(f"no numeric truth for kind {kind!r}")


def _candidate(r: Resolved) -> Callable:
    """How a candidate expression is compared: its value, or for an approximation its Taylor
    coefficients in the small quantities."""
    if r.claim.kind == "approximation":
        return lambda e, env: _orders(r, e, env)
    return evaluate


def _orders(r: Resolved, e, env):
    """d^j/dt^j e(small -> t*small) at t = 0, for j = 0..order: the terms of each order."""
    def along(t):
        return jnp.squeeze(evaluate(e, {**env, **{s: t * env[s] for s in r.small}}))
    out, fn = [along(0.0)], along
    for _ in range(r.claim.order):
        fn = jax.grad(fn)
        out.append(fn(0.0))
    return jnp.stack(out)


def _taylor_truth(r: Resolved, f) -> Callable:
    at = jnp.asarray([float(sp.N(a, 30)) for a in r.at])

    def taylor(env):
        here = {**env, **{w: at[i] for i, w in enumerate(r.wrt)}}
        g, _ = _grad_vector(r, here, f)
        xs = [evaluate(r.substitute.get(w, w), env) for w in r.wrt]
        step = jnp.stack([jnp.asarray(x, dtype=float) for x in xs]) - at
        value = g(at) + jax.grad(g)(at) @ step
        if r.claim.order == 2:
            value = value + 0.5 * step @ jax.hessian(g)(at) @ step
        return value
    return taylor


# --- comparison --------------------------------------------------------------------------------

def _compare_all(r: Resolved, candidates: dict[str, Any], settings: Settings):
    rng = _rng(r, settings)
    truth, fixed, free = _truth(r), _fixed_point(r), _free(r)
    exprs = dict(candidates)
    shaped = _candidate(r)
    count = settings.points if (free or r.functions) else 1
    results: dict[str, NumericEvidence] = {}
    draws = _size_draws(r, rng, settings)
    for sizes in draws:
        batch = _sample(r, free, sizes, rng, count)
        batch = batch or {_BATCH: np.zeros(1)}
        scope = {**fixed, **sizes}

        def values(point, scope=scope):
            env = {**scope, **_instances(r, point),
                   **{by_name[k]: v for k, v in point.items() if k in by_name}}
            return truth(env), {n: shaped(e, env) for n, e in exprs.items()}
        by_name = {str(k): k for k in batch if not isinstance(k, str)}
        batch = {str(k): v for k, v in batch.items()}
        run = jax.jit(jax.vmap(values))
        true, got = run({k: jnp.asarray(v) for k, v in batch.items()})
        for name in exprs:
            found = _judge_batch(true, got[name], batch, sizes, run, name, r, by_name, fixed)
            results[name] = _merge(results.get(name), found)
    return {name: _with_sizes(ev, draws) for name, ev in results.items()}


def _errors(true, got) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    true = np.asarray(true, dtype=float).reshape(len(true), -1)
    got = np.broadcast_to(np.asarray(got, dtype=float).reshape(len(got), -1), true.shape)
    finite = np.isfinite(true).all(axis=1)
    diff = np.where(np.isfinite(got), np.abs(got - true), np.inf).max(axis=1)
    scale = np.abs(true).max(axis=1)
    return diff, scale, finite


def _failing(true, got) -> np.ndarray:
    diff, scale, finite = _errors(true, got)
    return finite & (diff > ATOL + RTOL * scale)


def _judge_batch(true, got, batch, sizes, run, name, r, by_name, fixed) -> NumericEvidence:
    diff, scale, finite = _errors(true, got)
    fails = _failing(true, got)
    compared = int(finite.sum())
    rel = np.where(finite, diff / np.where(scale > 1e-12, scale, 1.0), 0.0)
    errors = tuple(float(f"{e:.6g}") for e in rel[finite])
    if not fails.any():
        return NumericEvidence("agrees", compared, max_error=float(rel.max(initial=0.0)),
                               detail=f"agrees at {_count(compared)}", errors=errors)
    index = int(np.argmax(fails))
    point = {k: v[index] for k, v in batch.items()}
    point, t, g = _shrink(point, batch, run, name, r, by_name)
    err = _relative(np.asarray(g), np.asarray(t))
    shown = {str(k): _plain(v) for k, v in fixed.items()}
    shown.update({k: _plain(v) for k, v in point.items()
                  if k in by_name and by_name[k] is not _BATCH})
    shown.update({str(k): int(v) for k, v in sizes.items()})
    return NumericEvidence("disagrees", compared, max_error=float(rel.max()), point=shown,
                           claimed=_plain(g), true=_plain(t), error=err,
                           detail=f"disagrees at {int(fails.sum())} of {_count(compared)}",
                           errors=errors)


def _shrink(point, batch, run, name, r, by_name):
    """The simplest variant of a failing point that still fails: zeros first, then integers,
    halves, and one, two, three decimals (the way Hypothesis shrinks floats)."""
    simple = {k: v for k, v in point.items() if k in by_name and by_name[k] not in r.indices}
    tries = [{**point, **p} for p in _simpler(simple)] + [point]
    tries = [p for p in tries
             if _inside({by_name[k]: v for k, v in p.items() if k in by_name}, r)]
    count = len(next(iter(batch.values())))
    tries = tries[-count:]
    padded = {k: np.stack([p[k] for p in tries] + [tries[-1][k]] * (count - len(tries)))
              for k in point}
    true, got = run({k: jnp.asarray(v) for k, v in padded.items()})
    fails = _failing(true, got[name])[:len(tries)]
    index = int(np.argmax(fails)) if fails.any() else len(tries) - 1
    return tries[index], np.asarray(true[index]), np.asarray(got[name][index])


def _simpler(point) -> list[dict]:
    """Candidates simpler than ``point``, simplest first."""
    whole = {k: np.round(v) for k, v in point.items()}
    out = [{k: np.zeros_like(v) for k, v in point.items()}]
    out += [{**whole, k: np.zeros_like(v)} for k, v in point.items()]
    for step in (1.0, 0.5, 0.1, 0.01, 0.001):
        out.append({k: np.round(v / step) * step for k, v in point.items()})
    return out


def _inside(point, r: Resolved) -> bool:
    for obj, value in point.items():
        if obj is _BATCH or obj in r.indices:
            continue
        domain = r.domain_of(obj)
        if not all(domain.contains(float(x)) for x in np.ravel(value)):
            return False
    return True


def _relative(got, true) -> float:
    """|got − true| relative to |true|, or absolute where the truth is (nearly) 0."""
    diff = float(np.max(np.abs(got - true)))
    scale = float(np.max(np.abs(true)))
    return diff / scale if scale > 1e-12 else diff


def _count(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _plain(value):
    array = np.asarray(value, dtype=float) + 0.0  # no "-0.0" in a counterexample
    if array.ndim == 0:
        return float(array)
    return array.tolist()


def _merge(old: NumericEvidence | None, new: NumericEvidence) -> NumericEvidence:
    if old is None:
        return new
    if old.status == "disagrees":
        return old
    if new.status == "disagrees":
        return new
    total = old.points + new.points
    return NumericEvidence("agrees", total, max_error=max(old.max_error, new.max_error),
                           detail=f"agrees at {_count(total)}", errors=old.errors + new.errors)


def _with_sizes(ev: NumericEvidence, draws) -> NumericEvidence:
    sizes = tuple({str(k): v for k, v in d.items()} for d in draws if d)
    detail = ev.detail + (" (sizes " + "; ".join(", ".join(f"{k}={v}" for k, v in d.items())
                                                  for d in sizes) + ")" if sizes else "")
    return replace(ev, sizes=sizes, detail=detail)


# --- critical points ---------------------------------------------------------------------------

def _critical(r: Resolved, settings: Settings) -> NumericEvidence:
    """Each claimed point has a zero gradient, and Newton's method started from many random
    points finds no other zero."""
    f = _f(r)

    def g(vec):
        return f({w: vec[i] for i, w in enumerate(r.wrt)})
    grad, hess = jax.jit(jax.grad(g)), jax.hessian(g)
    for p in r.points:
        vec = jnp.asarray([float(sp.N(c, 30)) for c in p])
        norm = float(jnp.max(jnp.abs(grad(vec))))
        if norm > 1e-8 * (1 + abs(float(g(vec)))):
            return NumericEvidence("disagrees", len(r.points),
                                   point=dict(zip(map(str, r.wrt), map(float, vec))),
                                   claimed=0.0, true=norm, error=norm,
                                   detail=f"the gradient is {norm:.6g}, not 0, at a claimed"
                                          " critical point")
    rng = _rng(r, settings)
    lows = [r.domain_of(w).low for w in r.wrt]
    highs = [r.domain_of(w).high for w in r.wrt]
    starts = rng.uniform(lows, highs, size=(settings.points, len(r.wrt)))

    def newton(x):
        def step(x, _):
            return x - jnp.linalg.solve(hess(x), grad(x)), None
        return jax.lax.scan(step, x, None, length=60)[0]
    ends = np.asarray(jax.jit(jax.vmap(newton))(jnp.asarray(starts)))
    claimed = np.asarray([[float(sp.N(c, 30)) for c in p] for p in r.points])
    for end in ends:
        if not np.isfinite(end).all() or np.max(np.abs(np.asarray(grad(end)))) > 1e-9:
            continue
        if not _inside(dict(zip(r.wrt, end)), r):
            continue
        if not len(claimed) or np.min(np.max(np.abs(claimed - end), axis=1)) > 1e-4:
            return NumericEvidence("disagrees", len(ends),
                                   point=dict(zip(map(str, r.wrt), map(float, end))),
                                   claimed="not listed", true=0.0,
                                   detail="Newton's method found a critical point the text"
                                          " does not list")
    return NumericEvidence("agrees", len(ends),
                           detail=f"the gradient vanishes at the {len(r.points)} claimed points"
                                  f" and Newton's method from {len(ends)} random starts found"
                                  " no other")


# --- extrema -----------------------------------------------------------------------------------

def _extremum(r: Resolved, settings: Settings) -> NumericEvidence:
    """Compare f at the point with f at random points near it (local) or over the domain
    (global): a minimum has none lower, a maximum none higher, 'neither' has both."""
    f = _f(r)
    g = jax.jit(jax.vmap(lambda vec: f({w: vec[i] for i, w in enumerate(r.wrt)})))
    at = np.asarray([float(sp.N(a, 30)) for a in r.at])
    rng = _rng(r, settings)
    radii = np.geomspace(1e-4, 1e-1, 8)
    near = at + rng.normal(size=(settings.points * 4, len(at))) * np.repeat(
        radii, settings.points // 2)[:settings.points * 4, None]
    points = near
    if r.claim.scope == "global":
        lows = [r.domain_of(w).low for w in r.wrt]
        highs = [r.domain_of(w).high for w in r.wrt]
        points = np.vstack([near, rng.uniform(lows, highs, size=(settings.points * 4, len(at)))])
    values = np.asarray(g(jnp.asarray(points)))
    here = float(np.asarray(g(jnp.asarray(at[None, :])))[0])
    tol = 1e-12 * max(1.0, abs(here))
    lower, higher = values < here - tol, values > here + tol
    nature = r.claim.nature
    bad = {"minimum": lower, "maximum": higher}.get(nature)
    names = list(map(str, r.wrt))
    if bad is not None and bad.any():
        k = int(np.argmax(bad))
        other = dict(zip(names, map(float, points[k])))
        word = "lower" if nature == "minimum" else "higher"
        return NumericEvidence(
            "disagrees", len(points), point=other, claimed=here, true=float(values[k]),
            detail=f"f is {word} elsewhere than at the claimed {r.claim.scope} {nature}",
            message=f"JAX: f = {fmt_value(float(values[k]))} at {_where(other)} is {word} than"
                    f" f = {fmt_value(here)} at the claimed {r.claim.scope} {nature}"
                    f" {_where(dict(zip(names, map(float, at))))}")
    if nature == "neither" and not (lower.any() and higher.any()):
        side = "lower" if not lower.any() else "higher"
        return NumericEvidence("disagrees", len(points), point=dict(zip(names, map(float, at))),
                               claimed="neither", true=here,
                               detail=f"no sampled point near it is {side}: it looks like an"
                                      " extremum",
                               message=f"JAX: no point sampled near {_where(dict(zip(names, at)))}"
                                       f" has a {side} value of f: it looks like an extremum")
    return NumericEvidence("agrees", len(points),
                           detail=f"f at {len(points)} points {'near it' if r.claim.scope == 'local' else 'near it and over the domain'} is as a {nature} requires")


def _where(point: dict) -> str:
    return "(" + ", ".join(f"{k}={fmt_value(float(v))}" for k, v in point.items()) + ")"
