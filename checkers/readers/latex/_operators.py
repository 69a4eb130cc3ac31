r"""The book's operators on the rest of a term: ``\lim_{h \to 0}``, ``\int_a^b ... \, dx``, and
derivatives of a named function, ``f'(x)``, ``f''(x)``, ``f^{(n)}(x)`` (LaTeX reader mixin).
Nothing is evaluated: ``Limit``, ``Integral`` and ``Derivative`` stay as written."""

from __future__ import annotations

import lark
import sympy

from ._names import Name

_DIRECTIONS = {"+": "+", "-": "-"}


class Operators:
    """Limits, integrals and primes."""

    # limits ----------------------------------------------------------------------------
    def _limit(self, item, rest: list) -> sympy.Basic:
        r"""``\lim_{h \to 0} E``: ``Limit(E, h, 0, dir="+-")``, two-sided; ``0^+`` from
        above (``dir="+"``), ``0^-`` from below; at ``\infty`` SymPy's own direction."""
        scripts = self._scripts(item)
        hint = "write \\lim_{h \\to 0} followed by the expression"
        if len(scripts) != 1 or scripts[0][0] != "SUB":
            raise self._fail("a limit needs its variable and point as a subscript", item, hint)
        sarg = scripts[0][1]
        blist = sarg.children[0] if isinstance(sarg, lark.Tree) and sarg.data == "brace" \
            and sarg.children else None
        if blist is None or len(blist.children) != 3 or not isinstance(
                blist.children[1], lark.Token) or blist.children[1].type != "ARROW":
            raise self._fail("a limit's subscript is 'variable \\to point'", sarg, hint)
        left, _, right = blist.children
        variable = self._limit_variable(left)
        point, direction = self._limit_point(right)
        body = self._scalar(self._term(rest), item)
        if point in (sympy.oo, -sympy.oo):
            return sympy.Limit(body, variable, point)
        return sympy.Limit(body, variable, point, dir=direction)

    def _limit_variable(self, node) -> sympy.Symbol:
        factors = node.children[0].children if len(node.children) == 1 else []
        name = self._name(factors[0]) if len(factors) == 1 and isinstance(
            factors[0], lark.Tree) else None
        value = self._resolve(name, node) if name is not None else None
        if not isinstance(value, sympy.Symbol):
            raise self._fail("a limit's variable is a name", node, "write \\lim_{h \\to 0}")
        return value

    def _limit_point(self, node) -> tuple[sympy.Basic, str]:
        """The point and direction: ``0^+`` is 0 from above, ``0^-`` from below."""
        factors = node.children[0].children if len(node.children) == 1 else []
        if len(factors) == 1 and isinstance(factors[0], lark.Tree):
            scripts = factors[0].children[1:]
            last = scripts[-1].children if scripts else ()
            if len(last) == 2 and isinstance(last[1], lark.Token) and last[1].type == "SIGN":
                stripped = lark.Tree("factor", factors[0].children[:-1], meta=factors[0].meta)
                value, _ = self._factor_at([stripped], 0)
                return self._scalar(value, node), _DIRECTIONS[last[1].value]
        return self._scalar(self._sum(node), node), "+-"

    # integrals -------------------------------------------------------------------------
    def _integral(self, item, rest: list) -> sympy.Basic:
        r"""``\int_a^b E \, dx`` is ``Integral(E, (x, a, b))``, ``\int E \, dx`` is
        ``Integral(E, x)``: the differential ends the term (the first ``\int`` written pairs
        with the last differential, as in ``\int \int f \, dx \, dy``)."""
        variable = self._differential(rest, item)
        scripts = dict(self._scripts(item))
        if len(scripts) != len(item.children) - 1 or set(scripts) not in (set(), {"SUB", "SUP"}):
            raise self._fail("an integral has both bounds or none", item,
                             "write \\int_a^b or \\int")
        body = self._scalar(self._term(rest[:-2]), item) if rest[:-2] else sympy.Integer(1)
        if not scripts:
            return sympy.Integral(body, variable)
        low = self._scalar(self._sarg_value(scripts["SUB"]), item)
        high = self._scalar(self._sarg_value(scripts["SUP"]), item)
        return sympy.Integral(body, (variable, low, high))

    def _differential(self, rest: list, item) -> sympy.Symbol:
        hint = "end the integrand with its differential, like \\int_a^b f(x) \\, dx"
        if len(rest) < 2 or any(isinstance(r, lark.Token) for r in rest[-2:]) or not (
                self._is_marker(rest[-2], False) and len(rest[-2].children) == 1):
            raise self._fail("an integral without its differential 'dx' at the end", item,
                             hint, end_node=rest[-1] if rest else None)
        if "d" in self.symbols:
            raise self._fail("'d' is declared, so 'dx' reads as a product or a differential",
                             rest[-2], kind="ambiguous")
        name = self._name(rest[-1])
        value = self._resolve(name, rest[-1]) if name is not None else None
        if not isinstance(value, sympy.Symbol):
            raise self._fail("the differential of an integral is 'd' and a variable",
                             rest[-2], hint, end_node=rest[-1])
        return value

    # derivatives of a named function ---------------------------------------------------
    def _prime_order(self, factor):
        r"""The order of ``f'``, ``f''`` or ``f^{(n)}`` (an int or a symbol), and the factor
        without it; None when the factor is no such derivative."""
        scripts = factor.children[1:]
        if not scripts:
            return None
        head = scripts[-1].children[0]
        if head.type == "PRIME":
            return sympy.Integer(len(head.value)), scripts[:-1]
        if head.type == "SUP":
            order = self._parenthesised_order(scripts[-1].children[1])
            if order is not None:
                return order, scripts[:-1]
        return None

    def _parenthesised_order(self, sarg):
        factors = self._brace_factors(sarg) if isinstance(sarg, lark.Tree) and \
            sarg.data == "brace" else None
        if not factors or len(factors) != 1 or len(factors[0].children) != 1:
            return None
        prim = self._primary(factors[0])
        if not (isinstance(prim, lark.Tree) and prim.data == "paren"):
            return None
        args = prim.children[1 if isinstance(prim.children[0], lark.Token) else 0]
        if len(args.children) != 1:
            return None
        order = self._sum(args.children[0])
        if not (order.is_integer or isinstance(order, sympy.Symbol)) or (
                order.is_number and not order.is_positive):
            raise self._fail("the order of a derivative f^{(n)} is a positive whole number",
                             sarg)
        if isinstance(order, sympy.Symbol) and not order.is_integer:
            order = sympy.Symbol(order.name, integer=True, positive=True)
        return order

    def _prime_at(self, items: list, k: int, order, scripts):
        r"""``f'(x)`` (order 1), ``f''(x)``, ``f^{(n)}(x)``: the derivative of ``f`` in its one
        variable at the argument: ``Derivative(f(x), x)`` of an undefined ``f``, of its body when
        the claim defines ``f``; at another point a ``Subs``."""
        factor = items[k]
        name = self._name(lark.Tree("factor", [factor.children[0], *scripts], meta=factor.meta))
        if name is None or not self._applies(name, 1):
            return None
        args_node = self._next_paren(items, k)
        if args_node is None:
            raise self._fail(f"'{name.full}' with a prime needs its argument", factor,
                             f"write {name.full}'(x)")
        args = self._args(args_node)
        value = self._guard(factor, self._derivative_of, name, order, args, items[k + 1])
        return self._with_scripts(value, self._scripts(items[k + 1]), items[k + 1]), k + 2

    def _derivative_of(self, name: Name, order, args: list, node) -> sympy.Basic:
        params, body = self._params(name, args, node)
        if len(params) != 1:
            raise self._fail(f"a prime on '{name.full}', a function of {len(params)} variables",
                             node, "write \\frac{\\partial f}{\\partial x}")
        point = self._fit(params, args, name, node)
        derivative = self._derive(body, [(params[0], order)], node)
        if tuple(point) == tuple(params):
            return derivative
        return derivative.subs(params[0], point[0])
