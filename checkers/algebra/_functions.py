r"""The one table of functions: how every reader spells a function, and what SymPy and JAX make
of it.

One entry per function. ``syntax`` are its names in derivcheck's expression syntax (``exp(x)``),
``latex`` its LaTeX commands without the backslash (``\exp``), ``code`` its canonical dotted
names in code cells (``np.exp``, ``torch.exp``; mxnet's ``mxnet.np.exp`` is read as ``np.exp``),
``sympy`` the name of its SymPy function, ``jax`` the dotted name under the ``jax`` package of
its JAX function. A function that SymPy writes as others (``log2(x)`` is ``log(x)/log(2)``) has
a ``compose`` instead of a ``sympy`` name, and no ``jax``: the evaluator sees its parts.

The readers and the JAX evaluator look functions up here; nothing is imported until a function
is applied (``import checkers`` loads neither SymPy nor JAX). A SymPy function this table lacks
is still evaluated numerically, through ``sympy.lambdify(..., "jax")`` (see ``_tojax``).

``sqrt`` and ``abs`` have no LaTeX command here: ``\sqrt{x}`` and ``|x|`` are structure the LaTeX
grammar reads itself.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

SCALAR, SQUARE, ANY = "scalar", "square matrix", "any"
"""What a function takes: scalars, square matrices, or any shape."""


@dataclass(frozen=True)
class Function:
    name: str
    sympy: str | None = None
    jax: str | Callable[[], Callable] | None = None
    """A dotted name under ``jax``, or a function that returns the JAX function."""
    syntax: tuple[str, ...] = ()
    latex: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    arity: int = 1
    takes: str = SCALAR
    compose: Callable[..., Any] | None = None
    """``compose(sympy, *args)``: the SymPy expression of a function written by others."""

    def apply(self, *args):
        """The SymPy value of this function at ``args`` (SymPy expressions)."""
        import sympy

        if self.compose is not None:
            return self.compose(sympy, *args)
        return getattr(sympy, self.sympy)(*args)

    def sympy_class(self):
        """The SymPy class of its applications (``sympy.exp``), or None if it composes
        (``sympy.sqrt`` is a function that makes a ``Pow``)."""
        if self.sympy is None or self.compose is not None:
            return None
        import sympy

        return getattr(sympy, self.sympy)

    def jax_function(self) -> Callable | None:
        """Its JAX function (imported now), or None when the evaluator needs none."""
        if self.jax is None or isinstance(self.jax, str):
            return None if self.jax is None else _resolve("jax." + self.jax)
        return self.jax()


def _resolve(dotted: str):
    module, _, attr = dotted.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _frameworks(name: str) -> tuple[str, ...]:
    """``np.name``, ``torch.name``, ``tf.name``, ``tf.math.name`` and ``math.name``."""
    return tuple(f"{module}.{name}" for module in ("np", "torch", "tf", "tf.math", "math"))


TABLE: tuple[Function, ...] = (
    Function("exp", "exp", "numpy.exp", ("exp",), ("exp",), _frameworks("exp")),
    Function("log", "log", "numpy.log", ("log",), ("log", "ln"),
             ("np.log", "torch.log", "tf.math.log", "math.log")),
    Function("sqrt", "sqrt", "numpy.sqrt", ("sqrt",), (), _frameworks("sqrt")),
    Function("sin", "sin", "numpy.sin", ("sin",), ("sin",), _frameworks("sin")),
    Function("cos", "cos", "numpy.cos", ("cos",), ("cos",), _frameworks("cos")),
    Function("tan", "tan", "numpy.tan", ("tan",), ("tan",), _frameworks("tan")),
    Function("arcsin", "asin", "numpy.arcsin", ("asin", "arcsin"), ("arcsin",),
             ("np.arcsin", "torch.asin", "torch.arcsin", "tf.math.asin", "math.asin")),
    Function("arccos", "acos", "numpy.arccos", ("acos", "arccos"), ("arccos",),
             ("np.arccos", "torch.acos", "torch.arccos", "tf.math.acos", "math.acos")),
    Function("arctan", "atan", "numpy.arctan", ("atan", "arctan"), ("arctan",),
             ("np.arctan", "torch.atan", "torch.arctan", "tf.math.atan", "math.atan")),
    Function("sinh", "sinh", "numpy.sinh", ("sinh",), ("sinh",), _frameworks("sinh")),
    Function("cosh", "cosh", "numpy.cosh", ("cosh",), ("cosh",), _frameworks("cosh")),
    Function("tanh", "tanh", "numpy.tanh", ("tanh",), ("tanh",), _frameworks("tanh")),
    Function("abs", "Abs", "numpy.abs", ("abs",), (),
             ("np.abs", "np.absolute", "torch.abs", "tf.abs", "tf.math.abs", "math.fabs",
              "builtins.abs")),
    Function("sign", "sign", "numpy.sign", ("sign",), (),
             ("np.sign", "torch.sign", "tf.sign", "tf.math.sign")),
    Function("floor", "floor", "numpy.floor", ("floor",), (),
             ("np.floor", "torch.floor", "tf.floor", "tf.math.floor", "math.floor")),
    Function("ceil", "ceiling", "numpy.ceil", ("ceil",), (),
             ("np.ceil", "torch.ceil", "tf.math.ceil", "math.ceil")),
    Function("erf", "erf", "scipy.special.erf", ("erf",), (),
             ("torch.erf", "tf.math.erf", "math.erf")),
    Function("max", "Max", "numpy.maximum", ("max",), (),
             ("np.maximum", "torch.maximum", "tf.maximum", "tf.math.maximum"), arity=2),
    Function("min", "Min", "numpy.minimum", ("min",), (),
             ("np.minimum", "torch.minimum", "tf.minimum", "tf.math.minimum"), arity=2),
    Function("factorial", "factorial", "scipy.special.factorial", ("factorial",), (),
             ("math.factorial",)),
    Function("binomial", "binomial", lambda: _binomial, ("binomial", "binom"), (),
             ("math.comb",), arity=2),
    Function("gamma", "gamma", "scipy.special.gamma", ("gamma",), (),
             ("math.gamma",)),
    # functions that code cells name and SymPy writes with the ones above
    Function("log2", code=("np.log2", "torch.log2", "math.log2"),
             compose=lambda sp, v: sp.log(v, 2)),
    Function("log10", code=("np.log10", "torch.log10", "math.log10"),
             compose=lambda sp, v: sp.log(v, 10)),
    Function("log1p", code=("np.log1p", "torch.log1p", "tf.math.log1p", "math.log1p"),
             compose=lambda sp, v: sp.log(1 + v)),
    Function("expm1", code=("np.expm1", "torch.expm1", "tf.math.expm1", "math.expm1"),
             compose=lambda sp, v: sp.exp(v) - 1),
    Function("square", code=("np.square", "torch.square", "tf.square", "tf.math.square"),
             compose=lambda sp, v: v ** 2),
    Function("sigmoid", code=("torch.sigmoid", "tf.sigmoid", "tf.math.sigmoid", "npx.sigmoid"),
             compose=lambda sp, v: 1 / (1 + sp.exp(-v))),
    # functions of matrices
    Function("trace", "Trace", "numpy.trace", ("tr", "trace"), takes=SQUARE),
    Function("det", "Determinant", "numpy.linalg.det", ("det",), ("det",), takes=SQUARE),
    Function("inv", "Inverse", "numpy.linalg.inv", ("inv",), takes=SQUARE),
    Function("norm", syntax=("norm",), takes=ANY, compose=lambda sp, v: _norm(v)),
)


def _binomial(n, k):
    """C(n, k) for real n and k, as SymPy's ``binomial`` means it: Γ(n+1)/(Γ(k+1)Γ(n−k+1))
    (JAX's ``comb`` is for integers only)."""
    from jax.scipy.special import gamma

    return gamma(n + 1) / (gamma(k + 1) * gamma(n - k + 1))


def _norm(value):
    from . import _shapes

    return _shapes.norm(value)


@cache
def _index(field: str) -> dict[str, Function]:
    return {name: entry for entry in TABLE for name in getattr(entry, field)}


def by_syntax(name: str) -> Function | None:
    """The function the expression syntax calls ``name`` (``exp``, ``tr``), or None."""
    return _index("syntax").get(name)


def syntax_names() -> tuple[str, ...]:
    return tuple(_index("syntax"))


def by_latex(command: str) -> Function | None:
    r"""The function of the LaTeX command ``command`` (``cosh`` for ``\cosh``), or None."""
    return _index("latex").get(command)


def latex_commands() -> tuple[str, ...]:
    """Every LaTeX command of a function, longest first (for the grammar's FUNC token)."""
    return tuple(sorted(_index("latex"), key=lambda c: (-len(c), c)))


def by_code(path: str) -> Function | None:
    """The function a code cell calls by the canonical ``path`` (``np.exp``), or None."""
    return _index("code").get(path)


def code_names() -> tuple[str, ...]:
    return tuple(_index("code"))


@cache
def by_sympy_class() -> dict[type, Function]:
    """SymPy class -> entry, for the entries that JAX evaluates (imports SymPy)."""
    return {entry.sympy_class(): entry for entry in TABLE
            if entry.jax is not None and isinstance(entry.sympy_class(), type)}
