r"""One factor and its scripts: numbers, fractions, roots, groups, powers, and functions of the
one table (``\cos^2 x``) (LaTeX reader mixin)."""

from __future__ import annotations

import lark
import sympy

from ...algebra import _functions
from ...algebra._shapes import shape_of
from ._markers import ELLIPSIS
from ._names import Name
from .._limits import MAX_EXPONENT, NUMERAL_HINT, POWER_HINT, exp_problem, numeral_problem


class Factors:
    """A factor of a term, with its sub- and superscripts."""

    @staticmethod
    def _primary(factor):
        return factor.children[0].children[0]

    @staticmethod
    def _scripts(factor):
        return [(s.children[0].type, s.children[1]) for s in factor.children[1:]]

    def _is_sum(self, factor) -> bool:
        prim = self._primary(factor)
        return isinstance(prim, lark.Token) and prim.type == "SUMOP"

    def _factor_at(self, items: list, k: int) -> tuple[sympy.Basic, int]:
        factor = items[k]
        prim = self._primary(factor)
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
            problems = {
                "TOP": ("'\\top' outside a superscript", ""),
                "TEXT": ("text inside a formula", "split relations with read_relation"),
                "QUESTION": ("a question mark: the text asks, it does not state", ""),
                "PARTIAL": ("'\\partial' outside a derivative",
                            "write \\frac{\\partial f}{\\partial x}"),
                "SUMOP": ("a sum with nothing to sum", ""),
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
            raise self._fail("unexpected in a script", sarg)
        if sarg.data == "bold":
            return self._resolve(Name(sarg.children[1].value.lstrip("\\"), True, None), sarg)
        return self._brace(sarg)

    def _function(self, items: list, k: int):
        r"""``\cos(x)``, ``\log x``, ``\cos^2(x)`` (a power of the value; ``^{-1}`` is refused).
        A superscript on a parenthesised or braced argument raises the value, ``\log(x)^2`` is
        ``log(x)**2``; on a bare argument it raises the argument, ``\log x^2`` is ``log(x**2)``."""
        factor = items[k]
        func = _functions.by_latex(self._primary(factor).value.lstrip("\\")).apply
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
