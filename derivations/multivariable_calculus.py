"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the three tabs are separate claims, so a disagreement shows which copy is
wrong.
"""

from __future__ import annotations

from checkers import (Derivative, Gradient, Hessian, NoClaim, Source, Taylor, Value, Var,
                      matrix, vector)

HIGHER = "Diferenciação de Dimensões Superiores"
HESSIANS = "Hessians"
MATRIX = "Um Pouco de Cálculo Matricial"

XY = (Var("x"), Var("y"))
LOGSUMEXP = "log(e^x + e^y)"
BUMP = "x*e^(-x^2 - y^2)"


def text(lines: tuple[int, int], section: str, quote: str, label: str | None = None) -> Source:
    return Source(lines=lines, section=section, quote=quote, label=label)


def code(lines: tuple[int, int], section: str, tab: str, quote: str) -> Source:
    return Source(lines=lines, section=section, tab=tab, quote=quote)


# --- log(e^x + e^y): gradient, value and gradient at (0, log 2), first-order approximation -----

LOGSUMEXP_TEXT = [
    Gradient(
        name="logsumexp.gradient",
        source=text((55, 57), HIGHER, r"\nabla f (x, y) = \left[\frac{e^x}{e^x+e^y}"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"),
        claimed="[e^x/(e^x + e^y), e^y/(e^x + e^y)]",
    ),
    Value(
        name="logsumexp.value-at-(0,log2)",
        source=text((59, 63), HIGHER, r"f(x, y) = \log(3)"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"), at=("0", "log(2)"),
        claimed="log(3)",
    ),
    Gradient(
        name="logsumexp.gradient-at-(0,log2)",
        source=text((59, 63), HIGHER, r"\left[\frac{1}{3}, \frac{2}{3}\right]"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"), at=("0", "log(2)"),
        claimed="[1/3, 2/3]",
    ),
    Taylor(
        name="logsumexp.first-order-at-(0,log2)",
        source=text((65, 69), HIGHER, r"\approx \log(3) + \frac{1}{3}\epsilon_1"),
        variables=XY + (Var("epsilon_1"), Var("epsilon_2")), function=LOGSUMEXP,
        wrt=("x", "y"), at=("0", "log(2)"), order=1,
        substitute=(("x", "epsilon_1"), ("y", "log(2) + epsilon_2")),
        claimed="log(3) + epsilon_1/3 + 2*epsilon_2/3",
    ),
]

# The code cells define grad_f, then compute f(0, log 2) + epsilon . grad_f(0, log 2) for
# epsilon = [0.01, -0.03] and compare it with f at the moved point. Written out as each tab
# computes it (issue #3 reads these from the cells themselves).
_GRAD_F = "[exp(x)/(exp(x) + exp(y)), exp(y)/(exp(x) + exp(y))]"
_APPROX = ("log(exp(0) + exp(log(2)))"
           " + 0.01*exp(0)/(exp(0) + exp(log(2))) + (-0.03)*exp(log(2))/(exp(0) + exp(log(2)))")
_TRUE = "log(exp(0 + 0.01) + exp(log(2) + (-0.03)))"
_EPS_POINT = (("x", "0 + 0.01"), ("y", "log(2) + (-0.03)"))

_LOGSUMEXP_CELLS = {  # tab: (grad_f lines, grad_approx lines, true_value lines, quotes)
    "mxnet": ((83, 85), (87, 88), (89, 89), "np.exp(x) / (np.exp(x) + np.exp(y))",
              "grad_approx = f(0, np.log(2))", "true_value = f(0 + epsilon[0]"),
    "pytorch": ((104, 106), (108, 111), (112, 113), "torch.exp(x) / (torch.exp(x)",
                "grad_approx = f(torch.tensor([0.]), torch.log(", "true_value = f(torch"),
    "tensorflow": ((128, 130), (132, 135), (136, 137), "(tf.exp(x) / (tf.exp(x) + tf.exp(y)))",
                   "grad_approx = f(tf.constant([0.]), tf.math.log(", "true_value = f(tf"),
}


def _logsumexp_cell(tab, grad_lines, approx_lines, true_lines, q_grad, q_approx, q_true):
    return [
        Gradient(name=f"logsumexp.code.grad_f[{tab}]",
                 source=code(grad_lines, HIGHER, tab, q_grad),
                 variables=XY, function=LOGSUMEXP, wrt=("x", "y"), claimed=_GRAD_F),
        Taylor(name=f"logsumexp.code.grad_approx[{tab}]",
               source=code(approx_lines, HIGHER, tab, q_approx),
               variables=XY, function=LOGSUMEXP, wrt=("x", "y"), at=("0", "log(2)"), order=1,
               substitute=_EPS_POINT, claimed=_APPROX),
        Value(name=f"logsumexp.code.true_value[{tab}]",
              source=code(true_lines, HIGHER, tab, q_true),
              variables=XY, function=LOGSUMEXP, wrt=("x", "y"),
              at=("0 + 0.01", "log(2) + (-0.03)"), claimed=_TRUE),
    ]


LOGSUMEXP_CODE = [c for tab, spec in _LOGSUMEXP_CELLS.items() for c in _logsumexp_cell(tab, *spec)]


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

CLAIMS = [*LOGSUMEXP_TEXT, *LOGSUMEXP_CODE, *BUMP_TEXT, *BUMP_CODE, *MATRIX_CLAIMS]

NO_CLAIMS: list[NoClaim] = []
