"""One discrepancy of the report: the claim, both sides, a counterexample, a suggested
correction, the evidence of both witnesses and the figure to draw."""

from __future__ import annotations

import re

from . import _figures
from ._numbers import clip, num
from ._refs import Refs
from ._truth import claimed_side, true_side
from ..model._format import line_range
from ..model._verdict import Verdict


def discrepancy(number: int, v: Verdict, verdicts, ref: Refs):
    """The entry of discrepancy ``number`` and the resolved claim (None if it does not
    resolve), which its figure is drawn from."""
    from ..model._errors import DerivcheckError
    from ..kinds import resolve

    try:
        r = resolve(v.claim, ref.texts)
    except DerivcheckError:
        r = None
    claim = ref.claim(v)
    claimed = claimed_side(v, r, ref)
    truth = true_side(v, r)
    counter = _counterexample(v)
    figure = _figures.plan(v, r)
    entry = {
        "id": f"d{number:02d}",
        "claim": claim,
        "summary": v.summary,
        "claimed": claimed,
        "true": truth,
        "counterexample": counter,
        "suggestion": _suggestion(v, claimed, truth, counter, _siblings(v, verdicts)),
        "evidence": _evidence(v),
        "figure": None if figure is None else {
            "kind": figure, "file": f"figures/{number:02d}-{_slug(v.claim.name)}.svg",
            "caption": _figures.describe(figure)},
    }
    return entry, r


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "claim"


def _counterexample(v: Verdict) -> dict | None:
    n, s = v.numeric, v.symbolic
    if n is not None and n.status == "disagrees":
        relative = _magnitude(n.true) > 1e-12
        return {"source": "numeric", "point": {str(k): num(x) for k, x in n.point.items()},
                "claimed": num(n.claimed), "true": num(n.true), "error": num(n.error),
                "error_kind": "relative" if relative else "absolute",
                "message": n.message or None, "difference": None}
    if s is not None and s.status == "refuted":
        return {"source": "symbolic", "point": dict(s.point), "claimed": None, "true": None,
                "error": None, "error_kind": None, "message": s.message or None,
                "difference": clip(s.difference, 300)}
    return None


def _magnitude(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return abs(value)
    if isinstance(value, (list, tuple)):
        return max((_magnitude(v) for v in value), default=0.0)
    return 1.0


def _siblings(v: Verdict, verdicts) -> list[Verdict]:
    """Other claims on the same lines and tab that check the same claimed expression."""
    c = v.claim
    side = getattr(c, "claimed", getattr(c, "lhs", None))
    return [o for o in verdicts if o.claim.name != c.name and o.claim.kind == c.kind
            and o.claim.source.lines == c.source.lines and o.claim.source.tab == c.source.tab
            and getattr(o.claim, "claimed", getattr(o.claim, "lhs", None)) == side]


def _suggestion(v: Verdict, claimed: dict, truth: dict, counter, siblings) -> dict:
    c = v.claim
    first, last = c.source.lines
    lines = line_range(first, last, dash="–")
    at = lines + (f" ({c.source.tab} code)" if c.source.tab else "")
    mine = claimed.get("around_point") or claimed
    true_tex = truth.get("latex")
    kind, replace, by = "review", mine.get("latex"), true_tex
    good = [o for o in siblings if o.status == "verified"]
    if good:
        o = good[0]
        kind = "statement"
        text = (f"The expression at {at} is right for what `{o.claim.name}` checks"
                f" ({o.claim.note or 'verified'}); what is wrong is the statement this claim"
                f" checks: {c.note or v.summary}. Correct that statement, not the expression.")
    elif c.notation_slip:
        kind = "notation"
        text = (f"The slip at {at} is in the notation, as the claim's note explains: write what is"
                " meant.")
        if true_tex:
            text += f" Read as written, the true right side is `{true_tex}`."
    elif true_tex and c.source.tab and claimed.get("code"):
        kind = "replace"
        code = claimed["code"]
        text = (f"In the {c.source.tab} code at {lines}, `{code['name']}` (line {code['line']})"
                f" computes `{mine.get('text')}`; make it compute `{truth['text']}`"
                f" (LaTeX: `{true_tex}`).")
    elif true_tex:
        kind = "replace"
        text = f"At {at}, replace `{replace}` by `{true_tex}`."
    else:
        text = f"At {at}, the claim does not hold ({clip(v.summary, 200)})."
        if truth.get("text"):
            text += f" The truth: {truth['text']}."
    if c.note and kind == "replace":
        text += f" The claim's note: {c.note}."
    others = [o for o in siblings if o not in good]
    if others:
        listed = ", ".join(f"`{o.claim.name}` ({o.status})" for o in others)
        text += (f" The same expression is also checked against another statement by {listed}:"
                 " read the entries together.")
    return {"kind": kind, "text": text, "replace": replace if kind != "statement" else None,
            "by": by if kind != "statement" else None}


def _evidence(v: Verdict) -> dict:
    s, n = v.symbolic, v.numeric
    return {
        "symbolic": None if s is None else {
            "status": s.status, "strategy": s.strategy or None, "detail": s.detail or None,
            "difference": clip(s.difference, 300) or None},
        "numeric": None if n is None else {
            "status": n.status, "detail": n.detail or None, "points": n.points,
            "max_error": num(n.max_error)},
    }
