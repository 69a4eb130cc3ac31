"""Claims as frozen data: variables with shapes and domains, what the text claims, and where.

The model knows nothing of JAX, the terminal or files on disk. Expressions are given either as
strings in derivcheck's safe expression syntax (parsed, never executed) or as SymPy objects built
by the user's own Python code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, Union

from ._errors import DeclarationError
from ._format import line_range

ExprLike = Union[str, int, float, "CellValue", "Tex", "Latex", Any]  # Any: SymPy built in Python
Size = Union[int, str]


@dataclass(frozen=True)
class Domain:
    """Where a variable lives. ``low``/``high`` bound numeric sampling (and intervals, and the
    whole numbers of an ``integer`` domain). The kinds in ``MATRIX_KINDS`` are structures of a
    square matrix (``symmetric``, ``posdef``: symmetric positive-definite, ``orthogonal``,
    ``diagonal``); the others are of each entry."""

    kind: str = "real"
    low: float = -2.0
    high: float = 2.0

    def __post_init__(self) -> None:
        if self.kind not in ("real", "positive", "nonnegative", "interval", "integer",
                             *MATRIX_KINDS):
            raise ValueError(f"unknown domain kind {self.kind!r}")
        if not self.low < self.high:
            raise ValueError(f"empty domain: low={self.low} is not below high={self.high}")

    def contains(self, value: float) -> bool:
        if self.kind == "positive":
            return value > 0
        if self.kind == "nonnegative":
            return value >= 0
        if self.kind == "interval":
            return self.low <= value <= self.high
        if self.kind == "integer":
            return self.low <= value <= self.high and float(value).is_integer()
        return True

    def describe(self) -> str:
        if self.kind == "interval":
            return f"[{self.low:g}, {self.high:g}]"
        if self.kind == "integer":
            return f"the whole numbers {self.low:g}..{self.high:g}"
        return MATRIX_KINDS.get(self.kind, self.kind)

    @property
    def structured(self) -> bool:
        """A structure of a square matrix, not a range of its entries."""
        return self.kind in MATRIX_KINDS


MATRIX_KINDS = {"symmetric": "symmetric", "posdef": "symmetric positive-definite",
                "orthogonal": "orthogonal", "diagonal": "diagonal"}
CONVENTIONS = ("unconstrained", "symmetric")
"""Of a derivative with respect to a symmetric matrix (the Matrix Cookbook's two): the gradient
G of the function as written, at symmetric points ("unconstrained", the default), or
G + Gᵀ − diag(G), the derivative within symmetric matrices ("symmetric")."""


REAL = Domain("real")
POSITIVE = Domain("positive", 0.1, 3.0)
NONNEGATIVE = Domain("nonnegative", 0.0, 3.0)
NATURAL = Domain("integer", 1.0, 30.0)
SYMMETRIC = Domain("symmetric")
POSITIVE_DEFINITE = Domain("posdef")
ORTHOGONAL = Domain("orthogonal")
DIAGONAL = Domain("diagonal")


def integers(low: int, high: int) -> Domain:
    """The whole numbers low..high; numeric points are drawn among them."""
    return Domain("integer", float(low), float(high))


def interval(low: float, high: float) -> Domain:
    """A closed interval; numeric points are drawn from it."""
    return Domain("interval", float(low), float(high))


@dataclass(frozen=True)
class Var:
    """A variable: ``shape=()`` scalar, ``("n",)`` column vector of n, ``("n", "m")`` matrix.

    Sizes are whole numbers or names (a named size is drawn at random for numeric checks, and
    distinct names get distinct sizes, so a missing transpose cannot hide).
    """

    name: str
    shape: tuple[Size, ...] = ()
    domain: Domain = REAL

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"variable name {self.name!r} is not an identifier")
        if len(self.shape) > 2:
            raise ValueError(f"variable {self.name!r}: shape {self.shape} has more than 2 axes")
        square = len(self.shape) == 2 and self.shape[0] == self.shape[1]
        if self.domain.structured and not square:
            raise ValueError(f"variable {self.name!r}: a {self.domain.describe()} matrix is"
                             f" square (give it as matrix {self.shape[0] if self.shape else 'n'}"
                             f" {self.shape[0] if self.shape else 'n'})")
        if self.domain.kind == "integer" and self.shape:
            raise ValueError(f"variable {self.name!r}: whole numbers are scalars")

    @property
    def is_scalar(self) -> bool:
        return self.shape == ()


@dataclass(frozen=True)
class Index:
    """An index variable running over 1, ..., ``upper`` (a size name or a whole number), as in
    the text's ``x_k`` or ``[A]_{ki}``; a claim with a free index holds for every value."""

    name: str
    upper: Size

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"index name {self.name!r} is not an identifier")


@dataclass(frozen=True)
class Fn:
    """An arbitrary smooth function of ``arity`` scalar arguments (the text's generic ``L`` or
    ``f``). SymPy keeps it undefined; JAX checks the claim for random smooth instances."""

    name: str
    arity: int

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.arity < 1:
            raise ValueError(f"function {self.name!r} needs an identifier and an arity >= 1")


@dataclass(frozen=True)
class CellValue:
    """The value a code cell computes, read from the cell's own source (never retyped): the
    value of ``name`` as assigned at ``line`` in the ``tab`` of ``document`` (None: the document
    of the claim that reads it); when ``name`` is a function defined in the cell, ``call`` gives
    its arguments (expression strings); when the line runs more than once (a loop),
    ``iteration`` says which pass (1 = the first)."""

    tab: str
    name: str
    line: int
    call: tuple[str, ...] = ()
    document: str | None = None
    iteration: int | None = None

    def __post_init__(self) -> None:
        if self.iteration is not None and self.iteration < 1:
            raise ValueError(f"CellValue: iteration={self.iteration}; passes count from 1")


@dataclass(frozen=True)
class Tex:
    """A side of a relation in the text's own LaTeX, read by derivcheck's LaTeX reader (never
    retyped): the display formula at ``lines`` (or labelled ``label``), its ``relation``-th chain
    of relations (1 = the first; ``a = b = c`` is one chain), and the ``side`` of that chain
    (0 = left of the first relation, 1 = the next side, -1 = the last)."""

    lines: tuple[int, int] | None = None
    label: str | None = None
    relation: int = 1
    side: int = -1
    document: str | None = None
    """None: the document of the claim that reads it."""

    def __post_init__(self) -> None:
        if (self.lines is None) == (self.label is None):
            raise ValueError("Tex: give either lines=(first, last) or label=, not both")
        if self.relation < 1:
            raise ValueError(f"Tex: relation={self.relation}; relations count from 1")


@dataclass(frozen=True)
class Latex:
    """An expression written in LaTeX, read by derivcheck's LaTeX reader with the claim's own
    variables (bold and plain letters name the same variable, ``e`` is Euler's number)."""

    tex: str


def scalar(name: str, domain: Domain = REAL) -> Var:
    return Var(name, (), domain)


def vector(name: str, size: Size, domain: Domain = REAL) -> Var:
    return Var(name, (size,), domain)


def matrix(name: str, rows: Size, cols: Size, domain: Domain = REAL) -> Var:
    return Var(name, (rows, cols), domain)


@dataclass(frozen=True)
class Source:
    """Where the text makes a claim. ``lines`` are 1-based and inclusive; ``tab`` is the code tab
    (mxnet, pytorch, tensorflow, all) when the claim comes from a code cell; ``quote`` is a piece
    of the text that must stand in those lines (tests hold every claim to it)."""

    lines: tuple[int, int]
    section: str = ""
    label: str | None = None
    tab: str | None = None
    quote: str | None = None
    document: str = "multivariable-calculus.pt.md"

    def __post_init__(self) -> None:
        start, end = self.lines
        if not 1 <= start <= end:
            raise ValueError(f"line range {self.lines} is not 1-based and increasing")

    def where(self) -> str:
        start, end = self.lines
        text = line_range(start, end)
        if self.tab:
            text += f", {self.tab} tab"
        if self.label:
            text += f", :eqlabel:`{self.label}`"
        if self.section:
            text += f", section '{self.section}'"
        return text


def _float(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:  # a whole number too large for a float
        return math.inf


@dataclass(frozen=True, kw_only=True)
class Tolerance:
    """A claim's own numeric tolerance, in place of the numeric witness's default (relative
    1e-7, absolute 1e-9), and why the claim needs it (required). JAX then accepts
    |claimed − true| ≤ rtol·max(|claimed|, |true|) + atol; an exact refutation by SymPy still
    stands, whatever the tolerance."""

    reason: str = ""
    """Required: a claim sets its own tolerance only with a reason (``ValueError`` without)."""
    rtol: float | None = None
    atol: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise ValueError("tolerance: give the reason the claim needs its own tolerance,"
                             ' e.g. tolerance = { rtol = 1e-4, reason = "the text rounds to 4'
                             ' digits" }')
        if self.rtol is None and self.atol is None:
            raise ValueError("tolerance: give rtol, atol or both (numbers from 0, rtol below 1)")
        for name in ("rtol", "atol"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, (int, float))
                                      or not 0 <= _float(value) < math.inf):
                shown = repr(value) if len(repr(value)) < 30 else repr(value)[:27] + "..."
                raise ValueError(f"tolerance: {name} = {shown} is not a finite number from 0")
        if self.rtol is not None and self.rtol >= 1:
            raise ValueError(f"tolerance: rtol = {self.rtol!r} accepts anything; give a"
                             " relative tolerance below 1 (e.g. 1e-4)")

    def describe(self) -> str:
        given = [f"{n}={getattr(self, n):g}" for n in ("rtol", "atol")
                 if getattr(self, n) is not None]
        return f"{', '.join(given)} ({self.reason})"


def _open_reference(value) -> bool:
    """``value`` holds a ``CellValue`` or ``Tex`` that names no document."""
    if isinstance(value, (CellValue, Tex)):
        return value.document is None
    return isinstance(value, (tuple, list)) and any(map(_open_reference, value))


def _in_document(value, document: str):
    """``value`` with every ``CellValue`` and ``Tex`` that names no document reading
    ``document``."""
    if isinstance(value, (CellValue, Tex)):
        return replace(value, document=document) if value.document is None else value
    if isinstance(value, (tuple, list)):
        return type(value)(_in_document(v, document) for v in value)
    return value


@dataclass(frozen=True, kw_only=True)
class Claim:
    """What every claim has. Use the kinds below, never this class itself."""

    kind: ClassVar[str] = "claim"
    name: str
    source: Source
    variables: tuple[Var | Index | Fn, ...] = ()
    definitions: tuple[tuple[str, ExprLike], ...] = ()
    """Names the text defines (``("u", "(a + b)^2")``), in order; each may use the ones before."""
    note: str = ""
    rejected_by_text: str | None = None
    """Set when the text states the formula only to reject it (say why, as the text does)."""
    notation_slip: bool = False
    """Set when the claim encodes what the text literally writes where it means something else
    (say what it means in ``note``): a discrepancy then points at the notation, not the maths."""
    tolerance: Tolerance | None = None
    """The claim's own numeric tolerance, with its reason (``Tolerance``)."""

    def __post_init__(self) -> None:
        for field in fields(self):  # a reference without a document reads the claim's own
            value = getattr(self, field.name)
            if field.init and _open_reference(value):
                object.__setattr__(self, field.name, _in_document(value, self.source.document))
        if self.tolerance is not None and not isinstance(self.tolerance, Tolerance):
            raise ValueError(f"claim {self.name}: tolerance={self.tolerance!r}; give"
                             " Tolerance(reason=..., rtol=..., atol=...)")
        if not self.name or any(c.isspace() for c in self.name):
            raise ValueError(f"claim name {self.name!r}: give a non-empty name without spaces")
        if not isinstance(self.notation_slip, bool):
            raise ValueError(f"claim {self.name}: notation_slip={self.notation_slip!r}; give"
                             " True or False (true or false in a .toml file)")

    def where(self) -> str:
        return self.source.where()


@dataclass(frozen=True, kw_only=True)
class Gradient(Claim):
    """``claimed`` is the gradient of ``function`` with respect to the scalar variables ``wrt``
    (a list ``[d1, d2, ...]``), everywhere, or at the point ``at`` when it is given."""

    kind: ClassVar[str] = "gradient"
    function: ExprLike
    wrt: tuple[str, ...]
    claimed: ExprLike
    at: tuple[ExprLike, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Hessian(Claim):
    """``claimed`` is the Hessian matrix of ``function`` in the scalar variables ``wrt``, or in
    one vector variable (``wrt = ("x",)``: the n×n matrix ∂²f/∂x∂xᵀ)."""

    kind: ClassVar[str] = "hessian"
    function: ExprLike
    wrt: tuple[str, ...]
    claimed: ExprLike
    at: tuple[ExprLike, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Jacobian(Claim):
    """``claimed`` is the Jacobian matrix of the vector-valued ``function`` (an array of
    expressions, or a vector expression) in the scalar variables ``wrt`` or in one vector
    variable: row i holds the derivatives of output i, column j those in input j (numerator
    layout, as in Dφ), everywhere or at the point ``at``."""

    kind: ClassVar[str] = "jacobian"
    function: ExprLike
    wrt: tuple[str, ...]
    claimed: ExprLike
    at: tuple[ExprLike, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class JacobianDeterminant(Jacobian):
    """``claimed`` is det Dφ: the determinant of the (square) Jacobian matrix of ``function``,
    as ``Jacobian`` lays it out."""

    kind: ClassVar[str] = "jacobian_determinant"


@dataclass(frozen=True, kw_only=True)
class Derivative(Claim):
    """``claimed`` is d function / d wrt in denominator layout: it has the shape of ``wrt``
    (a scalar, vector or matrix variable). With respect to a symmetric matrix, ``convention``
    says which derivative is meant (``CONVENTIONS``; "unconstrained" unless the claim says)."""

    kind: ClassVar[str] = "derivative"
    function: ExprLike
    wrt: str
    claimed: ExprLike
    convention: str = "unconstrained"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.convention not in CONVENTIONS:
            raise ValueError(f"convention = {self.convention!r} (claim {self.name}): give one"
                             f" of {', '.join(map(repr, CONVENTIONS))}")


@dataclass(frozen=True, kw_only=True)
class Taylor(Claim):
    """``claimed`` is the Taylor polynomial of ``function`` of the given ``order`` (a whole number
    from 1) at the point ``at`` (numbers, or expressions in other variables: ``["x0"]``). With ``substitute`` the claimed side is written in other variables: each
    of ``wrt`` is replaced by the given expression (``{"x": "eps_1"}``), and an empty claimed side
    (no variables left) is the approximation's value at one point."""

    kind: ClassVar[str] = "taylor"
    function: ExprLike
    wrt: tuple[str, ...]
    at: tuple[ExprLike, ...]
    order: int
    claimed: ExprLike
    substitute: tuple[tuple[str, ExprLike], ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if isinstance(self.order, bool) or not isinstance(self.order, int) or self.order < 1:
            raise ValueError(f"order {self.order!r}: the order of a Taylor polynomial is a whole"
                             " number from 1")


@dataclass(frozen=True, kw_only=True)
class Value(Claim):
    """``claimed`` is the value of ``function`` at the point ``at`` (in the order of ``wrt``)."""

    kind: ClassVar[str] = "value"
    function: ExprLike
    wrt: tuple[str, ...]
    at: tuple[ExprLike, ...]
    claimed: ExprLike


@dataclass(frozen=True, kw_only=True)
class CriticalPoints(Claim):
    """``claimed`` lists every point where the gradient of ``function`` vanishes, and only those."""

    kind: ClassVar[str] = "critical_points"
    function: ExprLike
    wrt: tuple[str, ...]
    claimed: tuple[tuple[ExprLike, ...], ...]


@dataclass(frozen=True, kw_only=True)
class Identity(Claim):
    """``lhs = rhs`` for every value of the variables (``diff(expr, x)`` may appear in either)."""

    kind: ClassVar[str] = "identity"
    lhs: ExprLike
    rhs: ExprLike


@dataclass(frozen=True, kw_only=True)
class Approximation(Claim):
    """``lhs ≈ rhs`` to the given ``order`` in the ``small`` quantities: lhs − rhs vanishes
    faster than |small|^order as they go to 0 (every other variable held exact)."""

    kind: ClassVar[str] = "approximation"
    lhs: ExprLike
    rhs: ExprLike
    small: tuple[str, ...]
    order: int = 1


@dataclass(frozen=True, kw_only=True)
class Extremum(Claim):
    """``function`` has a ``nature`` ("minimum", "maximum" or "neither") at the point ``at``,
    over the whole domain (``scope="global"``) or near the point (``"local"``)."""

    kind: ClassVar[str] = "extremum"
    function: ExprLike
    wrt: tuple[str, ...]
    at: tuple[ExprLike, ...]
    nature: str
    scope: str = "local"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.nature not in ("minimum", "maximum", "neither"):
            raise ValueError(f"nature {self.nature!r}: use minimum, maximum or neither")
        if self.scope not in ("local", "global"):
            raise ValueError(f"scope {self.scope!r}: use local or global")


@dataclass(frozen=True, kw_only=True)
class Unreadable(Claim):
    """A declaration that could not become a claim: a table of a derivation file with a wrong,
    missing or unknown field. Checking it gives an error verdict that says why (``error``); the
    other claims of the file are checked as usual. ``declared`` is the kind the table names
    (when it names one), so ``-k`` still selects it."""

    error: DeclarationError
    declared: str = "unreadable"

    @property  # type: ignore[override]
    def kind(self) -> str:
        return self.declared


@dataclass(frozen=True)
class NoClaim:
    """A block of the text that holds no checkable claim, and why (a definition, notation, a
    question, a plot command). Coverage counts a block as accounted for by claims or by this."""

    source: Source
    reason: str


KINDS: tuple[type[Claim], ...] = (Gradient, Hessian, Derivative, Taylor, Value, CriticalPoints,
                                  Identity, Approximation, Extremum, Jacobian,
                                  JacobianDeterminant)

