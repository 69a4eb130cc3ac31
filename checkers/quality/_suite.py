"""The mutation suite: the verified claims' mutants, checked by each witness alone and by the
full verdict; a mutant a witness does not catch is shown equivalent (or not) by an independent
check, and counted as equivalent only when SymPy proves the identity exactly AND JAX agrees."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence

from ..engine._check import Config, check_all
from ..engine._judge import judge
from ..model._claims import Claim, Identity
from ..model._verdict import Verdict
from ._mutants import Mutant, mutants
from ._operators import OPERATORS

WITNESSES = ("verdict", "symbolic", "numeric")
"""The columns: the verdict of both witnesses, and each witness alone."""


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    caught: dict[str, bool]
    """By witness (those that ran): whether it caught the mutant."""
    equivalent: bool
    verdicts: dict[str, Verdict]

    def missed_by(self) -> tuple[str, ...]:
        if self.equivalent:
            return ()
        return tuple(w for w, caught in self.caught.items() if not caught)


@dataclass(frozen=True)
class Suite:
    originals: tuple[Verdict, ...]
    """The verdicts on the claims given (their verified ones were mutated)."""
    outcomes: tuple[Outcome, ...]
    witnesses: tuple[str, ...]
    mutated: int = 0
    """How many of the claims were verified, and so mutated."""

    def counts(self, operator: str, witness: str) -> dict[str, int]:
        """made, caught, equivalent and missed of one operator (or "all") by one witness."""
        mine = [o for o in self.outcomes if operator in ("all", o.mutant.operator)]
        equivalent = sum(o.equivalent for o in mine)
        caught = sum(o.caught[witness] for o in mine if not o.equivalent)
        return {"made": len(mine), "caught": caught, "equivalent": equivalent,
                "missed": len(mine) - caught - equivalent}

    @property
    def missed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.missed_by())


def holds(verdict: Verdict, config: Config) -> bool:
    """Whether a claim is verified as far as the witnesses that run can say (with JAX alone:
    it agrees)."""
    if verdict.claim.rejected_by_text:
        return False
    if config.symbolic:
        return verdict.status == "verified"
    return verdict.numeric is not None and verdict.numeric.status == "agrees"


def run(claims: Sequence[Claim], config: Config, *, texts: Mapping[str, str] | None = None,
        operators: Sequence[str] = tuple(OPERATORS),
        progress: Callable[[str], None] | None = None) -> Suite:
    """Check ``claims``, mutate the verified ones, and check every mutant."""
    say = progress or (lambda _: None)
    originals = check_all(claims, config, texts=texts)
    verified = [v.claim for v in originals if holds(v, config)]
    made = [m for c in verified
            for m in mutants(c, texts=texts, operators=operators, seed=config.seed)]
    say(f"{len(verified)} verified claims, {len(made)} mutants")
    alone = replace(config, cache=None)
    by = {}
    for witness, only in (("symbolic", {"numeric": False}), ("numeric", {"symbolic": False})):
        if getattr(config, witness):
            by[witness] = check_all([m.claim for m in made], replace(alone, **only),
                                    texts=texts, progress=_counter(witness, len(made), say))
    outcomes = [_outcome(m, {w: v[i] for w, v in by.items()}) for i, m in enumerate(made)]
    outcomes = _with_equivalence(outcomes, alone, say)
    witnesses = tuple(w for w in WITNESSES if w == "verdict" or w in by)
    return Suite(tuple(originals), tuple(outcomes), witnesses, len(verified))


def _counter(witness: str, total: int, say) -> Callable[[Verdict], None]:
    """Says every 50 mutants how many the witness has checked."""
    done = [0]

    def count(_: Verdict) -> None:
        done[0] += 1
        if done[0] % 50 == 0 or done[0] == total:
            say(f"{witness}: {done[0]} of {total} mutants checked")
    return count


def _outcome(m: Mutant, verdicts: dict[str, Verdict]) -> Outcome:
    s, n = verdicts.get("symbolic"), verdicts.get("numeric")
    full = judge(m.claim, s.symbolic if s else None, n.numeric if n else None)
    if s is None or n is None:  # one witness: its verdict is the verdict
        full = s or n
    caught = {"verdict": full.status == "discrepancy"}
    if s is not None:
        caught["symbolic"] = s.symbolic is not None and s.symbolic.status == "refuted"
    if n is not None:
        caught["numeric"] = n.numeric is not None and n.numeric.status == "disagrees"
    return Outcome(m, caught, False, {"verdict": full, **verdicts})


def _with_equivalence(outcomes: list[Outcome], config: Config, say) -> list[Outcome]:
    """Each mutant some witness did not catch, checked for equivalence to its original."""
    doubtful = [i for i, o in enumerate(outcomes) if not all(o.caught.values())]
    if doubtful:
        say(f"checking {len(doubtful)} uncaught mutants for equivalence")
    exprs = [(i, outcomes[i].mutant) for i in doubtful
             if outcomes[i].mutant.equivalence and outcomes[i].mutant.equivalence[0] == "identity"]
    checks = check_all([_identity(m) for _, m in exprs], replace(config, symbolic=True,
                                                                 numeric=True))
    equal = {i for (i, _), v in zip(exprs, checks) if _proved_and_agrees(v)}
    equal |= {i for i in doubtful if outcomes[i].mutant.equivalence
              and outcomes[i].mutant.equivalence[0] == "points"
              and same_points(*outcomes[i].mutant.equivalence[1:])}
    return [replace(o, equivalent=True) if i in equal else o for i, o in enumerate(outcomes)]


def _identity(m: Mutant) -> Identity:
    _, new, old = m.equivalence
    c = m.original
    variables = c.variables
    return Identity(name=f"{m.claim.name}~equivalence", source=c.source, variables=variables,
                    lhs=new, rhs=old)


def _proved_and_agrees(v: Verdict) -> bool:
    return (v.status == "verified" and v.symbolic is not None and v.symbolic.status == "proved"
            and v.numeric is not None and v.numeric.status == "agrees")


def same_points(new, old) -> bool:
    """Two matrices of points (one a row) hold the same points: every row of each is, exactly
    (SymPy simplifies the difference to 0) and numerically, a row of the other."""
    import sympy as sp

    def equal(a, b) -> bool:
        exact = all(sp.simplify(x - y) == 0 for x, y in zip(a, b))
        close = all(abs(complex(sp.N(x - y))) < 1e-12 for x, y in zip(a, b))
        return exact and close

    rows = lambda m: [tuple(m.row(i)) for i in range(m.rows)]  # noqa: E731
    return all(any(equal(a, b) for b in rows(old)) for a in rows(new)) and \
        all(any(equal(a, b) for b in rows(new)) for a in rows(old))
