"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
sections 'Diferenciação de Dimensões Superiores', 'Geometria de Gradientes e
Gradiente Descendente' and 'Uma Nota Sobre Otimização Matemática' (lines 1-227).

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

LOGSUMEXP = "log(e^x + e^y)"

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



CLAIMS = [*LOGSUMEXP_TEXT, *LOGSUMEXP_CODE]
NO_CLAIMS: list[NoClaim] = []
