r"""Names: letters, Greek, bold, subscripts, ``e`` and ``\pi``; entries of matrices; functions
applied to arguments (LaTeX reader mixin)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lark
import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction

from ...algebra._shapes import is_explicit, same_shape, shape_of
from ._errors import show_shape
from ._markers import ELLIPSIS


@dataclass(frozen=True)
class Name:
    r"""A name as written: ``base`` (``x``, ``epsilon``), bold or not, and its subscript as
    comma-separated groups of atoms (letters, numbers, Greek names); ``None`` without one."""

    base: str
    bold: bool
    sub: tuple[tuple[str, ...], ...] | None
    start: int = 0
    end: int = 0

    @property
    def full(self) -> str:
        return self.base if self.sub is None else (
            f"{self.base}_{''.join(''.join(group) for group in self.sub)}")

    @property
    def indices(self) -> tuple[str, ...]:
        """The subscript as indices: comma-separated groups, else one per letter, digit or
        Greek letter."""
        if self.sub is None:
            return ()
        if len(self.sub) > 1:
            return tuple("".join(group) for group in self.sub)
        return tuple(c for atom in self.sub[0] for c in (atom if atom.isdigit() else [atom]))


_DEFAULT_FUNCTIONS = frozenset("fghL")

_ACCENTS = {"hat": "hat", "widehat": "hat", "tilde": "tilde", "widetilde": "tilde",
            "bar": "bar", "overline": "bar"}
"""An accented letter is a name of its own: ``\\hat{\\theta}`` is ``theta_hat``, ``\\bar{x}_n``
is ``x_bar_n``."""


class Names:
    """What a name reads as (see the package docstring, "Names" and "Functions")."""

    def _name(self, factor, allow_sup: bool = False) -> Name | None:
        """The factor as a name (letter, Greek, bold) with at most a subscript, else None."""
        prim = self._primary(factor)
        scripts = self._scripts(factor)
        if isinstance(prim, lark.Token) and prim.type in ("LETTER", "GREEK"):
            base, bold = prim.value.lstrip("\\"), False
        elif isinstance(prim, lark.Tree) and prim.data == "bold":
            base, bold = prim.children[1].value.lstrip("\\"), True
        elif isinstance(prim, lark.Tree) and prim.data == "accent":
            accent, letter = _ACCENTS[prim.children[0].value.lstrip("\\")], prim.children[1]
            bold = isinstance(letter, lark.Tree)  # \hat{\mathbf{x}}
            letter = letter.children[1] if bold else letter
            base = f"{letter.value.lstrip(chr(92))}_{accent}"
        else:
            return None
        subs = [s for kind, s in scripts if kind == "SUB"]
        if len(subs) > 1 or (not allow_sup and len(subs) != len(scripts)):
            return None
        sub = self._subscript(subs[0]) if subs else None
        start, end = self._span(factor.children[0])
        if subs:
            end = self._span(factor.children[1 + [k for k, _ in scripts].index("SUB")])[1]
        return Name(base, bold, sub, start, end)

    def _subscript(self, sarg) -> tuple[tuple[str, ...], ...]:
        if isinstance(sarg, lark.Token):
            if sarg.type in ("LETTER", "GREEK"):
                return ((sarg.value.lstrip("\\"),),)
            if sarg.type == "NUMBER":
                return ((self._single(sarg),),)
            raise self._fail("cannot be a subscript", sarg)
        if sarg.data != "brace" or not sarg.children or sarg.children[0] is None:
            raise self._fail("cannot be a subscript of a name", sarg)
        sums = sarg.children[0].children
        if any(isinstance(s, lark.Token) for s in sums):
            raise self._fail("an '=' in a subscript of a name", sarg)
        groups = []
        for s in sums:
            if len(s.children) != 1:
                raise self._fail("a sign in a subscript", s)
            group = []
            for factor in s.children[0].children:
                prim = self._primary(factor) if isinstance(factor, lark.Tree) else factor
                if not isinstance(prim, lark.Token) or prim.type not in (
                        "LETTER", "NUMBER", "GREEK") or len(factor.children) > 1:
                    raise self._fail("a subscript of a name holds letters and digits", factor)
                group.append(prim.value.lstrip("\\"))
            groups.append(tuple(group))
        return tuple(groups)

    def _single(self, tok) -> str:
        if len(tok.value) > 1:
            raise self._fail(f"'{tok.value}' after '^' or '_' reads as '{tok.value[0]}' then "
                             f"'{tok.value[1:]}' in LaTeX", tok, f"write {{{tok.value}}}",
                             kind="ambiguous")
        return tok.value

    def _script_name(self, sarg) -> Name:
        if isinstance(sarg, lark.Token) and sarg.type in ("LETTER", "GREEK"):
            return Name(sarg.value.lstrip("\\"), False, None)
        if isinstance(sarg, lark.Tree) and sarg.data == "bold":
            return Name(sarg.children[1].value.lstrip("\\"), True, None)
        factors = self._brace_factors(sarg) if isinstance(sarg, lark.Tree) else None
        name = self._name(factors[0]) if factors and len(factors) == 1 else None
        if name is None:
            raise self._fail("expected a variable's name", sarg)
        return name

    def _name_at(self, name: Name, items: list, k: int):
        if self._is_hessian_operator(name, items, k):
            return self._hessian(items, k)
        args_node = self._next_paren(items, k)
        if args_node is not None and self._applies(name, len(args_node.children)):
            value = self._guard(items[k + 1], self._apply, name, self._args(args_node),
                                items[k + 1])
            return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2
        return self._resolve(name, items[k]), k + 1

    def _applies(self, name: Name, count: int) -> bool:
        declared = self.symbols.get(name.full)
        if isinstance(declared, (sympy.Lambda, AppliedUndef, UndefinedFunction)):
            return True
        if declared is not None or name.full in self.shapes:
            return False
        return count > 1 or (name.full in _DEFAULT_FUNCTIONS and not name.bold)

    def _resolve(self, name: Name, node) -> sympy.Basic:
        full = name.full
        if full in self.symbols:
            declared = self.symbols[full]
            if isinstance(declared, sympy.Lambda):
                return declared.expr
            if isinstance(declared, UndefinedFunction):
                raise self._fail(f"'{full}' is declared a function", node,
                                 f"apply it: {full}(...)")
            return declared
        if full in self.shapes:
            return sympy.MatrixSymbol(full, *self.shapes[full])
        if name.bold:
            family = self._family(name.base + "".join(name.indices))
            if len(family) > 1:
                return sympy.ImmutableMatrix([[member] for member in family])
        if name.sub is not None and not name.bold:
            matrix = self._matrix_for(name.base)
            if matrix is not None:
                return self._entry(matrix, name.indices, node)
            bound = [i for i in name.indices if i in self.bound]
            if len(name.indices) == 1 and bound and self._family(name.base):
                self.families.add(name.base)
                return sympy.IndexedBase(name.base, real=True)[self._index(bound[0], node)]
            if bound:
                if self.indexed.setdefault(name.base, len(name.indices)) != len(name.indices):
                    raise self._fail(f"'{name.base}' summed with different numbers of indices",
                                     node, kind="ambiguous")
                return sympy.IndexedBase(name.base, real=True)[
                    tuple(self._index(i, node) for i in name.indices)]
        if name.sub is None and not name.bold and full in self.bound:
            return self._index(full, node)  # the index of an enclosing sum or product
        if full == "e":
            return sympy.E
        if full == "pi":
            return sympy.pi
        if full in self.dims:
            return self.dims[full]
        symbol = sympy.Symbol(full, real=True)
        if name.sub is not None and not name.bold:
            self.subscripted.setdefault(symbol, name)
        return symbol

    def _family(self, base: str) -> list:
        """The declared scalars ``base_1, base_2, ...`` (consecutive from 1): the components of
        a vector that the claim spells out (``w_1, w_2, w_3`` of ``\\mathbf{w}``)."""
        found = []
        while True:
            member = self.symbols.get(f"{base}_{len(found) + 1}")
            if not isinstance(member, sympy.Expr) or shape_of(member) is not None or (
                    isinstance(member, sympy.Symbol) and member.is_integer):
                return found
            found.append(member)

    def _member(self, base: str, k: int) -> sympy.Basic:
        member = self.symbols.get(f"{base}_{k}")
        return member if member is not None else sympy.Symbol(f"{base}_{k}", real=True)

    def _matrix_for(self, base: str):
        declared = self.symbols.get(base)
        if declared is not None:
            return declared if shape_of(declared) else None
        if base in self.shapes:
            return sympy.MatrixSymbol(base, *self.shapes[base])
        if len(base) == 1 and base.islower():
            upper = self.symbols.get(base.upper())
            if upper is not None:
                return upper if shape_of(upper) else None
            if base.upper() in self.shapes:
                return sympy.MatrixSymbol(base.upper(), *self.shapes[base.upper()])
        return None

    def _index(self, text: str, node) -> sympy.Basic:
        if text.isdigit():
            return sympy.Integer(int(text))
        if text.isalpha():
            declared = self.symbols.get(text, self.dims.get(text))
            if declared is not None:
                return declared
            index = sympy.Symbol(text, integer=True)
            self.fresh.add(index)
            return index
        raise self._fail(f"'{text}' is not an index", node)

    def _apply(self, name: Name, args: list, node) -> sympy.Basic:
        declared = self.symbols.get(name.full)
        if len(args) == 1 and is_explicit(args[0]) and args[0].shape[1] == 1 and args[0].shape[
                0] > 1 and not isinstance(declared, (sympy.Lambda, AppliedUndef)):
            args = list(args[0])  # a function of a vector spelled by its components
        if isinstance(declared, sympy.Lambda):
            return declared(*self._fit(declared.variables, args, name, node))
        if isinstance(declared, AppliedUndef):
            return declared.func(*self._fit(declared.args, args, name, node))
        if isinstance(declared, UndefinedFunction):
            return declared(*args)
        if declared is not None or name.full in self.shapes:
            raise self._fail(f"'{name.full}' is declared, not a function", node)
        if len(set(args)) == len(args) and all(
                isinstance(a, (sympy.Symbol, sympy.MatrixSymbol)) for a in args):
            self.applied.setdefault(name.full, tuple(args))
        return sympy.Function(name.full)(*args)

    def _fit(self, params, args, name: Name, node) -> list:
        if len(params) != len(args):
            raise self._fail(f"'{name.full}' takes {len(params)} arguments, not {len(args)}",
                             node)
        fitted = []
        for param, arg in zip(params, args):
            want, have = shape_of(param), shape_of(arg)
            if want is not None and have is None and arg == 0:
                arg = sympy.ZeroMatrix(*want)
            elif want is None:
                arg = self._scalar(arg, node)
            elif have is None or not same_shape(want, have):
                raise self._fail(f"'{name.full}' takes an argument of size {show_shape(want)}",
                                 node, kind="shape")
            fitted.append(arg)
        return fitted

    def _args(self, args_node) -> list:
        return self._instantiate([self._sum(s) for s in args_node.children])

    def _instantiate(self, args: list) -> list:
        """``w_1, w_2, \\ldots, w_N`` with the claim's ``w_1, w_2, w_3`` declared is
        ``w_1, w_2, w_3``: the last item is the pattern in one subscript letter (``w_N``,
        ``w_N + \\epsilon_N``), filled in up to the longest declared family of its names.
        Without a declared family the list stays schematic."""
        dots = [k for k, arg in enumerate(args) if arg is ELLIPSIS]
        if len(dots) != 1 or dots[0] != len(args) - 2 or dots[0] == 0:
            return args
        pattern, before = args[-1], dots[0]
        bases, letters = {}, set()
        for symbol in getattr(pattern, "free_symbols", ()):
            found = re.fullmatch(r"(.+)_([A-Za-z])", getattr(symbol, "name", ""))
            if found and isinstance(symbol, sympy.Symbol) and symbol.name not in self.symbols:
                bases[symbol] = found.group(1)
                letters.add(found.group(2))
        if not bases or len(letters) != 1:
            return args
        size = max(len(self._family(base)) for base in bases.values())
        if size <= before:
            return args
        return args[:before] + [
            pattern.xreplace({symbol: self._member(base, k) for symbol, base in bases.items()})
            for k in range(before + 1, size + 1)]
