"""The claims of lines 1-227 (derivations/higher_dimensions.py): what derivcheck finds there."""

import pytest

import derivations
from checkers import CellValue, Reason
from checkers.report._coverage import coverage
from derivations import higher_dimensions as hd

DISCREPANCIES = {
    # line 19: the partial derivative's last argument is w_N + epsilon_N, the left side's is w_N
    "partial.two-weights.step1",
    # the next step starts from that right side, so it inherits the stray epsilon_N
    "partial.two-weights.step2",
    # line 62 writes f(x, y) and ∇f(x, y) for the values at (0, log 2)
    "logsumexp.value-literal",
    "logsumexp.gradient-literal",
    # line 158: L(w + v) ≈ L(w) + v·∇L(w) with v of length one (line 161): nothing is small
    "gradient.unit-direction.approx",
}
REJECTED_BY_TEXT = {"optimum.poly.global-minimum-at-x=-1.rejected",
                    "optimum.poly.global-minimum-at-x=0.rejected"}


@pytest.fixture(scope="module")
def verdicts(chapter_verdicts):
    return {c.name: chapter_verdicts[c.name] for c in hd.CLAIMS}  # one run (conftest.py)


def test_the_claim_names_are_unique():
    names = [c.name for c in hd.CLAIMS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(DISCREPANCIES))
def test_discrepancies(verdicts, name):
    v = verdicts[name]
    assert v.status == "discrepancy", v.summary
    assert not v.expected_by_text
    assert v.symbolic.status == "refuted" and v.numeric.status == "disagrees"


@pytest.mark.parametrize("name", sorted(REJECTED_BY_TEXT))
def test_candidates_the_text_rejects_are_not_global_minima(verdicts, name):
    v = verdicts[name]
    assert v.status == "discrepancy" and v.expected_by_text and v.holds
    assert v.reason == Reason.REJECTED_BY_TEXT


def test_every_other_claim_is_verified(verdicts):
    others = {n: v for n, v in verdicts.items() if n not in DISCREPANCIES | REJECTED_BY_TEXT}
    assert len(others) == len(hd.CLAIMS) - len(DISCREPANCIES) - len(REJECTED_BY_TEXT)
    wrong = {n: v.summary for n, v in others.items() if v.status != "verified"}
    assert not wrong
    assert not any(v.tool for v in verdicts.values())


def test_the_stray_epsilon_n_is_what_line_19_gets_wrong(verdicts):
    v = verdicts["partial.two-weights.step1"]
    assert "epsilon_3" in v.numeric.point  # the counterexample moves w_N by epsilon_N
    assert "epsilon_3" in v.symbolic.difference
    assert verdicts["partial.two-weights"].status == "verified"  # the chain's conclusion holds


def test_line_62_holds_at_the_point_it_means(verdicts):
    assert verdicts["logsumexp.value-at-(0,log2)"].status == "verified"
    assert verdicts["logsumexp.gradient-at-(0,log2)"].status == "verified"


def test_the_unit_direction_approximation_fails_even_at_the_origin(verdicts):
    v = verdicts["gradient.unit-direction.approx"]
    assert set(v.numeric.point) == {"w_1", "w_2", "phi"}
    assert v.numeric.claimed != pytest.approx(v.numeric.true)


def test_code_claims_read_their_claimed_side_from_the_cells():
    code_claims = [c for c in hd.CLAIMS if c.source.tab]
    assert len(code_claims) == 3 * 4 + 3
    for claim in code_claims:
        claimed = claim.lhs if claim.kind == "identity" else claim.claimed
        assert isinstance(claimed, CellValue) and claimed.tab == claim.source.tab
        assert claim.source.lines[0] <= claimed.line <= claim.source.lines[1]


def test_every_no_claim_quotes_its_lines():
    lines = derivations.chapter_text().splitlines()
    for entry in hd.NO_CLAIMS:
        start, end = entry.source.lines
        assert entry.source.quote in "\n".join(lines[start - 1:end]), entry.reason


def test_lines_1_to_227_are_accounted_for():
    result = coverage(derivations.chapter_text(), hd.CLAIMS, hd.NO_CLAIMS,
                      document=derivations.CHAPTER)
    missing = [i.lines for i in result.missing if i.lines[0] <= 227]
    assert not missing
    checked = {n for i in result.items for n in i.claims}
    assert checked == {c.name for c in hd.CLAIMS}, "every claim lands on a block"
