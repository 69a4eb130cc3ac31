"""The numeric witness's error, light so that ``checkers`` exports it without loading JAX."""

from __future__ import annotations

from ...model._errors import DerivcheckError


class UnsupportedExpression(DerivcheckError):
    """A SymPy expression the numeric (JAX) witness cannot evaluate. The numeric witness turns
    it into evidence of an error (the claim is then decided by SymPy alone, if at all)."""

    __module__ = "checkers"

    def __init__(self, problem: str, *, hint: str | None = None, **kwargs) -> None:
        kwargs.setdefault("kind", "unsupported")
        super().__init__(problem, hint=hint or _HINT, **kwargs)


_HINT = ("check the claim with SymPy alone (--symbolic-only, Config(numeric=False)), or write it"
         " with functions the numeric witness"
         " evaluates (checkers/witnesses/numeric/_tojax.py)")
