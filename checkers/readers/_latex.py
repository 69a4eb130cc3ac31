r"""Read the chapter's LaTeX into SymPy, or say exactly why not.

Public API::

    read_latex(tex, *, symbols={}, shapes={}) -> sympy.Basic
    read_relation(tex, *, symbols={}, shapes={}) -> tuple[Chain, ...]

The grammar (``latex.lark``) finds the structure; this module decides what it means. It never
calls ``eval``/``sympify``/``parse_expr`` on the text, and what it cannot read, or could read
two ways, raises :class:`LatexError` with the fragment and its character offset.

Names
    A name is a letter or a Greek command, bold or not (``\mathbf{x}``, ``\boldsymbol{\epsilon}``
    and ``x`` are all ``x``; ``\epsilon`` is ``epsilon``), plus its subscript (``w_1`` is
    ``w_1``, ``x_{ij}`` is ``x_ij``, ``\mathbf{x}_0`` is ``x_0``). It reads, first match wins:
    ``symbols[name]`` (that exact object); ``MatrixSymbol(name, *shapes[name])`` (string sizes
    become positive integer symbols); for a bold name whose components ``name_1, name_2, ...``
    (two or more, consecutive from 1) ``symbols`` declares as scalars, the column of them
    (``\mathbf{w}`` is ``[w_1, w_2, w_3]``, ``\mathbf{x}_0`` is ``[x0_1, x0_2, ...]``: the claims
    spell vectors by components); for a *plain* (not bold) subscripted name whose letter is
    a matrix in ``symbols`` or ``shapes`` -- itself or, for a lowercase letter, its uppercase
    (``a_{ij}`` of ``A``) -- the entry ``A[i - 1, j - 1]`` (the text counts from 1, SymPy
    from 0; each character of the subscript is one index unless commas separate them); for a
    subscript
    letter bound by an enclosing ``\sum`` over declared components (``\epsilon_i`` with
    ``epsilon_1, epsilon_2, ...`` in ``symbols``), the sum written out over them (see Sums);
    for another subscript letter bound by an enclosing ``\sum``,
    ``IndexedBase(letter, real=True)[i]`` (and then every
    ``x_1``, ``x_k`` of the same formula is ``x[1]``, ``x[k]`` too, so ``\frac{d}{dx_1}`` and
    ``\sum_i x_i`` speak of one variable); ``e`` is
    Euler's number and ``\pi`` is ``pi``; a size named in ``shapes`` is that size's symbol;
    otherwise ``Symbol(name, real=True)``. Index letters (sums, entries, Kronecker deltas) are
    ``Symbol(letter, integer=True)``, or the size of that name (``\beta_n`` of a vector of n).

Functions
    A name followed by a parenthesised list of two or more arguments is an applied function,
    ``Function(name)(*args)``. With one argument it is a function only for ``f g h L`` or a name
    that ``symbols`` maps to a function: an undefined function (``Function('f')``), an applied
    one (``Function('f')(x, y)``, which also names its parameters) or a ``Lambda`` (applied by
    substitution). Otherwise it is a product: ``12x(x-2)`` is ``12*x*(x - 2)``. A function of
    one argument that is a column of components (``L(\mathbf{w})``) takes the components as its
    arguments (``L(w_1, w_2, w_3)``).

Derivatives (never evaluated here: SymPy returns silent zeros for some matrix derivatives)
    ``\frac{d}{dx} E``, ``\frac{\partial}{\partial x} E`` apply to the rest of the term;
    ``\nabla_{x}`` to the next factor. With a scalar variable: ``Derivative(E, x)``. With a
    matrix variable: :class:`MatrixDerivative` -- a ``sympy.Derivative`` that is also a
    ``MatrixExpr`` of the variable's shape (denominator layout), so products and shapes check.
    ``\frac{df}{dx}`` of a bare name: ``KroneckerDelta`` of the indices when numerator and
    denominator are the same letter (``\frac{dx_i}{dx_k}``, ``\frac{dv_{kj}}{dv_{ab}}``), 1 when
    identical, the declared object when ``symbols`` has the name, else an unknown function
    ``Function('f')(*params)`` whose parameters are the arguments it is applied to elsewhere in
    the formula (all distinct symbols), else all variables it is differentiated by in the formula
    (so both sides of ``\frac{d^2f}{dx_idx_j} = \frac{d}{dx_i}(\frac{d}{dx_j}f)`` share
    ``f(x_i, x_j)``). ``\nabla f(p)`` and ``\mathbf{H} f(p)`` with scalar parameters are an
    explicit column / square ``ImmutableMatrix`` of ``Derivative``s, substituted at ``p`` with
    SymPy's ``subs`` (which yields ``Subs``); with one vector parameter they are
    ``MatrixDerivative`` (at the parameter itself) or the markers :class:`GradientAt` /
    :class:`HessianAt` (elsewhere). ``\frac{\partial f}{\partial u}(p)`` and ``\nabla_{u} f(p)``
    are the derivative in ``f``'s parameter ``u``, substituted at ``p``. When ``symbols``
    declares ``u`` a function, ``\frac{\partial f}{\partial u}(u(a, b), v(a, b))`` is the
    derivative in the one argument that applies ``u`` (SymPy's ``Subs`` of the derivative in a
    ``Dummy``, as the claims' ``partial(f, 1, ...)``). ``\nabla_{\mathbf{w}} L(\mathbf{w})`` by a
    column of components is the column of ``Derivative``s; at another column of components
    (``\nabla_{\mathbf{x}} L(\mathbf{x}_0)``) it is the gradient in ``L``'s arguments there.
    Parameters of an unknown ``f`` at a point that is not a list of distinct symbols are
    ``Dummy`` symbols (SymPy's ``Subs`` compares them up to renaming); when that cannot say
    which one is ``u``, declare ``f``.

Matrices
    ``^\top`` is ``.T`` (a transpose of a scalar is an error: declare the shape). Products of
    matrices are ``MatMul`` after checking inner sizes structurally; ``a \cdot b`` of two column
    vectors is ``a.T*b`` (1x1). A 1x1 matrix expression that meets a scalar (in a sum, a power,
    a function argument, a denominator) becomes ``Trace`` of it, which is its only entry.
    ``\|M\|_2^2`` is ``Trace(M.T*M)``, ``\|M\|`` is its square root; of a scalar, ``x**2`` and
    ``Abs(x)``. ``pmatrix``/``bmatrix`` and bracket lists ``[a, b]`` are ``ImmutableMatrix``
    (a list is a column; its ``^\top`` is therefore a row). ``[M]_{ij}`` is ``M[i - 1, j - 1]``.

Sums
    ``\sum_{i = 1}^{n} E`` is ``Sum(E, (i, 1, n))`` over the rest of the term. Without bounds the
    lower bound is 1 and the upper bound is the size of the matrix the index runs along (from the
    entries in ``E``), else ``Symbol('n_i', integer=True, positive=True)``. ``\sum_{i, j} E`` is
    ``Sum(E, (j, ...), (i, ...))``: the first index written is the outermost sum, as the claims'
    ``sum(sum(E, j, ...), i, ...)``. A sum over declared components (``\sum_i \epsilon_i
    \frac{\partial}{\partial w_i} L`` with ``epsilon_1..3``, ``w_1..3`` declared) is written
    out term by term, up to its bound, else to the number of declared components.

Einstein notation
    In a product without ``\sum``, an index letter that ``symbols`` does not declare (a declared
    ``Index`` such as ``k`` stays free), that no enclosing ``\sum`` binds, and that stands in
    exactly two factors' entries or Kronecker deltas is summed over the product, bounds from the
    sizes: ``x_ia_{ij}x_j`` is ``Sum(x[i-1]*A[i-1, j-1]*x[j-1], (j, 1, n), (i, 1, n))`` and
    ``a_{kj}x_j + x_ia_{ik}`` two sums (lines 692-731 say the notation is Einstein's). Names
    that are not entries (``x_i`` of an undeclared ``x``) are never summed.

Schematic text
    ``\ldots``, ``\cdots``, ``\vdots``, ``\ddots`` read as the marker :data:`ELLIPSIS`; an
    expression containing it is *schematic* (:func:`is_schematic`): the caller decides. One
    exception: in a list of arguments or a bracket list ``a_1, a_2, \ldots, T`` whose last item
    ``T`` is a pattern in one subscript letter (``w_N``, ``w_N+\epsilon_N``), the dots are
    filled in when ``symbols`` declares the pattern's components: up to the longest declared
    family among its names (``L(w_1, w_2, \ldots, w_N)`` with ``w_1, w_2, w_3`` declared is
    ``L(w_1, w_2, w_3)``, the claims' N = 3); ``T`` at k is ``T`` with each ``name_N`` replaced by
    ``symbols['name_k']`` (or ``Symbol('name_k', real=True)``). With no declared family, or
    fewer components than items already written, the list stays schematic.

Numbers
    Decimals are exact ``Rational``s (``0.5`` is ``1/2``). ``^`` and ``_`` without braces take
    one character, as in LaTeX; ``x^23`` is refused as a likely typo.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import lark
import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from ..algebra import _functions
from ..model._errors import ExpressionError, ShapeError, UsageError

__all__ = [
    "ELLIPSIS", "Chain", "GradientAt", "HessianAt", "LatexError", "LatexShapeError",
    "MatrixDerivative", "Side", "is_schematic", "read_latex", "read_relation",
]

_EMPTY: Mapping = MappingProxyType({})


# ----------------------------------------------------------------------------------------------
# Errors and markers


class LatexError(ExpressionError):
    """A LaTeX text that cannot be read, or reads two ways.

    ``fragment`` is the piece of text at fault, ``position`` its character offset in ``text``
    (the whole input), ``problem`` what is wrong, ``hint`` what to do, ``kind`` one of
    ``"syntax"``, ``"unknown command"``, ``"ambiguous"``, ``"shape"``, ``"unsupported"``.
    An :class:`ExpressionError`, so ``about(claim, where)`` tells it about a claim.
    """

    def __init__(self, problem: str, *, fragment: str = "", position: int = 0, text: str = "",
                 hint: str | None = None, kind: str = "syntax", **kwargs) -> None:
        self.fragment = fragment
        super().__init__(problem, text=text, position=position, hint=hint or None, kind=kind,
                         **kwargs)

    def __reduce__(self):
        return _rebuilt, (type(self), dict(self.__dict__))

    def _render(self) -> str:
        message = (f"cannot read {self.fragment!r} at position {self.position} in "
                   f"{_excerpt(self.text, self.position)!r}: {self.problem}")
        if self.hint:
            message += f"; {self.hint}"
        if self.claim:
            message = f"claim {self.claim!r}" + (f" ({self.where})" if self.where else "") + (
                f": {message}")
        return message


def _rebuilt(cls, state: dict) -> LatexError:
    """A LatexError back from pickle or copy, its message rendered from its fields."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (error._render(),)
    return error


class LatexShapeError(LatexError, ShapeError):
    """Sizes that do not fit in a LaTeX text (a :class:`LatexError` and a :class:`ShapeError`)."""


def _excerpt(text: str, position: int, width: int = 60) -> str:
    if len(text) <= 2 * width:
        return text
    start, end = max(0, position - width), min(len(text), position + width)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


ELLIPSIS = sympy.Symbol("...")
"""What ``\\ldots``, ``\\cdots``, ``\\vdots`` and ``\\ddots`` read as: the text is schematic."""


def is_schematic(expr: sympy.Basic) -> bool:
    """Whether ``expr`` contains :data:`ELLIPSIS` (the text elides terms with dots)."""
    return isinstance(expr, sympy.Basic) and expr.has(ELLIPSIS)


class MatrixDerivative(sympy.Derivative, MatrixExpr):
    """``Derivative(E, X)`` of a scalar (or 1x1) ``E`` by a matrix ``X``, shaped like ``X``.

    It is a ``sympy.Derivative`` (``.expr``, ``.variables``) that SymPy's matrix algebra accepts
    as a factor. ``doit()`` does not evaluate it: SymPy's matrix derivatives can be silently 0
    (FACTS.md); evaluate on purpose with ``d.expr.diff(d.variables[0])`` and check the result.
    """

    is_commutative = False

    @property
    def shape(self):
        return self.variables[0].shape

    def _entry(self, i, j, **kwargs):
        return MatrixElement(self, i, j)

    def doit(self, **hints):
        return self


class _AtPoint(MatrixExpr):
    """Shared shape of the GradientAt and HessianAt markers: ``(expr, var, point)``."""

    def __new__(cls, expr, var, point):
        return sympy.Basic.__new__(cls, expr, var, point)

    expr = property(lambda self: self.args[0])
    var = property(lambda self: self.args[1])
    point = property(lambda self: self.args[2])

    def _entry(self, i, j, **kwargs):
        return MatrixElement(self, i, j)

    def doit(self, **hints):
        return self


class GradientAt(_AtPoint):
    r"""``\nabla f(p)`` for ``f`` of one vector ``var``: the gradient of ``expr`` at ``point``.

    Shaped like ``var``. Evaluate on purpose: ``expr.diff(var)`` with ``var`` replaced by ``point``.
    """

    @property
    def shape(self):
        return self.var.shape


class HessianAt(_AtPoint):
    r"""``\mathbf{H} f(p)`` for ``f`` of one vector ``var`` of size n: n x n, at ``var = point``."""

    @property
    def shape(self):
        return (self.var.shape[0], self.var.shape[0])


# ----------------------------------------------------------------------------------------------
# Public API


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


def read_latex(tex: str, *, symbols: Mapping[str, sympy.Basic] = _EMPTY,
               shapes: Mapping[str, tuple] = _EMPTY) -> sympy.Basic:
    """Read one expression (no relation) as SymPy; see the module docstring for the conventions."""
    reader = _Reader(tex, symbols, shapes)
    return reader.finish([reader.read_side(0, tex)])[0]


def read_relation(tex: str, *, symbols: Mapping[str, sympy.Basic] = _EMPTY,
                  shapes: Mapping[str, tuple] = _EMPTY) -> tuple[Chain, ...]:
    r"""Split a display into relation chains and read every side.

    ``$$`` around it is optional; inside ``\begin{aligned}``, ``&`` only aligns and ``\`` ends a
    line: a line that starts with ``=`` or ``\approx`` continues the chain above, a line
    without relation (``& \quad + ...``) continues the side above (a ``\right.`` ending one line
    and the ``\left.`` opening the next cancel out), any other line starts new chains.
    ``,``, ``\text{...}``, ``\;`` or ``\qquad`` between two relations start a new chain; a final
    ``.`` or ``,`` is punctuation. A comma list after the last relation is a list of values,
    one chain each (``x = -1, 0, 2`` is ``x = -1``, ``x = 0``, ``x = 2``); a display that is only
    a comma list (``-5,0, -32``) is one single-side chain per item. Sides of one chain share
    unknown functions' parameters.
    """
    chains = []
    for sides, relations in _split_display(tex):
        reader = _Reader(tex, symbols, shapes)
        exprs = reader.finish([reader.read_side(start, text) for start, _, text in sides])
        chains.append(Chain(tuple(Side(e, text.strip(), start) for e, (start, _, text)
                                  in zip(exprs, sides)), tuple(relations)))
    return tuple(chains)


# ----------------------------------------------------------------------------------------------
# Splitting a display into sides


_SPLIT_TOKEN = re.compile(r"""
    (?P<rowsep>\\\\)
  | (?P<sep>\\text\s*\{[^{}]*\}|\\;|\\qquad(?![a-zA-Z])|,)
  | (?P<space>\\quad(?![a-zA-Z])|\\[,:! ]|\s+|~)
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
class _Tok:
    kind: str
    start: int
    end: int
    depth: int
    text: str


def _tokens(tex: str, start: int, end: int) -> list[_Tok]:
    toks, depth, pos = [], 0, start
    while pos < end:
        m = _SPLIT_TOKEN.match(tex, pos, end)
        kind = m.lastgroup
        if kind in ("close", "rightdot"):
            depth -= 1
            if depth < 0:
                raise _error("closes a group that was never opened", tex, m.start(), m.group())
        toks.append(_Tok(kind, m.start(), m.end(), depth, m.group()))
        if kind in ("open", "leftdot"):
            depth += 1
        pos = m.end()
    if depth:
        opener = next(t for t in reversed(toks) if t.kind in ("open", "leftdot") and t.depth == 0)
        raise _error("opens a group that is never closed", tex, opener.start, opener.text)
    return toks


def _error(problem, tex, position, fragment, hint="", kind="syntax") -> LatexError:
    error = LatexShapeError if kind == "shape" else LatexError
    return error(problem, fragment=fragment, position=position, text=tex, hint=hint, kind=kind)


def _body(tex: str) -> tuple[int, int, bool]:
    """The span inside ``$$``/``$`` and ``\\begin{aligned}``, and whether it is aligned."""
    m = re.fullmatch(r"\s*(\$\$?)?(.*?)\1?\s*", tex, re.DOTALL)
    start, end = m.span(2)
    inner = re.fullmatch(r"\s*\\begin\{aligned\}(.*)\\end\{aligned\}\s*", tex[start:end],
                         re.DOTALL)
    if inner:
        return start + inner.start(1), start + inner.end(1), True
    return start, end, False


def _split_display(tex: str) -> list[tuple[list[tuple[int, int, str]], list[str]]]:
    """Chains of (sides, relations); a side is (start, end, text with gaps blanked)."""
    start, end, aligned = _body(tex)
    toks = _tokens(tex, start, end)
    _blank_trailing_punctuation(toks)
    lines, line = [], []
    for tok in toks:
        if tok.kind == "rowsep" and tok.depth == 0:
            if not aligned:
                raise _error("a line break outside an aligned block", tex, tok.start, tok.text)
            lines.append(line)
            line = []
        else:
            line.append(tok)
    lines.append(line)
    builder = _ChainBuilder(tex)
    for line in lines:
        builder.add_line([t for t in line if not (t.kind == "amp" and t.depth == 0)])
    return builder.result()


def _blank_trailing_punctuation(toks: list[_Tok]) -> None:
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

    def add_line(self, toks: list[_Tok]) -> None:
        top = [t for t in toks if t.depth == 0]
        for t in top:
            if t.kind == "badrel":
                raise _error("unsupported relation", self.tex, t.start, t.text,
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
                raise _error("a relation with nothing on its left", self.tex,
                             toks[rels[0]].start, toks[rels[0]].text)
        else:
            self._no_separator(head, "before the first relation")
            self.chains.append(([[self._span(head)]], []))
        for n, k in enumerate(rels):
            stop = rels[n + 1] if n + 1 < len(rels) else len(toks)
            self._relation(toks[k], toks[k + 1:stop], last=n + 1 == len(rels))

    def _relation(self, rel: _Tok, segment: list[_Tok], last: bool) -> None:
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
            raise _error("two separators between two relations: which side is which?", self.tex,
                         second.start, second.text, kind="ambiguous")
        first, stop = groups[0]
        left, right = segment[:first], segment[stop:]
        if not any(t.text == "," or t.text.startswith("\\text") for t in segment[first:stop]):
            self._no_operator_at_cut(left, right)
        sides.append([self._span(left, rel)])
        self.chains.append(([[self._span(right, segment[first])]], []))

    def _no_operator_at_cut(self, left: list[_Tok], right: list[_Tok]) -> None:
        """Spacing alone (``\\;``) splits only where no operator hangs (``b \\; + c``)."""
        operators = ("+", "-", "\\cdot", "\\times", "*")
        last = next((t for t in reversed(left) if t.kind != "space"), None)
        head = next((t for t in right if t.kind != "space"), None)
        for tok in (last, head):
            if tok is not None and tok.text in operators:
                raise _error("spacing between two relations, next to an operator: one side or "
                             "two?", self.tex, tok.start, tok.text,
                             "separate relations with ',' or \\text{and}", kind="ambiguous")

    def _separator_groups(self, segment: list[_Tok]) -> list[tuple[int, int]]:
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

    def _items(self, toks: list[_Tok], where: str) -> list[list[_Tok]]:
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

    def _no_separator(self, toks: list[_Tok], where: str) -> None:
        for t in toks:
            if t.depth == 0 and t.kind == "sep" and t.text not in ("\\;", "\\qquad"):
                raise _error(f"a separator {where}", self.tex, t.start, t.text,
                             "separators may only stand between two relations")

    @staticmethod
    def _blank(toks: list[_Tok]) -> bool:
        return all(t.kind == "space" for t in toks)

    def _span(self, toks: list[_Tok], after: _Tok | None = None) -> tuple[int, int]:
        body = [t for t in toks if t.kind != "space" and not (
            t.kind == "sep" and t.depth == 0 and t.text in ("\\;", "\\qquad"))]
        if not body:
            where = after.end if after else (toks[0].start if toks else 0)
            raise _error("an empty side", self.tex, where, self.tex[where:where + 1] or "")
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


# ----------------------------------------------------------------------------------------------
# Parsing


@functools.cache
def _parser() -> lark.Lark:
    grammar = importlib.resources.files(__package__).joinpath("latex.lark").read_text("utf-8")
    grammar = grammar.replace("@FUNCTIONS@", "|".join(_functions.latex_commands()))
    return lark.Lark(grammar, parser="earley", lexer="basic", ambiguity="explicit",
                     propagate_positions=True)


def _parse(text: str, offset: int, source: str) -> lark.Tree:
    """Parse ``text`` (a piece of ``source`` starting at ``offset``); lark's errors become
    :class:`LatexError`s that point into ``source``."""
    try:
        tree = _parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as exc:
        raise _unexpected_character(text, exc.pos_in_stream, offset, source) from None
    except lark.exceptions.UnexpectedToken as exc:
        raise _unexpected_token(exc.token, text, offset, source) from None
    except lark.exceptions.UnexpectedEOF:
        raise _error("the formula ends too early", source, offset + len(text),
                     text.strip()[-20:], "close every group you open") from None
    for node in tree.iter_subtrees_topdown():
        if node.data == "_ambig":
            spans = [(t.meta.start_pos, t.meta.end_pos) for t in node.iter_subtrees()
                     if not t.meta.empty]
            start, end = offset + min(a for a, _ in spans), offset + max(b for _, b in spans)
            raise _error("reads two ways", source, start, source[start:end],
                         "add braces or parentheses", kind="ambiguous")
    return tree


def _unexpected_character(text: str, pos: int, offset: int, source: str) -> LatexError:
    m = re.compile(r"\\[a-zA-Z]+|\\.|.", re.DOTALL).match(text, pos)
    fragment, where = m.group(), offset + pos
    if fragment == "\\begin" and text.startswith("{aligned}", m.end()):
        return _error("an aligned block is a relation", source, where, fragment,
                      "use read_relation")
    if fragment in ("\\left", "\\right"):
        return _error("an unsupported delimiter", source, where, text[pos:pos + 7],
                      "use \\left( \\right), \\left[ \\right], \\left| \\right| or \\left\\| "
                      "\\right\\|; '\\left.'/'\\right.' are only understood across the lines of "
                      "an aligned block", kind="unsupported")
    if fragment.startswith("\\") and len(fragment) > 2:
        return _error("unknown command", source, where, fragment,
                      "rewrite it, or teach it to checkers/latex.lark and checkers/_latex.py",
                      kind="unknown command")
    return _error("unexpected character", source, where, fragment)


def _unexpected_token(token, text: str, offset: int, source: str) -> LatexError:
    if token.type == "$END":
        return _error("the formula ends too early", source, offset + len(text.rstrip()),
                      text.strip()[-20:], "close every group you open")
    where = offset + token.start_pos
    if token.type == "EQUALS":
        return _error("a relation inside an expression", source, where, token.value,
                      "read relations with read_relation")
    return _error("unexpected here", source, where, token.value)


# ----------------------------------------------------------------------------------------------
# Reading a parse tree


_DEFAULT_FUNCTIONS = frozenset("fghL")
_PENDING = sympy.Dummy("pending")  # the parameters of an unknown function, fixed in finish()
_VARIABLE_TYPES = (sympy.Symbol, sympy.MatrixSymbol, MatrixElement, sympy.Indexed)


def _shape(expr) -> tuple | None:
    return expr.shape if isinstance(expr, (MatrixExpr, sympy.MatrixBase)) else None


def _explicit(expr) -> bool:
    return isinstance(expr, sympy.MatrixBase)


def _sized(value):
    """A size as SymPy: an int becomes an Integer; SymPy sizes pass through (never a string:
    nothing here parses text with SymPy)."""
    if isinstance(value, bool) or isinstance(value, str):
        raise TypeError(f"a size must be an int or a SymPy size, not {value!r}")
    return sympy.Integer(value) if isinstance(value, int) else value


def _size(shape) -> str:
    return f"{shape[0]} x {shape[1]}"


@dataclass(frozen=True)
class _Name:
    r"""A name as written: ``base`` (``x``, ``epsilon``), bold or not, and its subscript as
    comma-separated groups of atoms (letters, numbers, Greek names); ``None`` without one."""

    base: str
    bold: bool
    sub: tuple[tuple[str, ...], ...] | None
    start: int = 0
    end: int = 0

    @property
    def full(self) -> str:
        return self.base if self.sub is None else (
            f"{self.base}_{''.join(''.join(group) for group in self.sub)}")

    @property
    def indices(self) -> tuple[str, ...]:
        """The subscript as indices: comma-separated groups, else one per letter, digit or
        Greek letter."""
        if self.sub is None:
            return ()
        if len(self.sub) > 1:
            return tuple("".join(group) for group in self.sub)
        return tuple(c for atom in self.sub[0] for c in (atom if atom.isdigit() else [atom]))


@dataclass(frozen=True)
class _Diff:
    r"""The parts of ``\frac{d^k F}{dx dy}``: ``partial`` or not, the numerator's factors after
    the ``d`` (``F``), and the denominator's variables as (name, count)."""

    partial: bool
    rest: list
    variables: list[tuple[_Name, int]]


class _Reader:
    """Reads the sides of one formula; keeps what they share (unknown functions' parameters)."""

    def __init__(self, source: str, symbols: Mapping, shapes: Mapping) -> None:
        self.source = source
        self.symbols = _checked_symbols(symbols)
        self.dims: dict[str, sympy.Basic] = {}
        self.shapes = {name: self._shape_of(name, shape) for name, shape in shapes.items()}
        self.bound: list[str] = []
        self.applied: dict[str, tuple] = {}
        self.indexed: dict[str, int] = {}  # IndexedBase name -> rank
        self.subscripted: dict[sympy.Symbol, _Name] = {}
        self.fresh: set[sympy.Symbol] = set()  # index letters not declared in symbols
        self.families: set[str] = set()  # declared scalar families summed over (x_i of x_1..)
        self.offset = 0

    def _shape_of(self, name, shape) -> tuple:
        if not isinstance(name, str) or not isinstance(shape, tuple) or len(shape) != 2:
            raise UsageError(f"shapes={{{name!r}: {shape!r}}}: a shape is a (rows, cols) tuple "
                             "of ints or size names, like ('n', 1) for a vector of n")
        sizes = []
        for size in shape:
            if isinstance(size, str):
                sizes.append(self.dims.setdefault(
                    size, sympy.Symbol(size, integer=True, positive=True)))
            elif isinstance(size, (int, sympy.Basic)) and not isinstance(size, bool):
                sizes.append(_sized(size))
            else:
                raise UsageError(f"shapes={{{name!r}: {shape!r}}}: a size is an int or a name")
        return tuple(sizes)

    # -- entry points ----------------------------------------------------------------------

    def read_side(self, start: int, text: str) -> sympy.Basic:
        """Read ``text``, which stands at offset ``start`` of the source."""
        self.offset = start
        if not text.strip():
            raise _error("nothing to read", self.source, start, text)
        return self._sum(_parse(text, start, self.source).children[0])

    def finish(self, exprs: list) -> list:
        """Make ``x_1`` an entry ``x[1]`` where the formula also sums over ``x_i``; give every
        unknown differentiated function its parameters (see module docstring)."""
        indexing = self._indexing()
        if indexing:
            exprs = [e.xreplace(indexing) for e in exprs]
            self.applied = {k: tuple(a.xreplace(indexing) for a in v)
                            for k, v in self.applied.items()}
        pending = {a for e in exprs for a in e.atoms(AppliedUndef) if a.args == (_PENDING,)}
        mapping = {}
        for applied in pending:
            name = applied.func.__name__
            params = self.applied.get(name) or self._differentiated_by(applied, exprs)
            if not params:
                raise _error("a function whose variables cannot be told", self.source,
                             self.offset, name, f"apply it, e.g. {name}(x, y)")
            mapping[applied] = applied.func(*params)
        return [e.xreplace(mapping) if mapping else e for e in exprs]

    def _indexing(self) -> dict:
        mapping = {}
        for symbol, name in self.subscripted.items():
            rank = self.indexed.get(name.base)
            if rank is None:
                continue
            indices = name.indices
            if len(indices) != rank and rank == 1 and all(i.isdigit() for i in indices):
                indices = ("".join(indices),)
            if len(indices) != rank or not all(i.isdigit() or i.isalpha() for i in indices):
                raise _error(f"'{name.full}' and the summed '{name.base}' have different "
                             "indices", self.source, name.start,
                             self.source[name.start:name.end], kind="ambiguous")
            mapping[symbol] = sympy.IndexedBase(name.base, real=True)[
                tuple(self._index(i, None) for i in indices)]
        return mapping

    @staticmethod
    def _differentiated_by(applied, exprs) -> tuple:
        found = []
        for e in exprs:
            for d in e.atoms(sympy.Derivative):
                if d.expr.has(applied):
                    found.extend(v for v in d.variables if v not in found)
        matrices = {v for v in found if isinstance(v, sympy.MatrixSymbol)}
        found = [v for v in found if not (isinstance(v, MatrixElement) and v.parent in matrices)]
        return tuple(sorted(found, key=sympy.default_sort_key))

    # -- errors ----------------------------------------------------------------------------

    def _span(self, node) -> tuple[int, int]:
        if isinstance(node, lark.Token):
            return self.offset + node.start_pos, self.offset + node.end_pos
        return self.offset + node.meta.start_pos, self.offset + node.meta.end_pos

    def _fail(self, problem: str, node, hint: str = "", kind: str = "syntax", end_node=None):
        start, end = self._span(node)
        if end_node is not None:
            end = self._span(end_node)[1]
        return _error(problem, self.source, start, self.source[start:end], hint, kind)

    def _guard(self, node, build, *args):
        """Run ``build``; a SymPy error becomes a LatexError about ``node``."""
        try:
            return build(*args)
        except LatexError:
            raise
        except (TypeError, ValueError, NotImplementedError, IndexError,
                sympy.matrices.exceptions.ShapeError) as exc:
            raise self._fail(f"SymPy cannot build this ({exc})", node,
                             "rewrite it or declare shapes", kind="unsupported") from None

    # -- sums and products -----------------------------------------------------------------

    def _sum(self, node) -> sympy.Basic:
        terms, sign = [], 1
        for child in node.children:
            if isinstance(child, lark.Token):
                sign = -1 if child == "-" else 1
            else:
                terms.append((sign, self._term(child.children), child))
                sign = 1
        return self._guard(node, self._add, terms, node)

    def _add(self, terms, node) -> sympy.Basic:
        shapes = [_shape(e) for _, e, _ in terms]
        if all(s is None for s in shapes):
            return sympy.Add(*[s * e for s, e, _ in terms])
        if any(s is None for s in shapes):
            wrong = next((t for t, s in zip(terms, shapes) if s not in (None, (1, 1))), None)
            if wrong is not None:
                size = _size(_shape(wrong[1]))
                raise self._fail(f"adds a scalar and a matrix of size {size}", node,
                                 "check the shapes you declared", kind="shape")
            return sympy.Add(*[s * self._scalar(e, t) for s, e, t in terms])
        for (_, e, t), shape in zip(terms, shapes):
            if not all(_sized(a) == b for a, b in zip(shape, shapes[0])):
                sizes = f"{_size(shapes[0])} and {_size(shape)}"
                raise self._fail(f"adds matrices of sizes {sizes}", node,
                                 "check the shapes you declared", kind="shape")
        if all(_explicit(e) for _, e, _ in terms):
            return functools.reduce(lambda a, b: a + b, [s * e for s, e, _ in terms])
        return sympy.MatAdd(*[e if s > 0 else self._negate(e) for s, e, _ in terms],
                            evaluate=True)

    @staticmethod
    def _negate(e):
        return -e if _explicit(e) else sympy.MatMul(sympy.S.NegativeOne, e, evaluate=True)

    def _scalar(self, e, node):
        """``e`` as a scalar: a 1x1 matrix becomes its trace (its only entry)."""
        shape = _shape(e)
        if shape is None:
            return e
        if shape == (1, 1):
            return e[0, 0] if _explicit(e) else sympy.Trace(e)
        raise self._fail(f"a matrix of size {_size(shape)} where a scalar is needed", node,
                         "check the shapes you declared", kind="shape")

    def _term(self, items: list) -> sympy.Basic:
        factors, op, k = [], None, 0
        while k < len(items):
            item = items[k]
            if isinstance(item, lark.Token):
                if not factors:
                    raise self._fail(f"'{item.value}' with nothing on its left", item)
                op, k = item, k + 1
                continue
            diff = self._diff(item)
            if self._is_sum(item) or (diff is not None and not diff.rest):
                if k + 1 == len(items):
                    raise self._fail("an operator with nothing to act on", item)
                value = self._rest_operator(item, diff, items[k + 1:])
                factors.append((value, op, item))
                break
            value, k = self._factor_at(items, k)
            factors.append((value, op, item))
            op = None
        return self._einstein(self._product(factors), factors)

    def _einstein(self, value, factors) -> sympy.Basic:
        """Einstein notation: an undeclared index letter that stands in exactly two factors of a
        scalar product (``x_ia_{ij}x_j``, ``a_{kj}x_j``), and that no enclosing ``\\sum``
        binds, is summed over the product; the first index written is the outermost sum."""
        if len(factors) < 2 or _shape(value) is not None:
            return value
        counts: dict[sympy.Symbol, int] = {}
        for factor, _, _ in factors:
            free = getattr(factor, "free_symbols", set())
            for index in sorted(free & self.fresh, key=sympy.default_sort_key):
                if index.name not in self.bound:
                    counts[index] = counts.get(index, 0) + 1
        summed = [index for index, count in counts.items() if count == 2]
        if not summed:
            return value
        node = factors[0][2]
        limits = [(index, sympy.Integer(1), self._bound_of(value, index, index.name, node))
                  for index in summed]
        return sympy.Sum(value, *reversed(limits))

    def _product(self, factors) -> sympy.Basic:
        acc, _, first = factors[0]
        for value, op, node in factors[1:]:
            if op is not None and op.type == "MULOP" and op.value == r"\cdot":
                acc = self._guard(node, self._dot, acc, value, first, node)
            else:
                acc = self._guard(node, self._times, acc, value, first, node)
        return acc

    def _dot(self, a, b, first, node):
        sa, sb = _shape(a), _shape(b)
        if sa and sb and sa[1] == 1 and sb[1] == 1:
            if _sized(sa[0]) != sb[0]:
                raise self._fail(f"a dot product of vectors of sizes {sa[0]} and {sb[0]}",
                                 first, kind="shape", end_node=node)
            return a.T * b if _explicit(a) and _explicit(b) else sympy.MatMul(
                a.T, b, evaluate=True)
        return self._times(a, b, first, node)

    def _times(self, a, b, first, node):
        sa, sb = _shape(a), _shape(b)
        if sa is None and sb is None:
            return a * b
        if sa is not None and sb is not None:
            if _sized(sa[1]) != sb[0]:
                start, end = self._span(first)[0], self._span(node)[1]
                raise self._fail(
                    f"a product of matrices of sizes {_size(sa)} and {_size(sb)}: inner sizes "
                    f"{sa[1]} and {sb[0]} differ", first, kind="shape", end_node=node,
                    hint=f"'{self.source[start:end]}' needs a transpose or another order")
        if _explicit(a) and _explicit(b) or (sa is None and _explicit(b)) or (
                sb is None and _explicit(a)):
            return a * b
        return sympy.MatMul(a, b, evaluate=True)

    # -- factors ---------------------------------------------------------------------------

    @staticmethod
    def _primary(factor):
        return factor.children[0].children[0]

    @staticmethod
    def _scripts(factor):
        return [(s.children[0].type, s.children[1]) for s in factor.children[1:]]

    def _is_sum(self, factor) -> bool:
        prim = self._primary(factor)
        return isinstance(prim, lark.Token) and prim.type == "SUMOP"

    def _name(self, factor, allow_sup: bool = False) -> _Name | None:
        """The factor as a name (letter, Greek, bold) with at most a subscript, else None."""
        prim = self._primary(factor)
        scripts = self._scripts(factor)
        if isinstance(prim, lark.Token) and prim.type in ("LETTER", "GREEK"):
            base, bold = prim.value.lstrip("\\"), False
        elif isinstance(prim, lark.Tree) and prim.data == "bold":
            base, bold = prim.children[1].value.lstrip("\\"), True
        else:
            return None
        subs = [s for kind, s in scripts if kind == "SUB"]
        if len(subs) > 1 or (not allow_sup and len(subs) != len(scripts)):
            return None
        sub = self._subscript(subs[0]) if subs else None
        start, end = self._span(factor.children[0])
        if subs:
            end = self._span(factor.children[1 + [k for k, _ in scripts].index("SUB")])[1]
        return _Name(base, bold, sub, start, end)

    def _subscript(self, sarg) -> tuple[tuple[str, ...], ...]:
        if isinstance(sarg, lark.Token):
            if sarg.type in ("LETTER", "GREEK"):
                return ((sarg.value.lstrip("\\"),),)
            if sarg.type == "NUMBER":
                return ((self._single(sarg),),)
            raise self._fail("cannot be a subscript", sarg)
        if sarg.data != "brace" or not sarg.children or sarg.children[0] is None:
            raise self._fail("cannot be a subscript of a name", sarg)
        sums = sarg.children[0].children
        if any(isinstance(s, lark.Token) for s in sums):
            raise self._fail("an '=' in a subscript of a name", sarg)
        groups = []
        for s in sums:
            if len(s.children) != 1:
                raise self._fail("a sign in a subscript", s)
            group = []
            for factor in s.children[0].children:
                prim = self._primary(factor) if isinstance(factor, lark.Tree) else factor
                if not isinstance(prim, lark.Token) or prim.type not in (
                        "LETTER", "NUMBER", "GREEK") or len(factor.children) > 1:
                    raise self._fail("a subscript of a name holds letters and digits", factor)
                group.append(prim.value.lstrip("\\"))
            groups.append(tuple(group))
        return tuple(groups)

    def _single(self, tok) -> str:
        if len(tok.value) > 1:
            raise self._fail(f"'{tok.value}' after '^' or '_' reads as '{tok.value[0]}' then "
                             f"'{tok.value[1:]}' in LaTeX", tok, f"write {{{tok.value}}}",
                             kind="ambiguous")
        return tok.value

    def _factor_at(self, items: list, k: int) -> tuple[sympy.Basic, int]:
        factor = items[k]
        prim = self._primary(factor)
        if isinstance(prim, lark.Token) and prim.type == "NABLA":
            return self._nabla(items, k)
        if isinstance(prim, lark.Token) and prim.type == "FUNC":
            return self._function(items, k)
        name = self._name(factor)
        if name is not None:
            return self._name_at(name, items, k)
        name = self._name(factor, allow_sup=True)
        if name is not None:
            sups = [(kind, s) for kind, s in self._scripts(factor) if kind == "SUP"]
            return self._with_scripts(self._resolve(name, factor), sups, factor), k + 1
        diff = self._diff(factor)
        if diff is not None:
            return self._derivative_at(diff, items, k)
        value = self._guard(factor, self._primary_value, prim, factor)
        return self._with_scripts(value, self._scripts(factor), factor), k + 1

    def _next_paren(self, items: list, k: int):
        """The arguments of a parenthesised group right after item k, or None."""
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            return None
        prim = self._primary(items[k + 1])
        if isinstance(prim, lark.Tree) and prim.data == "paren":
            return prim.children[1 if isinstance(prim.children[0], lark.Token) else 0]
        return None

    def _args(self, args_node) -> list:
        return self._instantiate([self._sum(s) for s in args_node.children])

    def _instantiate(self, args: list) -> list:
        """``w_1, w_2, \\ldots, w_N`` with the claim's ``w_1, w_2, w_3`` declared is
        ``w_1, w_2, w_3``: the last item is the pattern in one subscript letter (``w_N``,
        ``w_N + \\epsilon_N``), filled in up to the longest declared family of its names.
        Without a declared family the list stays schematic."""
        dots = [k for k, arg in enumerate(args) if arg is ELLIPSIS]
        if len(dots) != 1 or dots[0] != len(args) - 2 or dots[0] == 0:
            return args
        pattern, before = args[-1], dots[0]
        bases, letters = {}, set()
        for symbol in getattr(pattern, "free_symbols", ()):
            found = re.fullmatch(r"(.+)_([A-Za-z])", getattr(symbol, "name", ""))
            if found and isinstance(symbol, sympy.Symbol) and symbol.name not in self.symbols:
                bases[symbol] = found.group(1)
                letters.add(found.group(2))
        if not bases or len(letters) != 1:
            return args
        size = max(len(self._family(base)) for base in bases.values())
        if size <= before:
            return args
        return args[:before] + [
            pattern.xreplace({symbol: self._member(base, k) for symbol, base in bases.items()})
            for k in range(before + 1, size + 1)]

    def _name_at(self, name: _Name, items: list, k: int):
        if self._is_hessian_operator(name, items, k):
            return self._hessian(items, k)
        args_node = self._next_paren(items, k)
        if args_node is not None and self._applies(name, len(args_node.children)):
            value = self._guard(items[k + 1], self._apply, name, self._args(args_node),
                                items[k + 1])
            return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2
        return self._resolve(name, items[k]), k + 1

    def _applies(self, name: _Name, count: int) -> bool:
        declared = self.symbols.get(name.full)
        if isinstance(declared, (sympy.Lambda, AppliedUndef, UndefinedFunction)):
            return True
        if declared is not None or name.full in self.shapes:
            return False
        return count > 1 or (name.full in _DEFAULT_FUNCTIONS and not name.bold)

    # -- names -----------------------------------------------------------------------------

    def _resolve(self, name: _Name, node) -> sympy.Basic:
        full = name.full
        if full in self.symbols:
            declared = self.symbols[full]
            if isinstance(declared, sympy.Lambda):
                return declared.expr
            if isinstance(declared, UndefinedFunction):
                raise self._fail(f"'{full}' is declared a function", node,
                                 f"apply it: {full}(...)")
            return declared
        if full in self.shapes:
            return sympy.MatrixSymbol(full, *self.shapes[full])
        if name.bold:
            family = self._family(name.base + "".join(name.indices))
            if len(family) > 1:
                return sympy.ImmutableMatrix([[member] for member in family])
        if name.sub is not None and not name.bold:
            matrix = self._matrix_for(name.base)
            if matrix is not None:
                return self._entry(matrix, name.indices, node)
            bound = [i for i in name.indices if i in self.bound]
            if len(name.indices) == 1 and bound and self._family(name.base):
                self.families.add(name.base)
                return sympy.IndexedBase(name.base, real=True)[self._index(bound[0], node)]
            if bound:
                if self.indexed.setdefault(name.base, len(name.indices)) != len(name.indices):
                    raise self._fail(f"'{name.base}' summed with different numbers of indices",
                                     node, kind="ambiguous")
                return sympy.IndexedBase(name.base, real=True)[
                    tuple(self._index(i, node) for i in name.indices)]
        if full == "e":
            return sympy.E
        if full == "pi":
            return sympy.pi
        if full in self.dims:
            return self.dims[full]
        symbol = sympy.Symbol(full, real=True)
        if name.sub is not None and not name.bold:
            self.subscripted.setdefault(symbol, name)
        return symbol

    def _family(self, base: str) -> list:
        """The declared scalars ``base_1, base_2, ...`` (consecutive from 1): the components of
        a vector that the claim spells out (``w_1, w_2, w_3`` of ``\\mathbf{w}``)."""
        found = []
        while True:
            member = self.symbols.get(f"{base}_{len(found) + 1}")
            if not isinstance(member, sympy.Expr) or _shape(member) is not None or (
                    isinstance(member, sympy.Symbol) and member.is_integer):
                return found
            found.append(member)

    def _member(self, base: str, k: int) -> sympy.Basic:
        member = self.symbols.get(f"{base}_{k}")
        return member if member is not None else sympy.Symbol(f"{base}_{k}", real=True)

    def _matrix_for(self, base: str):
        declared = self.symbols.get(base)
        if declared is not None:
            return declared if _shape(declared) else None
        if base in self.shapes:
            return sympy.MatrixSymbol(base, *self.shapes[base])
        if len(base) == 1 and base.islower():
            upper = self.symbols.get(base.upper())
            if upper is not None:
                return upper if _shape(upper) else None
            if base.upper() in self.shapes:
                return sympy.MatrixSymbol(base.upper(), *self.shapes[base.upper()])
        return None

    def _index(self, text: str, node) -> sympy.Basic:
        if text.isdigit():
            return sympy.Integer(int(text))
        if text.isalpha():
            declared = self.symbols.get(text, self.dims.get(text))
            if declared is not None:
                return declared
            index = sympy.Symbol(text, integer=True)
            self.fresh.add(index)
            return index
        raise self._fail(f"'{text}' is not an index", node)

    def _entry(self, matrix, indices: tuple[str, ...], node) -> sympy.Basic:
        """``matrix[i - 1, j - 1]`` for the text's 1-based indices."""
        rows, cols = matrix.shape
        if cols == 1 or rows == 1:
            if len(indices) != 1 and all(i.isdigit() for i in indices):
                indices = ("".join(indices),)
            if len(indices) != 1:
                raise self._fail(f"a vector entry takes one index, not {len(indices)}", node,
                                 kind="shape")
            at = self._index(indices[0], node) - 1
            where = (at, sympy.Integer(0)) if cols == 1 else (sympy.Integer(0), at)
        elif len(indices) == 2:
            where = tuple(self._index(i, node) - 1 for i in indices)
        else:
            raise self._fail(f"a matrix entry takes two indices, not {len(indices)}", node,
                             "separate multi-digit indices with commas", kind="shape")
        for at, size in zip(where, (rows, cols)):
            if at.is_number and (at < 0 or (size.is_number and at >= size)):
                raise self._fail(f"index {at + 1} is outside 1..{size}", node, kind="shape")
        return self._guard(node, matrix.__getitem__, where)

    def _apply(self, name: _Name, args: list, node) -> sympy.Basic:
        declared = self.symbols.get(name.full)
        if len(args) == 1 and _explicit(args[0]) and args[0].shape[1] == 1 and args[0].shape[
                0] > 1 and not isinstance(declared, (sympy.Lambda, AppliedUndef)):
            args = list(args[0])  # a function of a vector spelled by its components
        if isinstance(declared, sympy.Lambda):
            return declared(*self._fit(declared.variables, args, name, node))
        if isinstance(declared, AppliedUndef):
            return declared.func(*self._fit(declared.args, args, name, node))
        if isinstance(declared, UndefinedFunction):
            return declared(*args)
        if declared is not None or name.full in self.shapes:
            raise self._fail(f"'{name.full}' is declared, not a function", node)
        if len(set(args)) == len(args) and all(
                isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in args):
            self.applied.setdefault(name.full, tuple(args))
        return sympy.Function(name.full)(*args)

    def _fit(self, params, args, name: _Name, node) -> list:
        if len(params) != len(args):
            raise self._fail(f"'{name.full}' takes {len(params)} arguments, not {len(args)}",
                             node)
        fitted = []
        for param, arg in zip(params, args):
            want, have = _shape(param), _shape(arg)
            if want is not None and have is None and arg == 0:
                arg = sympy.ZeroMatrix(*want)
            elif want is None:
                arg = self._scalar(arg, node)
            elif have is None or not all(_sized(a) == b for a, b in zip(want, have)):
                raise self._fail(f"'{name.full}' takes an argument of size {_size(want)}", node,
                                 kind="shape")
            fitted.append(arg)
        return fitted

    # -- values ----------------------------------------------------------------------------

    def _primary_value(self, prim, factor) -> sympy.Basic:
        if isinstance(prim, lark.Token):
            if prim.type == "NUMBER":
                whole, _, frac = prim.value.partition(".")
                return sympy.Rational(int(whole + frac), 10 ** len(frac))
            if prim.type == "DOTS":
                return ELLIPSIS
            problems = {
                "TOP": ("'\\top' outside a superscript", ""),
                "TEXT": ("text inside a formula", "split relations with read_relation"),
                "QUESTION": ("a question mark: the text asks, it does not state", ""),
                "PARTIAL": ("'\\partial' outside a derivative",
                            "write \\frac{\\partial f}{\\partial x}"),
                "SUMOP": ("a sum with nothing to sum", ""),
            }
            problem, hint = problems.get(prim.type, ("unexpected here", ""))
            raise self._fail(problem, prim, hint, kind="unsupported")
        return getattr(self, f"_{prim.data}")(prim)

    def _frac(self, node):
        num, den = self._brace(node.children[1]), self._brace(node.children[2])
        return self._times(num, sympy.Pow(self._scalar(den, node), -1), node, node)

    def _sqrt(self, node):
        radicand = self._scalar(self._brace(node.children[-1]), node)
        if node.children[1] is None:
            return sympy.sqrt(radicand)
        return sympy.root(radicand, self._scalar(self._sum(node.children[1]), node))

    def _brace(self, node):
        if not node.children or node.children[0] is None or len(node.children[0].children) != 1:
            raise self._fail("a group in braces holds one expression", node)
        return self._sum(node.children[0].children[0])

    def _paren(self, node):
        args = self._args(node.children[1 if isinstance(node.children[0], lark.Token) else 0])
        if len(args) != 1:
            raise self._fail("a list in parentheses that no function takes", node,
                             "put the function's name before it")
        return args[0]

    def _bracket(self, node):
        args = self._args(node.children[1 if isinstance(node.children[0], lark.Token) else 0])
        if len(args) == 1:
            return args[0]
        return sympy.ImmutableMatrix([[self._scalar(a, node)] for a in args])

    def _norm(self, node):
        return self._sum(node.children[1])

    def _abs(self, node):
        return sympy.Abs(self._scalar(self._sum(node.children[1]), node))

    def _matrix(self, node):
        rows = [[self._scalar(self._sum(s), s) for s in row.children if isinstance(s, lark.Tree)]
                for row in node.children[1].children if isinstance(row, lark.Tree)]
        if len({len(r) for r in rows}) != 1:
            raise self._fail("rows of different lengths", node, kind="shape")
        return sympy.ImmutableMatrix(rows)

    def _with_scripts(self, value, scripts, factor):
        prim = factor.children[0].children[0]
        if isinstance(prim, lark.Tree) and prim.data == "norm":
            return self._norm_scripts(value, scripts, factor)
        for kind, sarg in scripts:
            if kind == "SUB":
                if not (isinstance(prim, lark.Tree) and prim.data in ("bracket", "paren")):
                    raise self._fail("a subscript on something that has no entries", sarg)
                matrix = value
                if _shape(matrix) is None:
                    raise self._fail("entries of a scalar", factor, "declare the shape",
                                     kind="shape")
                value = self._entry(matrix, _Name("", False, self._subscript(sarg)).indices,
                                    factor)
            else:
                value = self._guard(factor, self._superscript, value, sarg, factor)
        return value

    def _norm_scripts(self, value, scripts, factor):
        kinds = [k for k, _ in scripts]
        if kinds not in ([], ["SUB"], ["SUP"], ["SUB", "SUP"]):
            raise self._fail("a norm takes a subscript then a superscript", factor)
        for kind, sarg in scripts:
            if kind == "SUB" and self._subscript(sarg) not in ((("2",),), (("F",),)):
                raise self._fail("only the 2-norm (Frobenius for matrices) is read", sarg,
                                 kind="unsupported")
        power = dict(scripts).get("SUP")
        exponent = sympy.Integer(1) if power is None else self._sarg_value(power)
        shape = _shape(value)
        if shape is None:
            squared, norm = value ** 2, sympy.Abs(value)
        else:
            product = value.T * value if _explicit(value) else sympy.MatMul(
                value.T, value, evaluate=True)
            squared = product.trace() if _explicit(value) else sympy.Trace(product)
            norm = sympy.sqrt(squared)
        return squared if exponent == 2 else norm ** exponent

    def _superscript(self, value, sarg, factor):
        if self._is_top(sarg):
            return self._transpose(value, factor)
        if (isinstance(sarg, lark.Token) and sarg.value == "T" and "T" not in self.symbols):
            if _shape(value) is None:
                raise self._fail("'^T' of a scalar reads as a power or a transpose", factor,
                                 "write ^\\top and declare the shape", kind="ambiguous")
            return self._transpose(value, factor)
        return self._power(value, self._scalar(self._sarg_value(sarg), factor), factor)

    def _is_top(self, sarg) -> bool:
        if isinstance(sarg, lark.Token):
            return sarg.type == "TOP"
        if sarg.data == "brace" and sarg.children and sarg.children[0] is not None:
            sums = sarg.children[0].children
            if len(sums) == 1 and len(sums[0].children) == 1:
                factors = sums[0].children[0].children
                return len(factors) == 1 and self._primary(factors[0]) == "\\top" and len(
                    factors[0].children) == 1
        return False

    def _transpose(self, value, factor):
        if _shape(value) is None:
            raise self._fail("a transpose of a scalar", factor,
                             "declare the shape of the vector or matrix in shapes=",
                             kind="shape")
        return value.T

    def _power(self, base, exponent, factor):
        shape = _shape(base)
        if shape is None:
            return sympy.Pow(base, exponent)
        if shape == (1, 1):
            return sympy.Pow(self._scalar(base, factor), exponent)
        if _sized(shape[0]) != shape[1] or not exponent.is_integer:
            raise self._fail(f"a power of a matrix of size {_size(shape)}", factor, kind="shape")
        return base ** exponent if _explicit(base) else sympy.MatPow(base, exponent)

    def _sarg_value(self, sarg):
        if isinstance(sarg, lark.Token):
            if sarg.type == "NUMBER":
                return sympy.Integer(int(self._single(sarg)))
            if sarg.type in ("LETTER", "GREEK"):
                return self._resolve(_Name(sarg.value.lstrip("\\"), False, None),
                                     sarg)
            if sarg.type == "DOTS":
                return ELLIPSIS
            raise self._fail("unexpected in a script", sarg)
        if sarg.data == "bold":
            return self._resolve(_Name(sarg.children[1].value.lstrip("\\"), True, None), sarg)
        return self._brace(sarg)

    # -- derivatives -----------------------------------------------------------------------

    def _brace_factors(self, brace) -> list | None:
        """The factors of a brace holding one product without sign or explicit product."""
        if not brace.children or brace.children[0] is None:
            return None
        sums = brace.children[0].children
        if len(sums) != 1 or not isinstance(sums[0], lark.Tree) or len(sums[0].children) != 1:
            return None
        factors = sums[0].children[0].children
        return None if any(isinstance(f, lark.Token) for f in factors) else factors

    def _is_marker(self, factor, partial: bool) -> bool:
        prim = self._primary(factor)
        return isinstance(prim, lark.Token) and (
            prim.type == "PARTIAL" if partial else prim.type == "LETTER" and prim.value == "d")

    def _diff(self, factor) -> _Diff | None:
        r"""The derivative in ``\frac{d...}{d...}``, or None for an ordinary fraction."""
        prim = self._primary(factor)
        if not (isinstance(prim, lark.Tree) and prim.data == "frac"):
            return None
        num, den = self._brace_factors(prim.children[1]), self._brace_factors(prim.children[2])
        if not num or not den:
            return None
        partial = self._is_marker(num[0], True)
        if not partial and not self._is_marker(num[0], False):
            return None
        order, scripts = 1, self._scripts(num[0])
        if scripts:
            sarg = scripts[0][1]
            if len(scripts) > 1 or scripts[0][0] != "SUP" or not isinstance(sarg, lark.Token) \
                    or sarg.type != "NUMBER":
                return None
            order = int(self._single(sarg))
        variables = self._diff_variables(den, partial)
        if variables is None:
            if partial:
                raise self._fail("a fraction with '\\partial' that is not a derivative", factor)
            return None
        if not partial and "d" in self.symbols:
            raise self._fail("'d' is declared, so this reads as a derivative or a fraction",
                             factor, kind="ambiguous")
        if sum(count for _, count in variables) != order:
            raise self._fail(f"a derivative of order {order} by "
                             f"{sum(c for _, c in variables)} variables", factor)
        return _Diff(partial, num[1:], variables)

    def _diff_variables(self, den: list, partial: bool) -> list | None:
        if len(den) % 2:
            return None
        variables = []
        for marker, factor in zip(den[::2], den[1::2]):
            if not self._is_marker(marker, partial) or len(marker.children) > 1:
                return None
            name = self._name(factor, allow_sup=True)
            if name is None:
                return None
            sups = [s for kind, s in self._scripts(factor) if kind == "SUP"]
            if sups and not (isinstance(sups[0], lark.Token) and sups[0].type == "NUMBER"):
                return None
            variables.append((name, int(self._single(sups[0])) if sups else 1))
        return variables

    def _variables(self, diff: _Diff, node) -> list[tuple[sympy.Basic, int]]:
        found = []
        for name, count in diff.variables:
            value = self._resolve(name, node)
            if not isinstance(value, _VARIABLE_TYPES):
                raise self._fail(f"cannot differentiate by '{name.full}' (it reads as {value})",
                                 node, "differentiate by a variable")
            found.append((value, count))
        return found

    def _rest_operator(self, item, diff: _Diff | None, rest: list) -> sympy.Basic:
        """``\\sum`` or ``\\frac{d}{dx}``, acting on the rest of the term."""
        if diff is None:
            return self._sum_operator(item, rest)
        if self._scripts(item):
            raise self._fail("scripts on a derivative operator", item)
        variables = self._variables(diff, item)
        name = self._name(rest[0]) if len(rest) == 1 else None
        if name is not None:
            operand = self._differentiand(name, variables, rest[0])
        else:
            operand = self._term(rest)
        return self._guard(item, self._derive, operand, variables, item)

    def _derivative_at(self, diff: _Diff, items: list, k: int):
        factor = items[k]
        by_function = self._by_function(diff, items, k)
        if by_function is not None:
            return by_function
        variables = self._variables(diff, factor)
        name = self._name(diff.rest[0]) if len(diff.rest) == 1 else None
        if name is None:
            value = self._guard(factor, self._derive, self._term(diff.rest), variables, factor)
            return self._with_scripts(value, self._scripts(factor), factor), k + 1
        args_node = self._next_paren(items, k)
        if args_node is None:
            value = self._name_derivative(name, diff, variables, factor)
            return self._with_scripts(value, self._scripts(factor), factor), k + 1
        args = self._args(args_node)
        if len(args) == 1:
            raise self._fail("reads as a product or as the derivative at a point", factor,
                             "write \\cdot for a product", kind="ambiguous", end_node=items[k + 1])
        value = self._guard(factor, self._at_point, name, variables, args, items[k + 1])
        return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2

    def _by_function(self, diff: _Diff, items: list, k: int):
        r"""``\frac{\partial f}{\partial u}(u(a, b), v(a, b))`` with ``u`` a declared function:
        the derivative of ``f`` in the one argument that is an application of ``u``."""
        args_node = self._next_paren(items, k)
        if args_node is None or len(diff.variables) != 1 or diff.variables[0][1] != 1:
            return None
        (by_name, _), = diff.variables
        by = self.symbols.get(by_name.full)
        if not isinstance(by, UndefinedFunction):
            return None
        name = self._name(diff.rest[0]) if len(diff.rest) == 1 else None
        if name is None:
            raise self._fail("a derivative by a function needs a function's name above",
                             items[k])
        declared = self.symbols.get(name.full)
        if declared is not None and not isinstance(declared, UndefinedFunction):
            raise self._fail(f"'{name.full}' is declared, not a function", items[k])
        func = declared if declared is not None else sympy.Function(name.full)
        args = self._args(args_node)
        positions = [p for p, a in enumerate(args) if isinstance(a, AppliedUndef) and a.func == by]
        if len(positions) != 1:
            raise self._fail(f"cannot tell which argument of '{name.full}' is {by_name.full}",
                             items[k], f"apply {by_name.full} in exactly one argument",
                             end_node=items[k + 1])
        value = self._guard(items[k], self._partial_at, func, args, positions[0])
        return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2

    def _name_derivative(self, name: _Name, diff: _Diff, variables, node):
        (other, count), = diff.variables if len(diff.variables) == 1 else ((None, 0),)
        declared = self.symbols.get(name.full)
        if other is not None and count == 1 and other.base == name.base and len(
                other.indices) == len(name.indices) and not isinstance(
                declared, (sympy.Lambda, AppliedUndef, UndefinedFunction)):
            if _shape(variables[0][0]) is not None:
                raise self._fail("a derivative of a matrix by itself", node, kind="unsupported")
            return sympy.Mul(*[sympy.KroneckerDelta(self._index(a, node), self._index(b, node))
                               for a, b in zip(name.indices, other.indices)])
        operand = self._differentiand(name, variables, node)
        return self._guard(node, self._derive, operand, variables, node)

    def _differentiand(self, name: _Name, variables, node) -> sympy.Basic:
        """What a bare name under a derivative means: declared, a variable, or an unknown
        function whose parameters are fixed in finish()."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, UndefinedFunction):
            return declared(_PENDING)
        value = self._resolve(name, node)
        if declared is not None or name.full in self.shapes or value in dict(variables) or \
                isinstance(value, (MatrixElement, sympy.Indexed)) or value in (sympy.E, sympy.pi):
            return value
        return sympy.Function(name.full)(_PENDING)

    def _derive(self, expr, variables, node):
        if len(variables) == 1 and _explicit(variables[0][0]):
            column, count = variables[0]
            if count != 1 or _shape(expr) not in (None, (1, 1)):
                raise self._fail("a higher derivative, or one of a matrix, by a vector of "
                                 "components", node, kind="unsupported")
            expr = self._scalar(expr, node)
            return sympy.ImmutableMatrix([[sympy.Derivative(expr, v)] for v in column])
        if any(_shape(v) is not None for v, _ in variables):
            if len(variables) != 1 or variables[0][1] != 1:
                raise self._fail("a higher or mixed derivative by a matrix", node,
                                 kind="unsupported")
            if _shape(expr) not in (None, (1, 1)):
                size = _size(_shape(expr))
                raise self._fail(f"a derivative of a matrix of size {size} by a matrix",
                                 node, kind="unsupported")
            return MatrixDerivative(expr, variables[0][0])
        if _explicit(expr):
            return expr.applyfunc(lambda e: sympy.Derivative(e, *variables))
        if _shape(expr) == (1, 1):
            expr = self._scalar(expr, node)
        elif _shape(expr) is not None:
            raise self._fail("a derivative of a matrix expression by a scalar", node,
                             kind="unsupported")
        return sympy.Derivative(expr, *variables)

    def _params(self, name: _Name, args: list | None, node) -> tuple[tuple, sympy.Basic]:
        """The parameters of the function ``name`` and its body in them."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, sympy.Lambda):
            return tuple(declared.variables), declared.expr
        if isinstance(declared, AppliedUndef):
            return tuple(declared.args), declared
        if declared is not None and not isinstance(declared, UndefinedFunction) or (
                name.full in self.shapes):
            raise self._fail(f"'{name.full}' is declared, not a function", node)
        func = declared if declared is not None else sympy.Function(name.full)
        hint = f"pass symbols={{'{name.full}': sympy.Function('{name.full}')(x, y)}}"
        if args is None:
            if name.full not in self.applied:
                raise self._fail(f"cannot tell which variables '{name.full}' takes", node, hint)
            params = self.applied[name.full]
        elif len(set(args)) == len(args) and all(
                isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in args):
            params = tuple(args)
        elif all(_shape(a) is None for a in args):
            params = tuple(sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(args)))
        else:
            raise self._fail(f"cannot name the vector parameter of '{name.full}'", node, hint)
        return params, func(*params)

    def _at_point(self, name: _Name, variables, args, node):
        params, body = self._params(name, args, node)
        for variable, _ in variables:
            if variable not in params and all(isinstance(p, sympy.Dummy) for p in params):
                raise self._fail(f"cannot tell which argument of '{name.full}' is {variable}",
                                 node, f"pass symbols={{'{name.full}': sympy.Function("
                                 f"'{name.full}')(...)}} naming its parameters")
            if variable not in params:
                raise self._fail(f"'{variable}' is not one of the parameters {params} of "
                                 f"'{name.full}'", node, f"pass symbols={{'{name.full}': "
                                 f"sympy.Function('{name.full}')(...)}} naming them")
        point = self._fit(params, args, name, node)
        derivative = self._derive(body, variables, node)
        if tuple(point) == tuple(params):
            return derivative
        if any(_shape(p) is not None for p in params):
            if len(params) != 1 or _shape(params[0])[1] != 1:
                raise self._fail("a matrix derivative at a point", node, kind="unsupported")
            return GradientAt(body, params[0], point[0])
        return derivative.subs(list(zip(params, point)), simultaneous=True)

    def _gradient(self, name: _Name, args, kind: str, node):
        r"""``\nabla f(p)`` (kind "nabla") or ``\mathbf{H} f(p)`` (kind "hessian")."""
        params, body = self._params(name, args, node)
        point = tuple(self._fit(params, args, name, node)) if args is not None else params
        if any(_shape(p) is not None for p in params):
            (var,), (at,) = params, point
            if len(params) != 1 or var.shape[1] != 1:
                raise self._fail("a gradient in several vectors or a matrix", node,
                                 kind="unsupported")
            if kind == "hessian":
                return HessianAt(body, var, at)
            return MatrixDerivative(body, var) if at == var else GradientAt(body, var, at)
        if kind == "nabla":
            matrix = sympy.ImmutableMatrix([[sympy.Derivative(body, p)] for p in params])
        else:
            matrix = sympy.ImmutableMatrix([[sympy.Derivative(body, p, q) for q in params]
                                            for p in params])
        if point == params:
            return matrix
        return matrix.subs(list(zip(params, point)), simultaneous=True)

    def _nabla(self, items: list, k: int):
        factor = items[k]
        scripts = self._scripts(factor)
        if [kind for kind, _ in scripts] not in ([], ["SUB"]):
            raise self._fail("'\\nabla' takes one subscript, its variable", factor)
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            raise self._fail("'\\nabla' with nothing to act on", factor)
        if not scripts:
            return self._gradient_at(items, k, "nabla")
        variable = self._resolve(self._script_name(scripts[0][1]), factor)
        if not isinstance(variable, _VARIABLE_TYPES) and not (
                _explicit(variable) and all(isinstance(v, _VARIABLE_TYPES) for v in variable)):
            raise self._fail("'\\nabla' by something that is not a variable", factor)
        name = self._name(items[k + 1])
        args_node = self._next_paren(items, k + 1)
        applies = args_node is not None and self._applies(name, len(args_node.children)) \
            if name is not None else False
        if name is not None and not applies:
            operand = self._differentiand(name, [(variable, 1)], items[k + 1])
            return self._guard(factor, self._derive, operand, [(variable, 1)], factor), k + 2
        if applies:
            args = self._args(args_node)
            if variable not in args:
                value = self._guard(factor, self._in_parameter, name, variable, args,
                                    items[k + 2])
                return self._with_scripts(value, self._scripts(items[k + 2]), items[k + 2]), k + 3
        operand, after = self._factor_at(items, k + 1)
        return self._guard(factor, self._derive, operand, [(variable, 1)], factor), after

    def _in_parameter(self, name: _Name, variable, args: list, node):
        r"""``\nabla_{x} f(p)``: the derivative in f's parameter ``x``, at ``p``."""
        declared = self.symbols.get(name.full)
        if isinstance(declared, (sympy.Lambda, AppliedUndef)):
            return self._at_point(name, [(variable, 1)], args, node)
        if len(args) == 1 and _explicit(args[0]) and args[0].shape[1] == 1:
            func = declared if declared is not None else sympy.Function(name.full)
            return self._gradient_column(func, list(args[0]))
        if len(args) != 1:
            raise self._fail(f"cannot tell which argument of '{name.full}' is {variable}", node,
                             f"pass symbols={{'{name.full}': sympy.Function('{name.full}')(...)}}")
        func = declared if declared is not None else sympy.Function(name.full)
        (point,) = self._fit((variable,), args, name, node)
        body = func(variable)
        if _shape(variable) is not None:
            return GradientAt(body, variable, point)
        return sympy.Derivative(body, variable).subs(variable, point)

    @staticmethod
    def _gradient_column(func, point: list) -> sympy.ImmutableMatrix:
        """The gradient of ``func`` (a function of scalars) at ``point``, as a column."""
        if len(set(point)) == len(point) and all(isinstance(p, sympy.Symbol) for p in point):
            body = func(*point)
            return sympy.ImmutableMatrix([[sympy.Derivative(body, p)] for p in point])
        params = [sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(point))]
        body = func(*params)
        return sympy.ImmutableMatrix([[sympy.Derivative(body, p).subs(
            list(zip(params, point)), simultaneous=True)] for p in params])

    @staticmethod
    def _partial_at(func, args: list, position: int) -> sympy.Basic:
        """The derivative of ``func`` in its argument number ``position`` (from 0), at ``args``."""
        params = [sympy.Dummy(f"xi_{k + 1}", real=True) for k in range(len(args))]
        return sympy.Derivative(func(*params), params[position]).subs(
            list(zip(params, args)), simultaneous=True)

    def _gradient_at(self, items: list, k: int, kind: str):
        factor = items[k]
        name = self._name(items[k + 1]) if k + 1 < len(items) and isinstance(
            items[k + 1], lark.Tree) else None
        if name is None:
            raise self._fail("a gradient or Hessian needs a function's name after it", factor,
                             "write \\nabla_{x} E to differentiate an expression")
        args_node = self._next_paren(items, k + 1)
        args = self._args(args_node) if args_node is not None else None
        value = self._guard(factor, self._gradient, name, args, kind, factor)
        if args_node is None:
            return value, k + 2
        return self._with_scripts(value, self._scripts(items[k + 2]), items[k + 2]), k + 3

    def _is_hessian_operator(self, name: _Name, items: list, k: int) -> bool:
        return (name.base == "H" and name.bold and name.sub is None
                and "H" not in self.symbols and "H" not in self.shapes
                and k + 1 < len(items) and isinstance(items[k + 1], lark.Tree)
                and self._name(items[k + 1]) is not None)

    def _hessian(self, items: list, k: int):
        return self._gradient_at(items, k, "hessian")

    def _script_name(self, sarg) -> _Name:
        if isinstance(sarg, lark.Token) and sarg.type in ("LETTER", "GREEK"):
            return _Name(sarg.value.lstrip("\\"), False, None)
        if isinstance(sarg, lark.Tree) and sarg.data == "bold":
            return _Name(sarg.children[1].value.lstrip("\\"), True, None)
        factors = self._brace_factors(sarg) if isinstance(sarg, lark.Tree) else None
        name = self._name(factors[0]) if factors and len(factors) == 1 else None
        if name is None:
            raise self._fail("expected a variable's name", sarg)
        return name

    # -- functions and sums ----------------------------------------------------------------

    def _function(self, items: list, k: int):
        r"""``\cos(x)``, ``\log x``, ``\cos^2(x)`` (a power of the value; ``^{-1}`` is refused).
        A superscript on a parenthesised or braced argument raises the value, ``\log(x)^2`` is
        ``log(x)**2``; on a bare argument it raises the argument, ``\log x^2`` is ``log(x**2)``."""
        factor = items[k]
        func = _functions.by_latex(self._primary(factor).value.lstrip("\\")).apply
        power = self._function_power(factor)
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            raise self._fail("a function without argument", factor)
        nxt = items[k + 1]
        prim = self._primary(nxt)
        if isinstance(prim, lark.Tree) and prim.data in ("paren", "brace"):
            group = self._paren(prim) if prim.data == "paren" else self._brace(prim)
            value = func(self._scalar(group, nxt)) ** power
            return self._with_scripts(value, self._scripts(nxt), nxt), k + 2
        arg, after = self._factor_at(items, k + 1)
        return func(self._scalar(arg, nxt)) ** power, after

    def _function_power(self, factor) -> sympy.Basic:
        scripts = self._scripts(factor)
        if not scripts:
            return sympy.Integer(1)
        power = self._sarg_value(scripts[0][1]) if scripts[0][0] == "SUP" else None
        if len(scripts) > 1 or power is None or not (power.is_integer and power.is_positive):
            raise self._fail("a script on a function name", factor,
                             "write \\log(x)^2, \\log(x) / \\log(2) or \\arccos",
                             kind="unsupported")
        return power

    def _sum_operator(self, item, rest: list) -> sympy.Basic:
        scripts = dict(self._scripts(item))
        if "SUB" not in scripts or len(scripts) != len(item.children) - 1:
            raise self._fail("a sum needs its index as a subscript", item)
        letters, lower = self._sum_indices(scripts["SUB"])
        upper = scripts.get("SUP")
        if upper is not None:
            upper = self._scalar(self._sarg_value(upper), item)
        self.bound.extend(letters)
        try:
            body = self._scalar(self._term(rest), item)
        finally:
            del self.bound[-len(letters):]
        expanded = self._expand_family(body, letters, lower, upper)
        if expanded is not None:
            return expanded
        limits = []
        for letter in letters:
            index = self._index(letter, item)
            high = upper if upper is not None else self._bound_of(body, index, letter, item)
            limits.append((index, lower if lower is not None else sympy.Integer(1), high))
        return sympy.Sum(body, *reversed(limits))  # the first index written is the outermost

    def _expand_family(self, body, letters, lower, upper):
        """``\\sum_i \\epsilon_i ...`` over declared scalars ``epsilon_1, epsilon_2, ...``:
        the sum written out over the family (to the bound, else the family's length). A sum
        that cannot be written out keeps ``IndexedBase`` entries."""
        if len(letters) != 1:
            return None
        index = self._index(letters[0], None)
        bases = {a.base.label.name for a in body.atoms(sympy.Indexed)
                 if a.base.label.name in self.families and index in a.indices}
        if not bases:
            return None
        low = lower if lower is not None else sympy.Integer(1)
        high = upper if upper is not None else sympy.Integer(
            min(len(self._family(base)) for base in bases))
        if not (low.is_Integer and high.is_Integer):
            for base in bases:
                self.indexed.setdefault(base, 1)
            return None
        terms = []
        for k in range(int(low), int(high) + 1):
            term = body.xreplace({index: sympy.Integer(k)})
            terms.append(term.xreplace({
                a: self._member(a.base.label.name, k) for a in term.atoms(sympy.Indexed)
                if a.base.label.name in bases and a.indices == (sympy.Integer(k),)}))
        return sympy.Add(*terms)

    def _sum_indices(self, sarg) -> tuple[list[str], sympy.Basic | None]:
        if isinstance(sarg, lark.Token) and sarg.type == "LETTER":
            return [sarg.value], None
        blist = sarg.children[0] if isinstance(sarg, lark.Tree) and sarg.data == "brace" \
            and sarg.children else None
        if blist is None:
            raise self._fail("a sum's subscript is its index, like i or {i = 1}", sarg)
        if any(isinstance(c, lark.Token) for c in blist.children):
            left, _, right = blist.children
            letter = self._index_letter(left)
            return [letter], self._scalar(self._sum(right), right)
        letters = [self._index_letter(s) for s in blist.children]
        if len(set(letters)) != len(letters):
            raise self._fail("a sum over the same index twice", sarg)
        return letters, None

    def _index_letter(self, node) -> str:
        factors = node.children[0].children if len(node.children) == 1 else []
        prim = self._primary(factors[0]) if len(factors) == 1 and isinstance(
            factors[0], lark.Tree) else None
        if not (isinstance(prim, lark.Token) and prim.type == "LETTER") or len(
                factors[0].children) > 1:
            raise self._fail("a sum's index is one letter", node)
        return prim.value

    def _bound_of(self, body, index, letter: str, node) -> sympy.Basic:
        """The upper bound of an index: the size it runs along in the matrices' entries."""
        sizes = set()
        for element in body.atoms(MatrixElement):
            if element.i == index - 1:
                sizes.add(element.parent.shape[0])
            if element.j == index - 1:
                sizes.add(element.parent.shape[1])
        if len(sizes) > 1:
            raise self._fail(f"the index {letter} runs along sizes {sorted(map(str, sizes))}",
                             node, "give the sum its bounds", kind="ambiguous")
        return sizes.pop() if sizes else sympy.Symbol(f"n_{letter}", integer=True,
                                                      positive=True)


def _checked_symbols(symbols: Mapping) -> dict:
    if not isinstance(symbols, Mapping):
        raise UsageError(f"symbols={symbols!r}: expected a mapping from names to SymPy objects")
    for name, value in symbols.items():
        if not isinstance(name, str) or not isinstance(value, (sympy.Basic, UndefinedFunction)):
            raise UsageError(f"symbols={{{name!r}: {value!r}}}: a name maps to a SymPy object")
    return dict(symbols)
