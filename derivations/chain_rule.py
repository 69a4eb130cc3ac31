"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
sections 'Regra da Cadeia Multivariada' and 'O Algoritmo de Retropropagação'
(lines 228-487).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.

How the network of :eqref:`eq_multi_func_def` is encoded
--------------------------------------------------------
Every letter of the network has two readings, and the claims keep them apart:

* **lower case** ``a, b, u, v`` (and the inputs ``w, x, y, z``) are plain variables, as they
  stand in their own defining formula: ``f(u, v) = (u + v)^2``, ``u(a, b) = (a + b)^2``, ... are
  the strings ``F_UV``, ``U_AB``, ``V_AB``, ``A_WXYZ``, ``B_WXYZ`` below, each typed once, as the
  text writes it. A *single-step partial* is ``diff`` of one of them: ∂u/∂a is
  ``diff((a + b)^2, a)``.
* **upper case** ``A, B, U, V, F`` are the composed functions of the inputs (w, x, y, z), built
  from those same strings by ``definitions`` and ``subs`` (never retyped composed): ``U`` is
  ``subs((a + b)^2, a, A, b, B)`` and ``F`` is ``subs((u + v)^2, u, U, v, V)``. A *total*
  partial of the network is ``diff`` of one of them: ∂f/∂w is ``diff(F, w)``, ∂u/∂w is
  ``diff(U, w)``.
* ``F_ab`` is f as a function of (a, b) through u and v (``subs((u + v)^2, u, (a + b)^2, v,
  (a - b)^2)``): the text's ∂f/∂a and ∂f/∂b.

A decomposition of the text (lines 303-309, 349-355, 359-365) is then an ``Identity`` between the
total partial and the text's sum of products, where each single-step factor is evaluated at the
composed point (``subs(diff((u + v)^2, u), u, U, v, V)`` is ∂f/∂u at u = u(a, b), v = v(a, b)),
for every (w, x, y, z); ∂f/∂a and ∂f/∂b of lines 352-353 are about f as a function of (a, b), so
they are checked for every (a, b). The single-step partials of lines 313-320 are identities in
their own variables (``2*(u + v) = diff((u + v)^2, u)``).

The code cells compute numbers at the point (w, x, y, z) = (-1, 0, -2, 1), which is itself read
from each cell. Every value a cell assigns is a ``Value`` claim: the cell's number
(``CellValue``) against the true quantity its name and comment say it is (a single-step partial
at the cell's point, a total partial, f itself). At this point b = 0, so a wrong factor of a
``b`` term would vanish; the decompositions above are checked for every (w, x, y, z).
In the autograd cells (lines 407-483) the cell's f is compared with the text's f at the cell's
point; the tensorflow cell assigns its gradients (``w_grad``, ...) and the mxnet and pytorch cells
print theirs (``w.grad``, ``w.grad.data.item()``): both are read from the cells and checked
against ∂f/∂w, ... at that point.

The generic chain rule (lines 262-285) uses arbitrary smooth functions (``Fn``): ``partial(f, 1,
u(a, b), v(a, b))`` is the text's ∂f/∂u(u(a, b), v(a, b)).

In every ``Identity`` the ``lhs`` is what the text writes (the claimed side, as the checker
reports it) and the ``rhs`` the quantity it says that is, computed with ``diff`` (∂f/∂w of the
composed f, ∂f/∂a of f(u(a, b), v(a, b)), ...).
"""

from __future__ import annotations

from checkers import (CellValue, Derivative, Fn, Identity, NoClaim, Value, Var, Approximation)

from ._common import (BACKPROP, CHAIN, code, text)

XY = (Var("x"), Var("y"))

# --- the network of eq_multi_func_def, each formula as the text writes it (line 231) ------------

F_UV = "(u + v)^2"            # f(u, v)
U_AB = "(a + b)^2"            # u(a, b)
V_AB = "(a - b)^2"            # v(a, b)
A_WXYZ = "(w + x + y + z)^2"  # a(w, x, y, z)
B_WXYZ = "(w + x - y - z)^2"  # b(w, x, y, z)

INPUTS = ("w", "x", "y", "z")
NETWORK_VARS = tuple(Var(n) for n in (*INPUTS, "a", "b", "u", "v"))
NETWORK = (
    ("A", A_WXYZ),
    ("B", B_WXYZ),
    ("U", f"subs({U_AB}, a, A, b, B)"),
    ("V", f"subs({V_AB}, a, A, b, B)"),
    ("F", f"subs({F_UV}, u, U, v, V)"),
    ("F_ab", f"subs({F_UV}, u, {U_AB}, v, {V_AB})"),
)


def at_uv(expr: str) -> str:
    """``expr`` (in u, v) evaluated where u = u(a, b), v = v(a, b) of the inputs."""
    return f"subs({expr}, u, U, v, V)"


def at_ab(expr: str) -> str:
    """``expr`` (in a, b) evaluated where a = a(w, x, y, z), b = b(w, x, y, z)."""
    return f"subs({expr}, a, A, b, B)"


# The single-step partials, as the true derivative of each defining formula: name -> expression
# in that formula's own variables.
STEP = {
    "df_du": f"diff({F_UV}, u)", "df_dv": f"diff({F_UV}, v)",
    "du_da": f"diff({U_AB}, a)", "du_db": f"diff({U_AB}, b)",
    "dv_da": f"diff({V_AB}, a)", "dv_db": f"diff({V_AB}, b)",
    **{f"da_d{i}": f"diff({A_WXYZ}, {i})" for i in INPUTS},
    **{f"db_d{i}": f"diff({B_WXYZ}, {i})" for i in INPUTS},
}
# ... and each at the composed point (a function of w, x, y, z).
STEP_AT_POINT = {
    **{k: at_uv(STEP[k]) for k in ("df_du", "df_dv")},
    **{k: at_ab(STEP[k]) for k in ("du_da", "du_db", "dv_da", "dv_db")},
    **{k: v for k, v in STEP.items() if k[:4] in ("da_d", "db_d")},
}
# The total partials of the network (functions of w, x, y, z).
TOTAL = {
    "f": "F",
    "df_da": at_ab("diff(F_ab, a)"), "df_db": at_ab("diff(F_ab, b)"),
    "du_dw": "diff(U, w)", "dv_dw": "diff(V, w)",
    **{f"df_d{i}": f"diff(F, {i})" for i in INPUTS},
}


# --- Regra da Cadeia Multivariada (lines 228-287) ----------------------------------------------

_FUV = (Fn("f", 2), Fn("u", 2), Fn("v", 2), Var("a"), Var("b"))
_AT_UV_AB = "u(a, b), v(a, b)"

CHAIN_CLAIMS = [
    Identity(
        name="chain.f(w,x,y,z)-composed",
        source=text((241, 243), CHAIN, r"f(w, x, y, z) = \left(\left((w+x+y+z)^2+(w+x-y-z)^2"),
        variables=NETWORK_VARS, definitions=NETWORK,
        lhs="(((w + x + y + z)^2 + (w + x - y - z)^2)^2"
            " + ((w + x + y + z)^2 - (w + x - y - z)^2)^2)^2",
        rhs="F",
        note="the composition of eq_multi_func_def (line 231), written out",
    ),
    Derivative(
        name="chain.df/dw-expanded",
        source=text((247, 253), CHAIN, r"\frac{\partial f}{\partial w} & = 2 \left(2 \left(2"),
        variables=NETWORK_VARS, definitions=NETWORK,
        function="F", wrt="w",
        claimed="2*(2*(2*(w + x + y + z) - 2*(w + x - y - z))"
                "*((w + x + y + z)^2 - (w + x - y - z)^2)"
                " + 2*(2*(w + x - y - z) + 2*(w + x + y + z))"
                "*((w + x - y - z)^2 + (w + x + y + z)^2))"
                "*(((w + x + y + z)^2 - (w + x - y - z)^2)^2"
                " + ((w + x - y - z)^2 + (w + x + y + z)^2)^2)",
    ),
    Approximation(
        name="chain.epsilon.first-step",
        source=text((262, 263), CHAIN, r"\approx & f\left(u(a, b) + \epsilon\frac{\partial u}"),
        variables=(*_FUV, Var("epsilon")),
        lhs="f(u(a + epsilon, b), v(a + epsilon, b))",
        rhs="f(u(a, b) + epsilon*partial(u, 1, a, b), v(a, b) + epsilon*partial(v, 1, a, b))",
        small=("epsilon",),
        note="line 268: 'a primeira linha segue da definição de derivada parcial'",
    ),
    Approximation(
        name="chain.epsilon.second-step",
        source=text((263, 264), CHAIN, r"\approx & f(u(a, b), v(a, b)) + \epsilon\left["),
        variables=(*_FUV, Var("epsilon")),
        lhs="f(u(a, b) + epsilon*partial(u, 1, a, b), v(a, b) + epsilon*partial(v, 1, a, b))",
        rhs=f"f({_AT_UV_AB}) + epsilon*(partial(f, 1, {_AT_UV_AB})*partial(u, 1, a, b)"
            f" + partial(f, 2, {_AT_UV_AB})*partial(v, 1, a, b))",
        small=("epsilon",),
        note="line 268: 'a segunda segue da definição de gradiente'",
    ),
    Identity(
        name="chain.df/da-rule",
        source=text((270, 272), CHAIN, r"\frac{\partial f}{\partial a} = \frac{\partial f}"
                                       r"{\partial u}\frac{\partial u}{\partial a}+"),
        variables=_FUV,
        lhs=f"partial(f, 1, {_AT_UV_AB})*partial(u, 1, a, b)"
            f" + partial(f, 2, {_AT_UV_AB})*partial(v, 1, a, b)",
        rhs=f"diff(f({_AT_UV_AB}), a)",
        note="the abbreviation of line 264 (line 268): ∂f/∂u is taken at (u(a, b), v(a, b))",
    ),
    Identity(
        name="chain.df/da-paths-as-written",
        source=text((274, 274), CHAIN, r"$\frac{\partial w}{\partial u} \cdot \frac{\partial u}"
                                       r"{\partial x}$ e $\frac{\partial w}{\partial v}"),
        variables=(*_FUV, Fn("w", 2), Var("x")),
        lhs=f"partial(w, 1, {_AT_UV_AB})*diff(u(a, b), x)"
            f" + partial(w, 2, {_AT_UV_AB})*diff(v(a, b), x)",
        rhs=f"diff(f({_AT_UV_AB}), a)",
        notation_slip=True,
        note="as written: the paragraph is about how f(u(a, b), v(a, b)) changes with a, along"
             " the paths a → u → f and a → v → f, but the two contributions are written"
             " ∂w/∂u·∂u/∂x and ∂w/∂v·∂v/∂x, 'e somados'. Neither w nor x stands in"
             " f(u(a, b), v(a, b)): read literally, w is a function of (u, v) other than f"
             " (the only reading under which ∂w/∂u means anything) and x a variable other than"
             " a, on which u(a, b) and v(a, b) do not depend. The text means ∂f/∂u·∂u/∂a and"
             " ∂f/∂v·∂v/∂a (line 271)",
    ),
    Identity(
        name="chain.fig2.df/dy-three-paths",
        source=text((283, 285), CHAIN, r"\frac{\partial f}{\partial y} = \frac{\partial f}"
                                       r"{\partial a} \frac{\partial a}{\partial u}"),
        variables=(Fn("f", 3), Fn("a", 1), Fn("u", 1), Fn("b", 1), Fn("v", 1), Var("y")),
        lhs="partial(f, 1, a(u(y)), u(y), b(v(y)))*partial(a, 1, u(y))*partial(u, 1, y)"
            " + partial(f, 2, a(u(y)), u(y), b(v(y)))*partial(u, 1, y)"
            " + partial(f, 3, a(u(y)), u(y), b(v(y)))*partial(b, 1, v(y))*partial(v, 1, y)",
        rhs="diff(f(a(u(y)), u(y), b(v(y))), y)",
        note="fig_chain-2 (../img/chain-net2.svg) is not bundled; the network is read off the"
             " formula's three paths y → u → a → f, y → u → f, y → v → b → f: f depends on"
             " (a, u, b), a on u, u on y, b on v, v on y (arguments of the figure that do not"
             " depend on y would not change ∂f/∂y and are left out)",
    ),
]

CHAIN_NO_CLAIMS = [
    NoClaim(source=text((231, 232), CHAIN, r"f(u, v) & = (u+v)^{2}", label="eq_multi_func_def"),
            reason="definition of the network f(u, v), u(a, b), v(a, b), a(w, x, y, z),"
                   " b(w, x, y, z) (eq_multi_func_def); its composition is checked by"
                   " chain.f(w,x,y,z)-composed"),
]


# --- O Algoritmo de Retropropagação: the decompositions (lines 289-367) ------------------------

def _network_identity(name, lines, quote, truth, stated, note=""):
    """The text's ``stated`` expression (lhs, the claimed side) against ``truth`` (rhs)."""
    return Identity(name=name, source=text(lines, BACKPROP, quote), variables=NETWORK_VARS,
                    definitions=NETWORK, lhs=stated, rhs=truth, note=note)


def _sum_of_products(*pairs):
    return " + ".join(f"{p}*{q}" for p, q in pairs)


FORWARD = [  # lines 303-309: keep ∂w in the denominator
    _network_identity(
        "backprop.forward.df/dw", (305, 305),
        r"\frac{\partial f}{\partial w} & = \frac{\partial f}{\partial u}\frac{\partial u}"
        r"{\partial w} + \frac{\partial f}{\partial v}\frac{\partial v}{\partial w}",
        "diff(F, w)",
        _sum_of_products((STEP_AT_POINT["df_du"], "diff(U, w)"),
                         (STEP_AT_POINT["df_dv"], "diff(V, w)"))),
    _network_identity(
        "backprop.forward.du/dw", (306, 306),
        r"\frac{\partial u}{\partial w} & = \frac{\partial u}{\partial a}\frac{\partial a}"
        r"{\partial w}+\frac{\partial u}{\partial b}\frac{\partial b}{\partial w}",
        "diff(U, w)",
        _sum_of_products((STEP_AT_POINT["du_da"], STEP["da_dw"]),
                         (STEP_AT_POINT["du_db"], STEP["db_dw"]))),
    _network_identity(
        "backprop.forward.dv/dw", (307, 307),
        r"\frac{\partial v}{\partial w} & = \frac{\partial v}{\partial a}\frac{\partial a}"
        r"{\partial w}+\frac{\partial v}{\partial b}\frac{\partial b}{\partial w}",
        "diff(V, w)",
        _sum_of_products((STEP_AT_POINT["dv_da"], STEP["da_dw"]),
                         (STEP_AT_POINT["dv_db"], STEP["db_dw"]))),
]

_SINGLE_STEP_TEXT = {  # name: (line, quote, the text's formula)
    "df_du": (315, r"\frac{\partial f}{\partial u} = 2(u+v)", "2*(u + v)"),
    "df_dv": (315, r"\quad\frac{\partial f}{\partial v} = 2(u+v)", "2*(u + v)"),
    "du_da": (316, r"\frac{\partial u}{\partial a} = 2(a+b)", "2*(a + b)"),
    "du_db": (316, r"\quad\frac{\partial u}{\partial b} = 2(a+b)", "2*(a + b)"),
    "dv_da": (317, r"\frac{\partial v}{\partial a} = 2(a-b)", "2*(a - b)"),
    "dv_db": (317, r"\quad\frac{\partial v}{\partial b} = -2(a-b)", "-2*(a - b)"),
    "da_dw": (318, r"\frac{\partial a}{\partial w} = 2(w+x+y+z)", "2*(w + x + y + z)"),
    "db_dw": (318, r"\quad\frac{\partial b}{\partial w} = 2(w+x-y-z)", "2*(w + x - y - z)"),
}

SINGLE_STEP = [
    Identity(name=f"backprop.single-step.{k.replace('_', '/')}",
             source=text((line, line), BACKPROP, quote), variables=NETWORK_VARS,
             lhs=formula, rhs=STEP[k])
    for k, (line, quote, formula) in _SINGLE_STEP_TEXT.items()
]

_DF_DAB = [  # lines 352-353, for every (a, b): u, v evaluated at u(a, b), v(a, b)
    _network_identity(
        f"backprop.reverse.df/d{p}", (line, line),
        rf"\frac{{\partial f}}{{\partial {p}}} & = \frac{{\partial f}}{{\partial u}}"
        rf"\frac{{\partial u}}{{\partial {p}}}+\frac{{\partial f}}{{\partial v}}"
        rf"\frac{{\partial v}}{{\partial {p}}}",
        f"diff(F_ab, {p})",
        _sum_of_products((f"subs({STEP['df_du']}, u, {U_AB}, v, {V_AB})", STEP[f"du_d{p}"]),
                         (f"subs({STEP['df_dv']}, u, {U_AB}, v, {V_AB})", STEP[f"dv_d{p}"])),
        note="f as a function of (a, b) through u and v, for every (a, b)")
    for p, line in (("a", 352), ("b", 353))
]

_REVERSE_LINES = {"w": 351, "x": 361, "y": 362, "z": 363}


def _df_dinput(i: str) -> Identity:
    line = _REVERSE_LINES[i]
    plus = " + " if i in ("w", "x") else "+"
    return _network_identity(
        f"backprop.reverse.df/d{i}", (line, line),
        rf"\frac{{\partial f}}{{\partial {i}}} & = \frac{{\partial f}}{{\partial a}}"
        rf"\frac{{\partial a}}{{\partial {i}}}{plus}\frac{{\partial f}}{{\partial b}}"
        rf"\frac{{\partial b}}{{\partial {i}}}",
        f"diff(F, {i})",
        _sum_of_products((TOTAL["df_da"], STEP[f"da_d{i}"]), (TOTAL["df_db"], STEP[f"db_d{i}"])),
        note="∂f/∂a and ∂f/∂b at a = a(w, x, y, z), b = b(w, x, y, z)")


REVERSE = [_df_dinput("w"), *_DF_DAB, *(_df_dinput(i) for i in ("x", "y", "z"))]

BACKPROP_NO_CLAIMS = [
    NoClaim(source=text((293, 299), BACKPROP, r"a(w, x, y, z) & = (w+x+y+z)^{2}"),
            reason="restatement of the definitions of eq_multi_func_def (line 231), whose"
                   " composition chain.f(w,x,y,z)-composed checks"),
]


# --- the code cells (lines 324-483) -------------------------------------------------------------

def _point(tab: str, line: int) -> tuple[CellValue, ...]:
    """The cell's point (w, x, y, z), read from the cell (one line assigns all four)."""
    return tuple(CellValue(tab, n, line) for n in INPUTS)


def _point_lines(tab: str, first: int) -> tuple[CellValue, ...]:
    """The cell's point (w, x, y, z), assigned on four consecutive lines."""
    return tuple(CellValue(tab, n, first + k) for k, n in enumerate(INPUTS))


def _cell_value(cell: str, tab: str, name: str, line: int, quote: str, truth: str,
                at: tuple, what: str) -> Value:
    return Value(
        name=f"backprop.{cell}.{name}[{tab}]",
        source=code((line, line), BACKPROP, tab, quote),
        variables=NETWORK_VARS, definitions=NETWORK,
        function=truth, wrt=INPUTS, at=at,
        claimed=CellValue(tab, name, line),
        note=f"the cell's {name} is {what} at the cell's point (w, x, y, z)",
    )


_WHAT = {
    **{k: f"the single-step partial ∂{k[1]}/∂{k[4]} (comment: 'single step partials')"
       for k in STEP},
    "f": "f (comment: 'Compute the value of the function'; printed as f)",
    "du_dw": "∂u/∂w (comment: 'Compute the final result')",
    "dv_dw": "∂v/∂w (comment: 'Compute the final result')",
    "df_da": "∂f/∂a (comment: 'how f changes when we change any value')",
    "df_db": "∂f/∂b (comment: 'how f changes when we change any value')",
    **{f"df_d{i}": f"∂f/∂{i}, printed as df/d{i}" for i in INPUTS},
}

# First cell (lines 324-342, every tab): forward, keeping ∂w in the denominator.
_FIRST_CELL = [  # (name, line, quote)
    ("f", 330, "f = (u + v)**2"),
    ("df_du", 334, "df_du, df_dv = 2*(u + v), 2*(u + v)"),
    ("df_dv", 334, "df_du, df_dv = 2*(u + v), 2*(u + v)"),
    *((n, 335, "du_da, du_db, dv_da, dv_db = 2*(a + b), 2*(a + b), 2*(a - b), -2*(a - b)")
      for n in ("du_da", "du_db", "dv_da", "dv_db")),
    ("da_dw", 336, "da_dw, db_dw = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("db_dw", 336, "da_dw, db_dw = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("du_dw", 339, "du_dw, dv_dw = du_da*da_dw + du_db*db_dw, dv_da*da_dw + dv_db*db_dw"),
    ("dv_dw", 339, "du_dw, dv_dw = du_da*da_dw + du_db*db_dw, dv_da*da_dw + dv_db*db_dw"),
    ("df_dw", 340, "df_dw = df_du*du_dw + df_dv*dv_dw"),
]

# Second cell (lines 369-396, every tab): backward, keeping ∂f in the numerator.
_SECOND_CELL = [
    ("f", 375, "f = (u + v)**2"),
    ("df_du", 380, "df_du, df_dv = 2*(u + v), 2*(u + v)"),
    ("df_dv", 380, "df_du, df_dv = 2*(u + v), 2*(u + v)"),
    *((n, 381, "du_da, du_db, dv_da, dv_db = 2*(a + b), 2*(a + b), 2*(a - b), -2*(a - b)")
      for n in ("du_da", "du_db", "dv_da", "dv_db")),
    ("da_dw", 382, "da_dw, db_dw = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("db_dw", 382, "da_dw, db_dw = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("da_dx", 383, "da_dx, db_dx = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("db_dx", 383, "da_dx, db_dx = 2*(w + x + y + z), 2*(w + x - y - z)"),
    ("da_dy", 384, "da_dy, db_dy = 2*(w + x + y + z), -2*(w + x - y - z)"),
    ("db_dy", 384, "da_dy, db_dy = 2*(w + x + y + z), -2*(w + x - y - z)"),
    ("da_dz", 385, "da_dz, db_dz = 2*(w + x + y + z), -2*(w + x - y - z)"),
    ("db_dz", 385, "da_dz, db_dz = 2*(w + x + y + z), -2*(w + x - y - z)"),
    ("df_da", 388, "df_da, df_db = df_du*du_da + df_dv*dv_da, df_du*du_db + df_dv*dv_db"),
    ("df_db", 388, "df_da, df_db = df_du*du_da + df_dv*dv_da, df_du*du_db + df_dv*dv_db"),
    ("df_dw", 389, "df_dw, df_dx = df_da*da_dw + df_db*db_dw, df_da*da_dx + df_db*db_dx"),
    ("df_dx", 389, "df_dw, df_dx = df_da*da_dw + df_db*db_dw, df_da*da_dx + df_db*db_dx"),
    ("df_dy", 390, "df_dy, df_dz = df_da*da_dy + df_db*db_dy, df_da*da_dz + df_db*db_dz"),
    ("df_dz", 390, "df_dy, df_dz = df_da*da_dy + df_db*db_dy, df_da*da_dz + df_db*db_dz"),
]


def _truth(name: str) -> str:
    return TOTAL.get(name) or STEP_AT_POINT[name]


CODE_ALL = [
    *(_cell_value("code.forward", "all", n, line, quote, _truth(n), _point("all", 327), _WHAT[n])
      for n, line, quote in _FIRST_CELL),
    *(_cell_value("code.backward", "all", n, line, quote, _truth(n), _point("all", 372),
                  _WHAT[n])
      for n, line, quote in _SECOND_CELL),
]

# Autograd cells (lines 407-483): the cell's f (built from leaves) against the text's f, at the
# cell's point, and the gradients the framework computes.
_AUTOGRAD_F = {  # tab: (line of f, quote, point)
    "mxnet": (420, "    f = (u + v)**2", _point("mxnet", 409)),
    "pytorch": (441, "f = (u + v)**2", _point_lines("pytorch", 434)),
    "tensorflow": (467, "    f = (u + v)**2", _point_lines("tensorflow", 459)),
}

_PRINTED_ONLY = "the gradients it prints are checked by the df_d* claims of this tab"

# mxnet and pytorch never assign the gradients: they print them (w.grad, w.grad.data.item()).
_PRINTED_GRADS = {  # tab: (print lines of df/dw, df/dx, df/dy, df/dz; placeholder; point)
    "mxnet": ((425, 426, 427, 428), "{}.grad", _point("mxnet", 409)),
    "pytorch": ((446, 448, 450, 452), "{}.grad.data.item()", _point_lines("pytorch", 434)),
}

AUTOGRAD = [
    *(Value(name=f"backprop.code.autograd.f[{tab}]",
            source=code((line, line), BACKPROP, tab, quote),
            variables=NETWORK_VARS, definitions=NETWORK,
            function="F", wrt=INPUTS, at=at, claimed=CellValue(tab, "f", line),
            note="the cell's f, computed from the leaves, at the cell's point"
                 + ("" if tab == "tensorflow" else "; " + _PRINTED_ONLY))
      for tab, (line, quote, at) in _AUTOGRAD_F.items()),
    *(Value(name=f"backprop.code.autograd.df_d{i}[tensorflow]",
            source=code((line, line), BACKPROP, "tensorflow",
                        f"{i}_grad = t.gradient(f, {i}).numpy()"),
            variables=NETWORK_VARS, definitions=NETWORK,
            function=TOTAL[f"df_d{i}"], wrt=INPUTS, at=_point_lines("tensorflow", 459),
            claimed=CellValue("tensorflow", f"{i}_grad", line),
            note=f"t.gradient(f, {i}), printed as df/d{i} (line {475 + 2 * k})")
      for k, (i, line) in enumerate(zip(INPUTS, range(470, 474)))),
    *(Value(name=f"backprop.code.autograd.df_d{i}[{tab}]",
            source=code((line, line + (tab == "pytorch")), BACKPROP, tab,
                        f"is {{{holder.format(i)}}}"),
            variables=NETWORK_VARS, definitions=NETWORK,
            function=TOTAL[f"df_d{i}"], wrt=INPUTS, at=at,
            claimed=CellValue(tab, holder.format(i), line),
            note=f"the gradient the framework computes after f.backward(), printed as df/d{i}")
      for tab, (lines, holder, at) in _PRINTED_GRADS.items()
      for i, line in zip(INPUTS, lines)),
]


CLAIMS = [*CHAIN_CLAIMS, *FORWARD, *SINGLE_STEP, *REVERSE, *CODE_ALL, *AUTOGRAD]
NO_CLAIMS: list[NoClaim] = [*CHAIN_NO_CLAIMS, *BACKPROP_NO_CLAIMS]
