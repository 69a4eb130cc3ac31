"""``-k`` expressions, as pytest reads them: words matched as substrings (case-insensitive)
against a claim's name, kind, tab and section, combined with ``and``, ``or``, ``not`` and
parentheses."""

from __future__ import annotations

import re

from ._errors import UsageError
from ._claims import Claim

_WORD = re.compile(r"\S+")


def _tokens(expression: str) -> list[str]:
    """Words and parentheses; a parenthesis inside a word (a claim name such as
    ``comment-at-(1,0)``) stays in the word when the word's parentheses balance."""
    out: list[str] = []
    for word in _WORD.findall(expression):
        lead = len(word) - len(word.lstrip("("))
        core = word[lead:]
        trail = 0
        while core.endswith(")") and core.count(")") > core.count("("):
            core, trail = core[:-1], trail + 1
        out += ["("] * lead + ([core] if core else []) + [")"] * trail
    return out


def haystack(claim: Claim) -> str:
    s = claim.source
    return " ".join([claim.name, claim.kind, s.tab or "text", s.section, s.label or ""]).lower()


def matcher(expression: str):
    """A predicate on claims; raises UsageError for an expression that cannot be read."""
    tokens = _tokens(expression)
    if not tokens:
        raise UsageError(f"-k {expression!r}: the expression is empty")
    pos, tree = _or(tokens, 0, expression)
    if pos != len(tokens):
        raise UsageError(f"-k {expression!r}: unexpected {tokens[pos]!r}")
    return lambda claim: tree(haystack(claim))


def _or(tokens, pos, expression):
    return _chain("or", _and, lambda a, b: lambda h: a(h) or b(h), tokens, pos, expression)


def _and(tokens, pos, expression):
    return _chain("and", _not, lambda a, b: lambda h: a(h) and b(h), tokens, pos, expression)


def _chain(word, operand, combine, tokens, pos, expression):
    """operand (word operand)*, folded left with ``combine``."""
    pos, left = operand(tokens, pos, expression)
    while pos < len(tokens) and tokens[pos] == word:
        pos, right = operand(tokens, pos + 1, expression)
        left = combine(left, right)
    return pos, left


def _not(tokens, pos, expression):
    if pos >= len(tokens):
        raise UsageError(f"-k {expression!r}: the expression ends too soon")
    if tokens[pos] == "not":
        pos, inner = _not(tokens, pos + 1, expression)
        return pos, lambda h: not inner(h)
    if tokens[pos] == "(":
        pos, inner = _or(tokens, pos + 1, expression)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise UsageError(f"-k {expression!r}: a '(' is not closed")
        return pos + 1, inner
    if tokens[pos] in ("and", "or", ")"):
        raise UsageError(f"-k {expression!r}: unexpected {tokens[pos]!r}")
    word = tokens[pos].lower()
    return pos + 1, lambda h: word in h
