"""Which simplification strategy is worth trying on a difference, and the share of the symbolic
budget (CPU seconds: ``algebra._alarm``'s "cpu" clock) each one may spend.

Cheap strategies come first (``_decide.STRATEGIES``); ``simplify`` last. Two guards keep every
decision on the bundled chapter far from its budget, so that load cannot change a verdict:

- ``worth``: deterministic, from the expression's structure. ``simplify`` is not tried on a
  difference holding sums over a symbolic size (``Sum(..., (k, 1, r))``): SymPy's simplify does
  not prove such index identities (on the bundled chapter it proved none of them, at 10-20 s
  each), and they are decided entry by entry at concrete sizes instead (``_concrete``).
- ``bounded``: a safety net. A strategy that runs past its share of the budget is stopped and
  counts as not having reached 0 (the next strategy is tried). The share is CPU time, so a busy
  machine makes a strategy slower, never stopped sooner. On the bundled chapter no strategy
  comes within a tenth of its share.
"""

from __future__ import annotations

import sympy as sp

from ...algebra._alarm import alarm

BUDGET = 30.0
"""The engine's symbolic budget per claim in seconds (set by the engine in its worker)."""

SHARES = {"simplify": 0.5}
"""Each strategy's share of ``BUDGET``; the rest get ``DEFAULT_SHARE``."""
DEFAULT_SHARE = 0.2


def worth(name: str, entry) -> bool:
    """Whether strategy ``name`` may be tried on ``entry`` (claimed − derived, one entry)."""
    if name == "simplify":
        return not symbolic_sums(entry)
    return True


def symbolic_sums(e) -> bool:
    """``e`` holds a sum whose bounds are not numbers (a sum over a symbolic size)."""
    if not isinstance(e, sp.Basic):
        return False
    return any(not (low.is_number and high.is_number)
               for s in e.atoms(sp.Sum) for _, low, high in s.limits)


class OutOfShare(BaseException):
    """A strategy ran past its share of the symbolic budget (not an Exception, so that SymPy's
    own ``except Exception`` does not swallow it)."""


def share(name: str) -> float:
    return BUDGET * SHARES.get(name, DEFAULT_SHARE)


STOPPED: list[str] = []
"""The strategies stopped at their share since the engine last cleared this (in its worker):
an undecided outcome after a stop is one the budget cut short."""


def bounded(name: str, step, entry):
    """``step(entry)``, or ``entry`` itself when the step runs past its share of the budget."""
    try:
        with alarm(share(name), OutOfShare, clock="cpu"):
            return step(entry)
    except OutOfShare:
        STOPPED.append(name)
        return entry
