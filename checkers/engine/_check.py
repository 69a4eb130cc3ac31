"""Checking claims: resolve, run both witnesses (SymPy under a hard budget, in parallel with
JAX), cross-check SymPy's truth against JAX, and judge."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

from typing import TYPE_CHECKING

from ..model._errors import DeclarationError
from ._judge import error_verdict, judge
from ..model._claims import Claim, Source, Unreadable
from ..model._reasons import Reason
from ..model._verdict import Verdict

if TYPE_CHECKING:
    from ._budget import BudgetPool
    from ..readers._anchors import Edition
    from ..readers._resolve import Resolved


@dataclass(frozen=True, kw_only=True)
class Config:
    """How to check. ``budget`` is the symbolic time limit per claim in CPU seconds (a busy
    machine does not shorten it: engine/_budget); ``cache`` a
    folder of symbolic results by claim content (engine/_cache), or None for none."""

    seed: int = 0
    points: int = 64
    budget: float = 30.0
    symbolic: bool = True
    numeric: bool = True
    jobs: int = 2
    cache: str | None = None


def check(claim: Claim, config: Config = Config(), *,
          texts: Mapping[str, str] | None = None, editions: Sequence[Edition] = ()) -> Verdict:
    """The verdict on one claim."""
    return check_all([claim], config, texts=texts, editions=editions)[0]


def check_all(claims: Sequence[Claim], config: Config = Config(),
              progress: Callable[[Verdict], None] | None = None, *,
              texts: Mapping[str, str] | None = None,
              editions: Sequence[Edition] = ()) -> list[Verdict]:
    """Verdicts in the order of ``claims``; a bad claim gets an error verdict, the rest go on.

    ``texts`` maps document names to their text; the command line passes the documents the
    derivation files name (or the bundled chapter). Given ``texts``, a claim's place is checked
    first (its lines inside its document, its quote at or near them): a claim whose place is not
    found, or whose document with a quote to check is missing, gets the error verdict
    ``anchor-not-found``. Without ``texts`` no place is checked (and no ``CellValue`` or ``Tex``
    can be read). ``editions`` gives other editions of documents: each claim on one is found
    again there (:mod:`checkers.readers._anchors`) and checked at its new lines."""
    placed = [_placed(c, texts, editions) for c in claims]
    texts = _with_editions(texts, editions)
    resolved: list = [p if isinstance(p, Verdict) else _resolve(p[0], texts, config)
                      for p in placed]
    pool = _start_symbolic(resolved, config)
    if config.numeric and config.cache is not None and not all(
            isinstance(item, Verdict) for item in resolved):
        from ..witnesses.numeric._numeric import compile_into

        compile_into(os.path.join(config.cache, "jax"))  # once: JAX reads it at its first compile
    verdicts = []
    try:
        for index, item in enumerate(resolved):
            verdict = item if isinstance(item, Verdict) else _check_one(index, item, pool,
                                                                          config)
            moved = placed[index]
            if isinstance(moved, tuple) and moved[1] is not None:
                verdict = replace(verdict, moved_from=moved[1])
            verdicts.append(verdict)
            if progress is not None:
                progress(verdict)
    finally:
        if pool is not None:
            pool.close()
    return verdicts


def _placed(claim: Claim, texts, editions) -> tuple[Claim, Source | None] | Verdict:
    """The claim at its place (found again in an edition, with where it was declared), or the
    error verdict that says its place is not found."""
    if texts is None:
        return claim, None
    from ..readers._anchors import Lost, relocate, verify

    document = claim.source.document
    edition = next((e for e in editions if e.replaces == document), None)
    if document not in texts:
        if not claim.source.quote or isinstance(claim, Unreadable):
            return claim, None
        return _lost(claim, Lost(f"its document {document} is not given, so its quote cannot be"
                                 " checked", hint=f"put {document} next to the derivation file,"
                                                  " or name it with document ="))
    if isinstance(claim, Unreadable):
        return claim, None
    if edition is None:
        lost = verify(claim.source, texts[document])
        return (claim, None) if lost is None else _lost(claim, lost)
    found = relocate(claim, texts[document], edition)
    if isinstance(found, Lost):
        return _lost(claim, found)
    return found, (claim.source if found.source.lines != claim.source.lines else None)


def _lost(claim: Claim, lost) -> Verdict:
    from ..model._errors import DeclarationError

    message = str(DeclarationError(lost.message, claim=claim.name, hint=lost.hint,
                                   where=f"{claim.where()}, {claim.source.document}"))
    return Verdict(claim, "error", Reason.ANCHOR_NOT_FOUND, message.splitlines()[0],
                   error=message)


def _with_editions(texts, editions):
    if texts is None or not editions:
        return texts
    return {**texts, **{e.name: e.text for e in editions}}


OUTER_FLOOR = 60.0
"""Reading a claim and its numeric check may take at least this long (seconds), whatever the
symbolic ``budget``: they include loading SymPy, the parsers and JAX, and compiling, which a
small symbolic budget must not turn into "out of time"; the limit is there to stop a hang."""


def _outer(config: Config) -> float:
    return max(config.budget, OUTER_FLOOR)


def _resolve(claim: Claim, texts, config: Config):
    from ..kinds._table import resolve
    from ._budget import OutOfTime, time_limit

    try:
        with time_limit(_outer(config), "reading and resolving its expressions"):
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
    _strategies.STOPPED.clear()
    evidence = symbolic(r)
    if evidence.status == "undecided" and _strategies.STOPPED and not evidence.timed_out:
        return replace(evidence, timed_out=True, detail=_ran_out(
            _strategies.BUDGET, f"; {', '.join(dict.fromkeys(_strategies.STOPPED))} stopped at"
                                " its share"))
    return evidence


def _ran_out(budget: float, how: str = " and was stopped") -> str:
    return (f"ran out of its {budget:g} s symbolic time budget (CPU time){how} (raise it"
            " with --budget)")


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
                                detail=_ran_out(config.budget))
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
        from ._budget import OutOfTime, time_limit

        try:
            with time_limit(_outer(config), "checking it numerically"):
                found = numeric_witness(r, candidates, _settings(r.claim, config, Settings))
        except OutOfTime as err:
            return _out_of_time(r.claim, err)
        numeric, tool = found["claimed"], found.get("sympy")
    return with_tolerance(judge(r.claim, symbolic, numeric, tool))


def _settings(claim: Claim, config: Config, settings: type):
    """The numeric witness's settings: the run's seed and points, the claim's own tolerance."""
    made = settings(seed=config.seed, points=config.points)
    tol = claim.tolerance
    if tol is None:
        return made
    return replace(made, rtol=made.rtol if tol.rtol is None else float(tol.rtol),
                   atol=made.atol if tol.atol is None else float(tol.atol))


def with_tolerance(verdict: Verdict) -> Verdict:
    """A verdict on a claim with its own numeric tolerance says so, with the reason."""
    tol = verdict.claim.tolerance
    if tol is None or verdict.numeric is None:
        return verdict
    return replace(verdict, summary=f"{verdict.summary} [numeric tolerance set by the claim:"
                                    f" {tol.describe()}]")
