"""The table of claim kinds, keyed by the model's claim class: one line per kind.

Each kind's module is loaded when first asked for, so importing this table loads neither SymPy
nor JAX.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..model import _claims as claims
from ._kind import Kind

TABLE: dict[type[claims.Claim], str] = {
    claims.Gradient: "._gradient",
    claims.Hessian: "._hessian",
    claims.Derivative: "._derivative",
    claims.Taylor: "._taylor",
    claims.Value: "._value",
    claims.CriticalPoints: "._critical_points",
    claims.Extremum: "._extremum",
    claims.Identity: "._identity",
    claims.Approximation: "._approximation",
    claims.Jacobian: "._jacobian",
    claims.JacobianDeterminant: "._jacobian_determinant",
}


def kind_of(claim: claims.Claim | type[claims.Claim]) -> Kind:
    """The kind of a claim (or of a claim class)."""
    cls = claim if isinstance(claim, type) else type(claim)
    module = next((TABLE[c] for c in cls.__mro__ if c in TABLE), None)
    if module is None:
        raise TypeError(f"{cls.__name__} is no kind of claim derivcheck knows; a new kind is a"
                        " module in checkers/kinds/ and one line in checkers/kinds/_table.py")
    return importlib.import_module(module, __package__).KIND


def resolve(claim: claims.Claim, texts: Any = None):
    """Check a claim's declaration and read its expressions; raise DeclarationError if wrong.

    ``texts`` maps document names to their text, for claims that read code cells."""
    from ..readers import _resolve as rs

    if isinstance(claim, claims.Unreadable):
        raise claim.error  # already told about its claim and its place in the file
    kind = kind_of(claim)
    with rs.about(claim):
        return kind.resolve(claim, rs.claim_names(claim, texts))


def symbolic(r):
    """The symbolic witness on a resolved claim (run in a fork-server child, by name)."""
    from ..witnesses.symbolic._symbolic import witness

    return witness(r, kind_of(r.claim).symbolic)


def numeric(r, candidates: dict, settings):
    """The numeric witness on each candidate expression of a resolved claim."""
    from ..witnesses.numeric._numeric import witness

    return witness(r, candidates, settings, kind_of(r.claim).numeric)
