"""The bundled chapter end to end: what derivcheck finds in the text."""

import hashlib

import pytest

from checkers import check_all
from derivations import CLAIMS, chapter_text, texts

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
def verdicts(config):
    return {v.claim.name: v for v in check_all(CLAIMS, config, texts=texts())}


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
    assert "inner sizes m and n differ" in v.summary
    assert "the text itself rejects this formula" in v.summary


def test_nothing_else_is_wrong(verdicts):
    odd = {n for n, v in verdicts.items() if not v.holds}
    assert odd == {"bump.code.quadratic[pytorch]", "bump.code.quadratic[tensorflow]"}
    assert not any(v.tool for v in verdicts.values())
