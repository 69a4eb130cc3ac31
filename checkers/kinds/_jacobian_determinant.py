"""The determinant of a Jacobian: ``claimed`` is det Dφ of a vector-valued function with as
many outputs as inputs (Dφ as the jacobian kind lays it out). SymPy takes the determinant of
its ``jacobian``; JAX the determinant of ``jacrev`` of the function itself."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..model._claims import JacobianDeterminant
from ..model._errors import ShapeError
from ..witnesses.symbolic import _symbolic as sym
from . import _jacobian as jac
from ._gradient import at_point
from ._kind import ClaimView, Kind, Relation, as_derived, no_slices


@dataclass(frozen=True)
class ResolvedJacobianDeterminant(jac.ResolvedJacobian):
    """As a Jacobian; ``claimed`` is the determinant (a scalar)."""


def resolve(claim: JacobianDeterminant, names) -> ResolvedJacobianDeterminant:
    def square(outputs, inputs):
        if outputs != inputs:
            raise ShapeError(f"function: {outputs} outputs in {inputs} inputs; a Jacobian's"
                             " determinant needs as many outputs as inputs",
                             hint='for the matrix itself write kind = "jacobian"')
        return None  # the claimed determinant is a scalar
    return jac.resolve(claim, names, "the claimed determinant", square,
                       ResolvedJacobianDeterminant)


def _det(matrix):
    return sp.ImmutableMatrix(matrix).det()


def symbolic(r: jac.ResolvedJacobian):
    if not jac.in_scalars(r):
        return jac.entrywise(r, r.claimed, lambda f, x: _det(jac.jacobian_of(f, x)),
                             "det of the jacobian", lambda: sp.Determinant(jac.matrix_jacobian(r)))
    derived = at_point(_det(jac.jacobian_of(r.function, r.wrt)), r.wrt, r.at)
    return sym.decide(r.claimed, derived, r)


def numeric(r: jac.ResolvedJacobian, candidates: dict, settings) -> dict:
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    jacobian = jac.jacobian_in_jax(r, "jacrev")
    return num.compare(r, candidates, settings, truth=lambda env: jnp.linalg.det(jacobian(env)),
                       fixed=num.fixed_point(r.wrt, r.at))


def view(r: jac.ResolvedJacobian) -> ClaimView:
    return ClaimView(Relation(r.function, r"\det \mathbf{{J}}_{{{wrt}}} \left({f}\right){at} =",
                              "det of the Jacobian in ({wrt}) of {f}{at} =", r.wrt, r.at))


KIND = Kind(claim=JacobianDeterminant, resolve=resolve, symbolic=symbolic,
            claimed=lambda r: r.claimed, cross_checks=True, numeric=numeric, view=view,
            truth_in_words=False, true_form=as_derived, slices=no_slices)
