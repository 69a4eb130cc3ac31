"""Writing SymPy expressions as a person would: entries as the text counts them (``x_1``,
``A_12``), the shortest of a few equivalent forms, a polynomial in powers of (x − a) around a
point, a constant factor in front of a sum. Deterministic, and under a hard stop should SymPy
ever hang."""

from __future__ import annotations

import re

import sympy as sp

from ..algebra._alarm import alarm

_SIMPLIFY_OPS = 40   # sympy.simplify is tried only on expressions this small (deterministic)
_SAFETY = 5.0        # seconds: a safety net around the compaction, should SymPy ever hang


class _Timeout(Exception):
    pass


def _limit(seconds: float):
    """A hard stop for a hung SymPy call (the one alarm)."""
    return alarm(seconds, _Timeout)


_ENTRY = re.compile(r"^([A-Za-z_]\w*)\[(\d+), (\d+)\]$")


def readable(e, r=None):
    """Entries of vectors and matrices as the text counts them: x[0, 0] is x_1, A[0, 1] is
    A_12 (unless a variable of that name is there too). SymPy's entries, and the symbols named
    like them that the entry-by-entry check makes, are renamed alike."""
    from sympy.matrices.expressions.matexpr import MatrixElement

    if not isinstance(e, sp.Basic):
        return e
    e = undummy(e)
    shapes = {k: v.shape for k, v in (r.symbols.items() if r is not None else ())
              if isinstance(v, sp.MatrixSymbol)}
    found = []
    for m in e.atoms(MatrixElement):
        if m.i.is_Integer and m.j.is_Integer and hasattr(m.parent, "name"):
            found.append((m, m.parent.name, int(m.i), int(m.j), m.parent.shape[1] == 1))
    for x in e.atoms(sp.Symbol):
        match = _ENTRY.match(x.name)
        if match and match[1] in shapes:
            found.append((x, match[1], int(match[2]), int(match[3]), shapes[match[1]][1] == 1))
    taken = {x.name for x in e.atoms(sp.Symbol)}
    named: dict = {}
    for old, parent, i, j, column in sorted(found, key=lambda f: str(f[0])):
        name = f"{parent}_{i + 1}" if column else f"{parent}_{i + 1}{j + 1}"
        if name in taken or name in named.values():
            return e
        named[old] = name
    return e.xreplace({m: sp.Symbol(n, real=True) for m, n in named.items()}) if named else e


def undummy(e):
    """No SymPy placeholders: a derivative SymPy holds at a point through a dummy
    (``Subs(Derivative(L(_L_1, y), _L_1), _L_1, x)``) is written at the point itself when that
    reads the same (∂L(x, y)/∂x); a placeholder standing for ``u(a, b)`` is named ``u``; any
    placeholder left is renamed u_1, u_2, … (names not taken)."""
    from sympy.core.function import AppliedUndef

    if not isinstance(e, sp.Basic) or isinstance(e, sp.MatrixBase) and not e.free_symbols:
        return e
    done = {}
    for s in sorted(e.atoms(sp.Subs), key=str):
        if all(isinstance(p, sp.Symbol) for p in s.point) and not s.doit().has(sp.Subs):
            done[s] = s.doit()
    e = e.xreplace(done) if done else e
    taken = {x.name for x in e.atoms(sp.Symbol)}
    names = {}
    for s in sorted(e.atoms(sp.Subs), key=str):
        for var, point in zip(s.variables, s.point):
            name = type(point).__name__ if isinstance(point, AppliedUndef) else None
            if _placeholder(var) and name and name not in taken:
                names[var] = sp.Symbol(name, **var.assumptions0)
                taken.add(name)
    e = _rebound(e, names)
    names = {}
    left = sorted((x for x in e.atoms(sp.Symbol) if _placeholder(x) and x not in names), key=str)
    k = 0
    for d in left:
        k += 1
        while f"u_{k}" in taken:
            k += 1
        names[d] = sp.Symbol(f"u_{k}", **d.assumptions0)
        taken.add(f"u_{k}")
    return _rebound(e, names).xreplace(names) if names else e


def _rebound(e, names):
    """``e`` with the variables a Subs binds renamed. Built again without evaluation: SymPy
    takes a Subs to equal its renamed self, so ``xreplace`` (through its cache) keeps the old."""
    if not names:
        return e
    new = [(s, sp.Subs(s.expr.xreplace(names), tuple(names.get(v, v) for v in s.variables),
                       s.point)) for s in e.atoms(sp.Subs) if set(s.variables) & set(names)]
    return _swap(e, new) if new else e


def _swap(x, new):
    for old, rep in new:
        if x is old:
            return rep
    if not x.args:
        return x
    args = [_swap(a, new) for a in x.args]
    if all(a is b for a, b in zip(args, x.args)):
        return x
    try:
        return x.func(*args, evaluate=False)
    except TypeError:
        return x.func(*args)


def _placeholder(x) -> bool:
    return isinstance(x, sp.Dummy) or isinstance(x, sp.Symbol) and x.name.startswith("_")


def compact(e):
    """(LaTeX, text, form) of the shortest of a few equivalent forms of ``e``, chosen by length
    only (so the choice is the same on every run)."""
    try:
        with _limit(_SAFETY):
            if isinstance(e, sp.MatrixBase):
                cells = [[_compact_scalar(e[i, j]) for j in range(e.shape[1])]
                         for i in range(e.shape[0])]
                form = sp.Matrix([[c[2] for c in row] for row in cells])
                return (*_matrix(cells), form)
            if not isinstance(e, sp.Expr) or isinstance(e, sp.MatrixExpr):
                return sp.latex(e), as_text(e), e
            return _compact_scalar(e)
    except Exception:  # noqa: BLE001 — _Timeout or SymPy's own failure: print it as it is
        return sp.latex(e), as_text(e), e


def _compact_scalar(e) -> tuple[str, str, object]:
    forms = [e]
    ops = sp.count_ops(e)
    if ops <= 200:
        forms += [sp.factor_terms(e), sp.factor_terms(sp.expand(e))]
        plain = not e.has(sp.Derivative, sp.Subs, sp.core.function.AppliedUndef)
        if plain and ops <= _SIMPLIFY_OPS:
            forms += [sp.factor_terms(sp.cancel(sp.together(e))), sp.simplify(e)]
    printed = [(_tex(f), as_text(f), f) for f in forms]
    return min(printed, key=lambda p: len(p[0]))


def around(e, point):
    """``e`` as a polynomial in powers of (x − a) around the point, ascending, as a Taylor
    polynomial is written: e^{-1}(-1 - (x+1) + (x+1)^2 + y^2). None if it is no polynomial."""
    if e is None or not isinstance(e, sp.Expr) or isinstance(e, sp.MatrixExpr):
        return None
    wrt = [w for w, _ in point]
    try:
        with _limit(_SAFETY):
            if not e.is_polynomial(*wrt):
                return None
            steps, names = {}, {}
            for w, a in point:
                if a != 0:
                    step = sp.Symbol(f"({as_text(w - a)})", real=True)
                    steps[w] = step + a
                    names[step] = rf"\left({sp.latex(w - a)}\right)"
            poly = sp.factor_terms(sp.expand(e.xreplace(steps)))
            return _tex(poly, order="old", symbol_names=names), as_text(poly, order="old")
    except Exception:  # noqa: BLE001 — _Timeout or SymPy's own failure: no such form
        return None


def _tex(e, **settings) -> str:
    """LaTeX, with a constant factor of a sum in front: e^{-1} (…), not \\frac{…}{e}."""
    split = _split(e)
    if split is not None:
        const, rest = split
        lead = "-" if const == -1 else sp.latex(const)
        return rf"{lead} \left({sp.latex(rest, **settings)}\right)"
    return sp.latex(e, **settings)


def as_text(e, **settings) -> str:
    if isinstance(e, sp.MatrixBase):
        return _matrix([[("", as_text(x, **settings)) for x in row] for row in e.tolist()])[1]
    split = _split(e)
    if split is not None:
        const, rest = split
        lead = "-" if const == -1 else f"{sp.sstr(const)}*"
        return f"{lead}({sp.sstr(rest, **settings)})"
    return sp.sstr(e, **settings)


def _split(e):
    if not isinstance(e, sp.Mul) or not e.free_symbols:
        return None
    const, rest = e.as_independent(*sorted(e.free_symbols, key=str), as_Add=False)
    if const != 1 and const.is_number and isinstance(rest, sp.Add):
        return const, rest
    return None


def _matrix(cells) -> tuple[str, str]:
    tex = r"\begin{bmatrix} " + r" \\ ".join(" & ".join(c[0] for c in row) for row in cells) \
        + r" \end{bmatrix}"
    if all(len(row) == 1 for row in cells):
        text = "[" + ", ".join(row[0][1] for row in cells) + "]"
    else:
        text = "[" + ", ".join("[" + ", ".join(c[1] for c in row) + "]" for row in cells) + "]"
    return tex, text
