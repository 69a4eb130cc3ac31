"""The grammar (``latex.lark``, beside this module) and lark's errors as LatexErrors."""

from __future__ import annotations

import functools
import importlib.resources
import re

import lark

from ...algebra import _functions
from .._limits import DEPTH_HINT, depth_problem
from ._errors import LatexError, error


@functools.cache
def _grammar() -> str:
    grammar = importlib.resources.files(__package__).joinpath("latex.lark").read_text("utf-8")
    return grammar.replace("@FUNCTIONS@", "|".join(_functions.latex_commands()))


@functools.cache
def _parser() -> lark.Lark:
    return lark.Lark(_grammar(), parser="earley", lexer="basic", ambiguity="explicit",
                     propagate_positions=True)


@functools.cache
def _fast_parser() -> lark.Lark:
    """The same grammar, LALR(1): linear in the text. Its only conflict is the bare norm bar
    ``\\|`` (``\\|a\\|b\\|c\\|`` nests two ways), so it reads exactly the texts without one, and
    a grammar without conflicts has no text that reads two ways (nothing for Earley to report).
    """
    return lark.Lark(_grammar(), parser="lalr", lexer="basic", propagate_positions=True)


_GROUP = re.compile(r"\\begin(?![a-zA-Z])|\\end(?![a-zA-Z])|\\[{}()\[\]]|[{}()\[\]]")


def _depth(text: str) -> tuple[int, int]:
    """The deepest nesting of groups in ``text`` and the offset where it is reached."""
    depth = deepest = where = 0
    for m in _GROUP.finditer(text):
        token = m.group()
        if token in ("\\begin", "{", "(", "["):
            depth += 1
            if depth > deepest:
                deepest, where = depth, m.start()
        elif token in ("\\end", "}", ")", "]"):
            depth = max(0, depth - 1)
    return deepest, where


MAX_BARS = 8
"""Bare norm bars in one side: Earley's work grows steeply with them (each pair nests two ways)."""


def _bare_norms(text: str) -> list:
    """The bare norm bars ``\\|`` of ``text``; None when it does not lex (Earley tells why)."""
    try:
        return [t for t in _fast_parser().lex(text) if t.type == "NORM"]
    except lark.exceptions.LarkError:
        return None


_UPRIGHT_LETTER = re.compile(r"\\mathrm\s*\{\s*([a-zA-Z])\s*\}")
"""``\\mathrm{d}`` is the letter d set upright (the differential of ``\\mathrm{d}x``): read as
``d``, blank-padded so that offsets hold."""


def parse(text: str, offset: int, source: str) -> lark.Tree:
    """Parse ``text`` (a piece of ``source`` starting at ``offset``); lark's errors become
    :class:`LatexError`s that point into ``source``. A text nested deeper than the readers
    follow is refused before parsing (never a RecursionError)."""
    deepest, where = _depth(text)
    problem = depth_problem(deepest)
    if problem:
        raise error(problem, source, offset + where, text[where:where + 20], DEPTH_HINT,
                    kind="unsupported")
    text = _UPRIGHT_LETTER.sub(lambda m: m.group(1).ljust(len(m.group())), text)
    try:
        bars = _bare_norms(text)
        if bars is not None and len(bars) > MAX_BARS:
            raise error(f"{len(bars)} bare norm bars, more than the {MAX_BARS} read in one"
                        " formula", source, offset + bars[MAX_BARS].start_pos, "\\|",
                        "write norms as \\left\\| ... \\right\\|", kind="unsupported")
        tree = (_fast_parser() if bars == [] else _parser()).parse(text)
    except lark.exceptions.UnexpectedCharacters as exc:
        raise _unexpected_character(text, exc.pos_in_stream, offset, source) from None
    except lark.exceptions.UnexpectedToken as exc:
        raise _unexpected_token(exc.token, text, offset, source) from None
    except lark.exceptions.UnexpectedEOF:
        raise error("the formula ends too early", source, offset + len(text),
                    text.strip()[-20:], "close every group you open") from None
    for node in tree.iter_subtrees_topdown():
        if node.data == "_ambig":
            spans = [(t.meta.start_pos, t.meta.end_pos) for t in node.iter_subtrees()
                     if not t.meta.empty]
            start, end = offset + min(a for a, _ in spans), offset + max(b for _, b in spans)
            raise error("reads two ways", source, start, source[start:end],
                        "add braces or parentheses", kind="ambiguous")
    return tree


def _unexpected_character(text: str, pos: int, offset: int, source: str) -> LatexError:
    m = re.compile(r"\\[a-zA-Z]+|\\.|.", re.DOTALL).match(text, pos)
    fragment, where = m.group(), offset + pos
    if fragment == "\\begin" and text.startswith("{aligned}", m.end()):
        return error("an aligned block is a relation", source, where, fragment,
                     "use read_relation")
    if fragment in ("\\left", "\\right"):
        return error("an unsupported delimiter", source, where, text[pos:pos + 7],
                     "use \\left( \\right), \\left[ \\right], \\left| \\right| or \\left\\| "
                     "\\right\\|; '\\left.'/'\\right.' are only understood across the lines of "
                     "an aligned block", kind="unsupported")
    if fragment.startswith("\\") and len(fragment) > 2:
        return error("unknown command", source, where, fragment,
                     "rewrite it, or teach it to checkers/readers/latex/ (latex.lark and the"
                     " module of its concern)", kind="unknown command")
    return error("unexpected character", source, where, fragment)


def _unexpected_token(token, text: str, offset: int, source: str) -> LatexError:
    if token.type == "$END":
        return error("the formula ends too early", source, offset + len(text.rstrip()),
                     text.strip()[-20:], "close every group you open")
    where = offset + token.start_pos
    if token.type == "EQUALS":
        return error("a relation inside an expression", source, where, token.value,
                     "read relations with read_relation")
    return error("unexpected here", source, where, token.value)
