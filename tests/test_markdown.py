"""The Markdown reader on the real chapter and on small made-up documents."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from checkers.model._errors import DerivcheckError
from checkers.readers._markdown import Block, MarkdownError, headings, read_blocks

CHAPTER = Path(__file__).resolve().parents[1] / "derivations/texts/multivariable-calculus.pt.md"
TEXT = CHAPTER.read_text(encoding="utf-8")
BLOCKS = read_blocks(TEXT, CHAPTER.name)


def _at(kind: str, start: int) -> Block:
    matches = [b for b in BLOCKS if b.kind == kind and b.start == start]
    assert len(matches) == 1, f"expected one {kind} block at line {start}, got {matches}"
    return matches[0]


def test_block_counts() -> None:
    counts = Counter(b.kind for b in BLOCKS)
    assert counts == {"display_math": 63, "code": 14, "inline_math": 171}


def test_blocks_are_in_document_order() -> None:
    keys = [(b.start, b.column or 0) for b in BLOCKS]
    assert keys == sorted(keys)


def test_one_line_display_with_label() -> None:
    block = _at("display_math", 9)
    assert (block.end, block.text_line) == (9, 9)
    assert block.label == "eq_part_der" and block.label_line == 10
    assert block.text.startswith(r"L(w_1+\epsilon_1, w_2")
    assert block.text.endswith(r"L(w_1, w_2, \ldots, w_N).")
    assert "$" not in block.text
    assert block.section == "Diferenciação de Dimensões Superiores"


def test_multi_line_display() -> None:
    block = _at("display_math", 17)
    assert (block.start, block.end, block.text_line) == (17, 28, 18)
    assert block.text.splitlines()[0] == r"\begin{aligned}"
    assert block.text.splitlines()[-1] == r"\end{aligned}"
    assert len(block.text.splitlines()) == 10
    assert block.label is None and block.label_line is None


def test_all_labels_found() -> None:
    labels = {b.label: (b.start, b.label_line) for b in BLOCKS if b.label}
    assert labels == {
        "eq_part_der": (9, 10), "eq_nabla_use": (45, 46), "eq_multi_func_def": (231, 232),
        "eq_hess_def": (500, 501), "eq_mat_goal_1": (689, 690), "eq_mat_goal_2": (753, 754),
    }


def test_display_lines_match_the_dollar_lines() -> None:
    dollar_lines = [i for i, line in enumerate(TEXT.splitlines(), 1) if "$$" in line]
    covered = []
    for b in BLOCKS:
        if b.kind == "display_math":
            covered += [b.start] if b.start == b.end else [b.start, b.end]
    assert covered == dollar_lines


def test_code_cells_tabs_and_ranges() -> None:
    cells = [(b.start, b.end, b.tab) for b in BLOCKS if b.kind == "code"]
    assert cells == [
        (73, 91, "mxnet"), (93, 115, "pytorch"), (117, 139, "tensorflow"),
        (203, 208, "mxnet"), (210, 216, "pytorch"), (218, 224, "tensorflow"),
        (324, 342, "all"), (369, 396, "all"),
        (407, 429, "mxnet"), (431, 454, "pytorch"), (456, 483, "tensorflow"),
        (553, 573, "mxnet"), (575, 599, "pytorch"), (601, 625, "tensorflow"),
    ]


def test_hessian_pytorch_cell() -> None:
    block = _at("code", 575)
    assert (block.end, block.tab, block.section) == (599, "pytorch", "Hessians")
    assert block.text_line == 576 and block.info == "{.python .input}"
    lines = block.text.splitlines()
    assert lines[0] == "#@tab pytorch" and lines[-1] == "ax.dist = 12"
    assert len(lines) == 599 - 575 - 1
    assert lines[584 - 576].startswith("w = torch.exp(torch.tensor([-1.]))")


def test_code_is_never_read_as_math_or_headings() -> None:
    code_lines = {n for b in BLOCKS if b.kind == "code" for n in range(b.start, b.end + 1)}
    assert not [b for b in BLOCKS if b.kind != "code" and b.start in code_lines]
    assert [h.line for h in headings(TEXT)] == [1, 6, 141, 173, 228, 289, 488, 629, 847, 853]


def test_headings_and_sections() -> None:
    titles = [h.title for h in headings(TEXT)]
    assert titles[0] == "Cálculo Multivariável" and titles[6] == "Hessians"
    assert {h.level for h in headings(TEXT)[1:]} == {2}
    assert _at("display_math", 637).section == "Um Pouco de Cálculo Matricial"
    assert _at("code", 407).section == "O Algoritmo de Retropropagação"


def test_inline_math() -> None:
    line15 = [b for b in BLOCKS if b.kind == "inline_math" and b.start == 15]
    assert [(b.text, b.column, b.end) for b in line15] == [
        ("w_2", 33, 15), (r"w_2 + \epsilon_2", 55, 15)]
    line201 = [b.text for b in BLOCKS if b.kind == "inline_math" and b.start == 201]
    assert line201 == ["x = -1, 0, 2", "-5,0, -32", "x = 2"]
    assert _at("inline_math", 59).text == r"(0, \log(2))"


def test_inline_count_matches_dollar_pairs_outside_code_spans() -> None:
    """An independent count: pairs of `$` on prose lines, code spans removed."""
    taken = {n for b in BLOCKS if b.kind != "inline_math" for n in range(b.start, b.end + 1)}
    pairs = 0
    for number, line in enumerate(TEXT.splitlines(), 1):
        if number not in taken:
            dollars = re.sub(r"`[^`]*`", "", line).count("$")
            assert dollars % 2 == 0, f"line {number} has an odd number of $"
            pairs += dollars // 2
    assert pairs == 171


def test_figures_labels_tabs_and_comments_are_not_math() -> None:
    doc = "\n".join([
        "# T", "![a $x$ figure](f.svg)", ":label:`fig_$a$`", ":begin_tab:`mxnet`",
        "text $y$ here", ":end_tab:", "<!-- $z$", "$w$ -->", "after $v$ and `$u$` and \\$5",
        "```bash", "echo $HOME $$", "```", "~~~python", "# not a heading $q$", "~~~",
    ])
    blocks = read_blocks(doc)
    assert [(b.kind, b.start, b.text) for b in blocks] == [
        ("inline_math", 9, "v"), ("code", 10, "echo $HOME $$"),
        ("code", 13, "# not a heading $q$")]
    assert blocks[1].tab is None and blocks[2].tab == "mxnet"
    assert [h.title for h in headings(doc)] == ["T"]


def test_display_forms() -> None:
    doc = "intro\n$$a\n= b$$\n:eqlabel:`e1`\ntext $$c$$ more\n$$\n\nd\n$$\n## S\n$$e$$"
    blocks = read_blocks(doc, "doc.md")
    got = [(b.kind, b.start, b.end, b.text_line, b.text, b.label, b.section) for b in blocks]
    assert got == [
        ("display_math", 2, 3, 2, "a\n= b", "e1", ""),
        ("display_math", 5, 5, 5, "c", None, ""),
        ("display_math", 6, 9, 8, "d", None, ""),
        ("display_math", 11, 11, 11, "e", None, "S"),
    ]


def test_multi_tab_cell() -> None:
    blocks = read_blocks("```{.python .input}\n#@tab pytorch, tensorflow\nx = 1\n```")
    assert blocks[0].tab == "pytorch,tensorflow"
    assert blocks[0].tabs == ("pytorch", "tensorflow")


@pytest.mark.parametrize("doc, line, what", [
    ("a\n\n$$\nx = 1\n", 3, "$$ opened here is never closed"),
    ("a\n```{.python .input}\nx = 1\n", 2, "never closed"),
    ("see $$x = 1 here", 1, "not closed on it"),
])
def test_unclosed_delimiters_teach(doc: str, line: int, what: str) -> None:
    with pytest.raises(MarkdownError) as info:
        read_blocks(doc, "ch.md")
    assert info.value.line == line
    assert f"ch.md line {line}:" in str(info.value) and what in str(info.value)
    assert "what to do:" in str(info.value)
    assert isinstance(info.value, DerivcheckError)


def test_setext_headings_name_their_section() -> None:
    doc = "Gradients\n=========\n\nwhere $x = 1$\n\nDescent\n-------\n\n$$a = b$$\n"
    assert [(h.level, h.title, h.line) for h in headings(doc)] == [
        (1, "Gradients", 1), (2, "Descent", 6)]
    assert [(b.section, b.text) for b in read_blocks(doc)] == [
        ("Gradients", "x = 1"), ("Descent", "a = b")]


def test_indented_code_is_not_scanned_for_math() -> None:
    doc = "Prices:\n\n    it costs $5 and $6\n    $$ not math\n\nbut $y$ is.\n"
    assert [(b.kind, b.text, b.start) for b in read_blocks(doc)] == [("inline_math", "y", 6)]


def test_display_math_inside_a_block_quote() -> None:
    doc = "> Note:\n> $$\n> c = d\n> $$\n> :eqlabel:`quoted`\n>\n> and $e$.\n"
    display, inline = read_blocks(doc)
    assert (display.kind, display.text, display.start, display.end) == (
        "display_math", "c = d", 2, 4)
    assert (display.text_line, display.label, display.label_line) == (3, "quoted", 5)
    assert (inline.kind, inline.text, inline.start, inline.column) == ("inline_math", "e", 7, 7)


def test_display_right_under_prose_and_across_blank_lines() -> None:
    doc = "we find\n$$\na = b\n\n+ c\n$$\nso.\n"
    (block,) = read_blocks(doc)
    assert (block.start, block.end, block.text_line, block.text) == (2, 6, 3, "a = b\n\n+ c")


def test_fence_inside_a_block_quote_is_a_code_cell() -> None:
    doc = "> ```python\n> #@tab pytorch\n> x = 1\n> ```\n"
    (cell,) = read_blocks(doc)
    assert (cell.kind, cell.tab, cell.text, cell.start, cell.end) == (
        "code", "pytorch", "#@tab pytorch\nx = 1", 1, 4)
