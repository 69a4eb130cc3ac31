"""Code cells as the book writes them: loops, comprehensions, attribute assignment, array
constructors and reductions, and a translation that goes on past a statement it cannot follow
(only what reads that statement's names is an error)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import sympy as sp

from checkers.readers._code_translator import CodeCellError, translate_cell, translate_tab
from checkers.readers._markdown import read_blocks


def _run(source: str, *, tolerant: bool = False, tab: str = "pytorch"):
    return translate_cell(textwrap.dedent(source), first_line=10, tab=tab, tolerant=tolerant)


def _assigned(result, name: str) -> list:
    return [(a.line, a.value) for a in result.assignments if a.name == name]


# ------------------------------------------------------------------------ loops


def test_a_loop_over_a_list_runs_each_pass_and_records_each() -> None:
    result = _run("""\
        total = 0
        for x0 in [-1.5, 0, 2]:
            total += x0**2
        """)
    assert _assigned(result, "x0") == [(11, sp.Rational(-3, 2)), (11, 0), (11, 2)]
    assert [v for _, v in _assigned(result, "total")] == [0, sp.Rational(9, 4),
                                                          sp.Rational(9, 4),
                                                          sp.Rational(25, 4)]


def test_range_zip_enumerate_and_tuple_unpacking() -> None:
    result = _run("""\
        s = 0
        for i, (a, b) in enumerate(zip(range(1, 4), [10, 20, 30])):
            s = s + i * a * b
        n = len(range(5))
        """)
    assert result.value("s") == 0 * 1 * 10 + 1 * 2 * 20 + 2 * 3 * 30
    assert result.value("n") == 5


def test_a_loop_past_the_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(CodeCellError) as info:
        _run("for i in range(1000):\n    pass\n")
    assert "1000 numbers" in info.value.problem and "at most 100" in info.value.problem
    assert info.value.line == 10


def test_a_loop_over_a_grid_is_refused() -> None:
    with pytest.raises(CodeCellError, match="points of a grid"):
        _run("import torch\nx = torch.arange(0, 1, 0.1)\nfor p in x:\n    y = p\n")


def test_list_append_records_the_appended_value() -> None:
    result = _run("""\
        import torch
        xs = torch.arange(-1, 1, 0.01)
        plots = [torch.sin(xs)]
        for x0 in [0.0, 2.0]:
            plots.append(torch.sin(torch.tensor(x0)) + (xs - x0) *
                         torch.cos(torch.tensor(x0)))
        """)
    xs = result.grid("xs").symbol
    assert _assigned(result, "plots") == [(14, xs), (14, (xs - 2) * sp.cos(2) + sp.sin(2))]
    assert len(result.value("plots")) == 3


# ------------------------------------------------------------------------ comprehensions


def test_comprehensions_with_conditions_on_numbers() -> None:
    result = _run("""\
        import numpy as np
        squares = np.array([k**2 for k in range(5) if k % 2 == 0])
        pairs = sum(a * b for a in [1, 2] for b in [3, 4])
        big = max([3, 1.5, 7]) if 2 > 1 else 0
        """, tab="mxnet")
    assert result.value("squares") == sp.Matrix([0, 4, 16])
    assert result.value("pairs") == (1 + 2) * (3 + 4)
    assert result.value("big") == 7


def test_a_condition_on_a_grid_is_not_decided() -> None:
    with pytest.raises(CodeCellError, match="is not decided by numbers"):
        _run("import torch\nx = torch.arange(0, 1, 0.1)\np = 1 if x > 0 else 0\n")


# ------------------------------------------------------------------------ module attributes


@pytest.mark.parametrize("tab, source, name, grid", [
    ("pytorch", "import torch\ntorch.pi = torch.acos(torch.zeros(1)).item() * 2", "torch.pi",
     "torch.arange"),
    ("tensorflow", "import tensorflow as tf\ntf.pi = tf.acos(tf.zeros(1)).numpy() * 2",
     "tf.pi", "tf.range"),
])
def test_pi_defined_on_the_module_is_read_back(tab: str, source: str, name: str,
                                               grid: str) -> None:
    result = _run(f"{source}\nxs = {grid}(-{name}, {name}, 0.01)\n", tab=tab)
    assert _assigned(result, name) == [(11, sp.pi)]
    grid = result.grid("xs")
    assert (grid.low, grid.high) == (-sp.pi, sp.pi)
    assert any("one-element array" in note.text for note in result.notes)


def test_tensorflow_pi_unset_is_not_a_value() -> None:
    with pytest.raises(CodeCellError, match="module or function, not a value"):
        _run("import tensorflow as tf\nx = 2 * tf.pi\n", tab="tensorflow")


# ------------------------------------------------------------------------ arrays, reductions


def test_zeros_ones_and_reductions() -> None:
    result = _run("""\
        import torch
        z = torch.zeros((2, 3))
        o = torch.ones(3)
        v = torch.tensor([1.0, 2.0, 4.0])
        s, m, p = torch.sum(v), v.mean(), v.prod()
        hi, lo = v.max(), torch.min(v)
        """)
    assert result.value("z") == sp.zeros(2, 3) and result.value("o") == sp.ones(3, 1)
    assert [result.value(n) for n in ("s", "m", "p", "hi", "lo")] == [
        7, sp.Rational(7, 3), 8, 4, 1]


def test_tensorflow_reductions() -> None:
    result = _run("import tensorflow as tf\nv = tf.constant([1.0, 3.0])\n"
                  "m = tf.reduce_mean(v) + tf.reduce_sum(v)\n", tab="tensorflow")
    assert result.value("m") == 6


def test_a_reduction_over_a_grid_adds_its_points_exactly() -> None:
    result = _run("import torch\nx = torch.arange(0, 1, 0.25)\ns = torch.sum(x**2)\n"
                  "t = torch.linspace(0, 1, 3)\nm = t.mean()\n")
    assert result.value("s") == sp.Rational(0 + 1 + 4 + 9, 16)
    assert result.value("m") == sp.Rational(1, 2)
    assert any("the sum over the 4 points of the grid x" in n.text for n in result.notes)


@pytest.mark.parametrize("source, words", [
    ("x = torch.arange(1, 1.3, 0.1)\ns = torch.sum(x)", "3 points exactly but 4 in floating"),
    ("x = torch.arange(0, 20, 0.01)\ns = torch.sum(x)", "2000 points; derivcheck adds up at"),
    ("x, y = torch.meshgrid(torch.arange(0, 1, 0.5), torch.arange(0, 1, 0.5))\n"
     "s = torch.sum(x * y)", "several grids (or a meshgrid)"),
])
def test_a_reduction_over_a_grid_it_cannot_add_up_is_refused(source: str, words: str) -> None:
    with pytest.raises(CodeCellError, match=re.escape(words)):
        _run(f"import torch\n{source}\n")


def test_the_riemann_sum_of_the_integral_calculus_chapter() -> None:
    """d2l integral-calculus.md l.114-130 as written: the sum is exact, and the mxnet tab's
    'truth' is log(2)/2 where the other tabs (and the integral) give log(5)/2."""
    text = (Path(__file__).parent / "corpus/d2l/integral-calculus.md").read_text("utf-8")
    cells = [(b.text, b.text_line, b.tab) for b in read_blocks(text)
             if b.kind == "code" and b.tab]
    mxnet = {a.name: a.value for r in translate_tab(cells, "mxnet", tolerant=True)
             for a in r.assignments if 114 <= a.line <= 122}
    torch = {a.name: a.value for r in translate_tab(cells, "pytorch", tolerant=True)
             for a in r.assignments if 135 <= a.line <= 143}
    riemann = sum(sp.Rational(1, 20) * x / (1 + x**2) for x in
                  (sp.Rational(k, 20) for k in range(40)))
    assert mxnet["approx"] == riemann and torch["approx"] == riemann
    assert mxnet["true"] == sp.log(2) / 2 and torch["true"] == sp.log(5) / 2


def test_plot_arguments_that_cannot_be_read_only_draw() -> None:
    result = _run("""\
        import torch
        from d2l import torch as d2l
        x = torch.arange(0, 1, 0.1)
        d2l.plot(x, torch.tensor([y**2 for y in x]), 'x', 'f(x)')
        d2l.plt.stem([1, 2], 2 * [0.5])
        """)
    assert [p.line for p in result.plots] == [13, 14]
    assert len(result.notes) == 2 and "only draws" in result.notes[0].text


# ------------------------------------------------------------------------ tolerant translation


BROKEN = """\
import torch
a = torch.tensor(2.0)
b = torch.foo(a)
c = b + 1
d = a * 3
for k in [1, 2]:
    e = c * k
"""


def test_by_default_a_statement_not_followed_stops_the_cell() -> None:
    with pytest.raises(CodeCellError, match="unknown call torch.foo"):
        _run(BROKEN)


def test_tolerant_records_the_statement_and_what_depends_on_it() -> None:
    result = _run(BROKEN, tolerant=True)
    assert result.value("d") == 6 and result.value("a") == 2
    found = [(u.line, u.statement, u.names) for u in result.unsupported]
    assert found == [(12, "b = torch.foo(a)", ("b",)), (13, "c = b + 1", ("c",)),
                     (16, "e = c * k", ("e",))]
    chained = result.unsupported[2].error.problem
    assert "line 12 (`b = torch.foo(a)`)" in chained and "unknown call torch.foo" in chained


def test_tolerant_carries_unknown_names_into_the_next_cell() -> None:
    first = ("import torch\nb = torch.foo(1)\n", 1, "pytorch")
    second = ("c = b * 2\nd = 5\n", 10, "pytorch")
    (one, two) = translate_tab([first, second], "pytorch", tolerant=True)
    assert two.value("d") == 5
    assert [u.line for u in two.unsupported] == [10]
    assert "line 2 (`b = torch.foo(1)`)" in two.unsupported[0].error.problem


def test_tolerant_a_cell_that_is_not_python_is_one_record() -> None:
    (result,) = translate_tab([("x = (1,\n", 5, "mxnet")], "mxnet", tolerant=True)
    assert [u.line for u in result.unsupported] == [5]
    assert "not valid Python" in result.unsupported[0].error.problem


def test_a_function_body_may_loop() -> None:
    """d2l distributions.md l.321: binom(n, k) with a for loop in its body."""
    result = _run("""\
        def binom(n, k):
            comb = 1
            for i in range(min(k, n - k)):
                comb = comb * (n - i) // (i + 1)
            return comb
        c = binom(10, 3)
        """, tab="mxnet")
    assert result.value("c") == 120


def test_slices_shapes_sorting_and_linear_algebra() -> None:
    result = _run("""\
        import torch
        v = torch.tensor([3.0, 1.0, 4.0, 1.5])
        head = v[1:3]
        n = v.shape
        s = sorted([3, 1, 2])
        c = torch.cumsum(v, dim=0)
        A = torch.tensor([[1, -1], [2, 3]])
        d = torch.det(A)
        r = torch.norm(torch.tensor([3.0, 4.0]))
        M = torch.matmul(A, A)
        with torch.no_grad():
            w = d * 2
        """)
    assert result.value("head") == sp.Matrix([1, 4])
    assert result.value("n") == (4,) and result.value("s") == [1, 2, 3]
    assert result.value("c") == sp.Matrix([3, 4, 8, sp.Rational(19, 2)])
    assert result.value("d") == 5 and result.value("r") == 5 and result.value("w") == 10
    assert result.value("M") == sp.Matrix([[-1, -4], [8, 7]])


@pytest.mark.parametrize("tab, line", [("mxnet", 222), ("pytorch", 232), ("tensorflow", 241)])
def test_a_comparison_over_a_grid_is_the_0_1_mask(tab: str, line: int) -> None:
    """d2l distributions.md: the uniform density p = (x > a) * (x < b) / (b - a) in each tab."""
    text = (Path(__file__).parent / "corpus/d2l/distributions.md").read_text("utf-8")
    cells = [(b.text, b.text_line, b.tab) for b in read_blocks(text)
             if b.kind == "code" and b.tab]
    (p,) = [(r, a.value) for r in translate_tab(cells, tab, tolerant=True)
            for a in r.assignments if a.name == "p" and a.line == line]
    result, value = p
    x = next(g.symbol for g in result.grids if g.name == "x")
    assert [value.subs(x, point) for point in (0, 2, 4)] == [0, sp.Rational(1, 2), 0]
