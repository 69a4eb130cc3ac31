"""Derivations from files: TOML declarations (parsed, never executed) and Python modules.

A TOML file holds ``[[claim]]`` tables; every string in it is read by derivcheck's own parsers
(the safe expression syntax, or the LaTeX reader for ``{ latex = "..." }``), never evaluated.
``document = "notes.md"`` (relative to the file) names the text the claims' lines point into.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model._errors import DeclarationError
from ..model._claims import (KINDS, NONNEGATIVE, POSITIVE, REAL, Claim, Fn, Index, Latex, NoClaim,
                     Source, Tex, Var, interval)

KIND_NAMES = {k.kind: k for k in KINDS}
_COMMON = {"name", "kind", "lines", "section", "label", "tab", "quote", "variables",
           "definitions", "note", "rejected_by_text"}
_EXPRESSIONS = {"function", "claimed", "lhs", "rhs"}


class DerivationFileError(DeclarationError):
    """A derivation file that cannot be read: names the file and the line."""

    __module__ = "checkers"

    def __init__(self, problem: str, *, path: Path, line: int | None, hint: str | None = None):
        self.path, self.line = path, line
        where = f"{path}" + (f", line {line}" if line else "")
        super().__init__(problem, where=where, hint=hint, kind="file")


@dataclass(frozen=True)
class Derivations:
    """What a set of files declares: claims, blocks without claims, and the documents."""

    claims: tuple[Claim, ...]
    no_claims: tuple[NoClaim, ...]
    texts: dict[str, str]
    origins: dict[str, Path]
    """Claim name -> the file that declares it."""


def load(paths: list[Path]) -> Derivations:
    """Every derivation in ``paths`` (files, or folders searched for *.toml and *.py)."""
    claims: list[Claim] = []
    no_claims: list[NoClaim] = []
    texts: dict[str, str] = {}
    origins: dict[str, Path] = {}
    for path in _files(paths):
        found = _load_toml(path) if path.suffix == ".toml" else _load_python(path)
        for claim in found.claims:
            if claim.name in origins:
                raise DerivationFileError(f"claim '{claim.name}' is declared twice (also in"
                                          f" {origins[claim.name]})", path=path, line=None,
                                          hint="give every claim its own name")
            origins[claim.name] = path
        claims += found.claims
        no_claims += found.no_claims
        texts.update(found.texts)
    return Derivations(tuple(claims), tuple(no_claims), texts, origins)


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix in (".toml", ".py")
                          and not p.name.startswith(("_", "test_", ".")))
        elif path.is_file():
            out.append(path)
        else:
            raise DerivationFileError("no such file or folder", path=path, line=None,
                                      hint="give .toml or .py derivation files, or folders")
    return out


def _load_python(path: Path) -> Derivations:
    """A Python module of the user's with a module-level CLAIMS list (and NO_CLAIMS, TEXTS)."""
    name = f"derivcheck_user_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # the user's own Python file, like a test module
    claims = tuple(getattr(module, "CLAIMS", ()))
    if not claims:
        raise DerivationFileError("the module defines no CLAIMS list", path=path, line=None,
                                  hint="define CLAIMS = [...] at module level")
    texts = {}
    for claim in claims:
        doc = path.parent / claim.source.document
        if doc.is_file():
            texts[claim.source.document] = doc.read_text(encoding="utf-8")
    return Derivations(claims, tuple(getattr(module, "NO_CLAIMS", ())), texts, {})


# --- TOML ----------------------------------------------------------------------------------------

def _load_toml(path: Path) -> Derivations:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise DerivationFileError(f"not valid TOML: {exc}", path=path,
                                  line=int(line.group(1)) if line else None) from None
    starts = _table_lines(text, "claim")
    unknown = set(data) - {"document", "claim", "no_claim"}
    if unknown:
        raise DerivationFileError(f"unknown top-level key(s) {sorted(unknown)}", path=path,
                                  line=None, hint="use document, [[claim]] and [[no_claim]]")
    document = data.get("document")
    texts = {}
    if document is not None:
        doc = path.parent / document
        if not doc.is_file():
            raise DerivationFileError(f"document '{document}' not found next to the file",
                                      path=path, line=_key_line(text, 1, "document"))
        texts[document] = doc.read_text(encoding="utf-8")
    claims = tuple(_claim(t, path, text, line, document)
                   for t, line in zip(data.get("claim", []), starts))
    no_starts = _table_lines(text, "no_claim")
    no_claims = tuple(_no_claim(t, path, line, document)
                      for t, line in zip(data.get("no_claim", []), no_starts))
    return Derivations(claims, no_claims, texts, {})


def _table_lines(text: str, name: str) -> list[int]:
    pattern = re.compile(rf"^\s*\[\[\s*{name}\s*\]\]", re.M)
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


def _key_line(text: str, start: int, key: str) -> int:
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[number - 1]):
            return number
        if number > start and re.match(r"\s*\[", lines[number - 1]):
            break
    return start


def _claim(table: dict, path: Path, text: str, line: int, document: str | None) -> Claim:
    def fail(problem, key=None, hint=None):
        at = _key_line(text, line, key) if key else line
        return DerivationFileError(problem, path=path, line=at, hint=hint)

    kind = table.get("kind")
    if kind not in KIND_NAMES:
        raise fail(f"kind {kind!r} is not one of {', '.join(sorted(KIND_NAMES))}", "kind")
    cls = KIND_NAMES[kind]
    fields = set(cls.__dataclass_fields__) - {"source", "kind"}
    unknown = set(table) - fields - _COMMON
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)} for a {kind} claim",
                   sorted(unknown)[0], hint=f"a {kind} claim takes: "
                   + ", ".join(sorted((fields | _COMMON) - {"variables"})) + ", variables")
    try:
        source = _source(table, document)
        variables = tuple(_variable(n, spec) for n, spec in table.get("variables", {}).items())
    except (ValueError, TypeError) as exc:
        raise fail(str(exc), "variables" if "variable" in str(exc) else "lines") from None
    values = {k: _value(k, v, fail, source.document) for k, v in table.items()
              if k not in _COMMON | {"kind"}}
    try:
        return cls(name=table.get("name", ""), source=source, variables=variables,
                   definitions=tuple((str(k), str(v)) for k, v in
                                     table.get("definitions", {}).items()),
                   note=table.get("note", ""), rejected_by_text=table.get("rejected_by_text"),
                   **values)
    except TypeError as exc:
        missing = re.findall(r"'(\w+)'", str(exc))
        raise fail(f"a {kind} claim needs {', '.join(missing) or 'other keys'}: {exc}",
                   hint=f"see docs/adding-derivations.md for the keys of a {kind} claim") from None
    except ValueError as exc:
        raise fail(str(exc), "name") from None


def _source(table: dict, document: str | None) -> Source:
    lines = table.get("lines")
    if isinstance(lines, int):
        lines = [lines, lines]
    if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(v, int) for v in lines)):
        raise ValueError("lines must be [first, last] (or one line number)")
    return Source(lines=tuple(lines), section=table.get("section", ""), label=table.get("label"),
                  tab=table.get("tab"), quote=table.get("quote"),
                  document=document or "multivariable-calculus.pt.md")


_DOMAINS = {"real": REAL, "positive": POSITIVE, "nonnegative": NONNEGATIVE}


def _variable(name: str, spec: Any):
    """``real`` | ``positive`` | ``nonnegative`` | ``interval LOW HIGH`` | ``vector N`` |
    ``matrix ROWS COLS`` | ``index UPPER`` | ``function ARITY`` — words, never evaluated."""
    words = str(spec).split()
    head, rest = (words[0], words[1:]) if words else ("", [])
    sizes = [int(w) if w.isdigit() else w for w in rest]
    if head in _DOMAINS and not rest:
        return Var(name, (), _DOMAINS[head])
    if head == "interval" and len(rest) == 2:
        return Var(name, (), interval(float(rest[0]), float(rest[1])))
    if head == "vector" and len(rest) == 1:
        return Var(name, (sizes[0],))
    if head == "matrix" and len(rest) == 2:
        return Var(name, tuple(sizes))
    if head == "index" and len(rest) == 1:
        return Index(name, sizes[0])
    if head == "function" and len(rest) == 1 and rest[0].isdigit():
        return Fn(name, int(rest[0]))
    raise ValueError(f"variable {name} = {spec!r}: write real, positive, nonnegative,"
                     " 'interval LOW HIGH', 'vector N', 'matrix ROWS COLS', 'index N' or"
                     " 'function ARITY'")


def _value(key: str, value: Any, fail, document: str):
    if key in ("wrt", "small"):
        return value if isinstance(value, str) and key == "wrt" else (
            (value,) if isinstance(value, str) else tuple(value))
    if key == "at":
        return tuple(str(v) for v in value)
    if key == "claimed" and isinstance(value, list):
        return tuple(tuple(str(c) for c in p) if isinstance(p, list) else str(p) for p in value)
    if key == "substitute":
        return tuple((str(k), str(v)) for k, v in value.items())
    if key in _EXPRESSIONS:
        return _expression(key, value, fail, document)
    return value


def _expression(key: str, value: Any, fail, document: str):
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and set(value) == {"latex"}:
        return Latex(str(value["latex"]))
    if isinstance(value, dict) and "lines" in value or isinstance(value, dict) and "label" in value:
        extra = set(value) - {"lines", "label", "relation", "side"}
        if extra:
            raise fail(f"{key}: unknown key(s) {sorted(extra)} in a reference to the text", key)
        lines = value.get("lines")
        return Tex(lines=tuple(lines) if lines else None, label=value.get("label"),
                   relation=value.get("relation", 1), side=value.get("side", -1),
                   document=document)
    raise fail(f"{key}: give an expression string, {{ latex = \"...\" }} or a reference"
               " {{ lines = [a, b], relation = 1, side = -1 }}", key)


def _no_claim(table: dict, path: Path, line: int, document: str | None) -> NoClaim:
    try:
        return NoClaim(source=_source(table, document), reason=str(table["reason"]))
    except (KeyError, ValueError) as exc:
        raise DerivationFileError(f"[[no_claim]] needs lines and reason ({exc})", path=path,
                                  line=line) from None
