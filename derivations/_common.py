"""Shared helpers for declaring the chapter's claims: sections and sources."""

from __future__ import annotations

from checkers import Source

HIGHER = "Diferenciação de Dimensões Superiores"
GEOMETRY = "Geometria de Gradientes e Gradiente Descendente"
OPTIMIZATION = "Uma Nota Sobre Otimização Matemática"
CHAIN = "Regra da Cadeia Multivariada"
BACKPROP = "O Algoritmo de Retropropagação"
HESSIANS = "Hessians"
MATRIX = "Um Pouco de Cálculo Matricial"
SUMMARY = "Summary"
EXERCISES = "Exercises"


def text(lines: tuple[int, int], section: str, quote: str, label: str | None = None) -> Source:
    """A claim the prose or a display formula makes; ``quote`` must stand in those lines."""
    return Source(lines=lines, section=section, quote=quote, label=label)


def code(lines: tuple[int, int], section: str, tab: str, quote: str) -> Source:
    """A claim a code cell makes, in one tab (mxnet, pytorch, tensorflow, or all)."""
    return Source(lines=lines, section=section, tab=tab, quote=quote)
