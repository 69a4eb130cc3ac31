"""Coverage accounting: is every formula of a document checked by a claim or explained away?

The blocks that must be accounted for (:func:`items_of`):

* every display-math block (its ``:eqlabel:`` line belongs to it);
* every code cell, each tab's cell separately (a ``#@tab all`` cell is one block);
* every inline formula, where one that only *names* something (see :func:`states_something`)
  is accounted for automatically as notation, so only inline *statements* need a claim or a
  :class:`~checkers.model._claims.NoClaim`.

A claim (or a NoClaim) accounts for a block when its ``source.lines`` overlap the block's lines
and, for a code cell, its tab fits the cell (:func:`covers`). :func:`dangling` checks the other
way round: claims and NoClaims that point at no block at all.

Nothing here knows JAX or SymPy; the text is only split into blocks and scanned, never executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Union

from ..readers._markdown import CODE, DISPLAY_MATH, INLINE_MATH, Block, read_blocks
from ..model._claims import Claim, NoClaim, Source
from ..model._format import shorten as _shorten

__all__ = ["NOTATION", "Coverage", "Item", "block_lines", "coverage", "covers", "dangling",
           "items_of", "states_something"]

NOTATION = "notation: names a symbol or expression, states nothing"
"""The reason given automatically to an inline formula that states nothing."""

Entry = Union[Claim, NoClaim]


@dataclass(frozen=True)
class Item:
    """One block of the document that must be accounted for.

    ``claims``: names of the claims that check it; ``reasons``: the reasons of the NoClaims that
    explain it (or :data:`NOTATION`, given automatically); ``parsed``: whether the LaTeX reader
    parses the block (None until something fills it in).
    """

    block: Block
    claims: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    parsed: bool | None = None
    parse_note: str = ""
    """Why the reader does not parse the block (when ``parsed`` is False)."""

    @property
    def accounted(self) -> bool:
        """Checked by a claim or explained by a reason."""
        return bool(self.claims or self.reasons)

    @property
    def lines(self) -> tuple[int, int]:
        """The block's lines, its ``:eqlabel:`` line included."""
        return block_lines(self.block)

    @property
    def notation(self) -> bool:
        """Accounted for only by the automatic notation rule."""
        return not self.claims and self.reasons == (NOTATION,)

    @property
    def kind(self) -> str:
        """``display``, ``code [tab]`` or ``inline``."""
        if self.block.kind == CODE:
            return f"code [{self.block.tab or 'no tab'}]"
        return "display" if self.block.kind == DISPLAY_MATH else "inline"


@dataclass(frozen=True)
class Coverage:
    """Every item of ``document``, in document order, with what accounts for it."""

    items: tuple[Item, ...]
    document: str

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def accounted(self) -> int:
        """How many items are accounted for (by claims or by a reason)."""
        return sum(item.accounted for item in self.items)

    @property
    def share(self) -> float:
        """``accounted / total`` in 0..1 (1.0 for a document with nothing to account for)."""
        return self.accounted / self.total if self.items else 1.0

    @property
    def missing(self) -> tuple[Item, ...]:
        """The items nothing accounts for."""
        return tuple(item for item in self.items if not item.accounted)

    @property
    def by_claims(self) -> int:
        """Items checked by at least one claim."""
        return sum(bool(item.claims) for item in self.items)

    @property
    def by_reason(self) -> int:
        """Items with no claim, explained by a declared reason (automatic notation excluded)."""
        return sum(bool(item.reasons) and not item.claims and not item.notation
                   for item in self.items)

    @property
    def by_notation(self) -> int:
        """Inline formulas accounted for by the automatic notation rule alone."""
        return sum(item.notation for item in self.items)


# --- which inline formulas state something ------------------------------------------------------

_RELATION_WORDS = frozenset({"approx", "neq", "ne", "leq", "le", "geq", "ge", "lt", "gt",
                             "equiv", "leqslant", "geqslant", "simeq", "cong", "propto"})
_ARROW_WORDS = frozenset({"rightarrow", "to", "leftarrow", "gets", "longrightarrow"})
_TOKEN = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\s*(?:\\[{}|]|[()<>\[\].|/])"  # delimiters
                    r"|\\[A-Za-z]+|\\.|[{}=<>]|[^\\{}=<>]+")


def states_something(formula: str) -> bool:
    r"""Whether an inline formula states a result (True) or only names something (False).

    The rule: a formula states something when, outside every ``{...}`` group (so not inside a
    subscript, a ``\frac`` argument or a ``\text``), it has

    * a relation: ``=`` (also ``:=``), ``<``, ``>``, ``\approx``, ``\neq``/``\ne``,
      ``\leq``/``\le``, ``\geq``/``\ge``, ``\lt``, ``\gt``, ``\equiv``, ``\simeq``,
      ``\cong``, ``\propto``; or
    * exactly one arrow (``\rightarrow``, ``\to``, ``\leftarrow``, ``\gets``) used as an
      update step: the side it starts from reappears in the other side, as in
      ``w \rightarrow w - \epsilon\nabla L(w)``. A chain ``a \rightarrow u \rightarrow f``
      (a dependency path) or a limit ``x \to 0`` names something and states nothing.

    Everything else names something and is notation: a symbol (``w_2``, ``\mathbf{x}``), an
    operator (``\frac{\partial}{\partial w_1}``), an expression
    (``-\nabla_{\mathbf{w}}L(\mathbf{w})``), a size (``n \times m``), a list of values
    (``-5, 0, -32``). ``\left<`` and ``\right>`` are delimiters, not relations.
    """
    tokens = _top_level_tokens(formula)
    if any(t in ("=", "<", ">") or (t[0] == "\\" and t[1:] in _RELATION_WORDS) for t in tokens):
        return True
    arrows = [i for i, t in enumerate(tokens) if t[0] == "\\" and t[1:] in _ARROW_WORDS]
    if len(arrows) != 1:
        return False
    before = _squash("".join(tokens[:arrows[0]]))
    after = _squash("".join(tokens[arrows[0] + 1:]))
    return bool(before) and before in after


def _top_level_tokens(formula: str) -> list[str]:
    r"""The tokens of ``formula`` outside braces: control words (``\approx``), ``\left<``-style
    delimiters, the characters ``=<>``, runs of other text, and each ``{...}`` group whole (it
    starts with ``{``, so nothing in it is read as a relation)."""
    tokens: list[str] = []
    depth = 0
    for match in _TOKEN.finditer(formula):
        token = match.group()
        if depth:
            tokens[-1] += token
        else:
            tokens.append(token)
        depth = max(0, depth + (token == "{") - (token == "}"))
    return tokens


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- which blocks, and what accounts for them ---------------------------------------------------


def block_lines(block: Block) -> tuple[int, int]:
    """A block's first and last line, a display block's ``:eqlabel:`` line included."""
    return block.start, max(block.end, block.label_line or block.end)


def covers(source: Source, block: Block, *, tab_required: bool) -> bool:
    """Whether ``source`` points at ``block``: the line ranges overlap and, for a code cell, the
    tab fits — ``source.tab`` is one of the cell's tabs or the cell is ``#@tab all``.

    ``tab_required``: True for claims (a claim about a code cell names its tab, unless the cell is
    ``all``); False for NoClaims, whose tab, when not given, fits every cell. A fence that is not
    a Python cell has no tab and fits a source without one.
    """
    start, end = block_lines(block)
    if source.lines[1] < start or end < source.lines[0]:
        return False
    if block.kind != CODE:
        return True
    tabs = block.tabs
    if source.tab is None:
        return not tab_required or not tabs or "all" in tabs
    return source.tab in tabs or "all" in tabs


def items_of(text: str, name: str = "<document>") -> tuple[Item, ...]:
    """The blocks of ``text`` that must be accounted for, as items with nothing attached yet
    (inline formulas that state nothing already carry :data:`NOTATION`)."""
    items = []
    for block in read_blocks(text, name):
        if block.kind == INLINE_MATH and not states_something(block.text):
            items.append(Item(block, reasons=(NOTATION,)))
        else:
            items.append(Item(block))
    return tuple(items)


def coverage(text: str, claims: Iterable[Claim], no_claims: Iterable[NoClaim], *,
             document: str) -> Coverage:
    """Account for every block of ``text`` (the document named ``document``) by the claims and
    NoClaims that point at it. Claims and NoClaims of other documents are ignored."""
    own_claims = _of_document(claims, document)
    own_reasons = _of_document(no_claims, document)
    items = tuple(_account(item, own_claims, own_reasons) for item in items_of(text, document))
    return Coverage(items, document)


def _of_document(entries: Iterable[Entry], document: str) -> tuple[Entry, ...]:
    return tuple(e for e in entries if e.source.document == document)


def _account(item: Item, claims: tuple[Entry, ...], no_claims: tuple[Entry, ...]) -> Item:
    """``item`` with the names of the claims and the reasons of the NoClaims that cover it (a
    declared reason replaces the automatic notation one)."""
    names = tuple(c.name for c in claims if covers(c.source, item.block, tab_required=True))
    reasons = tuple(dict.fromkeys(
        n.reason for n in no_claims if covers(n.source, item.block, tab_required=False)))
    return Item(item.block, claims=names, reasons=reasons or item.reasons, parsed=item.parsed)


# --- the other way round: claims that point at nothing ------------------------------------------


def dangling(text: str, claims: Iterable[Claim], no_claims: Iterable[NoClaim], *,
             document: str) -> tuple[Entry, ...]:
    """The claims and NoClaims of ``document`` whose line range points at no block (a code cell
    counts only when the tab fits, see :func:`covers`). One that points into plain prose is
    kept only when its ``source.quote`` stands in those lines (whitespace aside); without a quote
    it is dangling."""
    blocks = read_blocks(text, document)
    lines = text.splitlines()
    found = []
    for entry in (*_of_document(claims, document), *_of_document(no_claims, document)):
        strict = isinstance(entry, Claim)
        if any(covers(entry.source, b, tab_required=strict) for b in blocks):
            continue
        if not _quote_stands(entry.source, lines):
            found.append(entry)
    return tuple(found)


def _quote_stands(source: Source, lines: list[str]) -> bool:
    if not source.quote:
        return False
    start, end = source.lines
    excerpt = " ".join(lines[start - 1:end])
    return _squash(source.quote) in _squash(excerpt)


def with_parsing(result: Coverage, symbols_for) -> Coverage:
    """The same coverage, with each display block marked as read by the LaTeX reader or not
    (and why). ``symbols_for(item)`` gives the SymPy objects of the claims checking it, one
    mapping per claim; the block counts as read if it reads with one of them, or with no
    declarations, or with its bold letters taken as vectors and bold capitals as matrices."""
    items = []
    for item in result.items:
        if item.block.kind != DISPLAY_MATH:
            items.append(item)
            continue
        note = _first_reading(item.block.text, [*symbols_for(item), {}, _bold_shapes(item),
                                                _functions_of_vectors(item)])
        items.append(replace(item, parsed=note is None, parse_note=note or ""))
    return replace(result, items=tuple(items))


def _first_reading(tex: str, declarations: list) -> str | None:
    """None when one of the declarations reads ``tex``; else why the first one does not."""
    from ..readers.latex import read_relation

    first = None
    for declared in declarations:
        try:
            if isinstance(declared, tuple):
                read_relation(tex, shapes=declared[1])
            else:
                read_relation(tex, symbols=declared)
            return None
        except Exception as exc:  # a failure to read is reported, never raised
            first = first or _shorten(str(exc).splitlines()[0], 120)
    return first


def _functions_of_vectors(item: Item) -> dict:
    """``f(\\mathbf{x})`` in the text: f as a function of the vector x (n×1)."""
    import sympy as sp

    found = {}
    n = sp.Symbol("n", integer=True, positive=True)
    for fn, vec in re.findall(r"\b([A-Za-z])\s*\(\\mathbf\{(\w)\}\)", item.block.text):
        vector = sp.MatrixSymbol(vec, n, 1)
        found[vec] = vector
        found[fn] = sp.Function(fn)(vector)
    for vec, sub in re.findall(r"\\mathbf\{(\w)\}_\{?(\w)", item.block.text):
        found.setdefault(f"{vec}_{sub}", sp.MatrixSymbol(f"{vec}_{sub}", n, 1))
    return found


def _bold_shapes(item: Item) -> tuple:
    letters = set(re.findall(r"\\(?:mathbf|boldsymbol)\{\\?(\w+)\}", item.block.text))
    return ("shapes", {name: ("n", "n") if name[:1].isupper() else ("n", 1)
                       for name in letters})
