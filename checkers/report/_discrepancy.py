"""One discrepancy of the report: the claim, both sides, a counterexample that names its
numbers, the evidence of both witnesses and the figure to draw (its correction is its
finding's, ``_corrections``)."""

from __future__ import annotations

import re

from . import _figures
from ._explain import explain
from ._numbers import clip, num
from ._refs import Refs
from ._truth import claimed_side, true_side
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
    truth = true_side(v, r, claimed.get("relation"))
    counter = _counterexample(v)
    if counter is not None:
        counter.update(explain(v.claim, counter))
    figure = _figures.plan(v, r)
    if figure is not None and counter is not None and counter.get("error_order"):
        figure = "error-order"
    entry = {
        "id": f"d{number:02d}",
        "claim": claim,
        "summary": v.summary,
        "claimed": claimed,
        "true": truth,
        "counterexample": counter,
        "evidence": _evidence(v),
        "figure": None if figure is None else {
            "kind": figure, "file": f"figures/{number:02d}-{_slug(v.claim.name)}.svg",
            "caption": _figures.describe(figure)},
    }
    return entry, r


def _slug(name: str) -> str:
    """A file name that reads as the claim's name: a point (1,0) is ``1_0`` and (-1,0)
    ``minus1_0`` (never ``-1-0``, which reads as −1 and 0), a tab [mxnet] is ``-mxnet``."""
    def point(m):
        return m[1].replace(" ", "").replace("-", "minus").replace(",", "_")
    name = re.sub(r"\(([^()]*)\)", point, name)
    name = re.sub(r"\[([^\[\]]*)\]", r"-\1", name)
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", name)).strip("-.") or "claim"


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
