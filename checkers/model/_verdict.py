"""A verdict per claim: verified, discrepancy, undecided or error — always with its reason code
and its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._claims import Claim
from ._reasons import Reason

STATUSES = ("verified", "discrepancy", "undecided", "error")


@dataclass(frozen=True)
class ToolDisagreement:
    """SymPy's derivative and JAX's autodiff differ: this says nothing about the text."""

    sympy_value: Any
    jax_value: Any
    point: dict[str, Any]
    detail: str


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    status: str
    reason: Reason
    """Why the status is what it is, as a code (the judge sets it from the evidence)."""
    summary: str
    """The same for a person: a sentence, never read back by the checker."""
    symbolic: Any = None   # SymbolicEvidence, or None when not run
    numeric: Any = None    # NumericEvidence of the claimed expression, or None
    tool: ToolDisagreement | None = None
    error: str = ""
    expected_by_text: bool = False
    """The text itself rejects this claim, and the checker agrees."""
    moved_from: Any = None
    """The claim's ``Source`` as declared, when it was found again at other lines of another
    edition (``claim.source`` is then where it stands in that edition)."""

    @property
    def holds(self) -> bool:
        return self.status == "verified" or self.expected_by_text
