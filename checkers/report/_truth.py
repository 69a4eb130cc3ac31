"""The claimed side and the true side of a discrepancy, in the readable form a person would
write: LaTeX and plain text, around the expansion point for a Taylor polynomial, with the left
side they complete; or, when no closed form is short enough, the true value at the
counterexample."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import Any

import sympy as sp

from ._forms import around, as_text, compact, readable
from ._numbers import fmt, num, show_point
from ._refs import Refs
from ..model._verdict import Verdict

TRUTH_LIMIT = 400    # characters of LaTeX past which the truth is given by its value instead


def claimed_side(v: Verdict, r, ref: Refs) -> dict:
    """What the text claims: LaTeX and text, the left side it completes, and the code that
    computes it (for a claim about a code cell)."""
    c = v.claim
    out: dict[str, Any] = {"latex": None, "text": None, "relation": None, "relation_text": None,
                           "around_point": None, "code": _code(c, ref)}
    if r is None:
        return out
    expr = {"identity": r.lhs, "approximation": r.rhs}.get(c.kind, r.claimed)
    if c.kind == "critical_points":
        expr = sp.FiniteSet(*[sp.Tuple(*p) for p in r.points])
    if c.kind == "extremum":
        where = ", ".join(f"{w} = {a}" for w, a in zip(r.wrt, r.at))
        out["text"] = f"a {c.scope} {c.nature} at {where}"
        out["relation"] = _short_tex(r.function)
        out["relation_text"] = f"f = {as_text(r.function)}" if out["relation"] else None
        return out
    if expr is None:
        return out
    expr = readable(expr, r)
    out["latex"], out["text"] = sp.latex(expr), as_text(expr)
    out["relation"] = _relation(c, r)
    out["relation_text"] = _relation_text(c, r) if out["relation"] else None
    point = _point_of(r)
    if point:
        out["around_point"] = _form(around(expr, point))
    return out


def _relation(c, r) -> str | None:
    """The left side the claimed expression completes, in LaTeX (None when it would not help)."""
    if c.kind == "approximation":
        return _short_tex(r.lhs, r" \approx")
    f = _short_tex(r.function)
    if f is None:
        return None
    if c.kind == "taylor":
        return f + r" \approx"
    wrt = ", ".join(sp.latex(w) for w in r.wrt)
    at = "" if r.at is None else r"\Big|_{" + ", ".join(
        f"{sp.latex(w)}={sp.latex(a)}" for w, a in zip(r.wrt, r.at)) + "}"
    if c.kind == "gradient":
        return rf"\nabla_{{{wrt}}} \left({f}\right){at} ="
    if c.kind == "hessian":
        return rf"\mathbf{{H}}_{{{wrt}}} \left({f}\right){at} ="
    if c.kind == "derivative":
        return rf"\frac{{\partial}}{{\partial {wrt}}} \left({f}\right) ="
    if c.kind == "value":
        return rf"\left({f}\right){at} ="
    return None


def _relation_text(c, r) -> str | None:
    if c.kind == "approximation":
        return f"{as_text(r.lhs)} ≈"
    f = as_text(r.function)
    wrt = ", ".join(map(str, r.wrt))
    at = "" if r.at is None else " at " + ", ".join(f"{w} = {a}" for w, a in zip(r.wrt, r.at))
    return {"taylor": f"{f} ≈", "gradient": f"∇_({wrt}) of {f}{at} =",
            "hessian": f"Hessian in ({wrt}) of {f}{at} =",
            "derivative": f"∂/∂{wrt} of {f} =", "value": f"{f}{at} ="}.get(c.kind)


def _short_tex(e, suffix: str = "") -> str | None:
    if e is None:
        return None
    tex = sp.latex(e)
    return tex + suffix if len(tex) <= 200 else None


def _code(claim, ref: Refs) -> dict | None:
    """For a claim whose claimed side a code cell computes: the tab, the line and the code."""
    from ..model._claims import CellValue

    cell = next((getattr(claim, f) for f in ("claimed", "lhs", "rhs")
                 if isinstance(getattr(claim, f, None), CellValue)), None)
    if cell is None:
        return None
    first, last = claim.source.lines
    end = last if first <= cell.line <= last else cell.line
    return {"tab": cell.tab, "name": cell.name, "line": cell.line,
            "text": ref.lines(cell.document, cell.line, end)}


def _point_of(r) -> list | None:
    if r is None or r.claim.kind != "taylor" or r.substitute or r.at is None:
        return None
    return list(zip(r.wrt, r.at))


def true_side(v: Verdict, r) -> dict:
    """The truth in LaTeX as a person would write it, or its value at the counterexample."""
    c, sym = v.claim, v.symbolic
    if c.kind in ("extremum", "critical_points"):
        said = (sym.message if sym is not None and sym.message else
                getattr(v.numeric, "message", "") or v.summary)
        return {"source": "message", "latex": None, "text": said, "value": None, "form": None}
    derived = getattr(sym, "derived", None)
    trusted = derived is not None and v.tool is None and not getattr(sym, "entrywise", False)
    if c.kind == "approximation" and r is not None:
        derived = _linearisation(r, derived) if trusted else None
    elif c.kind == "identity" and r is not None and not trusted:
        derived, trusted = r.rhs, True
    point = _point_of(r)
    if trusted and derived is not None:
        derived = readable(derived, r)
        form, shape = (_form(around(derived, point)) if point else None), "around-point"
        if form is None:
            form, shape = _form(compact(derived)), "compact"
        if form is not None and len(form["latex"]) <= TRUTH_LIMIT:
            return {"source": "sympy", **form, "value": None, "form": shape}
    n = v.numeric
    if n is not None and n.status == "disagrees":
        where = show_point(n.point)
        return {"source": "numeric", "latex": None, "value": num(n.true),
                "text": f"{fmt(n.true)} at {where} (SymPy's closed form is not shown: none"
                        " short enough)" if trusted else f"{fmt(n.true)} at {where}",
                "form": None}
    return {"source": "none", "latex": None, "text": "no closed form and no value", "value": None,
            "form": None}


def _linearisation(r, coefficients):
    """The lhs of an approximation to its order in the small quantities, from SymPy's
    coefficients (the derivatives at small = 0, in the witness's order)."""
    orders = [a for k in range(r.claim.order + 1)
              for a in itertools.combinations_with_replacement(r.small, k)]
    if not isinstance(coefficients, sp.MatrixBase) or len(coefficients) != len(orders):
        return None
    total = sp.Integer(0)
    for coefficient, term in zip(coefficients, orders):
        for s, power in Counter(term).items():
            coefficient = coefficient * s ** power / math.factorial(power)
        total += coefficient
    return total


def _form(pair) -> dict | None:
    return None if pair is None else {"latex": pair[0], "text": pair[1]}
