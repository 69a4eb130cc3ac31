"""The tokens of a display that splitting it into relation chains needs: groups, relations,
separators, spacing, alignment marks and line breaks, each with its depth in groups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._errors import error


_SPLIT_TOKEN = re.compile(r"""
    (?P<rowsep>\\\\)
  | (?P<differential>\\;(?=\s*(?:d|\\mathrm\s*\{d\})\s*(?:\\[a-zA-Z]+|[a-zA-Z])))
  | (?P<sep>\\text(?:rm)?\s*\{[^{}]*\}(?!\s*[(\[])|\\;|\\qquad(?![a-zA-Z])|,)
  | (?P<space>\\quad(?![a-zA-Z])|\\[,:!> ]|\s+|~)
  | (?P<leftdot>\\left\s*\.)
  | (?P<rightdot>\\right\s*\.)
  | (?P<open>\\left\s*(?:\\[|{]|[(\[|])|\\begin\s*\{[a-zA-Z*]+\}|[{(\[])
  | (?P<close>\\right\s*(?:\\[|}]|[)\]|])|\\end\s*\{[a-zA-Z*]+\}|[})\]])
  | (?P<rel>=|\\approx(?![a-zA-Z]))
  | (?P<badrel><|>|\\(?:neq|ne|leq|le|geq|ge|to|rightarrow|equiv|sim)(?![a-zA-Z]))
  | (?P<amp>&)
  | (?P<other>\\[a-zA-Z]+|\\.|.)
""", re.VERBOSE | re.DOTALL)


@dataclass
class Tok:
    kind: str
    start: int
    end: int
    depth: int
    text: str


def tokens(tex: str, start: int, end: int) -> list[Tok]:
    toks, depth, pos = [], 0, start
    while pos < end:
        m = _SPLIT_TOKEN.match(tex, pos, end)
        kind = "space" if m.lastgroup == "differential" else m.lastgroup  # \; dx
        if kind in ("close", "rightdot"):
            depth -= 1
            if depth < 0:
                raise error("closes a group that was never opened", tex, m.start(), m.group())
        toks.append(Tok(kind, m.start(), m.end(), depth, m.group()))
        if kind in ("open", "leftdot"):
            depth += 1
        pos = m.end()
    if depth:
        opener = next(t for t in reversed(toks) if t.kind in ("open", "leftdot") and t.depth == 0)
        raise error("opens a group that is never closed", tex, opener.start, opener.text)
    return toks
