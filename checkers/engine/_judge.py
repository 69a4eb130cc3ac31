"""The judge: combines the two witnesses' evidence into one verdict. No SymPy, no JAX here."""

from __future__ import annotations

from ..model._claims import Claim
from ..model._format import value as fmt_value
from ..model._verdict import ToolDisagreement, Verdict


def judge(claim: Claim, symbolic, numeric, sympy_vs_jax=None) -> Verdict:
    """``symbolic``: SymbolicEvidence or None; ``numeric``: NumericEvidence of the claimed side;
    ``sympy_vs_jax``: NumericEvidence of SymPy's derived truth against JAX's autodiff."""
    tool = _tool(sympy_vs_jax)
    s = symbolic.status if symbolic is not None else "skipped"
    n = numeric.status if numeric is not None else "skipped"
    if tool is not None and s in ("proved", "refuted") and not symbolic.entrywise:
        s = "distrusted"
    status, summary = _combine(s, n, symbolic, numeric)
    verdict = Verdict(claim, status, summary, symbolic, numeric, tool)
    return _against_text(verdict) if claim.rejected_by_text else verdict


def error_verdict(claim: Claim, message: str) -> Verdict:
    verdict = Verdict(claim, "error", message.splitlines()[0], error=message)
    return _against_text(verdict) if claim.rejected_by_text else verdict


def _tool(evidence) -> ToolDisagreement | None:
    if evidence is None or evidence.status != "disagrees":
        return None
    return ToolDisagreement(evidence.claimed, evidence.true, evidence.point,
                            "SymPy's derivative differs from JAX's autodiff: "
                            + evidence.detail)


def _combine(s: str, n: str, symbolic, numeric) -> tuple[str, str]:
    sym = _say_symbolic(s, symbolic)
    num = _say_numeric(n, numeric)
    if s == "proved" and n in ("agrees", "skipped"):
        return "verified", f"{sym}; {num}"
    if s == "refuted" and n in ("disagrees", "skipped"):
        return "discrepancy", f"{num}; {sym}" if n == "disagrees" else sym
    if n == "disagrees" and s in ("undecided", "error", "skipped", "distrusted"):
        return "discrepancy", f"{num} ({sym})"
    if n == "agrees" and s in ("undecided", "error", "skipped", "distrusted"):
        return "undecided", f"numeric only: {num} ({sym})"
    if s in ("proved", "refuted") and n in ("agrees", "disagrees"):
        return "undecided", f"the witnesses disagree: {sym}, but {num}"
    if s == "error" and n in ("error", "skipped"):
        return "error", f"{sym}; {num}"
    if n == "error" and s == "skipped":
        return "error", num
    return "undecided", f"{sym}; {num}"


def _say_symbolic(s: str, ev) -> str:
    if s == "skipped":
        return "symbolic check not run"
    if s == "distrusted":
        return f"SymPy's result set aside (its derivative disagrees with JAX; it said {ev.status})"
    if s == "proved":
        return f"SymPy proves it ({ev.strategy})"
    if s == "refuted" and ev.message:
        return ev.message
    if s == "refuted":
        where = f" (non-zero at {_point(ev.point)})" if ev.point else ""
        return f"SymPy: claimed − true = {_short(ev.difference)}{where}"
    return f"SymPy {s}: {ev.detail}"


def _say_numeric(n: str, ev) -> str:
    if n == "skipped":
        return "numeric check not run"
    if n == "agrees":
        return f"JAX {ev.detail}"
    if n == "disagrees" and ev.message:
        return ev.message
    if n == "disagrees":
        kind = "relative error" if _magnitude(ev.true) > 1e-12 else "error"
        return (f"JAX: at {_point(ev.point)} claimed {_short(ev.claimed)} but true"
                f" {_short(ev.true)} ({kind} {ev.error:.3g})")
    return f"JAX {n}: {ev.detail}"


def _against_text(v: Verdict) -> Verdict:
    """A claim the text states only to reject: failing agrees with the text; holding does not."""
    reason = v.claim.rejected_by_text
    if v.status in ("error", "discrepancy"):
        return Verdict(v.claim, v.status, f"{v.summary} — the text itself rejects this formula"
                       f" ({reason})", v.symbolic, v.numeric, v.tool, v.error,
                       expected_by_text=True)
    if v.status == "verified":
        return Verdict(v.claim, "discrepancy", f"the text rejects this formula ({reason}), but"
                       f" it holds: {v.summary}", v.symbolic, v.numeric, v.tool, v.error)
    return v


def _magnitude(value) -> float:
    if isinstance(value, (int, float)):
        return abs(value)
    if isinstance(value, list):
        return max((_magnitude(v) for v in value), default=0.0)
    return 1.0


def _point(point: dict) -> str:
    return "(" + ", ".join(f"{k}={_short(v)}" for k, v in point.items()) + ")"


def _short(value, limit: int = 60) -> str:
    return fmt_value(value, limit=limit)
