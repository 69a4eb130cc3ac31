"""A counterexample that explains itself: which quantity each number is, which variables are
the small quantities of an approximation, and the order of its error as they shrink.

An approximation is checked on its terms: along ``small → t·small`` the k-th term of a side is
its k-th derivative in t at t = 0, so the entries of the counterexample are those terms. The
error lhs − rhs along that line is Σ_k (Δ_k / k!) tᵏ + O(t^(order+1)), Δ_k the difference of
the k-th terms: it shrinks like t^j for the lowest j where the terms differ, and should shrink
like t^(order+1)."""

from __future__ import annotations

import math

from ._numbers import num


def explain(claim, counter: dict) -> dict:
    """``quantities`` (each entry named), ``small`` and ``error_order`` of a counterexample."""
    names = _names(claim, counter.get("claimed"))
    out = {"quantities": None, "small": list(getattr(claim, "small", ()) or ()) or None,
           "error_order": None}
    claimed, true = counter.get("claimed"), counter.get("true")
    if names is None or counter.get("source") != "numeric":
        return out
    pairs = list(zip(names, _flat(claimed), _flat(true)))
    out["quantities"] = [{"name": n, "claimed": c, "true": t, "differs": _differs(c, t)}
                         for n, c, t in pairs]
    if claim.kind == "approximation":
        out["error_order"] = _order(claim, pairs)
    return out


def _names(claim, claimed) -> list[str] | None:
    flat = _flat(claimed)
    if flat is None:
        return None
    if claim.kind == "approximation":
        if not getattr(claim, "small", ()) or len(flat) != getattr(claim, "order", 1) + 1:
            return None
        small = ", ".join(claim.small)
        return [f"the side at {small} = 0" if k == 0 else
                f"its order-{k} term ({_d(k)} at t = 0, {small} → t·({small}))"
                for k in range(len(flat))]
    wrt = tuple(getattr(claim, "wrt", ()) or ())
    if claim.kind == "gradient" and len(flat) == len(wrt):
        return [f"∂f/∂{w}" for w in wrt]
    if claim.kind == "hessian" and len(flat) == len(wrt) ** 2:
        return [f"∂²f/∂{a}∂{b}" for a in wrt for b in wrt]
    if len(flat) == 1:
        return ["the value"]
    return None


def _order(claim, pairs) -> dict | None:
    """The order of the error along the counterexample's line, from the terms that differ."""
    differs = [k for k, (_, c, t) in enumerate(pairs) if _differs(c, t)]
    if not differs:
        return None
    j = differs[0]
    deltas = [(c - t) / math.factorial(k) if isinstance(c, (int, float)) and
              isinstance(t, (int, float)) else 0.0 for k, (_, c, t) in enumerate(pairs)]
    return {"observed": j, "expected": claim.order + 1,
            "coefficients": [num(d) for d in deltas]}


def terms_of(claim, claimed, true) -> tuple[list[float], int]:
    """(Δ_k / k! for each term k, the claim's order) of an approximation's counterexample."""
    pairs = list(zip(_flat(claimed) or [], _flat(true) or []))
    return ([(c - t) / math.factorial(k) for k, (c, t) in enumerate(pairs)],
            getattr(claim, "order", 1))


def error_along(deltas, t):
    """Σ_k Δ_k tᵏ: the error along the line, to the order of the terms."""
    return sum(d * t ** k for k, d in enumerate(deltas))


def order_text(order: dict, small) -> str:
    eps = "ε" if not small else ("|" + ", ".join(small) + "|" if len(small) > 1 else small[0])
    return (f"error ~ {eps}{_sup(order['observed'])}, should be ~ {eps}"
            f"{_sup(order['expected'])} (the error along the line shrinks like t"
            f"{_sup(order['observed'])}: its terms of order below {order['expected']} do not"
            " vanish)")


def _d(k: int) -> str:
    return "d/dt" if k == 1 else f"d{_sup(k)}/dt{_sup(k)}"


def _sup(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _flat(value) -> list | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list):
        out = []
        for x in value:
            inner = _flat(x)
            if inner is None:
                return None
            out += inner
        return out
    return None


def _differs(c, t) -> bool:
    if not (isinstance(c, (int, float)) and isinstance(t, (int, float))):
        return c != t
    gap = abs(c - t)
    return gap > 1e-12 and gap > 1e-7 * max(abs(c), abs(t))
