"""How derivcheck writes a value and a place for a person: one formatter each.

``value`` writes numbers with 10 significant digits and lists in brackets; ``line_range`` writes
"line N" or "lines N-M". The callers differ in small ways that their output keeps (the report
writes no "-0", a column as ``[a, b]ᵀ`` and ranges with an en dash; the judge clips long
values), so those are keywords here, not copies elsewhere.
"""

from __future__ import annotations

from typing import Any


def value(x: Any, *, limit: int | None = None, signed_zero: bool = True,
          columns: bool = False) -> str:
    """``x`` as text: a float with 10 significant digits, a list or tuple as ``[a, b]``
    (element by element), anything else as ``str``.

    ``limit`` clips the text (and each element's) to that many characters, ending in "…";
    ``signed_zero=False`` writes -0.0 as 0; ``columns=True`` writes a list of one-element rows
    (a column vector) as ``[a, b]ᵀ``."""
    keywords = {"limit": limit, "signed_zero": signed_zero, "columns": columns}
    if isinstance(x, float):  # nan and ±inf are written so ("nan", "inf", "-inf")
        text = f"{x if signed_zero else x + 0.0:.10g}"
    elif isinstance(x, (list, tuple)):
        column = columns and x and all(isinstance(r, (list, tuple)) and len(r) == 1 for r in x)
        items = [r[0] for r in x] if column else x
        text = "[" + ", ".join(value(y, **keywords) for y in items) + ("]ᵀ" if column else "]")
    else:
        text = str(x)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def shorten(text: str, width: int) -> str:
    """``text`` on one line (runs of white space as one space), clipped to ``width`` with "…"."""
    return value(" ".join(text.split()), limit=width)


def line_range(first: int, last: int, *, dash: str = "-") -> str:
    """"line N" for one line, else "lines N-M" (``dash`` between them: the report's "–")."""
    return f"line {first}" if first == last else f"lines {first}{dash}{last}"
