"""The LaTeX reader's entry points, ``read_latex`` and ``read_relation``, and the state the sides of
one formula share."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import lark
import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra._shapes import sized
from ...model._errors import UsageError
from .._limits import LENGTH_HINT, length_problem
from ._arithmetic import Arithmetic
from ._calculus import Calculus, PENDING
from ._chains import Chain, Side, split_display
from ._errors import LatexError, error
from ._factors import Factors
from ._gradients import Gradients
from ._matrices import Matrices
from ._names import Name, Names
from ._operators import Operators
from ._parse import parse
from ._sums import Sums


_EMPTY: Mapping = MappingProxyType({})


def read_latex(tex: str, *, symbols: Mapping[str, sympy.Basic] = _EMPTY,
               shapes: Mapping[str, tuple] = _EMPTY) -> sympy.Basic:
    """Read one expression (no relation) as SymPy; see the package docstring for the conventions."""
    _check_length(tex)
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
    _check_length(tex)
    chains = []
    for sides, relations in split_display(tex):
        reader = _Reader(tex, symbols, shapes)
        exprs = reader.finish([reader.read_side(start, text) for start, _, text in sides])
        chains.append(Chain(tuple(Side(e, text.strip(), start) for e, (start, _, text)
                                  in zip(exprs, sides)), tuple(relations)))
    return tuple(chains)


def _check_length(tex) -> None:
    if not isinstance(tex, str):
        raise UsageError(f"the LaTeX to read is a string, not {type(tex).__name__}")
    problem = length_problem(tex)
    if problem:
        raise error(problem, tex, 0, tex[:20], LENGTH_HINT, kind="unsupported")


def _checked_symbols(symbols: Mapping) -> dict:
    if not isinstance(symbols, Mapping):
        raise UsageError(f"symbols={symbols!r}: expected a mapping from names to SymPy objects")
    for name, value in symbols.items():
        if not isinstance(name, str) or not isinstance(value, (sympy.Basic, UndefinedFunction)):
            raise UsageError(f"symbols={{{name!r}: {value!r}}}: a name maps to a SymPy object")
    return dict(symbols)


class _Reader(Arithmetic, Factors, Names, Calculus, Operators, Gradients, Sums, Matrices):
    """Reads the sides of one formula; keeps what they share (unknown functions' parameters)."""

    def __init__(self, source: str, symbols: Mapping, shapes: Mapping) -> None:
        self.source = source
        self.symbols = _checked_symbols(symbols)
        self.dims: dict[str, sympy.Basic] = {}
        self.shapes = {name: self._shape_of(name, shape) for name, shape in shapes.items()}
        self.bound: list[str] = []
        self.applied: dict[str, tuple] = {}
        self.indexed: dict[str, int] = {}  # IndexedBase name -> rank
        self.subscripted: dict[sympy.Symbol, Name] = {}
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
                sizes.append(sized(size))
            else:
                raise UsageError(f"shapes={{{name!r}: {shape!r}}}: a size is an int or a name")
        return tuple(sizes)

    def read_side(self, start: int, text: str) -> sympy.Basic:
        """Read ``text``, which stands at offset ``start`` of the source."""
        self.offset = start
        if not text.strip():
            raise error("nothing to read", self.source, start, text)
        return self._sum(parse(text, start, self.source).children[0])

    def finish(self, exprs: list) -> list:
        """Make ``x_1`` an entry ``x[1]`` where the formula also sums over ``x_i``; give every
        unknown differentiated function its parameters (see the package docstring)."""
        indexing = self._indexing()
        if indexing:
            exprs = [e.xreplace(indexing) for e in exprs]
            self.applied = {k: tuple(a.xreplace(indexing) for a in v)
                            for k, v in self.applied.items()}
        pending = {a for e in exprs for a in e.atoms(AppliedUndef) if a.args == (PENDING,)}
        mapping = {}
        for applied in pending:
            name = applied.func.__name__
            params = self.applied.get(name) or self._differentiated_by(applied, exprs)
            if not params:
                raise error("a function whose variables cannot be told", self.source,
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
                raise error(f"'{name.full}' and the summed '{name.base}' have different "
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

    def _span(self, node) -> tuple[int, int]:
        if isinstance(node, lark.Token):
            return self.offset + node.start_pos, self.offset + node.end_pos
        return self.offset + node.meta.start_pos, self.offset + node.meta.end_pos

    def _fail(self, problem: str, node, hint: str = "", kind: str = "syntax", end_node=None):
        start, end = self._span(node)
        if end_node is not None:
            end = self._span(end_node)[1]
        return error(problem, self.source, start, self.source[start:end], hint, kind)

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
