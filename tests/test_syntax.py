import pytest
import sympy as sp

from checkers import ExpressionError, ShapeError
from checkers.readers._syntax import parse

x, y = sp.symbols("x y", real=True)
n, m, r = (sp.Symbol(s, integer=True, positive=True) for s in "nmr")
X, U, V = sp.MatrixSymbol("X", n, m), sp.MatrixSymbol("U", n, r), sp.MatrixSymbol("V", r, m)
NAMES = {"x": x, "y": y, "X": X, "U": U, "V": V}


def test_e_is_eulers_number_and_log_is_natural():
    assert parse("log(e^x + e^y)", NAMES) == sp.log(sp.exp(x) + sp.exp(y))


def test_decimals_are_exact():
    assert parse("0.01*x - 0.03", NAMES) == x / 100 - sp.Rational(3, 100)


def test_vectors_are_columns_and_matrices_rows():
    assert parse("[1/3, 2/3]", NAMES) == sp.ImmutableMatrix([[sp.Rational(1, 3)],
                                                             [sp.Rational(2, 3)]])
    assert parse("[[1, x], [y, 2]]", NAMES) == sp.ImmutableMatrix([[1, x], [y, 2]])


def test_scalar_times_matrix_literal():
    got = parse("e^(-x^2)*[[x, 1], [1, y]]", NAMES)
    assert got == sp.exp(-x**2) * sp.ImmutableMatrix([[x, 1], [1, y]])


def test_transpose_and_matrix_product_stay_non_commutative():
    assert parse("-2*U.T*(X - U*V)", NAMES) == -2 * U.T * (X - U * V)


def test_squared_norm_is_a_trace():
    assert parse("norm(X - U*V)^2", NAMES) == sp.Trace((X - U * V).T * (X - U * V))


def test_diff_is_an_unevaluated_derivative():
    assert parse("diff(x^2*y, x)", NAMES) == sp.Derivative(x**2 * y, x)


def test_shape_mismatch_names_both_factors_and_the_sizes():
    with pytest.raises(ShapeError) as info:
        parse("-2*(X - U*V)*U", NAMES)
    text = str(info.value)
    assert "cannot multiply '-2*(X - U*V)' (n×m) by 'U' (n×r)" in text
    assert "inner sizes m and n differ" in text
    assert "position 0" in text


def test_sum_of_different_shapes():
    with pytest.raises(ShapeError, match=r"cannot add 'x' \(scalar\) and 'X' \(n×m\)"):
        parse("x + X", NAMES)


def test_unreadable_text_points_at_the_position():
    with pytest.raises(ExpressionError) as info:
        parse("2x + 1", NAMES)
    assert info.value.position == 1
    assert "2*x, not 2x" in str(info.value)


@pytest.mark.parametrize("text, fragment", [
    ("log(q)", "unknown name 'q'"),
    ("foo(x)", "unknown function 'foo()'"),
    ("exp(x, y)", "exp() takes one argument"),
    ("X^2", "cannot raise the n×m matrix"),
    ("[[1, 2], [3]]", "differ in length"),
])
def test_errors_say_what_is_wrong(text, fragment):
    with pytest.raises(ExpressionError) as info:
        parse(text, NAMES)
    assert fragment in str(info.value)


def test_strings_are_never_executed(tmp_path):
    marker = tmp_path / "ran"
    payload = f"__import__('os').system('touch {marker}')"
    with pytest.raises(ExpressionError):
        parse(payload, NAMES)
    assert not marker.exists()
