r"""The LaTeX reader (checkers/_latex.py): what SymPy's parse_latex gets wrong (FACTS.md), the
chapter's own displays, the splitting of displays into relations, and the errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.matrices.expressions.matexpr import MatrixElement

from checkers import ExpressionError, ShapeError
from checkers.readers.latex import (ELLIPSIS, GradientAt, HessianAt, LatexError, MatrixDerivative,
                             is_schematic, read_latex, read_relation)

CHAPTER = Path(__file__).parent.parent / "derivations" / "texts" / "multivariable-calculus.pt.md"
LINES = CHAPTER.read_text(encoding="utf-8").split("\n")

x, y, z, w, a, b, u, v, theta = sp.symbols("x y z w a b u v theta", real=True)
eps1, eps2, log2 = sp.Symbol("epsilon_1", real=True), sp.Symbol("epsilon_2", real=True), sp.log(2)
n, m, r = (sp.Symbol(s, integer=True, positive=True) for s in "nmr")
i, j, k, ia, ib = (sp.Symbol(s, integer=True) for s in ("i", "j", "k", "a", "b"))
f, L = sp.Function("f"), sp.Function("L")

VECTORS = {"x": ("n", 1), "x_0": ("n", 1), "w": ("n", 1), "epsilon": ("n", 1), "A": ("n", "n")}
FACTORS = {"X": ("n", "m"), "U": ("n", "r"), "V": ("r", "m")}
X, U, V = sp.MatrixSymbol("X", n, m), sp.MatrixSymbol("U", n, r), sp.MatrixSymbol("V", r, m)
xv, x0, A = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("x_0", n, 1), sp.MatrixSymbol("A", n, n)


def display(first: int, last: int | None = None) -> str:
    """The chapter's lines first..last (1-based, inclusive), as the text has them."""
    return "\n".join(LINES[first - 1:(last or first)])


def sides(first: int, last: int | None = None, **kwargs) -> list[sp.Basic]:
    """The sides of the one relation chain of a display."""
    (chain,) = read_relation(display(first, last), **kwargs)
    return [side.expr for side in chain.sides]


def zero(expr) -> bool:
    expr = sp.expand(expr)
    return expr == 0 or isinstance(expr, sp.ZeroMatrix) or (
        isinstance(expr, sp.MatrixBase) and expr.is_zero_matrix)


# -- what parse_latex gets wrong (FACTS.md) ----------------------------------------------------


def test_e_is_eulers_number():
    assert read_latex("e^x") == sp.exp(x)
    assert read_latex("e^{-1}") == sp.exp(-1)


def test_log_is_natural_of_exp():
    assert read_latex(r"\log(e^x+e^y)") == sp.log(sp.exp(x) + sp.exp(y))


def test_quadratic_form_is_a_matrix_product():
    expr = read_latex(r"\mathbf{x}^\top A \mathbf{x}", shapes={"x": ("n", 1), "A": ("n", "n")})
    assert expr == xv.T * A * xv
    assert isinstance(expr, sp.MatMul) and expr.shape == (1, 1)


def test_transpose_of_an_undeclared_vector_is_refused():
    with pytest.raises(LatexError, match="transpose of a scalar") as info:
        read_latex(r"\mathbf{x}^\top A \mathbf{x}")
    assert info.value.fragment == r"\mathbf{x}^\top" and info.value.position == 0


def test_caret_T_is_a_transpose_only_of_a_matrix():
    shapes = {"x": ("n", 1), "A": ("n", "n")}
    assert read_latex("x^T A x", shapes=shapes) == xv.T * A * xv
    with pytest.raises(LatexError, match="power or a transpose") as info:
        read_latex("x^T A x")
    assert info.value.kind == "ambiguous"


def test_nabla_f_is_a_gradient_not_a_product():
    assert read_latex(r"\nabla f", symbols={"f": f(x, y)}) == sp.ImmutableMatrix(
        [[sp.Derivative(f(x, y), x)], [sp.Derivative(f(x, y), y)]])
    assert read_latex(r"\nabla_{\mathbf{x}} f(\mathbf{x})", shapes={"x": ("n", 1)}) == \
        MatrixDerivative(f(xv), xv)
    with pytest.raises(LatexError, match="cannot tell which variables 'f' takes"):
        read_latex(r"\nabla f")


def test_pmatrix_and_bmatrix():
    assert read_latex(r"\begin{pmatrix}1-2x^2 \\ -2xy\end{pmatrix}") == sp.ImmutableMatrix(
        [[1 - 2 * x**2], [-2 * x * y]])
    c11, c12, c22 = sp.symbols("c_11 c_12 c_22", real=True)
    assert read_latex(r"\begin{bmatrix}2 c_{11} & c_{12} \\ c_{12} & 2c_{22}\end{bmatrix}") == \
        sp.ImmutableMatrix([[2 * c11, c12], [c12, 2 * c22]])


def test_left_right_products_read_one_way():
    assert read_latex(r"\left(a+b\right)\left(x+y\right)") == (a + b) * (x + y)
    assert read_latex(r"\left(\left(a\right)^2+b\right)^2") == (a**2 + b)**2


def test_a_text_that_reads_two_ways_is_refused():
    with pytest.raises(LatexError, match="reads two ways") as info:
        read_latex(r"\|a\|b\|c\|")
    assert info.value.kind == "ambiguous"


# -- the chapter's displays ----------------------------------------------------------------------


def test_line_56_log_sum_exp_and_its_gradient():
    value, gradient = read_relation(display(55, 57))
    assert [s.expr for s in value.sides] == [f(x, y), sp.log(sp.exp(x) + sp.exp(y))]
    total = sp.exp(x) + sp.exp(y)
    assert [s.expr for s in gradient.sides] == [
        sp.ImmutableMatrix([[sp.Derivative(f(x, y), x)], [sp.Derivative(f(x, y), y)]]),
        sp.ImmutableMatrix([[sp.exp(x) / total], [sp.exp(y) / total]])]
    assert value.relations == gradient.relations == ("=",)


def test_line_56_checks_true_once_f_is_given():
    body = sp.log(sp.exp(x) + sp.exp(y))
    (_, gradient) = read_relation(display(55, 57), symbols={"f": sp.Lambda((x, y), body)})
    left, right = (s.expr for s in gradient.sides)
    assert (left.doit() - right).applyfunc(sp.simplify).is_zero_matrix


def test_line_62_values_at_a_point():
    value, gradient = read_relation(display(61, 63))
    assert value.sides[1].expr == sp.log(3)
    assert gradient.sides[1].expr == sp.ImmutableMatrix([[sp.Rational(1, 3)],
                                                         [sp.Rational(2, 3)]])


def test_line_68_linear_approximation():
    (chain,) = read_relation(display(67, 69))
    assert chain.relations == (r"\approx",)
    assert [s.expr for s in chain.sides] == [
        f(eps1, log2 + eps2), sp.log(3) + eps1 / 3 + 2 * eps2 / 3]


def test_line_198_derivative_and_factorisation():
    (chain,) = read_relation(display(197, 199))
    assert chain.relations == ("=", "=")
    first, second, third = (s.expr for s in chain.sides)
    assert first == sp.Derivative(f(x), x)
    assert second == 12 * x**3 - 12 * x**2 - 24 * x
    assert third == sp.Mul(12, x, x - 2, x + 1)
    assert zero(second - third)


def test_line_242_nested_left_right():
    p, q = w + x + y + z, w + x - y - z
    assert sides(241, 243) == [f(w, x, y, z), ((p**2 + q**2)**2 + (p**2 - q**2)**2)**2]


def test_lines_249_251_long_partial_derivative():
    (chain,) = read_relation(display(247, 253))
    left, right = (s.expr for s in chain.sides)
    assert left == sp.Derivative(f(w), w)
    p, q = w + x + y + z, w + x - y - z
    by_hand = 2 * (2 * (2 * p - 2 * q) * (p**2 - q**2) + 2 * (2 * q + 2 * p) * (q**2 + p**2)) \
        * ((p**2 - q**2)**2 + (q**2 + p**2)**2)
    assert zero(right - by_hand)
    assert display(247, 253)[chain.sides[1].position:].startswith(r"2 \left(2 \left(2 (w")
    f_of = ((p**2 + q**2)**2 + (p**2 - q**2)**2)**2
    assert zero(right - sp.diff(f_of, w))  # and the text is right


def test_line_527_taylor_at_zero():
    symbols = {"f": f(xv)}
    left, right = sides(526, 528, shapes=VECTORS, symbols=symbols)
    origin = sp.ZeroMatrix(n, 1)
    assert left == f(xv)
    assert right == f(origin) + sp.Trace(GradientAt(f(xv), xv, origin).T * xv) + sp.Trace(
        sp.MatMul(sp.Rational(1, 2), xv.T, HessianAt(f(xv), xv, origin), xv))
    assert right.atoms(HessianAt).pop().shape == (n, n)


def test_line_533_taylor_at_a_point():
    left, right = sides(532, 534, shapes=VECTORS, symbols={"f": f(xv)})
    step = xv - x0
    assert right.has(GradientAt(f(xv), xv, x0)) and right.has(HessianAt(f(xv), xv, x0))
    assert right.has(f(x0))
    (gradient_term,) = [t for t in right.args if t.has(GradientAt)]
    assert gradient_term == sp.Trace(sp.MatMul(GradientAt(f(xv), xv, x0).T, step))


def test_line_533_needs_the_point_to_be_a_vector():
    shapes = {key: value for key, value in VECTORS.items() if key != "x_0"}
    with pytest.raises(LatexError):
        sides(532, 534, shapes=shapes, symbols={"f": f(xv)})


def test_line_539_definition():
    assert sides(538, 540) == [f(x, y), x * sp.exp(-x**2 - y**2)]


def test_line_544_gradient_and_hessian_check_true():
    body = x * sp.exp(-x**2 - y**2)
    gradient, hessian = read_relation(display(543, 545), symbols={"f": sp.Lambda((x, y), body)})
    assert hessian.sides[0].expr[0, 1] == sp.Derivative(body, x, y)
    for chain in (gradient, hessian):
        left, right = (s.expr for s in chain.sides)
        assert left.shape == right.shape
        assert (left.doit() - right).applyfunc(sp.simplify).is_zero_matrix


def test_line_550_quadratic_approximation():
    left, right = sides(549, 551)
    assert left == f(x, y)
    assert zero(right - sp.exp(-1) * (-1 - (x + 1) + (x + 1)**2 + y**2))


def test_line_737_derivative_of_quadratic_form():
    left, right = sides(736, 738, shapes=VECTORS)
    assert isinstance(left, sp.Derivative) and isinstance(left, MatrixDerivative)
    assert left.expr == xv.T * A * xv and left.variables == (xv,) and left.shape == (n, 1)
    assert right == (A + A.T) * xv
    assert zero(left.expr.diff(xv) - right)


def test_line_743_scalar_analogue():
    first, second, third = sides(742, 744)
    assert first == sp.Derivative(x * a * x, x)
    assert zero(second - 2 * a * x) and zero(third - (a + a) * x)


def test_line_759_one_by_one_analogue():
    left, right = sides(758, 760)
    assert left == sp.Derivative((x - u * v)**2, v)
    assert zero(right - -2 * (x - u * v) * u)


def test_line_765_wrong_shapes_are_refused():
    with pytest.raises(LatexError) as info:
        read_relation(display(764, 766), shapes=FACTORS)
    error = info.value
    assert isinstance(error, ShapeError) and isinstance(error, ExpressionError)
    assert error.kind == "shape"
    assert r"(\mathbf{X} - \mathbf{U}\mathbf{V})\mathbf{U}" in error.fragment
    assert "inner sizes m and n differ" in str(error)
    assert display(764, 766)[error.position:].startswith(error.fragment)


@pytest.mark.parametrize("lines", [(773, 775), (839, 841)])
def test_lines_774_840_matrix_factorisation(lines):
    left, right = sides(*lines, shapes=FACTORS)
    error = X - U * V
    assert left == MatrixDerivative(sp.Trace(error.T * error), V)
    assert left.shape == V.shape
    assert zero(right - -2 * U.T * (X - U * V))
    assert zero(left.expr.diff(V) - right)


def test_norm_conventions():
    shapes = {"M": ("n", "m")}
    M = sp.MatrixSymbol("M", n, m)
    assert read_latex(r"\|\mathbf{M}\|_2^{2}", shapes=shapes) == sp.Trace(M.T * M)
    assert read_latex(r"\|\mathbf{M}\|_2^2", shapes=shapes) == sp.Trace(M.T * M)
    assert read_latex(r"\|\mathbf{M}\|", shapes=shapes) == sp.sqrt(sp.Trace(M.T * M))
    assert read_latex(r"\|\mathbf{M}\|_2", shapes=shapes) == sp.sqrt(sp.Trace(M.T * M))


# -- index calculus, lines 786-834 ---------------------------------------------------------------


def entry_sums():
    """Hand-built pieces: x_{ij} - sum_k u_{ik} v_{kj}, with the text's 1-based indices."""
    inner = sp.Sum(U[i - 1, k - 1] * V[k - 1, j - 1], (k, 1, r))
    return X[i - 1, j - 1] - inner, V[ia - 1, ib - 1]


def test_line_786_entries_and_bounds_from_shapes():
    residual, vab = entry_sums()
    left, right = sides(785, 787, shapes=FACTORS)
    assert left == sp.Derivative(sp.Trace((X - U * V).T * (X - U * V)), vab)
    # \sum_{i, j} is sum(sum(., j), i): the first index written is the outermost
    assert right == sp.Derivative(sp.Sum(residual**2, (j, 1, m), (i, 1, n)), vab)


def test_line_792_kronecker_of_entries():
    residual, _ = entry_sums()
    _, right = sides(791, 793, shapes=FACTORS)
    delta = sp.KroneckerDelta(k, ia) * sp.KroneckerDelta(j, ib)
    by_hand = sp.Sum(2 * residual * -sp.Sum(U[i - 1, k - 1] * delta, (k, 1, r)),
                     (j, 1, m), (i, 1, n))
    assert zero(right - by_hand)


def test_line_798_after_the_deltas():
    _, right = sides(797, 799, shapes=FACTORS)
    inner = sp.Sum(U[i - 1, k - 1] * V[k - 1, ib - 1], (k, 1, r))
    assert zero(right - -2 * sp.Sum((X[i - 1, ib - 1] - inner) * U[i - 1, ia - 1], (i, 1, n)))


def test_line_804_sum_and_subscript_are_one_variable():
    left, right = sides(803, 805)
    xs = sp.IndexedBase("x", real=True)
    total = sp.Sum(xs[i], (i, 1, sp.Symbol("n_i", integer=True, positive=True)))
    assert left == sp.Derivative(total**2, xs[1])
    assert right == 2 * total


@pytest.mark.parametrize("lines", [(809, 811), (815, 817)])
def test_lines_810_816_entries_of_products(lines):
    left, right = sides(*lines, shapes=FACTORS)
    assert left.has(sp.Sum(U[i - 1, k - 1] * V[k - 1, ib - 1], (k, 1, r)))
    assert zero((left - right).subs(r, 3).doit())  # the same sum, counted from 1 and from 0


def test_lines_822_828_834_matrix_entries():
    rights = []
    for lines in [(797, 799), (821, 823), (827, 829), (833, 835)]:
        left, right = sides(*lines, shapes=FACTORS)
        assert left == sp.Derivative(sp.Trace((X - U * V).T * (X - U * V)), V[ia - 1, ib - 1])
        assert not right.free_symbols - {X, U, V, ia, ib, n, m, r}
        rights.append(right.subs({n: 2, m: 2, r: 2}).doit())
    assert all(zero(other - rights[0]) for other in rights[1:])  # the text's steps agree
    assert sides(827, 829, shapes=FACTORS)[1].has(U[i - 1, ia - 1])  # [U^T]_{ai} is u_{ia}


def test_entries_of_a_lowercase_letter_belong_to_its_matrix():
    shapes = {"x": ("n", 1), "A": ("n", "n")}
    left, right = sides(694, 696, shapes=shapes)
    # Einstein notation (line 692): the repeated i and j are summed, i the outer sum
    assert right == sp.Sum(xv[i - 1, 0] * A[i - 1, j - 1] * xv[j - 1, 0], (j, 1, n), (i, 1, n))
    assert sides(724, 726, shapes=shapes)[1] == sp.Sum(
        (A[k - 1, i - 1] + A[i - 1, k - 1]) * xv[i - 1, 0], (i, 1, n))
    kron = sides(706, 708, shapes=shapes)[1]
    assert kron == sp.Sum(sp.KroneckerDelta(i, k) * A[i - 1, j - 1] * xv[j - 1, 0],
                          (j, 1, n), (i, 1, n)) + \
        sp.Sum(xv[i - 1, 0] * A[i - 1, j - 1] * sp.KroneckerDelta(j, k), (j, 1, n), (i, 1, n))


def test_sum_of_entries_is_bounded_by_the_vector():
    beta, xs = sp.MatrixSymbol("beta", n, 1), xv
    chain = read_relation(display(650, 652), shapes={"x": ("n", 1), "beta": ("n", 1)})[0]
    assert chain.sides[1].expr == sp.Sum(beta[i - 1, 0] * xs[i - 1, 0], (i, 1, n))
    assert chain.schematic and is_schematic(chain.sides[2].expr)
    assert chain.sides[2].expr == beta[0, 0] * xs[0, 0] + ELLIPSIS + beta[n - 1, 0] * xs[n - 1, 0]


# -- splitting displays into relations -------------------------------------------------------


def test_aligned_chain_with_continued_sides():
    (chain,) = read_relation(display(17, 28))
    assert chain.relations == (r"\approx",) * 3
    assert len(chain.sides) == 4 and chain.schematic
    w1, w2 = sp.symbols("w_1 w_2", real=True)
    third = chain.sides[2].expr
    assert third.has(eps1 * eps2 * sp.Derivative(L(w1, w2, ELLIPSIS, sp.Symbol("w_N", real=True)),
                                                 w1, w2))
    assert chain.sides[2].text.startswith("L(w_1, w_2, \\ldots, w_N)")
    text = display(17, 28)
    for side in chain.sides:
        assert text[side.position:side.position + 10] == side.text[:10]


def test_line_231_one_relation_per_definition():
    chains = read_relation(display(231))
    assert [c.sides[0].expr for c in chains] == [
        f(u, v), sp.Function("u")(a, b), sp.Function("v")(a, b),
        sp.Function("a")(w, x, y, z), sp.Function("b")(w, x, y, z)]
    assert all(c.relations == ("=",) for c in chains)


def test_lines_315_318_two_relations_per_line():
    chains = read_relation(display(313, 320))
    assert len(chains) == 8
    assert chains[5].sides[1].expr == -2 * (a - b)
    assert chains[5].sides[0].expr == sp.Derivative(sp.Function("v")(b), b)


def test_separators_between_relations():
    first, second = read_relation(display(38, 41))
    assert first.sides[0].expr == sp.Symbol("epsilon", real=True)
    assert is_schematic(first.sides[1].expr)
    assert isinstance(second.sides[0].expr, sp.Derivative)
    assert display(38, 41)[second.position:].startswith(r"\nabla_{\mathbf{x}} L")


def test_right_dot_left_dot_across_lines():
    (chain,) = read_relation(display(247, 253))
    assert r"\right." not in chain.sides[1].text and r"\left." not in chain.sides[1].text


def test_chain_rule_point_needs_named_parameters():
    with pytest.raises(LatexError, match="cannot tell which argument of 'f' is u"):
        read_relation(display(260, 266))
    chain = read_relation(display(260, 266), symbols={"f": f(u, v)})[0]
    uab, vab = sp.Function("u")(a, b), sp.Function("v")(a, b)
    assert chain.sides[2].expr.has(f(u, v).diff(u).subs({u: uab, v: vab}, simultaneous=True))


def test_unknown_functions_share_their_parameters():
    left, right = sides(494, 496)
    xi, xj = sp.symbols("x_i x_j", real=True)
    assert left == sp.Derivative(f(xi, xj), xi, xj)
    assert right == sp.Derivative(f(xi, xj), xj, xi)
    assert sides(505, 507)[0] == left


def test_question_mark_is_not_a_claim():
    with pytest.raises(LatexError, match="the text asks") as info:
        read_relation(display(753), shapes=FACTORS)
    assert info.value.fragment == "?"


def test_gradient_at_a_point_with_named_parameters():
    x1, x2 = sp.symbols("x_1 x_2", real=True)
    value, gradient, hessian = read_relation(display(516, 522), symbols={"f": f(x1, x2)})
    assert value.sides[0].expr == f(0, 0)
    assert gradient.sides[0].expr == sp.ImmutableMatrix(
        [[f(x1, x2).diff(x1).subs({x1: 0, x2: 0})], [f(x1, x2).diff(x2).subs({x1: 0, x2: 0})]])
    assert hessian.sides[0].expr.shape == (2, 2)


# -- conventions -------------------------------------------------------------------------------


def test_names_and_symbols():
    assert read_latex("w_1") == sp.Symbol("w_1", real=True)
    assert read_latex("x_{ij}") == sp.Symbol("x_ij", real=True)
    assert read_latex(r"\epsilon_1") == eps1
    assert read_latex(r"\boldsymbol{\beta}") == sp.Symbol("beta", real=True)
    mine = sp.Symbol("x", positive=True)
    assert read_latex("2x", symbols={"x": mine}) == 2 * mine
    assert read_latex(r"\mathbf{x}", shapes={"x": (3, 1)}) == sp.MatrixSymbol("x", 3, 1)


def test_implicit_products_and_applications():
    assert read_latex("xe^{-x^2-y^2}") == x * sp.exp(-x**2 - y**2)
    assert read_latex("12x(x-2)(x+1)") == 12 * x * (x - 2) * (x + 1)
    assert read_latex(r"\cos(\theta)") == sp.cos(theta)
    assert read_latex("u(a, b)") == sp.Function("u")(a, b)
    assert read_latex("g(x)") == sp.Function("g")(x)


def test_decimals_are_exact():
    assert read_latex("0.25x") == x / 4
    assert read_latex("1.5") == sp.Rational(3, 2)


def test_sums_with_and_without_bounds():
    assert read_latex(r"\sum_{i = 1}^{n} x_i") == sp.Sum(
        sp.IndexedBase("x", real=True)[i], (i, 1, sp.Symbol("n", real=True)))
    assert read_latex(r"\sum_{i = 1}^{n} x_i", shapes={"x": ("n", 1)}) == sp.Sum(
        xv[i - 1, 0], (i, 1, n))
    assert read_latex(r"\sum_{i, j} x_{ij}", shapes={"X": ("n", "m")}) == sp.Sum(
        sp.MatrixSymbol("X", n, m)[i - 1, j - 1], (j, 1, m), (i, 1, n))


def test_ellipsis_is_a_documented_marker():
    expr = read_latex(r"L(w_1, w_2, \ldots, w_N)")
    assert expr.args[2] is ELLIPSIS and is_schematic(expr)
    assert read_latex(r"[\epsilon_1, \ldots, \epsilon_N]^\top").shape == (1, 3)
    assert read_latex(r"\left[a, b\right]") == sp.ImmutableMatrix([[a], [b]])


def test_derivative_forms():
    assert read_latex(r"\frac{d}{dx}(x^2)") == sp.Derivative(x**2, x)
    assert read_latex(r"\frac{\partial}{\partial w} xw") == sp.Derivative(x * w, w)
    assert read_latex(r"\frac{dx_i}{dx_k}") == sp.KroneckerDelta(i, k)
    assert read_latex(r"\frac{dx}{dx}") == 1
    assert read_latex(r"\frac{d^2f}{dx^2}") == sp.Derivative(f(x), (x, 2))
    assert read_latex(r"\frac{df}{dx}", symbols={"f": x**3}) == sp.Derivative(x**3, x)
    assert read_latex(r"\mathbf{H} f (x, y)")[0, 1] == sp.Derivative(f(x, y), x, y)
    assert read_latex(r"\frac{dv_{kj}}{dv_{ab}}") == sp.KroneckerDelta(k, ia) * \
        sp.KroneckerDelta(j, ib)


def test_matrix_derivative_is_a_matrix_factor():
    tex = r"L(\mathbf{w}) + \boldsymbol{\epsilon}\cdot \nabla_{\mathbf{w}} L(\mathbf{w})"
    expr = read_latex(tex, shapes=VECTORS)
    wv, ev = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("epsilon", n, 1)
    assert expr == L(wv) + sp.Trace(ev.T * MatrixDerivative(L(wv), wv))
    assert MatrixDerivative(L(wv), wv).doit() == MatrixDerivative(L(wv), wv)  # never evaluated


def test_gradient_in_a_parameter_at_a_point():
    expr = read_latex(r"\nabla_{\mathbf{x}} L(\mathbf{x}_0)", shapes=VECTORS)
    assert expr == GradientAt(L(xv), xv, x0)
    assert read_latex(r"\nabla_{x} L(2)") == sp.Derivative(L(x), x).subs(x, 2)


def test_one_by_one_meets_scalar_as_its_trace():
    shapes = {"x": (3, 1), "y": (3, 1)}
    X3, Y3 = sp.MatrixSymbol("x", 3, 1), sp.MatrixSymbol("y", 3, 1)
    assert read_latex(r"\mathbf{x}\cdot\mathbf{y}", shapes=shapes) == X3.T * Y3
    assert read_latex(r"1 + \mathbf{x}\cdot\mathbf{y}", shapes=shapes) == 1 + sp.Trace(X3.T * Y3)


def test_entries_of_expressions():
    shapes = {"U": ("n", "r")}
    assert read_latex(r"[\mathbf{U}^\top]_{ai}", shapes=shapes) == U[i - 1, ia - 1]
    assert isinstance(read_latex(r"u_{12}", shapes=shapes), MatrixElement)


def test_function_powers_and_arguments():
    assert read_latex(r"\log(x)^2") == sp.log(x)**2
    assert read_latex(r"\log x^2") == sp.log(x**2)
    assert read_latex(r"\cos^2(x) + \sin^{2}(x)") == sp.cos(x)**2 + sp.sin(x)**2
    assert read_latex(r"\sqrt[3]{x}\left|y\right|") == sp.root(x, 3) * sp.Abs(y)
    with pytest.raises(LatexError, match="a script on a function name"):
        read_latex(r"\cos^{-1}(x)")


_leaves = st.sampled_from([x, y, sp.Integer(2), sp.Integer(3), sp.Rational(1, 2)])


def _extend(children):
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda p: p[0] + p[1]), pairs.map(lambda p: p[0] - p[1]),
        pairs.map(lambda p: p[0] * p[1]),
        st.tuples(children, st.sampled_from([2, 3, -1, sp.Rational(1, 3)])).map(
            lambda p: p[0] ** p[1]),
        *(children.map(func) for func in (sp.exp, sp.log, sp.sqrt, sp.cos, sp.sin, sp.cosh)))


@settings(max_examples=100, deadline=None, database=None)
@given(st.recursive(_leaves, _extend, max_leaves=8))
def test_reads_back_what_sympy_prints(expr):
    if not expr.has(sp.I, sp.zoo, sp.nan, sp.oo):
        assert read_latex(sp.latex(expr)) == expr


# -- errors --------------------------------------------------------------------------------------


def test_unknown_command_names_itself_and_its_place():
    with pytest.raises(LatexError) as info:
        read_latex(r"x + \foo{y}")
    error = info.value
    assert (error.fragment, error.position, error.kind) == (r"\foo", 4, "unknown command")
    assert str(error).startswith(r"derivation: cannot read '\foo' at position 4 in"
                                 r" 'x + \foo{y}': unknown command" "\n  what to do: ")


@pytest.mark.parametrize("tex, problem", [
    ("x^23", "reads as '2' then '3'"),
    ("a = b", "read relations with read_relation"),
    (r"\begin{aligned} a &= b \end{aligned}", "use read_relation"),
    ("(1, 2)", "a list in parentheses that no function takes"),
    # f is a function (f g h L): \frac{df}{dx}(x - 2) is its derivative at x - 2; y is not
    (r"\frac{dy}{dx}(x - 2)", "reads as a product or as the derivative at a point"),
    (r"\sum x", "a sum needs its index"),
    (r"\text{and}", "text inside a formula"),
    ("(x", "ends too early"),
    (r"\|x\|_1", "only the 2-norm"),
    (r"\left(a\right.", "unsupported delimiter"),
])
def test_errors_say_what_is_wrong(tex, problem):
    with pytest.raises(LatexError, match="cannot read") as info:
        read_latex(tex)
    assert problem in str(info.value)


@pytest.mark.parametrize("tex, problem", [
    (r"a = b \text{ and } c", "separator after the last relation"),
    (r"a = b \leq c", "unsupported relation"),
    ("= b", "nothing on its left"),
    ("a = ", "an empty side"),
    ("a = b) + (c", "never opened"),
    (r"a = b \; + c = d", "next to an operator: one side or two?"),
])
def test_relation_errors(tex, problem):
    with pytest.raises(LatexError, match=problem):
        read_relation(tex)


def test_shape_mismatch_in_a_sum():
    with pytest.raises(LatexError, match="adds a scalar and a matrix of size n×1"):
        read_latex(r"\mathbf{x} + y", shapes={"x": ("n", 1)})


def test_error_can_be_told_about_a_claim():
    with pytest.raises(LatexError) as info:
        read_latex(r"x + \foo")
    told = info.value.about("eq_demo", "line 3")
    assert str(told).startswith("claim 'eq_demo' (line 3): cannot read")
    assert told.fragment == r"\foo"
    back = pickle.loads(pickle.dumps(told))  # e.g. from a worker process
    assert (str(back), back.fragment, back.position) == (str(told), r"\foo", 4)


def test_bad_arguments_are_usage_errors():
    from checkers import UsageError
    with pytest.raises(UsageError, match="a shape is a"):
        read_latex("x", shapes={"x": 3})
    with pytest.raises(UsageError, match="maps to a SymPy object"):
        read_latex("x", symbols={"x": 3})


# -- the claims' conventions: components, families, Einstein notation, lists ------------------

W3 = sp.symbols("w_1 w_2 w_3", real=True)
E3 = sp.symbols("epsilon_1 epsilon_2 epsilon_3", real=True)


def _declared(*names, **others):
    """symbols= as a claim declares them: scalars real, plus whatever else is given."""
    return {**{s.name: s for s in names}, **others}


def test_line_9_ldots_takes_the_declared_components():
    w1, w2, w3 = W3
    left, right = sides(9, symbols=_declared(*W3, E3[0], L=L))
    assert left == L(w1 + eps1, w2, w3)
    assert right == L(w1, w2, w3) + eps1 * sp.Derivative(L(w1, w2, w3), w1)
    assert not is_schematic(left) and not is_schematic(right)
    # the pattern after the dots is filled in (w_N + epsilon_N is w_3 + epsilon_3)
    first, second = sides(17, 28, symbols=_declared(*W3, *E3, L=L))[:2]
    assert first == L(w1 + eps1, w2 + eps2, w3)
    assert second.has(sp.Derivative(L(w1, w2 + eps2, w3 + E3[2]), w1))
    # without declared components the list stays schematic
    assert is_schematic(sides(9)[0])


def test_line_32_sum_over_declared_components_is_written_out():
    w1, w2, w3 = W3
    left, right = sides(32, 34, symbols=_declared(*W3, *E3, L=L))
    assert left == L(w1 + eps1, w2 + eps2, w3 + E3[2])
    body = L(w1, w2, w3)
    assert right == body + sum(e * sp.Derivative(body, w) for e, w in zip(E3, W3))


def test_line_45_bold_vector_of_declared_components():
    w1, w2, w3 = W3
    left, right = sides(45, symbols=_declared(*W3, *E3, L=L))
    assert left == L(w1 + eps1, w2 + eps2, w3 + E3[2])
    body = L(w1, w2, w3)
    assert zero(right - body - sum(e * sp.Derivative(body, w) for e, w in zip(E3, W3)))


def test_line_183_gradient_in_a_parameter_at_a_vector_of_components():
    x0s = sp.symbols("x0_1 x0_2 x0_3", real=True)  # the claims spell x_0 as x0_1, x0_2, ...
    left, right = sides(182, 184, symbols=_declared(*x0s, *E3, L=L))
    assert left == L(*(p + e for p, e in zip(x0s, E3)))
    body = L(*x0s)
    assert zero(right - body - sum(e * sp.Derivative(body, p) for e, p in zip(E3, x0s)))


def test_line_201_lists_of_values():
    line = LINES[200]
    values = line[line.index("$x = -1"):].split("$")[1]
    assert [[s.expr for s in c.sides] for c in read_relation(values)] == [[x, -1], [x, 0], [x, 2]]
    assert [c.sides[0].expr for c in read_relation("-5,0, -32")] == [-5, 0, -32]
    with pytest.raises(LatexError, match="separator after the last relation"):
        read_relation(r"x = a \text{ and } b")


def test_lines_260_266_derivative_by_a_declared_function_at_a_point():
    fu, fv = sp.Function("u"), sp.Function("v")
    eps = sp.Symbol("epsilon", real=True)
    chain = read_relation(display(260, 266), symbols=_declared(a, b, eps, f=f, u=fu, v=fv))[0]
    uab, vab = fu(a, b), fv(a, b)
    d1, d2 = sp.Dummy("d1"), sp.Dummy("d2")
    df_du = sp.Subs(sp.Derivative(f(d1, vab), d1), d1, uab)  # Subs compares up to renaming
    df_dv = sp.Subs(sp.Derivative(f(uab, d2), d2), d2, vab)
    assert chain.sides[2].expr == f(uab, vab) + eps * (
        df_du * sp.Derivative(uab, a) + df_dv * sp.Derivative(vab, a))
    with pytest.raises(LatexError, match="cannot tell which argument of 'f' is u"):
        read_latex(r"\frac{\partial f}{\partial u}(a, b)", symbols={"f": f, "u": fu})


def test_lines_700_714_einstein_notation_with_a_declared_free_index():
    kk = sp.Symbol("k", integer=True, positive=True)  # Index("k", "n") of the claims
    declared = {"x": xv, "A": A, "k": kk}
    _, right = sides(700, 702, symbols=declared)
    assert right == sp.Derivative(sp.Sum(xv[i - 1, 0] * A[i - 1, j - 1] * xv[j - 1, 0],
                                         (j, 1, n), (i, 1, n)), xv[kk - 1, 0])
    _, right = sides(712, 714, symbols=declared)  # k is free: never summed
    assert right == sp.Sum(A[kk - 1, j - 1] * xv[j - 1, 0], (j, 1, n)) + sp.Sum(
        xv[i - 1, 0] * A[i - 1, kk - 1], (i, 1, n))
    # a letter written once, or bound by a \sum, is not summed again
    assert read_latex("a_{ki}x_k", symbols={"x": xv, "A": A}) == sp.Sum(
        A[k - 1, i - 1] * xv[k - 1, 0], (k, 1, n))
    assert read_latex(r"\sum_i x_i", symbols={"x": xv}) == sp.Sum(xv[i - 1, 0], (i, 1, n))


def test_entries_of_a_lowercase_letter_of_a_declared_matrix():
    ka, kb = sp.Symbol("a", integer=True, positive=True), sp.Symbol("b", integer=True,
                                                                    positive=True)
    left, _ = sides(785, 787, symbols={"X": X, "U": U, "V": V, "a": ka, "b": kb})
    assert left == sp.Derivative(sp.Trace((X - U * V).T * (X - U * V)), V[ka - 1, kb - 1])
