"""The bundled chapter end to end: what derivcheck finds in the text."""

import hashlib

import pytest

from checkers import Reason
from checkers.report._coverage import coverage, dangling
from derivations import CHAPTER, CLAIMS, NO_CLAIMS, chapter_text, texts

SHA256 = "654c72b78201613d505efd6e68fca70917e46d6e41242aca17b145f5f8470a8a"


def test_bundled_chapter_is_the_verbatim_copy():
    data = chapter_text().encode("utf-8")
    assert hashlib.sha256(data).hexdigest() == SHA256


def test_claim_names_are_unique():
    names = [c.name for c in CLAIMS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.name)
def test_every_claim_points_at_the_text_it_encodes(claim):
    lines = chapter_text().splitlines()
    start, end = claim.source.lines
    assert end <= len(lines)
    excerpt = "\n".join(lines[start - 1:end])
    assert claim.source.quote and claim.source.quote in excerpt
    heading = [ln for ln in lines[:start] if ln.startswith("## ")][-1]
    assert heading == f"## {claim.source.section}"
    if claim.source.tab:
        assert claim.source.tab in ("mxnet", "pytorch", "tensorflow", "all")


@pytest.fixture(scope="module")
def verdicts(chapter_verdicts):
    return chapter_verdicts  # the whole chapter, checked once per session (conftest.py)


@pytest.mark.parametrize("tab", ["pytorch", "tensorflow"])
def test_pytorch_and_tensorflow_quadratic_approximations_are_discrepancies(verdicts, tab):
    v = verdicts[f"bump.code.quadratic[{tab}]"]
    assert v.status == "discrepancy"
    assert v.symbolic.status == "refuted" and v.numeric.status == "disagrees"
    assert set(v.numeric.point) == {"x", "y"}
    assert v.numeric.claimed != pytest.approx(v.numeric.true)
    assert v.claim.source.tab == tab


@pytest.mark.parametrize("name", ["bump.quadratic-at-(-1,0)", "bump.code.quadratic[mxnet]",
                                  "bump.gradient", "bump.hessian", "logsumexp.gradient",
                                  "logsumexp.first-order-at-(0,log2)", "matrix.d(xTAx)/dx",
                                  "matrix.d||X-UV||^2/dV"])
def test_headline_claims_are_verified(verdicts, name):
    assert verdicts[name].status == "verified", verdicts[name].summary


def test_first_guess_is_a_shape_error_the_text_itself_rejects(verdicts):
    v = verdicts["matrix.d||X-UV||^2/dV.first-guess"]
    assert v.status == "error" and v.expected_by_text
    assert v.reason == Reason.REJECTED_BY_TEXT
    assert "inner sizes m and n differ" in v.summary  # the shape algebra's own words


# Every claim of the chapter that does not hold, and why it is real (see the README).
DISCREPANCIES = {
    "partial.two-weights.step1",          # line 19 writes w_N + ε_N where the step keeps w_N
    "partial.two-weights.step2",          # line 20 starts from line 19 as written
    "logsumexp.value-literal",            # line 62: f(x, y) = log 3 holds only at (0, log 2)
    "logsumexp.gradient-literal",         # line 62: ∇f(x, y) = [1/3, 2/3] likewise
    "gradient.unit-direction.approx",     # line 158: v of length one is not a small step
    "chain.df/da-paths-as-written",       # line 274: ∂w/∂u·∂u/∂x where ∂f/∂u·∂u/∂a is meant
    "bump.code.comment-at-(1,0)[mxnet]",  # the comment says (1, 0); the code expands at (-1, 0)
    "bump.code.comment-at-(1,0)[pytorch]",
    "bump.code.comment-at-(1,0)[tensorflow]",
    "bump.code.quadratic[pytorch]",       # 2(x+1)² + 2y² instead of (x+1)² + y²
    "bump.code.quadratic[tensorflow]",
    "matrix.betaTx.partial-wrt-beta_1-as-written",  # line 654: "em relação a β₁" means x₁
}
UNDECIDED = {"chain.fig2.df/dy-three-paths"}  # SymPy cannot decide nested arbitrary functions


def test_every_claim_gets_the_verdict_it_deserves(verdicts):
    wrong = {n for n, v in verdicts.items() if v.status == "discrepancy" and not v.holds}
    assert wrong == DISCREPANCIES
    assert {n for n, v in verdicts.items() if v.status == "undecided"} == UNDECIDED
    assert all(v.holds for n, v in verdicts.items() if n not in DISCREPANCIES | UNDECIDED)
    assert not any(v.tool for v in verdicts.values())


def test_claims_the_text_rejects_fail_as_the_text_says(verdicts):
    rejected = {n for n, v in verdicts.items() if v.claim.rejected_by_text}
    assert rejected and all(verdicts[n].expected_by_text for n in rejected)


def test_every_block_of_the_chapter_is_accounted_for():
    result = coverage(chapter_text(), CLAIMS, NO_CLAIMS, document=CHAPTER)
    missing = [(i.lines, i.block.text[:40]) for i in result.missing]
    assert not missing and result.share == 1.0


def test_every_claim_points_at_a_block_of_the_text():
    assert dangling(chapter_text(), CLAIMS, NO_CLAIMS, document=CHAPTER) == ()


def test_the_latex_reader_reads_every_display_formula_that_states_a_claim():
    from checkers.faces._cli import _symbols_for
    from checkers.report._coverage import with_parsing

    result = coverage(chapter_text(), CLAIMS, NO_CLAIMS, document=CHAPTER)
    result = with_parsing(result, _symbols_for(CLAIMS, texts()))
    displays = [i for i in result.items if i.block.kind == "display_math"]
    unread = [(i.lines, i.parse_note) for i in displays if not i.parsed]
    assert len(displays) == 63
    assert [lines for lines, _ in unread] == [(753, 754)]  # "= ?": the text asks, not states
    assert all(i.parsed for i in displays if i.claims)
