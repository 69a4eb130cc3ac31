"""Expressions read from the text's own LaTeX (``Tex`` references), never retyped."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Mapping

from ..model._errors import DeclarationError
from .latex import read_relation
from ._markdown import Block, read_blocks
from ..model._claims import Tex

_TEXTS: dict[str, str] = {}


def tex_value(ref: Tex, text: str, names: Mapping[str, Any]) -> Any:
    """The SymPy expression of the side ``ref`` names, read with the claim's own symbols."""
    block = _block(ref, text)
    chains = read_relation(block.text, symbols=names)
    if not 1 <= ref.relation <= len(chains):
        raise DeclarationError(f"the formula at lines {block.start}-{block.end} has"
                               f" {len(chains)} relation chain(s), not {ref.relation}",
                               hint="count relation chains from 1 (a = b = c is one chain)")
    sides = chains[ref.relation - 1].sides
    if not -len(sides) <= ref.side < len(sides):
        raise DeclarationError(f"relation {ref.relation} at lines {block.start}-{block.end} has"
                               f" {len(sides)} sides, so side={ref.side} does not exist",
                               hint="sides count from 0 (left); -1 is the last")
    return sides[ref.side].expr


def _block(ref: Tex, text: str) -> Block:
    digest = hashlib.sha256(text.encode()).hexdigest()
    _TEXTS[digest] = text
    blocks = _display_blocks(digest)
    if ref.label is not None:
        found = [b for b in blocks if b.label == ref.label]
        what = f"labelled '{ref.label}'"
    else:
        first, last = ref.lines
        found = [b for b in blocks if b.start <= last and first <= b.end]
        what = f"at lines {first}-{last}"
    if len(found) != 1:
        raise DeclarationError(f"{len(found)} display formulas stand {what} in {ref.document}",
                               hint="name exactly one display formula ($$ ... $$)")
    return found[0]


@lru_cache(maxsize=8)
def _display_blocks(digest: str) -> tuple[Block, ...]:
    return tuple(b for b in read_blocks(_TEXTS[digest]) if b.kind == "display_math")
