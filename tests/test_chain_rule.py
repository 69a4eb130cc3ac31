"""The claims of 'Regra da Cadeia Multivariada' and 'O Algoritmo de Retropropagação' (lines
228-487): what derivcheck finds there."""

import pytest

import derivations
from checkers import Reason
from checkers.report._coverage import coverage
from derivations import chain_rule

AS_WRITTEN = "chain.df/da-paths-as-written"
FIG2 = "chain.fig2.df/dy-three-paths"
VERIFIED = [c.name for c in chain_rule.CLAIMS if c.name not in (AS_WRITTEN, FIG2)]


@pytest.fixture(scope="module")
def verdicts(chapter_verdicts):
    return {c.name: chapter_verdicts[c.name] for c in chain_rule.CLAIMS}  # one run (conftest.py)


def test_paths_written_with_w_and_x_are_a_discrepancy(verdicts):
    """Line 274 writes ∂w/∂u·∂u/∂x + ∂w/∂v·∂v/∂x for ∂f/∂a: u(a, b), v(a, b) do not depend on
    x, so the sum is 0, while ∂f/∂a is not."""
    v = verdicts[AS_WRITTEN]
    assert v.status == "discrepancy", v.summary
    assert v.numeric.status == "disagrees"
    assert v.numeric.claimed == pytest.approx(0.0)
    assert v.numeric.true != pytest.approx(0.0)


@pytest.mark.parametrize("name", VERIFIED)
def test_verified(verdicts, name):
    assert verdicts[name].status == "verified", verdicts[name].summary


def test_three_paths_of_fig2_hold_numerically(verdicts):
    v = verdicts[FIG2]
    assert v.status != "discrepancy", v.summary
    assert v.numeric.status == "agrees", v.summary


def test_three_paths_of_fig2_are_undecided_symbolically(verdicts):
    # SymPy writes d/dy f(a(u(y)), u(y), ...) with derivatives with respect to a(u(y)) and
    # u(y); its doit() reads them as total derivatives, so it cannot decide the identity.
    # The verdict says so (numeric only) rather than pretend.
    v = verdicts[FIG2]
    assert v.status == "undecided" and v.reason == Reason.NUMERIC_ONLY
    assert v.symbolic.status == "undecided"


def test_code_claims_read_the_cells_of_their_tab():
    code = [c for c in chain_rule.CLAIMS if c.source.tab]
    assert {c.source.tab for c in code} == {"all", "mxnet", "pytorch", "tensorflow"}
    for claim in code:
        assert claim.claimed.tab == claim.source.tab
        assert claim.claimed.line == claim.source.lines[0]
        assert all(p.tab == claim.source.tab for p in claim.at)


def test_lines_228_to_487_are_accounted_for():
    found = coverage(derivations.chapter_text(), derivations.CLAIMS, derivations.NO_CLAIMS,
                     document=derivations.CHAPTER)
    missing = [item.lines for item in found.missing if 228 <= item.lines[0] <= 487]
    assert missing == []
