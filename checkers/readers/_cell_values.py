"""Values computed by the text's code cells, read from the cells' own source (never retyped).

A ``CellValue(tab, name, line)`` names an assignment in a code cell; the cells of that tab are
translated in order by the ast-based translator (``_code_translator``), and the value is returned
in the claim's own variables (grid and leaf variables are matched by name). The translation is
tolerant: a statement it cannot follow makes an error only of the claims that read it, or read a
value computed from it; every other value of the document is still read.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Mapping

import sympy as sp

from ._code_translator import CellResult, DefinedFunction, Unsupported, exact_value, translate_tab
from ..model._errors import DeclarationError
from ._errors import CodeCellError
from ._markdown import read_blocks
from ..model._claims import CellValue


def cell_value(ref: CellValue, text: str, names: Mapping[str, Any], read) -> Any:
    """The SymPy value of ``ref`` in the document ``text``; ``read`` parses call arguments."""
    results = _translated(hashlib.sha256(text.encode()).hexdigest(), text, ref.tab)
    value, bindings = _find(ref, results)
    if isinstance(value, DefinedFunction):
        if len(ref.call) != len(value.params):
            raise DeclarationError(f"{ref.name}() at line {ref.line} takes"
                                   f" {len(value.params)} arguments ({', '.join(value.params)})"
                                   f" but call= gives {len(ref.call)}")
        try:
            value = value(*[read(arg) for arg in ref.call])
        except CodeCellError as err:
            raise DeclarationError(f"calling {ref.name}() defined at line {ref.line}: line"
                                   f" {err.line}, `{err.fragment}`: {err.problem}",
                                   hint=err.hint) from None
    elif ref.call:
        raise DeclarationError(f"'{ref.name}' at line {ref.line} is not a function; drop call=")
    if isinstance(value, sp.Basic) and value in bindings:  # a leaf itself: its number
        return _in_claim_variables(bindings[value], names, ref)
    # autograd leaves the claim declares stay variables; the others take their cell values
    leaves = {leaf: names[leaf.name] for leaf in bindings if leaf.name in names}
    rest = {leaf: v for leaf, v in bindings.items() if leaf.name not in names}
    if leaves and isinstance(value, (sp.Basic, sp.MatrixBase)):
        value = value.xreplace(leaves)
    return _in_claim_variables(exact_value(value, rest), names, ref)


_TEXTS: dict[str, str] = {}


def _translated(digest: str, text: str, tab: str) -> tuple[CellResult, ...]:
    _TEXTS[digest] = text
    return _translate(digest, tab)


@lru_cache(maxsize=32)
def _translate(digest: str, tab: str) -> tuple[CellResult, ...]:
    blocks = [b for b in read_blocks(_TEXTS[digest]) if b.kind == "code" and b.tab]
    return translate_tab([(b.text, b.text_line, b.tab) for b in blocks], tab, tolerant=True)


def _find(ref: CellValue, results) -> tuple[Any, dict]:
    found, seen = _matches(ref, results)
    failed = _unsupported_at(ref, results)
    if failed is not None and (ref.iteration or len(found) + 1) > len(found):
        raise _unsupported_error(ref, failed)  # a pass the translator could not follow
    if found:
        return _pass(ref, found)
    _nothing_there(ref, seen)


def _matches(ref: CellValue, results) -> tuple[list[tuple[Any, dict]], list[int]]:
    """Every value ``ref`` names (one per pass of a loop), and the lines ``name`` was seen at."""
    found: list[tuple[Any, dict]] = []
    seen: list[int] = []
    for result in results:
        bindings = dict(result.env.bindings)
        for item in result.assignments:
            if item.name == ref.name:
                seen.append(item.line)
                if item.line == ref.line:
                    found.append((item.value, bindings))
        for shown in result.printed:
            if shown.line <= ref.line <= shown.end:
                for source, value in shown.forms:
                    if _same_source(source, ref.name):
                        found.append((value, bindings))
                        break
                    seen.append(shown.line)
        fn = result.functions.get(ref.name)
        if fn is not None:
            seen.append(fn.start)
            if fn.start <= ref.line <= fn.end:
                found.append((fn, bindings))
    return found, seen


def _same_source(source: str, name: str) -> bool:
    """A placeholder as the cell writes it, spaces aside (``L(4+e)`` is ``L(4 + e)``)."""
    return "".join(source.split()) == "".join(name.split())


def _pass(ref: CellValue, found: list[tuple[Any, dict]]) -> tuple[Any, dict]:
    if ref.iteration is None:
        if len(found) > 1:
            raise DeclarationError(
                f"line {ref.line} of the {ref.tab} tab gives '{ref.name}' {len(found)} values"
                f" (it runs in a loop)", hint=f"say which pass with iteration = 1 ..."
                                              f" {len(found)}")
        return found[0]
    if ref.iteration > len(found):
        raise DeclarationError(
            f"line {ref.line} of the {ref.tab} tab gives '{ref.name}' {len(found)} value"
            f"{'s' if len(found) > 1 else ''}, so there is no pass {ref.iteration}",
            hint=f"iteration counts the passes from 1 to {len(found)}")
    return found[ref.iteration - 1]


def _unsupported_at(ref: CellValue, results) -> Unsupported | None:
    for result in results:
        for failed in result.unsupported:
            if failed.line <= ref.line <= failed.end:
                return failed
    return None


def _unsupported_error(ref: CellValue, failed: Unsupported) -> DeclarationError:
    err = failed.error
    return DeclarationError(
        f"'{ref.name}' at line {ref.line} ({ref.tab} tab) cannot be read: line {err.line},"
        f" `{err.fragment}`: {err.problem}", hint=err.hint)


def _nothing_there(ref: CellValue, seen: list[int]) -> None:
    seen = list(dict.fromkeys(seen))
    where = f"lines {', '.join(map(str, seen))}" if seen else "no line"
    raise DeclarationError(
        f"the {ref.tab} tab assigns or prints no '{ref.name}' at line {ref.line} (seen at"
        f" {where})", hint="point line= at the statement that assigns the value, or at the"
                           " print() that shows it (name= as the placeholder is written)")


def _in_claim_variables(value: Any, names: Mapping[str, Any], ref: CellValue) -> Any:
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        return sp.Integer(value) if isinstance(value, int) else value
    dummies = [d for d in value.atoms(sp.Dummy)]
    unknown = sorted(d.name for d in dummies if d.name not in names)
    if unknown:
        raise DeclarationError(
            f"the value of '{ref.name}' (line {ref.line}, {ref.tab} tab) depends on the cell's"
            f" {', '.join(unknown)}, which the claim does not declare",
            hint="declare them as variables of the claim")
    return value.xreplace({d: names[d.name] for d in dummies})
