"""A derivative in denominator layout: ``claimed`` is d f / d ``wrt`` and has the shape of
``wrt`` (a scalar, vector or matrix variable). SymPy's matrix derivative can be silently wrong
(FACTS.md): what it does not prove is decided entry by entry at small concrete sizes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import REAL, Derivative
from ..model._errors import DeclarationError
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
    if claim.convention == "symmetric" and _domain(claim, v).kind not in ("symmetric", "posdef"):
        raise DeclarationError(f'convention = "symmetric" is of a derivative with respect to a'
                               f" symmetric matrix, and {v} is not declared one",
                               hint=f'declare {v} = "matrix n n symmetric", or leave out'
                                    " convention")
    return ResolvedDerivative(claim, names, rs.sizes(names), f, v, claimed)


def _domain(claim, v):
    return next((var.domain for var in claim.variables if var.name == str(v)), REAL)


def symmetric_convention(r) -> bool:
    """The claim is the derivative within symmetric matrices, G + Gᵀ − diag(G)."""
    return r.claim.convention == "symmetric"


def symbolic(r: ResolvedDerivative):
    v = r.wrt
    if isinstance(v, sp.Symbol):
        return sym.decide(r.claimed, sym.scalar_diff(alg.as_scalar(r.function), v), r)
    if symmetric_convention(r):  # SymPy's matrix derivative is G: decide entry by entry
        return sym.entrywise_derivative(r, r.function, v, r.claimed)
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
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    f, v = num.function_of(r.function), r.wrt
    symmetric = symmetric_convention(r)

    def truth(env):
        g = jax.grad(lambda val: f({**env, v: val}))(env[v])
        return g + g.T - jnp.diag(jnp.diag(g)) if symmetric else g
    return num.compare(r, candidates, settings, truth=truth)


_PARTIAL = r"\frac{{\partial}}{{\partial {wrt}}}"


def view(r: ResolvedDerivative) -> ClaimView:
    """The relation; a derivative with respect to a symmetric matrix names its convention."""
    if symmetric_convention(r):
        return ClaimView(Relation(r.function, _PARTIAL + r"\Big|_{{\mathrm{{sym}}}}"
                                  r" \left({f}\right) =", "∂/∂{wrt} (within symmetric matrices:"
                                  " G + Gᵀ − diag G) of {f} =", (r.wrt,)))
    if _domain(r.claim, r.wrt).kind in ("symmetric", "posdef"):
        return ClaimView(Relation(r.function, _PARTIAL + r" \left({f}\right) =",
                                  "∂/∂{wrt} (the unconstrained gradient G, at symmetric {wrt})"
                                  " of {f} =", (r.wrt,)))
    return ClaimView(Relation(r.function, _PARTIAL + r" \left({f}\right) =",
                              "∂/∂{wrt} of {f} =", (r.wrt,)))


KIND = Kind(claim=Derivative, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.claimed,
            cross_checks=True, numeric=numeric, view=view, truth_in_words=False,
            true_form=as_derived, slices=no_slices)
