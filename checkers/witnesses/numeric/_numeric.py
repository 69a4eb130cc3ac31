"""The numeric witness: JAX autodiff of the function itself against the claimed expression,
at many random points drawn from the domains, seeded, batched with vmap, compiled once per size.

What JAX computes as the truth is said by each claim kind (``checkers.kinds``), which hands it
to ``compare``; the sampling, the comparison and the shrinking of a failing point are here.

It never imports the symbolic witness. Matrix variables get random distinct sizes (non-square),
so a missing transpose cannot hide. A failing point is shrunk toward integers and short
decimals while it still fails, so the counterexample a person reads is simple.
"""

from __future__ import annotations

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
from ._sampling import BATCH as _BATCH, inside, sample, size_draws  # noqa: E402
from ._sampling import generator as _stream  # noqa: E402
from ._calculus import approximated  # noqa: E402
from ._tojax import evaluate  # noqa: E402

RTOL, ATOL = 1e-7, 1e-9
"""|claimed − true| ≤ RTOL·max(|claimed|, |true|) + ATOL at every entry (the magnitudes are
the largest entry of each side at that point): a tolerance relative to the values, so large
values create no false alarm, and an absolute floor where both are (nearly) 0."""
ROUNDS = 4
"""Points where a side is not finite are drawn again inside the domain, at most this often."""


@dataclass(frozen=True)
class NumericEvidence:
    """``status``: agrees, disagrees, insufficient (too few points where both sides are
    finite to say it agrees), error or skipped. On disagreement, ``point`` is the
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
    dropped: int = 0
    """Points not compared: a side was not finite there in every draw (resampled, not passes)."""


def compile_into(folder) -> bool:
    """Keep JAX's compiled programs in ``folder`` (JAX's persistent compilation cache), so that a
    second run compiles nothing it compiled before: the same traced program gives the same
    compiled code, hence the same numbers, read back instead of compiled again. Every compile is
    kept (the default keeps only those over a second; a claim's take ~0.1-0.5 s). JAX reads the
    setting at its first compile: a later call with another folder changes nothing. Returns
    whether this call set it."""
    if folder is None or jax.config.jax_compilation_cache_dir is not None:
        return False
    jax.config.update("jax_compilation_cache_dir", str(folder))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return True


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    points: int = 64
    size_draws: int = 2
    rtol: float = RTOL
    atol: float = ATOL
    """The tolerance (a claim may set its own, with a reason: ``model.Tolerance``)."""


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



# --- sampling (where: ``_sampling``) ------------------------------------------------------------

def generator(r: Resolved, settings: Settings) -> np.random.Generator:
    """The claim's own seeded random generator."""
    return _stream(r, settings.seed)


def minimum_points(settings: Settings) -> int:
    """The fewest valid points (both sides finite) that can count as agreement."""
    return max(8, settings.points // 4)


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
    """The variables ``wrt`` held at the point ``at`` (none when ``at`` is None): a number, or
    a coordinate written in other variables, which ``compare`` evaluates at each drawn point."""
    if at is None:
        return {}
    return {w: a if _moving(a) else jnp.asarray(number(a)) for w, a in zip(wrt, at)}


def _moving(value) -> bool:
    """A coordinate written in other variables (a SymPy expression with free symbols)."""
    return isinstance(value, sp.Basic) and bool(value.free_symbols)


def at_point(point, env: dict):
    """The coordinates of a point (numbers or expressions in other variables) at ``env``."""
    return jnp.stack([jnp.asarray(evaluate(a, env) if _moving(a) else number(a), dtype=float)
                      for a in point])


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
            fixed: dict | None = None, skip: Iterable = (), shaped: Callable = evaluate,
            nonfinite_fails: bool = True) -> dict[str, NumericEvidence]:
    """Each candidate against ``truth`` (environment -> true value) at random points: the
    variables in ``fixed`` are held at their values and those in ``skip`` are not drawn;
    ``shaped(expr, env)`` is what is compared of a candidate (by default its value).

    The rules: a point where either side is not finite is drawn again inside the domain (at
    most ``ROUNDS`` times) and never counted as a pass; a candidate that stays non-finite where
    the truth is finite through every draw fails (``nonfinite_fails``; a kind that evaluates at
    a removable singularity turns it off; a candidate with an integral, a limit or a series is
    NaN where its approximation did not settle, which never fails it); fewer than
    ``minimum_points`` valid points is "insufficient", never agreement."""
    with np.errstate(all="ignore"):  # non-finite values are expected here, and handled
        fixed = fixed or {}
        free = _free(r, fixed, skip)
        count = settings.points if (free or r.functions) else 1
        draws = size_draws(r, generator(r, settings), settings.size_draws)
        results: dict[str, NumericEvidence] = {}
        for number_, sizes in enumerate(draws):
            rng = _stream(r, settings.seed, 1 + number_)
            found = _one_draw(r, dict(candidates), sizes, rng, count, free, fixed, truth,
                              shaped, nonfinite_fails, (settings.rtol, settings.atol))
            for name, ev in found.items():
                results[name] = _merge(results.get(name), ev)
        need = min(minimum_points(settings), count * len(draws))
        return {name: _with_tolerance(_with_sizes(_enough(ev, need), draws), settings)
                for name, ev in results.items()}


@dataclass
class _Kept:
    """One candidate's first valid evaluation at each position of the batch."""

    valid: np.ndarray
    true: np.ndarray
    got: np.ndarray
    point: dict
    stuck: np.ndarray  # never valid, and the claimed side not finite where the truth is
    shapes: tuple = ((), ())  # of one point's true and claimed values

    def shown(self, index: int) -> tuple[Any, Any]:
        """The true and claimed values at a position, in their own shapes."""
        return (_plain(self.true[index].reshape(self.shapes[0])),
                _plain(self.got[index][:int(np.prod(self.shapes[1]))].reshape(self.shapes[1])))


def _one_draw(r, exprs, sizes, rng, count, free, fixed, truth, shaped, nonfinite_fails, tol):
    batch = sample(r, free, sizes, rng, count) or {_BATCH: np.zeros(1)}
    by_name = {str(k): k for k in batch if not isinstance(k, str)}
    batch = {str(k): np.asarray(v) for k, v in batch.items()}
    moving = {w: e for w, e in fixed.items() if _moving(e)}
    scope = {**{w: v for w, v in fixed.items() if w not in moving}, **sizes}

    def values(point):
        env = {**scope, **_instances(r, point),
               **{by_name[k]: v for k, v in point.items() if k in by_name}}
        env.update({w: jnp.asarray(evaluate(e, env), dtype=float) for w, e in moving.items()})
        return truth(env), {n: shaped(e, env) for n, e in exprs.items()}
    run = jax.jit(jax.vmap(values))
    kept = _resample(r, free, sizes, rng, count, batch, run, list(exprs))
    return {name: _judge(kept[name], sizes, run, name, r, by_name, fixed,
                         nonfinite_fails and not approximated(exprs[name]), tol)
            for name in exprs}


def _evaluate(run, batch: dict, names) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The true and each candidate's values, one row per point (flattened: entries compare
    in order, whatever the shape; ``shapes`` gives a point's values back their shape)."""
    true, got = run({k: jnp.asarray(v) for k, v in batch.items()})
    true = _flat(true)
    return true, {n: np.broadcast_to(_flat(got[n]), true.shape) for n in names}


def _shapes(run, batch, name) -> tuple:
    true, got = jax.eval_shape(run, {k: jnp.asarray(v) for k, v in batch.items()})
    return true.shape[1:], got[name].shape[1:]


def _flat(value) -> np.ndarray:
    value = np.asarray(value, dtype=float)
    return value.reshape(len(value), -1)


def _resample(r, free, sizes, rng, count, batch, run, names) -> dict[str, _Kept]:
    """Evaluate, and draw again (inside the domain) the positions where a side is not finite:
    each candidate keeps its first valid value at each position."""
    true, got = _evaluate(run, batch, names)
    kept = {n: _Kept(np.zeros(len(true), bool), true.copy(), got[n].copy(),
                     {k: v.copy() for k, v in batch.items()}, np.zeros(len(true), bool),
                     _shapes(run, batch, n))
            for n in names}
    rounds = ROUNDS if (free or r.functions) else 0
    for round_ in range(rounds + 1):
        finite = np.isfinite(true).all(axis=1)
        for n in names:
            _keep(kept[n], finite & np.isfinite(got[n]).all(axis=1), true, got[n], batch)
            kept[n].stuck = ~kept[n].valid & finite & ~np.isfinite(got[n]).all(axis=1)
        again = ~finite | np.any([~kept[n].valid for n in names], axis=0)
        if round_ == rounds or not again.any():
            break
        fresh = {str(k): v for k, v in sample(r, free, sizes, rng, count).items()}
        batch = {k: np.where(again.reshape(-1, *([1] * (v.ndim - 1))), np.asarray(fresh[k]), v)
                 for k, v in batch.items()} if fresh else batch
        true, got = _evaluate(run, batch, names)
    return kept


def _keep(kept: _Kept, ok: np.ndarray, true, got, batch) -> None:
    new = ok & ~kept.valid
    kept.true[new], kept.got[new] = true[new], got[new]
    for k, v in batch.items():
        kept.point[k][new] = v[new]
    kept.valid |= ok


def _tolerance(true, got, tol=(RTOL, ATOL)) -> tuple[np.ndarray, np.ndarray]:
    """The largest difference at each point and what it may be (``tol``: relative, absolute;
    by default ``RTOL``, ``ATOL``)."""
    diff = np.abs(got - true).max(axis=1, initial=0.0)
    scale = np.maximum(np.abs(true).max(axis=1, initial=0.0), np.abs(got).max(axis=1, initial=0.0))
    return diff, tol[1] + tol[0] * scale


def _failing(true, got, tol=(RTOL, ATOL)) -> np.ndarray:
    """Where both sides are finite and differ by more than the tolerance."""
    finite = np.isfinite(true).all(axis=1) & np.isfinite(got).all(axis=1)
    diff, allowed = _tolerance(np.where(finite[:, None], true, 0.0),
                               np.where(finite[:, None], got, 0.0), tol)
    return finite & (diff > allowed)


def _judge(kept: _Kept, sizes, run, name, r, by_name, fixed, nonfinite_fails, tol
           ) -> NumericEvidence:
    true, got, valid = kept.true[kept.valid], kept.got[kept.valid], kept.valid
    compared, dropped = int(valid.sum()), int((~valid).sum())
    diff, _ = _tolerance(true, got)
    scale = np.abs(true).max(axis=1, initial=0.0)
    rel = diff / np.where(scale > 1e-12, scale, 1.0)
    errors = tuple(float(f"{e:.6g}") for e in rel)
    max_error = float(rel.max(initial=0.0))
    fails = _failing(kept.true, kept.got, tol) & valid
    shown = {str(k): _plain(v) for k, v in fixed.items() if not _moving(v)}
    if fails.any():
        index = int(np.argmax(fails))
        point = {k: v[index] for k, v in kept.point.items()}
        point, t, g = _shrink(point, kept, run, name, r, by_name, tol)
        shown.update(_shown(point, by_name, sizes))
        shown.update(_placed(fixed, point, by_name, sizes))
        return NumericEvidence("disagrees", compared, max_error=max_error, point=shown,
                               claimed=g, true=t, error=_relative(g, t),
                               detail=f"disagrees at {int(fails.sum())} of {_count(compared)}",
                               errors=errors, dropped=dropped)
    if nonfinite_fails and kept.stuck.any():
        index = int(np.argmax(kept.stuck))
        at = {k: v[index] for k, v in kept.point.items()}
        shown.update(_shown(at, by_name, sizes))
        shown.update(_placed(fixed, at, by_name, sizes))
        stuck, (t, g) = int(kept.stuck.sum()), kept.shown(index)
        return NumericEvidence(
            "disagrees", compared, max_error=max_error, point=shown,
            claimed=g, true=t, error=float("inf"),
            detail=f"the claimed side is not finite where the true side is, at {_count(stuck)}"
                   f" (it stayed so through {ROUNDS} new draws of each)",
            message=f"JAX: the claimed side is not finite where the true side is finite, and"
                    f" stayed so through {ROUNDS} new draws inside the domain ({_count(stuck)};"
                    f" e.g. at {_said(shown)}: claimed {fmt_value(g, limit=60)},"
                    f" true {fmt_value(t, limit=60)})",
            errors=errors, dropped=dropped)
    return NumericEvidence("agrees", compared, max_error=max_error,
                           detail=f"agrees at {_count(compared)}", errors=errors, dropped=dropped)


def _shown(point: dict, by_name, sizes) -> dict:
    shown = {k: _plain(v) for k, v in point.items() if k in by_name and by_name[k] is not _BATCH}
    shown.update({str(k): int(v) for k, v in sizes.items()})
    return shown


def _placed(fixed: dict, point: dict, by_name, sizes) -> dict:
    """The coordinates written in other variables, at a drawn point."""
    env = {**sizes, **{by_name[k]: v for k, v in point.items() if k in by_name}}
    return {str(w): _plain(evaluate(e, env)) for w, e in fixed.items() if _moving(e)}


def _said(point: dict) -> str:
    return "(" + ", ".join(f"{k}={fmt_value(v, limit=40)}" for k, v in point.items()) + ")"


def _shrink(point, kept: _Kept, run, name, r, by_name, tol):
    """The simplest variant of a failing point that still fails, where both sides are finite:
    zeros first, then integers, halves, and one, two, three decimals (the way Hypothesis
    shrinks floats). A variant where a side is not finite (a singular point) is never taken.
    Returns the point and its true and claimed values (in their shapes)."""
    simple = {k: v for k, v in point.items() if k in by_name and by_name[k] not in r.indices}
    tries = [{**point, **p} for p in _simpler(simple)] + [point]
    tries = [p for p in tries
             if inside({by_name[k]: v for k, v in p.items() if k in by_name}, r)]
    count = len(next(iter(kept.point.values())))
    tries = tries[-count:]
    padded = {k: np.stack([p[k] for p in tries] + [tries[-1][k]] * (count - len(tries)))
              for k in point}
    true, got = _evaluate(run, padded, [name])
    fails = _failing(true, got[name], tol)[:len(tries)]
    index = int(np.argmax(fails)) if fails.any() else len(tries) - 1
    shrunk = replace(kept, true=true, got=got[name])
    return (tries[index], *shrunk.shown(index))


def _simpler(point) -> list[dict]:
    """Candidates simpler than ``point``, simplest first."""
    whole = {k: np.round(v) for k, v in point.items()}
    out = [{k: np.zeros_like(v) for k, v in point.items()}]
    out += [{**whole, k: np.zeros_like(v)} for k, v in point.items()]
    for step in (1.0, 0.5, 0.1, 0.01, 0.001):
        out.append({k: np.round(v / step) * step for k, v in point.items()})
    return out


def _relative(got, true) -> float:
    """|got − true| relative to |true|, or absolute where the truth is (nearly) 0."""
    got, true = np.asarray(got, dtype=float), np.asarray(true, dtype=float)
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
                           detail=f"agrees at {_count(total)}", errors=old.errors + new.errors,
                           dropped=old.dropped + new.dropped)


def _enough(ev: NumericEvidence, need: int) -> NumericEvidence:
    """Agreement at fewer than ``need`` valid points is no agreement: "insufficient"."""
    if ev.status != "agrees" or ev.points >= need:
        return ev
    return replace(ev, status="insufficient",
                   detail=f"too few valid points: both sides are finite at only"
                          f" {_count(ev.points)} (at least {need} needed; {ev.dropped} dropped"
                          f" where a side stayed non-finite through {ROUNDS} new draws inside"
                          f" the domain)")


def _with_tolerance(ev: NumericEvidence, settings: Settings) -> NumericEvidence:
    """The detail says a tolerance other than the default."""
    if (settings.rtol, settings.atol) == (RTOL, ATOL):
        return ev
    return replace(ev, detail=f"{ev.detail} (tolerance rtol={settings.rtol:g},"
                              f" atol={settings.atol:g})")


def _with_sizes(ev: NumericEvidence, draws) -> NumericEvidence:
    sizes = tuple({str(k): v for k, v in d.items()} for d in draws if d)
    detail = ev.detail + (" (sizes " + "; ".join(", ".join(f"{k}={v}" for k, v in d.items())
                                                  for d in sizes) + ")" if sizes else "")
    return replace(ev, sizes=sizes, detail=detail)
