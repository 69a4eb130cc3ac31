"""The expression syntax's forms with a bound variable: ``sum``, ``product``, ``integral`` and
``limit``. Each reads its variable as a fresh symbol inside its body (so it needs no
declaration, and a declared variable's assumptions never leak into it) and builds SymPy's
unevaluated object (``Sum``, ``Product``, ``Integral``, ``Limit``); SymPy's ``doit`` is the
symbolic witness, the numeric witness evaluates each its own way (``witnesses/numeric/_calculus``).

    sum(f, k, a, b)  product(f, k, a, b)   k runs over the integers a..b (b may be oo)
    integral(f, y, a, b)                   definite, a and b expressions or +-oo
    integral(f, x)                         indefinite (x declared): checked up to a constant
    limit(f, h, c)  limit(f, h, c, "+")    two-sided, from the right ("+") or left ("-")
"""

from __future__ import annotations

import sympy as sp

from ..algebra import _shapes as alg
from ..model._errors import ExpressionError
from . import _limits

USAGE = {
    "sum": 'sum(expr, k, low, high), e.g. sum(1/k^2, k, 1, oo)',
    "product": "product(expr, k, low, high), e.g. product(x[i], i, 1, n)",
    "integral": "integral(expr, y, low, high) or integral(expr, x), e.g."
                " integral(exp(-y^2), y, -oo, oo)",
    "limit": 'limit(expr, h, point) or limit(expr, h, point, "+"), e.g.'
             " limit((1 + 1/n)^n, n, oo)",
}


def _bound_name(form: str, node) -> str:
    """The name a form binds (its second argument), or an error that shows the form."""
    if getattr(node, "data", None) != "name":
        raise ExpressionError(f"{form}(): the second argument must be a variable name",
                              hint=f"write {USAGE[form]}")
    return str(node.children[0])


def _arity(form: str, args, *counts: int) -> None:
    if len(args) not in counts:
        raise ExpressionError(f"{form}() takes {' or '.join(map(str, counts))} arguments,"
                              f" not {len(args)}", hint=f"write {USAGE[form]}")


def _scalar(value, what: str):
    if alg.shape_of(value) is not None and not alg.is_one_by_one(value):
        raise ExpressionError(f"{what} must be a scalar, not a"
                              f" {alg.show_shape(alg.shape_of(value))} matrix")
    return alg.as_scalar(value)


def _series(cls, form: str):
    def build(b, args):
        _arity(form, args, 4)
        name = _bound_name(form, args[1])
        index = sp.Symbol(name, integer=True)
        low, high = b.value(args[2]), b.value(args[3])
        problem = _limits.terms_problem(low, high)
        if problem:
            raise ExpressionError(problem, hint=_limits.TERMS_HINT)
        body = _scalar(b.scoped(name, index).value(args[0]), f"the body of {form}()")
        return cls(body, (index, _scalar(low, "a bound"), _scalar(high, "a bound")))
    return build


def integral(b, args):
    _arity("integral", args, 2, 4)
    name = _bound_name("integral", args[1])
    if len(args) == 2:
        var = b.names.get(name)
        if not isinstance(var, sp.Symbol):
            raise ExpressionError(f"integral(expr, {name}): an indefinite integral is a function"
                                  f" of {name}, which must be a declared scalar variable",
                                  hint=f'declare {name} = "real", or give bounds:'
                                       f" integral(expr, {name}, low, high)")
        return sp.Integral(_scalar(b.value(args[0]), "the integrand"), var)
    var = sp.Symbol(name, real=True)
    low, high = (_scalar(b.value(a), "a bound") for a in args[2:])
    body = _scalar(b.scoped(name, var).value(args[0]), "the integrand")
    return sp.Integral(body, (var, low, high))


def limit(b, args):
    _arity("limit", args, 3, 4)
    name = _bound_name("limit", args[1])
    var = sp.Symbol(name, real=True)
    point = _scalar(b.value(args[2]), "the limit point")
    body = _scalar(b.scoped(name, var).value(args[0]), "the expression of limit()")
    if len(args) == 4:
        if getattr(args[3], "data", None) != "direction":
            raise ExpressionError('limit(): the fourth argument is a direction, "+" (from the'
                                  ' right) or "-" (from the left)', hint=f"write {USAGE['limit']}")
        if point.is_infinite:
            raise ExpressionError("limit(): a limit at oo or -oo takes no direction",
                                  hint=f"write limit(expr, {name}, {point})")
        return sp.Limit(body, var, point, dir=str(args[3].children[0])[1])
    if point in (sp.oo, -sp.oo):
        return sp.Limit(body, var, point)
    return sp.Limit(body, var, point, dir="+-")


FORMS = {"sum": _series(sp.Sum, "sum"), "product": _series(sp.Product, "product"),
         "integral": integral, "limit": limit}
