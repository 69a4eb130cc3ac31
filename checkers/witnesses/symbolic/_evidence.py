"""What the symbolic witness found, as frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SymbolicEvidence:
    """What SymPy found. ``status``: proved, refuted, undecided, error or skipped."""

    status: str
    derived: Any = None
    difference: str = ""
    strategy: str = ""
    detail: str = ""
    seconds: float = 0.0
    point: dict[str, str] = field(default_factory=dict)
    entrywise: bool = False
    """Decided entry by entry, without SymPy's matrix derivative (which ``derived`` holds)."""
    message: str = ""
    """A sentence for a person, where "claimed − true = ..." would not fit."""
    timed_out: bool = False
    """Stopped at the engine's time budget before it decided (status undecided)."""
    exact: bool = False
    """A refutation by exact arithmetic: claimed and derived hold no floating-point number, and
    the difference is proved non-zero (a non-zero rational, or a value whose evaluation SymPy
    guarantees to every digit asked) at a rational point, or is a non-zero constant."""
    size: float | None = None
    """How large the refuting difference is at its point: |claimed − derived| relative to
    max(1, |derived|) (None when not measured)."""

    @property
    def derived_text(self) -> str:
        return "" if self.derived is None else str(self.derived)
