"""The pytest plugin, as a user runs it (pytester, in subprocesses: JAX cannot be imported twice
in one process, which pytester's in-process runs would do)."""

import shutil
import textwrap
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "softplus"


@pytest.fixture()
def project(pytester):
    for name in ("notes.md", "derivations.toml"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    return pytester


def test_each_claim_is_an_item_a_discrepancy_fails_and_junitxml_names_the_claims(project):
    """One run of the example's collection: the items, the failure's text and the JUnit XML."""
    result = project.runpytest_subprocess("--derivations", ".", "--junitxml=out.xml", "-p",
                                          "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*Falsifying example: softplus.curvature-at-0 (line 10*notes.md)",
        "*at x=0:",
        "*claimed 0.5",
        "*true    0.25",
        "*verdict: discrepancy (refuted) — *",
        "*Reproduce: derivcheck run *derivations.toml -k 'softplus.curvature-at-0' --seed 0",
    ])
    xml = (project.path / "out.xml").read_text()
    assert 'name="softplus.curvature-at-0"' in xml and xml.count("<testcase") == 4


def test_without_the_option_nothing_is_collected(project):
    result = project.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_k_selects_and_x_stops(project):
    result = project.runpytest_subprocess("--derivations", ".", "-k", "derivative", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result = project.runpytest_subprocess("--derivations", ".", "-x", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)


def test_undecided_is_a_skip_with_its_reason(project):
    (project.path / "more.toml").write_text(textwrap.dedent("""\
        document = "notes.md"
        [[claim]]
        name = "slow"
        kind = "identity"
        lines = 3
        variables = { x = "real", y = "real" }
        lhs = "(x + y)^20*exp(x)*sin(y)^2 + cos(y)^2*(x + y)^20*exp(x)"
        rhs = "(x + y)^20*exp(x)"
        """))
    result = project.runpytest_subprocess("--derivations", "more.toml", "-p", "no:cacheprovider", "-rs")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) + outcomes.get("skipped", 0) == 1
    if outcomes.get("skipped"):
        result.stdout.fnmatch_lines(["*undecided (*): *"])


def test_xdist_runs_the_items_in_two_workers(project):
    result = project.runpytest_subprocess("--derivations", ".", "-n", "2", "-p",
                                          "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
