"""The numeric witness: JAX autodiff of the function itself against the claimed expression,
at many random points drawn from the domains, seeded, batched with vmap, compiled once per size.

What JAX computes as the truth is said by each claim kind (``checkers.kinds``), which hands it
to ``compare``; the sampling, the comparison and the shrinking of a failing point are here.

It never imports the symbolic witness. Matrix variables get random distinct sizes (non-square),
so a missing transpose cannot hide. A failing point is shrunk toward integers and short
decimals while it still fails, so the counterexample a person reads is simple.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable

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


Check = Callable[[Resolved, "dict[str, Any]", Settings], "dict[str, NumericEvidence]"]


def witness(r: Resolved, candidates: dict[str, Any], settings: Settings, check: Check
            ) -> dict[str, NumericEvidence]:
    """``check``'s evidence for each candidate expression (by name); an expression JAX cannot
    evaluate gives error evidence, never an exception.

    The candidates fail independently: they are compiled together (one compilation), and when
    that fails each is evaluated alone, so that one unreadable candidate (SymPy's form, say)
    never turns the claimed side's evidence into an error. Every call draws the same points
    (the claim's own seed), so a candidate's evidence is the same alone or together."""
    if len(candidates) > 1:
        try:
            return check(r, candidates, settings)
        except Exception:  # noqa: BLE001 - one of them cannot be evaluated: each alone
            pass
    found: dict[str, NumericEvidence] = {}
    for name, expr in candidates.items():
        try:
            found.update(check(r, {name: expr}, settings))
        except Exception as exc:  # an expression JAX cannot evaluate: evidence, not a crash
            found[name] = NumericEvidence("error", detail=f"{type(exc).__name__}: {exc}")
    return found


# --- sampling ----------------------------------------------------------------------------------

def generator(r: Resolved, settings: Settings) -> np.random.Generator:
    """The claim's own seeded random generator."""
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


def number(value) -> float:
    """A SymPy number as a float, evaluated to 30 digits first."""
    return float(sp.N(value, 30))


def fixed_point(wrt, at) -> dict:
    """The variables ``wrt`` held at the point ``at`` (none when ``at`` is None)."""
    if at is None:
        return {}
    return {w: jnp.asarray(number(a)) for w, a in zip(wrt, at)}


def _free(r: Resolved, fixed, skip) -> list:
    skip = set(fixed) | set(skip)
    return [s for s in (*r.samples, *r.indices) if s not in skip]


# --- the truth, from the function alone --------------------------------------------------------

def function_of(expr) -> Callable:
    """A scalar expression as a function of an environment (symbol -> value)."""
    return lambda env: jnp.squeeze(evaluate(alg.as_scalar(expr), env))


def along(wrt, env, f) -> tuple[Callable, Any]:
    """``f`` as a function of the vector of ``wrt`` (the rest of ``env`` held), and that vector
    at ``env``."""
    def g(vec):
        return f({**env, **{w: vec[i] for i, w in enumerate(wrt)}})
    vec = jnp.stack([jnp.asarray(env[w], dtype=float) for w in wrt])
    return g, vec


# --- comparison --------------------------------------------------------------------------------

def compare(r: Resolved, candidates: dict[str, Any], settings: Settings, *, truth: Callable,
            fixed: dict | None = None, skip: Iterable = (), shaped: Callable = evaluate
            ) -> dict[str, NumericEvidence]:
    """Each candidate against ``truth`` (environment -> true value) at random points: the
    variables in ``fixed`` are held at their values and those in ``skip`` are not drawn;
    ``shaped(expr, env)`` is what is compared of a candidate (by default its value)."""
    rng = generator(r, settings)
    fixed = fixed or {}
    free = _free(r, fixed, skip)
    exprs = dict(candidates)
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
             if inside({by_name[k]: v for k, v in p.items() if k in by_name}, r)]
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


def inside(point, r: Resolved) -> bool:
    """Every value of ``point`` (symbol -> value) lies in its variable's domain."""
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
