"""An identity: ``lhs = rhs`` for every value of the variables. With named sizes or indices,
what SymPy does not prove in general is decided entry by entry at small concrete sizes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Identity
from ..model._errors import ShapeError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, no_slices


@dataclass(frozen=True)
class ResolvedIdentity(rs.Resolved):
    lhs: Any
    """The claimed side."""
    rhs: Any
    """The side it is claimed equal to, taken as the truth."""


def resolve(claim: Identity, names) -> ResolvedIdentity:
    lhs, rhs = rs.read(claim.lhs, names, "lhs"), rs.read(claim.rhs, names, "rhs")
    lhs, rhs = _up_to_a_constant(lhs, rhs)
    if alg.shape_of(lhs) != alg.shape_of(rhs):
        if alg.is_one_by_one(lhs) or alg.is_one_by_one(rhs):
            lhs, rhs = alg.as_scalar(lhs), alg.as_scalar(rhs)
        if alg.shape_of(lhs) != alg.shape_of(rhs):
            raise ShapeError(f"the two sides differ in shape: lhs is"
                             f" {alg.show_shape(alg.shape_of(lhs))}, rhs is"
                             f" {alg.show_shape(alg.shape_of(rhs))}")
    return ResolvedIdentity(claim, names, rs.sizes(names), lhs, rhs)


def _indefinite(e) -> bool:
    return isinstance(e, sp.Integral) and any(len(lim) == 1 for lim in e.limits)


def _up_to_a_constant(lhs, rhs):
    """``integral(f, x) = F`` (either way round) holds when F is an antiderivative: it is
    checked as d/dx F (the claimed side) = f. An indefinite integral inside an expression has
    no value to compare."""
    for side, other in ((lhs, rhs), (rhs, lhs)):
        if _indefinite(side):
            if len(side.limits) != 1 or _indefinite(other):
                raise ShapeError("an identity with an indefinite integral compares one integral"
                                 " integral(f, x) with an antiderivative F",
                                 hint='write lhs = "integral(f, x)", rhs = "F"')
            (x,) = side.limits[0]
            return sp.Derivative(alg.as_scalar(other), x), side.function
    for side in (lhs, rhs):
        if isinstance(side, sp.Basic) and any(map(_indefinite, side.atoms(sp.Integral))):
            raise ShapeError("an indefinite integral integral(f, x) is checked only as a whole"
                             " side of an identity (up to a constant), not inside an expression",
                             hint="give it bounds, integral(f, y, a, x), or make it one side")
    return lhs, rhs


def _structured(r) -> bool:
    return any(v.domain.structured for v in r.variables)


def symbolic(r: ResolvedIdentity):
    try:
        found = sym.decide(sym.evaluated(r.lhs, r), sym.evaluated(r.rhs, r), r)
    except Exception as exc:  # SymPy cannot do the general form (symbolic sizes, indices)
        if not (r.sizes or r.indices or _structured(r)):
            raise
        found = sym.SymbolicEvidence("undecided", detail=f"SymPy failed on the general form"
                                     f" ({type(exc).__name__})")
    if found.status == "proved" or not (r.sizes or r.indices or _structured(r)):
        return found
    return sym.concrete(r, r.lhs, r.rhs, found)


def numeric(r: ResolvedIdentity, candidates: dict, settings) -> dict:
    from ..witnesses.numeric import _numeric as num

    return num.compare(r, candidates, settings, truth=lambda env: num.evaluate(r.rhs, env))


def true_form(r: ResolvedIdentity, derived, trusted: bool) -> tuple[Any, bool]:
    """SymPy's form when it is trusted, else the right side itself."""
    return (derived, trusted) if trusted else (r.rhs, True)


KIND = Kind(claim=Identity, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.lhs,
            cross_checks=False, numeric=numeric, view=lambda r: ClaimView(),
            truth_in_words=False, true_form=true_form, slices=no_slices)
