"""Checking claims: resolve, run both witnesses (SymPy under a hard budget, in parallel with
JAX), cross-check SymPy's truth against JAX, and judge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from typing import TYPE_CHECKING

from ..model._errors import DeclarationError
from ._judge import error_verdict, judge
from ..model._claims import Claim
from ..model._verdict import Verdict

if TYPE_CHECKING:
    from ._budget import BudgetPool
    from ..readers._resolve import Resolved


@dataclass(frozen=True, kw_only=True)
class Config:
    """How to check. ``budget`` is the symbolic time limit per claim in seconds; ``cache`` a
    folder of symbolic results by claim content (engine/_cache), or None for none."""

    seed: int = 0
    points: int = 64
    budget: float = 30.0
    symbolic: bool = True
    numeric: bool = True
    jobs: int = 2
    cache: str | None = None


def check(claim: Claim, config: Config = Config(), *,
          texts: Mapping[str, str] | None = None) -> Verdict:
    """The verdict on one claim."""
    return check_all([claim], config, texts=texts)[0]


def check_all(claims: Sequence[Claim], config: Config = Config(),
              progress: Callable[[Verdict], None] | None = None, *,
              texts: Mapping[str, str] | None = None) -> list[Verdict]:
    """Verdicts in the order of ``claims``; a bad claim gets an error verdict, the rest go on.

    ``texts`` maps document names to their text, for claims that read code cells
    (``CellValue``); the command line passes the bundled chapter."""
    resolved: list = [_resolve(c, texts) for c in claims]
    pool = _start_symbolic(resolved, config)
    verdicts = []
    try:
        for index, item in enumerate(resolved):
            verdict = item if isinstance(item, Verdict) else _check_one(index, item, pool,
                                                                          config)
            verdicts.append(verdict)
            if progress is not None:
                progress(verdict)
    finally:
        if pool is not None:
            pool.close()
    return verdicts


def _resolve(claim: Claim, texts):
    from ..kinds._table import resolve

    try:
        return resolve(claim, texts)
    except DeclarationError as err:
        return error_verdict(claim, str(err))


def _start_symbolic(items: Iterable, config: Config) -> BudgetPool | None:
    if not config.symbolic:
        return None
    from ._budget import BudgetPool

    pool = BudgetPool(symbolic_within, seconds=config.budget, jobs=config.jobs)
    pool.cached = {}
    cache = _cache(config)
    for index, item in enumerate(items):
        if isinstance(item, Verdict):
            continue
        found = cache.get(item) if cache is not None else None
        if found is not None:
            pool.cached[index] = found
        else:
            pool.submit(index, (item, config.budget))
    return pool


def symbolic_within(task):
    """In the worker: a resolved claim's symbolic evidence, each strategy within its share of
    the budget (witnesses/symbolic/_strategies)."""
    from ..kinds._table import symbolic
    from ..witnesses.symbolic import _strategies

    r, _strategies.BUDGET = task
    return symbolic(r)


def _cache(config: Config):
    if config.cache is None:
        return None
    from ._cache import Cache

    return Cache(config.cache)


def _symbolic_evidence(index: int, r: Resolved, pool: BudgetPool | None, config: Config):
    if pool is None:
        return None
    from ..witnesses.symbolic._symbolic import SymbolicEvidence

    if index in pool.cached:
        return pool.cached.pop(index)
    outcome = pool.result(index)
    if outcome.timed_out:
        return SymbolicEvidence("undecided", seconds=outcome.seconds, timed_out=True,
                                detail=f"ran out of its {config.budget:g} s symbolic time budget"
                                       " and was stopped (raise it with --budget)")
    if outcome.crashed:
        return SymbolicEvidence("error", detail=f"SymPy failed: {outcome.crashed}",
                                seconds=outcome.seconds)
    cache = _cache(config)
    if cache is not None:
        cache.put(r, outcome.value)
    return outcome.value


def _check_one(index: int, r: Resolved, pool: BudgetPool | None, config: Config) -> Verdict:
    symbolic = _symbolic_evidence(index, r, pool, config)
    numeric = tool = None
    if config.numeric:
        from ..kinds._table import kind_of, numeric as numeric_witness
        from ..witnesses.numeric._numeric import Settings

        kind = kind_of(r.claim)
        candidates = {"claimed": kind.claimed(r)}
        derived = getattr(symbolic, "derived", None)
        if derived is not None and kind.cross_checks:
            candidates["sympy"] = derived
        found = numeric_witness(r, candidates, Settings(seed=config.seed, points=config.points))
        numeric, tool = found["claimed"], found.get("sympy")
    return judge(r.claim, symbolic, numeric, tool)
