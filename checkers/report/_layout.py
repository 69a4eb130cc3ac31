"""What the Markdown and the HTML page share: the sections in order, the counts that add up,
where a claim is in words, and a counterexample in one sentence."""

from __future__ import annotations

import re

from ._numbers import fmt, plural, show_point, significant
from ..model._format import line_range
from ..model._reasons import Reason

UNDECIDED_JSON = {  # an undecided verdict's reason code -> the report's ``reason`` (the schema's)
    Reason.TIME_BUDGET: "symbolic-time-budget",
    Reason.NUMERIC_ONLY: "numeric-only",
    Reason.WITNESSES_DISAGREE: "witnesses-disagree",
}   # every other reason of an undecided claim is "other"

UNDECIDED_WHY = {   # the report's ``reason`` of an undecided claim, as a person reads it
    "symbolic-time-budget": "SymPy ran out of its time budget; JAX alone cannot prove it",
    "numeric-only": "only JAX could decide: it agrees at every point, SymPy could not decide",
    "witnesses-disagree": "SymPy and JAX disagree: one of the witnesses is wrong",
    "other": "neither witness could decide",
}


def sections_of(doc):
    return [("Discrepancies", "discrepancies", doc["discrepancies"]),
            ("Undecided", "undecided", doc["undecided"]),
            ("Errors", "errors", doc["errors"]),
            ("Rejected by the text", "rejected_by_text", doc["rejected_by_text"]),
            ("Tool disagreements", "tool_disagreements", doc["tool_disagreements"]),
            ("Verified", "verified", [n for s in doc["verified"]["sections"]
                                      for n in s["claims"]])]


def side_labels(x) -> tuple[str, str]:
    """What the two columns of a card are: an identity's two sides, or what is claimed and
    what is true."""
    if x["claim"]["kind"] == "identity":
        return "Left side (as the text writes it)", "Right side (as the text writes it)"
    source = {"sympy": " (SymPy)", "numeric": " (JAX, at the counterexample)"}
    return "Claimed", "True" + source.get(x["true"]["source"], "")


def findings_of(doc) -> list[tuple[dict, list[dict]]]:
    """The findings (one per place in the text) with their discrepancies."""
    by_id = {x["id"]: x for x in doc["discrepancies"]}
    return [(f, [by_id[i] for i in f["discrepancies"]]) for f in doc.get("findings", [])]


def place_text(f) -> str:
    p = f["place"]
    text = line_range(*p["lines"], dash="–")
    return text + (f", {p['tab']} tab" if p["tab"] else "")


def correction_text(f) -> str:
    """The finding's correction in one paragraph (with `code` spans)."""
    c = f["correction"]
    if c["status"] != "proved":
        return "No correction is proved here: " + c["reason"] + "."
    fixed = ", ".join(f"`{n}`" for n in c["verifies"])
    text = (f"Proved: with this change the checker verifies {fixed} (re-checked on the"
            " corrected text, and no claim at these lines that held stops holding).")
    if c["reason"]:
        text += " " + c["reason"][0].upper() + c["reason"][1:] + "."
    return text


def tool_list(doc):
    names = {"derivcheck": "derivcheck", "python": "Python", "sympy": "SymPy", "jax": "JAX",
             "numpy": "NumPy"}
    return [(names[k], doc["tools"][k]) for k in ("derivcheck", "python", "sympy", "jax", "numpy")]


def partition(doc) -> list[tuple[str, str]]:
    """The claims split so that the parts add up: a claim the text rejects counts once, as
    rejected (JSON's ``counts`` keeps the verdicts as they are)."""
    c = doc["counts"]
    parts = [("verified", plural(c["verified"], "verified", "verified")),
             ("discrepancy", plural(len(doc["discrepancies"]), "discrepancy", "discrepancies")),
             ("undecided", plural(c["undecided"], "undecided", "undecided")),
             ("error", plural(len(doc["errors"]), "error", "errors"))]
    if c["rejected_by_text"]:
        parts.append(("rejected", f"{c['rejected_by_text']} rejected by the text, as expected"))
    if c["tool_disagreements"]:
        parts.append(("tool", plural(c["tool_disagreements"], "tool disagreement",
                                     "tool disagreements")))
    return parts


def short_where(claim) -> str:
    loc = claim["location"]
    first, last = loc["lines"]
    text = line_range(first, last, dash="–")
    return text + (f", {loc['tab']}" if loc["tab"] else "")


def where_text(c) -> str:
    loc = c["location"]
    parts = [f"section “{loc['section']}”" if loc["section"] else None,
             short_where(c).replace(f", {loc['tab']}", f", {loc['tab']} tab")
             if loc["tab"] else short_where(c),
             f"label `{loc['label']}`" if loc["label"] else None, f"`{loc['document']}`"]
    return ", ".join(p for p in parts if p)


_GREEK = {n: chr(c) for n, c in (("alpha", 945), ("beta", 946), ("gamma", 947), ("delta", 948),
                                  ("epsilon", 949), ("theta", 952), ("lambda", 955),
                                  ("mu", 956), ("sigma", 963), ("phi", 966), ("psi", 968),
                                  ("omega", 969), ("eta", 951), ("xi", 958), ("tau", 964))}
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def pretty(text: str) -> str:
    """Variable names as the text writes them: epsilon_1 is ε₁, w_12 is w₁₂."""
    def one(m):
        base, sub = m[1], m[2]
        base = _GREEK.get(base, base)
        return base + (sub.translate(_SUB) if sub else "")
    return _NAME.sub(lambda m: one(m) if m[1] in _GREEK or m[2] else m[0], text)


_NAME = re.compile(r"(?<![A-Za-z0-9_])([A-Za-z]+)(?:_(\d+))?(?![A-Za-z0-9_(])")


def point_text(ce) -> str:
    """The counterexample's point; an approximation's small quantities as the direction they
    shrink along (their values are no sizes)."""
    small = set(ce.get("small") or ())
    point = ce["point"]
    held = {k: x for k, x in point.items() if k not in small}
    text = show_point(held) if held or not small else ""
    moving = [k for k in point if k in small]
    if moving:
        names = ", ".join(moving)
        direction = ", ".join(fmt(point[k]) for k in moving)
        text += ("; " if text else "") + f"the small ({names}) → t·({direction}) as t → 0"
    return pretty(text)


def quantity_lines(ce) -> list[str]:
    """One line per named quantity: ``∂f/∂x: claimed …, true …``."""
    return [f"{pretty(q['name'])}: claimed {fmt(q['claimed'])}, true {fmt(q['true'])}"
            + ("" if q["differs"] else " (the same)") for q in ce.get("quantities") or ()]


def counter_text(ce) -> str:
    from ._explain import order_text

    where = point_text(ce)
    if ce["source"] == "numeric":
        if ce["message"]:
            return ce["message"]
        if ce.get("quantities"):
            text = f"at {where}: " + "; ".join(quantity_lines(ce))
        else:
            text = f"at {where}: claimed {fmt(ce['claimed'])}, true {fmt(ce['true'])}"
        text += f" ({ce['error_kind']} error {significant(ce['error'])})"
        if ce.get("error_order"):
            text += "; " + pretty(order_text(ce["error_order"], ce.get("small")))
        return text
    return (ce["message"] or f"SymPy: claimed − true = {ce['difference']}") + \
        (f", non-zero at {where}" if ce["point"] else "")
