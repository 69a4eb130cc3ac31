"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
sections 'Diferenciação de Dimensões Superiores', 'Geometria de Gradientes e
Gradiente Descendente' and 'Uma Nota Sobre Otimização Matemática' (lines 1-227).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.

The text's generic loss ``L(w_1, ..., w_N)`` is the arbitrary smooth function ``Fn("L", 3)``:
N = 3, vectors spelled by their components (``w = [w_1, w_2, w_3]``), the dot product
``ε·∇L(w)`` as ``[epsilon_1, epsilon_2, epsilon_3].T*[∂1 L, ∂2 L, ∂3 L]``. The geometry of
line 158 needs a unit vector and an angle, so it is encoded in 2-D (``Fn("L", 2)``).
"""

from __future__ import annotations

from checkers import (POSITIVE, Approximation, CellValue, CriticalPoints, Derivative, Extremum, Fn,
                      Gradient, Identity, NoClaim, Taylor, Tex, Value, Var, interval)

from ._common import GEOMETRY, HIGHER, OPTIMIZATION, code, text

XY = (Var("x"), Var("y"))

# --- the generic loss L(w_1, ..., w_N), with N = 3 ----------------------------------------------

_N3 = ("L(w_1, ..., w_N) is encoded with N = 3, an arbitrary smooth L (Fn), vectors by their"
       " components")
L3 = (Fn("L", 3), Var("w_1"), Var("w_2"), Var("w_3"))
EPS3 = (Var("epsilon_1"), Var("epsilon_2"), Var("epsilon_3"))
_W = "w_1, w_2, w_3"
_LW = f"L({_W})"


def _d(i, point: str = _W) -> str:
    """∂L/∂(i-th argument), evaluated at ``point``."""
    return f"partial(L, {i}, {point})"


def _dot_grad(vec: str, point: str = _W) -> str:
    """``vec · ∇L(point)`` for a 3-vector written ``[a, b, c]``."""
    return f"{vec}.T*[{_d(1, point)}, {_d(2, point)}, {_d(3, point)}]"


def _grad_norm2(point: str = _W) -> str:
    """``‖∇L(point)‖²``."""
    return " + ".join(f"{_d(i, point)}^2" for i in (1, 2, 3))


_EPS_VEC = "[epsilon_1, epsilon_2, epsilon_3]"
_L_MOVED = "L(w_1 + epsilon_1, w_2 + epsilon_2, w_3 + epsilon_3)"

# The aligned derivation of lines 17-28: A ≈ B ≈ C ≈ D, one claim per step.
_STEP_A = "L(w_1 + epsilon_1, w_2 + epsilon_2, w_3)"
_STEP_B = ("L(w_1, w_2 + epsilon_2, w_3)"
           f" + epsilon_1*{_d(1, 'w_1, w_2 + epsilon_2, w_3 + epsilon_3')}")
_STEP_D = f"{_LW} + epsilon_2*{_d(2)} + epsilon_1*{_d(1)}"
_STEP_C = f"{_STEP_D} + epsilon_1*epsilon_2*partial(L, [1, 2], {_W})"

FIRST_ORDER = [
    Approximation(
        name="partial.eq_part_der",
        source=text((9, 10), HIGHER, r"L(w_1+\epsilon_1, w_2, \ldots, w_N) \approx L(w_1, w_2,",
                    label="eq_part_der"),
        variables=L3 + EPS3[:1],
        lhs="L(w_1 + epsilon_1, w_2, w_3)", rhs=f"{_LW} + epsilon_1*diff({_LW}, w_1)",
        small=("epsilon_1",),
        note=_N3 + "; one weight moved, the others fixed: first order in epsilon_1",
    ),
    Approximation(
        name="partial.two-weights.step1",
        source=text((17, 19), HIGHER, r"\epsilon_1 \frac{\partial}{\partial w_1} L(w_1, "
                    r"w_2+\epsilon_2, \ldots, w_N+\epsilon_N)"),
        variables=L3 + EPS3,
        lhs=_STEP_A, rhs=_STEP_B, small=("epsilon_1",),
        notation_slip=True,
        note=_N3 + ". The step applies eq_part_der in epsilon_1 alone, every other argument as"
                   " on the left (w_2 + epsilon_2, ..., w_N). Encoded literally: the last"
                   " argument of the partial derivative is w_N + epsilon_N (here w_3 +"
                   " epsilon_3), which the left side does not have",
    ),
    Approximation(
        name="partial.two-weights.step2",
        source=text((20, 23), HIGHER, r"\epsilon_1\epsilon_2\frac{\partial}{\partial w_2}"
                    r"\frac{\partial}{\partial w_1} L(w_1, w_2, \ldots, w_N)"),
        variables=L3 + EPS3,
        lhs=_STEP_B, rhs=_STEP_C, small=("epsilon_2",),
        notation_slip=True,
        note=_N3 + ". The second ≈ of the chain: the right side of line 19, as written (with its"
                   " w_N + epsilon_N), linearised in epsilon_2 with epsilon_1 exact (that is"
                   " what produces the epsilon_1*epsilon_2 cross term)",
    ),
    Approximation(
        name="partial.two-weights.step3",
        source=text((24, 26), HIGHER, r"& \approx L(w_1, w_2, \ldots, w_N) \\"),
        variables=L3 + EPS3[:2],
        lhs=_STEP_C, rhs=_STEP_D, small=("epsilon_1", "epsilon_2"),
        note=_N3 + ". The third ≈ drops the epsilon_1*epsilon_2 term as of higher order (line"
                   " 30): first order in (epsilon_1, epsilon_2) jointly",
    ),
    Approximation(
        name="partial.two-weights",
        source=text((17, 28), HIGHER, r"L(w_1+\epsilon_1, w_2+\epsilon_2, \ldots, w_N) & "
                    r"\approx"),
        variables=L3 + EPS3[:2],
        lhs=_STEP_A, rhs=_STEP_D, small=("epsilon_1", "epsilon_2"),
        note=_N3 + ". What the chain of lines 17-28 concludes, first line ≈ last line: first"
                   " order in (epsilon_1, epsilon_2)",
    ),
    Approximation(
        name="partial.all-weights",
        source=text((32, 34), HIGHER, r"\approx L(w_1, w_2, \ldots, w_N) + \sum_i \epsilon_i "
                    r"\frac{\partial}{\partial w_i}"),
        variables=L3 + EPS3,
        lhs=_L_MOVED,
        rhs=f"{_LW} + epsilon_1*{_d(1)} + epsilon_2*{_d(2)} + epsilon_3*{_d(3)}",
        small=("epsilon_1", "epsilon_2", "epsilon_3"),
        note=_N3 + "; the sum over i written out",
    ),
    Approximation(
        name="gradient.eq_nabla_use",
        source=text((45, 46), HIGHER, r"L(\mathbf{w} + \boldsymbol{\epsilon}) \approx "
                    r"L(\mathbf{w}) + \boldsymbol{\epsilon}\cdot \nabla_{\mathbf{w}} L(\mathbf{w})",
                    label="eq_nabla_use"),
        variables=L3 + EPS3,
        lhs=_L_MOVED, rhs=f"{_LW} + {_dot_grad(_EPS_VEC)}",
        small=("epsilon_1", "epsilon_2", "epsilon_3"),
        note=_N3 + "; w = [w_1, w_2, w_3], ε = [epsilon_1, epsilon_2, epsilon_3]",
    ),
]

FIRST_ORDER_NO_CLAIMS = [
    NoClaim(source=text((38, 41), HIGHER, r"\boldsymbol{\epsilon} = [\epsilon_1, \ldots, "
                        r"\epsilon_N]^\top"),
            reason="definition of the vector ε and of the gradient ∇L (written with x_i where"
                   " the text elsewhere uses w_i; the gradient is used, and checked, in"
                   " gradient.eq_nabla_use)"),
]

# --- log(e^x + e^y): gradient, value and gradient at (0, log 2), first-order approximation -----

LOGSUMEXP = "log(e^x + e^y)"

_LITERAL_62 = ("line 62 writes f(x, y) and ∇f(x, y) where line 59 says it means the point"
               " (0, log 2); this claim encodes what it literally writes, for every x, y (the"
               " point claims are logsumexp.value-at-(0,log2) and"
               " logsumexp.gradient-at-(0,log2))")

LOGSUMEXP_TEXT = [
    Gradient(
        name="logsumexp.gradient",
        source=text((55, 57), HIGHER, r"\nabla f (x, y) = \left[\frac{e^x}{e^x+e^y}"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"),
        claimed=Tex(lines=(55, 57), relation=2),  # [e^x/(e^x+e^y), e^y/(e^x+e^y)]
    ),
    Value(
        name="logsumexp.value-at-(0,log2)",
        source=text((59, 63), HIGHER, r"f(x, y) = \log(3)"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"), at=("0", "log(2)"),
        claimed="log(3)",
        note="at the point (0, log 2) of line 59",
    ),
    Gradient(
        name="logsumexp.gradient-at-(0,log2)",
        source=text((59, 63), HIGHER, r"\left[\frac{1}{3}, \frac{2}{3}\right]"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"), at=("0", "log(2)"),
        claimed="[1/3, 2/3]",
        note="at the point (0, log 2) of line 59",
    ),
    Identity(
        name="logsumexp.value-literal",
        source=text((61, 63), HIGHER, r"f(x, y) = \log(3)"),
        variables=XY, lhs="log(3)", rhs=LOGSUMEXP,
        notation_slip=True,
        note=_LITERAL_62,
    ),
    Gradient(
        name="logsumexp.gradient-literal",
        source=text((61, 63), HIGHER, r"\nabla f (x, y) = \left[\frac{1}{3}, \frac{2}{3}\right]"),
        variables=XY, function=LOGSUMEXP, wrt=("x", "y"), claimed="[1/3, 2/3]",
        notation_slip=True,
        note=_LITERAL_62,
    ),
    Taylor(
        name="logsumexp.first-order-at-(0,log2)",
        source=text((65, 69), HIGHER, r"\approx \log(3) + \frac{1}{3}\epsilon_1"),
        variables=XY + (Var("epsilon_1"), Var("epsilon_2")), function=LOGSUMEXP,
        wrt=("x", "y"), at=("0", "log(2)"), order=1,
        substitute=(("x", "epsilon_1"), ("y", "log(2) + epsilon_2")),
        claimed=Tex(lines=(67, 69)),  # log(3) + epsilon_1/3 + 2*epsilon_2/3
    ),
]

# The code cells define f and grad_f, then compute f(0, log 2) + epsilon . grad_f(0, log 2) for
# the cell's epsilon and compare it with f at the moved point. Every claimed side, and the
# cell's epsilon, is read from the cell (CellValue), never retyped; the function they claim to
# compute or approximate is the text's f (lines 55-57) at the text's point (0, log 2).

_LOGSUMEXP_CELLS = {
    # tab: (f, grad_f, epsilon, grad_approx, true_value) lines where each statement starts,
    #      (cell lines of f/grad_f, of grad_approx, of true_value), quotes
    "mxnet": ((81, 83, 87, 88, 89), ((81, 85), (87, 88), (87, 89)),
              ("return np.log(np.exp(x) + np.exp(y))", "np.exp(x) / (np.exp(x) + np.exp(y))",
               "grad_approx = f(0, np.log(2))", "true_value = f(0 + epsilon[0]")),
    "pytorch": ((102, 104, 108, 109, 112), ((102, 106), (108, 111), (108, 113)),
                ("return torch.log(torch.exp(x) + torch.exp(y))", "torch.exp(x) / (torch.exp(x)",
                 "grad_approx = f(torch.tensor([0.]), torch.log(", "true_value = f(torch")),
    "tensorflow": ((126, 128, 132, 133, 136), ((126, 130), (132, 135), (132, 137)),
                   ("return tf.math.log(tf.exp(x) + tf.exp(y))",
                    "(tf.exp(x) / (tf.exp(x) + tf.exp(y)))",
                    "grad_approx = f(tf.constant([0.]), tf.math.log(", "true_value = f(tf")),
}


def _logsumexp_cell(tab, starts, spans, quotes):
    f_at, grad_at, eps_at, approx_at, true_at = starts
    (f_lines, approx_lines, true_lines), (q_f, q_grad, q_approx, q_true) = spans, quotes
    eps = (("eps", CellValue(tab, "epsilon", eps_at)),)
    moved = ("0 + eps[1]", "log(2) + eps[2]")
    return [
        Identity(name=f"logsumexp.code.f[{tab}]",
                 source=code((f_at, f_at + 1), HIGHER, tab, q_f),
                 variables=XY, lhs=CellValue(tab, "f", f_at, call=("x", "y")), rhs=LOGSUMEXP,
                 note="the cell's f is the text's f (lines 55-57)"),
        Gradient(name=f"logsumexp.code.grad_f[{tab}]",
                 source=code((grad_at, f_lines[1]), HIGHER, tab, q_grad),
                 variables=XY, function=LOGSUMEXP, wrt=("x", "y"),
                 claimed=CellValue(tab, "grad_f", grad_at, call=("x", "y")),
                 note="the cell's grad_f is the gradient of the text's f"),
        Taylor(name=f"logsumexp.code.grad_approx[{tab}]",
               source=code(approx_lines, HIGHER, tab, q_approx),
               variables=XY, definitions=eps, function=LOGSUMEXP, wrt=("x", "y"),
               at=("0", "log(2)"), order=1, substitute=tuple(zip(("x", "y"), moved)),
               claimed=CellValue(tab, "grad_approx", approx_at),
               note="the first-order approximation at (0, log 2) (line 65), evaluated at the"
                    " cell's moved point (0 + epsilon[0], log 2 + epsilon[1])"),
        Value(name=f"logsumexp.code.true_value[{tab}]",
              source=code(true_lines, HIGHER, tab, q_true),
              variables=XY, definitions=eps, function=LOGSUMEXP, wrt=("x", "y"), at=moved,
              claimed=CellValue(tab, "true_value", true_at),
              note="the text's f at the cell's moved point"),
    ]


LOGSUMEXP_CODE = [c for tab, spec in _LOGSUMEXP_CELLS.items() for c in _logsumexp_cell(tab, *spec)]

# --- geometry of gradients and gradient descent (lines 141-171) ---------------------------------

_L2 = (Fn("L", 2), Var("w_1"), Var("w_2"))
_UNIT = "[cos(phi), sin(phi)]"
_GRAD2 = "[partial(L, 1, w_1, w_2), partial(L, 2, w_1, w_2)]"
_2D = ("encoded in 2-D (Fn L of 2 arguments, w = [w_1, w_2]) so that the unit vector v can be"
       " written v = [cos(phi), sin(phi)]")

GEOMETRY_CLAIMS = [
    Approximation(
        name="gradient.eq_nabla_use.geometry",
        source=text((144, 146), GEOMETRY, r"L(\mathbf{w} + \boldsymbol{\epsilon}) \approx "
                    r"L(\mathbf{w}) + \boldsymbol{\epsilon}\cdot \nabla_{\mathbf{w}} "
                    r"L(\mathbf{w})"),
        variables=L3 + EPS3,
        lhs=_L_MOVED, rhs=f"{_LW} + {_dot_grad(_EPS_VEC)}",
        small=("epsilon_1", "epsilon_2", "epsilon_3"),
        note=_N3 + "; eq_nabla_use restated (same encoding as gradient.eq_nabla_use)",
    ),
    Approximation(
        name="gradient.unit-direction.approx",
        source=text((157, 159), GEOMETRY, r"L(\mathbf{w} + \mathbf{v}) \approx L(\mathbf{w}) + "
                    r"\mathbf{v}\cdot \nabla_{\mathbf{w}} L(\mathbf{w})"),
        variables=_L2 + (Var("phi"),),
        lhs="L(w_1 + cos(phi), w_2 + sin(phi))", rhs=f"L(w_1, w_2) + {_UNIT}.T*{_GRAD2}",
        small=(),
        note=_2D + ". Line 161 says v has length one, so v is not a small perturbation: nothing"
                   " is small here, and the ≈ is checked as the text states it, for a unit v"
                   " (eq_nabla_use, of which this is said to be a rewriting, holds for a small"
                   " ε, e.g. for εv)",
    ),
    Identity(
        name="gradient.unit-direction.cos",
        source=text((157, 159), GEOMETRY, r"= L(\mathbf{w}) + \|\nabla_{\mathbf{w}} "
                    r"L(\mathbf{w})\|\cos(\theta)"),
        variables=_L2 + (Var("phi"), Var("psi"), Var("r", domain=POSITIVE)),
        definitions=(("g_1", "r*cos(psi)"), ("g_2", "r*sin(psi)"), ("theta", "phi - psi")),
        lhs="L(w_1, w_2) + sqrt(g_1^2 + g_2^2)*cos(theta)",
        rhs=f"L(w_1, w_2) + {_UNIT}.T*[g_1, g_2]",
        note=_2D + "; the gradient ∇L(w) = [g_1, g_2] = r[cos(psi), sin(psi)] (every non-zero"
                   " 2-D vector is one, r = its length), so theta = phi - psi is the angle"
                   " between v and ∇L(w) (line 161)",
    ),
    Value(
        name="gradient.cos(theta)=-1-at-pi",
        source=text((161, 161), GEOMETRY, r"tornando $\cos(\theta) = -1$ ou equivalentemente"),
        variables=(Var("theta"),), function="cos(theta)", wrt=("theta",), at=("pi",),
        claimed="-1",
        note="cos(θ) = -1 at the angle π radians (180 degrees)",
    ),
    Identity(
        name="gradient.steepest-descent",
        source=text((161, 163), GEOMETRY, r"a direção dos pontos decentes mais íngremes na "
                    r"direção de $-\nabla_{\mathbf{w}}L(\mathbf{w})$"),
        variables=(Var("phi"), Var("g_1"), Var("g_2")),
        definitions=(("n", "sqrt(g_1^2 + g_2^2)"),),
        lhs=f"-n + n/2*norm({_UNIT} + [g_1, g_2]/n)^2",
        rhs=f"{_UNIT}.T*[g_1, g_2]",
        note="in 2-D, ∇L(w) = [g_1, g_2] any non-zero vector, v = [cos(phi), sin(phi)] any unit"
             " direction: v·∇L(w) = -‖∇L‖ + ‖∇L‖/2 ‖v - (-∇L/‖∇L‖)‖², so v·∇L(w) (the"
             " first-order change of L, lines 158-161) is smallest, -‖∇L‖ (cos θ = -1), exactly"
             " at v = -∇L(w)/‖∇L(w)‖: the steepest descent points along -∇L(w). Encoded as an"
             " identity because derivcheck decides a global minimum over the angle phi only"
             " for polynomials",
    ),
    Approximation(
        name="gradient.descent-step",
        source=text((167, 167), GEOMETRY, r"\mathbf{w} \rightarrow \mathbf{w} - "
                    r"\epsilon\nabla_{\mathbf{w}} L(\mathbf{w})"),
        variables=L3 + (Var("epsilon"),),
        lhs=("L(" + ", ".join(f"w_{i} - epsilon*{_d(i)}" for i in (1, 2, 3)) + ")"),
        rhs=f"{_LW} - epsilon*({_grad_norm2()})",
        small=("epsilon",),
        note=_N3 + ". The update w → w - ε∇L(w) is a small step along -∇L(w), the direction of"
                   " steepest descent (gradient.steepest-descent): to first order in the step"
                   " size ε it changes L by -ε‖∇L(w)‖² (eq_nabla_use with the step -ε∇L(w))",
    ),
]

GEOMETRY_NO_CLAIMS = [
    NoClaim(source=text((152, 152), GEOMETRY, r"\mathbf{w} \rightarrow \mathbf{w} + "
                        r"\epsilon\mathbf{v}"),
            reason="step 3 of the informal algorithm: an instruction (the update rule) with v the"
                   " still unknown direction of step 2, a question the text answers at lines"
                   " 155-163 (gradient.steepest-descent)"),
]

# --- a note on mathematical optimisation (lines 173-227) ----------------------------------------

_X3 = (Fn("L", 3), Var("x0_1"), Var("x0_2"), Var("x0_3"))
_X0 = "x0_1, x0_2, x0_3"
_POLY = "3*x^4 - 4*x^3 - 12*x^2"
_X = (Var("x"),)

OPTIMIZATION_CLAIMS = [
    Approximation(
        name="optimum.eq_nabla_use-at-x0",
        source=text((182, 184), OPTIMIZATION, r"L(\mathbf{x}_0 + \boldsymbol{\epsilon}) \approx "
                    r"L(\mathbf{x}_0)"),
        variables=_X3 + EPS3,
        lhs="L(x0_1 + epsilon_1, x0_2 + epsilon_2, x0_3 + epsilon_3)",
        rhs=f"L({_X0}) + {_dot_grad(_EPS_VEC, _X0)}",
        small=("epsilon_1", "epsilon_2", "epsilon_3"),
        note=_N3 + "; x_0 = [x0_1, x0_2, x0_3]",
    ),
    Approximation(
        name="optimum.step-lowers-L",
        source=text((187, 187), OPTIMIZATION, r"podemos dar um passo na direção $-\epsilon "
                    r"\nabla_{\mathbf{x}} L(\mathbf{x}_0)$ para encontrar um valor de $L$ que é"
                    r" menor"),
        variables=_X3 + (Var("epsilon"),),
        lhs=("L(" + ", ".join(f"x0_{i} - epsilon*{_d(i, _X0)}" for i in (1, 2, 3)) + ")"),
        rhs=f"L({_X0}) - epsilon*({_grad_norm2(_X0)})",
        small=("epsilon",),
        note=_N3 + ". The step -ε∇L(x_0) changes L by -ε‖∇L(x_0)‖² to first order in ε, which is"
                   " negative when the gradient is not zero: hence ∇L(x_0) = 0 at a minimum"
                   " (the argument of line 187)",
    ),
    Derivative(
        name="optimum.poly.derivative",
        source=text((197, 199), OPTIMIZATION, r"\frac{df}{dx} = 12x^3 - 12x^2 -24x"),
        variables=_X, function=_POLY, wrt="x", claimed="12*x^3 - 12*x^2 - 24*x",
        note="f of line 193",
    ),
    Identity(
        name="optimum.poly.factorisation",
        source=text((197, 199), OPTIMIZATION, r"12x^3 - 12x^2 -24x = 12x(x-2)(x+1)"),
        variables=_X, lhs="12*x*(x - 2)*(x + 1)", rhs="12*x^3 - 12*x^2 - 24*x",
    ),
    CriticalPoints(
        name="optimum.poly.critical-points",
        source=text((201, 201), OPTIMIZATION, r"A única localização possível dos mínimos está em"
                    r" $x = -1, 0, 2$"),
        variables=_X, function=_POLY, wrt=("x",), claimed=(("-1",), ("0",), ("2",)),
        note="the only possible places of the minima are the points where df/dx = 0",
    ),
    *[Value(name=f"optimum.poly.f({at})={value}",
            source=text((201, 201), OPTIMIZATION, r"onde a função assume os valores $-5,0, -32$"),
            variables=_X, function=_POLY, wrt=("x",), at=(at,), claimed=value,
            note="x = -1, 0, 2 take the values -5, 0, -32 respectively")
      for at, value in (("-1", "-5"), ("0", "0"), ("2", "-32"))],
    Extremum(
        name="optimum.poly.global-minimum-at-x=2",
        source=text((201, 201), OPTIMIZATION, r"minimizamos nossa função quando $x = 2$"),
        variables=_X, function=_POLY, wrt=("x",), at=("2",), nature="minimum", scope="global",
    ),
    *[Extremum(
        name=f"optimum.poly.global-minimum-at-x={at}.rejected",
        source=text((201, 201), OPTIMIZATION, r"A única localização possível dos mínimos está em"
                    r" $x = -1, 0, 2$"),
        variables=_X, function=_POLY, wrt=("x",), at=(at,), nature="minimum", scope="global",
        rejected_by_text="line 201 concludes that of the candidates x = -1, 0, 2 the function is"
                         " minimised at x = 2; line 226: not every point with zero gradient is"
                         " the global minimum",
        note=f"the candidate x = {at} of line 201, as a global minimum")
      for at in ("-1", "0")],
]

# The plotting cells: the grid x = arange(-2, 3, 0.01) is the claim's variable x (on [-2, 3]),
# and each tab's f, read from its cell, is the text's f of line 193.
_PLOT_CELLS = {"mxnet": (204, "x = np.arange(-2, 3, 0.01)"),
               "pytorch": (212, "x = torch.arange(-2, 3, 0.01)"),
               "tensorflow": (220, "x = tf.range(-2, 3, 0.01)")}

OPTIMIZATION_CODE = [
    Identity(name=f"optimum.code.f[{tab}]",
             source=code((grid, grid + 1), OPTIMIZATION, tab, quote),
             variables=(Var("x", domain=interval(-2, 3)),),
             lhs=CellValue(tab, "f", grid + 1), rhs=_POLY,
             note="the cell's f over its grid x (arange(-2, 3, 0.01)) is the text's f (line 193)")
    for tab, (grid, quote) in _PLOT_CELLS.items()
]

OPTIMIZATION_NO_CLAIMS = [
    NoClaim(source=text((187, 187), OPTIMIZATION, r"Chamamos pontos com $\nabla_{\mathbf{x}} "
                        r"L(\mathbf{x}_0) = 0$ *pontos críticos*"),
            reason="definition of critical points (the line's argument that a minimum has"
                   " ∇L(x_0) = 0 is optimum.step-lowers-L)"),
    NoClaim(source=text((192, 194), OPTIMIZATION, r"f(x) = 3x^4 - 4x^3 -12x^2"),
            reason="definition of the example f (used by the optimum.poly.* claims)"),
    *[NoClaim(source=code((grid + 3, grid + 3), OPTIMIZATION, tab, "d2l.plot(x, f, 'x', 'f(x)')"),
              reason="plot command: draws f over the grid (the quick plot of line 201; the"
                     " minimum it shows is optimum.poly.global-minimum-at-x=2)")
      for tab, (grid, _) in _PLOT_CELLS.items()],
]


CLAIMS = [*FIRST_ORDER, *LOGSUMEXP_TEXT, *LOGSUMEXP_CODE, *GEOMETRY_CLAIMS, *OPTIMIZATION_CLAIMS,
          *OPTIMIZATION_CODE]
NO_CLAIMS: list[NoClaim] = [*FIRST_ORDER_NO_CLAIMS, *GEOMETRY_NO_CLAIMS, *OPTIMIZATION_NO_CLAIMS]
