"""The corpus (tests/corpus/): claims gathered from public sources that derivcheck was not tuned to.

Half of them carry a planted mistake (``*.planted-*``): each must come out ``discrepancy``.
The others are correct: none may come out ``discrepancy``, and each must be ``verified`` unless
it is listed, with its reason, in ``EXPECTED_UNDECIDED`` (a known gap of the tool, not of the
claim). Where derivcheck gets a claim wrong today, the case is written up in
tests/corpus/FINDINGS.md and marked ``xfail(strict=True)`` here, so that a fix shows up as an
unexpected pass and the mark is then removed. The claims are never re-encoded to pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers import Config, check_all
from checkers.readers._files import load

CORPUS = Path(__file__).parent / "corpus"
FOUND = load([CORPUS])
CLAIMS = {claim.name: claim for claim in FOUND.claims}
PLANTED = sorted(name for name in CLAIMS if ".planted-" in name)
CORRECT = sorted(name for name in CLAIMS if ".planted-" not in name)
SEED = 0

# Correct claims that come out undecided at seed 0 because of a known limit of a witness; the
# test holds each to exactly "undecided" (not verified, not a discrepancy). See FINDINGS.md.
EXPECTED_UNDECIDED = {
    "mle.coin-minimum-at-1": "F6: theta = 1 is a degenerate critical point (f'' = 0 there);"
                             " SymPy stops at the second-derivative test",
    "calculus.rosenbrock-global-minimum": "F7: SymPy decides global extrema only for"
                                          " polynomials of one variable",
    "cookbook.matrix-determinant-lemma": "F8: SymPy does not simplify det(I + u v^T) - (1 + u^T v)"
                                         " for a 3x3 symbolic u v^T",
    "cookbook.derivative-of-log-abs-determinant": "F9: SymPy's matrix derivative of"
                                                  " log|det X| is 0 and the entrywise form does"
                                                  " not simplify",
    "issue11.svc.derivative-as-limit": "I11a: SymPy evaluates no limit or integral of an arbitrary"
                                       " function (JAX agrees)",
    "issue11.integral.substitution-rule": "I11a: SymPy evaluates no limit or integral of an"
                                          " arbitrary function (JAX agrees)",
    "issue11.integral.fubini-x-first": "I11a: SymPy evaluates no limit or integral of an arbitrary"
                                       " function (JAX agrees)",
    "issue11.rv.cauchy-second-moment-diverges": "I11b: a divergent integral has no value for JAX"
                                                " (SymPy proves it is oo)",
    "issue11.rv.cauchy-mean-tail-diverges": "I11b: a divergent integral has no value for JAX"
                                            " (SymPy proves it is oo)",
    "issue11.dist.binomial-mean": "I11c: SymPy's binomial sums to a symbolic n come back as a"
                                  " Piecewise in two variables (JAX agrees)",
    "issue11.dist.binomial-variance": "I11c: SymPy's binomial sums to a symbolic n come back as a"
                                      " Piecewise in two variables (JAX agrees)",
    "issue11.dist.poisson-cdf-step": "I11d: SymPy writes the partial Poisson sums with the"
                                     " incomplete gamma function and does not simplify them"
                                     " (JAX agrees)",
}

# Cases derivcheck gets wrong today (FINDINGS.md): a correct claim that is not verified (and is
# not a known gap above), or a planted mistake that is not caught.
KNOWN_WRONG = {
    "mle.coin-likelihood-derivative": "F1: a Tex reference fails on '\\mid' in another side"
                                      " of the same chain (error)",
    "mle.coin-likelihood-derivative-factored": "F1: a Tex reference fails on '\\mid' in another"
                                               " side of the same chain (error)",
    "mle.coin-critical-points": "F2: JAX reports a critical point near theta = 0 where the"
                                " gradient is only tiny (theta^8), witnesses disagree",
}


# The corpus is checked once per session, in two halves (every other claim by name): under
# pytest-xdist each half goes to one worker (its xdist_group), so two workers share the work.
HALF = {name: index % 2 for index, name in enumerate(sorted(CLAIMS))}


def _case(name: str):
    marks = [pytest.mark.xdist_group(f"corpus-{HALF[name]}")]
    if name in KNOWN_WRONG:
        reason = f"tests/corpus/FINDINGS.md {KNOWN_WRONG[name]}"
        marks.append(pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture(scope="session")
def corpus_halves():
    """The verdicts of one half of the corpus, checked on first use, by name."""
    checked = {}

    def half(index: int) -> dict:
        if index not in checked:
            claims = [c for c in FOUND.claims if HALF[c.name] == index]
            found = check_all(claims, Config(seed=SEED), texts=FOUND.texts)
            checked[index] = {verdict.claim.name: verdict for verdict in found}
        return checked[index]
    return half


@pytest.fixture()
def verdicts(corpus_halves, name):
    """The verdicts of the half that holds ``name`` (each claim draws its own points: a
    claim's verdict does not depend on the other claims of its batch)."""
    return corpus_halves(HALF[name])


# --- the corpus itself (fast) -----------------------------------------------------------------

def test_the_corpus_is_large_enough_and_half_planted():
    assert len(CLAIMS) >= 70
    assert len(PLANTED) == len(CORRECT)


def test_every_planted_claim_has_its_correct_twin_or_a_source_of_its_own():
    for name in PLANTED:
        base = name.split(".planted-")[0]
        assert base in CLAIMS, f"{name}: no correct claim {base}"


def test_the_tables_name_only_claims_of_the_corpus():
    assert set(EXPECTED_UNDECIDED) <= set(CORRECT)
    assert set(KNOWN_WRONG) <= set(CLAIMS)
    assert not set(EXPECTED_UNDECIDED) & set(KNOWN_WRONG)


def test_every_finding_is_written_up():
    findings = (CORPUS / "FINDINGS.md").read_text()
    for reason in list(KNOWN_WRONG.values()) + list(EXPECTED_UNDECIDED.values()):
        tag = reason.split(":")[0]
        assert re.search(rf"^## {tag}\b", findings, re.M), tag


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_every_claim_names_its_source_and_stands_in_its_text(name):
    claim = CLAIMS[name]
    source = claim.source
    assert source.section and claim.note, name
    assert source.quote, name
    document = FOUND.origins[name].parent / _document_of(FOUND.origins[name])
    lines = document.read_text().split("\n")[source.lines[0] - 1:source.lines[-1]]
    assert source.quote in "\n".join(lines), f"{name}: quote not in {document.name} {source.lines}"


def test_the_d2l_chapters_carry_their_origin_and_licence():
    origin = (CORPUS / "d2l" / "ORIGIN.md").read_text()
    assert "CC BY-SA 4.0" in origin and "github.com/d2l-ai/d2l-en" in origin
    for toml in (CORPUS / "d2l").glob("*.toml"):
        assert (CORPUS / "d2l" / _document_of(toml)).is_file()


def _document_of(path: Path) -> str:
    return re.search(r'^document = "(.+)"', path.read_text(), re.M).group(1)


# --- the verdicts (slow: every claim, both witnesses) ------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", [_case(n) for n in PLANTED])
def test_a_planted_mistake_is_caught(verdicts, name):
    verdict = verdicts[name]
    assert verdict.status == "discrepancy", f"{name}: {verdict.status}: {verdict.summary}"


@pytest.mark.slow
@pytest.mark.parametrize("name", [_case(n) for n in CORRECT])
def test_a_correct_claim_is_not_flagged(verdicts, name):
    verdict = verdicts[name]
    assert verdict.status != "discrepancy", f"{name}: {verdict.summary}"
    expected = "undecided" if name in EXPECTED_UNDECIDED else "verified"
    assert verdict.status == expected, f"{name}: {verdict.status}: {verdict.summary}"
