r"""A display split into relation chains ``a = b \approx c``, each side with its text and offset."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ._errors import error
from ._markers import is_schematic
from ._tokens import Tok, tokens


@dataclass(frozen=True)
class Side:
    """One side of a relation: what it reads as, its text and its offset in the input.

    ``text`` is the source from ``position`` on, alignment marks and line breaks blanked to
    spaces, so ``text[k]`` stands at ``position + k`` of the input."""

    expr: sympy.Basic
    text: str
    position: int


@dataclass(frozen=True)
class Chain:
    r"""Successive sides ``a = b \approx c``: ``relations[k]`` (``"="`` or ``"\approx"``) joins
    ``sides[k]`` and ``sides[k + 1]``. A display without a relation is one side, no relation."""

    sides: tuple[Side, ...]
    relations: tuple[str, ...]

    @property
    def position(self) -> int:
        return self.sides[0].position

    @property
    def schematic(self) -> bool:
        return any(is_schematic(side.expr) for side in self.sides)

    def pairs(self):
        """The claims ``(left, relation, right)`` one after another."""
        return tuple(zip(self.sides, self.relations, self.sides[1:]))


def _body(tex: str) -> tuple[int, int, bool]:
    """The span inside ``$$``/``$`` and ``\\begin{aligned}``, and whether it is aligned."""
    m = re.fullmatch(r"\s*(\$\$?)?(.*?)\1?\s*", tex, re.DOTALL)
    start, end = m.span(2)
    inner = re.fullmatch(r"\s*\\begin\{aligned\}(.*)\\end\{aligned\}\s*", tex[start:end],
                         re.DOTALL)
    if inner:
        return start + inner.start(1), start + inner.end(1), True
    return start, end, False


def split_display(tex: str) -> list[tuple[list[tuple[int, int, str]], list[str]]]:
    """Chains of (sides, relations); a side is (start, end, text with gaps blanked)."""
    start, end, aligned = _body(tex)
    toks = tokens(tex, start, end)
    _blank_trailing_punctuation(toks)
    lines, line = [], []
    for tok in toks:
        if tok.kind == "rowsep" and tok.depth == 0:
            if not aligned:
                raise error("a line break outside an aligned block", tex, tok.start, tok.text)
            lines.append(line)
            line = []
        else:
            line.append(tok)
    lines.append(line)
    builder = _ChainBuilder(tex)
    for line in lines:
        builder.add_line([t for t in line if not (t.kind == "amp" and t.depth == 0)])
    return builder.result()


def _blank_trailing_punctuation(toks: list[Tok]) -> None:
    """A final ``.`` or ``,`` (before the end or a line break) is punctuation, not mathematics."""
    trailing = True
    for tok in reversed(toks):
        if tok.kind == "rowsep" and tok.depth == 0:
            trailing = True
        elif tok.kind not in ("space", "amp"):
            if trailing and tok.depth == 0 and tok.text in (".", ","):
                tok.kind = "space"
            trailing = False


class _ChainBuilder:
    """Turns the lines of a display into chains: a line that starts with a relation continues
    the chain above, a line without relation continues the side above, separators between two
    relations (``,``, ``\\text{...}``, ``\\;``, ``\\qquad``) start a new chain."""

    def __init__(self, tex: str) -> None:
        self.tex = tex
        self.chains: list[tuple[list[list[tuple[int, int]]], list[str]]] = []

    def add_line(self, toks: list[Tok]) -> None:
        top = [t for t in toks if t.depth == 0]
        for t in top:
            if t.kind == "badrel":
                raise error("unsupported relation", self.tex, t.start, t.text,
                            "only '=' and '\\approx' are read", kind="unsupported")
        rels = [k for k, t in enumerate(toks) if t.kind == "rel" and t.depth == 0]
        if not any(t.kind not in ("space", "sep") for t in toks):
            return
        if not rels:
            if self.chains:
                self._no_separator(toks, "in a line without relation")
                self.chains[-1][0][-1].append(self._span(toks))
            else:
                for item in self._items(toks, "in a line without relation"):
                    self.chains.append(([[self._span(item)]], []))
            return
        head = toks[:rels[0]]
        if self._blank(head):
            if not self.chains:
                raise error("a relation with nothing on its left", self.tex,
                            toks[rels[0]].start, toks[rels[0]].text)
        else:
            self._no_separator(head, "before the first relation")
            self.chains.append(([[self._span(head)]], []))
        for n, k in enumerate(rels):
            stop = rels[n + 1] if n + 1 < len(rels) else len(toks)
            self._relation(toks[k], toks[k + 1:stop], last=n + 1 == len(rels))

    def _relation(self, rel: Tok, segment: list[Tok], last: bool) -> None:
        sides, relations = self.chains[-1]
        relations.append("=" if rel.text == "=" else r"\approx")
        if last:
            first, *others = self._items(segment, "after the last relation")
            sides.append([self._span(first, rel)])
            for item in others:  # x = -1, 0, 2: x = -1, x = 0 and x = 2
                self.chains.append(([list(sides[-2]), [self._span(item, rel)]],
                                    [relations[-1]]))
            return
        groups = self._separator_groups(segment)
        if not groups:
            sides.append([self._span(segment, rel)])
            return
        if len(groups) > 1:
            second = segment[groups[1][0]]
            raise error("two separators between two relations: which side is which?", self.tex,
                        second.start, second.text, kind="ambiguous")
        first, stop = groups[0]
        left, right = segment[:first], segment[stop:]
        if not any(t.text == "," or t.text.startswith("\\text") for t in segment[first:stop]):
            self._no_operator_at_cut(left, right)
        sides.append([self._span(left, rel)])
        self.chains.append(([[self._span(right, segment[first])]], []))

    def _no_operator_at_cut(self, left: list[Tok], right: list[Tok]) -> None:
        """Spacing alone (``\\;``) splits only where no operator hangs (``b \\; + c``)."""
        operators = ("+", "-", "\\cdot", "\\times", "*")
        last = next((t for t in reversed(left) if t.kind != "space"), None)
        head = next((t for t in right if t.kind != "space"), None)
        for tok in (last, head):
            if tok is not None and tok.text in operators:
                raise error("spacing between two relations, next to an operator: one side or "
                            "two?", self.tex, tok.start, tok.text,
                            "separate relations with ',' or \\text{and}", kind="ambiguous")

    def _separator_groups(self, segment: list[Tok]) -> list[tuple[int, int]]:
        groups, k = [], 0
        while k < len(segment):
            if segment[k].depth == 0 and segment[k].kind in ("sep", "space"):
                j = k
                while j < len(segment) and segment[j].depth == 0 and segment[j].kind in (
                        "sep", "space"):
                    j += 1
                if any(t.kind == "sep" for t in segment[k:j]) and 0 < k and j < len(segment):
                    groups.append((k, j))
                k = j
            else:
                k += 1
        return groups

    def _items(self, toks: list[Tok], where: str) -> list[list[Tok]]:
        """A list ``a, b, c`` (commas at the top level, no other separator) as its items."""
        items, item = [], []
        for t in toks:
            if t.depth == 0 and t.kind == "sep" and t.text == ",":
                items.append(item)
                item = []
            else:
                item.append(t)
        items.append(item)
        for item in items:
            self._no_separator(item, where)
        return items

    def _no_separator(self, toks: list[Tok], where: str) -> None:
        for t in toks:
            if t.depth == 0 and t.kind == "sep" and t.text not in ("\\;", "\\qquad"):
                raise error(f"a separator {where}", self.tex, t.start, t.text,
                            "separators may only stand between two relations")

    @staticmethod
    def _blank(toks: list[Tok]) -> bool:
        return all(t.kind == "space" for t in toks)

    def _span(self, toks: list[Tok], after: Tok | None = None) -> tuple[int, int]:
        body = [t for t in toks if t.kind != "space" and not (
            t.kind == "sep" and t.depth == 0 and t.text in ("\\;", "\\qquad"))]
        if not body:
            where = after.end if after else (toks[0].start if toks else 0)
            raise error("an empty side", self.tex, where, self.tex[where:where + 1] or "")
        return body[0].start, body[-1].end

    def result(self) -> list[tuple[list[tuple[int, int, str]], list[str]]]:
        return [([self._side(fragments) for fragments in sides], relations)
                for sides, relations in self.chains]

    def _side(self, fragments: list[tuple[int, int]]) -> tuple[int, int, str]:
        """One string for the parser, the gaps between fragments blanked so offsets hold;
        a ``\\right.`` ending a fragment and the ``\\left.`` opening the next cancel out."""
        fragments = [list(f) for f in fragments]
        for before, after in zip(fragments, fragments[1:]):
            tail = re.search(r"\\right\s*\.\s*$", self.tex[before[0]:before[1]])
            head = re.match(r"\s*\\left\s*\.", self.tex[after[0]:after[1]])
            if tail and head:
                before[1] = before[0] + tail.start()
                after[0] = after[0] + head.end()
        start, end = fragments[0][0], fragments[-1][1]
        chars = [" "] * (end - start)
        for a, b in fragments:
            chars[a - start:b - start] = self.tex[a:b]
        return start, end, "".join(chars)
