"""The LaTeX reader's error: the fragment at fault, its offset, what is wrong, what to do."""

from __future__ import annotations

from ...model._errors import ExpressionError, ShapeError


class LatexError(ExpressionError):
    """A LaTeX text that cannot be read, or reads two ways.

    ``fragment`` is the piece of text at fault, ``position`` its character offset in ``text``
    (the whole input), ``problem`` what is wrong, ``hint`` what to do, ``kind`` one of
    ``"syntax"``, ``"unknown command"``, ``"ambiguous"``, ``"shape"``, ``"unsupported"``.
    An :class:`ExpressionError`, so ``about(claim, where)`` tells it about a claim.
    """

    __module__ = "checkers"

    def __init__(self, problem: str, *, fragment: str = "", position: int = 0, text: str = "",
                 hint: str | None = None, kind: str = "syntax", **kwargs) -> None:
        self.fragment = fragment
        super().__init__(problem, text=text, position=position, hint=hint or None, kind=kind,
                         **kwargs)

    def __reduce__(self):
        return _rebuilt, (type(self), dict(self.__dict__))

    def _render(self) -> str:
        """The one format of every derivcheck error (``DerivcheckError._render``), its problem
        being the fragment at fault, where it stands, and what is wrong with it."""
        return self._told(f"cannot read '{self.fragment}' at position {self.position} in "
                          f"'{_excerpt(self.text, self.position)}': {self.problem}")


def _rebuilt(cls, state: dict) -> LatexError:
    """A LatexError back from pickle or copy, its message rendered from its fields."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (error._render(),)
    return error


class LatexShapeError(LatexError, ShapeError):
    """Sizes that do not fit in a LaTeX text (a :class:`LatexError` and a :class:`ShapeError`)."""

    __module__ = "checkers"


def _excerpt(text: str, position: int, width: int = 60) -> str:
    if len(text) <= 2 * width:
        return text
    start, end = max(0, position - width), min(len(text), position + width)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


def error(problem, tex, position, fragment, hint="", kind="syntax") -> LatexError:
    """A :class:`LatexError` (a :class:`LatexShapeError` for ``kind="shape"``)."""
    cls = LatexShapeError if kind == "shape" else LatexError
    return cls(problem, fragment=fragment, position=position, text=tex, hint=hint, kind=kind)


def show_shape(shape) -> str:
    """A shape in a LaTeX message: the one ``show_shape`` (``n×m``)."""
    from ...algebra._shapes import show_shape as show  # SymPy: only when a message needs it

    return show(shape)
