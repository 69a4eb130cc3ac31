r"""The book's notation read as written (issue 12): derivatives of a named function, limits,
sums and products with bounds, integrals, factorials, binomials, named operators. Every reading
is compared with SymPy built by hand; nothing is evaluated."""

import pytest
import sympy as sp

from checkers import LatexError
from checkers.readers.latex import read_latex, read_relation

x, y, h, a, b, r, theta = sp.symbols("x y h a b r theta", real=True)
k, n, i = sp.symbols("k n i", integer=True)
f, F = sp.Function("f"), sp.Function("F")


def one(tex):
    (chain,) = read_relation(tex)
    return [side.expr for side in chain.sides]


@pytest.mark.parametrize("tex, expected", [
    (r"\frac{df}{dx}(x)", sp.Derivative(f(x), x)),
    (r"\frac{d}{dx} f(x)", sp.Derivative(f(x), x)),
    (r"\frac{d^2 f}{dx^2}", sp.Derivative(f(x), (x, 2))),
    (r"\frac{\mathrm{d} f}{\mathrm{d} x}", sp.Derivative(f(x), x)),
    (r"f'(x)", sp.Derivative(f(x), x)),
    (r"f''(x)", sp.Derivative(f(x), (x, 2))),
    (r"f^{(3)}(x)", sp.Derivative(f(x), (x, 3))),
    (r"\frac{dF}{dx}(x)", sp.Derivative(F(x), x)),
])
def test_derivatives_of_a_named_function(tex, expected):
    assert read_latex(tex) == expected


def test_nth_derivative_has_a_symbolic_order():
    got = read_latex(r"f^{(n)}(x)")
    order = sp.Symbol("n", integer=True, positive=True)
    assert got == sp.Derivative(f(x), (x, order))


def test_prime_at_a_point_is_a_subs():
    got = read_latex(r"f'(0)")
    assert isinstance(got, sp.Subs) and got.point == (0,)
    xi = got.variables[0]
    assert got.expr == sp.Derivative(f(xi), xi)


def test_prime_of_a_function_the_claim_defines_is_its_derivative():
    got = read_latex(r"f'(x)", symbols={"f": sp.Lambda(x, x**3)})
    assert got == sp.Derivative(x**3, x)
    assert read_latex(r"\frac{df}{dx}(2)", symbols={"f": sp.Lambda(x, x**3)}) == \
        sp.Subs(sp.Derivative(x**3, x), x, 2)


def test_limits_stay_unevaluated():
    got = read_latex(r"\lim_{h \rightarrow 0} \frac{f(x+h) - f(x)}{h}")
    assert got == sp.Limit((f(x + h) - f(x)) / h, h, 0, dir="+-")
    assert read_latex(r"\lim_{h \to 0} h") == sp.Limit(h, h, 0, dir="+-")
    assert read_latex(r"\lim_{x \to 0^+} \frac{1}{x}") == sp.Limit(1 / x, x, 0, dir="+")
    assert read_latex(r"\lim_{x \to 0^-} \frac{1}{x}") == sp.Limit(1 / x, x, 0, dir="-")
    assert read_latex(r"\lim_{x \to \infty} \frac{1}{x}") == sp.Limit(1 / x, x, sp.oo)


def test_sums_and_products_with_bounds():
    m = sp.Symbol("n", real=True)  # a bound is a name of the formula, an index is an integer
    assert read_latex(r"\sum_{k=1}^{n} k^2") == sp.Sum(k**2, (k, 1, m))
    assert read_latex(r"\sum_{n=0}^\infty \frac{x^n}{n!}") == \
        sp.Sum(x**n / sp.factorial(n), (n, 0, sp.oo))
    assert read_latex(r"\prod_{i=1}^n i") == sp.Product(i, (i, 1, m))


def test_integrals():
    assert read_latex(r"\int_a^b x^2 \, dx") == sp.Integral(x**2, (x, a, b))
    assert read_latex(r"\int \cos(x) \, \mathrm{d}x") == sp.Integral(sp.cos(x), x)
    assert read_latex(r"\int_{-\infty}^{\infty} e^{-x^2} dx") == \
        sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo))
    assert read_latex(r"\int_0^1 \int_0^2 x y \, dx \, dy") == \
        sp.Integral(x * y, (x, 0, 2), (y, 0, 1))
    assert read_latex(r"\int_0^{2\pi} r \, d\theta") == sp.Integral(r, (theta, 0, 2 * sp.pi))


def test_a_differential_after_thick_space_is_no_separator():
    (chain,) = read_relation(r"e^{-1} - 1 = \int_{1}^{e^{-1}} 1 \; dy = -2\int_0^{1} y\;dy,")
    assert [s.expr for s in chain.sides][1:] == [
        sp.Integral(1, (y, 1, sp.exp(-1))), -2 * sp.Integral(y, (y, 0, 1))]
    assert len(read_relation(r"a = b \; c = d")) == 2


def test_factorial_and_binomial_from_the_function_table():
    left, right = one(r"\binom{n}{k} = \frac{n!}{k!(n-k)!}")
    nn, kk = sp.symbols("n k", real=True)
    assert left == sp.binomial(nn, kk)
    assert right == sp.factorial(nn) / (sp.factorial(kk) * sp.factorial(nn - kk))


def test_named_operators_and_text():
    assert read_latex(r"\operatorname{sign}(x)") == sp.sign(x)
    X = sp.Symbol("X", real=True)
    assert read_latex(r"\textrm{Var}[X]") == sp.Function("Var")(X)
    assert read_latex(r"\left( x+1 \right) \cdot 2") == 2 * (x + 1)
    A = sp.MatrixSymbol("A", 3, 3)
    assert read_latex(r"\det(A)", shapes={"A": (3, 3)}) == sp.Determinant(A)
    assert read_latex(r"\det A", shapes={"A": (3, 3)}) == sp.Determinant(A)


@pytest.mark.parametrize("tex, problem", [
    (r"\int_0^1 x^2", "differential"),
    (r"\int_0 x \, dx", "both bounds"),
    (r"\lim_{h} h", "variable \\to point"),
    (r"\lim h", "subscript"),
    (r"f'", "needs its argument"),
    (r"\det(x)", "square matrix"),
    (r"\textrm{is in an} x", "text inside a formula"),
    (r"\frac{dy}{dx}(x+1)", "product or as the derivative"),
    (r"x!^2", "last script"),
])
def test_what_it_cannot_read_is_said_with_its_fragment(tex, problem):
    with pytest.raises(LatexError) as info:
        read_latex(tex)
    assert problem in info.value.problem and info.value.fragment


def test_derivative_of_f_at_a_shifted_point():
    got = read_latex(r"\frac{df}{dx}(x - 2)")
    xi = got.variables[0]
    assert got == sp.Subs(sp.Derivative(f(xi), xi), xi, x - 2)


def test_accented_letters_are_names_of_their_own():
    theta_hat, x_bar_n, y_tilde = sp.symbols("theta_hat x_bar_n y_tilde", real=True)
    (chain,) = read_relation(r"\hat{\theta} = \bar{x}_n + \tilde{y}")
    assert [s.expr for s in chain.sides] == [theta_hat, x_bar_n + y_tilde]
    v_hat = sp.MatrixSymbol("v_hat", 3, 1)
    assert read_latex(r"\hat{\mathbf{v}}^\top \hat{\mathbf{v}}", shapes={"v_hat": (3, 1)}) == \
        v_hat.T * v_hat


def test_medium_space_is_spacing():
    assert read_latex(r"x \> + \> 1") == x + 1


@pytest.mark.parametrize("chapter, total, at_least", [
    ("single-variable-calculus.md", 20, 16), ("integral-calculus.md", 40, 28)])
def test_share_of_the_english_books_display_formulas_read(chapter, total, at_least):
    """docs/reading-the-book.md's table, for two chapters: it may only grow."""
    from pathlib import Path

    from checkers.report._notation import measure

    path = Path(__file__).parent / "corpus" / "d2l" / chapter
    m = measure(path.read_text(encoding="utf-8"), chapter)
    assert m.total == total and m.read >= at_least
    assert all(u.construct and u.line > 0 for u in m.unread)
