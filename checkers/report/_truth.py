"""The claimed side and the true side of a discrepancy, in the readable form a person would
write: LaTeX and plain text, around the expansion point for a Taylor polynomial, with the left
side they complete; or, when no closed form is short enough, the true value at the
counterexample."""

from __future__ import annotations

from typing import Any

import sympy as sp

from . import _math
from ._forms import around, as_text, compact, readable
from ._numbers import fmt, num, show_point
from ._refs import Refs
from ..kinds import kind_of
from ..model._verdict import Verdict

TRUTH_LIMIT = 400    # characters of LaTeX past which the truth is given by its value instead


def claimed_side(v: Verdict, r, ref: Refs) -> dict:
    """What the text claims: LaTeX and text, the left side it completes, and the code that
    computes it (for a claim about a code cell)."""
    out: dict[str, Any] = {"latex": None, "text": None, "relation": None, "relation_text": None,
                           "around_point": None, "code": _code(v.claim, ref)}
    if r is None:
        return out
    kind = kind_of(v.claim)
    view, expr = kind.view(r), kind.claimed(r)
    out["relation"], out["relation_text"] = _relation(view.relation)
    if expr is None:  # the claim is no expression: a sentence says what it claims
        out["text"] = view.text
        return out
    expr = readable(expr, r)
    out["latex"], out["text"] = sp.latex(expr), as_text(expr)
    if view.around:
        out["around_point"] = _form(around(expr, view.around))
    out["_mathml"] = mathml_of(expr, out["around_point"], out["relation"])
    return out


def mathml_of(expr, around_form, lead) -> str | None:
    """The MathML of a side: the form around the point (its LaTeX), else SymPy's printer (its
    LaTeX when a derivative at a point is left that SymPy's printer writes as subs(…))."""
    if around_form is not None:
        return _math.combine(lead, around_form["latex"])
    if isinstance(expr, sp.Basic) and expr.has(sp.Subs):
        return _math.combine(lead, sp.latex(expr))
    return _math.from_expr(expr, lead=lead)


def _relation(relation) -> tuple[str | None, str | None]:
    """The left side the claimed expression completes, in LaTeX and in text (None when it
    would not help)."""
    f = None if relation is None else _short_tex(relation.subject)
    if f is None:
        return None, None
    tex_at = text_at = ""
    if relation.at is not None:
        pairs = list(zip(relation.wrt, relation.at))
        tex_at = r"\Big|_{" + ", ".join(f"{sp.latex(w)}={sp.latex(a)}" for w, a in pairs) + "}"
        text_at = " at " + ", ".join(f"{w} = {a}" for w, a in pairs)
    tex = relation.tex.format(f=f, wrt=", ".join(sp.latex(w) for w in relation.wrt), at=tex_at)
    text = relation.text.format(f=as_text(relation.subject),
                                wrt=", ".join(map(str, relation.wrt)), at=text_at)
    return tex, text


def _short_tex(e) -> str | None:
    if e is None:
        return None
    tex = sp.latex(e)
    return tex if len(tex) <= 200 else None


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


def true_side(v: Verdict, r, lead: str | None = None) -> dict:
    """The truth in LaTeX as a person would write it, or its value at the counterexample."""
    kind, sym = kind_of(v.claim), v.symbolic
    if kind.truth_in_words:
        said = (sym.message if sym is not None and sym.message else
                getattr(v.numeric, "message", "") or v.summary)
        return {"source": "message", "latex": None, "text": said, "value": None, "form": None}
    derived = getattr(sym, "derived", None)
    trusted = derived is not None and v.tool is None and not getattr(sym, "entrywise", False)
    point = None
    if r is not None:
        derived, trusted = kind.true_form(r, derived, trusted)
        point = kind.view(r).around
    if trusted and derived is not None and r is not None and _is_left_side(v, r, derived):
        return {"source": "message", "latex": None, "value": None, "form": None,
                "text": f"no approximation to write: to this order the truth is the left side"
                        f" itself, {as_text(readable(derived, r))}"
                        + ("" if getattr(v.claim, "small", ()) else " (no quantity is small)")}
    if trusted and derived is not None:
        derived = readable(derived, r)
        form, shape = (_form(around(derived, point)) if point else None), "around-point"
        if form is None:
            form, shape = _form(compact(derived)), "compact"
        if form is not None and len(form["latex"]) <= TRUTH_LIMIT:
            shown = form.pop("_expr", derived)
            return {"source": "sympy", **form, "value": None, "form": shape,
                    "_mathml": mathml_of(shown, form if shape == "around-point" else None,
                                         lead)}
    n = v.numeric
    if n is not None and n.status == "disagrees":
        where = show_point(n.point)
        return {"source": "numeric", "latex": None, "value": num(n.true),
                "text": f"{fmt(n.true)} at {where} (SymPy's closed form is not shown: none"
                        " short enough)" if trusted else f"{fmt(n.true)} at {where}",
                "form": None}
    return {"source": "none", "latex": None, "text": "no closed form and no value", "value": None,
            "form": None}


def _is_left_side(v: Verdict, r, derived) -> bool:
    """An approximation whose truth is its left side unchanged: nothing to expand."""
    lhs = getattr(r, "lhs", None)
    return (v.claim.kind == "approximation" and isinstance(derived, sp.Basic)
            and lhs is not None and sp.srepr(derived) == sp.srepr(lhs))


def _form(pair) -> dict | None:
    if pair is None:
        return None
    out = {"latex": pair[0], "text": pair[1]}
    if len(pair) > 2:
        out["_expr"] = pair[2]
    return out
