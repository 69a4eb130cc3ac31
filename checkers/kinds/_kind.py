"""The protocol every claim kind fills in, and the small records it hands to the report.

A kind is one frozen ``Kind``: how its claim resolves, what SymPy derives and how it decides,
what JAX computes as the truth and which side is the claim, how the report shows it and whether
it is drawn. Every field is required: a kind that forgets one fails when its module loads.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Callable

from ..model._claims import Claim


@dataclass(frozen=True)
class Relation:
    """The left side a claimed expression completes, as a LaTeX and a text template that the
    report fills in: ``{f}`` is ``subject`` (the relation is left out when its LaTeX is too
    long), ``{wrt}`` the variables and ``{at}`` the point (empty when there is none)."""

    subject: Any
    tex: str
    text: str
    wrt: tuple[Any, ...] = ()
    at: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class ClaimView:
    """How the report shows what a claim says, beside its claimed expression: the ``relation``
    it completes, a sentence (``text``) when the claim is no expression, and the expansion
    point (``around``: pairs of variable and value) that both sides are also written around."""

    relation: Relation | None = None
    text: str | None = None
    around: tuple[tuple[Any, Any], ...] | None = None


@dataclass(frozen=True)
class Slices:
    """A figure of 1-D slices through ``at``: the function, the true and the claimed
    expression along each variable of ``wrt``, the others held at the point."""

    function: Any
    truth: Any
    claimed: Any
    wrt: tuple[Any, ...]
    at: tuple[Any, ...]


@dataclass(frozen=True, kw_only=True)
class Kind:
    """Everything about one kind of claim. The engine, the witnesses and the report ask this;
    none of them asks for a kind's name."""

    claim: type[Claim]
    """The model's claim class this kind checks."""
    resolve: Callable[[Any, Any], Any]
    """(claim, its names from ``readers._resolve.claim_names``) -> the kind's resolved claim."""
    symbolic: Callable[[Any], Any]
    """resolved -> SymbolicEvidence: what SymPy derives, and the decision."""
    claimed: Callable[[Any], Any]
    """resolved -> the claimed side as an expression (None when the claim is no expression)."""
    cross_checks: bool
    """SymPy's derived form is an expression JAX can evaluate against its own truth."""
    numeric: Callable[[Any, dict, Any], dict]
    """(resolved, candidates by name, numeric Settings) -> NumericEvidence by name."""
    view: Callable[[Any], ClaimView]
    """resolved -> how the report shows the claim beside its claimed expression."""
    truth_in_words: bool
    """The report gives the truth as the witnesses' sentence, not as an expression."""
    true_form: Callable[[Any, Any, bool], tuple[Any, bool]]
    """(resolved, SymPy's derived form, whether it is trusted) -> the true side to show and
    whether it is trusted."""
    slices: Callable[[Any, Any], Slices | None]
    """(resolved, SymPy's derived form) -> the slices to draw, or None: no such figure."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            wanted = bool if f.type == "bool" else (type if f.name == "claim" else None)
            good = isinstance(value, wanted) if wanted else callable(value)
            if not good:
                raise TypeError(f"claim kind {getattr(self.claim, 'kind', self.claim)!r}:"
                                f" {f.name} is {value!r}; give it as Kind's protocol says")

    @property
    def name(self) -> str:
        return self.claim.kind


def as_derived(r, derived, trusted: bool) -> tuple[Any, bool]:
    """The true side is SymPy's derived form as it is."""
    return derived, trusted


def no_slices(r, derived) -> None:
    """This kind is not drawn as slices."""
    return None
