"""From a declared claim to SymPy objects: the helpers every claim kind resolves with, checking
the declaration on the way.

Every problem is a DeclarationError that names the claim, its place in the text and the field.
What each kind's fields become is said by the kind (``checkers.kinds``); here are the parts
they share: the claim's names, reading an expression, a scalar function, variables, a point, a
shape, and the named sizes.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..algebra._numbers import exact_decimal
from ..model._errors import DeclarationError, ShapeError
from ..model._claims import CellValue, Claim, Fn, Index, Latex, Tex, Var
from ._syntax import CONSTANTS, parse


@dataclass(frozen=True)
class Resolved:
    """What every resolved claim has: the claim, its names in SymPy (``symbols``) and the named
    sizes of its matrices. Each kind adds its own fields (``checkers.kinds``)."""

    claim: Claim
    symbols: dict[str, Any]
    sizes: tuple[sp.Symbol, ...]

    @property
    def variables(self) -> tuple[Var, ...]:
        return tuple(v for v in self.claim.variables if isinstance(v, Var))

    @property
    def indices(self) -> dict[Any, Any]:
        """Index symbols and their upper bounds."""
        return {self.symbols[i.name]: size_symbol(i.upper) for i in self.claim.variables
                if isinstance(i, Index)}

    @property
    def functions(self) -> dict[Any, int]:
        """The arbitrary functions (SymPy undefined functions) and their arities."""
        return {self.symbols[f.name]: f.arity for f in self.claim.variables
                if isinstance(f, Fn)}

    @property
    def samples(self) -> tuple[Any, ...]:
        """The variables' SymPy objects that numeric checks draw at random."""
        return tuple(self.symbols[v.name] for v in self.variables)

    def domain_of(self, symbol) -> Any:
        return next(v.domain for v in self.variables if v.name == symbol.name)


class _Names(dict):
    """Name -> SymPy object, with the arities of declared functions and the documents that
    code-cell references read."""

    arities: dict[str, int]
    texts: Any
    indices: list


def size_symbol(size) -> Any:
    if isinstance(size, int):
        if size < 1:
            raise DeclarationError(f"size {size} is not a positive whole number")
        return sp.Integer(size)
    return sp.Symbol(str(size), integer=True, positive=True)


def symbol_for(var: Var) -> Any:
    """The SymPy object that stands for a declared variable."""
    if var.is_scalar:
        kind = var.domain.kind
        if kind == "integer":
            return sp.Symbol(var.name, integer=True, positive=True if var.domain.low >= 1
                             else None, nonnegative=True if var.domain.low >= 0 else None)
        above = kind == "interval" and var.domain.low > 0  # an interval of positive numbers
        return sp.Symbol(var.name, real=True,
                         positive=True if kind == "positive" or above else None,
                         nonnegative=True if kind == "nonnegative" else None)
    rows = size_symbol(var.shape[0])
    cols = size_symbol(var.shape[1]) if len(var.shape) == 2 else sp.Integer(1)
    return sp.MatrixSymbol(var.name, rows, cols)


@contextmanager
def about(claim: Claim):
    """A DeclarationError raised inside names ``claim`` and its place in the text."""
    try:
        yield
    except DeclarationError as err:
        raise err.about(claim.name, claim.where()) from None


def claim_names(claim: Claim, texts: Any = None) -> _Names:
    """The claim's names in SymPy: its variables, named sizes and definitions, in order.

    ``texts`` maps document names to their text, for claims that read code cells."""
    names = _Names()
    names.arities, names.texts, names.indices = {}, texts, []
    for var in claim.variables:
        if var.name in names:
            raise DeclarationError(f"variable '{var.name}' is declared twice")
        if var.name in CONSTANTS:
            raise DeclarationError(f"'{var.name}' is a constant and cannot name a variable",
                                   hint="rename the variable")
        names[var.name] = _symbol_of(var)
        if isinstance(var, Fn):
            names.arities[var.name] = var.arity
        if isinstance(var, Index) and isinstance(size_symbol(var.upper), sp.Symbol):
            names.indices.append(size_symbol(var.upper))
    for size in sizes(names):  # named sizes may appear in expressions (sum bounds)
        names.setdefault(size.name, size)
    for name, value in claim.definitions:
        if name in names:
            raise DeclarationError(f"definition of '{name}': the name is already taken")
        names[name] = read(value, names, f"definition of {name}")
    return names


def _symbol_of(var):
    if isinstance(var, Index):
        return sp.Symbol(var.name, integer=True, positive=True)
    if isinstance(var, Fn):
        return sp.Function(var.name)
    return symbol_for(var)


def read(value, names, what: str):
    if isinstance(value, CellValue):
        return _read_cell(value, names, what)
    if isinstance(value, Tex):
        return _read_tex(value, names, what)
    if isinstance(value, Latex):
        return _read_latex(value, names, what)
    if isinstance(value, str):
        with _field(what):
            return parse(value, names, names.arities)
    if isinstance(value, (int, float)):
        return exact_decimal(repr(value)) if isinstance(value, float) else sp.Integer(value)
    if isinstance(value, (list, tuple)):
        return alg.column([read(v, names, what) for v in value])
    if isinstance(value, sp.Basic):
        return value
    raise DeclarationError(f"{what}: {value!r} is neither an expression string nor SymPy")


@contextmanager
def _field(what: str):
    """Errors raised inside are told about the field ``what`` of the claim."""
    try:
        yield
    except DeclarationError as err:
        raise err.within(what) from None


def _document(ref, names, what: str) -> str:
    texts = names.texts or {}
    document = ref.document
    if document not in texts:
        raise DeclarationError(f"{what}: the document '{document}' is not available",
                               hint="check it with the document loaded (the command line loads"
                                    " the bundled chapter, or the documents your files name)")
    return texts[document]


def _read_latex(value: Latex, names, what: str):
    from .latex import read_latex

    with _field(what):
        return read_latex(value.tex, symbols=dict(names))


def _read_tex(ref: Tex, names, what: str):
    from ._tex_refs import tex_value

    text = _document(ref, names, what)
    with _field(what):
        return tex_value(ref, text, dict(names))


def _read_cell(ref: CellValue, names, what: str):
    from ._cell_values import cell_value

    text = _document(ref, names, what)
    with _field(what):
        return cell_value(ref, text, names, lambda arg: read(arg, names, f"{what} call"))


def scalar_function(claim, names):
    f = read(claim.function, names, "function")
    if alg.shape_of(f) is not None and not alg.is_one_by_one(f):
        raise ShapeError(f"function: it must be a scalar, but it is a"
                         f" {alg.show_shape(alg.shape_of(f))} matrix",
                         hint="a gradient or derivative is of a scalar function; take a norm"
                              ' or a trace (for a vector-valued function, kind = "jacobian")')
    return f


def wrt(claim, names, *, scalars: bool):
    return variables_named(claim.wrt, names, scalars=scalars, what="wrt")


def variables_named(chosen, names, *, scalars: bool, what: str):
    chosen = (chosen,) if isinstance(chosen, str) else tuple(chosen)
    out = []
    for name in chosen:
        if name not in names:
            raise DeclarationError(f"{what}: '{name}' is not a declared variable",
                                   hint="declare it in variables=(...)")
        if scalars and not isinstance(names[name], sp.Symbol):
            raise DeclarationError(f"{what}: '{name}' is not a scalar",
                                   hint=f'this kind takes scalar variables; in the vector or'
                                        f' matrix {name} itself write kind = "derivative" with'
                                        f' wrt = "{name}" (the first derivative, in its shape),'
                                        f' or kind = "hessian" / "jacobian" with wrt = "{name}"'
                                        f' (a vector)')
        out.append(names[name])
    return tuple(out)


def point(claim, names, wrt, values, what="at", parameters: bool = True):
    """The point ``values`` of ``wrt``. A coordinate may be an expression in the claim's other
    scalar variables (``x0``, ``k/n``: the claim then holds for every value of those); with
    ``parameters=False`` every coordinate must be a number."""
    if len(values) != len(wrt):
        raise DeclarationError(f"{what}: the point has {len(values)} coordinates but there are"
                               f" {len(wrt)} variables ({', '.join(map(str, wrt))})")
    coordinates = tuple(read(v, names, what) for v in values)
    for symbol, value in zip(wrt, coordinates):
        if alg.shape_of(value) is not None:
            raise ShapeError(f"{what}: the coordinate of {symbol} is a"
                             f" {alg.show_shape(alg.shape_of(value))} matrix, not a scalar")
        if value.free_symbols:
            _parameters(value, symbol, wrt, what, parameters)
            continue
        domain = next(v.domain for v in claim.variables if v.name == symbol.name)  # wrt: Vars
        number = complex(sp.N(value))
        if abs(number.imag) > 0 or not domain.contains(number.real):
            raise DeclarationError(f"{what}: {symbol} = {value} lies outside the domain of"
                                   f" {symbol} ({domain.describe()})",
                                   hint="choose a point inside the domain, or widen the domain")
    return coordinates


def _parameters(value, symbol, wrt, what: str, allowed: bool) -> None:
    """A coordinate written in other variables: allowed where the kind checks it for every
    value of them, and never in a variable of ``wrt`` itself."""
    if not allowed:
        raise DeclarationError(f"{what}: coordinate {value} is not a number",
                               hint="this kind of claim is checked at a numeric point; write"
                                    " each coordinate as a number")
    own = sorted(map(str, value.free_symbols & set(wrt)))
    if own:
        raise DeclarationError(f"{what}: the coordinate {symbol} = {value} is written in"
                               f" {', '.join(own)}, a variable of wrt itself",
                               hint="a point is written in other declared variables (declare"
                                    " x0 = \"real\" and write at = [\"x0\"])")


def expect_shape(value, shape, what: str):
    got = alg.shape_of(value)
    if alg.is_one_by_one(value) and shape is None:
        return alg.as_scalar(value)
    if got != shape:
        raise ShapeError(f"{what} has shape {alg.show_shape(got)}, but it must be"
                         f" {alg.show_shape(shape)}")
    return value


def sizes(names) -> tuple[sp.Symbol, ...]:
    """The named sizes: of the matrices, and the upper bounds of the indices."""
    found: set[sp.Symbol] = set()
    for obj in names.values():
        if isinstance(obj, sp.Basic):
            for m in obj.atoms(sp.MatrixSymbol):
                found |= {s for s in m.shape if isinstance(s, sp.Symbol)}
    for var in getattr(names, "indices", ()):
        found.add(var)
    return tuple(sorted(found, key=lambda s: s.name))
