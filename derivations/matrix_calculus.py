"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
section 'Um Pouco de Cálculo Matricial' (lines 629-846).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.
"""

from __future__ import annotations

from checkers import Derivative, Identity, Index, NoClaim, Tex, Var, matrix, vector

from ._common import (MATRIX,
                      text)

XY = (Var("x"), Var("y"))

# --- matrix calculus -----------------------------------------------------------------------------

_XA = (vector("x", "n"), matrix("A", "n", "n"))
_XUV = (matrix("X", "n", "m"), matrix("U", "n", "r"), matrix("V", "r", "m"))

MATRIX_CLAIMS = [
    Derivative(
        name="matrix.d(xTAx)/dx",
        source=text((736, 738), MATRIX,
                    r"\frac{d}{d\mathbf{x}}(\mathbf{x}^\top A \mathbf{x}) = (\mathbf{A}"),
        variables=_XA, function="x.T*A*x", wrt="x",
        claimed=Tex(lines=(736, 738)),  # (A + A.T)*x
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV.first-guess",
        source=text((764, 766), MATRIX, r"= -2(\mathbf{X} - \mathbf{U}\mathbf{V})\mathbf{U}."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V",
        claimed=Tex(lines=(764, 766)),  # -2*(X - U*V)*U
        rejected_by_text="lines 769-771: X − UV is n×m and U is n×r, so the dimensions do not"
                         " match",
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV.guess",
        source=text((773, 775), MATRIX, r"= -2\mathbf{U}^\top(\mathbf{X} - \mathbf{U}\mathbf{V})."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V",
        claimed=Tex(lines=(773, 775)),  # -2*U.T*(X - U*V)
    ),
    Derivative(
        name="matrix.d||X-UV||^2/dV",
        source=text((839, 841), MATRIX, r"= -2\mathbf{U}^\top(\mathbf{X} - \mathbf{U}\mathbf{V})."),
        variables=_XUV, function="norm(X - U*V)^2", wrt="V",
        claimed=Tex(lines=(839, 841)),  # -2*U.T*(X - U*V)
        note="the solution to :eqref:`eq_mat_goal_2`, after the index computation",
    ),
]


# --- d/dx βᵀx, in components ------------------------------------------------------------------

_BX = (vector("beta", "n"), vector("x", "n"))
_BXI = _BX + (Index("i", "n"),)
_SUM_BX = "sum(beta[i]*x[i], i, 1, n)"

BETA = [
    Identity(
        name="matrix.betaTx-in-components",
        source=text((650, 652), MATRIX, r"f(\mathbf{x}) = \sum_{i = 1}^{n} \beta_ix_i"),
        variables=_BX, lhs="beta.T*x", rhs="sum(beta[j]*x[j], j, 1, n)",
        note="β₁x₁ + ⋯ + βₙxₙ is the same sum written out",
    ),
    Identity(
        name="matrix.betaTx.partial-wrt-beta_1-as-written",
        source=text((654, 658), MATRIX, r"em relação a $\beta_1$"),
        variables=_BX, lhs="beta[1]", rhs=f"diff({_SUM_BX}, beta[1])",
        notation_slip=True,
        note="the text says it takes the partial derivative 'em relação a β₁' (with respect to"
             " β₁) and gets β₁; the partial with respect to β₁ is x₁ (it means x₁)",
    ),
    Identity(
        name="matrix.betaTx.df/dx_1",
        source=text((656, 658), MATRIX, r"\frac{df}{dx_1} = \beta_1"),
        variables=_BX, lhs=f"diff({_SUM_BX}, x[1])", rhs="beta[1]",
    ),
    Identity(
        name="matrix.betaTx.df/dx_i",
        source=text((662, 664), MATRIX, r"\frac{df}{dx_i} = \beta_i"),
        variables=_BXI, lhs="diff(sum(beta[j]*x[j], j, 1, n), x[i])", rhs="beta[i]",
    ),
    Derivative(
        name="matrix.d(betaTx)/dx",
        source=text((668, 678), MATRIX, r"\end{bmatrix} = \boldsymbol{\beta}"),
        variables=_BX, function="beta.T*x", wrt="x", claimed="beta",
    ),
    Derivative(
        name="matrix.d(bx)/dx-scalar",
        source=text((684, 684), MATRIX, r"$\frac{d}{dx}(bx) = b$"),
        variables=(Var("b"), Var("x")), function="b*x", wrt="x", claimed="b",
    ),
    Derivative(
        name="matrix.d(betaTx)/dx-inline",
        source=text((684, 684), MATRIX,
                    r"$\frac{d}{d\mathbf{x}} (\boldsymbol{\beta}^\top\mathbf{x}) = \boldsymbol{\beta}$"),
        variables=_BX, function="beta.T*x", wrt="x", claimed="beta",
    ),
]

# --- d/dx xᵀAx by indices (Einstein notation: repeated indices are summed) --------------------

_XAK = _XA + (Index("k", "n"),)
_XAX = "sum(sum(x[i]*A[i, j]*x[j], j, 1, n), i, 1, n)"

XTAX = [
    Identity(
        name="matrix.xTAx-einstein",
        source=text((694, 696), MATRIX, r"\mathbf{x}^\top A \mathbf{x} = x_ia_{ij}x_j."),
        variables=_XA, lhs="x.T*A*x", rhs=_XAX,
        note="Einstein notation: x_i a_ij x_j sums over i and j",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k-einstein",
        source=text((700, 702), MATRIX,
                    r"\frac{d}{dx_k}(\mathbf{x}^\top A \mathbf{x}) = \frac{d}{dx_k}x_ia_{ij}x_j."),
        variables=_XAK, lhs="diff(x.T*A*x, x[k])", rhs=f"diff({_XAX}, x[k])",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.product-rule",
        source=text((706, 708), MATRIX,
                    r"= \frac{dx_i}{dx_k}a_{ij}x_j + x_ia_{ij}\frac{dx_j}{dx_k}."),
        variables=_XAK, lhs=f"diff({_XAX}, x[k])",
        rhs="sum(sum(diff(x[i], x[k])*A[i, j]*x[j] + x[i]*A[i, j]*diff(x[j], x[k]),"
            " j, 1, n), i, 1, n)",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.deltas",
        source=text((712, 714), MATRIX, r"= a_{kj}x_j + x_ia_{ik}."),
        variables=_XAK, lhs=f"diff({_XAX}, x[k])",
        rhs="sum(A[k, j]*x[j], j, 1, n) + sum(x[i]*A[i, k], i, 1, n)",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.reindexed",
        source=text((718, 720), MATRIX, r"= a_{ki}x_i + x_ia_{ik}"),
        variables=_XAK, lhs=f"diff({_XAX}, x[k])",
        rhs="sum(A[k, i]*x[i], i, 1, n) + sum(x[i]*A[i, k], i, 1, n)",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.factored",
        source=text((718, 720), MATRIX, r"= (a_{ki} + a_{ik})x_i."),
        variables=_XAK, lhs="sum(A[k, i]*x[i], i, 1, n) + sum(x[i]*A[i, k], i, 1, n)",
        rhs="sum((A[k, i] + A[i, k])*x[i], i, 1, n)",
    ),
    Identity(
        name="matrix.a_ki+a_ik-is-entry-of-A+AT",
        source=text((722, 722), MATRIX, r"$a_{ki} + a_{ik}$ é o $k, i$-ésimo componente"),
        variables=_XAK + (Index("i", "n"),), lhs="A[k, i] + A[i, k]", rhs="(A + A.T)[k, i]",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.as-entry",
        source=text((724, 726), MATRIX, r"= [\mathbf{A} + \mathbf{A}^\top]_{ki}x_i."),
        variables=_XAK, lhs=f"diff({_XAX}, x[k])", rhs="sum((A + A.T)[k, i]*x[i], i, 1, n)",
    ),
    Identity(
        name="matrix.d(xTAx)/dx_k.as-product",
        source=text((730, 732), MATRIX, r"= [(\mathbf{A} + \mathbf{A}^\top)\mathbf{x}]_k."),
        variables=_XAK, lhs=f"diff({_XAX}, x[k])", rhs="((A + A.T)*x)[k]",
        note="[d/dx (xᵀAx)]_k is d/dx_k (xᵀAx) in denominator layout",
    ),
]

# --- scalar analogues ---------------------------------------------------------------------------

SCALAR = [
    Identity(
        name="matrix.d(xax)/dx.product-rule",
        source=text((742, 744), MATRIX, r"\frac{d}{dx}(xax) = \frac{dx}{dx}ax + xa\frac{dx}{dx}"),
        variables=(Var("x"), Var("a")), lhs="diff(x*a*x, x)",
        rhs="diff(x, x)*a*x + x*a*diff(x, x)",
    ),
    Derivative(
        name="matrix.d(xax)/dx",
        source=text((742, 744), MATRIX, r"= (a+a)x."),
        variables=(Var("x"), Var("a")), function="x*a*x", wrt="x", claimed="(a + a)*x",
    ),
    Derivative(
        name="matrix.d(ax^2)/dx",
        source=text((747, 747), MATRIX, r"$\frac{d}{dx}(ax^2) = 2ax = (a+a)x$"),
        variables=(Var("x"), Var("a")), function="a*x^2", wrt="x", claimed="2*a*x",
    ),
    Identity(
        name="matrix.2ax=(a+a)x",
        source=text((747, 747), MATRIX, r"= 2ax = (a+a)x$"),
        variables=(Var("x"), Var("a")), lhs="2*a*x", rhs="(a + a)*x",
    ),
    Derivative(
        name="matrix.d(x-uv)^2/dv-scalar",
        source=text((758, 760), MATRIX, r"\frac{d}{dv} (x-uv)^{2}= -2(x-uv)u,"),
        variables=(Var("x"), Var("u"), Var("v")), function="(x - u*v)^2", wrt="v",
        claimed="-2*(x - u*v)*u",
    ),
]

# --- d/dV ‖X − UV‖² by indices -------------------------------------------------------------------

_XUVAB = _XUV + (Index("a", "r"), Index("b", "m"))
_NORM = "norm(X - U*V)^2"
_NORM_SUMS = "sum(sum((X[i, j] - sum(U[i, k]*V[k, j], k, 1, r))^2, j, 1, m), i, 1, n)"
_D_NORM = f"diff({_NORM}, V[a, b])"

INDEXED = [
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.in-sums",
        source=text((785, 787), MATRIX, r"\sum_{i, j}\left(x_{ij} - \sum_k u_{ik}v_{kj}\right)^2."),
        variables=_XUVAB, lhs=_D_NORM, rhs=f"diff({_NORM_SUMS}, V[a, b])",
    ),
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.chain-rule",
        source=text((791, 793), MATRIX, r"\left(-\sum_k u_{ik}\frac{dv_{kj}}{dv_{ab}} \right)."),
        variables=_XUVAB, lhs=_D_NORM,
        rhs="sum(sum(2*(X[i, j] - sum(U[i, k]*V[k, j], k, 1, r))"
            "*(-sum(U[i, k]*diff(V[k, j], V[a, b]), k, 1, r)), j, 1, m), i, 1, n)",
    ),
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.deltas",
        source=text((797, 799), MATRIX, r"= -2\sum_{i}\left(x_{ib} - \sum_k u_{ik}v_{kb}\right)u_{ia}."),
        variables=_XUVAB, lhs=_D_NORM,
        rhs="-2*sum((X[i, b] - sum(U[i, k]*V[k, b], k, 1, r))*U[i, a], i, 1, n)",
    ),
    Identity(
        name="matrix.d(sum_i-x_i)^2/dx_1",
        source=text((803, 805), MATRIX, r"\frac{d}{dx_1} \left(\sum_i x_i \right)^{2}= 2\left(\sum_i x_i \right)."),
        variables=(vector("x", "n"),), lhs="diff(sum(x[i], i, 1, n)^2, x[1])",
        rhs="2*sum(x[i], i, 1, n)",
    ),
    Identity(
        name="matrix.sum_k-u_ik-v_kb-is-[UV]_ib",
        source=text((809, 811), MATRIX, r"\sum_k u_{ik}v_{kb} = [\mathbf{U}\mathbf{V}]_{ib}."),
        variables=_XUV + (Index("i", "n"), Index("b", "m")),
        lhs="sum(U[i, k]*V[k, b], k, 1, r)", rhs="(U*V)[i, b]",
    ),
    Identity(
        name="matrix.inside-is-[X-UV]_ib",
        source=text((815, 817), MATRIX, r"x_{ib} - \sum_k u_{ik}v_{kb} = [\mathbf{X}-\mathbf{U}\mathbf{V}]_{ib}."),
        variables=_XUV + (Index("i", "n"), Index("b", "m")),
        lhs="X[i, b] - sum(U[i, k]*V[k, b], k, 1, r)", rhs="(X - U*V)[i, b]",
    ),
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.entries",
        source=text((821, 823), MATRIX, r"= -2\sum_{i}[\mathbf{X}-\mathbf{U}\mathbf{V}]_{ib}u_{ia}."),
        variables=_XUVAB, lhs=_D_NORM, rhs="-2*sum((X - U*V)[i, b]*U[i, a], i, 1, n)",
    ),
    Identity(
        name="matrix.u_ia=[UT]_ai",
        source=text((825, 825), MATRIX, r"$u_{ia} = [\mathbf{U}^\top]_{ai}$"),
        variables=_XUV + (Index("i", "n"), Index("a", "r")), lhs="U[i, a]", rhs="U.T[a, i]",
    ),
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.transposed",
        source=text((827, 829), MATRIX,
                    r"= -2\sum_{i} [\mathbf{U}^\top]_{ai}[\mathbf{X}-\mathbf{U}\mathbf{V}]_{ib}."),
        variables=_XUVAB, lhs=_D_NORM, rhs="-2*sum(U.T[a, i]*(X - U*V)[i, b], i, 1, n)",
    ),
    Identity(
        name="matrix.d||X-UV||^2/dv_ab.product",
        source=text((833, 835), MATRIX,
                    r"= -2[\mathbf{U}^\top(\mathbf{X}-\mathbf{U}\mathbf{V})]_{ab}."),
        variables=_XUVAB, lhs=_D_NORM, rhs="-2*(U.T*(X - U*V))[a, b]",
    ),
]

NO_CLAIMS = [
    NoClaim(source=text((633, 633), MATRIX, r"$f(\mathbf{x}) = \boldsymbol{\beta}^\top\mathbf{x}$"),
            reason="definition of the example function f(x) = βᵀx"),
    NoClaim(source=text((637, 643), MATRIX, r"\frac{df}{d\mathbf{x}} = \begin{bmatrix}"),
            reason="definition of the denominator layout (the derivative has the shape of x)"),
    NoClaim(source=text((689, 690), MATRIX, r"$$\frac{d}{d\mathbf{x}}(\mathbf{x}^\top A \mathbf{x}).$$"),
            reason="the goal eq_mat_goal_1, a question answered at line 737"),
    NoClaim(source=text((710, 710), MATRIX, "$i=k$"),
            reason="index conditions of the argument (i = k, j = k), not results"),
    NoClaim(source=text((753, 754), MATRIX, r"\|\mathbf{X} - \mathbf{U}\mathbf{V}\|_2^{2} = \;?"),
            reason="the goal eq_mat_goal_2, a question answered at lines 774 and 840"),
    NoClaim(source=text((779, 781), MATRIX, r"\frac{d}{d\mathbf{V}} \|\mathbf{X} - \mathbf{U}\mathbf{V}\|_2^2,"),
            reason="restates the goal eq_mat_goal_2 before the index computation"),
    NoClaim(source=text((795, 795), MATRIX, "$k=a$"),
            reason="index conditions of the argument (k = a, j = b), not results"),
    NoClaim(source=text((801, 801), MATRIX, "$k=a$"),
            reason="an index condition of the argument (k = a), not a result"),
]

CLAIMS = [*BETA, *XTAX, *SCALAR, *MATRIX_CLAIMS, *INDEXED]
