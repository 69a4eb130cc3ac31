"""Deciding at small concrete sizes, entry by entry, independently of SymPy's matrix rules
(which can be silently wrong, FACTS.md): matrices spelled out as explicit matrices of entry
symbols, sums expanded, and only then derivatives taken."""

from __future__ import annotations

import itertools
from dataclasses import replace

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra import _shapes as alg
from ...readers._resolve import Resolved
from ._decide import decide
from ._evidence import SymbolicEvidence


def small_sizes(r: Resolved) -> dict:
    """Distinct small sizes 2, 3, ... for the claim's named sizes."""
    return {s: sp.Integer(k) for k, s in enumerate(r.sizes, start=2)}


def concrete(r: Resolved, lhs, rhs, general: SymbolicEvidence) -> SymbolicEvidence:
    """lhs = rhs entry by entry at small distinct sizes, for every value of the indices (and for
    both components of an orthogonal matrix: rotations and reflections)."""
    return _every_component(r, lambda reflect: _concrete(r, lhs, rhs, general, reflect))


def _every_component(r: Resolved, check) -> SymbolicEvidence:
    """``check(reflect)`` for each component of the claim's domain (rotations, and reflections
    when a matrix is orthogonal): the first evidence that is not a proof, else the last."""
    orthogonal = any(v.domain.kind == "orthogonal" for v in r.variables)
    for reflect in (False, True) if orthogonal else (False,):
        found = check(reflect)
        if found.status != "proved":
            return found
    return found


def _concrete(r: Resolved, lhs, rhs, general: SymbolicEvidence, reflect: bool
              ) -> SymbolicEvidence:
    sizes = small_sizes(r)
    spell = speller(r, sizes, reflect=reflect)
    lhs, rhs = deltas(lhs), deltas(rhs)
    indices = list(r.indices.items())
    combos = itertools.product(*[range(1, int(up.subs(sizes)) + 1) for _, up in indices])
    for values in combos:
        at = {i: sp.Integer(v) for (i, _), v in zip(indices, values)}
        found = decide(entries(spell(lhs.subs(at))), entries(spell(rhs.subs(at))), r)
        if found.status != "proved":
            where = ", ".join(f"{i}={v}" for i, v in at.items())
            return replace(found, detail=f"{found.detail} (at sizes {show_sizes(sizes)}"
                           + (f", {where}" if where else "") + ")")
    note = f"the general form was {general.status}; " if general.status != "proved" else ""
    return SymbolicEvidence("proved", general.derived, "0",
                            f"entry by entry at {show_sizes(sizes)} and every index value",
                            note + "decided entry by entry at concrete sizes")


def entrywise_derivative(r: Resolved, function, var, claimed) -> SymbolicEvidence:
    """d function / d var_ij entry by entry, at small distinct sizes, against ``claimed`` (for
    both components of an orthogonal matrix)."""
    return _every_component(r, lambda reflect: _entrywise(r, function, var, claimed, reflect))


def _entrywise(r: Resolved, function, var, claimed, reflect: bool) -> SymbolicEvidence:
    sizes = small_sizes(r)
    spell, shaped = speller(r, sizes, structured=False), structure(r, sizes, reflect)
    f = alg.as_scalar(spell(function))
    if isinstance(f, sp.MatrixBase):
        f = f[0, 0]
    var = canonical(spell(var))
    derived = sp.ImmutableMatrix(var.shape[0], var.shape[1],
                                 lambda i, j: sp.diff(f, var[i, j]))
    if getattr(r.claim, "convention", "unconstrained") == "symmetric":
        derived = derived + derived.T - sp.diag(*derived.diagonal())
    derived = sp.ImmutableMatrix(derived.xreplace(shaped)).doit()
    found = decide(sp.ImmutableMatrix(speller(r, sizes, structured=False)(claimed))
                   .xreplace(shaped).doit(), derived, r)
    return SymbolicEvidence(found.status, derived, found.difference,
                            f"entry by entry at {show_sizes(sizes)}; {found.strategy}",
                            found.detail, point=found.point, exact=found.exact, size=found.size)


def scalar_diff(f, *wrt):
    """d f / d wrt of a scalar ``f``. Where SymPy's matrix rules fail on it (Trace's derivative
    raises NotImplementedError for x.T*A*x with x built from explicit components), the matrix
    symbols of its declared sizes are written out as entries first and the derivative is taken
    entry by entry."""
    try:
        return sp.diff(f, *wrt)
    except NotImplementedError:
        return sp.diff(written_out(f), *wrt)


def written_out(f):
    """``f`` with every matrix symbol written out as its matrix of entries, evaluated; a 1×1
    result as its entry."""
    symbols = {m: m.as_explicit() for m in f.atoms(sp.MatrixSymbol)}
    e = f.xreplace(symbols).doit()
    return e[0, 0] if isinstance(e, sp.MatrixBase) and e.shape == (1, 1) else e


def show_sizes(sizes) -> str:
    return ", ".join(f"{s}={k}" for s, k in sizes.items()) or "the declared sizes"


def speller(r: Resolved, sizes, structured: bool = True, reflect: bool = False):
    """Spells an expression out at concrete sizes: matrices become explicit matrices of entry
    symbols, sums are expanded, and only then are derivatives taken. With ``structured``, the
    entries of a structured matrix (symmetric, orthogonal, ...) are written as ``structure``
    says; without, every entry is its own symbol (the derivative of the function as written)."""
    concrete = {m: m.subs(sizes) for m in r.symbols.values() if isinstance(m, sp.MatrixSymbol)}
    explicit = {c: canonical(c.as_explicit()) for c in concrete.values()}
    shaped = structure(r, sizes, reflect) if structured else {}

    def spell(e):
        e = deltas(e).subs(sizes).xreplace(concrete)
        while e.has(sp.Sum, sp.Product):
            e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)),
                          lambda x: x.doit(deep=False))
        e = canonical(e).xreplace(explicit)
        e = canonical(e.doit())
        return e.xreplace(shaped).doit() if shaped else e
    return spell


def structure(r: Resolved, sizes, reflect: bool = False) -> dict:
    """Entry symbol -> its value in a structured matrix at concrete sizes: a symmetric (or
    positive-definite) matrix's entries below the diagonal are those above it, a diagonal
    matrix's off-diagonal entries are 0, an orthogonal one is the Cayley transform
    (I − S)(I + S)⁻¹ of a skew-symmetric S of fresh symbols (the rotations without eigenvalue
    −1, dense in the rotations), times diag(−1, 1, ..., 1) when ``reflect`` (the reflections:
    an identity of orthogonal matrices is decided on both)."""
    out: dict = {}
    for v in r.variables:
        if not v.domain.structured:
            continue
        m = r.symbols[v.name].subs(sizes)
        n = int(m.shape[0])
        entry = {(i, j): sp.Symbol(str(m[i, j]), real=True) for i in range(n) for j in range(n)}
        out.update(_shaped(v.domain.kind, v.name, n, entry, reflect))
    return out


def _shaped(kind: str, name: str, n: int, entry: dict, reflect: bool) -> dict:
    if kind in ("symmetric", "posdef"):
        return {entry[i, j]: entry[j, i] for i in range(n) for j in range(i)}
    if kind == "diagonal":
        return {entry[i, j]: sp.Integer(0) for i in range(n) for j in range(n) if i != j}
    s = sp.zeros(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            s[i, j] = sp.Symbol(f"{name}_s{i + 1}{j + 1}", real=True)
            s[j, i] = -s[i, j]
    q = (sp.eye(n) - s) * (sp.eye(n) + s).inv()
    if reflect:
        q = q * sp.diag(-1, *([1] * (n - 1)))
    return {entry[i, j]: sp.simplify(q[i, j]) for i in range(n) for j in range(n)}


def deltas(e):
    """d v_kj / d v_ab as Kronecker deltas in the indices, before any index is substituted
    (SymPy does not substitute into a derivative's variables)."""
    if not isinstance(e, sp.Basic):
        return e
    return e.replace(lambda x: isinstance(x, sp.Derivative) and isinstance(x.expr, MatrixElement),
                     lambda x: x.doit())


def canonical(e):
    """Entries such as U[0, 0] reached by different paths (an explicit matrix, a summed index)
    print alike but may differ as objects: make each one symbol, named as it prints."""
    found = e.atoms(MatrixElement) if isinstance(e, sp.Basic) else set()
    return e.xreplace({x: sp.Symbol(str(x), real=True) for x in found}) if found else e


def entries(e):
    if isinstance(e, sp.MatrixBase) and e.shape == (1, 1):
        return e[0, 0]
    return sp.ImmutableMatrix(e) if isinstance(e, sp.MatrixBase) else e
