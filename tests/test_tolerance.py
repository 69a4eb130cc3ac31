"""A claim's own numeric tolerance (``tolerance = { rtol, atol, reason }``, ``Tolerance``): the
reason is required, a bad value is a teaching error for that claim only, the numeric witness
uses it, the verdict says it with its reason, and it never overrules an exact refutation."""

import textwrap
from dataclasses import replace

import pytest

from checkers import Config, Derivative, Reason, Source, Tolerance, Var, check_all
from checkers.readers._files import load

SRC = Source(lines=(1, 1))
LOOSE = Tolerance(rtol=1e-4, atol=1e-6, reason="the text rounds to 4 digits")


def square(name, claimed, tolerance=None):
    return Derivative(name=name, source=SRC, variables=(Var("x"),), function="x^2", wrt="x",
                      claimed=claimed, tolerance=tolerance)


@pytest.fixture(scope="module")
def verdicts():
    config = Config(points=16, cache=None)
    claims = [square("close", "2*x*(1 + 1e-6)"), square("close-loose", "2*x*(1 + 1e-6)", LOOSE),
              square("far-loose", "2*x*(1 + 1e-3)", LOOSE)]
    numeric = {v.claim.name: v for v in check_all(claims, replace(config, symbolic=False))}
    both = {v.claim.name: v for v in check_all([square("tiny-loose", "2*x + 1e-10", LOOSE)],
                                                config)}
    return numeric, both


def test_the_numeric_witness_uses_the_claims_tolerance(verdicts):
    numeric, _ = verdicts
    assert numeric["close"].numeric.status == "disagrees"  # the default: relative 1e-7
    assert numeric["close-loose"].numeric.status == "agrees"
    assert numeric["far-loose"].numeric.status == "disagrees"


def test_the_verdict_says_the_tolerance_and_its_reason(verdicts):
    numeric, _ = verdicts
    said = numeric["close-loose"].summary
    assert "rtol=0.0001, atol=1e-06" in said and "the text rounds to 4 digits" in said
    assert "tolerance" not in numeric["close"].summary


def test_a_loose_tolerance_never_overrules_an_exact_refutation(verdicts):
    _, both = verdicts
    v = both["tiny-loose"]
    assert v.numeric.status == "agrees"  # within the loose tolerance...
    assert v.symbolic.status == "refuted" and v.symbolic.exact
    assert v.status == "discrepancy"  # ...still a discrepancy
    assert v.reason == Reason.REFUTED_BELOW_FLOAT_RESOLUTION


@pytest.mark.parametrize("given, fragment", [
    ({"rtol": 1e-4}, "give the reason"),
    ({"rtol": 1e-4, "reason": "  "}, "give the reason"),
    ({"reason": "why"}, "give rtol, atol or both"),
    ({"rtol": -1.0, "reason": "why"}, "rtol = -1.0 is not a finite number from 0"),
    ({"atol": float("inf"), "reason": "why"}, "atol = inf is not a finite number"),
    ({"rtol": 2.0, "reason": "why"}, "accepts anything"),
])
def test_a_bad_tolerance_is_refused_in_python(given, fragment):
    with pytest.raises(ValueError, match=fragment):
        Tolerance(**given)


def test_a_tolerance_must_be_a_tolerance():
    with pytest.raises(ValueError, match="Tolerance"):
        square("bad", "2*x", tolerance=1e-4)


CLAIM = """\
    [[claim]]
    name = "{name}"
    kind = "derivative"
    lines = 1
    variables = {{ x = "real" }}
    function = "x^2"
    wrt = "x"
    claimed = "2*x"
    {line}
    """


@pytest.mark.parametrize("line, fragment", [
    ('tolerance = { rtol = 1e-4 }', "give the reason"),
    ('tolerance = { rtol = -1, reason = "r" }', "rtol = -1 is not a finite number from 0"),
    ('tolerance = { rtol = "big", reason = "r" }', "rtol: expected a number, got a string"),
    ('tolerance = { rtol = 1e-4, reason = "r", why = "x" }', "unknown key why"),
    ('tolerance = 1e-4', "expected a table"),
])
def test_a_bad_tolerance_in_a_file_is_an_error_for_that_claim_only(tmp_path, line, fragment):
    text = CLAIM.format(name="bad", line=line) + "\n" + CLAIM.format(name="good", line="")
    path = tmp_path / "d.toml"
    path.write_text(textwrap.dedent(text))
    bad, good = check_all(load([path]).claims, Config(points=8, symbolic=False))
    assert bad.status == "error" and bad.reason == Reason.DECLARATION_ERROR
    assert fragment in bad.error and "what to do: write tolerance = {" in bad.error
    assert good.numeric.status == "agrees"


def test_a_tolerance_in_a_file_is_read(tmp_path):
    line = 'tolerance = { rtol = 1e-4, atol = 1e-9, reason = "rounded" }'
    path = tmp_path / "d.toml"
    path.write_text(textwrap.dedent(CLAIM.format(name="c", line=line)))
    (claim,) = load([path]).claims
    assert claim.tolerance == Tolerance(rtol=1e-4, atol=1e-9, reason="rounded")
