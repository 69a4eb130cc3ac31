"""The discrepancy report: what a maintainer of the text reads after ``check_all``.

``build_report`` turns verdicts into one JSON document (``checkers/report.schema.json``,
``"schema": "derivcheck-report/1"``); ``write_report`` writes it as ``report.json``, as GitHub
Markdown (``report.md``, math in ``$…$``/``$$…$$``) and as one self-contained HTML page
(``report.html``: inline CSS, figures as inline SVG, no script, nothing fetched), with the figures
also as files under ``figures/`` for the Markdown.

Every discrepancy says where (section, lines, label, tab and the exact lines of the document),
what is claimed and what is true (LaTeX), a counterexample with both values, the claim's note, a
suggested correction and the command that reproduces it. The same verdicts and seed give
byte-identical JSON and Markdown (no timestamps, no timings, sorted keys, floats rounded to 12
significant digits), and the HTML is deterministic too.

Expressions are SymPy objects from ``resolve``: nothing here evaluates text.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import re
import shlex
import signal
import sys
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sympy as sp

from . import _figures
from ._verdict import STATUSES, Verdict

SCHEMA = "derivcheck-report/1"
FORMATS = ("md", "json", "html")
TRUTH_LIMIT = 400    # characters of LaTeX past which the truth is given by its value instead
_SIMPLIFY_OPS = 40   # sympy.simplify is tried only on expressions this small (deterministic)
_SAFETY = 5.0        # seconds: a safety net around the compaction, should SymPy ever hang
UNDECIDED_WHY = {
    "symbolic-time-budget": "SymPy ran out of its time budget; JAX alone cannot prove it",
    "numeric-only": "only JAX could decide: it agrees at every point, SymPy could not decide",
    "witnesses-disagree": "SymPy and JAX disagree: one of the witnesses is wrong",
    "other": "neither witness could decide",
}


# --- the document ------------------------------------------------------------------------------

def build_report(verdicts: Sequence[Verdict], *, seed: int, texts: Mapping[str, str],
                 points: int | None = None, paths: Sequence[str] = ()) -> dict:
    """The report as a JSON-ready dict (see ``checkers/report.schema.json``). ``points``, when
    given, is the number of random points of the run, and ``paths`` the derivation files it
    checked (none: the bundled chapter); both go into the reproducing commands."""
    return _build(verdicts, seed=seed, texts=texts, points=points, paths=paths)[0]


def write_report(verdicts: Sequence[Verdict], out_dir, *, seed: int, texts: Mapping[str, str],
                 formats: Sequence[str] = FORMATS, points: int | None = None,
                 paths: Sequence[str] = ()) -> list[Path]:
    """Write ``report.md``, ``report.json``, ``report.html`` (those in ``formats``) and the
    figures (``figures/*.svg``) into ``out_dir``; returns the paths written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}: use {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc, jobs = _build(verdicts, seed=seed, texts=texts, points=points, paths=paths)
    svgs: dict[str, str] = {}
    for entry, verdict, resolved in jobs:
        figure = entry["figure"]
        try:
            svgs[figure["file"]] = _figures.render(figure["kind"], verdict, resolved,
                                                   entry["claim"]["name"])
        except Exception:  # noqa: BLE001 — a figure is an aid: the report goes on without it
            entry["figure"] = None
    written = []
    for name, svg in svgs.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    renderers = {"md": render_markdown, "json": dumps_json,
                 "html": lambda d: render_html(d, svgs)}
    for fmt in formats:
        path = out / f"report.{fmt}"
        path.write_text(renderers[fmt](doc), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def dumps_json(doc: dict) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _build(verdicts, *, seed, texts, points, paths=()):
    verdicts = sorted(verdicts, key=_in_text_order)
    universe = _universe(verdicts)
    ref = _Refs(texts, seed, points, universe, paths)
    discrepancies, jobs = [], []
    for v in verdicts:
        if v.status == "discrepancy" and not v.expected_by_text:
            entry, resolved = _discrepancy(len(discrepancies) + 1, v, verdicts, ref)
            discrepancies.append(entry)
            if entry["figure"] is not None:
                jobs.append((entry, v, resolved))
    names = sorted({v.claim.source.document for v in verdicts})
    doc = {
        "schema": SCHEMA,
        "title": "derivcheck report" + (f": {names[0]}" if len(names) == 1 else ""),
        "documents": [_document(n, texts) for n in names],
        "seed": seed,
        "points": points,
        "tools": _tools(),
        "counts": _counts(verdicts, len(discrepancies)),
        "discrepancies": discrepancies,
        "undecided": [{"claim": ref.claim(v), "reason": _why(v), "summary": v.summary}
                      for v in verdicts if v.status == "undecided"],
        "errors": [{"claim": ref.claim(v), "message": v.error or v.summary}
                   for v in verdicts if v.status == "error" and not v.expected_by_text],
        "rejected_by_text": [{"claim": ref.claim(v), "status": v.status,
                              "text_says": v.claim.rejected_by_text, "summary": v.summary}
                             for v in verdicts if v.expected_by_text],
        "tool_disagreements": [_tool(v, ref) for v in verdicts if v.tool is not None],
        "verified": _verified(verdicts),
    }
    return doc, jobs


def _in_text_order(v: Verdict):
    s = v.claim.source
    return s.document, s.lines, s.tab or "", v.claim.name


def _document(name: str, texts) -> dict:
    text = texts.get(name) if texts else None
    return {"name": name,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None,
            "lines": len(text.splitlines()) if text else None}


def _tools() -> dict:
    import jax
    import numpy

    from . import __version__
    return {"derivcheck": __version__, "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
            "sympy": sp.__version__, "jax": jax.__version__, "numpy": numpy.__version__}


def _counts(verdicts, open_discrepancies: int) -> dict:
    counts = {s: sum(v.status == s for v in verdicts) for s in STATUSES}
    return {"claims": len(verdicts), **counts, "holds": sum(v.holds for v in verdicts),
            "rejected_by_text": sum(v.expected_by_text for v in verdicts),
            "open_discrepancies": open_discrepancies,
            "tool_disagreements": sum(v.tool is not None for v in verdicts)}


def _verified(verdicts) -> dict:
    sections: dict[str, list[str]] = {}
    for v in verdicts:
        if v.status == "verified":
            sections.setdefault(v.claim.source.section or "(no section)", []).append(v.claim.name)
    return {"count": sum(map(len, sections.values())),
            "sections": [{"section": s, "count": len(n), "claims": n} for s, n in sections.items()]}


def _why(v: Verdict) -> str:
    if v.symbolic is not None and "time budget" in (v.symbolic.detail or ""):
        return "symbolic-time-budget"
    if v.summary.startswith("numeric only"):
        return "numeric-only"
    if v.summary.startswith("the witnesses disagree"):
        return "witnesses-disagree"
    return "other"


def _tool(v: Verdict, ref) -> dict:
    t = v.tool
    return {"claim": ref.claim(v), "status": v.status, "detail": t.detail,
            "point": {str(k): _num(x) for k, x in (t.point or {}).items()},
            "sympy": _num(t.sympy_value), "jax": _num(t.jax_value)}


# --- claims, places, commands ------------------------------------------------------------------

def _universe(verdicts) -> list:
    """The claims a reproducing ``-k`` must single out: the bundled ones (what the command line
    selects from) and those of the report."""
    claims = [v.claim for v in verdicts]
    try:
        from derivations import CLAIMS
    except ImportError:
        return claims
    seen = {c.name for c in claims}
    return claims + [c for c in CLAIMS if c.name not in seen]


class _Refs:
    def __init__(self, texts, seed, points, universe, paths=()):
        self.texts, self.seed, self.points, self.universe = texts or {}, seed, points, universe
        self.paths = "".join(f" {shlex.quote(str(p))}" for p in paths)

    def claim(self, v: Verdict) -> dict:
        c, s = v.claim, v.claim.source
        return {"name": c.name, "kind": c.kind, "note": c.note or None,
                "location": {"document": s.document, "section": s.section or None,
                             "lines": list(s.lines), "label": s.label, "tab": s.tab,
                             "where": c.where(), "excerpt": self.lines(s.document, *s.lines)},
                "reproduce": self.command(c)}

    def lines(self, document: str, first: int, last: int) -> str | None:
        text = self.texts.get(document)
        if text is None:
            return None
        return "\n".join(text.splitlines()[first - 1:last])

    def command(self, claim) -> str:
        from ._select import haystack, matcher

        words = [w for w in re.split(r"[\s()]+", claim.name) if w and w not in _OPERATORS]
        expr = " and ".join(words or [claim.kind])
        mine = haystack(claim)
        for other in self.universe:
            if other.name != claim.name and matcher(expr)(other):
                extra = next((w for w in re.split(r"[\s()]+", other.name)
                              if w and w not in _OPERATORS and w.lower() not in mine), None)
                if extra:
                    expr += f" and not {extra}"
        points = f" --points {self.points}" if self.points else ""
        return f"derivcheck run{self.paths} -k {shlex.quote(expr)} --seed {self.seed}{points}"


_OPERATORS = ("and", "or", "not")


# --- one discrepancy ---------------------------------------------------------------------------

def _discrepancy(number: int, v: Verdict, verdicts, ref: _Refs):
    from ._errors import DerivcheckError
    from ._resolve import resolve

    try:
        r = resolve(v.claim, ref.texts)
    except DerivcheckError:
        r = None
    claim = ref.claim(v)
    claimed = _claimed(v, r, ref)
    truth = _truth(v, r)
    counter = _counterexample(v)
    figure = _figures.plan(v, r)
    entry = {
        "id": f"d{number:02d}",
        "claim": claim,
        "summary": v.summary,
        "claimed": claimed,
        "true": truth,
        "counterexample": counter,
        "suggestion": _suggestion(v, claimed, truth, counter, _siblings(v, verdicts)),
        "evidence": _evidence(v),
        "figure": None if figure is None else {
            "kind": figure, "file": f"figures/{number:02d}-{_slug(v.claim.name)}.svg",
            "caption": _figures.describe(figure)},
    }
    return entry, r


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "claim"


def _claimed(v: Verdict, r, ref: _Refs) -> dict:
    c = v.claim
    out: dict[str, Any] = {"latex": None, "text": None, "relation": None, "relation_text": None,
                           "around_point": None, "code": _code(c, ref)}
    if r is None:
        return out
    expr = {"identity": r.lhs, "approximation": r.rhs}.get(c.kind, r.claimed)
    if c.kind == "critical_points":
        expr = sp.FiniteSet(*[sp.Tuple(*p) for p in r.points])
    if c.kind == "extremum":
        where = ", ".join(f"{w} = {a}" for w, a in zip(r.wrt, r.at))
        out["text"] = f"a {c.scope} {c.nature} at {where}"
        out["relation"] = _short_tex(r.function)
        out["relation_text"] = f"f = {_text(r.function)}" if out["relation"] else None
        return out
    if expr is None:
        return out
    expr = _readable(expr, r)
    out["latex"], out["text"] = sp.latex(expr), _text(expr)
    out["relation"] = _relation(c, r)
    out["relation_text"] = _relation_text(c, r) if out["relation"] else None
    point = _point_of(r)
    if point:
        out["around_point"] = _form(_around(expr, point))
    return out


def _relation(c, r) -> str | None:
    """The left side the claimed expression completes, in LaTeX (None when it would not help)."""
    if c.kind == "approximation":
        return _short_tex(r.lhs, r" \approx")
    f = _short_tex(r.function)
    if f is None:
        return None
    if c.kind == "taylor":
        return f + r" \approx"
    wrt = ", ".join(sp.latex(w) for w in r.wrt)
    at = "" if r.at is None else r"\Big|_{" + ", ".join(
        f"{sp.latex(w)}={sp.latex(a)}" for w, a in zip(r.wrt, r.at)) + "}"
    if c.kind == "gradient":
        return rf"\nabla_{{{wrt}}} \left({f}\right){at} ="
    if c.kind == "hessian":
        return rf"\mathbf{{H}}_{{{wrt}}} \left({f}\right){at} ="
    if c.kind == "derivative":
        return rf"\frac{{\partial}}{{\partial {wrt}}} \left({f}\right) ="
    if c.kind == "value":
        return rf"\left({f}\right){at} ="
    return None


def _relation_text(c, r) -> str | None:
    if c.kind == "approximation":
        return f"{_text(r.lhs)} ≈"
    f = _text(r.function)
    wrt = ", ".join(map(str, r.wrt))
    at = "" if r.at is None else " at " + ", ".join(f"{w} = {a}" for w, a in zip(r.wrt, r.at))
    return {"taylor": f"{f} ≈", "gradient": f"∇_({wrt}) of {f}{at} =",
            "hessian": f"Hessian in ({wrt}) of {f}{at} =",
            "derivative": f"∂/∂{wrt} of {f} =", "value": f"{f}{at} ="}.get(c.kind)


def _short_tex(e, suffix: str = "") -> str | None:
    if e is None:
        return None
    tex = sp.latex(e)
    return tex + suffix if len(tex) <= 200 else None


def _code(claim, ref: _Refs) -> dict | None:
    """For a claim whose claimed side a code cell computes: the tab, the line and the code."""
    from ._model import CellValue

    cell = next((getattr(claim, f) for f in ("claimed", "lhs", "rhs")
                 if isinstance(getattr(claim, f, None), CellValue)), None)
    if cell is None:
        return None
    first, last = claim.source.lines
    end = last if first <= cell.line <= last else cell.line
    return {"tab": cell.tab, "name": cell.name, "line": cell.line,
            "text": ref.lines(cell.document, cell.line, end)}


def _point_of(r) -> list | None:
    if r is None or r.claim.kind != "taylor" or r.substitute or r.at is None:
        return None
    return list(zip(r.wrt, r.at))


def _truth(v: Verdict, r) -> dict:
    """The truth in LaTeX as a person would write it, or its value at the counterexample."""
    c, sym = v.claim, v.symbolic
    if c.kind in ("extremum", "critical_points"):
        said = (sym.message if sym is not None and sym.message else
                getattr(v.numeric, "message", "") or v.summary)
        return {"source": "message", "latex": None, "text": said, "value": None, "form": None}
    derived = getattr(sym, "derived", None)
    trusted = derived is not None and v.tool is None and not getattr(sym, "entrywise", False)
    if c.kind == "approximation" and r is not None:
        derived = _linearisation(r, derived) if trusted else None
    elif c.kind == "identity" and r is not None and not trusted:
        derived, trusted = r.rhs, True
    point = _point_of(r)
    if trusted and derived is not None:
        derived = _readable(derived, r)
        form, shape = (_form(_around(derived, point)) if point else None), "around-point"
        if form is None:
            form, shape = _form(_compact(derived)), "compact"
        if form is not None and len(form["latex"]) <= TRUTH_LIMIT:
            return {"source": "sympy", **form, "value": None, "form": shape}
    n = v.numeric
    if n is not None and n.status == "disagrees":
        where = _show_point(n.point)
        return {"source": "numeric", "latex": None, "value": _num(n.true),
                "text": f"{_fmt(n.true)} at {where} (SymPy's closed form is not shown: none"
                        " short enough)" if trusted else f"{_fmt(n.true)} at {where}",
                "form": None}
    return {"source": "none", "latex": None, "text": "no closed form and no value", "value": None,
            "form": None}


def _linearisation(r, coefficients):
    """The lhs of an approximation to its order in the small quantities, from SymPy's
    coefficients (the derivatives at small = 0, in the witness's order)."""
    orders = [a for k in range(r.claim.order + 1)
              for a in itertools.combinations_with_replacement(r.small, k)]
    if not isinstance(coefficients, sp.MatrixBase) or len(coefficients) != len(orders):
        return None
    total = sp.Integer(0)
    for coefficient, term in zip(coefficients, orders):
        for s, power in Counter(term).items():
            coefficient = coefficient * s ** power / math.factorial(power)
        total += coefficient
    return total


# --- writing expressions as a person would -----------------------------------------------------

class _Timeout(Exception):
    pass


@contextmanager
def _limit(seconds: float):
    """A hard stop for a hung SymPy call, on the main thread, when no one else's timer runs
    (otherwise: none)."""
    if (threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer") or signal.getitimer(signal.ITIMER_REAL)[0]):
        yield
        return

    def stop(*_):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_ENTRY = re.compile(r"^([A-Za-z_]\w*)\[(\d+), (\d+)\]$")


def _readable(e, r=None):
    """Entries of vectors and matrices as the text counts them: x[0, 0] is x_1, A[0, 1] is
    A_12 (unless a variable of that name is there too). SymPy's entries, and the symbols named
    like them that the entry-by-entry check makes, are renamed alike."""
    from sympy.matrices.expressions.matexpr import MatrixElement

    if not isinstance(e, sp.Basic):
        return e
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


def _form(pair) -> dict | None:
    return None if pair is None else {"latex": pair[0], "text": pair[1]}


def _compact(e):
    """(LaTeX, text) of the shortest of a few equivalent forms of ``e``, chosen by length only
    (so the choice is the same on every run)."""
    try:
        with _limit(_SAFETY):
            if isinstance(e, sp.MatrixBase):
                cells = [[_compact_scalar(e[i, j]) for j in range(e.shape[1])]
                         for i in range(e.shape[0])]
                return _matrix(cells)
            if not isinstance(e, sp.Expr) or isinstance(e, sp.MatrixExpr):
                return sp.latex(e), _text(e)
            return _compact_scalar(e)
    except Exception:  # noqa: BLE001 — _Timeout or SymPy's own failure: print it as it is
        return sp.latex(e), _text(e)


def _compact_scalar(e) -> tuple[str, str]:
    forms = [e]
    ops = sp.count_ops(e)
    if ops <= 200:
        forms += [sp.factor_terms(e), sp.factor_terms(sp.expand(e))]
        plain = not e.has(sp.Derivative, sp.Subs, sp.core.function.AppliedUndef)
        if plain and ops <= _SIMPLIFY_OPS:
            forms += [sp.factor_terms(sp.cancel(sp.together(e))), sp.simplify(e)]
    printed = [(_tex(f), _text(f)) for f in forms]
    return min(printed, key=lambda p: len(p[0]))


def _around(e, point):
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
                    step = sp.Symbol(f"({_text(w - a)})", real=True)
                    steps[w] = step + a
                    names[step] = rf"\left({sp.latex(w - a)}\right)"
            poly = sp.factor_terms(sp.expand(e.xreplace(steps)))
            return _tex(poly, order="old", symbol_names=names), _text(poly, order="old")
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


def _text(e, **settings) -> str:
    if isinstance(e, sp.MatrixBase):
        return _matrix([[("", _text(x, **settings)) for x in row] for row in e.tolist()])[1]
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
    tex = r"\begin{bmatrix} " + r" \\ ".join(" & ".join(t for t, _ in row) for row in cells) \
        + r" \end{bmatrix}"
    if all(len(row) == 1 for row in cells):
        text = "[" + ", ".join(row[0][1] for row in cells) + "]"
    else:
        text = "[" + ", ".join("[" + ", ".join(x for _, x in row) + "]" for row in cells) + "]"
    return tex, text


# --- counterexample, correction, evidence ------------------------------------------------------

def _counterexample(v: Verdict) -> dict | None:
    n, s = v.numeric, v.symbolic
    if n is not None and n.status == "disagrees":
        relative = _magnitude(n.true) > 1e-12
        return {"source": "numeric", "point": {str(k): _num(x) for k, x in n.point.items()},
                "claimed": _num(n.claimed), "true": _num(n.true), "error": _num(n.error),
                "error_kind": "relative" if relative else "absolute",
                "message": n.message or None, "difference": None}
    if s is not None and s.status == "refuted":
        return {"source": "symbolic", "point": dict(s.point), "claimed": None, "true": None,
                "error": None, "error_kind": None, "message": s.message or None,
                "difference": _clip(s.difference, 300)}
    return None


_SLIP = re.compile(r"\b(means|meant|literally|as written|read literally)\b", re.IGNORECASE)


def _siblings(v: Verdict, verdicts) -> list[Verdict]:
    """Other claims on the same lines and tab that check the same claimed expression."""
    c = v.claim
    side = getattr(c, "claimed", getattr(c, "lhs", None))
    return [o for o in verdicts if o.claim.name != c.name and o.claim.kind == c.kind
            and o.claim.source.lines == c.source.lines and o.claim.source.tab == c.source.tab
            and getattr(o.claim, "claimed", getattr(o.claim, "lhs", None)) == side]


def _suggestion(v: Verdict, claimed: dict, truth: dict, counter, siblings) -> dict:
    c = v.claim
    first, last = c.source.lines
    lines = f"line {first}" if first == last else f"lines {first}–{last}"
    at = lines + (f" ({c.source.tab} code)" if c.source.tab else "")
    mine = claimed.get("around_point") or claimed
    true_tex = truth.get("latex")
    kind, replace, by = "review", mine.get("latex"), true_tex
    good = [o for o in siblings if o.status == "verified"]
    if good:
        o = good[0]
        kind = "statement"
        text = (f"The expression at {at} is right for what `{o.claim.name}` checks"
                f" ({o.claim.note or 'verified'}); what is wrong is the statement this claim"
                f" checks: {c.note or v.summary}. Correct that statement, not the expression.")
    elif _SLIP.search(c.note or "") or _SLIP.search(c.name.replace("-", " ")):
        kind = "notation"
        text = (f"The slip at {at} is in the notation, as the claim's note explains: write what is"
                " meant.")
        if true_tex:
            text += f" Read as written, the true right side is `{true_tex}`."
    elif true_tex and c.source.tab and claimed.get("code"):
        kind = "replace"
        code = claimed["code"]
        text = (f"In the {c.source.tab} code at {lines}, `{code['name']}` (line {code['line']})"
                f" computes `{mine.get('text')}`; make it compute `{truth['text']}`"
                f" (LaTeX: `{true_tex}`).")
    elif true_tex:
        kind = "replace"
        text = f"At {at}, replace `{replace}` by `{true_tex}`."
    else:
        text = f"At {at}, the claim does not hold ({_clip(v.summary, 200)})."
        if truth.get("text"):
            text += f" The truth: {truth['text']}."
    if c.note and kind == "replace":
        text += f" The claim's note: {c.note}."
    others = [o for o in siblings if o not in good]
    if others:
        listed = ", ".join(f"`{o.claim.name}` ({o.status})" for o in others)
        text += (f" The same expression is also checked against another statement by {listed}:"
                 " read the entries together.")
    return {"kind": kind, "text": text, "replace": replace if kind != "statement" else None,
            "by": by if kind != "statement" else None}


def _evidence(v: Verdict) -> dict:
    s, n = v.symbolic, v.numeric
    return {
        "symbolic": None if s is None else {
            "status": s.status, "strategy": s.strategy or None, "detail": s.detail or None,
            "difference": _clip(s.difference, 300) or None},
        "numeric": None if n is None else {
            "status": n.status, "detail": n.detail or None, "points": n.points,
            "max_error": _num(n.max_error)},
    }


# --- numbers -----------------------------------------------------------------------------------

def _num(x):
    """A JSON value with stable floats: 12 significant digits, no -0.0, no NaN."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, int):
        return x
    if isinstance(x, (list, tuple)):
        return [_num(y) for y in x]
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(f):
        return "nan" if math.isnan(f) else ("inf" if f > 0 else "-inf")
    return float(f"{f:.12g}") + 0.0


def _magnitude(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return abs(value)
    if isinstance(value, (list, tuple)):
        return max((_magnitude(v) for v in value), default=0.0)
    return 1.0


def _fmt(x) -> str:
    if isinstance(x, float):
        return f"{x + 0.0:.10g}"
    if isinstance(x, (list, tuple)):
        if x and all(isinstance(r, (list, tuple)) and len(r) == 1 for r in x):
            return "[" + ", ".join(_fmt(r[0]) for r in x) + "]ᵀ"
        return "[" + ", ".join(_fmt(y) for y in x) + "]"
    return str(x)


def _show_point(point: Mapping) -> str:
    return ", ".join(f"{k} = {_fmt(x)}" for k, x in point.items()) or "every point"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _clip(text: str | None, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- Markdown ----------------------------------------------------------------------------------

def render_markdown(doc: dict) -> str:
    out: list[str] = []
    add = out.append
    slugs: dict[str, int] = {}
    add(f"# {_md(doc['title'])}\n")
    add("| | |\n| --- | --- |")
    for d in doc["documents"]:
        add(f"| document | `{d['name']}` ({d['lines']} lines), SHA-256 `{d['sha256']}` |")
    add(f"| seed | {doc['seed']}" + (f" ({doc['points']} points per claim)" if doc["points"]
                                    else "") + " |")
    add("| tools | " + ", ".join(f"{k} {v}" for k, v in _tool_list(doc)) + " |")
    add(f"| schema | `{doc['schema']}` |\n")
    add(_md_counts(doc) + "\n")
    sections = _sections(doc)
    add("## Contents\n")
    for title, key, items in sections:
        add(f"- [{title} ({len(items)})](#{_gh_slug(title, {})})")
        if key == "discrepancies":
            local = dict(slugs)
            for e in items:
                head = _d_heading(e)
                add(f"  - [{_md(e['claim']['name'])}](#{_gh_slug(head, local)}) —"
                    f" {_md(_short_where(e['claim']))}")
    add("")
    for title, key, items in sections:
        add(f"## {title}\n")
        _gh_slug(title, slugs)
        if key == "discrepancies":
            add("Each entry: where the text says it, what it claims, what is true, a point where"
                " they differ, and a suggested correction.\n" if items else "None.\n")
            for e in items:
                _gh_slug(_d_heading(e), slugs)
                _md_discrepancy(add, e)
        elif key == "verified":
            _md_verified(add, doc["verified"])
        else:
            _md_list(add, key, items)
    return "\n".join(out).rstrip() + "\n"


def _sections(doc):
    return [("Discrepancies", "discrepancies", doc["discrepancies"]),
            ("Undecided", "undecided", doc["undecided"]),
            ("Errors", "errors", doc["errors"]),
            ("Rejected by the text", "rejected_by_text", doc["rejected_by_text"]),
            ("Tool disagreements", "tool_disagreements", doc["tool_disagreements"]),
            ("Verified", "verified", [n for s in doc["verified"]["sections"]
                                      for n in s["claims"]])]


def _tool_list(doc):
    names = {"derivcheck": "derivcheck", "python": "Python", "sympy": "SymPy", "jax": "JAX",
             "numpy": "NumPy"}
    return [(names[k], doc["tools"][k]) for k in ("derivcheck", "python", "sympy", "jax", "numpy")]


def _partition(doc) -> list[tuple[str, str]]:
    """The claims split so that the parts add up: a claim the text rejects counts once, as
    rejected (JSON's ``counts`` keeps the verdicts as they are)."""
    c = doc["counts"]
    parts = [("verified", _plural(c["verified"], "verified", "verified")),
             ("discrepancy", _plural(len(doc["discrepancies"]), "discrepancy", "discrepancies")),
             ("undecided", _plural(c["undecided"], "undecided", "undecided")),
             ("error", _plural(len(doc["errors"]), "error", "errors"))]
    if c["rejected_by_text"]:
        parts.append(("rejected", f"{c['rejected_by_text']} rejected by the text, as expected"))
    if c["tool_disagreements"]:
        parts.append(("tool", _plural(c["tool_disagreements"], "tool disagreement",
                                      "tool disagreements")))
    return parts


def _md_counts(doc) -> str:
    c = doc["counts"]
    text = f"**{c['claims']} claims:** " + " · ".join(w for _, w in _partition(doc)) + "."
    return text + (f" **{_plural(len(doc['discrepancies']), 'discrepancy', 'discrepancies')}"
                   " to fix.**")


def _d_heading(e) -> str:
    return f"{e['id'][1:].lstrip('0')}. `{e['claim']['name']}`"


def _short_where(claim) -> str:
    loc = claim["location"]
    first, last = loc["lines"]
    text = f"line {first}" if first == last else f"lines {first}–{last}"
    return text + (f", {loc['tab']}" if loc["tab"] else "")


def _md_discrepancy(add, e) -> None:
    c = e["claim"]
    add(f"### {_d_heading(e)}\n")
    add(f"**Where:** {_inline_md(_where_text(c))} ({c['kind']})\n")
    if c["location"]["excerpt"] is not None:
        add(_fence(c["location"]["excerpt"], "python" if c["location"]["tab"] else "text"))
    cl, tr = e["claimed"], e["true"]
    add("**Claimed:**\n")
    add(_md_math(cl, cl.get("relation")))
    if cl.get("code"):
        code = cl["code"]
        add(f"computed by the {code['tab']} code at line {code['line']}:"
            f" `{_tick(code['text'] or '')}`\n")
    add("**True**" + {"sympy": " (SymPy)", "numeric": " (JAX, at the counterexample)",
                      "message": "", "none": ""}[tr["source"]] + ":\n")
    if tr["latex"]:
        add(_md_math(tr, cl.get("relation") if tr["source"] == "sympy" else None))
    else:
        add(_md(tr["text"]) + "\n")
    ce = e["counterexample"]
    if ce:
        add(f"**Counterexample:** {_md(_counter_text(ce))}\n")
    if c["note"]:
        add(f"**Note:** {_md(c['note'])}\n")
    fix = e["suggestion"]
    add(f"**Suggested correction ({fix['kind']}):** {_inline_md(fix['text'])}\n")
    add(f"**Reproduce:** `{c['reproduce']}`\n")
    if e["figure"]:
        add(f"![{_md(e['figure']['caption'])}]({e['figure']['file']})\n")
        add(f"*Figure: {_md(e['figure']['caption'])}.*\n")
    add("<details><summary>Evidence</summary>\n")
    add(f"- verdict: {_md(e['summary'])}")
    ev = e["evidence"]
    if ev["symbolic"]:
        s = ev["symbolic"]
        add(f"- SymPy: {s['status']}" + (f" ({_md(s['strategy'])})" if s["strategy"] else "")
            + (f"; {_md(s['detail'])}" if s["detail"] else ""))
    if ev["numeric"]:
        n = ev["numeric"]
        add(f"- JAX: {n['status']}; {_md(n['detail'] or '')}")
    add("\n</details>\n")


def _md_math(form, relation) -> str:
    shown = form.get("around_point") or form
    if not shown.get("latex"):
        return f"{_md(form.get('text') or '')}\n"
    lead = f"{relation} " if relation else ""
    block = f"$$\n{lead}{shown['latex']}\n$$\n"
    if form.get("around_point"):
        block += f"\n(around the expansion point; as SymPy reads it: ${form['latex']}$)\n"
    return block


def _counter_text(ce) -> str:
    where = _show_point(ce["point"])
    if ce["source"] == "numeric":
        if ce["message"]:
            return ce["message"]
        return (f"at {where}: claimed {_fmt(ce['claimed'])}, true {_fmt(ce['true'])}"
                f" ({ce['error_kind']} error {ce['error']:.3g})")
    return (ce["message"] or f"SymPy: claimed − true = {ce['difference']}") + \
        (f", non-zero at {where}" if ce["point"] else "")


def _md_list(add, key, items) -> None:
    if not items:
        add("None.\n")
        return
    if key == "tool_disagreements":
        add("SymPy's derivative and JAX's autodiff differ on these claims. This says nothing"
            " about the text: one of the tools is wrong, and the verdict does not rest on it.\n")
    if key == "rejected_by_text":
        add("Formulas the text states only to reject: the text rejects it, and the checker"
            " agrees.\n")
    for item in items:
        c = item["claim"]
        add(f"- **{_code_span(c['name'])}** — {_inline_md(_where_text(c))}")
        if key == "undecided":
            add(f"  - why: {UNDECIDED_WHY[item['reason']]} ({item['reason']})")
            add(f"  - {_md(item['summary'])}")
        elif key == "errors":
            add(f"  - {_code_span(item['message'])}")
        elif key == "rejected_by_text":
            add(f"  - the text says: {_md(item['text_says'] or '')}")
            add(f"  - the checker ({item['status']}): {_code_span(_clip(item['summary'], 400))}")
        else:
            add(f"  - {_md(item['detail'])}")
            add(f"  - at {_md(_show_point(item['point']))}: SymPy {_md(_fmt(item['sympy']))},"
                f" JAX {_md(_fmt(item['jax']))}")
        add(f"  - reproduce: `{c['reproduce']}`")
    add("")


def _md_verified(add, verified) -> None:
    if not verified["sections"]:
        add("None.\n")
        return
    add("| section | verified | claims |\n| --- | ---: | --- |")
    for s in verified["sections"]:
        names = ", ".join(_code_span(n).replace("|", "\\|") for n in s["claims"])
        add(f"| {_md(s['section'])} | {s['count']} | {names} |")
    add("")


def _fence(text: str, info: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}\n"


def _code_span(text: str) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds."""
    text = " ".join(text.split("\n"))
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _tick(text: str) -> str:
    return text.replace("`", "'").replace("\n", " ")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text or "")


def _inline_md(text: str) -> str:
    """Prose with `code` spans: the prose escaped, the spans kept."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else _md(p)
                   for p in parts)


def _gh_slug(text: str, used: dict[str, int]) -> str:
    """The anchor GitHub gives a heading (lower case, punctuation dropped, spaces to -)."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    count = used.get(slug, 0)
    used[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


# --- HTML --------------------------------------------------------------------------------------

def render_html(doc: dict, figures: Mapping[str, str] | None = None) -> str:
    """One self-contained page: inline CSS, inline SVG figures, no script, nothing fetched."""
    figures = figures or {}
    e = html.escape
    c = doc["counts"]
    body: list[str] = []
    add = body.append
    add(f"<header><h1>{e(doc['title'])}</h1><dl class='meta'>")
    for d in doc["documents"]:
        add(f"<dt>document</dt><dd><code>{e(d['name'])}</code> ({d['lines']} lines)<br>"
            f"<span class='hash'>SHA-256 {e(str(d['sha256']))}</span></dd>")
    pts = f" · {doc['points']} points per claim" if doc["points"] else ""
    add(f"<dt>seed</dt><dd>{doc['seed']}{pts}</dd><dt>tools</dt><dd>"
        + " · ".join(f"{e(k)} {e(str(v))}" for k, v in _tool_list(doc))
        + f"</dd><dt>schema</dt><dd><code>{e(doc['schema'])}</code></dd></dl>")
    add("<p class='counts'>" + f"<b>{c['claims']} claims</b> " + "".join(
        f"<span class='badge {cls}{' zero' if words.startswith('0 ') else ''}'>{e(words)}</span>"
        for cls, words in _partition(doc))
        + "</p>")
    rejected = c["rejected_by_text"]
    add(f"<p class='lead'><b>{_plural(c['open_discrepancies'], 'discrepancy', 'discrepancies')}"
        " to fix</b>" + (_rejected_words(rejected) if rejected else ".") + "</p></header>")
    sections = _sections(doc)
    add("<nav><h2>Contents</h2><ol>")
    for title, key, items in sections:
        add(f"<li><a href='#{key}'>{e(title)}</a> <span class='n'>{len(items)}</span>")
        if key == "discrepancies" and items:
            add("<ol class='sub'>" + "".join(
                f"<li><a href='#{x['id']}'>{e(x['claim']['name'])}</a>"
                f" <span class='where'>{e(_short_where(x['claim']))}</span></li>"
                for x in items) + "</ol>")
        add("</li>")
    add("</ol></nav><main>")
    for title, key, items in sections:
        add(f"<section id='{key}'><h2>{e(title)} <span class='n'>{len(items)}</span></h2>")
        if key == "discrepancies":
            add("".join(_html_discrepancy(x, figures) for x in items) or "<p>None.</p>")
        elif key == "verified":
            add(_html_verified(doc["verified"]))
        else:
            add(_html_list(key, items))
        add("</section>")
    add("</main>")
    return ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{e(doc['title'])}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _rejected_words(n: int) -> str:
    said = _plural(n, "other failing claim is a formula", "other failing claims are formulas")
    return f"; {said} the text itself rejects, as the checker agrees."


def _html_inline(text: str) -> str:
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(f"<code>{html.escape(p[1:-1])}</code>" if p.startswith("`") and len(p) > 1
                   and p.endswith("`") else html.escape(p) for p in parts)


def _html_excerpt(text: str | None, first: int) -> str:
    if text is None:
        return ""
    rows = "".join(f"<tr><td class='ln'>{first + i}</td><td><pre>{html.escape(line) or ' '}"
                   f"</pre></td></tr>" for i, line in enumerate(text.split("\n")))
    return f"<table class='excerpt'>{rows}</table>"


def _html_math(form, relation, cls: str, relation_text: str | None = None) -> str:
    e = html.escape
    if not form.get("latex") and not form.get("around_point"):
        return f"<p class='math {cls}'>{e(form.get('text') or '')}</p>"
    shown = form.get("around_point") or form
    out = f"<div class='math {cls}'>"
    if relation_text:
        out += f"<code class='rel'>{e(relation_text)}</code>"
    out += f"<code class='plain'>{e(shown['text'])}</code>"
    lead = f"{relation} " if relation else ""
    out += f"<code class='tex'>{e(lead + shown['latex'])}</code>"
    if form.get("around_point"):
        out += (f"<span class='aside'>as SymPy reads it:</span>"
                f"<code class='tex'>{e(form['latex'])}</code>")
    return out + "</div>"


def _html_discrepancy(x, figures) -> str:
    e = html.escape
    c, cl, tr = x["claim"], x["claimed"], x["true"]
    loc = c["location"]
    out = [(f"<article class='card' id='{x['id']}'><h3><span class='badge discrepancy'>"
            f"discrepancy</span> <code>{e(c['name'])}</code> <span class='kind'>"
            f"{e(c['kind'])}</span></h3>"),
           f"<p class='where'>{_html_inline(_where_text(c))}</p>",
           _html_excerpt(loc["excerpt"], loc["lines"][0]), "<div class='grid'>",
           "<div><h4>Claimed</h4>",
           _html_math(cl, cl.get("relation"), "claimed", cl.get("relation_text"))]
    if cl.get("code"):
        out.append(f"<p class='small'>computed by the {e(cl['code']['tab'])} code at line"
                   f" {cl['code']['line']}</p>")
    source = {"sympy": " (SymPy)", "numeric": " (JAX, at the counterexample)"}.get(tr["source"],
                                                                                 "")
    out += ["</div><div><h4>True" + e(source) + "</h4>",
            _html_math(tr, cl.get("relation") if tr["source"] == "sympy" else None, "true",
                       cl.get("relation_text") if tr["source"] == "sympy" else None),
            "</div></div>"]
    ce = x["counterexample"]
    if ce:
        out.append(_html_counter(ce))
    if c["note"]:
        out.append(f"<p class='note'><b>Note.</b> {e(c['note'])}</p>")
    s = x["suggestion"]
    out.append(f"<div class='fix'><b>Suggested correction</b> <span class='kind'>{e(s['kind'])}"
               f"</span><p>{_html_inline(s['text'])}</p></div>")
    out.append(f"<p class='repro'>Reproduce: <code>{e(c['reproduce'])}</code></p>")
    fig = x["figure"]
    if fig and fig["file"] in figures:
        svg = _figures.inline(figures[fig["file"]], x["id"])
        out.append(f"<figure>{svg}<figcaption>{e(fig['caption'])}</figcaption></figure>")
    ev = x["evidence"]
    items = [f"<li>verdict: {e(x['summary'])}</li>"]
    if ev["symbolic"]:
        sy = ev["symbolic"]
        items.append(f"<li>SymPy: {e(sy['status'])}"
                     + (f" ({e(sy['strategy'])})" if sy["strategy"] else "")
                     + (f"; {e(sy['detail'])}" if sy["detail"] else "") + "</li>")
    if ev["numeric"]:
        items.append(f"<li>JAX: {e(ev['numeric']['status'])}; {e(ev['numeric']['detail'] or '')}"
                     "</li>")
    out.append(f"<details><summary>Evidence</summary><ul>{''.join(items)}</ul></details>")
    return "".join(out) + "</article>"


def _where_text(c) -> str:
    loc = c["location"]
    parts = [f"section “{loc['section']}”" if loc["section"] else None,
             _short_where(c).replace(f", {loc['tab']}", f", {loc['tab']} tab")
             if loc["tab"] else _short_where(c),
             f"label `{loc['label']}`" if loc["label"] else None, f"`{loc['document']}`"]
    return ", ".join(p for p in parts if p)


def _html_counter(ce) -> str:
    e = html.escape
    if ce["source"] == "numeric" and not ce["message"]:
        point = ", ".join(f"<code>{e(k)} = {e(_fmt(v))}</code>" for k, v in ce["point"].items())
        return ("<table class='counter'><tr><th>counterexample</th><td>" + point
                + f"</td></tr><tr><th>claimed</th><td class='claimed'>{e(_fmt(ce['claimed']))}"
                f"</td></tr><tr><th>true</th><td class='true'>{e(_fmt(ce['true']))}</td></tr>"
                f"<tr><th>{e(ce['error_kind'])} error</th><td>{ce['error']:.3g}</td></tr>"
                "</table>")
    return f"<p class='counter'><b>Counterexample.</b> {e(_counter_text(ce))}</p>"


def _html_list(key, items) -> str:
    e = html.escape
    if not items:
        return "<p>None.</p>"
    out = []
    if key == "tool_disagreements":
        out.append("<p class='lead'>SymPy's derivative and JAX's autodiff differ on these"
                   " claims. <b>This says nothing about the text</b>: one of the tools is"
                   " wrong, and the verdict does not rest on it.</p>")
    if key == "rejected_by_text":
        out.append("<p class='lead'>Formulas the text states only to reject: <b>the text"
                   " rejects it, and the checker agrees.</b></p>")
    badge = {"undecided": "undecided", "errors": "error", "rejected_by_text": "rejected",
             "tool_disagreements": "tool"}[key]
    for i, item in enumerate(items, 1):
        c = item["claim"]
        rows = []
        if key == "undecided":
            rows.append(f"<p><b>Why:</b> {e(UNDECIDED_WHY[item['reason']])}.</p>"
                        f"<p class='small'>{e(item['summary'])}</p>")
        elif key == "errors":
            rows.append(f"<pre class='message'>{e(item['message'])}</pre>")
        elif key == "rejected_by_text":
            rows.append(f"<p><b>The text says:</b> {e(item['text_says'] or '')}</p>"
                        f"<p class='small'><b>The checker ({e(item['status'])}):</b>"
                        f" {e(_clip(item['summary'], 400))}</p>")
        else:
            rows.append(f"<p>{e(item['detail'])}</p><p class='small'>at"
                        f" {e(_show_point(item['point']))}: SymPy {e(_fmt(item['sympy']))},"
                        f" JAX {e(_fmt(item['jax']))}</p>")
        out.append(f"<article class='card slim' id='{key[0]}{i:02d}'><h3><span class='badge"
                   f" {badge}'>{e(badge)}</span> <code>{e(c['name'])}</code> <span"
                   f" class='kind'>{e(c['kind'])}</span></h3><p class='where'>"
                   f"{_html_inline(_where_text(c))}</p>" + "".join(rows)
                   + f"<p class='repro'>Reproduce: <code>{e(c['reproduce'])}</code></p>"
                   "</article>")
    return "".join(out)


def _html_verified(verified) -> str:
    e = html.escape
    if not verified["sections"]:
        return "<p>None.</p>"
    def names(s) -> str:
        chips = " ".join(f"<code>{e(n)}</code>" for n in s["claims"])
        if s["count"] <= 16:
            return chips
        return f"<details><summary>show the {s['count']} claims</summary>{chips}</details>"
    rows = "".join(f"<tr><td>{e(s['section'])}</td><td class='num'>{s['count']}</td>"
                   f"<td>{names(s)}</td></tr>" for s in verified["sections"])
    return ("<table class='verified'><tr><th>section</th><th>verified</th><th>claims</th></tr>"
            f"{rows}</table>")


_CSS = """
:root{--red:#b42318;--green:#067647;--amber:#b54708;--purple:#6941c6;--gray:#475467;
--blue:#175cd3;--line:#e4e7ec;--bg:#f9fafb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:#101828;background:var(--bg)}
header,nav,main{max-width:1080px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 12px}
h2{font-size:21px;margin:32px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0 0 6px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
h4{margin:0 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--gray)}
code,pre{font:13px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
dl.meta{display:grid;grid-template-columns:90px 1fr;gap:2px 12px;margin:0 0 12px;
font-size:14px}
dl.meta dt{color:var(--gray)}dl.meta dd{margin:0}
.hash{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:var(--gray);word-break:break-all}
.counts{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12.5px;
font-weight:600;color:#fff;white-space:nowrap}
.badge.verified{background:var(--green)}.badge.discrepancy{background:var(--red)}
.badge.undecided{background:var(--amber)}.badge.error{background:var(--purple)}
.badge.rejected{background:var(--gray)}.badge.tool{background:var(--blue)}
.badge.zero{background:#fff;color:var(--gray);border:1px solid var(--line)}
.lead{margin:6px 0 12px}
nav ol{margin:0;padding-left:22px}nav ol.sub{font-size:14px}
nav li{margin:2px 0}nav .where{color:var(--gray);font-size:13px}.n{color:var(--gray);font-size:13px}
.n::before{content:"("}.n::after{content:")"}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.card{background:#fff;border:1px solid var(--line);border-left:4px solid var(--red);
border-radius:8px;padding:16px 18px;margin:0 0 18px}
.card.slim{border-left-color:var(--gray);padding:12px 16px}
#undecided .card{border-left-color:var(--amber)}#errors .card{border-left-color:var(--purple)}
#tool_disagreements .card{border-left-color:var(--blue)}
.kind{font-size:12px;color:var(--gray);border:1px solid var(--line);border-radius:4px;
padding:0 6px;font-weight:400}
.where{color:var(--gray);font-size:13.5px;margin:0 0 8px}
.where code{font-size:12.5px}
table.excerpt{border-collapse:collapse;width:100%;background:#f2f4f7;border-radius:6px;
margin:0 0 12px;display:block;overflow-x:auto}
table.excerpt td{padding:0 8px;vertical-align:top}
table.excerpt pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
td.ln{color:#98a2b3;text-align:right;user-select:none;font:12px/1.45 ui-monospace,monospace;
padding-top:1px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin:0 0 10px}
.math{margin:0;padding:8px 10px;border-radius:6px;background:#f8f9fc;border:1px solid var(--line);
overflow-x:auto}
.math.claimed{border-color:#f4c7c3;background:#fef6f5}.math.true{border-color:#c5d6f8;
background:#f5f8ff}
.math code{display:block;white-space:pre-wrap;word-break:break-word}
.math code.plain{font-size:14px;font-weight:600}
.math code.rel{font-size:12.5px;color:var(--gray)}
.math code.tex{font-size:12px;color:var(--gray);margin-top:4px}
.aside{display:block;font-size:11.5px;color:var(--gray);margin-top:4px}
.small{font-size:13px;color:var(--gray);margin:4px 0}
table.counter{border-collapse:collapse;margin:4px 0 10px;font-size:14px}
table.counter th{text-align:left;color:var(--gray);font-weight:500;padding:2px 14px 2px 0}
table.counter td{padding:2px 0;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
td.claimed{color:var(--red)}td.true{color:var(--blue)}
.note{background:#fffaeb;border:1px solid #fedf89;border-radius:6px;padding:8px 10px;
font-size:14px}
.fix{background:#ecfdf3;border:1px solid #abefc6;border-radius:6px;padding:8px 10px;margin:10px 0}
.fix p{margin:4px 0 0;font-size:14px}.fix code{word-break:break-word}
.repro{font-size:13px;margin:8px 0}.repro code{background:#f2f4f7;padding:1px 6px;
border-radius:4px}
figure{margin:10px 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:12.5px;color:var(--gray)}
details{font-size:13.5px;margin-top:6px}summary{cursor:pointer;color:var(--gray)}
pre.message{white-space:pre-wrap;background:#f2f4f7;padding:8px;border-radius:6px}
table.verified{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
table.verified th,table.verified td{border:1px solid var(--line);padding:6px 10px;
text-align:left;vertical-align:top}
table.verified td.num{text-align:right;width:80px}
table.verified code{font-size:12px;display:inline-block;margin:1px 4px 1px 0}
main{padding-bottom:48px}
@media (max-width:760px){.grid{grid-template-columns:1fr}}
"""
