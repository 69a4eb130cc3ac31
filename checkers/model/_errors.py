"""The one root exception for a user's mistake, and its kinds.

Every message names the claim and where the text makes it, says what is wrong, and what to do.
"""

from __future__ import annotations

import copy


class DerivcheckError(Exception):
    """Root of every error derivcheck raises for a user's mistake (never for its own bugs).

    Every one is told the same way, from its fields: ``claim`` the claim's name (or None while
    no claim is known), ``where`` its place (in the text, a file, a code cell), ``problem`` what
    is wrong, ``hint`` what to do::

        claim 'name' (where): problem
          what to do: hint

    ``within`` and ``about`` tell the same error about a field or a claim.
    """

    __module__ = "checkers"
    subject: str | None = None
    """What the message is about while no claim is known ("derivation"), or None."""

    def __init__(self, problem: str, *, claim: str | None = None, where: str | None = None,
                 hint: str | None = None, kind: str = "error") -> None:
        self.problem = problem
        self.claim = claim
        self.where = where
        self.hint = hint
        self.kind = kind
        super().__init__(self._render())

    def _render(self) -> str:
        return self._told(self.problem)

    def _told(self, problem: str) -> str:
        """The one format: ``claim 'name' (where): problem`` and the "what to do" line."""
        head = f"claim {self.claim!r}" if self.claim else self.subject
        if self.where:
            head = f"{head} ({self.where})" if head else self.where
        text = f"{head}: {problem}" if head else problem
        if self.hint:
            text += f"\n  what to do: {self.hint}"
        return text

    def within(self, what: str) -> "DerivcheckError":
        """The same error, told about one field of a claim (``claimed: ...``)."""
        told = copy.copy(self)
        told.problem = f"{what}: {self.problem}"
        told.args = (told._render(),)
        return told

    def about(self, claim: str, where: str) -> "DerivcheckError":
        """The same error, told about a named claim and its place in the text (a place it
        already had, such as a code cell's line, stays in front of the problem)."""
        told = copy.copy(self)
        if self.where and self.where != where:
            told.problem = f"{self.where}: {self.problem}"
        told.claim, told.where = claim, where
        told.args = (told._render(),)
        return told

    def __reduce__(self):
        return _rebuilt, (type(self), dict(self.__dict__))


def _rebuilt(cls, state: dict) -> DerivcheckError:
    """An error back from pickle or copy, its message rendered from its fields."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (error._render(),)
    return error


class DeclarationError(DerivcheckError):
    """A derivation is declared wrongly: unknown variable, shapes that do not fit, a point
    outside the domain, an expression that cannot be read."""

    __module__ = "checkers"
    subject = "derivation"

    def __init__(self, problem: str, *, kind: str = "declaration", **kwargs) -> None:
        super().__init__(problem, kind=kind, **kwargs)


class ExpressionError(DeclarationError):
    """An expression string that cannot be read; ``position`` is its character offset."""

    __module__ = "checkers"

    def __init__(self, problem: str, *, text: str = "", position: int | None = None,
                 **kwargs) -> None:
        self.text = text
        self.position = position
        kwargs.setdefault("kind", "syntax")
        super().__init__(problem, **kwargs)


class ShapeError(ExpressionError):
    """Sizes that do not fit: a product of matrices whose inner sizes differ, a sum of
    different shapes, a claimed derivative whose shape is not the variable's."""

    __module__ = "checkers"

    def __init__(self, problem: str, **kwargs) -> None:
        kwargs["kind"] = "shape"
        super().__init__(problem, **kwargs)


class UsageError(DerivcheckError):
    """The command line or an API call was used wrongly."""

    __module__ = "checkers"

    def __init__(self, problem: str, **kwargs) -> None:
        kwargs.setdefault("kind", "usage")
        super().__init__(problem, **kwargs)

