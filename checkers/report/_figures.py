"""Figures of the discrepancy report (matplotlib, drawn without pyplot, byte-stable SVG).

- ``taylor-slices``: for a claim whose kind gives slices (``Kind.slices``: a Taylor polynomial),
  the function, the claimed and the true approximation along 1-D slices through the expansion
  point (one panel per variable, the other variables held at the point), evaluated with
  ``checkers.witnesses.numeric._tojax.evaluate``.
- ``errors``: the error of the claimed expression at every sampled point (``numeric.errors``),
  on a log scale, with the tolerance.
- ``error-order``: for an approximation, the error lhs − rhs along the counterexample's line
  (small → t·small) as t shrinks, log-log, from the terms that differ (``_explain``), beside
  the order it should have.

Every figure has a fixed size, a fixed ``svg.hashsalt``, text kept as text and no date or
creator metadata, so the same verdicts give byte-identical SVG. matplotlib is optional: without
it the report has no figures (``available()`` says so).
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import numpy as np

SIZE = (8.0, 3.0)
TOLERANCE = 1e-7  # the numeric witness's relative tolerance (RTOL)
_FLOOR = 1e-17    # where an exact 0 is drawn on the log scale
_RC = {
    "svg.hashsalt": "derivcheck",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100.0,
    "savefig.dpi": 100.0,
    "path.simplify": True,
}
_METADATA = {"Date": None, "Creator": "derivcheck", "Type": None, "Format": None}
COLORS = {"function": "#1f2937", "claimed": "#c0392b", "true": "#2563eb", "point": "#6b7280"}


def available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def plan(verdict, resolved) -> str | None:
    """Which figure a discrepancy gets (``taylor-slices`` or ``errors``), or None."""
    if not available():
        return None
    if resolved is not None and _slices_of(verdict, resolved) is not None:
        return "taylor-slices"
    numeric = verdict.numeric
    if numeric is not None and len(getattr(numeric, "errors", ()) or ()) >= 2:
        return "errors"
    return None


def _slices_of(verdict, r):
    from ..kinds import kind_of

    return kind_of(r.claim).slices(r, getattr(verdict.symbolic, "derived", None))


def render(kind: str, verdict, resolved, title: str) -> str:
    """The figure as an SVG document (text); ``title`` is its SVG title (the claim's name)."""
    import io

    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=SIZE)
        if kind == "taylor-slices":
            _slices(fig, verdict, _slices_of(verdict, resolved))
        elif kind == "error-order":
            _error_order(fig, verdict)
        else:
            _errors(fig, verdict)
        fig.tight_layout(rect=(0, 0, 1, 0.93 if kind == "taylor-slices" else 1))
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={**_METADATA, "Title": title})
    return out.getvalue()


# --- taylor slices -----------------------------------------------------------------------------

def _values(expr, env, shape):
    import jax.numpy as jnp

    from ..algebra import _shapes as alg
    from ..witnesses.numeric import _numeric  # noqa: F401  (float64 in JAX, as the witness computes)
    from ..witnesses.numeric._tojax import evaluate

    value = np.asarray(evaluate(alg.as_scalar(expr), {k: jnp.asarray(v) for k, v in env.items()}),
                       dtype=float)
    return np.broadcast_to(value.reshape(value.shape or ()), shape)


def _slices(fig, verdict, s) -> None:
    """``s``: the kind's Slices (function, truth, claimed, wrt, at)."""
    import sympy as sp

    at = [float(sp.N(a, 30)) for a in s.at]
    curves = (("function", s.function, "f", "-"), ("true", s.truth, "true approximation", "-"),
              ("claimed", s.claimed, "claimed", "--"))
    axes = fig.subplots(1, len(s.wrt), squeeze=False)[0]
    for k, (var, ax) in enumerate(zip(s.wrt, axes)):
        grid = np.linspace(at[k] - 2.0, at[k] + 2.0, 161)
        env = {w: (grid if i == k else np.full_like(grid, at[i])) for i, w in enumerate(s.wrt)}
        drawn = []
        for role, expr, label, style in curves:
            y = _values(expr, env, grid.shape)
            drawn.append(y)
            ax.plot(grid, y, style, color=COLORS[role], lw=1.6 if role != "function" else 1.3,
                    label=label)
        _limits(ax, drawn)
        ax.axvline(at[k], color=COLORS["point"], lw=0.8, ls=":")
        fixed = ", ".join(f"{w} = {at[i]:g}" for i, w in enumerate(s.wrt) if i != k)
        where = f"{var} = {at[k]:g}"
        ax.set_title(f"along {var}" + (f" ({fixed})" if fixed else "") + f"; point {where}")
        ax.set_xlabel(str(var))
        ax.grid(alpha=0.25)
        _mark_counterexample(ax, verdict, s, k)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=3, fontsize=8, frameon=False)


def _limits(ax, drawn) -> None:
    """y-limits that show the function and the approximations near the point, not a far-off
    quadratic that runs away."""
    values = np.concatenate([d[np.isfinite(d)] for d in drawn] or [np.zeros(1)])
    if not values.size:
        return
    low, high = np.percentile(values, [2, 98])
    span = max(high - low, 1e-9)
    ax.set_ylim(low - 0.1 * span, high + 0.1 * span)


def _mark_counterexample(ax, verdict, s, k: int) -> None:
    numeric = verdict.numeric
    point = getattr(numeric, "point", None) or {}
    names = [str(w) for w in s.wrt]
    if getattr(numeric, "status", "") != "disagrees" or not all(n in point for n in names):
        return
    try:
        coords = [float(point[n]) for n in names]
        claimed, true = float(numeric.claimed), float(numeric.true)
    except (TypeError, ValueError):
        return
    import sympy as sp

    at = [float(sp.N(a, 30)) for a in s.at]
    if any(abs(c - a) > 1e-12 for i, (c, a) in enumerate(zip(coords, at)) if i != k):
        return  # the counterexample is not on this slice
    ax.plot([coords[k]], [claimed], "o", color=COLORS["claimed"], ms=5, zorder=5)
    ax.plot([coords[k]], [true], "o", color=COLORS["true"], ms=5, zorder=5)
    ax.annotate("counterexample", (coords[k], claimed), textcoords="offset points",
                xytext=(6, -12), fontsize=7.5, color=COLORS["claimed"])


# --- errors at the sampled points --------------------------------------------------------------

def _errors(fig, verdict) -> None:
    errors = np.asarray(verdict.numeric.errors, dtype=float)
    index = np.arange(1, len(errors) + 1)
    shown = np.where(errors > 0, errors, _FLOOR)
    bad = errors > TOLERANCE
    ax = fig.subplots()
    ax.set_yscale("log")
    ax.scatter(index[~bad], shown[~bad], s=14, color=COLORS["true"])
    ax.scatter(index[bad], shown[bad], s=16, color=COLORS["claimed"])
    ax.axhline(TOLERANCE, color=COLORS["point"], lw=0.9, ls="--")
    ax.annotate(f"tolerance {TOLERANCE:g}", (1, TOLERANCE), textcoords="offset points",
                xytext=(2, 3), fontsize=7.5, color=COLORS["point"])
    top = max(float(shown.max(initial=1.0)), 10 * TOLERANCE)
    bottom = min(float(shown.min(initial=TOLERANCE)), TOLERANCE) / 30
    ax.set_ylim(bottom, top * 8)
    ax.set_xlim(0, len(errors) + 1)
    ax.set_xlabel("sampled point")
    ax.set_ylabel("error")
    ax.set_title(f"{int(bad.sum())} of {len(errors)} points fail (red)"
                 + ("; blue: within tolerance" if (~bad).any() else "")
                 + ("; an exact 0 is drawn at 1e-17" if (errors == 0).any() else ""))
    ax.grid(alpha=0.25, which="major")


def _error_order(fig, verdict) -> None:
    from ._explain import error_along, terms_of

    claim = verdict.claim
    deltas, order = terms_of(claim, verdict.numeric.claimed, verdict.numeric.true)
    t = np.logspace(-4, 0, 41)
    err = np.maximum(np.abs(error_along(deltas, t)), _FLOOR)
    ax = fig.subplots()
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.plot(t, err, color=COLORS["claimed"], lw=1.6, label="|lhs − rhs| (its terms that differ)")
    scale = err[-1] if err[-1] > _FLOOR else 1.0
    ax.plot(t, scale * t ** (order + 1), color=COLORS["true"], lw=1.2, ls="--",
            label=f"~ t^{order + 1}: what an approximation of order {order} leaves")
    ax.set_xlabel(f"t  ({', '.join(claim.small)} → t·({', '.join(claim.small)}))")
    ax.set_ylabel("error")
    ax.set_title("the error as the small quantities shrink (log-log)")
    ax.legend(fontsize=7.5, frameon=False, loc="lower right")
    ax.grid(alpha=0.25, which="major")


# --- embedding ---------------------------------------------------------------------------------

_ID = re.compile(r'\bid="([^"]+)"')


def inline(svg: str, prefix: str) -> str:
    """An SVG document as an element to put inside HTML: no XML prolog, no namespace
    declarations or metadata (HTML5 needs none), ids made unique with ``prefix``."""
    svg = re.sub(r"^.*?(?=<svg\b)", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    for name in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        new = f"{prefix}-{name}"
        svg = svg.replace(f'id="{name}"', f'id="{new}"').replace(f'"#{name}"', f'"#{new}"')
        svg = svg.replace(f"#{name})", f"#{new})")
    svg = re.sub(r'<svg\b', '<svg role="img"', svg, count=1)
    return svg.strip()


def describe(kind: str) -> str:
    if kind == "error-order":
        return ("the error of the approximation as the small quantities shrink, log-log (red),"
                " against the order it should have (blue, dashed)")
    if kind == "taylor-slices":
        return ("the function (black), the true approximation (blue) and the claimed one (red,"
                " dashed) along slices through the expansion point (dotted line)")
    return ("the error of the claimed expression at each sampled point, log scale (relative to"
            " the true value; absolute where it is about 0), red where the claim fails")


__all__: list[Any] = ["available", "describe", "inline", "plan", "render"]
