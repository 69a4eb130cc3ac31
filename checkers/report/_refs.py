"""Where a claim is and how to reproduce it: the claim as the report gives it, the exact lines
of the document, and a ``derivcheck run -k …`` that singles it out."""

from __future__ import annotations

import re
import shlex

from ..model._format import line_range
from ..model._verdict import Verdict


def universe_of(verdicts) -> list:
    """The claims a reproducing ``-k`` must single out: the bundled ones (what the command line
    selects from) and those of the report."""
    claims = [v.claim for v in verdicts]
    from ..readers._bundled import bundled

    CLAIMS = bundled().CLAIMS
    seen = {c.name for c in claims}
    return claims + [c for c in CLAIMS if c.name not in seen]


class Refs:
    """The claims of one run as the report gives them: place, lines of the text, command."""

    def __init__(self, texts, seed, points, universe, paths=()):
        self.texts, self.seed, self.points, self.universe = texts or {}, seed, points, universe
        self.paths = "".join(f" {shlex.quote(str(p))}" for p in paths)

    def claim(self, v: Verdict) -> dict:
        c, s = v.claim, v.claim.source
        location = {"document": s.document, "section": s.section or None,
                    "lines": list(s.lines), "label": s.label, "tab": s.tab,
                    "where": c.where(), "excerpt": self.lines(s.document, *s.lines)}
        if v.moved_from is not None:  # found again in another edition of its document
            old = v.moved_from
            location["where"] += (f" (moved from {line_range(*old.lines)} of {old.document} to"
                                  f" {line_range(*s.lines)})")
            location["moved_from"] = {"document": old.document, "lines": list(old.lines)}
        return {"name": c.name, "kind": c.kind, "note": c.note or None, "location": location,
                "reproduce": self.command(c)}

    def lines(self, document: str, first: int, last: int) -> str | None:
        text = self.texts.get(document)
        if text is None:
            return None
        return "\n".join(text.splitlines()[first - 1:last])

    def command(self, claim) -> str:
        from ..model._select import haystack, matcher

        words = [w for w in re.split(r"[\s()]+", claim.name) if w and w not in _OPERATORS]
        expr = " and ".join(words or [claim.kind])
        mine = haystack(claim)
        for other in self.universe:
            if other.name != claim.name and matcher(expr)(other):
                extra = next((w for w in re.split(r"[\s()]+", other.name)
                              if w and w not in _OPERATORS and w.lower() not in mine), None)
                if extra:
                    expr += f" and not {extra}"
        points = f" --points {self.points}" if self.points else ""
        return f"derivcheck run{self.paths} -k {shlex.quote(expr)} --seed {self.seed}{points}"


_OPERATORS = ("and", "or", "not")
