"""One TOML table -> one claim, every key read by the type its claim class declares.

The keys a kind takes, which are required and what each must hold come from the claim
dataclasses themselves (``model/_claims.py``: the kind's fields, and ``Source``'s for the place
in the text); here is only how each declared type is written in TOML. A wrong table raises
``Wrong``: what is wrong, what to write, and the path of the key inside the table.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Callable

from ..model._claims import (KINDS, NONNEGATIVE, POSITIVE, REAL, CellValue, Claim, Fn, Index,
                             Latex, NoClaim, Source, Tex, Tolerance, Var, interval)
from ..model._claims import (DIAGONAL, NATURAL, ORTHOGONAL, POSITIVE_DEFINITE, SYMMETRIC,
                             integers)

KIND_NAMES = {k.kind: k for k in KINDS}
DEFAULT_DOCUMENT = "multivariable-calculus.pt.md"


class Wrong(Exception):
    """What is wrong with a table (``problem``), what to write (``hint``), and where: the path
    of the key inside the table (``at``)."""

    def __init__(self, problem: str, hint: str | None = None, at: tuple = ()):
        super().__init__(problem)
        self.problem, self.hint, self.at = problem, hint, at


@dataclasses.dataclass(frozen=True)
class Key:
    """A key a claim table takes: the declared type (annotation) and whether it is required."""

    name: str
    annotation: str
    required: bool


def keys_of(cls: type) -> dict[str, Key]:
    """The TOML keys of a claim kind (or of NoClaim): its fields, with ``source`` spelt out as
    Source's own fields."""
    found = {}
    for owner, skip in ((cls, {"source"}), (Source, {"document"})):
        for f in dataclasses.fields(owner):
            if f.name not in skip:
                required = f.default is dataclasses.MISSING \
                    and f.default_factory is dataclasses.MISSING
                found[f.name] = Key(f.name, str(f.type), required)
    return found


@dataclasses.dataclass(frozen=True)
class _Ctx:
    """What a reader knows besides the value: the key (or variable) name and the document."""

    name: str
    document: str


def table_claim(table: dict, document: str | None) -> Claim:
    """The claim a ``[[claim]]`` table declares; raises Wrong."""
    cls = _kind(table)
    fields = {k: v for k, v in table.items() if k != "kind"}
    return _made(cls, fields, document, f"a {cls.kind} claim", "kind, ")


def table_no_claim(table: dict, document: str | None) -> NoClaim:
    """The block without a claim a ``[[no_claim]]`` table declares; raises Wrong."""
    return _made(NoClaim, table, document, "a [[no_claim]] table", "")


def _made(cls: type, table: dict, document: str | None, what: str, also: str):
    document = document or DEFAULT_DOCUMENT
    keys = keys_of(cls)
    unknown = [k for k in table if k not in keys]
    if unknown:
        raise Wrong(f"unknown key {_names(unknown)} for {what}",
                    f"{what} takes {also}{', '.join(keys)}", (unknown[0],))
    missing = [k.name for k in keys.values() if k.required and k.name not in table]
    if missing:
        raise Wrong(f"{what} needs {_names(missing)}", _missing([keys[m] for m in missing], what))
    values = {k: _read(keys[k], v, cls, document) for k, v in table.items()}
    place = {k: values.pop(k) for k in list(values) if k in _SOURCE_KEYS}
    source = _build(lambda: Source(**place, document=document), {"lines": keys["lines"]}, cls)
    return _build(lambda: cls(source=source, **values), {k: keys[k] for k in values}, cls)


_SOURCE_KEYS = {f.name for f in dataclasses.fields(Source)} - {"document"}


def _kind(table: dict) -> type[Claim]:
    choices = ", ".join(KIND_NAMES)
    if "kind" not in table:
        raise Wrong("the table has no kind", f'add kind = "..." with one of {choices}')
    kind = table["kind"]
    if not isinstance(kind, str) or kind not in KIND_NAMES:
        raise Wrong(f"kind {_toml(kind)} is not one of {choices}",
                    f'write kind = "{next(iter(KIND_NAMES))}" (or another of those)', ("kind",))
    return KIND_NAMES[kind]


def _build(make: Callable[[], Any], given: dict[str, Key], cls: type):
    """``make()``; a complaint of the dataclass's own check (``__post_init__``) is told about
    the key it names (``claim name ...``, ``nature ...``), else about the first key given."""
    try:
        return make()
    except ValueError as exc:
        said = str(exc)
        blamed = next((k for k in given.values() if re.match(rf"(claim )?{k.name}\b", said)),
                      next(iter(given.values())))
        raise Wrong(said, _hint(blamed, cls), (blamed.name,)) from None


def _names(keys: list[str]) -> str:
    return ", ".join(keys)


def _read(key: Key, value: Any, cls: type, document: str):
    reader = _READERS.get(key.annotation.removesuffix(" | None"))
    if reader is None:  # a field added to a claim class without a TOML reader: our bug
        raise NotImplementedError(f"no TOML reader for {key.annotation} ({cls.__name__})")
    try:
        return reader(value, _Ctx(key.name, document))
    except Wrong as wrong:
        raise Wrong(f"{key.name}: {wrong.problem}", wrong.hint or _hint(key, cls),
                    (key.name,) + wrong.at) from None


def _hint(key: Key, cls: type) -> str:
    if getattr(cls, "kind", None) == "derivative" and key.name == "wrt":
        return ('a derivative\'s wrt is one name: write wrt = "x" (one variable: a scalar, vector'
                ' or matrix); for the partial derivatives in several scalar variables use'
                ' kind = "gradient" with wrt = ["x", "y"]')
    example, note = _EXAMPLES[key.annotation.removesuffix(" | None")]
    return f"write {key.name} = {example} ({note})"


def _missing(keys: list[Key], what: str) -> str:
    shown = ", ".join(f"{k.name} = {_EXAMPLES[k.annotation.removesuffix(' | None')][0]}"
                      for k in keys)
    return f"add {shown} (docs/adding-derivations.md lists the keys of {what})"


_EXPRESSION_NOTE = ("an expression; or { latex = '...' }; or a side of a formula of the text,"
                    ' { label = "eq_name", side = -1 } or { lines = [first, last], relation = 1,'
                    ' side = -1 }; or a value of a code cell, { cell = "pytorch", variable ='
                    ' "ys", line = 41 }')
_EXAMPLES = {
    "str": ('"..."', "a string"),
    "int": ("2", "a whole number"),
    "bool": ("true", "true or false"),
    "ExprLike": ('"x^2"', _EXPRESSION_NOTE),
    "tuple[str, ...]": ('["x", "y"]', "names of variables"),
    "tuple[ExprLike, ...]": ('["1", "0"]', "one expression for each variable of wrt"),
    "tuple[tuple[ExprLike, ...], ...]": ('[["-1", "0"], ["1", "0"]]',
                                         "one array per point, an expression per variable"),
    "tuple[tuple[str, ExprLike], ...]": ('{ u = "x + y" }', "a table of name = expression"),
    "tuple[Var | Index | Fn, ...]": ('{ x = "real", A = "matrix n n" }',
                                     "a table of name = kind; kinds: real, positive,"
                                     " nonnegative, interval LOW HIGH, natural, integer LOW HIGH,"
                                     " vector N, matrix ROWS COLS, matrix N N symmetric (or"
                                     " posdef, orthogonal, diagonal), index N, function ARITY"),
    "tuple[int, int]": ("[first, last]", "lines of the text, from 1; or one line number"),
    "Tolerance": ('{ rtol = 1e-4, atol = 1e-9, reason = "..." }', "the claim's own numeric"
                  " tolerance: rtol and/or atol (finite numbers from 0, rtol below 1) and the"
                  " reason it needs one"),
}


# --- readers, one per declared type ---------------------------------------------------------

def type_name(value: Any) -> str:
    """A TOML value's type, in TOML's words."""
    if isinstance(value, bool):
        return "a boolean"
    names = {str: "a string", int: "an integer", float: "a float", list: "an array",
             dict: "a table"}
    return next((n for t, n in names.items() if isinstance(value, t)), "a date or time")


def _toml(value: Any) -> str:
    """A value as TOML writes it, cut short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif isinstance(value, list):
        text = "[" + ", ".join(_toml(v) for v in value[:6]) + (", ..." if value[6:] else "") + "]"
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in list(value.items())[:6]) + " }"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _got(value: Any, wanted: str) -> Wrong:
    return Wrong(f"expected {wanted}, got {type_name(value)} ({_toml(value)})")


def _string(value: Any, ctx: _Ctx) -> str:
    if not isinstance(value, str):
        raise _got(value, "a string")
    return value


def _boolean(value: Any, ctx: _Ctx) -> bool:
    if not isinstance(value, bool):
        raise _got(value, "true or false")
    return value


def _integer(value: Any, ctx: _Ctx) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _got(value, "a whole number")
    return value


def _number(value: Any) -> str:
    if not math.isfinite(value):
        raise Wrong(f"{_toml(value)} is not a finite number")
    return str(value)


def _expression(value: Any, ctx: _Ctx):
    """An expression string or number, ``{ latex = ... }``, a reference to the text, or an
    array of them (a column; nested arrays: a matrix)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, dict) and "latex" in value:
        if set(value) != {"latex"} or not isinstance(value["latex"], str):
            raise Wrong(f"{_toml(value)}: a LaTeX expression is {{ latex = '...' }}, one string")
        return Latex(value["latex"])
    if isinstance(value, dict) and "cell" in value:
        return _cell_reference(value)
    if isinstance(value, dict):
        return _reference(value, ctx.document)
    if isinstance(value, list) and value:
        return tuple(_element(v, k, _expression, ctx) for k, v in enumerate(value))
    raise _got(value, "an expression")


def _element(value: Any, index: int, read: Callable, ctx: _Ctx):
    try:
        return read(value, ctx)
    except Wrong as wrong:
        raise Wrong(f"element {index + 1}: {wrong.problem}", wrong.hint, (index,) + wrong.at) \
            from None


_REFERENCE = {"lines": "[first, last]", "label": "a string", "relation": "a whole number",
              "side": "a whole number"}


def _reference(value: dict, document: str) -> Tex:
    unknown = [k for k in value if k not in _REFERENCE]
    if unknown or not value:
        raise Wrong(f"{_toml(value)}: a reference to the text takes {', '.join(_REFERENCE)}"
                    + (f"; unknown: {_names(unknown)}" if unknown else ""))
    lines = value.get("lines")
    if lines is not None:
        lines = _lines(lines, None)
    label = value.get("label")
    if label is not None:
        _string(label, None)
    relation, side = (_integer(value.get(k, d), None) for k, d in (("relation", 1), ("side", -1)))
    try:
        return Tex(lines=lines, label=label, relation=relation, side=side, document=document)
    except ValueError as exc:
        raise Wrong(str(exc)) from None


_CELL_REFERENCE = {"cell": "the tab, a string", "variable": "a string", "line": "a whole number",
                   "call": "an array of expressions", "iteration": "a whole number from 1",
                   "document": "a file name"}
_CELL_EXAMPLE = '{ cell = "pytorch", variable = "ys", line = 41 }'


def _cell_reference(value: dict) -> CellValue:
    """``{ cell = TAB, variable = NAME, line = N }`` (and ``call``, ``iteration``,
    ``document``): the value a code cell computes (the claim's own document unless named)."""
    unknown = [k for k in value if k not in _CELL_REFERENCE]
    missing = [k for k in ("cell", "variable", "line") if k not in value]
    if unknown or missing:
        told = f"; unknown: {_names(unknown)}" if unknown else f"; missing: {_names(missing)}"
        raise Wrong(f"{_toml(value)}: a value of a code cell takes "
                    f"{', '.join(_CELL_REFERENCE)}{told}", f"write {_CELL_EXAMPLE}")
    tab, name = (_field_of(value, k, _string) for k in ("cell", "variable"))
    line = _field_of(value, "line", _integer)
    call = value.get("call", [])
    if not isinstance(call, list) or not all(isinstance(c, str) for c in call):
        raise Wrong(f"call: expected an array of expression strings, got {_toml(call)}",
                    'write call = ["x", "y"]', ("call",))
    iteration = value.get("iteration")
    if iteration is not None:
        iteration = _field_of(value, "iteration", _integer)
    document = value.get("document")
    if document is not None:
        document = _field_of(value, "document", _string)
    try:
        return CellValue(tab, name, line, tuple(call), document, iteration)
    except ValueError as exc:
        raise Wrong(str(exc), f"write {_CELL_EXAMPLE}") from None


def _field_of(table: dict, key: str, read: Callable):
    try:
        return read(table[key], None)
    except Wrong as wrong:
        raise Wrong(f"{key}: {wrong.problem}", wrong.hint or f"write {_CELL_EXAMPLE}",
                    (key,) + wrong.at) from None


def _names_list(value: Any, ctx: _Ctx) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not value:
        raise _got(value, "an array of names")
    return tuple(_element(v, k, _string, ctx) for k, v in enumerate(value))


def _expressions(value: Any, ctx: _Ctx) -> tuple:
    if not isinstance(value, list):
        raise _got(value, "an array of expressions")
    return tuple(_element(v, k, _expression, ctx) for k, v in enumerate(value))


def _points(value: Any, ctx: _Ctx) -> tuple:
    if not isinstance(value, list):
        raise _got(value, "an array of points")
    return tuple(_element(v, k, _point, ctx) for k, v in enumerate(value))


def _point(value: Any, ctx: _Ctx):
    return _expressions(value, ctx) if isinstance(value, list) else _expression(value, ctx)


def _named_expressions(value: Any, ctx: _Ctx) -> tuple:
    if not isinstance(value, dict):
        raise _got(value, "a table of name = expression")
    return tuple((name, _keyed(name, v, _expression, ctx)) for name, v in value.items())


def _keyed(name: str, value: Any, read: Callable, ctx: _Ctx):
    try:
        return read(value, dataclasses.replace(ctx, name=name))
    except Wrong as wrong:
        raise Wrong(f"{name}: {wrong.problem}", wrong.hint, (name,) + wrong.at) from None


def _lines(value: Any, ctx: _Ctx) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    if isinstance(value, list) and len(value) == 2 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return (value[0], value[1])
    raise _got(value, "[first, last] or one line number")


def _variables(value: Any, ctx: _Ctx) -> tuple:
    if not isinstance(value, dict):
        raise _got(value, "a table of variables")
    return tuple(_keyed(name, spec, _variable, ctx) for name, spec in value.items())


_DOMAINS = {"real": REAL, "positive": POSITIVE, "nonnegative": NONNEGATIVE, "natural": NATURAL}
_STRUCTURES = {d.kind: d for d in (SYMMETRIC, POSITIVE_DEFINITE, ORTHOGONAL, DIAGONAL)}


def _variable(spec: Any, ctx: _Ctx) -> Var | Index | Fn:
    """``real`` | ``positive`` | ``nonnegative`` | ``interval LOW HIGH`` | ``natural`` |
    ``integer LOW HIGH`` | ``vector N`` | ``matrix ROWS COLS`` | ``matrix N N STRUCTURE`` |
    ``index UPPER`` | ``function ARITY`` — words, never evaluated."""
    name, words = ctx.name, _string(spec, ctx).split()
    head, rest = (words[0], words[1:]) if words else ("", [])
    try:
        if head in _DOMAINS and not rest:
            return Var(name, (), _DOMAINS[head])
        if head == "interval" and len(rest) == 2:
            return Var(name, (), interval(*(_bound(w) for w in rest)))
        if head in ("vector", "matrix") and len(rest) == (1 if head == "vector" else 2):
            return Var(name, tuple(_size(w) for w in rest))
        if head == "matrix" and len(rest) == 3 and rest[2] in _STRUCTURES:
            return Var(name, tuple(_size(w) for w in rest[:2]), _STRUCTURES[rest[2]])
        axes = 1 if head == "vector" else 2
        if head in ("vector", "matrix") and len(rest) > axes:  # entries in a scalar domain
            entry = _entries(" ".join(rest[axes:]), ctx)
            if entry is not None:
                return Var(name, tuple(_size(w) for w in rest[:axes]), entry.domain)
        if head == "integer" and len(rest) == 2:
            return Var(name, (), integers(*(_whole(w) for w in rest)))
        if head == "index" and len(rest) == 1:
            return Index(name, _size(rest[0]))
        if head == "function" and len(rest) == 1 and rest[0].isdigit():
            return Fn(name, int(rest[0]))
    except ValueError as exc:
        raise Wrong(f"{_toml(spec)}: {exc}") from None
    raise Wrong(f"{_toml(spec)} is not a kind of variable (kinds: real, positive, nonnegative,"
                f" interval LOW HIGH, natural, integer LOW HIGH, vector N, matrix ROWS COLS,"
                f" matrix N N {'|'.join(_STRUCTURES)}, index N, function ARITY)")


def _entries(words: str, ctx: _Ctx) -> Var | None:
    """The scalar domain of a vector's or matrix's entries (``interval 0 1``), or None."""
    try:
        entry = _variable(words, ctx)
    except Wrong:
        return None
    return entry if isinstance(entry, Var) and entry.is_scalar and \
        entry.domain.kind != "integer" else None


def _whole(word: str) -> int:
    if not word.lstrip("-").isdigit():
        raise ValueError(f"the bound {word!r} is not a whole number")
    return int(word)


def _bound(word: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise ValueError(f"the bound {word!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"the bound {word!r} is not finite")
    return value


def _size(word: str) -> int | str:
    if word.isdigit() and word.isascii() and int(word) >= 1:
        return int(word)
    if word.isidentifier():
        return word
    raise ValueError(f"the size {word!r} is neither a whole number from 1 nor a name")


def _tolerance(value: Any, ctx: _Ctx) -> Tolerance:
    if not isinstance(value, dict):
        raise _got(value, "a table { rtol = ..., atol = ..., reason = \"...\" }")
    unknown = [k for k in value if k not in ("rtol", "atol", "reason")]
    if unknown:
        raise Wrong(f"unknown key {_names(unknown)}; a tolerance takes rtol, atol, reason")
    for name in ("rtol", "atol"):
        given = value.get(name)
        if given is not None and (isinstance(given, bool) or not isinstance(given, (int, float))):
            raise Wrong(f"{name}: expected a number, got {type_name(given)} ({_toml(given)})")
    if "reason" in value and not isinstance(value["reason"], str):
        raise Wrong(f"reason: expected a string, got {type_name(value['reason'])}")
    try:
        return Tolerance(reason=value.get("reason", ""), rtol=value.get("rtol"),
                         atol=value.get("atol"))
    except ValueError as exc:
        raise Wrong(str(exc).removeprefix("tolerance: ")) from None


_READERS: dict[str, Callable[[Any, _Ctx], Any]] = {
    "str": _string,
    "int": _integer,
    "bool": _boolean,
    "ExprLike": _expression,
    "tuple[str, ...]": _names_list,
    "tuple[ExprLike, ...]": _expressions,
    "tuple[tuple[ExprLike, ...], ...]": _points,
    "tuple[tuple[str, ExprLike], ...]": _named_expressions,
    "tuple[Var | Index | Fn, ...]": _variables,
    "tuple[int, int]": _lines,
    "Tolerance": _tolerance,
}
