"""How much of a document's display mathematics the LaTeX reader reads: the share, and what it
cannot read grouped by construct (``derivcheck read-latex --document PATH``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Unread:
    """A display formula the reader refuses: its first line, the construct it stops at (an
    unknown command's name, else what is wrong), the fragment and the reader's message."""

    line: int
    construct: str
    fragment: str
    message: str


@dataclass(frozen=True)
class Measurement:
    """The display formulas of one document: how many, how many read, the rest."""

    document: str
    total: int
    unread: tuple[Unread, ...]

    @property
    def read(self) -> int:
        return self.total - len(self.unread)

    @property
    def share(self) -> float:
        return self.read / self.total if self.total else 1.0

    def by_construct(self) -> dict[str, tuple[Unread, ...]]:
        """The unread formulas grouped by construct, the most frequent first."""
        groups: dict[str, list[Unread]] = defaultdict(list)
        for item in self.unread:
            groups[item.construct].append(item)
        order = sorted(groups, key=lambda c: (-len(groups[c]), c))
        return {c: tuple(groups[c]) for c in order}


def measure(text: str, document: str = "<document>") -> Measurement:
    """Read every display formula of ``text`` (a Markdown chapter) with ``read_relation``, as
:func:`_try` says."""
    from ..readers._markdown import DISPLAY_MATH, read_blocks

    blocks = [b for b in read_blocks(text, document) if b.kind == DISPLAY_MATH]
    unread = tuple(u for u in (_try(b.text, b.text_line) for b in blocks) if u is not None)
    return Measurement(document, len(blocks), unread)


def _try(tex: str, line: int) -> Unread | None:
    """None when the formula reads, without declarations or with its bold letters declared
    as a claim would (a bold lowercase letter a vector of n, a bold capital an n×n matrix);
    else the first refusal, the one without declarations."""
    from ..model._errors import DerivcheckError
    from ..readers.latex import LatexError, read_relation

    first = None
    for shapes in ({}, _bold_shapes(tex)):
        try:
            read_relation(tex, shapes=shapes)
            return None
        except LatexError as exc:
            first = first or Unread(line + tex.count("\n", 0, exc.position), _construct(exc),
                                    exc.fragment, str(exc))
        except DerivcheckError as exc:
            first = first or Unread(line, getattr(exc, "problem", type(exc).__name__), "",
                                    str(exc))
    return first


_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\\?([A-Za-z]+)\}")


def _bold_shapes(tex: str) -> dict:
    return {name: ("n", "n") if name[:1].isupper() else ("n", 1)
            for name in set(_BOLD.findall(tex))}


def _construct(exc) -> str:
    if exc.kind == "unknown command":
        return exc.fragment
    if exc.kind == "unsupported" and exc.fragment.startswith("\\") and exc.problem in (
            "an unsupported delimiter",):
        return exc.fragment.split()[0] if exc.fragment else exc.problem
    return exc.problem


def render_text(m: Measurement, *, examples: int = 3) -> str:
    """The share, then each construct with its count and up to ``examples`` places."""
    lines = [f"{m.document}: {m.read} of {m.total} display formulas read"
             f" ({percent(m.read, m.total)}%)"]
    for construct, items in m.by_construct().items():
        lines.append(f"  {len(items):3d}  {construct}")
        for item in items[:examples]:
            lines.append(f"         line {item.line}: {item.fragment}")
    return "\n".join(lines)


def percent(part: int, total: int) -> int:
    """Whole percent rounded down, so 100% means every formula."""
    return 100 if total == 0 else (100 * part) // total
