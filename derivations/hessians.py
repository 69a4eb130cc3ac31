"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
section 'Hessians' (lines 488-628).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.
"""

from __future__ import annotations

from checkers import (CellValue, Fn, Gradient, Hessian,
                      Identity, NoClaim, Taylor, Tex, Value, Var, Approximation)

from ._common import (HESSIANS, code, text)

XY = (Var("x"), Var("y"))

BUMP = "x*e^(-x^2 - y^2)"

# --- x e^(-x^2-y^2): gradient, Hessian, quadratic approximation at [-1, 0] ----------------------

BUMP_TEXT = [
    Gradient(
        name="bump.gradient",
        source=text((542, 545), HESSIANS, r"\nabla f(x, y) = e^{-x^2-y^2}\begin{pmatrix}1-2x^2"),
        variables=XY, function=BUMP, wrt=("x", "y"),
        claimed=Tex(lines=(542, 545), relation=1),  # e^(-x^2-y^2)*[1 - 2x^2, -2xy]
    ),
    Hessian(
        name="bump.hessian",
        source=text((542, 545), HESSIANS, r"\mathbf{H}f(x, y) = e^{-x^2-y^2}\begin{pmatrix}"),
        variables=XY, function=BUMP, wrt=("x", "y"),
        claimed=Tex(lines=(542, 545), relation=2),  # e^(-x^2-y^2)*[[4x^3-6x, ...]]
    ),
    Taylor(
        name="bump.quadratic-at-(-1,0)",
        source=text((547, 551), HESSIANS, r"f(x, y) \approx e^{-1}\left(-1 - (x+1) +(x+1)^2+y^2"),
        variables=XY, function=BUMP, wrt=("x", "y"), at=("-1", "0"), order=2,
        claimed=Tex(lines=(547, 551)),  # e^(-1)*(-1 - (x+1) + (x+1)^2 + y^2)
    ),
]

# The code cells build a grid (x, y), compute z = f on it, and w = the quadratic approximation;
# their comment says the approximation is taken "at (1, 0)". Each is read from the cell itself.
_CELLS = {  # tab: (first line of the cell, last line, line of z, line of comment, line of w)
    "mxnet": (553, 573, 557, 559, 560),
    "pytorch": (575, 599, 581, 583, 584),
    "tensorflow": (601, 625, 607, 609, 610),
}


def _bump_cell(tab, first, last, z_line, comment, w_line):
    w = CellValue(tab, "w", w_line)
    return [
        Identity(name=f"bump.code.z[{tab}]", source=code((z_line, z_line), HESSIANS, tab, "z = x*"),
                 variables=XY, lhs=CellValue(tab, "z", z_line), rhs=BUMP,
                 note="z, computed on the grid, is the f of line 539"),
        Taylor(name=f"bump.code.quadratic[{tab}]",
               source=code((comment, w_line), HESSIANS, tab, "w = "),
               variables=XY, function=BUMP, wrt=("x", "y"), at=("-1", "0"), order=2, claimed=w,
               note="the text (line 547) says the approximation is taken at [-1, 0]"),
        Taylor(name=f"bump.code.comment-at-(1,0)[{tab}]",
               source=code((comment, w_line), HESSIANS, tab,
                           "# Compute approximating quadratic with gradient and Hessian at (1, 0)"),
               variables=XY, function=BUMP, wrt=("x", "y"), at=("1", "0"), order=2, claimed=w,
               note="the comment says the quadratic w is taken at (1, 0)"),
    ]


BUMP_CODE = [c for tab, spec in _CELLS.items() for c in _bump_cell(tab, *spec)]

BUMP_PLOTS = [
    NoClaim(source=code((first, last), HESSIANS, tab, "ax.plot_wireframe"),
            reason="plot commands: draw z and w on the grid (no mathematics beyond z and w)")
    for tab, (first, last, *_rest) in _CELLS.items()
]


# --- second derivatives, the general quadratic, Taylor's second order --------------------------

_Q = "a + b_1*x_1 + b_2*x_2 + c_11*x_1^2 + c_12*x_1*x_2 + c_22*x_2^2"
_QV = tuple(Var(n) for n in ("x_1", "x_2", "a", "b_1", "b_2", "c_11", "c_12", "c_22"))


def _at_x0(e: str) -> str:
    return f"subs({e}, x_1, x0_1, x_2, x0_2)"


_STEP = "[x_1 - x0_1, x_2 - x0_2]"
_EXPANSION_AT_X0 = (
    f"{_at_x0(_Q)} + {_at_x0(f'diff({_Q}, x_1)')}*(x_1 - x0_1)"
    f" + {_at_x0(f'diff({_Q}, x_2)')}*(x_2 - x0_2)"
    f" + 1/2*({_STEP}.T*[[{_at_x0(f'diff({_Q}, x_1, x_1)')}, {_at_x0(f'diff({_Q}, x_1, x_2)')}],"
    f" [{_at_x0(f'diff({_Q}, x_2, x_1)')}, {_at_x0(f'diff({_Q}, x_2, x_2)')}]]*{_STEP})"
)

QUADRATIC = [
    Identity(
        name="hessian.mixed-partials-commute",
        source=text((503, 507), HESSIANS, r"\frac{d^2f}{dx_idx_j} = \frac{d^2f}{dx_jdx_i}."),
        variables=(Var("x_1"), Var("x_2"), Fn("f", 2)),
        lhs="diff(f(x_1, x_2), x_1, x_2)", rhs="diff(f(x_1, x_2), x_2, x_1)",
        note="for a smooth f of two variables (i = 1, j = 2); JAX checks it on random smooth"
             " instances, differentiating in both orders",
    ),
    Value(
        name="quadratic.value-at-0",
        source=text((516, 522), HESSIANS, "f(0,0) & = a"),
        variables=_QV, function=_Q, wrt=("x_1", "x_2"), at=("0", "0"), claimed="a",
    ),
    Gradient(
        name="quadratic.gradient-at-0",
        source=text((516, 522), HESSIANS, r"\nabla f (0,0) & = \begin{bmatrix}b_1"),
        variables=_QV, function=_Q, wrt=("x_1", "x_2"), at=("0", "0"), claimed="[b_1, b_2]",
    ),
    Hessian(
        name="quadratic.hessian-at-0",
        source=text((516, 522), HESSIANS, r"\begin{bmatrix}2 c_{11} & c_{12}"),
        variables=_QV, function=_Q, wrt=("x_1", "x_2"), at=("0", "0"),
        claimed="[[2*c_11, c_12], [c_12, 2*c_22]]",
    ),
    Taylor(
        name="quadratic.reconstructed-at-0",
        source=text((524, 528), HESSIANS,
                    r"f(\mathbf{x}) = f(0) + \nabla f (0) \cdot \mathbf{x} + \frac{1}{2}"),
        variables=_QV, function=_Q, wrt=("x_1", "x_2"), at=("0", "0"), order=2, claimed=_Q,
        note="f(x) = f(0) + ∇f(0)·x + ½xᵀHf(0)x: the second-order Taylor polynomial at 0 is f"
             " itself",
    ),
    Identity(
        name="quadratic.expansion-at-x0",
        source=text((530, 534), HESSIANS,
                    r"f(\mathbf{x}) = f(\mathbf{x}_0) + \nabla f (\mathbf{x}_0) \cdot"),
        variables=_QV + (Var("x0_1"), Var("x0_2")), lhs=_Q, rhs=_EXPANSION_AT_X0,
        note="for the quadratic of line 514 the expansion at any x0 is exact; f(x0), ∇f(x0)"
             " and Hf(x0) are written as derivatives of f evaluated at x0",
    ),
    Approximation(
        name="taylor2.best-quadratic-any-function",
        source=text((530, 536), HESSIANS, "melhor aproximação quadrática para qualquer função"),
        variables=(Var("x0_1"), Var("x0_2"), Var("epsilon_1"), Var("epsilon_2"), Fn("f", 2)),
        lhs="f(x0_1 + epsilon_1, x0_2 + epsilon_2)",
        rhs="f(x0_1, x0_2) + partial(f, 1, x0_1, x0_2)*epsilon_1"
            " + partial(f, 2, x0_1, x0_2)*epsilon_2"
            " + 1/2*(partial(f, [1, 1], x0_1, x0_2)*epsilon_1^2"
            " + 2*partial(f, [1, 2], x0_1, x0_2)*epsilon_1*epsilon_2"
            " + partial(f, [2, 2], x0_1, x0_2)*epsilon_2^2)",
        small=("epsilon_1", "epsilon_2"), order=2,
        note="line 536: the expansion of line 533 gives the best quadratic approximation of any"
             " (smooth) function at a point: it agrees with f to second order in x − x0",
    ),
]

NO_CLAIMS = [
    NoClaim(source=text((494, 496), HESSIANS, r"\frac{d^2f}{dx_idx_j} = \frac{d}{dx_i}"),
            reason="definition of the second partial derivative notation"),
    NoClaim(source=text((500, 501), HESSIANS, r"\mathbf{H}_f = \begin{bmatrix}"),
            reason="definition of the Hessian matrix (eq_hess_def)"),
    NoClaim(source=text((514, 514), HESSIANS, "Esta é a forma geral de uma quadrática"),
            reason="definition of the general two-variable quadratic"),
    NoClaim(source=text((538, 540), HESSIANS, "f(x, y) = xe^{-x^2-y^2}"),
            reason="definition of the example function x e^(−x²−y²), used by the claims below"),
    *BUMP_PLOTS,
]

CLAIMS = [*QUADRATIC, *BUMP_TEXT, *BUMP_CODE]
