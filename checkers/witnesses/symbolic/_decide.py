"""Deciding claimed − derived = 0: simplification strategies, and an exact point where a
difference that does not simplify away is clearly non-zero."""

from __future__ import annotations

import random

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra import _shapes as alg
from ...readers._resolve import Resolved
from ._evidence import SymbolicEvidence
from ._strategies import bounded, symbolic_sums, worth

STRATEGIES = (
    ("as written", lambda d: d),
    ("expand", sp.expand),
    ("doit", lambda d: sp.expand(d.doit())),
    ("cancel", lambda d: sp.cancel(sp.together(d))),
    ("expand exp/log", lambda d: sp.expand(sp.expand_log(sp.powsimp(d), force=True))),
    ("simplify", sp.simplify),
)

_ORDER = ["exact evaluation"] + [name for name, _ in STRATEGIES]


def decide(claimed, derived, r: Resolved) -> SymbolicEvidence:
    """proved when a strategy brings claimed − derived to 0; refuted when it is non-zero at an
    exact point; undecided otherwise."""
    if alg.shape_of(claimed) != alg.shape_of(derived):
        return SymbolicEvidence("refuted", derived, "shapes differ", "shape",
                                f"claimed is {alg.show_shape(alg.shape_of(claimed))}, truth is"
                                f" {alg.show_shape(alg.shape_of(derived))}", exact=True)
    if _symbolic_matrix(claimed) or _symbolic_matrix(derived):
        return _decide_matrix_expr(claimed, derived, r)
    infinite = _infinite(claimed, derived)
    if infinite is not None:
        return infinite
    entries = list(claimed - derived) if alg.shape_of(claimed) else [claimed - derived]
    used, left = [], []
    for entry in entries:
        name, rest = _simplify(entry)
        used.append(name)
        left.append(rest)
    strategy = ", ".join(sorted(set(used), key=_ORDER.index))
    difference = _show_difference(left, claimed)
    if all(e == 0 for e in left):
        return SymbolicEvidence("proved", derived, "0", strategy, "claimed − derived simplifies"
                                " to 0")
    if any(symbolic_sums(e) for e in left):
        return SymbolicEvidence("undecided", derived, difference, strategy,
                                "claimed − derived did not simplify to 0, and it holds sums over"
                                " a symbolic size (no exact point to try)")
    point, exact, size = _nonzero_point([e for e in left if e != 0], r, derived)
    if point is not None and point is not _UNEVALUABLE and point is not _ESTIMATED:
        exact = exact and not _has_float(claimed) and not _has_float(derived)
        return SymbolicEvidence("refuted", derived, difference, strategy,
                                "claimed − derived is not 0", point=point, exact=exact,
                                size=size)
    if point is _UNEVALUABLE:
        return SymbolicEvidence("undecided", derived, difference, strategy,
                                "claimed − derived did not simplify to 0, and SymPy could not"
                                " evaluate it at a point (nested arbitrary functions)")
    if point is _ESTIMATED:
        return SymbolicEvidence("undecided", derived, difference, strategy,
                                "claimed − derived did not simplify to 0, and it holds an"
                                " integral or a limit SymPy cannot do (its value at a point"
                                " would be a float estimate, no exact point)")
    return SymbolicEvidence("undecided", derived, difference, strategy,
                            "claimed − derived did not simplify to 0, yet vanished at every"
                            " exact point tried")


def _infinite(claimed, derived) -> SymbolicEvidence | None:
    """A side that is infinite (a divergent integral, series or limit, as SymPy evaluates it):
    the claim holds only if the other side is the same infinity."""
    sides = [e for e in (claimed, derived) if isinstance(e, sp.Basic) and not e.is_Matrix]
    if len(sides) < 2 or not any(e in (sp.oo, -sp.oo, sp.zoo, sp.nan) for e in sides):
        return None
    if sp.nan in sides:
        return SymbolicEvidence("refuted", derived, "undefined", "exact evaluation",
                                "a side has no value (SymPy shows the limit does not exist:"
                                " its one-sided limits differ)", point={}, exact=True)
    if claimed == derived:
        return SymbolicEvidence("proved", derived, "0", "exact evaluation",
                                f"both sides are {derived}")
    return SymbolicEvidence("refuted", derived, f"{claimed} − ({derived})", "exact evaluation",
                            f"one side is {claimed}, the other {derived} (a divergent integral,"
                            " series or limit is no number)", point={}, exact=True)


SPELL_OUT = 100
"""A matrix expression of at most this many entries is spelled out to be decided entry by entry
(the concrete sizes 2, 3, 4 of ``_concrete``); a larger one stays in symbols."""


def _spelled_out(e):
    """A matrix expression of numeric shape (of at most SPELL_OUT entries) as its explicit
    matrix of entries, or None."""
    if not all(isinstance(n, (int, sp.Integer)) for n in e.shape) \
            or int(e.shape[0]) * int(e.shape[1]) > SPELL_OUT:
        return None
    try:
        return sp.ImmutableMatrix(e.doit().as_explicit())
    except Exception:  # an expression SymPy cannot spell out entry by entry
        return None


def _symbolic_matrix(e) -> bool:
    return isinstance(e, sp.MatrixExpr) and not isinstance(e, sp.MatrixBase)


def _has_float(e) -> bool:
    return isinstance(e, sp.Basic) and e.has(sp.Float)


def _simplify(entry):
    """The first strategy that brings ``entry`` to 0, or the last one's result. A constant is
    decided by evaluation first (numbers stay numbers: simplify may turn 10⁹·log 2 into the log
    of a 300-million-digit integer), no strategy runs on huge integers, and each strategy has
    its own share of the budget (``bounded``)."""
    if _constant_nonzero(entry):
        return "exact evaluation", entry
    last, tried = entry, STRATEGIES[0][0]
    for name, step in STRATEGIES:
        if _huge(last) or _huge(entry):
            return tried, last
        if not worth(name, entry):
            continue
        last, tried = bounded(name, lambda e, step=step, name=name: _step(step, name, e),
                              entry), name
        if last == 0 or _constant_nonzero(last):
            return name, last
    return tried, last


def _step(step, name, entry):
    """One strategy on ``entry``; simplify, beside a large coefficient, with the logs of
    numbers held as symbols (so that it cannot combine 10⁹·log 2 into log 2^(10⁹))."""
    if name != "simplify" or not _big_coefficient(entry):
        return step(entry)
    entry = sp.expand_log(entry, force=True)
    numbers = {a: sp.Dummy(positive=True) for a in entry.atoms(sp.log) if a.is_number}
    return step(entry.xreplace(numbers)).xreplace({d: a for a, d in numbers.items()})


HUGE = 10 ** 300
"""Integers beyond this are not handed to simplify or expand."""


def _huge(e) -> bool:
    return isinstance(e, sp.Basic) and any(abs(a.p) > HUGE or a.q > HUGE
                                           for a in e.atoms(sp.Rational))


def _big_coefficient(e) -> bool:
    """A rational of more than six digits beside a log: simplify would combine them into the
    log of a huge power."""
    return bool(e.atoms(sp.log)) and any(abs(a.p) > 10 ** 6 or a.q > 10 ** 6
                                         for a in e.atoms(sp.Rational))


def _constant_nonzero(entry) -> bool:
    """``entry`` is a number that exact evaluation proves non-zero."""
    if not isinstance(entry, sp.Basic) or entry.free_symbols or not entry.is_number:
        return False
    return _exact_nonzero(entry) is not None


def _exact_nonzero(value) -> float | None:
    """|value| when ``value`` (a number) is proved non-zero: a non-zero rational, or a value
    that SymPy's evaluation (which tracks its error) gives to 30 guaranteed digits; else None."""
    if value.is_Rational:
        return None if value == 0 else abs(float(value))
    if value.has(sp.Float) or not value.is_finite:
        return None
    try:
        n = value.evalf(30, strict=True)
    except Exception:  # PrecisionExhausted: perhaps 0 (or not a plain number)
        return None
    return abs(float(n)) if n.is_Number and n.is_real and n != 0 else None


def _show_difference(left, claimed) -> str:
    if alg.shape_of(claimed):
        return show(sp.ImmutableMatrix(claimed.shape[0], claimed.shape[1], left))
    return show(left[0])


def show(e, limit: int = 200) -> str:
    """``e`` as text, at most ``limit`` characters: a longer text ends in "…" and says how long
    it is (and how many digits its largest integer has, when that is many)."""
    biggest = max((max(abs(a.p), a.q) for a in e.atoms(sp.Rational)), default=0) \
        if isinstance(e, sp.Basic) else 0
    if biggest > HUGE:   # never print it whole: str() of a huge integer is itself slow
        digits = int(biggest.bit_length() * 0.30103) + 1
        return f"an expression with an integer of about {digits} digits"
    text = str(e)
    if len(text) <= limit:
        return text
    digits = len(str(biggest))
    integers = f", integers of up to {digits} digits" if digits > 15 else ""
    return f"{text[:limit - 1]}… ({len(text)} characters{integers})"


def _decide_matrix_expr(claimed, derived, r: Resolved) -> SymbolicEvidence:
    """Matrix expressions: proved when claimed − derived expands to the zero matrix. Spelled
    out (explicit entries), they are decided entry by entry like any other; in symbols, a
    difference that does not expand to zero is no refutation (tr(vvᵀ) = tr(vᵀv) does not
    expand to it), so it stays undecided, for the entrywise check at concrete sizes."""
    explicit = _spelled_out(claimed), _spelled_out(derived)
    if all(e is not None for e in explicit):
        return decide(*explicit, r)
    difference = (claimed - derived).doit()
    expanded = sp.expand(difference)
    if (expanded == 0 or isinstance(expanded, sp.ZeroMatrix) or expanded.is_ZeroMatrix
            or isinstance(expanded, sp.MatrixBase) and expanded.is_zero_matrix):
        return SymbolicEvidence("proved", derived, "0", "matrix expand",
                                "claimed − derived expands to the zero matrix for all sizes")
    return SymbolicEvidence("undecided", derived, show(expanded), "matrix expand",
                            "claimed − derived does not expand to the zero matrix in symbols"
                            " (which proves nothing either way)")


def _nonzero_point(entries, r: Resolved, derived):
    """An exact rational point in the domain where some entry is clearly non-zero (an empty
    point when the entries are constants), or None; whether it is proved non-zero there by
    exact arithmetic; and the difference's size there (see ``_size``)."""
    try:
        entries = [_instantiate(e) for e in entries]
    except Exception:  # SymPy cannot spell this instance out (nested arbitrary functions)
        return _UNEVALUABLE, False, None
    if any(e.has(sp.Integral, sp.Limit) for e in entries):  # SymPy cannot do it: its value
        return _ESTIMATED, False, None                        # at a point is a float estimate
    free = sorted(set().union(*(e.atoms(sp.Symbol, MatrixElement) for e in entries)), key=str)
    whole = {v.name for v in r.variables if v.domain.kind == "integer"}
    free = [s for s in free if not (isinstance(s, sp.Symbol) and s.is_integer)
            or str(s) in whole]
    rng = random.Random(0)
    for attempt in range(_ATTEMPTS):
        point = {s: _rational_in(r, s, rng, attempt) for s in free}
        for e in entries:
            value = e.subs(point)
            close = sp.N(value, 30)
            if close.is_number and close.is_real is False:
                continue  # outside the real domain of a side (the log of a negative): no point
            if close.is_number and close.is_finite and abs(close) > 1e-20:
                proved = _exact_nonzero(value)
                size = _size(proved if proved is not None else abs(float(close)), derived,
                             point)
                return {str(s): str(v) for s, v in point.items()}, proved is not None, size
            proved = _exact_nonzero(value) if value.is_number else None
            if proved is not None:   # smaller than 1e-20, and proved non-zero
                return ({str(s): str(v) for s, v in point.items()}, True,
                        _size(proved, derived, point))
    return None, False, None


def _size(difference: float, derived, point) -> float:
    """|difference| relative to max(1, |derived|) at ``point`` (|difference| itself, an upper
    bound, where derived is not a number there: a constant difference)."""
    try:
        values = list(derived) if isinstance(derived, sp.MatrixBase) else [derived]
        scale = max(abs(complex(sp.N(_instantiate(v).subs(point), 20))) for v in values)
    except Exception:  # derived not evaluable there
        scale = 1.0
    return difference / max(1.0, scale)


_UNEVALUABLE: dict[str, str] = {}
_ESTIMATED: dict[str, str] = {}


def _instantiate(e):
    """``e`` with every arbitrary function replaced by one fixed smooth instance, so that a
    non-zero difference can be shown at a point."""
    functions = {a.func for a in e.atoms(sp.core.function.AppliedUndef)}
    for k, fn in enumerate(sorted(functions, key=str)):
        e = e.replace(fn, lambda *z, k=k: sp.exp(sum(sp.Rational(i + k + 1, 3) * zi
                                                     for i, zi in enumerate(z)))
                      + sum(zi ** 2 / (i + 2) for i, zi in enumerate(z)))
    return e.doit() if functions else e


_ATTEMPTS = 12
_FURTHER = ((1, -1), (10, 0), (sp.Rational(1, 10), 0), (100, -1), (sp.Rational(1, 100), 1),
            (1000, 0))
"""After six points of unit size, the magnitude and sign of each further attempt's points
(sign -1: negative, 1: positive, 0: either), for the variables of either sign."""


def _rational_in(r: Resolved, symbol, rng, attempt: int = 0) -> sp.Rational:
    """An exact rational strictly inside the symbol's declared domain: inside an interval;
    positive (non-negative) or of either sign for a real variable, first of unit size (eighths
    within the domain's sampling bounds), then across magnitudes and, for a real, negative."""
    names = {v.name: v.domain for v in r.variables}
    owner = symbol.parent if isinstance(symbol, MatrixElement) else symbol
    domain = names.get(getattr(owner, "name", ""))
    kind = domain.kind if domain is not None else "real"
    if kind == "integer":
        return sp.Integer(rng.randint(int(domain.low), int(domain.high)))
    if kind == "interval":
        low, high = sp.Rational(repr(domain.low)), sp.Rational(repr(domain.high))
        return low + (high - low) * sp.Rational(rng.randint(1, 15), 16)
    low, high = (domain.low, domain.high) if domain else (-2.0, 2.0)
    if kind in ("positive", "nonnegative"):
        low = max(low, 0.1)
    if attempt < _ATTEMPTS - len(_FURTHER):
        return sp.Rational(rng.randint(int(low * 8), int(high * 8)) or 1, 8)
    scale, sign = _FURTHER[attempt - (_ATTEMPTS - len(_FURTHER))]
    magnitude = sp.Rational(rng.randint(1, 16), 8) * scale
    if kind in ("positive", "nonnegative") or sign == 1:
        return magnitude
    return -magnitude if sign == -1 or rng.random() < 0.5 else magnitude
