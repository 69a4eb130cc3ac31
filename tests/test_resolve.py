import pytest

from checkers import (DeclarationError, Derivative, Gradient, Hessian, ShapeError, Source,
                      Taylor, Value, Var, interval, matrix, vector)
from checkers.kinds import resolve

SRC = Source(lines=(10, 12), section="Somewhere", label="eq_x")
XY = (Var("x"), Var("y"))


def fragments(err):
    return str(err.value)


def test_unknown_variable_names_claim_lines_field_and_fix():
    claim = Gradient(name="g", source=SRC, variables=XY, function="x*z", wrt=("x", "y"),
                     claimed="[z, 0]")
    with pytest.raises(DeclarationError) as err:
        resolve(claim)
    text = fragments(err)
    for piece in ("claim 'g'", "lines 10-12", ":eqlabel:`eq_x`", "function:",
                  "unknown name 'z'", "declare it"):
        assert piece in text


def test_wrt_must_be_declared():
    claim = Gradient(name="g", source=SRC, variables=XY, function="x*y", wrt=("x", "w"),
                     claimed="[y, x]")
    with pytest.raises(DeclarationError, match="wrt: 'w' is not a declared variable"):
        resolve(claim)


def test_product_whose_shapes_do_not_fit_is_a_shape_error():
    claim = Derivative(name="d", source=SRC,
                       variables=(matrix("X", "n", "m"), matrix("U", "n", "r"),
                                  matrix("V", "r", "m")),
                       function="norm(X - U*V)^2", wrt="V", claimed="-2*(X - U*V)*U")
    with pytest.raises(ShapeError) as err:
        resolve(claim)
    assert "claim 'd' (lines 10-12" in fragments(err)
    assert "inner sizes m and n differ" in fragments(err)


def test_claimed_derivative_must_have_the_variables_shape():
    claim = Derivative(name="d", source=SRC, variables=(vector("x", "n"), matrix("A", "n", "n")),
                       function="x.T*A*x", wrt="x", claimed="x.T*(A + A.T)")
    with pytest.raises(ShapeError, match=r"has shape 1×n, but it must be n×1"):
        resolve(claim)


def test_claimed_hessian_must_be_square_in_the_variables():
    claim = Hessian(name="h", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                    claimed="[0, 1]")
    with pytest.raises(ShapeError, match="the claimed Hessian has shape 2×1, but it must be 2×2"):
        resolve(claim)


def test_point_outside_the_domain():
    claim = Value(name="v", source=SRC, variables=(Var("x", domain=interval(0, 1)),),
                  function="x^2", wrt=("x",), at=("2",), claimed="4")
    with pytest.raises(DeclarationError) as err:
        resolve(claim)
    assert "x = 2 lies outside the domain of x ([0, 1])" in fragments(err)
    assert "choose a point inside the domain" in fragments(err)


def test_point_with_wrong_number_of_coordinates():
    claim = Value(name="v", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                  at=("1",), claimed="0")
    with pytest.raises(DeclarationError, match="the point has 1 coordinates but there are 2"):
        resolve(claim)


def test_function_must_be_scalar():
    claim = Derivative(name="d", source=SRC, variables=(vector("x", "n"),), function="x",
                       wrt="x", claimed="x")
    with pytest.raises(ShapeError, match="function: it must be a scalar"):
        resolve(claim)


def test_a_taylor_order_is_a_whole_number_from_one():
    claim = Taylor(name="t", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                   at=("0", "0"), order=3, claimed="x*y")
    assert resolve(claim).claim.order == 3  # any order from 1
    for order in (0, -1, 2.0, True):
        with pytest.raises(ValueError, match="a whole number from 1"):
            Taylor(name="t", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                   at=("0", "0"), order=order, claimed="x*y")


def test_duplicate_and_reserved_variable_names():
    claim = Value(name="v", source=SRC, variables=(Var("x"), Var("x")), function="x",
                  wrt=("x",), at=("1",), claimed="1")
    with pytest.raises(DeclarationError, match="declared twice"):
        resolve(claim)
    claim = Value(name="v", source=SRC, variables=(Var("e"),), function="e", wrt=("e",),
                  at=("1",), claimed="1")
    with pytest.raises(DeclarationError, match="'e' is a constant"):
        resolve(claim)


def test_a_syntax_error_keeps_its_position_and_names_the_claim():
    claim = Value(name="v", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                  at=("1", "2"), claimed="2 +* 1")
    with pytest.raises(DeclarationError) as err:
        resolve(claim)
    assert "claim 'v'" in fragments(err) and "claimed: cannot read" in fragments(err)


def test_gradient_of_one_variable_may_be_a_scalar_and_must_otherwise_be_a_column():
    one = Gradient(name="g1", source=SRC, variables=(Var("x"),), function="x^3", wrt=("x",),
                   claimed="3*x^2")
    assert resolve(one).claimed.shape == (1, 1)
    two = Gradient(name="g2", source=SRC, variables=XY, function="x*y", wrt=("x", "y"),
                   claimed="[y, x, 0]")
    with pytest.raises(ShapeError, match="the claimed gradient has shape 3×1, but it must be"
                                         " 2×1"):
        resolve(two)
