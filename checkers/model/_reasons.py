"""Why a verdict is what it is, as data: one code per verdict, set by the judge from the
witnesses' evidence. The verdict's ``summary`` says the same for a person; nothing decides by
reading it."""

from __future__ import annotations

import enum


class Reason(enum.StrEnum):
    """The reason code of a verdict (its value is the code a report or a test names)."""

    description: str

    def __new__(cls, code: str, description: str) -> Reason:
        member = str.__new__(cls, code)
        member._value_ = code
        member.description = description
        return member

    # verified
    PROVED = "proved", "SymPy proves the claim, and JAX agrees wherever it ran"
    # discrepancy
    REFUTED = ("refuted", "SymPy refutes the claim; JAX, wherever it ran, agrees (or failed, if"
               " SymPy's refutation is exact)")
    COUNTEREXAMPLE = ("counterexample", "JAX finds a point where the claim fails; SymPy did not"
                      " decide, or its result was set aside")
    REFUTED_BELOW_FLOAT_RESOLUTION = ("refuted-below-float-resolution", "SymPy refutes the"
                                      " exact claim exactly, by a difference below"
                                      " floating-point resolution")
    HOLDS_THOUGH_REJECTED = ("holds-though-rejected", "the text rejects this formula, but the"
                             " checker finds that it holds")
    # undecided
    NUMERIC_ONLY = ("numeric-only", "JAX agrees at every point, but SymPy could not decide: no"
                    " proof")
    SYMBOLIC_ONLY = ("symbolic-only", "SymPy decides, but JAX could not evaluate the claim: one"
                     " witness is not enough")
    WITNESSES_DISAGREE = ("witnesses-disagree", "SymPy and JAX reach opposite conclusions: one of"
                          " the witnesses is wrong")
    TIME_BUDGET = ("time-budget", "SymPy was stopped at its time budget before it decided, and"
                   " JAX found no counterexample")
    TOOL_DISAGREEMENT = ("tool-disagreement", "SymPy's derivative differs from JAX's autodiff, so"
                         " its result is set aside; JAX did not decide")
    TOO_FEW_VALID_POINTS = ("too-few-valid-points", "JAX found no counterexample, but too few of"
                            " its points were valid (both sides finite) to agree")
    NEITHER_DECIDES = "neither-decides", "neither witness could decide the claim"
    NOT_CHECKED = "not-checked", "neither witness was run"
    # error
    WITNESS_ERROR = ("witness-error", "every witness that ran failed on the claim (an expression"
                     " it cannot handle)")
    DECLARATION_ERROR = ("declaration-error", "the claim cannot be checked as declared (its"
                         " expressions, variables or place in the text)")
    # a failure the text expects (the verdict holds)
    REJECTED_BY_TEXT = ("rejected-by-text", "the text states this formula only to reject it, and"
                        " the checker agrees that it fails")
    # error: the claim's place in the text
    ANCHOR_NOT_FOUND = ("anchor-not-found", "the claim's place is not found in its document (or"
                        " in the edition given): nothing was checked")
    # an error that is the checker's budget, not the claim
    OUT_OF_TIME = ("out-of-time", "reading the claim or checking it numerically overran the time"
                   " budget (--budget)")
