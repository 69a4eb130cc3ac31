"""Read a Markdown chapter (d2l flavour) into blocks: display math, inline math, code cells.

A careful line scanner, not a full Markdown parser. It knows exactly what the d2l chapters use:

* fenced code cells (```` ``` ```` or ``~~~``); nothing inside a fence is scanned for math
  or headings (a ``# comment`` in a cell is not a heading);
* display math ``$$ ... $$`` on one line or spread over several, with an optional
  ``:eqlabel:`name``` on the line right after the closing ``$$``;
* inline math ``$...$`` within one line of prose (code spans ``` `...` ``` are skipped,
  ``\\$`` is a literal dollar, a lone ``$`` with no partner on its line is left alone);
* ATX headings (``#`` to ``######``) give each block its ``section``.

Figures (``![...](...)``), ``:label:``/``:eqlabel:`` lines, ``:begin_tab:`` ... ``:end_tab:``
blocks and HTML comments are not math and are never scanned for it.

Line numbers are 1-based and refer to the file, so every later message can say where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._errors import MarkdownError

__all__ = ["Block", "Heading", "MarkdownError", "read_blocks", "headings"]

DISPLAY_MATH = "display_math"
INLINE_MATH = "inline_math"
CODE = "code"

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<title>.*?))?(?:[ \t]+#+)?[ \t]*$")
_EQLABEL = re.compile(r"^\s*:eqlabel:`(?P<name>[^`]+)`\s*$")
_TAB = re.compile(r"^\s*#@tab\s+(?P<tab>\S.*?)\s*$")
_NOT_PROSE = re.compile(r"^\s*(!\[|:label:|:eqlabel:)")
_BEGIN_TAB = re.compile(r"^\s*:begin_tab:")
_END_TAB = re.compile(r"^\s*:end_tab:")


@dataclass(frozen=True)
class Heading:
    """An ATX heading: ``level`` 1 for ``#``, 2 for ``##``, ...; ``title`` without the hashes."""

    level: int
    title: str
    line: int


@dataclass(frozen=True)
class Block:
    """One piece of the document that may state mathematics.

    ``kind`` is ``"display_math"``, ``"inline_math"`` or ``"code"``. ``start``/``end`` are the
    1-based inclusive lines of the whole block, delimiters included (the ``$$`` lines, the code
    fences); ``text`` is the content without delimiters and ``text_line`` the line on which
    ``text`` begins (pass it as ``first_line`` to the code-cell translator). ``section`` is the
    title of the nearest heading above (of any level). ``label``/``label_line``: the ``:eqlabel:`` right after
    a display block. ``tab``/``info``: for code, the d2l framework tab (``"mxnet"`` when the
    cell has no ``#@tab`` line, else the words after it, e.g. ``"pytorch"`` or ``"all"``; None
    for a fence whose info string does not say ``python``; several tabs are joined by commas)
    and the fence's info string. ``column``: for inline math, the 1-based column of the
    opening ``$``.
    """

    kind: str
    start: int
    end: int
    text: str
    section: str
    text_line: int
    label: str | None = None
    label_line: int | None = None
    tab: str | None = None
    info: str | None = None
    column: int | None = None

    @property
    def tabs(self) -> tuple[str, ...]:
        """The tabs of a code cell as a tuple (``#@tab pytorch, mxnet`` names two)."""
        if self.tab is None:
            return ()
        return tuple(t.strip() for t in self.tab.split(",") if t.strip())


def read_blocks(text: str, name: str = "<document>") -> tuple[Block, ...]:
    """All display-math, inline-math and code blocks of ``text``, in document order.

    ``name`` is only used in error messages. Raises :class:`MarkdownError` for a code fence or a
    ``$$`` that is never closed.
    """
    return _Scanner(text, name).run()[0]


def headings(text: str, name: str = "<document>") -> tuple[Heading, ...]:
    """The headings of ``text`` in order (lines inside code fences are not headings)."""
    return _Scanner(text, name).run()[1]


class _Scanner:
    """One pass over the lines; ``run`` returns (blocks, headings)."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.splitlines()
        self.name = name
        self.section = ""
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []
        self.in_tab_block = False

    def run(self) -> tuple[tuple[Block, ...], tuple[Heading, ...]]:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        return tuple(self.blocks), tuple(self.headings)

    def _step(self, i: int) -> int:
        """Read the construct starting at 0-based line ``i``; return the next line to read."""
        line = self.lines[i]
        if line.lstrip().startswith("<!--"):
            return self._skip_comment(i)
        fence = _FENCE.match(line)
        if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]):
            return self._code(i, fence["fence"], fence["info"].strip())
        if line.lstrip().startswith("$$"):
            return self._display(i)
        heading = _HEADING.match(line)
        if heading:
            self._heading(i, heading)
            return i + 1
        self._prose(i)
        return i + 1

    def _skip_comment(self, i: int) -> int:
        j = i
        while j < len(self.lines) and "-->" not in self.lines[j]:
            j += 1
        return j + 1

    def _heading(self, i: int, match: re.Match[str]) -> None:
        title = (match["title"] or "").strip()
        self.headings.append(Heading(len(match["hashes"]), title, i + 1))
        self.section = title

    def _code(self, i: int, fence: str, info: str) -> int:
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(self.lines) and not closing.match(self.lines[j]):
            j += 1
        if j == len(self.lines):
            raise MarkdownError(
                self.name, i + 1, f"the code fence {fence} opened here is never closed",
                f"add a line with {fence} where the cell ends")
        body = "\n".join(self.lines[i + 1:j])
        self.blocks.append(Block(
            CODE, i + 1, j + 1, body, self.section, text_line=i + 2,
            tab=_code_tab(info, self.lines[i + 1:j]), info=info))
        return j + 1

    def _display(self, i: int) -> int:
        first = self.lines[i].lstrip()[2:]
        if "$$" in first:
            return self._finish_display(i, i, first[: first.index("$$")], i)
        parts = [first]
        j = i + 1
        while j < len(self.lines) and "$$" not in self.lines[j]:
            parts.append(self.lines[j])
            j += 1
        if j == len(self.lines):
            raise MarkdownError(
                self.name, i + 1, "the display math $$ opened here is never closed",
                "add a closing $$ after the formula (on its own line or at the end of its last "
                "line)")
        parts.append(self.lines[j][: self.lines[j].index("$$")])
        return self._finish_display(i, j, "\n".join(parts), i)

    def _finish_display(self, i: int, j: int, content: str, text_line: int) -> int:
        """Store a display block over 0-based lines i..j whose content starts on 0-based line
        ``text_line``; take the ``:eqlabel:`` right after it."""
        label = None
        after = j + 1
        if after < len(self.lines):
            match = _EQLABEL.match(self.lines[after])
            if match:
                label = match["name"]
        self.blocks.append(Block(
            DISPLAY_MATH, i + 1, j + 1, _strip_blank_lines(content), self.section,
            text_line=_first_text_line(content, text_line + 1),
            label=label, label_line=after + 1 if label else None))
        return after + 1 if label else j + 1

    def _prose(self, i: int) -> None:
        line = self.lines[i]
        if _BEGIN_TAB.match(line):
            self.in_tab_block = True
        if self.in_tab_block:
            self.in_tab_block = not _END_TAB.match(line)
            return
        if _NOT_PROSE.match(line):
            return
        for column, kind, text in _inline_math(line, self.name, i + 1):
            self.blocks.append(Block(kind, i + 1, i + 1, text, self.section,
                                     text_line=i + 1, column=column))


def _code_tab(info: str, body: list[str]) -> str | None:
    """d2l's tab of a cell: the words after ``#@tab``, else ``"mxnet"``; None if not Python."""
    if "python" not in info.lower():
        return None
    for line in body:
        match = _TAB.match(line)
        if match:
            return ",".join(t.strip() for t in match["tab"].split(",") if t.strip())
    return "mxnet"


def _strip_blank_lines(content: str) -> str:
    return content.strip("\n").strip()


def _first_text_line(content: str, line: int) -> int:
    """The line of the first non-blank character of ``content`` that starts on ``line``."""
    leading = content[: len(content) - len(content.lstrip())]
    return line + leading.count("\n")


def _inline_math(line: str, name: str, lineno: int) -> list[tuple[int, str, str]]:
    """(column, kind, text) of each ``$...$`` (and same-line ``$$...$$``) in one prose line."""
    found: list[tuple[int, str, str]] = []
    k = 0
    while k < len(line):
        ch = line[k]
        if ch == "\\":
            k += 2
        elif ch == "`":
            k = _skip_code_span(line, k)
        elif line.startswith("$$", k):
            k = _same_line_display(line, k, name, lineno, found)
        elif ch == "$":
            end = _closing_dollar(line, k + 1)
            if end is None:
                k += 1
                continue
            found.append((k + 1, INLINE_MATH, line[k + 1:end].strip()))
            k = end + 1
        else:
            k += 1
    return found


def _same_line_display(line: str, k: int, name: str, lineno: int,
                       found: list[tuple[int, str, str]]) -> int:
    end = line.find("$$", k + 2)
    if end < 0:
        raise MarkdownError(
            name, lineno, "display math $$ opened in the middle of a line is not closed on it",
            "start display math with $$ at the beginning of a line, or close it on the same line")
    found.append((k + 1, DISPLAY_MATH, line[k + 2:end].strip()))
    return end + 2


def _skip_code_span(line: str, k: int) -> int:
    """Index after the code span opening at ``k`` (or after the backticks if it never closes)."""
    run = len(line[k:]) - len(line[k:].lstrip("`"))
    end = line.find("`" * run, k + run)
    return k + run if end < 0 else end + run


def _closing_dollar(line: str, k: int) -> int | None:
    while k < len(line):
        if line[k] == "\\":
            k += 2
            continue
        if line[k] == "$":
            return k
        k += 1
    return None
