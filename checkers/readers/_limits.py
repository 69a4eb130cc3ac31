"""The readers' limits on sizes: how long a text, how deep its nesting, how large an exact
power, how many terms a sum written out over numbers may have.

Every reader (the expression syntax, the LaTeX reader, the code-cell translator) asks these
functions and raises its own error with their problem and hint, so that bad input ends in a
message (claim, place, what is wrong, what to do), never in a hang or a RecursionError.
"""

from __future__ import annotations

import math

MAX_LENGTH = 20_000
"""Characters of one expression, formula or code cell."""
MAX_DEPTH = 60
"""Nesting of groups (parentheses, braces, brackets, scripts, calls) in one expression."""
MAX_DIGITS = 300
"""Decimal digits of an exact number a power may compute (about 10^300, a float's range)."""
MAX_EXPONENT = 10_000
"""The largest integer exponent of a matrix or a number computed exactly."""
MAX_TERMS = 10_000
"""Terms of a sum or product over numeric bounds that a reader writes out or keeps."""

LENGTH_HINT = "split it into shorter claims or intermediate steps"
DEPTH_HINT = "write it with fewer nested groups (name an intermediate expression)"
POWER_HINT = ("a number this large cannot be checked exactly or in floating point; write a"
              " smaller power, or keep the exponent a variable")
TERMS_HINT = "write the bound as a variable or a declared size (n), not as a number"


def length_problem(text: str) -> str | None:
    """What is wrong with a text this long, or None."""
    if len(text) > MAX_LENGTH:
        return f"the text has {len(text)} characters, more than the {MAX_LENGTH} a reader reads"
    return None


def depth_problem(depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"nested {depth} deep, deeper than the {MAX_DEPTH} levels a reader follows"
    return None


def power_problem(base, exponent) -> str | None:
    """What is wrong with computing ``base ** exponent``, or None when it is small enough.

    Only powers SymPy would compute are limited: a number raised to a number (whose exact
    result must stay within about 10^±300) and a power of an explicit matrix (an integer
    exponent at most 10^4). ``x**100000`` of a symbol stays the symbolic power it is."""
    import sympy as sp

    if base is sp.E:
        return exp_problem(exponent)
    exp = _number(exponent)
    if exp is None:
        return None
    if getattr(base, "is_Matrix", False):
        if exp.is_Integer and abs(int(exp)) > MAX_EXPONENT:
            return f"a matrix raised to the power {_show(exp)} (at most {MAX_EXPONENT})"
        return None
    num = _number(base)
    if num is None:
        return None
    if abs(exp.p) > MAX_EXPONENT * 10 ** 6 or exp.q > MAX_EXPONENT:
        return f"the power {_show(num)}^{_show(exp)} is far too large to compute"
    size = abs(float(exp)) * _log10(abs(num))
    if size > MAX_DIGITS:
        return (f"the power {_show(num)}^{_show(exp)} has about 10^{int(size)} as its size,"
                f" beyond the 10^{MAX_DIGITS} a check can handle")
    return None


def exp_problem(argument) -> str | None:
    """What is wrong with ``exp(argument)`` (or a function of it), or None: SymPy turns
    ``exp(x + c*log(2))`` into ``2**c*exp(x)`` by itself, so ``c*log(b)`` of numbers is a power."""
    import sympy as sp

    if isinstance(argument, sp.MatrixBase):
        return next(filter(None, map(exp_problem, argument)), None)
    if not isinstance(argument, sp.Basic):
        return None
    for term in sp.Add.make_args(argument):
        coeff, rest = term.as_coeff_Mul()
        if isinstance(rest, sp.log) and rest.args[0].is_Number:
            problem = power_problem(rest.args[0], coeff)
            if problem:
                return problem
    return None


def terms_problem(low, high) -> str | None:
    """What is wrong with a sum from ``low`` to ``high`` (numbers), or None."""
    lo, hi = _number(low), _number(high)
    if lo is None or hi is None:
        return None
    count = math.floor(hi) - math.ceil(lo) + 1
    if count > MAX_TERMS:
        return f"a sum of {count} terms over numbers (at most {MAX_TERMS})"
    return None


def _number(value):
    """``value`` as a SymPy Rational when it is an exact or float number, else None."""
    import sympy as sp

    if isinstance(value, bool) or not isinstance(value, (int, float, sp.Basic)):
        return None
    if isinstance(value, int):
        value = sp.Integer(value)
    elif isinstance(value, float):
        value = sp.Float(value)
    if not (value.is_Number and value.is_finite):
        return None
    return sp.Rational(value) if not value.is_Rational else value


def _log10(number) -> float:
    if number == 0:
        return 0.0
    return abs(math.log10(abs(number.p)) - math.log10(number.q))


def _show(number) -> str:
    text = str(number)
    return text if len(text) <= 20 else f"{text[:8]}...({len(text)} digits)"


MAX_NUMERAL = 1_000
"""Digits of one numeral, and the largest power of ten its exponent may write (1e400)."""
NUMERAL_HINT = "write the number with fewer digits, or as a power such as 10^k of a variable k"


def numeral_problem(text: str) -> str | None:
    """What is wrong with reading the decimal numeral ``text`` exactly, or None."""
    from decimal import Decimal, InvalidOperation

    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_NUMERAL:
        return f"a number of {digits} digits (at most {MAX_NUMERAL})"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if value.is_finite() and value and abs(value.adjusted()) > MAX_DIGITS + 100:
        return f"the number {text[:20]} is about 10^{value.adjusted()}, beyond a float's range"
    return None


def max_depth(text: str, opening: str = "([{", closing: str = ")]}") -> int:
    """The deepest nesting of brackets in ``text`` (unbalanced ones are the parser's to tell)."""
    depth = deepest = 0
    for ch in text:
        if ch in opening:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in closing:
            depth = max(0, depth - 1)
    return deepest
