"""The bundled derivations: every encoded claim of the bundled chapter.

``CLAIMS`` lists them in the order of the text; ``chapter_text()`` reads the bundled chapter
(a byte-identical copy, see texts/ORIGIN.md).
"""

from __future__ import annotations

from importlib import resources

from .multivariable_calculus import CLAIMS as _CHAPTER
from .multivariable_calculus import NO_CLAIMS as _UNCHECKED

CHAPTER = "multivariable-calculus.pt.md"
CLAIMS = tuple(sorted(_CHAPTER, key=lambda c: (c.source.lines, c.source.tab or "")))
NO_CLAIMS = tuple(sorted(_UNCHECKED, key=lambda n: n.source.lines))


def chapter_text(name: str = CHAPTER) -> str:
    """The text of a bundled document, as it is on disk (UTF-8)."""
    return resources.files(__name__).joinpath("texts", name).read_text(encoding="utf-8")


__all__ = ["CHAPTER", "CLAIMS", "NO_CLAIMS", "chapter_text"]
