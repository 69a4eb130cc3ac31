"""The errors of the readers of a text: a document that cannot be split into blocks, a code
cell that cannot be translated. Both are told the root's one way (``DerivcheckError``), with the
place in the document (``where``) and what to do (``hint``); ``about(claim, where)`` names the
claim that needed them. Light on purpose: ``checkers`` exports them without loading SymPy.
"""

from __future__ import annotations

from ..model._errors import DerivcheckError


class MarkdownError(DerivcheckError):
    """The document cannot be split into blocks (an unclosed fence or ``$$``).

    ``document`` is the document's name, ``line`` the 1-based line where the problem starts.
    """

    __module__ = "checkers"

    def __init__(self, document: str, line: int, problem: str, hint: str) -> None:
        self.document = document
        self.line = line
        super().__init__(problem, where=f"{document} line {line}", hint=hint, kind="markdown")


class CodeCellError(DerivcheckError):
    """A code cell that cannot be translated. ``line`` is the chapter line, ``tab`` the cell's
    framework tab, ``fragment`` the offending source fragment."""

    __module__ = "checkers"

    def __init__(self, line: int, tab: str, fragment: str, problem: str, hint: str) -> None:
        self.line = line
        self.tab = tab
        self.fragment = fragment
        super().__init__(problem, where=f"line {line} ({tab} tab)", hint=hint, kind="code cell")
