"""Mutants of a claim: for each operator, one single planted error, chosen by the seed among
the places the operator applies to. A mutant is a new claim (``dataclasses.replace``), named
``<claim>~<operator>#<n>`` (the n-th place the operator found), at the claim's own place."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..model._claims import Approximation, Claim, CriticalPoints, Extremum, Identity
from ._operators import OPERATORS, Subject


@dataclass(frozen=True)
class Mutant:
    claim: Claim
    """The mutant itself."""
    original: Claim
    operator: str
    shown: str
    """The mutated expression (or point), for a person."""
    equivalence: tuple | None
    """What tells whether it is equivalent to the original (``_operators.Change``)."""


_FIELD = {Identity: "lhs", Approximation: "rhs"}


def subject(claim: Claim, resolved) -> Subject | None:
    """The claimed side of a resolved claim, or None when it has none to mutate."""
    from ..kinds._table import kind_of

    if isinstance(claim, Extremum):
        return None
    if isinstance(claim, CriticalPoints):
        import sympy as sp

        if not resolved.points:
            return None
        return Subject(resolved, "claimed", sp.ImmutableMatrix(resolved.points), points=True)
    expr = kind_of(claim).claimed(resolved)
    if expr is None:
        return None
    return Subject(resolved, _FIELD.get(type(claim), "claimed"), expr)


def mutants(claim: Claim, *, texts: Mapping[str, str] | None = None,
            operators: Sequence[str] = tuple(OPERATORS), seed: int = 0) -> list[Mutant]:
    """One mutant of ``claim`` per operator that applies (none when it cannot be read)."""
    from ..kinds._table import resolve

    try:
        resolved = resolve(claim, texts)
    except Exception:  # noqa: BLE001 - a claim that cannot be read has no mutants
        return []
    found = subject(claim, resolved)
    if found is None:
        return []
    out = []
    for name in operators:
        mutant = _one(claim, found, name, texts, seed)
        if mutant is not None:
            out.append(mutant)
    return out


def _one(claim: Claim, found: Subject, operator: str, texts, seed: int) -> Mutant | None:
    """The operator's mutant at a place chosen by the seed (the next place when a mutant
    cannot be read as a claim, e.g. a shape that no longer fits)."""
    from ..kinds._table import resolve

    try:
        changes = OPERATORS[operator](found)
    except Exception:  # noqa: BLE001 - SymPy could not build this operator's mutants
        return None
    order = list(range(len(changes)))
    random.Random(f"{seed}:{claim.name}:{operator}").shuffle(order)
    for index in order:
        change = changes[index]
        mutant = dataclasses.replace(claim, name=f"{claim.name}~{operator}#{index + 1}",
                                     **change.fields)
        try:
            resolve(mutant, texts)
        except Exception:  # noqa: BLE001 - not a claim any more: try another place
            continue
        return Mutant(mutant, claim, operator, change.shown, _as_checked(found, change))
    return None


def _as_checked(found: Subject, change) -> tuple | None:
    """What tells equivalence, as the kind checks the claim: a value's claimed side is taken at
    its point (the mutant's point, when the point moved), so two claimed sides that differ
    elsewhere but agree there are the same claim."""
    r = found.resolved
    if r.claim.kind != "value" or change.equivalence is None:
        return change.equivalence
    at = change.fields.get("at", r.at)
    here = dict(zip(r.wrt, at))
    if "at" in change.fields:  # the mutant holds when its claimed side is f at the new point
        from ._truths import truth_at

        return ("identity", found.expr.subs(here), truth_at(r, at))
    tag, new, old = change.equivalence
    return (tag, new.subs(here), old.subs(here))


def operator_names(text: str) -> tuple[str, ...]:
    """The operators a comma-separated list names; ValueError for an unknown one."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in OPERATORS]
    if unknown or not names:
        raise ValueError(f"--operators {text!r}: unknown operator"
                         f" {', '.join(unknown) or '(none given)'}; choose among"
                         f" {', '.join(OPERATORS)}")
    return names


