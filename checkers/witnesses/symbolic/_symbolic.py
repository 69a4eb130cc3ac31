"""The symbolic witness: SymPy derives the truth and decides claimed − derived = 0.

What SymPy derives is said by each claim kind (``checkers.kinds``), which hands its derivation
to ``witness``; the generic parts are here: the evidence, deciding a difference (``_decide``)
and deciding at small concrete sizes (``_concrete``). It never imports the numeric witness. A
simplification that runs too long is stopped from outside (see engine/_budget; the fork server
preloads this module, and with it SymPy); here every step is plain SymPy.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable

from ...readers._resolve import Resolved
from ._concrete import (canonical as canonical, concrete as concrete, entries as entries,
                        entrywise_derivative as entrywise_derivative, scalar_diff as scalar_diff,
                        show_sizes as show_sizes, small_sizes as small_sizes, speller as speller)
from ._conditions import evaluated as evaluated
from ._decide import decide as decide
from ._evidence import SymbolicEvidence as SymbolicEvidence


def witness(r: Resolved, derive: Callable[[Resolved], SymbolicEvidence]) -> SymbolicEvidence:
    """``derive``'s evidence on a resolved claim, timed in CPU seconds of this process (the
    clock of the symbolic budget); never raises for a claim's content."""
    started = time.process_time()
    try:
        evidence = derive(r)
    except Exception as exc:  # SymPy's own failures (e.g. TypeError on sqrt(Trace))
        evidence = SymbolicEvidence("error", detail=f"SymPy failed: {type(exc).__name__}: {exc}")
    return replace(evidence, seconds=time.process_time() - started)
