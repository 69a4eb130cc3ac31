"""A value: ``claimed`` is f at the point ``at`` (in the order of ``wrt``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..algebra import _shapes as alg
from ..model._claims import Value
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedValue(rs.Resolved):
    function: Any
    wrt: tuple[Any, ...]
    at: tuple[Any, ...]
    claimed: Any


def resolve(claim: Value, names) -> ResolvedValue:
    f, wrt = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=True)
    at = rs.point(claim, names, wrt, claim.at)
    claimed = rs.expect_shape(rs.read(claim.claimed, names, "claimed"), None, "the claimed value")
    return ResolvedValue(claim, names, rs.sizes(names), f, wrt, at, claimed)


def symbolic(r: ResolvedValue):
    """Both sides at the point, evaluated (a determinant, trace or sum written out) before
    deciding, as an identity's sides are."""
    here = dict(zip(r.wrt, r.at))  # a claimed value may be written in the point's variables
    return sym.decide(sym.evaluated(r.claimed.subs(here), r),
                      sym.evaluated(alg.as_scalar(r.function).subs(here), r), r)


def numeric(r: ResolvedValue, candidates: dict, settings) -> dict:
    from ..witnesses.numeric import _numeric as num

    return num.compare(r, candidates, settings, truth=num.function_of(r.function),
                       fixed=num.fixed_point(r.wrt, r.at))


def view(r: ResolvedValue) -> ClaimView:
    return ClaimView(Relation(r.function, r"\left({f}\right){at} =", "{f}{at} =", r.wrt, r.at))


KIND = Kind(claim=Value, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
