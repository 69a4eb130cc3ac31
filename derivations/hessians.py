"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
section 'Hessians' (lines 488-628).

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

BUMP = "x*e^(-x^2 - y^2)"

# --- x e^(-x^2-y^2): gradient, Hessian, quadratic approximation at [-1, 0] ----------------------

BUMP_TEXT = [
    Gradient(
        name="bump.gradient",
        source=text((542, 545), HESSIANS, r"\nabla f(x, y) = e^{-x^2-y^2}\begin{pmatrix}1-2x^2"),
        variables=XY, function=BUMP, wrt=("x", "y"),
        claimed="e^(-x^2 - y^2)*[1 - 2*x^2, -2*x*y]",
    ),
    Hessian(
        name="bump.hessian",
        source=text((542, 545), HESSIANS, r"\mathbf{H}f(x, y) = e^{-x^2-y^2}\begin{pmatrix}"),
        variables=XY, function=BUMP, wrt=("x", "y"),
        claimed="e^(-x^2 - y^2)*[[4*x^3 - 6*x, 4*x^2*y - 2*y], [4*x^2*y - 2*y, 4*x*y^2 - 2*x]]",
    ),
    Taylor(
        name="bump.quadratic-at-(-1,0)",
        source=text((547, 551), HESSIANS, r"f(x, y) \approx e^{-1}\left(-1 - (x+1) +(x+1)^2+y^2"),
        variables=XY, function=BUMP, wrt=("x", "y"), at=("-1", "0"), order=2,
        claimed="e^(-1)*(-1 - (x + 1) + (x + 1)^2 + y^2)",
    ),
]

_QUADRATIC_CELLS = {  # tab: (lines of the comment and the line computing w, quote, claimed)
    "mxnet": ((559, 560), "w = np.exp(-1)*(-1 - (x + 1) + (x + 1)**2 + y**2)",
              "exp(-1)*(-1 - (x + 1) + (x + 1)^2 + y^2)"),
    "pytorch": ((583, 584), "w = torch.exp(torch.tensor([-1.]))*(-1 - (x + 1) + 2 * (x + 1)**2",
                "exp(-1)*(-1 - (x + 1) + 2*(x + 1)^2 + 2*y^2)"),
    "tensorflow": ((609, 610), "w = tf.exp(tf.constant([-1.]))*(-1 - (x + 1) + 2 * (x + 1)**2",
                   "exp(-1)*(-1 - (x + 1) + 2*(x + 1)^2 + 2*y^2)"),
}

BUMP_CODE = [
    Taylor(name=f"bump.code.quadratic[{tab}]", source=code(lines, HESSIANS, tab, quote),
           variables=XY, function=BUMP, wrt=("x", "y"), at=("-1", "0"), order=2,
           claimed=claimed,
           note="the text (line 547) says the approximation is taken at [-1, 0]")
    for tab, (lines, quote, claimed) in _QUADRATIC_CELLS.items()
]



CLAIMS = [*BUMP_TEXT, *BUMP_CODE]
NO_CLAIMS: list[NoClaim] = []
