"""An approximation: ``lhs ≈ rhs`` to ``order`` in the ``small`` quantities, that is lhs − rhs
vanishes faster than |small|^order (every other variable held exact). Both witnesses compare
the terms of each order: the partial derivatives in the small quantities at small = 0."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..algebra import _shapes as alg
from ..model._claims import Approximation
from ..model._errors import DeclarationError
from ..readers import _resolve as rs
from ..witnesses.symbolic import _symbolic as sym
from ._kind import ClaimView, Kind, Relation, no_slices


@dataclass(frozen=True)
class ResolvedApproximation(rs.Resolved):
    lhs: Any
    """The exact side, taken as the truth."""
    rhs: Any
    """The claimed approximation."""
    small: tuple[Any, ...]


def resolve(claim: Approximation, names) -> ResolvedApproximation:
    lhs, rhs = rs.read(claim.lhs, names, "lhs"), rs.read(claim.rhs, names, "rhs")
    lhs = rs.expect_shape(lhs, None, "lhs")
    rhs = rs.expect_shape(rhs, None, "rhs")
    small = rs.variables_named(claim.small, names, scalars=True, what="small")
    if claim.order < 0:
        raise DeclarationError(f"order {claim.order} must be 0 or more")
    return ResolvedApproximation(claim, names, rs.sizes(names), lhs, rhs, small)


def orders(r: ResolvedApproximation) -> list[tuple[Any, ...]]:
    """The partial derivatives compared, as tuples of small quantities: () is the value."""
    return [a for k in range(r.claim.order + 1)
            for a in itertools.combinations_with_replacement(r.small, k)]


def symbolic(r: ResolvedApproximation):
    zero = {s: 0 for s in r.small}
    terms = orders(r)

    def coefficients(e):
        e = alg.as_scalar(e)
        return sp.ImmutableMatrix([(sp.diff(e, *a) if a else e).subs(zero).doit()
                                   for a in terms])
    found = sym.decide(coefficients(r.rhs), coefficients(r.lhs), r)
    if found.status == "refuted":
        names = ["1" if not a else "·".join(f"d{s}" for s in a) for a in terms]
        found = replace(found, detail=f"the terms of order 0..{r.claim.order} in"
                        f" ({', '.join(map(str, r.small))}) differ; the difference is listed"
                        f" by derivative: {', '.join(names)}")
    return found


def numeric(r: ResolvedApproximation, candidates: dict, settings) -> dict:
    import jax
    import jax.numpy as jnp

    from ..witnesses.numeric import _numeric as num

    def terms(e, env):
        """d^j/dt^j e(small -> t*small) at t = 0, for j = 0..order: the terms of each order."""
        def along(t):
            return jnp.squeeze(num.evaluate(e, {**env, **{s: t * env[s] for s in r.small}}))
        out, fn = [along(0.0)], along
        for _ in range(r.claim.order):
            fn = jax.grad(fn)
            out.append(fn(0.0))
        return jnp.stack(out)
    # the terms are taken at small = 0, where a side may be 0/0 (a removable singularity JAX
    # cannot take the limit of): such points are dropped, not counted as failures
    return num.compare(r, candidates, settings, truth=lambda env: terms(r.lhs, env),
                       shaped=terms, nonfinite_fails=False)


def true_form(r: ResolvedApproximation, derived, trusted: bool) -> tuple[Any, bool]:
    """The lhs to its order in the small quantities, from SymPy's coefficients (the
    derivatives at small = 0, in the order of ``orders``)."""
    if not trusted:
        return None, trusted
    terms = orders(r)
    if not isinstance(derived, sp.MatrixBase) or len(derived) != len(terms):
        return None, trusted
    total = sp.Integer(0)
    for coefficient, term in zip(derived, terms):
        for s, power in Counter(term).items():
            coefficient = coefficient * s ** power / math.factorial(power)
        total += coefficient
    return total, trusted


def view(r: ResolvedApproximation) -> ClaimView:
    return ClaimView(Relation(r.lhs, r"{f} \approx", "{f} ≈"))


KIND = Kind(claim=Approximation, resolve=resolve, symbolic=symbolic, claimed=lambda r: r.rhs,
            cross_checks=False, numeric=numeric, view=view, truth_in_words=False,
            true_form=true_form, slices=no_slices)
