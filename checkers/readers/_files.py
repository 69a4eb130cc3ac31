"""Derivations from files: TOML declarations (parsed, never executed) and Python modules.

A TOML file holds ``[[claim]]`` tables (``claim = [{...}]`` and quoted keys are the same data);
every string in it is read by derivcheck's own parsers (the safe expression syntax, or the
LaTeX reader for ``{ latex = "..." }``), never evaluated. ``document = "notes.md"`` (relative to
the file) names the text the claims' lines point into.

Every table of a file is a claim, a no-claim, or an error: a table that cannot become a claim
becomes an ``Unreadable`` claim, whose check is an error verdict saying what is wrong and what to
write (file, line, claim), while the other claims of the file are checked. What makes the whole
file unreadable (not TOML, a missing document, nothing declared) raises DerivationFileError.
Which files a folder holds is ``_collect``'s to say.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..model._claims import Claim, NoClaim, Source, Unreadable
from ..model._errors import DeclarationError
from ._collect import collect
from ._toml_fields import KIND_NAMES, Wrong, table_claim, table_no_claim, type_name
from ._toml_places import line_of, places

KEYS = {"document": "the text the lines point into (a file name next to this file)",
        "claim": "[[claim]] tables", "no_claim": "[[no_claim]] tables"}
"""The top-level keys of a derivation file."""


class DerivationFileError(DeclarationError):
    """A derivation file that cannot be read: names the file and the line."""

    __module__ = "checkers"

    def __init__(self, problem: str, *, path: Path, line: int | None, hint: str | None = None,
                 claim: str | None = None):
        self.path, self.line = path, line
        where = f"{path}" + (f", line {line}" if line else "")
        super().__init__(problem, claim=claim, where=where, hint=hint, kind="file")


@dataclass(frozen=True)
class Derivations:
    """What a set of files declares: claims, blocks without claims, and the documents."""

    claims: tuple[Claim, ...]
    no_claims: tuple[NoClaim, ...]
    texts: dict[str, str]
    origins: dict[str, Path]
    """Claim name -> the file that declares it."""


def load(paths: list[Path]) -> Derivations:
    """Every derivation in ``paths`` (files, or folders: see ``_collect`` for which files)."""
    claims: list[Claim] = []
    no_claims: list[NoClaim] = []
    texts: dict[str, str] = {}
    origins: dict[str, Path] = {}
    for path in collect(paths):
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


def _load_python(path: Path) -> Derivations:
    """A Python module of the user's with a module-level CLAIMS list (and NO_CLAIMS, TEXTS)."""
    name = f"derivcheck_user_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)  # the user's own Python file, like a test module
    except Exception as exc:  # the user's code failed: say where, as pytest does
        sys.modules.pop(name, None)
        raise DerivationFileError(f"importing the module failed: {type(exc).__name__}: {exc}",
                                  path=path, line=_failing_line(exc, path),
                                  hint="fix the module (run it with python to see the"
                                       " traceback)") from None
    claims = tuple(getattr(module, "CLAIMS", ()))
    if not claims:
        raise DerivationFileError("the module defines no CLAIMS list", path=path, line=None,
                                  hint="define CLAIMS = [...] at module level")
    strange = next((c for c in claims if not isinstance(c, Claim)), None)
    if strange is not None:
        raise DerivationFileError(f"CLAIMS holds {type(strange).__name__} {strange!r:.60}, not a"
                                  " claim", path=path, line=None,
                                  hint="list claims made with checkers (Gradient, Value, ...)")
    texts = {}
    for claim in claims:
        doc = path.parent / claim.source.document
        if doc.is_file():
            texts[claim.source.document] = doc.read_text(encoding="utf-8")
    return Derivations(claims, tuple(getattr(module, "NO_CLAIMS", ())), texts, {})


def _failing_line(exc: BaseException, path: Path) -> int | None:
    if isinstance(exc, SyntaxError):
        return exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if Path(f.filename).resolve() == path.resolve()]
    return frames[-1].lineno if frames else None


# --- TOML ----------------------------------------------------------------------------------------

def _load_toml(path: Path) -> Derivations:
    text = _text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise DerivationFileError(f"not valid TOML: {exc}", path=path,
                                  line=int(line.group(1)) if line else None) from None
    file = _File(path, places(text, data))
    document, texts = _document(data, file)
    entries = [*file.unknown_keys(data), *file.tables(data, "claim"),
               *file.tables(data, "no_claim")]
    if not entries:
        raise DerivationFileError("the file declares no claims", path=path, line=None,
                                  hint="add [[claim]] tables (see docs/adding-derivations.md)")
    claims, no_claims = [], []
    for at, kind, value in entries:
        made = file.entry(at, kind, value, document)
        (no_claims if isinstance(made, NoClaim) else claims).append(made)
    return Derivations(tuple(claims), tuple(no_claims), texts, {})


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DerivationFileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                  path=path, line=None, hint="save the file as UTF-8") from None


def _document(data: dict, file: "_File") -> tuple[str | None, dict[str, str]]:
    document = data.get("document")
    if document is None:
        return None, {}
    line = file.line(("document",))
    if not isinstance(document, str) or not document:
        raise DerivationFileError(f"document = {document!r}: expected a file name", path=file.path,
                                  line=line, hint='write document = "notes.md"')
    doc = file.path.parent / document
    if not doc.is_file():
        raise DerivationFileError(f"document '{document}' not found next to the file",
                                  path=file.path, line=line)
    return document, {document: doc.read_text(encoding="utf-8", errors="replace")}


@dataclass(frozen=True)
class _File:
    """A TOML file being read: its path and the lines of its tables and keys. Every entry of
    the file is (path into the data, what it should be, the value there)."""

    path: Path
    places: dict

    def line(self, at: tuple) -> int | None:
        return line_of(self.places, at)

    def unknown_keys(self, data: dict):
        for key in data:
            if key not in KEYS:
                yield (key,), "unknown", data[key]

    def tables(self, data: dict, kind: str):
        value = data.get(kind)
        if isinstance(value, list):
            for index, table in enumerate(value):
                yield (kind, index), kind, table
        elif value is not None:
            yield (kind,), kind, value  # [claim], claim = {...}, claim = 3: an error, said below

    def entry(self, at: tuple, kind: str, value, document: str | None):
        try:
            return _made(at, kind, value, document)
        except Wrong as wrong:
            return self._unreadable(at, value, wrong)

    def _unreadable(self, at: tuple, value, wrong: Wrong) -> Unreadable:
        line = self.line(at + wrong.at)
        named = _name_of(value)
        name = named or _synthetic(self.path, line, at)
        error = DerivationFileError(wrong.problem, path=self.path, line=line, hint=wrong.hint,
                                    claim=named)
        declared = value.get("kind") if isinstance(value, dict) else None
        declared = declared if isinstance(declared, str) and declared in KIND_NAMES else None
        start = self.line(at) or 1  # the place of an unreadable claim is its table in the file
        return Unreadable(name=name, source=Source((start, start), document=self.path.name),
                          error=error,
                          declared=declared or "unreadable")


def _made(at: tuple, kind: str, value, document: str | None) -> Claim | NoClaim:
    if kind == "unknown":
        raise Wrong(f"unknown top-level key '{at[0]}'",
                    "a derivation file holds " + "; ".join(f"{k}: {v}" for k, v in KEYS.items()))
    if len(at) == 1:
        raise Wrong(f"{kind} must be an array of tables, one per {kind.replace('_', ' ')};"
                    f" this is {_a(value)}", f"write each as a [[{kind}]] table (two brackets)")
    if not isinstance(value, dict):
        raise Wrong(f"{kind} number {at[1] + 1} is {_a(value)}, not a table",
                    f"write it as a [[{kind}]] table")
    return table_claim(value, document) if kind == "claim" else table_no_claim(value, document)


def _a(value) -> str:
    return "a single table" if isinstance(value, dict) else type_name(value)


def _name_of(table) -> str | None:
    name = table.get("name") if isinstance(table, dict) else None
    ok = isinstance(name, str) and name and not any(c.isspace() for c in name)
    return name if ok else None


def _synthetic(path: Path, line: int | None, at: tuple) -> str:
    """A name for a table that gives none: the file and the line (or the table's place)."""
    place = line if line is not None else ".".join(str(a) for a in at)
    return re.sub(r"\s", "_", f"{path}:{place}")
