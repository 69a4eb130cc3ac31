"""The bundled derivations: every encoded claim of the bundled chapter.

``CLAIMS`` lists them in the order of the text; ``NO_CLAIMS`` the blocks that hold no checkable
claim, with the reason; ``chapter_text()`` reads the bundled chapter (a byte-identical copy, see
texts/ORIGIN.md) and ``texts()`` maps its name to its text, for claims that read code cells.

derivcheck finds this package beside the installed ``checkers`` (checkers/readers/_bundled.py),
never through the current folder; the texts are read as package resources.
"""

from __future__ import annotations

from importlib import resources

from . import chain_rule, exercises, hessians, higher_dimensions, matrix_calculus

CHAPTER = "multivariable-calculus.pt.md"
_MODULES = (higher_dimensions, chain_rule, hessians, matrix_calculus, exercises)

CLAIMS = tuple(sorted((c for m in _MODULES for c in m.CLAIMS),
                      key=lambda c: (c.source.lines, c.source.tab or "", c.name)))
NO_CLAIMS = tuple(sorted((n for m in _MODULES for n in m.NO_CLAIMS),
                         key=lambda n: n.source.lines))


def chapter_text(name: str = CHAPTER) -> str:
    """The text of a bundled document, as it is on disk (UTF-8)."""
    return resources.files(__name__).joinpath("texts", name).read_text(encoding="utf-8")


def texts() -> dict[str, str]:
    """The bundled documents by name."""
    return {CHAPTER: chapter_text()}


__all__ = ["CHAPTER", "CLAIMS", "NO_CLAIMS", "chapter_text", "texts"]
