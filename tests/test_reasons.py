"""Reasons as data: the judge sets a verdict's reason code from the evidence's statuses alone;
every code is reachable, described, and read by the report; the sentences are for people."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from checkers import Identity, Reason, Source
from checkers.engine._judge import error_verdict, judge

CLAIM = Identity(name="fake", source=Source(lines=(1, 1)), lhs="x", rhs="x")
REJECTED = replace(CLAIM, rejected_by_text="the text says it fails")


@dataclass(frozen=True)
class Symbolic:
    """What the judge may see of SymPy's evidence."""

    status: str
    entrywise: bool = False
    timed_out: bool = False
    strategy: str = "expand"
    detail: str = "could not simplify"
    message: str = ""
    difference: str = "2*x"
    point: dict = field(default_factory=dict)
    exact: bool = False
    size: float | None = None


@dataclass(frozen=True)
class Numeric:
    """What the judge may see of JAX's evidence."""

    status: str
    detail: str = "agrees at 64 points"
    message: str = ""
    point: dict = field(default_factory=lambda: {"x": 1.0})
    claimed: float = 1.0
    true: float = 2.0
    error: float = 0.5


TOOL = Numeric("disagrees", detail="at 1 of 64 points")   # SymPy's truth against JAX's autodiff
TIMED_OUT = Symbolic("undecided", timed_out=True, detail="ran out of its time budget")
EXACT = Symbolic("refuted", exact=True, size=0.5)            # refuted by exact arithmetic
EXACT_TINY = Symbolic("refuted", exact=True, size=1e-10)     # ... by a difference below 1e-6

# (SymPy's evidence, JAX's evidence, SymPy vs JAX, claim) -> (status, reason)
CASES = [
    (Symbolic("proved"), Numeric("agrees"), None, CLAIM, "verified", Reason.PROVED),
    (Symbolic("proved"), None, None, CLAIM, "verified", Reason.PROVED),
    (Symbolic("proved", entrywise=True), Numeric("agrees"), TOOL, CLAIM, "verified",
     Reason.PROVED),
    (Symbolic("refuted"), Numeric("disagrees"), None, CLAIM, "discrepancy", Reason.REFUTED),
    (Symbolic("refuted"), None, None, CLAIM, "discrepancy", Reason.REFUTED),
    (Symbolic("undecided"), Numeric("disagrees"), None, CLAIM, "discrepancy",
     Reason.COUNTEREXAMPLE),
    (Symbolic("error"), Numeric("disagrees"), None, CLAIM, "discrepancy", Reason.COUNTEREXAMPLE),
    (None, Numeric("disagrees"), None, CLAIM, "discrepancy", Reason.COUNTEREXAMPLE),
    (Symbolic("proved"), Numeric("disagrees"), TOOL, CLAIM, "discrepancy",
     Reason.COUNTEREXAMPLE),
    (TIMED_OUT, Numeric("disagrees"), None, CLAIM, "discrepancy", Reason.COUNTEREXAMPLE),
    (Symbolic("undecided"), Numeric("agrees"), None, CLAIM, "undecided", Reason.NUMERIC_ONLY),
    (Symbolic("error"), Numeric("agrees"), None, CLAIM, "undecided", Reason.NUMERIC_ONLY),
    (None, Numeric("agrees"), None, CLAIM, "undecided", Reason.NUMERIC_ONLY),
    (Symbolic("refuted"), Numeric("agrees"), TOOL, CLAIM, "undecided", Reason.NUMERIC_ONLY),
    (Symbolic("proved"), Numeric("disagrees"), None, CLAIM, "undecided",
     Reason.WITNESSES_DISAGREE),
    (Symbolic("refuted"), Numeric("agrees"), None, CLAIM, "undecided",
     Reason.WITNESSES_DISAGREE),
    (Symbolic("proved"), Numeric("error"), None, CLAIM, "undecided", Reason.SYMBOLIC_ONLY),
    (Symbolic("refuted"), Numeric("error"), None, CLAIM, "undecided", Reason.SYMBOLIC_ONLY),
    (EXACT, Numeric("error"), None, CLAIM, "discrepancy", Reason.REFUTED),
    (EXACT_TINY, Numeric("error"), None, CLAIM, "discrepancy", Reason.REFUTED),
    (EXACT, Numeric("disagrees"), None, CLAIM, "discrepancy", Reason.REFUTED),
    (EXACT_TINY, Numeric("agrees"), None, CLAIM, "discrepancy",
     Reason.REFUTED_BELOW_FLOAT_RESOLUTION),
    (EXACT, Numeric("agrees"), None, CLAIM, "undecided", Reason.WITNESSES_DISAGREE),
    (Symbolic("refuted", size=1e-10), Numeric("agrees"), None, CLAIM, "undecided",
     Reason.WITNESSES_DISAGREE),
    (EXACT_TINY, Numeric("agrees"), TOOL, CLAIM, "undecided", Reason.NUMERIC_ONLY),
    (EXACT, Numeric("error"), TOOL, CLAIM, "undecided", Reason.TOOL_DISAGREEMENT),
    (TIMED_OUT, Numeric("agrees"), None, CLAIM, "undecided", Reason.TIME_BUDGET),
    (TIMED_OUT, Numeric("error"), None, CLAIM, "undecided", Reason.TIME_BUDGET),
    (TIMED_OUT, None, None, CLAIM, "undecided", Reason.TIME_BUDGET),
    (Symbolic("proved"), Numeric("error"), TOOL, CLAIM, "undecided", Reason.TOOL_DISAGREEMENT),
    (Symbolic("refuted"), None, TOOL, CLAIM, "undecided", Reason.TOOL_DISAGREEMENT),
    (Symbolic("undecided"), Numeric("error"), None, CLAIM, "undecided", Reason.NEITHER_DECIDES),
    (Symbolic("undecided"), None, None, CLAIM, "undecided", Reason.NEITHER_DECIDES),
    (Symbolic("undecided"), Numeric("insufficient"), None, CLAIM, "undecided",
     Reason.TOO_FEW_VALID_POINTS),
    (None, Numeric("insufficient"), None, CLAIM, "undecided", Reason.TOO_FEW_VALID_POINTS),
    (None, None, None, CLAIM, "undecided", Reason.NOT_CHECKED),
    (Symbolic("error"), Numeric("error"), None, CLAIM, "error", Reason.WITNESS_ERROR),
    (Symbolic("error"), None, None, CLAIM, "error", Reason.WITNESS_ERROR),
    (None, Numeric("error"), None, CLAIM, "error", Reason.WITNESS_ERROR),
    (Symbolic("refuted"), Numeric("disagrees"), None, REJECTED, "discrepancy",
     Reason.REJECTED_BY_TEXT),
    (Symbolic("error"), None, None, REJECTED, "error", Reason.REJECTED_BY_TEXT),
    (Symbolic("proved"), Numeric("agrees"), None, REJECTED, "discrepancy",
     Reason.HOLDS_THOUGH_REJECTED),
    (Symbolic("undecided"), Numeric("agrees"), None, REJECTED, "undecided",
     Reason.NUMERIC_ONLY),
]


def _id(case) -> str:
    s, n, tool, claim, _, reason = case
    parts = [getattr(s, "status", "no SymPy") + ("/timed-out" if getattr(s, "timed_out", 0) else "")
             + ("/exact" if getattr(s, "exact", 0) else "")
             + ("/tiny" if (getattr(s, "size", None) or 1) < 1e-6 else ""),
             getattr(n, "status", "no JAX"), "tool" if tool else "", "rejected" if claim is REJECTED
             else ""]
    return f"{reason}:" + "+".join(p for p in parts if p)


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_the_judge_decides_from_the_statuses(case):
    s, n, tool, claim, status, reason = case
    v = judge(claim, s, n, tool)
    assert (v.status, v.reason) == (status, reason)
    assert v.holds == (status == "verified" or reason is Reason.REJECTED_BY_TEXT)


def test_a_claim_that_cannot_be_checked_as_declared():
    v = error_verdict(CLAIM, "claim fake: x is not declared\nDeclare it.")
    assert (v.status, v.reason, v.summary) == ("error", Reason.DECLARATION_ERROR,
                                               "claim fake: x is not declared")
    v = error_verdict(REJECTED, "claim fake: shapes differ")
    assert (v.status, v.reason, v.expected_by_text) == ("error", Reason.REJECTED_BY_TEXT, True)


def test_every_reason_is_reachable():
    # set by the engine, not the judge: OUT_OF_TIME (tests/test_budget.py), ANCHOR_NOT_FOUND
    # (tests/test_anchors.py)
    reached = {case[-1] for case in CASES} | {Reason.DECLARATION_ERROR, Reason.OUT_OF_TIME,
                                              Reason.ANCHOR_NOT_FOUND}
    assert reached == set(Reason)


# -- the judge never reads a sentence -------------------------------------------------------------

class Sentence(str):
    """A sentence that may be shown (formatted, joined) but never inspected."""

    def _read(self, *_):
        raise AssertionError(f"the judge read the sentence {str(self)!r}")

    __contains__ = __eq__ = __ne__ = startswith = endswith = find = index = split = _read
    lower = upper = strip = partition = count = _read
    __hash__ = str.__hash__


MISLEADING = Sentence("numeric only: the witnesses disagree; ran out of its time budget;"
                      " SymPy proves it; the text itself rejects this formula")


def _misleading(evidence):
    if evidence is None:
        return None
    sentences = {k: MISLEADING for k in ("detail", "message", "strategy", "difference")
                 if hasattr(evidence, k)}
    return replace(evidence, **sentences)


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_the_judge_never_reads_a_sentence(case):
    s, n, tool, claim, status, reason = case
    v = judge(claim, _misleading(s), _misleading(n), _misleading(tool))
    assert (v.status, v.reason) == (status, reason)


# -- the reasons themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_every_reason_has_a_description(reason):
    assert reason.description and "\n" not in reason.description
    assert len(reason.description) <= 100 and not reason.description.endswith(".")
    assert reason.value == reason.name.lower().replace("_", "-")
    assert Reason(reason.value) is reason and f"{reason}" == reason.value


# -- the sentences still read well (one per family) ---------------------------------------------

SENTENCES = {
    Reason.PROVED: (Symbolic("proved"), Numeric("agrees"), None,
                    "SymPy proves it (expand); JAX agrees at 64 points"),
    Reason.REFUTED: (Symbolic("refuted"), None, None,
                     "SymPy: claimed − true = 2*x"),
    Reason.COUNTEREXAMPLE: (Symbolic("undecided"), Numeric("disagrees"), None,
                            "JAX: at (x=1) claimed 1 but true 2 (relative error 0.5)"
                            " (SymPy undecided: could not simplify)"),
    Reason.NUMERIC_ONLY: (Symbolic("undecided"), Numeric("agrees"), None,
                          "numeric only: JAX agrees at 64 points (SymPy undecided: could not"
                          " simplify)"),
    Reason.WITNESSES_DISAGREE: (Symbolic("refuted"), Numeric("agrees"), None,
                                "the witnesses disagree: SymPy: claimed − true = 2*x, but JAX"
                                " agrees at 64 points"),
    Reason.TIME_BUDGET: (TIMED_OUT, Numeric("agrees"), None,
                         "numeric only: JAX agrees at 64 points (SymPy undecided: ran out of its"
                         " time budget)"),
    Reason.TOOL_DISAGREEMENT: (Symbolic("proved"), Numeric("error", detail="no cosh"), TOOL,
                               "SymPy's result set aside (its derivative disagrees with JAX;"
                               " it said proved); JAX error: no cosh"),
    Reason.NOT_CHECKED: (None, None, None, "symbolic check not run; numeric check not run"),
    Reason.REFUTED_BELOW_FLOAT_RESOLUTION: (EXACT_TINY, Numeric("agrees"), None,
                                    "SymPy: claimed − true = 2*x, exactly: the difference is"
                                    " below floating-point resolution, so JAX, which agrees at"
                                    " 64 points, cannot see it"),
}


@pytest.mark.parametrize("reason", list(SENTENCES), ids=str)
def test_the_summary_says_the_reason_to_a_person(reason):
    s, n, tool, sentence = SENTENCES[reason]
    v = judge(CLAIM, s, n, tool)
    assert (v.reason, v.summary) == (reason, sentence)
    if tool is not None:
        assert v.tool.detail == "SymPy's derivative differs from JAX's autodiff: at 1 of 64 points"


def test_the_text_rejects_it_reads_as_such():
    v = judge(REJECTED, Symbolic("refuted"), None)
    assert v.summary == "SymPy: claimed − true = 2*x — the text itself rejects this formula" \
                        " (the text says it fails)"
    v = judge(REJECTED, Symbolic("proved"), None)
    assert v.summary == "the text rejects this formula (the text says it fails), but it holds:" \
                        " SymPy proves it (expand); numeric check not run"
