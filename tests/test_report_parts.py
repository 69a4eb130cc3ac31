"""Parts of the report on material made here (no claim is checked): MathML, SymPy's
placeholders, figure names, counterexamples that name their quantities, corrections as diffs."""

from __future__ import annotations

import subprocess

import pytest
import sympy as sp

from checkers.model._claims import Approximation, CellValue, Gradient, Source
from checkers.report._corrections import Edit, _code_candidates, group, unified_diff
from checkers.report._discrepancy import _slug
from checkers.report._explain import explain
from checkers.report._forms import undummy
from checkers.report._math import from_expr, from_latex


def test_figure_names_read_as_the_claim():
    assert _slug("bump.code.comment-at-(1,0)[mxnet]") == "bump.code.comment-at-1_0-mxnet"
    assert _slug("bump.quadratic-at-(-1,0)") == "bump.quadratic-at-minus1_0"
    assert _slug("chain.df/da") == "chain.df-da"


def test_no_sympy_placeholders():
    x, y, w1 = sp.symbols("x y w_1")
    a, b = sp.symbols("a b")
    L, u, v, w = (sp.Function(n) for n in "Luvw")
    t = sp.Dummy("L_1")
    # at a point that reads the same: the derivative is written at the point
    assert undummy(sp.Subs(sp.Derivative(L(t, y), t), t, w1)) == sp.Derivative(L(w1, y), w1)
    # at u(a, b): the placeholder is named u, as the text writes ∂w/∂u
    p = sp.Symbol("_w_1")
    shown = undummy(sp.Subs(sp.Derivative(w(p, v(a, b)), p), p, u(a, b)))
    names = {s.name for s in shown.atoms(sp.Symbol)}
    assert "u" in names and "_w_1" not in names
    # where neither works: u_1, never a name SymPy made up
    left = undummy(sp.Subs(sp.Derivative(L(t, w1), t), t, w1))
    assert {s.name for s in left.atoms(sp.Symbol)} == {"u_1", "w_1"}


def test_mathml_keeps_the_text_s_names_and_reads_aligned_displays():
    L = sp.Function("L")
    x = sp.Symbol("x")
    out = from_expr(sp.Derivative(L(x), x))
    assert out.startswith("<math display='block'>") and "<mi>L</mi>" in out  # not l(x)
    shown = from_latex(r"\begin{aligned} a & \approx b \\ & \approx c \end{aligned}")
    assert shown.count("<mtr>") == 2 and "<mi>&</mi>" not in shown
    matrix = from_latex(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    assert matrix.count("<mtr>") == 2
    assert "http" not in out + shown  # no namespace URL: MathML inside HTML needs none


def test_counterexample_names_each_quantity_and_an_approximation_s_order():
    src = Source(lines=(1, 1))
    gradient = Gradient(name="g", source=src, function="x*y", wrt=("x", "y"), claimed="[1, 2]")
    said = explain(gradient, {"source": "numeric", "claimed": [[1.0], [2.0]],
                              "true": [[1.0], [3.0]]})
    assert [(q["name"], q["differs"]) for q in said["quantities"]] == [("∂f/∂x", False),
                                                                        ("∂f/∂y", True)]
    approx = Approximation(name="a", source=src, lhs="sin(e)", rhs="e", small=("e",), order=1)
    said = explain(approx, {"source": "numeric", "claimed": [0.5, 0.1], "true": [0.5, -0.2]})
    assert said["small"] == ["e"]
    assert said["error_order"]["observed"] == 1 and said["error_order"]["expected"] == 2
    said = explain(approx, {"source": "numeric", "claimed": [0.4, 0.1], "true": [0.5, 0.1]})
    assert said["error_order"]["observed"] == 0


def test_a_code_correction_keeps_the_line_s_own_factor():
    text = "x = 1\nw = torch.exp(torch.tensor([-1.]))*(-1 - (x + 1) + 2 * (x + 1)**2)\n"
    x = sp.Symbol("x", real=True)
    truth = sp.exp(-1) * (-1 - (x + 1) + (x + 1) ** 2)
    (cand,) = _code_candidates("c", CellValue("pytorch", "w", 2, document="d.md"),
                               sp.expand(truth), ((x, -1),), {"d.md": text})
    assert cand.edit.new == ("w = torch.exp(torch.tensor([-1.]))*(-1 - (x + 1) + (x + 1)**2)",)


def test_edits_are_a_patch_that_applies(tmp_path):
    text = "a\nb\nc\n"
    edit = Edit("d.md", 2, 2, ("b",), ("B",))
    assert edit.apply(text) == "a\nB\nc\n"
    assert edit.diff() == "@@ -2,1 +2,1 @@\n-b\n+B"
    (tmp_path / "d.md").write_text(text)
    (tmp_path / "p.diff").write_text(unified_diff([edit], {"d.md": text}))
    subprocess.run(["patch", "-p1", "--quiet", "-i", "p.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "d.md").read_text() == "a\nB\nc\n"


def test_claims_group_by_place():
    class V:
        def __init__(self, name, lines, tab=None):
            self.claim = Gradient(name=name, source=Source(lines=lines, tab=tab), function="x",
                                  wrt=("x",), claimed="1")
    vs = [V("a", (1, 2)), V("b", (1, 2)), V("c", (1, 2), "pytorch"), V("d", (3, 3))]
    assert [[v.claim.name for v in g] for g in group(vs)] == [["a", "b"], ["c"], ["d"]]


@pytest.mark.parametrize("name", ["(1,0)", "[mxnet]"])
def test_slug_never_reads_as_a_negative_number(name):
    assert "--" not in _slug(f"x-at-{name}")
