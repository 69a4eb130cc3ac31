r"""The one table of functions (checkers/algebra/_functions.py): every entry reads in every reader
that claims it, and JAX evaluates it to SymPy's value."""

from __future__ import annotations

import subprocess
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp

from checkers import Identity, Latex, Source, Var, check
from checkers.algebra import _functions
from checkers.readers._code_translator import translate_cell
from checkers.readers.latex import read_latex
from checkers.readers._syntax import parse
from checkers.witnesses.numeric._tojax import UnsupportedExpression, evaluate

jax.config.update("jax_enable_x64", True)  # as the numeric witness does

x, y = sp.symbols("x y", real=True)
X = sp.MatrixSymbol("X", 2, 2)
AT = {x: sp.Rational(3, 10), y: sp.Rational(7, 10)}  # inside every entry's domain
MATRIX = sp.ImmutableMatrix([[2, 1], [1, 3]])
IMPORTS = {"np": "import numpy as np", "torch": "import torch", "tf": "import tensorflow as tf",
           "math": "import math", "npx": "from mxnet import npx", "builtins": ""}

ENTRIES = {entry.name: entry for entry in _functions.TABLE}
SCALAR = [e for e in _functions.TABLE if e.takes == _functions.SCALAR]


def _args(entry):
    return (x, y)[:entry.arity] if entry.takes == _functions.SCALAR else (X,)


def _expected(entry):
    return entry.apply(*_args(entry))


def _cases(field):
    return [pytest.param(e, name, id=f"{e.name}:{name}")
            for e in _functions.TABLE for name in getattr(e, field)]


def test_one_entry_per_function_and_no_name_twice():
    assert len(ENTRIES) == len(_functions.TABLE)
    for field in ("syntax", "latex", "code"):
        names = [n for e in _functions.TABLE for n in getattr(e, field)]
        assert len(names) == len(set(names)), field
    assert {"exp", "log", "sqrt", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh",
            "cosh", "tanh", "abs", "sign", "floor", "ceil", "max", "min", "erf"} <= set(ENTRIES)


@pytest.mark.parametrize("entry, name", _cases("syntax"))
def test_every_syntax_name_reads(entry, name):
    args = ", ".join(str(a) for a in _args(entry))
    assert parse(f"{name}({args})", {"x": x, "y": y, "X": X}) == _expected(entry)


@pytest.mark.parametrize("entry, command", _cases("latex"))
def test_every_latex_command_reads(entry, command):
    if entry.takes != _functions.SCALAR:  # \det(X) of a declared square matrix
        assert read_latex(rf"\{command}(X)", shapes={"X": (2, 2)}) == _expected(entry)
        assert read_latex(rf"\{command} X", shapes={"X": (2, 2)}) == _expected(entry)
        return
    assert read_latex(rf"\{command}(x)") == _expected(entry)
    assert read_latex(rf"\{command} x") == _expected(entry)


@pytest.mark.parametrize("entry, path", _cases("code"))
def test_every_code_cell_name_reads(entry, path):
    module = path.rsplit(".", 1)[0].split(".")[0]
    call = path.removeprefix("builtins.")
    args = ", ".join(["0.3", "0.7"][:entry.arity])
    source = f"{IMPORTS[module]}\nv = {call}({args})\n"
    (assigned,) = translate_cell(source, first_line=1, tab="all").assignments
    assert assigned.value == entry.apply(*[AT[a] for a in _args(entry)])


@pytest.mark.parametrize("entry", [e for e in SCALAR if e.arity == 1 and any(
    not p.startswith("math.") and not p.startswith("builtins.") for p in e.code)],
    ids=lambda e: e.name)
def test_code_cell_functions_apply_entry_by_entry_to_arrays(entry):
    path = next(p for p in entry.code if p.startswith(("np.", "torch.", "tf.", "npx.")))
    module = path.split(".")[0]
    source = f"{IMPORTS[module]}\nimport numpy as np\nv = {path}(np.array([0.3, 0.7]))\n"
    (assigned,) = translate_cell(source, first_line=1, tab="all").assignments
    assert assigned.value == sp.Matrix([entry.apply(AT[x]), entry.apply(AT[y])])


@pytest.mark.parametrize("entry", _functions.TABLE, ids=lambda e: e.name)
def test_jax_evaluates_every_entry_to_sympys_value(entry):
    expr = _expected(entry)
    env = {x: jnp.asarray(0.3), y: jnp.asarray(0.7), X: jnp.asarray(MATRIX.tolist(), float)}
    truth = expr.subs({**AT, X: MATRIX}).doit().evalf(30)
    truth = np.asarray(truth.tolist() if isinstance(truth, sp.MatrixBase) else truth, float)
    assert np.asarray(evaluate(expr, env)) == pytest.approx(truth, rel=1e-12)


def test_a_function_the_table_lacks_is_evaluated_through_lambdify():
    assert float(evaluate(sp.acosh(x) + sp.sec(x), {x: jnp.asarray(1.5)})) == pytest.approx(
        float((sp.acosh(x) + sp.sec(x)).subs(x, sp.Rational(3, 2)).evalf(30)), rel=1e-12)


@pytest.mark.parametrize("expr", [sp.fresnels(x), sp.LambertW(x)], ids=str)
def test_what_lambdify_cannot_print_for_jax_is_refused(expr):
    with pytest.raises(UnsupportedExpression, match="cannot evaluate"):
        evaluate(expr, {x: jnp.asarray(0.5)})


def test_cosh_sinh_identity_read_from_latex_is_verified():
    claim = Identity(name="hyperbolic", source=Source(lines=(1, 1), section="functions"),
                     variables=(Var("x"),), lhs=Latex(r"\cosh(x)^2 - \sinh(x)^2"),
                     rhs=Latex("1"))
    verdict = check(claim)
    assert verdict.status == "verified", verdict
    assert verdict.numeric.status == "agrees"


def test_the_table_imports_neither_sympy_nor_jax():
    code = ("import sys, checkers.algebra._functions as f\n"
            "f.by_syntax('exp'); f.latex_commands(); f.by_code('np.exp')\n"
            "print(sorted(m for m in ('jax', 'sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
