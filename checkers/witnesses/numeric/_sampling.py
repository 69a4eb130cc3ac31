"""Where the numeric witness looks: seeded random points inside each variable's domain, drawn
across magnitudes, and distinct random sizes for the named sizes.

A real variable is drawn half from the unit range of its domain (uniform on [low, high]) and
half across magnitudes (±10^U(−3, 1), log-spaced: small, unit and larger values), so a claim
false only for 2 < |x| ≤ 10 or only near 0 is caught. Larger magnitudes are not drawn: in
float64, cancellation makes true identities fail there (cosh(x)² − sinh(x)² is 7e287 at
x = −351), and a false alarm is worse than a claim left to SymPy. A positive or non-negative variable draws the
same magnitudes without the sign; an interval is drawn only inside itself. A matrix or vector is
scaled as a whole (one magnitude per draw), which keeps its conditioning: a large matrix is as
well conditioned as a unit one, so magnitude creates no false alarm of an inverse.
"""

from __future__ import annotations

import zlib

import numpy as np
import sympy as sp

from ...readers._resolve import Resolved

BATCH = sp.Dummy("batch")  # carries the batch axis when a claim has no free variable
MAGNITUDES = (-3.0, 1.0)   # the decades of the log-spaced half: 10^-3 .. 10^1


def generator(r: Resolved, seed: int, *stream: int) -> np.random.Generator:
    """The claim's own seeded random generator (``stream`` numbers independent streams)."""
    return np.random.default_rng([seed, zlib.crc32(r.claim.name.encode()), *stream])


def size_draws(r: Resolved, rng, count: int) -> list[dict]:
    """``count`` assignments of distinct sizes in 2..7 to the named sizes, no two alike."""
    if not r.sizes:
        return [{}]
    draws: list[dict] = []
    for _ in range(count * 8):  # bounded: distinct draws are almost always found at once
        values = rng.choice(np.arange(2, 8), size=len(r.sizes), replace=False)
        draw = {s: int(v) for s, v in zip(r.sizes, values)}
        if draw not in draws:
            draws.append(draw)
        if len(draws) == count:
            break
    return draws


def shape(obj, sizes) -> tuple[int, ...]:
    if isinstance(obj, sp.MatrixSymbol):
        return tuple(int(sizes.get(d, d)) for d in obj.shape)
    return ()


def sample(r: Resolved, free, sizes, rng, count: int) -> dict:
    """``count`` points: symbol (or instance coefficient name) -> array of values."""
    batch = {}
    for obj in free:
        if obj in r.indices:
            upper = int(r.indices[obj].xreplace(sizes))
            batch[obj] = rng.integers(1, upper + 1, size=count).astype(float)
            continue
        batch[obj] = _values(r.domain_of(obj), rng, (count, *shape(obj, sizes)))
    for fn, arity in r.functions.items():
        for part, scale in INSTANCE.items():
            batch[f"{fn}{part}"] = rng.uniform(-scale, scale, size=(count, arity))
    return batch


def _values(domain, rng, size: tuple[int, ...]) -> np.ndarray:
    if domain.structured:
        return _structured(domain.kind, rng, size)
    if domain.kind == "integer":
        return rng.integers(int(domain.low), int(domain.high) + 1, size=size).astype(float)
    if domain.kind == "interval":
        return rng.uniform(domain.low, domain.high, size=size)
    signed = domain.kind == "real"
    low = domain.low if signed else max(domain.low, 1e-3)
    unit = rng.uniform(low, domain.high, size=size)
    whole = (size[0],) + (1,) * (len(size) - 1)    # one magnitude per point of a matrix
    magnitude = 10.0 ** rng.uniform(*MAGNITUDES, size=whole)
    if signed:
        spread = rng.uniform(-1.0, 1.0, size=size) * magnitude
    else:
        spread = rng.uniform(0.1, 1.0, size=size) * magnitude
    return np.where(rng.random(whole) < 0.5, unit, spread)


def _structured(kind: str, rng, size: tuple[int, ...]) -> np.ndarray:
    """``count`` square matrices of a structure: symmetric (A + Aᵀ)/2, positive-definite
    AAᵀ/n + I/10, orthogonal (the Q of A's QR, signs fixed by R's diagonal), diagonal."""
    count, n = size[0], size[1]
    a = rng.normal(size=(count, n, n))
    if kind == "symmetric":
        return (a + np.swapaxes(a, 1, 2)) / 2
    if kind == "posdef":
        return a @ np.swapaxes(a, 1, 2) / n + np.eye(n) / 10
    if kind == "orthogonal":
        q, r = np.linalg.qr(a)
        return q * np.sign(np.diagonal(r, axis1=1, axis2=2))[:, None, :]
    return a * np.eye(n)


def _structure_holds(kind: str, m: np.ndarray) -> bool:
    """A (shrunk) matrix still has its declared structure."""
    tol = 1e-9 * max(1.0, float(np.abs(m).max(initial=0.0)))
    if kind in ("symmetric", "posdef") and not np.allclose(m, m.T, atol=tol, rtol=0):
        return False
    if kind == "posdef":
        return bool(np.linalg.eigvalsh((m + m.T) / 2).min() > 0)
    if kind == "orthogonal":
        return bool(np.allclose(m.T @ m, np.eye(len(m)), atol=1e-9))
    if kind == "diagonal":
        return bool(np.allclose(m, np.diag(np.diagonal(m)), atol=0))
    return True


# An arbitrary function of the text is checked on random smooth instances
# L(z) = sin(c·z + d0) + (e·z)² / 2 + exp(g·z) / 3, with fresh coefficients at every point.
INSTANCE = {"#c": 1.5, "#e": 1.0, "#g": 0.5, "#d": 1.0}


def inside(point, r: Resolved) -> bool:
    """Every value of ``point`` (symbol -> value) lies in its variable's domain."""
    for obj, value in point.items():
        if obj is BATCH or obj in r.indices:
            continue
        domain = r.domain_of(obj)
        if domain.structured and not _structure_holds(domain.kind, np.asarray(value, float)):
            return False
        if not all(domain.contains(float(x)) for x in np.ravel(value)):
            return False
    return True
