"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
section 'Um Pouco de Cálculo Matricial' (lines 629-846).

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

# --- matrix calculus -----------------------------------------------------------------------------

_XA = (vector("x", "n"), matrix("A", "n", "n"))
_XUV = (matrix("X", "n", "m"), matrix("U", "n", "r"), matrix("V", "r", "m"))

MATRIX_CLAIMS = [
    Derivative(
        name="matrix.d(xTAx)/dx",
        source=text((736, 738), MATRIX,
                    r"\frac{d}{d\mathbf{x}}(\mathbf{x}^\top A \mathbf{x}) = (\mathbf{A}"),
        variables=_XA, function="x.T*A*x", wrt="x", claimed="(A + A.T)*x",
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV.first-guess",
        source=text((764, 766), MATRIX, r"= -2(\mathbf{X} - \mathbf{U}\mathbf{V})\mathbf{U}."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V", claimed="-2*(X - U*V)*U",
        rejected_by_text="lines 769-771: X − UV is n×m and U is n×r, so the dimensions do not"
                         " match",
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV.guess",
        source=text((773, 775), MATRIX, r"= -2\mathbf{U}^\top(\mathbf{X} - \mathbf{U}\mathbf{V})."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V", claimed="-2*U.T*(X - U*V)",
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV",
        source=text((839, 841), MATRIX, r"= -2\mathbf{U}^\top(\mathbf{X} - \mathbf{U}\mathbf{V})."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V", claimed="-2*U.T*(X - U*V)",
        note="the solution to :eqref:`eq_mat_goal_2`, after the index computation",
    ),
]


CLAIMS = [*MATRIX_CLAIMS]
NO_CLAIMS: list[NoClaim] = []
