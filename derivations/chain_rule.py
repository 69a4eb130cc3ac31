"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
sections 'Regra da Cadeia Multivariada' and 'O Algoritmo de Retropropagação'
(lines 228-487).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.
"""

from __future__ import annotations

from checkers import (CellValue, CriticalPoints, Derivative, Extremum, Fn, Gradient, Hessian,
                      Identity, Index, NoClaim, Source, Taylor, Value, Var, Approximation,
                      matrix, vector)

from ._common import (BACKPROP, CHAIN, EXERCISES, GEOMETRY, HESSIANS, HIGHER, MATRIX,
                      OPTIMIZATION, SUMMARY, code, text)

XY = (Var("x"), Var("y"))

CLAIMS: list = []
NO_CLAIMS: list[NoClaim] = []
