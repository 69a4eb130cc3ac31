r"""One factor and its scripts: numbers, fractions, roots, groups, powers, and functions of the
one table (``\cos^2 x``) (LaTeX reader mixin)."""

from __future__ import annotations

import re

import lark
import sympy

from ...algebra import _functions
from ...algebra._shapes import shape_of
from ._markers import ELLIPSIS
from ._names import Name
from .._limits import MAX_EXPONENT, NUMERAL_HINT, POWER_HINT, exp_problem, numeral_problem

_OPERATORS = ("SUMOP", "PRODOP", "INTOP", "LIMOP")
"""Operators that act on the rest of their term."""
_WORD = re.compile(r"\\[a-z]+\s*\{\s*([A-Za-z]+)\s*\}")


class Factors:
    """A factor of a term, with its sub- and superscripts."""

    @staticmethod
    def _primary(factor):
        return factor.children[0].children[0]

    @staticmethod
    def _scripts(factor):
        return [(s.children[0].type, s.children[1] if len(s.children) > 1 else None)
                for s in factor.children[1:]]

    def _is_sum(self, factor) -> bool:
        """Whether the factor is an operator on the rest of its term (sum, product, integral,
        limit)."""
        prim = self._primary(factor)
        return isinstance(prim, lark.Token) and prim.type in _OPERATORS

    def _factor_at(self, items: list, k: int) -> tuple[sympy.Basic, int]:
        factor = items[k]
        prim = self._primary(factor)
        kinds = [kind for kind, _ in self._scripts(factor)]
        if "BANG" in kinds:
            return self._factorial(factor, kinds), k + 1
        primed = self._prime_order(factor)
        if primed is not None:
            found = self._prime_at(items, k, *primed)
            if found is not None:
                return found
        if isinstance(prim, lark.Token) and prim.type == "TEXT":
            return self._word_at(items, k)
        if isinstance(prim, lark.Token) and prim.type == "NABLA":
            return self._nabla(items, k)
        if isinstance(prim, lark.Token) and prim.type == "FUNC":
            return self._function(items, k)
        name = self._name(factor)
        if name is not None:
            return self._name_at(name, items, k)
        name = self._name(factor, allow_sup=True)
        if name is not None:
            sups = [(kind, s) for kind, s in self._scripts(factor) if kind == "SUP"]
            return self._with_scripts(self._resolve(name, factor), sups, factor), k + 1
        diff = self._diff(factor)
        if diff is not None:
            return self._derivative_at(diff, items, k)
        value = self._guard(factor, self._primary_value, prim, factor)
        return self._with_scripts(value, self._scripts(factor), factor), k + 1

    def _next_paren(self, items: list, k: int):
        """The arguments of a parenthesised group right after item k, or None."""
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            return None
        prim = self._primary(items[k + 1])
        if isinstance(prim, lark.Tree) and prim.data == "paren":
            return prim.children[1 if isinstance(prim.children[0], lark.Token) else 0]
        return None

    def _primary_value(self, prim, factor) -> sympy.Basic:
        if isinstance(prim, lark.Token):
            if prim.type == "NUMBER":
                problem = numeral_problem(prim.value)
                if problem:
                    raise self._fail(problem, prim, NUMERAL_HINT, kind="unsupported")
                whole, _, frac = prim.value.partition(".")
                return sympy.Rational(int(whole + frac), 10 ** len(frac))
            if prim.type == "DOTS":
                return ELLIPSIS
            if prim.type == "INFTY":
                return sympy.oo
            problems = {
                "TOP": ("'\\top' outside a superscript", ""),
                "TEXT": ("text inside a formula", "split relations with read_relation"),
                "QUESTION": ("a question mark: the text asks, it does not state", ""),
                "PARTIAL": ("'\\partial' outside a derivative",
                            "write \\frac{\\partial f}{\\partial x}"),
                "SUMOP": ("a sum with nothing to sum", ""),
                "PRODOP": ("a product with nothing to multiply", ""),
                "INTOP": ("an integral with nothing to integrate", ""),
                "LIMOP": ("a limit of nothing", ""),
            }
            problem, hint = problems.get(prim.type, ("unexpected here", ""))
            raise self._fail(problem, prim, hint, kind="unsupported")
        return getattr(self, f"_{prim.data}")(prim)

    def _frac(self, node):
        num, den = self._brace(node.children[1]), self._brace(node.children[2])
        return self._times(num, sympy.Pow(self._scalar(den, node), -1), node, node)

    def _sqrt(self, node):
        radicand = self._scalar(self._brace(node.children[-1]), node)
        if node.children[1] is None:
            return sympy.sqrt(radicand)
        return sympy.root(radicand, self._scalar(self._sum(node.children[1]), node))

    def _brace(self, node):
        if not node.children or node.children[0] is None or len(node.children[0].children) != 1:
            raise self._fail("a group in braces holds one expression", node)
        return self._sum(node.children[0].children[0])

    def _paren(self, node):
        args = self._args(node.children[1 if isinstance(node.children[0], lark.Token) else 0])
        if len(args) != 1:
            raise self._fail("a list in parentheses that no function takes", node,
                             "put the function's name before it")
        return args[0]

    def _with_scripts(self, value, scripts, factor):
        prim = factor.children[0].children[0]
        if isinstance(prim, lark.Tree) and prim.data == "norm":
            return self._norm_scripts(value, scripts, factor)
        for kind, sarg in scripts:
            if kind in ("BANG", "PRIME"):
                raise self._fail(f"'{'!' if kind == 'BANG' else chr(39)}' here", factor,
                                 "write n! or (n - k)!, and f'(x) of a function f")
            if kind == "SUB":
                if not (isinstance(prim, lark.Tree) and prim.data in ("bracket", "paren")):
                    raise self._fail("a subscript on something that has no entries", sarg)
                matrix = value
                if shape_of(matrix) is None:
                    raise self._fail("entries of a scalar", factor, "declare the shape",
                                     kind="shape")
                value = self._entry(matrix, Name("", False, self._subscript(sarg)).indices,
                                    factor)
            else:
                value = self._guard(factor, self._superscript, value, sarg, factor)
        return value

    def _superscript(self, value, sarg, factor):
        if self._is_top(sarg):
            return self._transpose(value, factor)
        if (isinstance(sarg, lark.Token) and sarg.value == "T" and "T" not in self.symbols):
            if shape_of(value) is None:
                raise self._fail("'^T' of a scalar reads as a power or a transpose", factor,
                                 "write ^\\top and declare the shape", kind="ambiguous")
            return self._transpose(value, factor)
        return self._power(value, self._scalar(self._sarg_value(sarg), factor), factor)

    def _is_top(self, sarg) -> bool:
        if isinstance(sarg, lark.Token):
            return sarg.type == "TOP"
        if sarg.data == "brace" and sarg.children and sarg.children[0] is not None:
            sums = sarg.children[0].children
            if len(sums) == 1 and len(sums[0].children) == 1:
                factors = sums[0].children[0].children
                return len(factors) == 1 and self._primary(factors[0]) == "\\top" and len(
                    factors[0].children) == 1
        return False

    def _sarg_value(self, sarg):
        if isinstance(sarg, lark.Token):
            if sarg.type == "NUMBER":
                return sympy.Integer(int(self._single(sarg)))
            if sarg.type in ("LETTER", "GREEK"):
                return self._resolve(Name(sarg.value.lstrip("\\"), False, None),
                                     sarg)
            if sarg.type == "DOTS":
                return ELLIPSIS
            if sarg.type == "INFTY":
                return sympy.oo
            raise self._fail("unexpected in a script", sarg)
        if sarg.data == "bold":
            return self._resolve(Name(sarg.children[1].value.lstrip("\\"), True, None), sarg)
        return self._brace(sarg)

    def _function(self, items: list, k: int):
        r"""``\cos(x)``, ``\log x``, ``\cos^2(x)`` (a power of the value; ``^{-1}`` is refused).
        A superscript on a parenthesised or braced argument raises the value, ``\log(x)^2`` is
        ``log(x)**2``; on a bare argument it raises the argument, ``\log x^2`` is ``log(x**2)``."""
        factor = items[k]
        entry = _functions.by_latex(self._primary(factor).value.lstrip("\\"))
        if entry.takes != _functions.SCALAR:
            return self._matrix_function(entry, items, k)
        func = entry.apply
        power = self._function_power(factor)
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            raise self._fail("a function without argument", factor)
        nxt = items[k + 1]
        prim = self._primary(nxt)
        if isinstance(prim, lark.Tree) and prim.data in ("paren", "brace"):
            group = self._paren(prim) if prim.data == "paren" else self._brace(prim)
            value = self._checked(func, self._scalar(group, nxt), nxt) ** power
            return self._with_scripts(value, self._scripts(nxt), nxt), k + 2
        arg, after = self._factor_at(items, k + 1)
        return self._checked(func, self._scalar(arg, nxt), nxt) ** power, after

    def _checked(self, func, argument, node):
        """``func(argument)``, unless SymPy would compute a huge exact power on its own."""
        problem = exp_problem(argument)
        if problem:
            raise self._fail(problem, node, POWER_HINT, kind="unsupported")
        return func(argument)

    def _function_power(self, factor) -> sympy.Basic:
        scripts = self._scripts(factor)
        if not scripts:
            return sympy.Integer(1)
        power = self._sarg_value(scripts[0][1]) if scripts[0][0] == "SUP" else None
        if len(scripts) > 1 or power is None or not (power.is_integer and power.is_positive):
            raise self._fail("a script on a function name", factor,
                             "write \\log(x)^2, \\log(x) / \\log(2) or \\arccos",
                             kind="unsupported")
        if power > MAX_EXPONENT:
            raise self._fail(f"a function raised to the power {power} (at most {MAX_EXPONENT})",
                             factor, POWER_HINT, kind="unsupported")
        return power

    def _factorial(self, factor, kinds: list) -> sympy.Basic:
        """``n!`` and ``(n - k)!``: the factorial of the table (``algebra/_functions``)."""
        if kinds[-1] != "BANG" or kinds.count("BANG") > 1:
            raise self._fail("'!' is the last script of a factor", factor,
                             "write (n!)^2 for a power of a factorial")
        stripped = lark.Tree("factor", factor.children[:-1], meta=factor.meta)
        value, _ = self._factor_at([stripped], 0)
        return _functions.by_syntax("factorial").apply(self._scalar(value, factor))

    def _binom(self, node) -> sympy.Basic:
        r"""``\binom{n}{k}``: the binomial of the table (``algebra/_functions``)."""
        n, k = (self._scalar(self._brace(b), node) for b in node.children[1:])
        return _functions.by_syntax("binomial").apply(n, k)

    def _word_at(self, items: list, k: int):
        r"""``\textrm{Var}[X]``, ``\operatorname{sign}(x)``, ``\mathrm{tr}(A)``: a word applied
        to a group of arguments: the table's function of that name, else an undefined function
        named by the word. A word without arguments is text, not mathematics."""
        factor = items[k]
        word = _WORD.fullmatch(self._primary(factor).value)
        group = items[k + 1] if k + 1 < len(items) and isinstance(items[k + 1], lark.Tree) \
            else None
        prim = self._primary(group) if group is not None else None
        if word is None or len(factor.children) > 1 or not (
                isinstance(prim, lark.Tree) and prim.data in ("paren", "bracket")):
            raise self._fail("text inside a formula", factor,
                             "split relations with read_relation; a named function takes its"
                             " arguments in parentheses, like \\operatorname{Var}(X)",
                             kind="unsupported")
        args = self._args(prim.children[1 if isinstance(prim.children[0], lark.Token) else 0])
        entry = _functions.by_latex(word.group(1)) or _functions.by_syntax(word.group(1))
        if entry is not None and entry.takes != _functions.SCALAR:
            value = self._guard(group, self._matrix_value, entry, args, group)
        elif entry is not None:
            if len(args) != entry.arity:
                raise self._fail(f"'{word.group(1)}' takes {entry.arity} argument(s)", group)
            value = self._guard(group, entry.apply, *[self._scalar(a, group) for a in args])
        else:
            value = sympy.Function(word.group(1))(*[self._scalar(a, group) for a in args])
        return self._with_scripts(value, self._scripts(group), group), k + 2

    def _matrix_function(self, entry, items: list, k: int):
        r"""``\det(A)``, ``\det A``: a function of a square matrix, unevaluated."""
        factor = items[k]
        if len(factor.children) > 1:
            raise self._fail("a script on a function of a matrix", factor,
                             "write (\\det A)^2", kind="unsupported")
        if k + 1 >= len(items) or isinstance(items[k + 1], lark.Token):
            raise self._fail("a function without argument", factor)
        prim = self._primary(items[k + 1])
        if isinstance(prim, lark.Tree) and prim.data == "paren":
            value = self._guard(items[k + 1], self._matrix_value, entry,
                                [self._paren(prim)], items[k + 1])
            return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2
        arg, after = self._factor_at(items, k + 1)
        return self._guard(items[k + 1], self._matrix_value, entry, [arg], items[k + 1]), after

    def _matrix_value(self, entry, args: list, node) -> sympy.Basic:
        shape = shape_of(args[0]) if len(args) == 1 else None
        if shape is None or (entry.takes == _functions.SQUARE and shape[0] != shape[1]):
            raise self._fail(f"'{entry.name}' takes a square matrix", node,
                             "declare the matrix's shape", kind="shape")
        return getattr(sympy, entry.sympy)(args[0])
