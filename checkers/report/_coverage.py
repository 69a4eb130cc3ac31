"""Coverage accounting: is every formula and every statement of a document checked by a claim
or explained away?

The items that must be accounted for (:func:`items_of`):

* every display-math block (its ``:eqlabel:`` line belongs to it);
* every top-level statement of a Python code cell, each tab's cell separately (a ``#@tab all``
  cell once); an import or a notebook magic (``%matplotlib inline``) states nothing to check and
  is accounted for automatically (:data:`SETUP`); a fence that is not a Python cell (or a cell
  that does not parse as Python) is one item;
* every inline formula, where one that only *names* something (see :func:`states_something`)
  is accounted for automatically as notation, so only inline *statements* need a claim or a
  :class:`~checkers.model._claims.NoClaim`.

A claim accounts for an item when its ``source.lines`` overlap the item's lines, for a code cell
its tab fits the cell (:func:`covers`), and it anchors that formula (:func:`anchors`): its
``quote`` narrows it to the formulas it quotes, so a claim on a line no longer covers every
inline formula on it, nor every display its lines touch; a claim on a statement checks that
statement and, within its cell, the statements it computes from (and the calls that only read
what it checks: ``print(...)``). A NoClaim's reason holds for every item of the lines it names. :func:`dangling`
checks the other way round: claims and NoClaims that point at no block at all.

Nothing here knows JAX or SymPy; the text is only split into blocks and scanned, never executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Union

from ..readers._markdown import CODE, DISPLAY_MATH, INLINE_MATH, Block, read_blocks
from ..model._claims import Claim, NoClaim, Source
from ..model._format import shorten as _shorten

__all__ = ["NOTATION", "SETUP", "Coverage", "Item", "anchors", "block_lines", "coverage",
           "covers", "dangling", "items_of", "states_something"]

NOTATION = "notation: names a symbol or expression, states nothing"
"""The reason given automatically to an inline formula that states nothing."""
SETUP = "setup: an import, a notebook magic or a call on the libraries alone, states nothing"
"""The reason given automatically to a code cell's imports, magics and calls that read no
value of the cell (``npx.set_np()``, ``d2l.set_figsize()``)."""

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
    span: tuple[int, int] | None = None
    """A statement of a code cell: its first and last line (None for a whole block)."""
    statement: str = ""
    """A statement of a code cell: its first line, stripped."""
    defines: tuple[str, ...] = ()
    """A statement: the names it assigns (``w.grad = ...`` assigns ``w``)."""
    uses: tuple[str, ...] = ()
    """A statement: the names it reads."""

    @property
    def accounted(self) -> bool:
        """Checked by a claim or explained by a reason."""
        return bool(self.claims or self.reasons)

    @property
    def lines(self) -> tuple[int, int]:
        """The block's lines (its ``:eqlabel:`` line included), or the statement's."""
        return self.span or block_lines(self.block)

    @property
    def notation(self) -> bool:
        """Accounted for only by an automatic rule (inline notation, a cell's setup)."""
        return not self.claims and self.reasons in ((NOTATION,), (SETUP,))

    @property
    def is_statement(self) -> bool:
        """A statement of a code cell (else a formula, or a whole non-Python block)."""
        return self.span is not None

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
        """Items accounted for by an automatic rule alone (inline notation, setup)."""
        return sum(item.notation for item in self.items)

    def count(self, statements: bool) -> tuple[int, int]:
        """(accounted, total) of the code statements (True) or of the other items: formulas
        and whole blocks (False)."""
        chosen = [item for item in self.items if item.is_statement == statements]
        return sum(item.accounted for item in chosen), len(chosen)


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
    """The formulas and statements of ``text`` that must be accounted for, as items with
    nothing attached yet (inline formulas that state nothing already carry :data:`NOTATION`,
    imports and magics :data:`SETUP`)."""
    items = []
    for block in read_blocks(text, name):
        if block.kind == INLINE_MATH and not states_something(block.text):
            items.append(Item(block, reasons=(NOTATION,)))
        elif block.kind == CODE and block.tab is not None:
            items.extend(_statements(block))
        else:
            items.append(Item(block))
    return tuple(items)


_MAGIC = re.compile(r"^\s*[%!]")


def _statements(block: Block) -> tuple[Item, ...]:
    """The top-level statements of a Python cell, each with its lines in the file; the whole
    cell as one item when it does not parse (the cell translator says why when a claim reads
    it). Magics (``%matplotlib inline``) are setup, like imports."""
    import ast

    lines = block.text.split("\n")
    first = block.text_line
    items = [Item(block, reasons=(SETUP,), span=(first + k, first + k), statement=line.strip())
             for k, line in enumerate(lines) if _MAGIC.match(line)]
    source = "\n".join("" if _MAGIC.match(line) else line for line in lines)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return (Item(block),)
    values = {name for node in tree.body if not isinstance(node, (ast.Import, ast.ImportFrom))
              for name in _names(node)[0]}  # what the cell computes (not its modules)
    for node in tree.body:
        span = (first + node.lineno - 1, first + (node.end_lineno or node.lineno) - 1)
        defines, uses = _names(node)
        setup = isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, ast.Expr) and not uses & values)  # npx.set_np()
        items.append(Item(block, reasons=(SETUP,) if setup else (), span=span,
                          statement=lines[node.lineno - 1].strip(),
                          defines=tuple(sorted(defines)), uses=tuple(sorted(uses))))
    return tuple(sorted(items, key=lambda item: item.span))


def _names(node) -> tuple[set[str], set[str]]:
    """The names a statement assigns and the names it reads (imports assign their names)."""
    import ast

    defines, uses = set(), set()
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}, set()
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        defines.add(node.name)  # what its body assigns is its own
    else:  # assignments, for loops, with blocks: every name stored in them
        defines |= {sub.id for sub in ast.walk(node)
                    if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store)}
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            uses.add(sub.id)
    return defines, uses


def _checked_statements(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """A claim on a statement checks what that statement computes from: give it, within the
    cell, the earlier statements that assign what it reads (and so on back), and the calls
    without assignment (``print(...)``, ``w.attach_grad()``) that only read what it checks."""
    items = list(items)
    cells: dict[tuple, list[int]] = {}
    for k, item in enumerate(items):
        if item.is_statement:
            cells.setdefault((item.block.start, item.block.tab), []).append(k)
    for members in cells.values():
        assigned = {n for k in members for n in items[k].defines}
        for name in dict.fromkeys(c for k in members for c in items[k].claims):
            chosen = _slice([items[k] for k in members], name, assigned)
            for k, take in zip(members, chosen):
                if take and name not in items[k].claims:
                    items[k] = replace(items[k], claims=items[k].claims + (name,))
    return tuple(items)


def _slice(cell: list[Item], name: str, assigned: set[str]) -> list[bool]:
    chosen = [name in item.claims for item in cell]
    need: set[str] = set()
    for k in range(len(cell) - 1, -1, -1):
        if chosen[k] or set(cell[k].defines) & need:
            chosen[k] = True
            need |= set(cell[k].uses)
    checked = {n for item, take in zip(cell, chosen) if take for n in item.defines}
    for k, item in enumerate(cell):
        read = set(item.uses) & assigned
        if not chosen[k] and not item.defines and read and read <= checked:
            chosen[k] = True
    return chosen


def coverage(text: str, claims: Iterable[Claim], no_claims: Iterable[NoClaim], *,
             document: str) -> Coverage:
    """Account for every block of ``text`` (the document named ``document``) by the claims and
    NoClaims that point at it. Claims and NoClaims of other documents are ignored."""
    own_claims = _of_document(claims, document)
    own_reasons = _of_document(no_claims, document)
    found = items_of(text, document)
    displays = tuple(item.block for item in found if item.block.kind == DISPLAY_MATH)
    items = tuple(_account(item, own_claims, own_reasons, displays) for item in found)
    return Coverage(_checked_statements(items), document)


def _of_document(entries: Iterable[Entry], document: str) -> tuple[Entry, ...]:
    return tuple(e for e in entries if e.source.document == document)


def _account(item: Item, claims: tuple[Entry, ...], no_claims: tuple[Entry, ...],
             displays: tuple[Block, ...] = ()) -> Item:
    """``item`` with the names of the claims and the reasons of the NoClaims that cover and
    anchor it (a declared reason replaces the automatic one)."""
    def accounts(entry: Entry, strict: bool) -> bool:
        """A claim (strict) must anchor the formula; a reason holds for the lines it names."""
        return _covers_item(entry.source, item, tab_required=strict) and (
            not strict or anchors(entry.source, item, displays))

    names = tuple(c.name for c in claims if accounts(c, True))
    reasons = tuple(dict.fromkeys(n.reason for n in no_claims if accounts(n, False)))
    return replace(item, claims=names, reasons=reasons or item.reasons)


def _covers_item(source: Source, item: Item, *, tab_required: bool) -> bool:
    """:func:`covers` for the item's own lines (a statement's, not its whole cell's)."""
    if not covers(source, item.block, tab_required=tab_required):
        return False
    start, end = item.lines
    return source.lines[0] <= end and start <= source.lines[1]


def _quotes_formula(quote: str, formula: str) -> bool:
    """Whether a quote (spaces squashed) holds the inline formula ``$...$`` (squashed): the
    formula whole, or the quote a piece of it, or the quote beginning with the formula's end
    (``= 2ax = (a+a)x$``) or ending with its beginning (``pontos com $\\nabla_{x}``)."""
    if formula in quote or quote in formula:
        return True
    head = quote[: quote.find("$") + 1]
    tail = quote[quote.rfind("$"):]
    return len(head) > 1 and formula.endswith(head) or len(tail) > 1 and formula.startswith(tail)


def anchors(source: Source, item: Item, displays: tuple[Block, ...] = ()) -> bool:
    """Whether ``source`` anchors ``item`` (whose lines it overlaps): a source without a quote
    anchors everything on its lines; with one, an inline formula only when the quote holds it
    (``$...$`` in the quote, or a quote that is a piece of the formula), a display only when
    the quote stands in it -- or, when the quote stands in none of the displays its lines
    touch, every one of them (a quote of the prose around a display). Code statements are
    anchored by their lines."""
    quote = source.quote
    if not quote or item.block.kind == CODE:
        return True
    if item.block.kind == INLINE_MATH:
        return _quotes_formula(_squash(quote), _squash(f"${item.block.text}$"))
    bare = _squash(quote.replace("$", ""))
    touched = [b for b in displays if covers(source, b, tab_required=False)]
    quoted = [b for b in touched if bare in _squash(b.text)]
    return not quoted or item.block in quoted


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
