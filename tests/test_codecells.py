"""The code-cell translator on every cell of the chapter, and on small made-up cells."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checkers.readers._code_translator import CellResult, CodeCellError, translate_cell, translate_tab
from checkers.model._errors import DerivcheckError
from checkers.readers._markdown import read_blocks

CHAPTER = Path(__file__).resolve().parents[1] / "derivations/texts/multivariable-calculus.pt.md"
CELLS = tuple((b.text, b.text_line, b.tab) for b in read_blocks(CHAPTER.read_text("utf-8"))
              if b.kind == "code")
TABS = ("mxnet", "pytorch", "tensorflow")
CHAINS = {tab: translate_tab(CELLS, tab) for tab in TABS}


def _cell(tab: str, line: int) -> CellResult:
    """The translated cell of ``tab`` whose source starts at chapter ``line`` (its first line)."""
    for result in CHAINS[tab]:
        if result.first_line <= line <= result.last_line:
            return result
    raise AssertionError(f"no {tab} cell covers line {line}")


def _assigned(result: CellResult, name: str, line: int) -> sp.Basic:
    found = [a.value for a in result.assignments if a.name == name and a.line == line]
    assert len(found) == 1, f"{name} is not assigned once at line {line}"
    return found[0]


def _same(a: sp.Basic, b: sp.Basic) -> bool:
    return sp.expand(a - b) == 0


# ------------------------------------------------------------------------ every cell translates


def test_every_cell_of_every_tab_translates() -> None:
    firsts = {tab: [r.first_line for r in CHAINS[tab]] for tab in TABS}
    assert firsts == {
        "mxnet": [74, 204, 325, 370, 408, 554],
        "pytorch": [94, 211, 325, 370, 432, 576],
        "tensorflow": [118, 219, 325, 370, 457, 602],
    }
    lasts = [r.last_line for r in CHAINS["pytorch"]]
    assert lasts == [114, 215, 341, 395, 453, 598]


# ------------------------------------------------------------------------ gradient approximation


@pytest.mark.parametrize("tab, line", [("mxnet", 88), ("pytorch", 109), ("tensorflow", 133)])
def test_gradient_approximation_is_exact(tab: str, line: int) -> None:
    result = _cell(tab, line)
    assert _assigned(result, "epsilon", line - 1) == sp.Matrix([sp.Rational(1, 100),
                                                                  sp.Rational(-3, 100)])
    assert _assigned(result, "grad_approx", line) == sp.log(3) - sp.Rational(1, 60)
    truth = sp.log(sp.exp(sp.Rational(1, 100)) + sp.exp(sp.log(2) - sp.Rational(3, 100)))
    assert sp.simplify(_assigned(result, "true_value", line + 1 if tab == "mxnet" else line + 3)
                       - truth) == 0
    (shown,) = result.printed
    assert shown.how == "display" and [s for s, _ in shown.values] == ["grad_approx",
                                                                       "true_value"]
    assert shown.text.startswith("approximation: -1/60 + log(3), true Value: ")


def test_defined_functions_and_their_lines() -> None:
    result = _cell("mxnet", 81)
    f, grad_f = result.functions["f"], result.functions["grad_f"]
    assert (f.start, f.end, f.params) == (81, 82, ("x", "y"))
    assert (grad_f.start, grad_f.end) == (83, 85)
    x, y = sp.symbols("x y", real=True)
    assert f(x, y) == sp.log(sp.exp(x) + sp.exp(y))
    assert grad_f(0, sp.log(2)) == sp.Matrix([sp.Rational(1, 3), sp.Rational(2, 3)])
    later = translate_cell("q = f(0, 0)", first_line=900, tab="mxnet", env=result.env)
    assert later.value("q") == sp.log(2)


def test_setup_lines_are_recorded_and_ignored() -> None:
    result = _cell("mxnet", 74)
    assert [(i.line, i.reason) for i in result.ignored] == [
        (74, "magic"), (75, "import"), (76, "import"), (77, "import"), (78, "import"),
        (79, "setup")]


def test_tab_directive_is_recorded_not_a_comment() -> None:
    result = _cell("pytorch", 94)
    assert (94, "#@tab pytorch", "directive") in [(i.line, i.text, i.reason)
                                                  for i in result.ignored]
    assert all(c.line != 94 for c in result.comments)


def test_error_inside_a_function_names_the_call() -> None:
    defined = translate_cell("import numpy as np\ndef h(t):\n    return np.foo(t)",
                             first_line=10, tab="mxnet")
    with pytest.raises(CodeCellError) as info:
        translate_cell("a = h(2)", first_line=30, tab="mxnet", env=defined.env)
    assert info.value.line == 12
    assert "unknown call np.foo(...) (in h, called at line 30)" in str(info.value)


def test_one_element_tensors_are_noted() -> None:
    notes = _cell("pytorch", 109).notes
    assert [n.line for n in notes] == [109, 110, 111, 112, 113]
    assert "torch.tensor([0.])" in notes[0].text and "single value 0" in notes[0].text


# ------------------------------------------------------------------------ grids and plots


@pytest.mark.parametrize("tab, line, call", [
    ("mxnet", 204, "np.arange"), ("pytorch", 212, "torch.arange"),
    ("tensorflow", 220, "tf.range")])
def test_arange_grid(tab: str, line: int, call: str) -> None:
    result = _cell(tab, line)
    grid = result.grid("x")
    assert (grid.low, grid.high, grid.step, grid.count, grid.closed, grid.line, grid.call) == (
        -2, 3, sp.Rational(1, 100), None, False, line, call)
    x = grid.symbol
    assert x.is_real and _assigned(result, "x", line) == x
    assert _same(_assigned(result, "f", line + 1), 3 * x**4 - 4 * x**3 - 12 * x**2)
    assert [p.line for p in result.plots] == [line + 3]


def _hessian_cell(tab: str) -> tuple[CellResult, sp.Symbol, sp.Symbol]:
    result = _cell(tab, {"mxnet": 555, "pytorch": 578, "tensorflow": 604}[tab])
    return result, result.grid("x").symbol, result.grid("y").symbol


def test_hessian_pytorch_quadratic() -> None:
    result, x, y = _hessian_cell("pytorch")
    expected = sp.exp(-1) * (-1 - (x + 1) + 2 * (x + 1)**2 + 2 * y**2)
    assert _same(_assigned(result, "w", 584), expected)
    assert _same(_assigned(result, "z", 581), x * sp.exp(-x**2 - y**2))


def test_hessian_mxnet_quadratic_is_the_taylor_polynomial() -> None:
    result, x, y = _hessian_cell("mxnet")
    w = _assigned(result, "w", 560)
    assert _same(w, sp.exp(-1) * (-1 - (x + 1) + (x + 1)**2 + y**2))
    z = x * sp.exp(-x**2 - y**2)
    at = {x: -1, y: 0}
    grad = [sp.diff(z, v).subs(at) for v in (x, y)]
    hess = sp.hessian(z, (x, y)).subs(at)
    d = sp.Matrix([x + 1, y])
    taylor = z.subs(at) + (sp.Matrix([grad]) * d)[0] + (d.T * hess * d)[0] / 2
    assert _same(w, taylor)


def test_hessian_tabs_differ_as_written() -> None:
    """Translation is faithful: the pytorch and tensorflow cells double the quadratic terms."""
    m, mx, my = _hessian_cell("mxnet")
    for tab in ("pytorch", "tensorflow"):
        r, x, y = _hessian_cell(tab)
        w_tab = [a.value for a in r.assignments if a.name == "w"][-1]
        w_mx = _assigned(m, "w", 560).xreplace({mx: x, my: y})
        assert _same(w_tab - w_mx, sp.exp(-1) * ((x + 1)**2 + y**2))


def test_meshgrid_records() -> None:
    result, x, y = _hessian_cell("mxnet")
    gx, gy = result.grid("x"), result.grid("y")
    assert (gx.low, gx.high, gx.count, gx.closed, gx.axis, gx.indexing, gx.call) == (
        -2, 2, 101, True, 0, "ij", "np.linspace")
    assert (gy.axis, gy.line) == (1, 555)
    assert x != y and x.name == "x"
    assert [p.line for p in result.plots] == list(range(563, 573))
    tf_result, _, _ = _hessian_cell("tensorflow")
    assert tf_result.grid("x").indexing == "xy"
    assert any("indexing='xy'" in n.text for n in tf_result.notes)


def test_comments_are_kept_with_lines() -> None:
    comments = {c.line: c.text for c in _cell("mxnet", 555).comments}
    assert comments[559] == "Compute approximating quadratic with gradient and Hessian at (1, 0)"
    assert all(not c.text.startswith("@") for r in CHAINS["pytorch"] for c in r.comments)


# ------------------------------------------------------------------------ backpropagation


W, X, Y, Z = sp.symbols("w x y z")
_A, _B = (W + X + Y + Z)**2, (W + X - Y - Z)**2
F = ((_A + _B)**2 + (_A - _B)**2)**2
POINT = {W: -1, X: 0, Y: -2, Z: 1}


def _truth(var: sp.Symbol) -> sp.Integer:
    return sp.diff(F, var).subs(POINT)


@pytest.mark.parametrize("line", [331, 376])
def test_plain_python_forward_value(line: int) -> None:
    (shown,) = [p for p in _cell("mxnet", line).printed if p.line == line]
    assert dict(shown.values)["f"] == F.subs(POINT) == 1024
    assert shown.text.strip() == "f at -1, 0, -2, 1 is 1024"


def test_plain_python_backprop_values() -> None:
    printed = _cell("pytorch", 392).printed
    got = {p.line: dict(p.values) for p in printed}
    for line, var in zip((392, 393, 394, 395), (W, X, Y, Z)):
        value = got[line][f"df_d{var.name}"]
        assert isinstance(value, sp.Integer) and value == _truth(var)
    assert dict(_cell("mxnet", 341).printed[-1].values)["df_dw"] == _truth(W)


@pytest.mark.parametrize("tab, first", [("mxnet", 425), ("pytorch", 446),
                                        ("tensorflow", 475)])
def test_autograd_prints_the_exact_gradient(tab: str, first: int) -> None:
    result = _cell(tab, first)
    assert [leaf.name for leaf in result.leaves] == ["w", "x", "y", "z"]
    assert [leaf.value for leaf in result.leaves] == [-1, 0, -2, 1]
    step = 1 if tab == "mxnet" else 2
    for k, var in enumerate((W, X, Y, Z)):
        shown = [p for p in result.printed if p.line == first + k * step][0]
        values = [v for _, v in shown.values]
        assert values[:4] == [-1, 0, -2, 1]
        assert isinstance(values[4], sp.Integer) and values[4] == _truth(var)
        assert shown.text == f"df/d{var.name} at -1, 0, -2, 1 is {_truth(var)}"
        form = shown.forms[4][1]
        assert isinstance(form, sp.Derivative)
        leaf = result.leaves[k].symbol
        assert form.variables == (leaf,)
        assert _same(form.expr.xreplace({lf.symbol: s for lf, s in zip(result.leaves,
                                                                         (W, X, Y, Z))}), F)


def test_autograd_bindings_are_in_the_env() -> None:
    result = _cell("tensorflow", 470)
    bindings = {s.name: v for s, v in result.env.bindings.items()}
    assert bindings == {"w": -1, "x": 0, "y": -2, "z": 1}
    assert isinstance(result.value("w_grad"), sp.Derivative)


# ------------------------------------------------------------------------ errors that teach


def test_unknown_call_names_line_and_call() -> None:
    source, first_line, _ = next(c for c in CELLS if c[1] == 576)
    broken = source.replace("z = x*torch.exp(", "z = x*torch.foo(")
    env = CHAINS["pytorch"][-2].env
    with pytest.raises(CodeCellError) as info:
        translate_cell(broken, first_line=first_line, tab="pytorch", env=env)
    err = info.value
    assert (err.line, err.tab, err.fragment) == (581, "pytorch", "torch.foo(...)")
    assert str(err).startswith("line 581 (pytorch tab): unknown call torch.foo(...)")
    assert "checkers/readers/_code_translator.py" in str(err)
    assert isinstance(err, DerivcheckError)


@pytest.mark.parametrize("source, line, words", [
    ("x = np.exp(1)", 204, "unknown name np"),
    ("import math\nwhile True:\n    pass", 205, "unsupported statement `while`"),
    ("import numpy as np\nx = np.arange(0, 1, 0.1) + 1", 205, "used before it is assigned"),
    ("import torch\nw = torch.tensor([2.], requires_grad=True)\ng = w.grad", 206,
     "before any backward()"),
    ("import tensorflow as tf\nw = tf.Variable(2.)\nwith tf.GradientTape() as t:\n"
     "    f = w**3\na = t.gradient(f, w)\nb = t.gradient(f, w)", 209, "second gradient"),
    ("import numpy as np\nv = np.array([1, 2]) * np.array([1, 2, 3])", 205, "do not match"),
    ("x = (1,\n 2", 204, "not valid Python"),
    ("x = lambda t: t", 204, "unsupported expression"),
    ("import math\nimport numpy as np\ny = math.exp(np.array([1, 2]))", 206,
     "single numbers, not arrays"),
])
def test_errors_say_where_and_what(source: str, line: int, words: str) -> None:
    with pytest.raises(CodeCellError) as info:
        translate_cell(source, first_line=204, tab="mxnet")
    assert info.value.line == line
    assert str(info.value).startswith(f"line {line} (mxnet tab): ") and words in str(info.value)
    assert str(info.value).endswith(f"\n  what to do: {info.value.hint}")


# ------------------------------------------------------------------------ exact arithmetic


@pytest.mark.parametrize("literal, value", [
    ("0.01", sp.Rational(1, 100)), ("2.", 2), ("1e-3", sp.Rational(1, 1000)),
    ("-0.03", sp.Rational(-3, 100)), ("7 / 2", sp.Rational(7, 2)), ("2**-2", sp.Rational(1, 4)),
])
def test_literals_are_exact(literal: str, value: sp.Rational) -> None:
    result = translate_cell(f"a = {literal}", first_line=1, tab="all")
    assert result.value("a") == value and isinstance(result.value("a"), sp.Rational)


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False,
                   allow_infinity=False))
def test_any_decimal_literal_is_exact(number) -> None:  # type: ignore[no-untyped-def]
    text = f"{number:f}"
    if "." not in text:
        text += ".0"
    result = translate_cell(f"a = {text}", first_line=1, tab="all")
    assert result.value("a") == sp.Rational(text)


def test_fstring_placeholders_and_format_spec() -> None:
    result = translate_cell("a, b = 1, 2.5\nprint(f'{a} and {b:.3f}', a + b, sep=' | ')",
                            first_line=10, tab="all")
    (shown,) = result.printed
    assert shown.text == "1 and 2.500 | 7/2"
    assert shown.values == (("a", 1), ("b", sp.Rational(5, 2)), ("a + b", sp.Rational(7, 2)))
