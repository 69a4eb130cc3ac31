"""The calls of a code cell beyond the core whitelist of the translator
(:mod:`._code_translator`): Python builtins (``range``, ``len``, ``zip``, ``enumerate``,
``sorted``, ``sum``/``max``/``min``, ``float``/``int``), ``zeros``/``ones``, reductions (over an
array, or exactly over the points of a grid: a Riemann sum), ``cumsum``, ``det``, ``norm``,
``matmul``, ``torch.no_grad`` and the casts that keep values. Each handler takes the call site
(``_code_translator._Site``); :func:`register` adds them to the translator's tables.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from typing import Any

import sympy as sp

from ._code_translator import _MAX_ITERATIONS, Grid, _Context, _render, _Site


def register(calls: dict[str, Callable], methods: dict[str, Callable]) -> None:
    """Add the handlers of this module to the translator's ``_CALLS`` and ``_METHODS``."""
    calls.update({
        "builtins.range": _range, "builtins.len": _len, "builtins.zip": _zip,
        "builtins.enumerate": _enumerate, "builtins.list": _collection(list),
        "builtins.tuple": _collection(tuple), "builtins.float": _number_cast,
        "builtins.int": _number_cast, "builtins.sum": _builtin_reduction,
        "builtins.max": _builtin_reduction, "builtins.min": _builtin_reduction,
        "torch.no_grad": _no_grad, "builtins.sorted": _sorted, "tf.cast": _cast,
        "np.cumsum": _cumsum, "torch.cumsum": _cumsum, "tf.cumsum": _cumsum,
        "np.linalg.det": _det, "torch.det": _det, "torch.linalg.det": _det,
        "tf.linalg.det": _det, "np.linalg.norm": _norm, "torch.norm": _norm,
        "torch.linalg.norm": _norm, "tf.norm": _norm, "tf.matmul": _matmul,
        "torch.matmul": _matmul, "np.matmul": _matmul,
    })
    for module in ("np", "torch", "tf"):
        calls[f"{module}.zeros"], calls[f"{module}.ones"] = _filled(0), _filled(1)
    for name, how in _REDUCTIONS.items():
        for module in ("tf", "tf.math") if name.startswith("reduce_") else ("np", "torch"):
            calls[f"{module}.{name}"] = _reduction(how)
    methods.update({name: _method_reduction for name in ("sum", "mean", "prod", "max", "min")})
    methods.update({"type": _method_cast, "float": _method_cast})


def _range(site: _Site) -> tuple[Any, ...]:
    site.expect((1, 2, 3))
    bounds = [site.math(k) for k in range(len(site.args))]
    if not all(isinstance(b, sp.Integer) for b in bounds):
        raise site.fail("the bounds must be whole numbers", "give range integer bounds")
    numbers = range(*map(int, bounds))
    if len(numbers) > _MAX_ITERATIONS:
        raise site.fail(f"{len(numbers)} numbers; derivcheck unrolls loops of at most "
                        f"{_MAX_ITERATIONS} passes", "loop over fewer values")
    return tuple(sp.Integer(n) for n in numbers)


def _sequence_arg(site: _Site, k: int) -> list[Any]:
    return site.ev._items(site.node, site.args[k])


def _len(site: _Site) -> Any:
    site.expect((1,))
    value = site.args[0]
    if isinstance(value, sp.MatrixBase):
        return sp.Integer(value.rows)
    return sp.Integer(len(_sequence_arg(site, 0)))


def _zip(site: _Site) -> tuple[Any, ...]:
    site.expect((len(site.args),))
    return tuple(zip(*(_sequence_arg(site, k) for k in range(len(site.args)))))


def _enumerate(site: _Site) -> tuple[Any, ...]:
    site.expect((1,), ("start",))
    start = int(site.kwargs.get("start", 0))
    return tuple((sp.Integer(start + k), v) for k, v in enumerate(_sequence_arg(site, 0)))


def _collection(kind: type) -> Callable[[_Site], Any]:
    def handler(site: _Site) -> Any:
        site.expect((1,))
        return kind(_sequence_arg(site, 0))
    return handler


def _number_cast(site: _Site) -> Any:
    site.expect((1,))
    value = site.math(0)
    if isinstance(value, sp.MatrixBase):
        if len(value) != 1:
            raise site.fail("only a one-element array converts to a number", "index it first")
        value = value[0]
    if site.name == "builtins.int":
        if not (isinstance(value, sp.Expr) and value.is_number and value.is_real):
            raise site.fail(f"int() of {_render(value)}, which is not a number",
                            "convert numbers only")
        return sp.Integer(int(value))
    return value


def _builtin_reduction(site: _Site) -> Any:
    """``sum(xs)`` / ``max(xs)`` / ``min(xs)`` of a list, or of several arguments (max, min)."""
    site.expect((1,) if site.name == "builtins.sum" else range(1, 9), ("start",))
    items = _sequence_arg(site, 0) if len(site.args) == 1 else list(site.args)
    items = [site.ev.math(site.node, v) for v in items]
    if not items:
        raise site.fail("of an empty list", "give at least one value")
    if site.name == "builtins.sum":
        return _total(items, site.kwargs.get("start", sp.Integer(0)))
    return (sp.Max if site.name == "builtins.max" else sp.Min)(*items)


def _total(items: list[Any], start: Any) -> Any:
    total = start
    for item in items:
        total = total + item
    return total


def _filled(fill: int) -> Callable[[_Site], Any]:
    """``zeros`` / ``ones``: a number for one element (as for a one-element list), a column
    for a length, a matrix for a (rows, cols) shape."""
    def handler(site: _Site) -> Any:
        site.expect((1,), ("dtype", "ctx", "device", "requires_grad"))
        shape = site.args[0]
        dims = list(shape) if isinstance(shape, (list, tuple)) else [shape]
        if not (1 <= len(dims) <= 2 and all(isinstance(d, sp.Integer) and d >= 1
                                             for d in dims)):
            raise site.fail(f"the shape {_render(shape)} is not one or two positive integers",
                            "give a length or a (rows, cols) shape")
        rows, cols = int(dims[0]), int(dims[1]) if len(dims) == 2 else 1
        if rows * cols > 10_000:
            raise site.fail(f"{rows * cols} entries", "use a smaller array")
        if rows * cols == 1:
            site.ev.note(site.node, f"{site.ev.frame.fragment(site.node)}: a one-element "
                         f"array stands for its single value {fill}")
            return sp.Integer(fill)
        return sp.ImmutableMatrix(rows, cols, [sp.Integer(fill)] * (rows * cols))
    return handler


def _reduce(value: Any, how: str, site: _Site) -> Any:
    """The sum, mean, product, maximum or minimum of all entries of an array."""
    if site.kwargs.get("axis") is not None:
        raise site.fail("a reduction along an axis", "reduce the whole array")
    if site.ev._on_grid(value):
        items = _over_grid(site, value, how)
    else:
        items = list(value) if isinstance(value, sp.MatrixBase) else [value]
    if how == "sum":
        return _total(items, sp.Integer(0))
    if how == "mean":
        return _total(items, sp.Integer(0)) / len(items)
    if how == "prod":
        return sp.Mul(*items)
    return (sp.Max if how == "max" else sp.Min)(*items)


_MAX_GRID_POINTS = 1000
"""Points of a grid a reduction adds up one by one (exactly)."""


def _over_grid(site: _Site, value: Any, how: str) -> list[Any]:
    """The values of an expression over a grid at each point of the grid (a Riemann sum
    ``np.sum(epsilon * f)``), exactly, for one arange/linspace grid of at most
    ``_MAX_GRID_POINTS`` points."""
    symbols = [s for s in value.free_symbols if s in site.ev.state.grids]
    grid = site.ev.state.grids[symbols[0]] if len(symbols) == 1 else None
    if grid is None or grid.axis is not None or isinstance(value, sp.MatrixBase):
        raise site.fail(f"a {how} over the points of several grids (or a meshgrid)",
                        "derivcheck adds up the points of one arange/linspace grid only")
    points = _grid_points(site, grid)
    site.ev.note(site.node, f"{site.ev.frame.fragment(site.node)}: the {how} over the "
                 f"{len(points)} points of the grid {grid.name} ({grid.call})")
    return [value.xreplace({grid.symbol: point}) for point in points]


def _grid_points(site: _Site, grid: Grid) -> list[Any]:
    if grid.count is not None:
        count, step = grid.count, (grid.high - grid.low) / (grid.count - 1)
    else:
        step = grid.step
        count = int(sp.ceiling((grid.high - grid.low) / step))
        rounded = math.ceil((float(grid.high) - float(grid.low)) / float(step))
        if rounded != count:
            raise site.fail(f"the grid {grid.name} has {count} points exactly but {rounded} "
                            "in floating point", "give bounds a whole number of steps apart")
    if count > _MAX_GRID_POINTS:
        raise site.fail(f"the grid {grid.name} has {count} points; derivcheck adds up at most "
                        f"{_MAX_GRID_POINTS}", "use a coarser grid for the check")
    return [grid.low + k * step for k in range(count)]


_REDUCTIONS = {"sum": "sum", "mean": "mean", "prod": "prod", "max": "max", "min": "min",
               "amax": "max", "amin": "min", "reduce_sum": "sum", "reduce_mean": "mean",
               "reduce_prod": "prod", "reduce_max": "max", "reduce_min": "min"}


def _reduction(how: str) -> Callable[[_Site], Any]:
    def handler(site: _Site) -> Any:
        site.expect((1,), ("axis", "keepdims", "dtype"))
        return _reduce(site.math(0), how, site)
    return handler


def _method_reduction(site: _Site, value: Any, base: ast.expr) -> Any:
    site.expect((0,), ("axis", "keepdims", "dtype"))
    return _reduce(value, _REDUCTIONS[site.name.lstrip(".")], site)


def _sorted(site: _Site) -> list[Any]:
    site.expect((1,), ("reverse",))
    items = [site.ev.math(site.node, v) for v in _sequence_arg(site, 0)]
    if not all(isinstance(v, sp.Expr) and v.is_number and v.is_real for v in items):
        raise site.fail("sorts real numbers only", "sort numbers, not grids or variables")
    return sorted(items, key=lambda v: sp.N(v, 30), reverse=bool(site.kwargs.get("reverse")))


def _no_grad(site: _Site) -> _Context:
    site.expect((0,))
    return _Context(site.name)


def _cumsum(site: _Site) -> Any:
    site.expect((1,), ("dim", "axis", "dtype"))
    value = site.math(0)
    if not isinstance(value, sp.MatrixBase) or site.ev._on_grid(value):
        return value
    items = list(value)
    partial = [_total(items[:k + 1], sp.Integer(0)) for k in range(len(items))]
    return sp.ImmutableMatrix(value.rows, value.cols, partial)


def _det(site: _Site) -> Any:
    site.expect((1,))
    value = site.math(0)
    if not (isinstance(value, sp.MatrixBase) and value.is_square):
        raise site.fail("the determinant of something that is not a square matrix",
                        "give a square array")
    return value.det()


def _norm(site: _Site) -> Any:
    site.expect((1,), ("ord", "axis", "keepdims", "dtype"))
    if any(site.kwargs.get(k) is not None for k in ("ord", "axis")):
        raise site.fail("a norm with ord= or axis=", "derivcheck takes the 2-norm of the "
                        "whole array")
    value = site.math(0)
    items = list(value) if isinstance(value, sp.MatrixBase) else [value]
    return sp.sqrt(_total([sp.Abs(v) ** 2 if not (v.is_real) else v ** 2 for v in items],
                          sp.Integer(0)))


def _matmul(site: _Site) -> Any:
    site.expect((2,))
    return site.ev._matmul(site.node, site.math(0), site.math(1))


def _method_cast(site: _Site, value: Any, base: ast.expr) -> Any:
    """``.type(torch.float32)`` / ``.float()``: the same exact values."""
    site.expect((0, 1))
    return value


def _cast(site: _Site) -> Any:
    """``tf.cast(x, tf.float32)``: the same exact values."""
    site.expect((1, 2), ("dtype",))
    return site.math(0)
