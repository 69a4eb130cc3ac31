"""A derivative in denominator layout: ``claimed`` is d f / d ``wrt`` and has the shape of
``wrt`` (a scalar, vector or matrix variable). SymPy's matrix derivative can be silently wrong
(FACTS.md): what it does not prove is decided entry by entry at small concrete sizes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Derivative
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedDerivative(rs.Resolved):
    function: Any
    wrt: Any
    """The one variable (a SymPy symbol or matrix symbol)."""
    claimed: Any


def resolve(claim: Derivative, names) -> ResolvedDerivative:
    f, (v,) = rs.scalar_function(claim, names), rs.wrt(claim, names, scalars=False)
    claimed = rs.expect_shape(rs.read(claim.claimed, names, "claimed"), alg.shape_of(v),
                              f"the claimed derivative (denominator layout: the shape of {v})")
    return ResolvedDerivative(claim, names, rs.sizes(names), f, v, claimed)


def symbolic(r: ResolvedDerivative):
    v = r.wrt
    if isinstance(v, sp.Symbol):
        return sym.decide(r.claimed, sym.scalar_diff(alg.as_scalar(r.function), v), r)
    try:
        general = r.function.diff(v)
    except Exception as exc:  # e.g. TypeError for sqrt(Trace(...)) (FACTS.md)
        general, found = None, sym.SymbolicEvidence(
            "error", detail=f"SymPy's matrix derivative failed ({type(exc).__name__})")
    else:
        if alg.shape_of(general) != alg.shape_of(v) and alg.shape_of(general) is not None:
            general = general.T if alg.shape_of(general.T) == alg.shape_of(v) else general
        found = sym.decide(r.claimed, general, r)
        if found.status == "proved":
            return found
    by_entry = sym.entrywise_derivative(r, r.function, v, r.claimed)
    if by_entry.status == "error":
        return found
    said = f"gave {general}" if general is not None else found.detail.split("(")[-1].rstrip(")")
    note = (f"SymPy's matrix derivative {said}, which does not settle the claim"
            f" ({found.status}); decided entry by entry instead. ")
    return replace(by_entry, derived=general, detail=note + by_entry.detail, entrywise=True)


def numeric(r: ResolvedDerivative, candidates: dict, settings) -> dict:
    import jax

    from ..witnesses.numeric import _numeric as num

    f, v = num.function_of(r.function), r.wrt
    return num.compare(r, candidates, settings,
                       truth=lambda env: jax.grad(lambda val: f({**env, v: val}))(env[v]))


def view(r: ResolvedDerivative) -> ClaimView:
    return ClaimView(Relation(r.function, r"\frac{{\partial}}{{\partial {wrt}}} \left({f}\right) =",
                              "∂/∂{wrt} of {f} =", (r.wrt,)))


KIND = Kind(claim=Derivative, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
