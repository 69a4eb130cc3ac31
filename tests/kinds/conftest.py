"""Each claim kind alone: resolve a small claim, run the kind's own symbolic and numeric pieces
directly (no engine, no judge), and look at what the report is given."""

from dataclasses import dataclass
from typing import Any

import pytest

from checkers.kinds import kind_of, resolve


@dataclass(frozen=True)
class Run:
    resolved: Any
    symbolic: Any
    numeric: dict


@pytest.fixture(scope="session")
def settings():
    from checkers.witnesses.numeric._numeric import Settings

    return Settings(seed=0, points=16)


@pytest.fixture(scope="session")
def run(settings):
    """claim -> Run: the kind's resolved claim, its SymPy evidence, and JAX's evidence on the
    claimed side (and on SymPy's derived form, when the kind cross-checks it)."""
    def run(claim) -> Run:
        kind = kind_of(claim)
        r = resolve(claim)
        symbolic = kind.symbolic(r)
        candidates = {"claimed": kind.claimed(r)}
        if kind.cross_checks and symbolic.derived is not None:
            candidates["sympy"] = symbolic.derived
        return Run(r, symbolic, kind.numeric(r, candidates, settings))
    return run
