"""Claims of the chapter "Cálculo Multivariável" (Dive into Deep Learning, Portuguese edition):
the summary and the exercises (lines 847-879).

Each claim is encoded as the text states it — never corrected so that it passes — and points at
its lines in the bundled copy (derivations/texts/multivariable-calculus.pt.md). Claims from code
cells name their tab; the tabs are separate claims, so a disagreement shows which copy is wrong.
"""

from __future__ import annotations

from checkers import (CriticalPoints, Derivative, Extremum, Fn, Gradient, Identity, NoClaim, Var, vector)

from ._common import (EXERCISES, text)

XY = (Var("x"), Var("y"))

# The exercises ask questions; derivcheck computes their answers and checks what they assert.

_BX = (vector("beta", "n"), vector("x", "n"))
_LSE = "log(e^x + e^y)"
_EX4 = "x^2*y + x*y^2"

CLAIMS = [
    Derivative(
        name="exercise1.d(betaTx)/dx",
        source=text((854, 854), EXERCISES, r"$f(\mathbf{x}) = \boldsymbol{\beta}^\top\mathbf{x}$"),
        variables=_BX, function="beta.T*x", wrt="x", claimed="beta",
        note="the answer derivcheck computes for exercise 1",
    ),
    Derivative(
        name="exercise1.d(xTbeta)/dx",
        source=text((854, 854), EXERCISES, r"$g(\mathbf{x}) = \mathbf{x}^\top\boldsymbol{\beta}$"),
        variables=_BX, function="x.T*beta", wrt="x", claimed="beta",
        note="the answer derivcheck computes for exercise 1",
    ),
    Identity(
        name="exercise1.same-answer",
        source=text((854, 854), EXERCISES, "Why do you get the same answer?"),
        variables=_BX, lhs="beta.T*x", rhs="x.T*beta",
        note="the exercise asserts both derivatives are the same: the two functions are equal",
    ),
    Derivative(
        name="exercise2.d||v||/dv",
        source=text((855, 855), EXERCISES, r"$\frac{\partial}{\partial\mathbf{v}}\|\mathbf{v}\|_2$"),
        variables=(vector("v", "n"),), function="norm(v)", wrt="v", claimed="v/norm(v)",
        note="the answer derivcheck computes for exercise 2 (v ≠ 0)",
    ),
    Gradient(
        name="exercise3.gradient",
        source=text((856, 856), EXERCISES, r"$L(x, y) = \log(e^x + e^y)$"),
        variables=(Var("x"), Var("y")), function=_LSE, wrt=("x", "y"),
        claimed="[e^x/(e^x + e^y), e^y/(e^x + e^y)]",
        note="the answer derivcheck computes for exercise 3",
    ),
    Identity(
        name="exercise3.components-sum-to-1",
        source=text((856, 856), EXERCISES, "What is the sum of the components of the gradient?"),
        variables=(Var("x"), Var("y")), lhs=f"diff({_LSE}, x) + diff({_LSE}, y)", rhs="1",
        note="the answer derivcheck computes for exercise 3",
    ),
    CriticalPoints(
        name="exercise4.only-critical-point",
        source=text((857, 857), EXERCISES, r"Show that the only critical point is $(0,0)$"),
        variables=(Var("x"), Var("y")), function=_EX4, wrt=("x", "y"), claimed=(("0", "0"),),
    ),
    Identity(
        name="exercise4.f(x,x)",
        source=text((857, 857), EXERCISES, r"By considering $f(x, x)$"),
        variables=(Var("x"), Var("y")), lhs=f"subs({_EX4}, y, x)", rhs="2*x^3",
        note="the answer derivcheck computes: along y = x, f is 2x³, which changes sign at 0",
    ),
    Extremum(
        name="exercise4.neither-max-nor-min",
        source=text((857, 857), EXERCISES, "determine if $(0,0)$ is a maximum, minimum, or neither"),
        variables=(Var("x"), Var("y")), function=_EX4, wrt=("x", "y"), at=("0", "0"),
        nature="neither",
        note="the answer derivcheck computes for exercise 4",
    ),
    Gradient(
        name="exercise5.gradient-of-sum",
        source=text((858, 858), EXERCISES, r"$\nabla f = 0$"),
        variables=(Var("x_1"), Var("x_2"), Fn("g", 2), Fn("h", 2)),
        function="g(x_1, x_2) + h(x_1, x_2)", wrt=("x_1", "x_2"),
        claimed="[diff(g(x_1, x_2), x_1) + diff(h(x_1, x_2), x_1),"
                " diff(g(x_1, x_2), x_2) + diff(h(x_1, x_2), x_2)]",
        note="exercise 5: ∇f = ∇g + ∇h, so ∇f = 0 exactly where ∇g = −∇h (the gradients of g"
             " and h are opposite: their level sets touch); checked in two variables",
    ),
]

NO_CLAIMS: list[NoClaim] = [
    NoClaim(source=text((857, 857), EXERCISES, r"Let $f(x, y) = x^2y + xy^2$"),
            reason="definition of exercise 4's function f, checked through the claims on it"),
    NoClaim(source=text((858, 858), EXERCISES,
                        r"$f(\mathbf{x}) = g(\mathbf{x}) + h(\mathbf{x})$"),
            reason="definition of exercise 5's f as g + h, used by exercise5.gradient-of-sum"),
]
