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
    """How to check. ``budget`` is the symbolic time limit per claim in seconds."""

    seed: int = 0
    points: int = 64
    budget: float = 30.0
    symbolic: bool = True
    numeric: bool = True
    jobs: int = 2


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
    resolved: list = [_resolve(c, texts, config) for c in claims]
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


def _resolve(claim: Claim, texts, config: Config):
    from ..kinds._table import resolve
    from ._budget import OutOfTime, time_limit

    try:
        with time_limit(config.budget, "reading and resolving its expressions"):
            return resolve(claim, texts)
    except DeclarationError as err:
        return error_verdict(claim, str(err))
    except OutOfTime as err:
        return _out_of_time(claim, err)


def _out_of_time(claim: Claim, err: BaseException) -> Verdict:
    """The error verdict of a claim whose reading or numeric check overran its budget."""
    import dataclasses

    from ..model._reasons import Reason

    verdict = error_verdict(claim, f"claim {claim.name!r}: {err}\n  what to do: raise it"
                                   " with --budget, or split the claim into smaller steps")
    if verdict.reason != Reason.DECLARATION_ERROR:
        return verdict  # the text rejects the claim: that verdict stands
    return dataclasses.replace(verdict, reason=Reason.OUT_OF_TIME)


def _start_symbolic(items: Iterable, config: Config) -> BudgetPool | None:
    if not config.symbolic:
        return None
    from ..kinds._table import symbolic
    from ._budget import BudgetPool

    pool = BudgetPool(symbolic, seconds=config.budget, jobs=config.jobs)
    for index, item in enumerate(items):
        if not isinstance(item, Verdict):
            pool.submit(index, item)
    return pool


def _symbolic_evidence(index: int, pool: BudgetPool | None, config: Config):
    if pool is None:
        return None
    from ..witnesses.symbolic._symbolic import SymbolicEvidence

    outcome = pool.result(index)
    if outcome.timed_out:
        return SymbolicEvidence("undecided", seconds=outcome.seconds, timed_out=True,
                                detail=f"ran out of its {config.budget:g} s symbolic time budget"
                                       " and was stopped (raise it with --budget)")
    if outcome.crashed:
        return SymbolicEvidence("error", detail=f"SymPy failed: {outcome.crashed}",
                                seconds=outcome.seconds)
    return outcome.value


def _check_one(index: int, r: Resolved, pool: BudgetPool | None, config: Config) -> Verdict:
    symbolic = _symbolic_evidence(index, pool, config)
    numeric = tool = None
    if config.numeric:
        from ..kinds._table import kind_of, numeric as numeric_witness
        from ..witnesses.numeric._numeric import Settings

        kind = kind_of(r.claim)
        candidates = {"claimed": kind.claimed(r)}
        derived = getattr(symbolic, "derived", None)
        if derived is not None and kind.cross_checks:
            candidates["sympy"] = derived
        from ._budget import OutOfTime, time_limit

        try:
            with time_limit(config.budget, "checking it numerically"):
                found = numeric_witness(r, candidates, Settings(seed=config.seed,
                                                                points=config.points))
        except OutOfTime as err:
            return _out_of_time(r.claim, err)
        numeric, tool = found["claimed"], found.get("sympy")
    return judge(r.claim, symbolic, numeric, tool)
