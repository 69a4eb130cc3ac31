"""The judge: combines the two witnesses' evidence into one verdict. No SymPy, no JAX here."""

from __future__ import annotations

from dataclasses import replace

from ..model._claims import Claim
from ..model._format import value as fmt_value
from ..model._reasons import Reason
from ..model._verdict import ToolDisagreement, Verdict


def judge(claim: Claim, symbolic, numeric, sympy_vs_jax=None) -> Verdict:
    """``symbolic``: SymbolicEvidence or None; ``numeric``: NumericEvidence of the claimed side;
    ``sympy_vs_jax``: NumericEvidence of SymPy's derived truth against JAX's autodiff.

    The verdict follows from the evidence's statuses alone (and whether SymPy was stopped at its
    time budget); the sentences of the evidence only go into the summary."""
    tool = _tool(sympy_vs_jax)
    s = symbolic.status if symbolic is not None else "skipped"
    n = numeric.status if numeric is not None else "skipped"
    if tool is not None and s in _DECIDED and not symbolic.entrywise:
        s = "distrusted"
    reason = _reason(s, n, timed_out=symbolic is not None and symbolic.timed_out,
                     exact=s == "refuted" and symbolic.exact, tiny=_tiny(symbolic))
    summary = _summary(reason, s, n, _say_symbolic(s, symbolic), _say_numeric(n, numeric))
    verdict = Verdict(claim, _STATUS[reason], reason, summary, symbolic, numeric, tool)
    return _against_text(verdict) if claim.rejected_by_text else verdict


def error_verdict(claim: Claim, message: str) -> Verdict:
    """The verdict on a claim that cannot be checked as declared."""
    verdict = Verdict(claim, "error", Reason.DECLARATION_ERROR, message.splitlines()[0],
                      error=message)
    return _against_text(verdict) if claim.rejected_by_text else verdict


def _tool(evidence) -> ToolDisagreement | None:
    if evidence is None or evidence.status != "disagrees":
        return None
    return ToolDisagreement(evidence.claimed, evidence.true, evidence.point,
                            "SymPy's derivative differs from JAX's autodiff: "
                            + evidence.detail)


RESOLUTION = 1e-6
"""An exact refutation whose difference, relative to max(1, |truth|), is below this is one that
floating-point evaluation cannot be expected to see (JAX compares in float64 with tolerances)."""


def _tiny(symbolic) -> bool:
    size = getattr(symbolic, "size", None)
    return size is not None and size < RESOLUTION


_DECIDED = ("proved", "refuted")
_UNDECIDED = ("undecided", "error", "skipped", "distrusted")   # SymPy decided nothing we trust


def _reason(s: str, n: str, *, timed_out: bool, exact: bool = False,
            tiny: bool = False) -> Reason:
    """The reason, from SymPy's status ``s`` (or "distrusted"), JAX's ``n``, whether SymPy
    was stopped at its time budget, whether its refutation is ``exact`` and whether the refuting
    difference is ``tiny`` (below floating-point resolution). An exact refutation is evidence:
    JAX's failing to evaluate the claim (or at enough points: a divergent integral has no
    value to evaluate), or its agreeing within a float tolerance with a
    difference too small to see, never overrules it."""
    if s == "proved" and n in ("agrees", "skipped"):
        return Reason.PROVED
    if s == "refuted" and (n in ("disagrees", "skipped")
                           or (exact and n in ("error", "insufficient"))):
        return Reason.REFUTED
    if s == "refuted" and exact and tiny and n == "agrees":
        return Reason.REFUTED_BELOW_FLOAT_RESOLUTION
    if n == "disagrees" and s in _UNDECIDED:
        return Reason.COUNTEREXAMPLE
    if n == "agrees" and s in _UNDECIDED:
        return Reason.TIME_BUDGET if timed_out else Reason.NUMERIC_ONLY
    if n == "insufficient" and s in _UNDECIDED:
        return Reason.TOO_FEW_VALID_POINTS
    if s in _DECIDED and n in ("agrees", "disagrees"):
        return Reason.WITNESSES_DISAGREE
    if (s == "error" and n in ("error", "skipped")) or (s == "skipped" and n == "error"):
        return Reason.WITNESS_ERROR
    if s in _DECIDED:
        return Reason.SYMBOLIC_ONLY       # JAX failed
    if s == "distrusted":
        return Reason.TOOL_DISAGREEMENT   # and JAX failed or did not run
    if (s, n) == ("skipped", "skipped"):
        return Reason.NOT_CHECKED
    return Reason.TIME_BUDGET if timed_out else Reason.NEITHER_DECIDES


_STATUS = {Reason.PROVED: "verified", Reason.REFUTED: "discrepancy",
           Reason.REFUTED_BELOW_FLOAT_RESOLUTION: "discrepancy",
           Reason.COUNTEREXAMPLE: "discrepancy", Reason.NUMERIC_ONLY: "undecided",
           Reason.SYMBOLIC_ONLY: "undecided", Reason.WITNESSES_DISAGREE: "undecided",
           Reason.TIME_BUDGET: "undecided", Reason.TOOL_DISAGREEMENT: "undecided",
           Reason.NEITHER_DECIDES: "undecided", Reason.TOO_FEW_VALID_POINTS: "undecided", Reason.NOT_CHECKED: "undecided",
           Reason.WITNESS_ERROR: "error"}


def _summary(reason: Reason, s: str, n: str, sym: str, num: str) -> str:
    if reason is Reason.REFUTED:
        if n == "error":
            return f"{sym} (exactly); {num}"
        return f"{num}; {sym}" if n == "disagrees" else sym
    if reason is Reason.REFUTED_BELOW_FLOAT_RESOLUTION:
        return (f"{sym}, exactly: the difference is below floating-point resolution, so"
                f" JAX, which {num.removeprefix('JAX ')}, cannot see it")
    if reason is Reason.COUNTEREXAMPLE:
        return f"{num} ({sym})"
    if reason is Reason.NUMERIC_ONLY or (reason is Reason.TIME_BUDGET and n == "agrees"):
        return f"numeric only: {num} ({sym})"
    if reason is Reason.WITNESSES_DISAGREE:
        return f"the witnesses disagree: {sym}, but {num}"
    if reason is Reason.WITNESS_ERROR and s == "skipped":
        return num
    return f"{sym}; {num}"


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
        return replace(v, reason=Reason.REJECTED_BY_TEXT, expected_by_text=True,
                       summary=f"{v.summary} — the text itself rejects this formula ({reason})")
    if v.status == "verified":
        return replace(v, status="discrepancy", reason=Reason.HOLDS_THOUGH_REJECTED,
                       summary=f"the text rejects this formula ({reason}), but it holds:"
                               f" {v.summary}")
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
