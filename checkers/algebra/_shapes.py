"""SymPy building blocks with the shape checks SymPy leaves out.

SymPy accepts ``(X - U*V)*U`` for an n×m times an n×r matrix when the sizes are symbols; the
builders here refuse it with a ShapeError that says which sizes differ.
"""

from __future__ import annotations

import sympy as sp

from ..model._errors import ShapeError


def shape_of(e) -> tuple | None:
    """(rows, cols) of a matrix expression, None for a scalar."""
    if isinstance(e, (sp.MatrixBase, sp.MatrixExpr)):
        return tuple(e.shape)
    return None


def show_shape(shape) -> str:
    """``n×m``, or "scalar" for None: how every message shows a shape."""
    return "scalar" if shape is None else f"{shape[0]}×{shape[1]}"


def sized(value):
    """A size as SymPy: an int becomes an Integer, SymPy sizes pass through; never a string
    (nothing parses text with SymPy)."""
    if isinstance(value, bool) or isinstance(value, str):
        raise TypeError(f"a size must be an int or a SymPy size, not {value!r}")
    return sp.Integer(value) if isinstance(value, int) else value


def same_shape(a: tuple, b: tuple) -> bool:
    """Whether two shapes are equal, sizes given as ints or SymPy sizes."""
    return all(sized(x) == y for x, y in zip(a, b))


def is_explicit(e) -> bool:
    """Whether ``e`` is an explicit matrix (entries known), not a matrix expression."""
    return isinstance(e, sp.MatrixBase)


def is_one_by_one(e) -> bool:
    shape = shape_of(e)
    return shape is not None and shape[0] == 1 and shape[1] == 1


def as_scalar(e):
    """A 1×1 matrix expression (xᵀAx) as the scalar it stands for; other values unchanged."""
    if is_one_by_one(e):
        return e[0, 0] if isinstance(e, sp.MatrixBase) else sp.Trace(e)
    return e


def multiply(a, b, *, text: str = "", names: tuple[str, str] | None = None):
    """a·b: matrix product when both are matrices (inner sizes must be equal), else scaling.

    ``names`` are how the two factors are written in the text, for the error message."""
    sa, sb = shape_of(a), shape_of(b)
    na, nb = names or (_show(a), _show(b))
    if sa is not None and sb is not None:
        if sa[1] != sb[0]:
            if is_one_by_one(a) or is_one_by_one(b):
                return as_scalar(a) * b if is_one_by_one(a) else a * as_scalar(b)
            raise ShapeError(
                f"cannot multiply {na} ({show_shape(sa)}) by {nb} ({show_shape(sb)}):"
                f" the inner sizes {sa[1]} and {sb[0]} differ" + (f" in '{text}'" if text else ""),
                hint="check the order of the factors and the transposes; a product A·B needs"
                     " A's columns to equal B's rows")
        return sp.MatMul(a, b).doit(deep=False) if _explicit(a, b) else a * b
    return a * b


def add(a, b, *, text: str = "", names: tuple[str, str] | None = None):
    sa, sb = shape_of(a), shape_of(b)
    na, nb = names or (_show(a), _show(b))
    if sa != sb:
        if sa is not None and sb is None and is_one_by_one(a):
            return as_scalar(a) + b
        if sb is not None and sa is None and is_one_by_one(b):
            return a + as_scalar(b)
        raise ShapeError(
            f"cannot add {na} ({show_shape(sa)}) and {nb} ({show_shape(sb)})"
            + (f" in '{text}'" if text else ""),
            hint="both sides of a sum must have the same shape")
    return a + b


def power(a, b, *, text: str = ""):
    if shape_of(b) is not None:
        raise ShapeError(f"an exponent must be a scalar, not {_show(b)}"
                         + (f" in '{text}'" if text else ""))
    sa = shape_of(a)
    if sa is not None:
        if is_one_by_one(a):
            return as_scalar(a) ** b
        if sa[0] != sa[1]:
            raise ShapeError(f"cannot raise the {show_shape(sa)} matrix {_show(a)} to a power"
                             + (f" in '{text}'" if text else ""),
                             hint="only square matrices have powers; for a squared norm write"
                                  " norm(M)^2")
    return a ** b


def frobenius_sq(m):
    """‖M‖² (squared Frobenius norm; for a vector the squared 2-norm)."""
    shape = shape_of(m)
    if shape is None:
        return m ** 2
    if isinstance(m, sp.MatrixBase):
        return sum(entry ** 2 for entry in m)
    return sp.Trace(m.T * m)


def norm(m):
    shape = shape_of(m)
    if shape is None:
        return sp.Abs(m)
    return sp.sqrt(frobenius_sq(m))


def transpose(m):
    if shape_of(m) is None:
        return m
    return m.T


def column(entries) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix([[as_scalar(e)] for e in entries])


def rows(entries) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix([[as_scalar(e) for e in row] for row in entries])


def _explicit(a, b) -> bool:
    return is_explicit(a) and is_explicit(b)


def _show(e) -> str:
    text = str(e)
    return f"({text})" if any(c in text for c in " +-") else text
