"""Values computed by the text's code cells, read from the cells' own source (never retyped).

A ``CellValue(tab, name, line)`` names an assignment in a code cell; the cells of that tab are
translated in order by the ast-based translator (``_codecells``), and the value is returned in
the claim's own variables (grid and leaf variables are matched by name).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Mapping

import sympy as sp

from ._code_translator import CellResult, DefinedFunction, exact_value, translate_tab
from ..model._errors import DeclarationError
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
        value = value(*[read(arg) for arg in ref.call])
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
    return translate_tab([(b.text, b.text_line, b.tab) for b in blocks], tab)


def _find(ref: CellValue, results) -> tuple[Any, dict]:
    seen = []
    for result in results:
        for item in result.assignments:
            if item.name == ref.name:
                seen.append(item.line)
                if item.line == ref.line:
                    return item.value, dict(result.env.bindings)
        for shown in result.printed:
            if shown.line <= ref.line <= shown.end:
                for source, value in shown.forms:
                    if source == ref.name:
                        return value, dict(result.env.bindings)
                    seen.append(shown.line)
        fn = result.functions.get(ref.name)
        if fn is not None:
            seen.append(fn.start)
            if fn.start <= ref.line <= fn.end:
                return fn, dict(result.env.bindings)
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
