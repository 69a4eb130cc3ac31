"""Read a Markdown chapter (d2l flavour) into blocks: display math, inline math, code cells.

The block structure is CommonMark's, read with markdown-it-py: ATX and setext headings, fenced
code cells (```` ``` ```` or ``~~~``), indented code blocks, block quotes, lists, HTML blocks.
Display math ``$$ ... $$`` is mdit-py-plugins' dollarmath block rule, registered so that it
may interrupt a paragraph (the book writes ``$$`` right under a line of prose) and span blank
lines. The book's own conventions are a layer on top:

* a code cell's tab is the words after its ``#@tab`` line (``"mxnet"`` without one);
* an ``:eqlabel:`name``` on the line right after the closing ``$$`` labels the display;
* inline math ``$...$`` within one line of prose (code spans ``` `...` ``` are skipped,
  ``\\$`` is a literal dollar, a lone ``$`` with no partner on its line is left alone);
  ``$$...$$`` within a line of prose is display math;
* figures (``![...](...)``), ``:label:``/``:eqlabel:`` lines, ``:begin_tab:`` ... ``:end_tab:``
  prose and HTML comments are not math and are never scanned for it; nor are indented code
  blocks (``$5 and $6`` there is code) or code cells.

Display math and prose inside a block quote (``> $$``) are read like any other. Line numbers
are 1-based and refer to the file, so every later message can say where.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ._errors import MarkdownError

__all__ = ["Block", "Heading", "MarkdownError", "read_blocks", "headings"]

DISPLAY_MATH = "display_math"
INLINE_MATH = "inline_math"
CODE = "code"

_EQLABEL = re.compile(r"^\s*:eqlabel:`(?P<name>[^`]+)`\s*$")
_TAB = re.compile(r"^\s*#@tab\s+(?P<tab>\S.*?)\s*$")
_NOT_PROSE = re.compile(r"^\s*(!\[|:label:|:eqlabel:)")
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
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
    """The headings of ``text`` in order, ATX and setext (lines inside code are not headings)."""
    return _Scanner(text, name).run()[1]


@functools.cache
def _parser():
    """CommonMark with the dollarmath display rule able to interrupt a paragraph (one parser:
    markdown-it keeps no state between documents)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath.index import math_block_dollar

    md = MarkdownIt("commonmark")
    rule = math_block_dollar(allow_labels=False, allow_blank_lines=True)

    def display(state, start: int, end: int, silent: bool) -> bool:
        """The plugin's rule, which pushes its token even when only asked whether a display
        starts here (``silent``, as a paragraph asks before each line): undone then."""
        if not silent:
            return rule(state, start, end, False)
        tokens, line = len(state.tokens), state.line
        found = rule(state, start, end, False)
        del state.tokens[tokens:]
        state.line = line
        return found

    md.block.ruler.before("fence", "math_block", display,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.disable("inline")  # inline math is the book's layer (_inline_math), by line and column
    return md


class _Scanner:
    """One pass over markdown-it's block tokens; ``run`` returns (blocks, headings)."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.splitlines()
        self.name = name
        self.section = ""
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []
        self.in_tab_block = False
        self.labels: set[int] = set()  # 0-based lines of :eqlabel: taken by a display

    def run(self) -> tuple[tuple[Block, ...], tuple[Heading, ...]]:
        tokens = _parser().parse("\n".join(self.lines) + "\n")
        quoted = 0
        for k, token in enumerate(tokens):
            if token.type == "blockquote_open":
                quoted += 1
            elif token.type == "blockquote_close":
                quoted -= 1
            elif token.type == "heading_open":
                self._heading(token, tokens[k + 1])
            elif token.type == "fence":
                self._code(token, quoted)
            elif token.type == "math_block":
                self._display(token, quoted)
            elif token.type == "paragraph_open" or (
                    token.type == "html_block" and not token.content.lstrip().startswith("<!--")):
                for i in range(*token.map):
                    self._prose(i)
        return tuple(self.blocks), tuple(self.headings)

    def _heading(self, token, inline) -> None:
        title = inline.content.strip()
        self.headings.append(Heading(int(token.tag[1]), title, token.map[0] + 1))
        self.section = title

    def _code(self, token, quoted: int) -> None:
        i, stop = token.map
        fence = token.markup
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        last = _unquoted(self.lines[stop - 1]) if quoted else self.lines[stop - 1].lstrip()
        if stop - 1 == i or not closing.match(last):
            raise MarkdownError(
                self.name, i + 1, f"the code fence {fence} opened here is never closed",
                f"add a line with {fence} where the cell ends")
        lines = [_unquoted(line) if quoted else line for line in self.lines[i + 1:stop - 1]]
        info = token.info.strip()
        self.blocks.append(Block(
            CODE, i + 1, stop, "\n".join(lines), self.section, text_line=i + 2,
            tab=_code_tab(info, lines), info=info))

    def _display(self, token, quoted: int) -> None:
        """A display over the token's lines; in a block quote, its lines without the ``>``
        markers. The text is what stands between the ``$$``; ``text_line`` its first line."""
        i, stop = token.map
        j = stop - 1
        lines = [_unquoted(line) if quoted else line for line in self.lines[i:stop]]
        first = lines[0].lstrip()[2:]
        if i == j:
            content = first[: first.index("$$")]
        else:
            content = "\n".join([first, *lines[1:-1], lines[-1][: lines[-1].rindex("$$")]])
        label = None
        after = j + 1
        if after < len(self.lines):
            match = _EQLABEL.match(_unquoted(self.lines[after]) if quoted else
                                   self.lines[after])
            if match:
                label = match["name"]
                self.labels.add(after)
        self.blocks.append(Block(
            DISPLAY_MATH, i + 1, j + 1, _strip_blank_lines(content), self.section,
            text_line=_first_text_line(content, i + 1),
            label=label, label_line=after + 1 if label else None))

    def _prose(self, i: int) -> None:
        line = self.lines[i]
        if _BEGIN_TAB.match(line):
            self.in_tab_block = True
        if self.in_tab_block:
            self.in_tab_block = not _END_TAB.match(line)
            return
        if i in self.labels or _NOT_PROSE.match(line):
            return
        bare = line.lstrip(" >")
        if bare.startswith("$$") and "$$" not in bare[2:]:
            raise MarkdownError(
                self.name, i + 1, "the display math $$ opened here is never closed",
                "add a closing $$ after the formula (on its own line or at the end of its last "
                "line)")
        for column, kind, text in _inline_math(line, self.name, i + 1):
            self.blocks.append(Block(kind, i + 1, i + 1, text, self.section,
                                     text_line=i + 1, column=column))


def _unquoted(line: str) -> str:
    """A line of a block quote without its ``>`` markers."""
    return _QUOTE.sub("", line, count=1)


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
