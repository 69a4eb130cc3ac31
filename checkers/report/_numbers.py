"""Numbers as the report stores them (stable JSON floats) and shows them, and short text."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..model._format import value


def num(x):
    """A JSON value with stable floats: 12 significant digits, no -0.0, no NaN."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, int):
        return x
    if isinstance(x, (list, tuple)):
        return [num(y) for y in x]
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(f):
        return "nan" if math.isnan(f) else ("inf" if f > 0 else "-inf")
    return float(f"{f:.12g}") + 0.0


def significant(x, digits: int = 3) -> str:
    """A stored number to ``digits`` significant digits; a non-finite one as the report stores
    it ("nan", "inf", "-inf"), so no value can break the report."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return f"{x:.{digits}g}"
    return str(x)


def fmt(x) -> str:
    """A value as the report shows it: no -0, a column vector as ``[a, b]ᵀ``."""
    return value(x, signed_zero=False, columns=True)


def show_point(point: Mapping) -> str:
    return ", ".join(f"{k} = {fmt(x)}" for k, x in point.items()) or "every point"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def clip(text: str | None, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "…"
