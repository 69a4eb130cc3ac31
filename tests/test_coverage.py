"""Coverage accounting: the blocks to account for, what accounts for them, dangling claims."""

import io
from collections import Counter

import pytest
from rich.console import Console

from checkers import Gradient, NoClaim, Source, Var
from checkers.faces._console import render
from checkers.report._coverage import (NOTATION, SETUP, Coverage, Item, coverage, covers, dangling, items_of,
                                states_something)
from checkers.readers._markdown import read_blocks

DOC = "small.md"

# Line numbers are part of the fixture: 1-based, as the comments say.
SMALL = """\
# Derivadas
Seja $f(x) = x^2$ e $\\mathbf{x}$ um vetor.
$$
\\frac{df}{dx} = 2x
$$
:eqlabel:`eq_one`
Uma definição:
$$
g(x) = x^3
$$
E algo sem conta:
$$
h(x) \\approx 1 + x
$$
Texto simples, sem fórmula: o gradiente aponta para cima.
```{.python .input}
x = np.arange(3)
```
```{.python .input}
#@tab pytorch
x = torch.arange(3)
```
```{.python .input}
#@tab all
y = x + 1
```
"""
# 1 heading | 2 inline ×2 | 3-5 display (+6 eqlabel) | 8-10 display | 12-14 display
# 15 prose | 16-18 mxnet | 19-22 pytorch | 23-26 all

XV = (Var("x"),)


def claim(name, lines, tab=None, quote=None, document=DOC):
    return Gradient(name=name, source=Source(lines=lines, tab=tab, quote=quote, document=document),
                    variables=XV, function="x^2", wrt=("x",), claimed="[2*x]")


def reason(lines, why, tab=None, document=DOC):
    return NoClaim(Source(lines=lines, tab=tab, document=document), why)


def by_start(result: Coverage) -> dict[tuple[int, str], Item]:
    return {(item.block.start, item.kind): item for item in result.items}


# --- the inline rule, on the chapter's own formulas ----------------------------------------------

STATES = [
    r"\frac{d}{dx}(bx) = b",
    r"\frac{d}{d\mathbf{x}} (\boldsymbol{\beta}^\top\mathbf{x}) = \boldsymbol{\beta}",
    r"\frac{d}{dx}(ax^2) = 2ax = (a+a)x",
    r"\cos(\theta) = -1",
    r"\nabla_{\mathbf{x}} L(\mathbf{x}_0) = 0",
    r"x = -1, 0, 2",
    r"u_{ia} = [\mathbf{U}^\top]_{ai}",
    r"\mathbf{w} \rightarrow \mathbf{w} + \epsilon\mathbf{v}",
    r"\mathbf{w} \rightarrow \mathbf{w} - \epsilon\nabla_{\mathbf{w}} L(\mathbf{w})",
    r"f(x_1, x_2) = a + b_1x_1 + b_2x_2 + c_{11}x_1^{2} + c_{12}x_1x_2 + c_{22}x_2^{2}",
    # relations the chapter does not use inline, but the rule names
    r"L(\mathbf{w} + \epsilon) \approx L(\mathbf{w})", r"a \neq b", r"x < 1", r"x \leq 1",
    r"x \geq 0", r"\epsilon > 0", r"\left\langle x, y \right\rangle \ge 0",
]

NAMES = [
    r"w_2", r"\mathbf{x}", r"\mathbf{v}", r"\frac{\partial}{\partial w_1}",
    r"-\nabla_{\mathbf{w}}L(\mathbf{w})", r"w_2 + \epsilon_2", r"(0, \log(2))", r"[-1,0]^\top",
    r"n \times m", r"-5,0, -32", r"\mathbf{A} + \mathbf{A}^\top",
    r"a \rightarrow u \rightarrow f",  # a dependency path, not an update
    r"\frac{\partial f}{\partial u}(u(a, b), v(a, b))",
    r"\frac{\partial}{\partial\mathbf{v}}\|\mathbf{v}\|_2",
    r"\mathbf{x}^\top", r"x \to 0",  # \top is not \to; a limit is not an update
    r"\sum_{i = 1}^{n} x_i",  # "=" inside a subscript group relates nothing
    r"\left< x, y \right>",  # delimiters, not relations
]


@pytest.mark.parametrize("formula", STATES)
def test_inline_formulas_with_a_relation_state_something(formula):
    assert states_something(formula)


@pytest.mark.parametrize("formula", NAMES)
def test_inline_formulas_that_only_name_are_notation(formula):
    assert not states_something(formula)


def test_the_rule_is_applied_to_the_chapters_inline_formulas(chapter_blocks):
    inline = [b.text for b in chapter_blocks if b.kind == "inline_math"]
    for formula in STATES[:10] + NAMES[:14]:
        assert formula in inline, formula  # the examples above are the chapter's own
    statements = [f for f in inline if states_something(f)]
    assert len(inline) == 171
    assert len(statements) == 25
    assert r"\nabla f = 0" in statements and r"L(x, y) = \log(e^x + e^y)" in statements


# --- which blocks, and what accounts for them ----------------------------------------------------

def test_items_are_every_display_and_code_block_and_every_inline_formula():
    items = items_of(SMALL, DOC)
    assert [(i.kind, i.lines) for i in items] == [
        ("inline", (2, 2)), ("inline", (2, 2)),
        ("display", (3, 6)),  # the :eqlabel: line belongs to the block above it
        ("display", (8, 10)), ("display", (12, 14)),
        # code cells are counted by statement: each cell here has one, on its own line
        ("code [mxnet]", (17, 17)), ("code [pytorch]", (21, 21)), ("code [all]", (25, 25)),
    ]
    assert items[0].reasons == () and items[1].reasons == (NOTATION,)  # f(x)=x^2 vs \mathbf{x}
    assert all(i.parsed is None for i in items)


def test_claim_reason_and_nothing():
    result = coverage(SMALL, [claim("d/dx-x^2", (4, 4))],
                      [reason((8, 10), "definition of g")], document=DOC)
    items = by_start(result)
    assert items[(3, "display")].claims == ("d/dx-x^2",)
    assert items[(8, "display")].reasons == ("definition of g",)
    assert items[(8, "display")].claims == () and items[(8, "display")].accounted
    assert not items[(12, "display")].accounted
    assert result.document == DOC
    assert result.total == 8
    assert {(i.block.start, i.kind) for i in result.missing} == {
        (2, "inline"), (12, "display"), (16, "code [mxnet]"), (19, "code [pytorch]"),
        (23, "code [all]")}
    assert result.accounted == 3 and result.share == pytest.approx(3 / 8)
    assert (result.by_claims, result.by_reason, result.by_notation) == (1, 1, 1)


def test_a_claim_on_the_eqlabel_line_checks_the_display_above():
    result = coverage(SMALL, [claim("labelled", (6, 6))], [], document=DOC)
    assert by_start(result)[(3, "display")].claims == ("labelled",)


def test_code_claims_land_on_the_cell_of_their_tab_only():
    claims = [claim("c-mx", (16, 26), tab="mxnet"), claim("c-pt", (16, 26), tab="pytorch"),
              claim("c-none", (16, 26))]
    items = by_start(coverage(SMALL, claims, [], document=DOC))
    assert items[(16, "code [mxnet]")].claims == ("c-mx",)
    assert items[(19, "code [pytorch]")].claims == ("c-pt",)
    assert items[(23, "code [all]")].claims == ("c-mx", "c-pt", "c-none")  # all: every tab


def test_a_no_claim_without_tab_covers_every_cell_and_with_a_tab_only_its_own():
    items = by_start(coverage(SMALL, [], [reason((16, 22), "plot"),
                                          reason((23, 26), "tf only", tab="tensorflow")],
                              document=DOC))
    assert items[(16, "code [mxnet]")].reasons == ("plot",)
    assert items[(19, "code [pytorch]")].reasons == ("plot",)
    assert items[(23, "code [all]")].reasons == ("tf only",)
    cell = read_blocks(SMALL)[-2]
    assert not covers(Source(lines=(19, 22), tab="mxnet"), cell, tab_required=False)


def test_a_declared_reason_replaces_the_automatic_notation():
    items = coverage(SMALL, [], [reason((2, 2), "definition of f")], document=DOC).items
    assert [i.reasons for i in items[:2]] == [("definition of f",), ("definition of f",)]


def test_claims_of_other_documents_are_ignored():
    result = coverage(SMALL, [claim("elsewhere", (3, 5), document="other.md")],
                      [reason((8, 10), "elsewhere", document="other.md")], document=DOC)
    assert result.by_claims == 0 and result.by_reason == 0
    assert dangling(SMALL, [claim("elsewhere", (900, 901), document="other.md")], [],
                    document=DOC) == ()


def test_an_empty_document_is_fully_accounted_for():
    result = coverage("Só texto.\n", [], [], document=DOC)
    assert result.total == 0 and result.share == 1.0 and result.missing == ()


# --- dangling: claims that point at no block -----------------------------------------------------

def test_dangling_claims_and_no_claims():
    on_block = claim("on-block", (4, 4))
    prose_quoted = claim("prose-quoted", (15, 15), quote="o gradiente  aponta")  # spaces aside
    prose_unquoted = claim("prose-unquoted", (15, 15))
    prose_misquoted = claim("prose-misquoted", (15, 15), quote="aponta para baixo")
    wrong_tab = claim("wrong-tab", (16, 18), tab="pytorch")
    past_end = claim("past-end", (400, 401), quote="x")
    stray = reason((7, 7), "heading prose")
    kept = reason((19, 22), "pytorch only", tab="pytorch")
    found = dangling(SMALL, [on_block, prose_quoted, prose_unquoted, prose_misquoted, wrong_tab,
                             past_end], [stray, kept], document=DOC)
    assert found == (prose_unquoted, prose_misquoted, wrong_tab, past_end, stray)


# --- rendering -----------------------------------------------------------------------------------

def rendered(result, *, terminal):
    out = io.StringIO()
    render(result, Console(file=out, width=80, force_terminal=terminal, color_system="standard"
                           if terminal else None))
    return out.getvalue()


def test_render_one_line_per_item_and_a_summary():
    many = [claim(f"claim-{k}", (3, 5)) for k in range(5)] + [claim("c[mxnet]", (16, 18),
                                                                    tab="mxnet")]
    result = coverage(SMALL, many, [reason((8, 10), "definition of g")], document=DOC)
    text = rendered(result, terminal=False)
    lines = text.splitlines()
    assert len(lines) == result.total + 1
    assert "\x1b" not in text
    assert lines[2].split()[:2] == ["3-6", "display"]
    assert "claim-0, claim-1, claim-2, … (+2 more)" in lines[2]
    assert lines[3].rstrip().endswith("— definition of g")
    assert "NOT ACCOUNTED FOR" in lines[4]
    assert "code [mxnet]" in lines[5] and "c[mxnet]" in lines[5]  # not eaten as markup
    assert "code [pytorch]" in lines[6] and "NOT ACCOUNTED FOR" in lines[6]
    assert f"— {NOTATION}" in lines[1] and "$\\mathbf{x}$" in lines[1]
    assert lines[-1].startswith("4 of 8 items accounted for (50%): 3 of 5 formulas and blocks,"
                                " 1 of 3 code statements")
    assert "2 by claims, 1 by a declared reason, 1 automatically" in lines[-1]


def test_render_colours_only_on_a_terminal():
    result = coverage(SMALL, [], [], document=DOC)
    assert "\x1b[" in rendered(result, terminal=True)


# --- the bundled chapter -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chapter():
    from derivations import CHAPTER, CLAIMS, NO_CLAIMS, chapter_text

    return CHAPTER, chapter_text(), CLAIMS, NO_CLAIMS


@pytest.fixture(scope="module")
def chapter_blocks(chapter):
    return read_blocks(chapter[1])


def test_bundled_chapter_blocks_and_every_claim_lands(chapter, chapter_blocks):
    name, text, claims, no_claims = chapter
    result = coverage(text, claims, no_claims, document=name)
    kinds = Counter(i.block.kind for i in result.items)
    assert kinds["display_math"] == 63
    cells = {(i.block.start, i.kind) for i in result.items if i.block.kind == "code"}
    assert len(cells) == 14 and kinds["code"] == 149  # 14 cells, 149 statements
    assert Counter(kind for _, kind in cells) == {
        "code [mxnet]": 4, "code [pytorch]": 4, "code [tensorflow]": 4, "code [all]": 2}
    assert result.missing == ()
    checked = {n for i in result.items for n in i.claims}
    # a claim covers the formulas it quotes: two claims answer questions the text asks in prose
    # (exercises 1 and 3), so they cover no formula -- and are not dangling: their quote stands
    prose = {c.name: c.source.quote for c in claims if c.name not in checked}
    assert prose == {"exercise1.same-answer": "Why do you get the same answer?",
                     "exercise3.components-sum-to-1":
                         "What is the sum of the components of the gradient?"}
    assert dangling(text, claims, no_claims, document=name) == ()


# --- formulas and statements, not lines ----------------------------------------------------------

LINE = """\
Seja $f(x) = x^2$, logo $f'(x) = 2x$ e $g = 1$.
$$a = b$$
$$c = d$$
```{.python .input}
#@tab all
import numpy as np
%matplotlib inline
w, x = 1, 2
a = w + x
b = 3 * w
print(f'a is {a}')
print(f'b is {b}')
np.random.seed(0)
```
"""


def test_a_claim_covers_the_inline_formula_it_quotes_not_its_whole_line():
    quoted = claim("derivative", (1, 1), quote="logo $f'(x) = 2x$")
    piece = claim("piece", (1, 1), quote="g = 1")
    prose = claim("prose", (1, 1), quote="Seja")
    end = claim("end", (1, 1), quote="= 2x$ e")
    items = coverage(LINE, [quoted, piece, prose, end], [], document=DOC).items
    inline = {i.block.text: i.claims for i in items if i.block.kind == "inline_math"}
    assert inline == {"f(x) = x^2": (), "f'(x) = 2x": ("derivative", "end"),
                      "g = 1": ("piece",)}


def test_a_claim_covers_the_display_it_quotes_and_a_reason_its_lines():
    items = coverage(LINE, [claim("second", (2, 3), quote="c = d")],
                     [reason((1, 1), "definitions")], document=DOC).items
    displays = {i.block.text: i.claims for i in items if i.block.kind == "display_math"}
    assert displays == {"a = b": (), "c = d": ("second",)}
    assert all(i.reasons == ("definitions",) for i in items if i.lines == (1, 1))


def test_a_claim_on_a_statement_checks_what_it_computes_from():
    items = coverage(LINE, [claim("a", (9, 9), tab="all")], [], document=DOC).items
    code = {i.statement: (i.claims, i.reasons) for i in items if i.is_statement}
    assert code["a = w + x"] == (("a",), ())
    assert code["w, x = 1, 2"] == (("a",), ())  # what a is computed from
    assert code["print(f'a is {a}')"] == (("a",), ())  # shows only what the claim checks
    assert code["b = 3 * w"] == ((), ()) and code["print(f'b is {b}')"] == ((), ())
    for setup in ("import numpy as np", "%matplotlib inline", "np.random.seed(0)"):
        assert code[setup] == ((), (SETUP,))
    result = coverage(LINE, [claim("a", (9, 9), tab="all")], [], document=DOC)
    assert {i.statement for i in result.missing if i.is_statement} == {
        "b = 3 * w", "print(f'b is {b}')"}
    assert result.count(True) == (6, 8)


def test_a_cell_that_does_not_parse_is_one_item():
    doc = "```{.python .input}\nx = (\n```\n"
    (item,) = items_of(doc, DOC)
    assert item.kind == "code [mxnet]" and not item.is_statement and item.lines == (1, 3)
