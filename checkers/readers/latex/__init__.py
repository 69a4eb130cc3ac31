r"""Read the chapter's LaTeX into SymPy, or say exactly why not.

Public API::

    read_latex(tex, *, symbols={}, shapes={}) -> sympy.Basic
    read_relation(tex, *, symbols={}, shapes={}) -> tuple[Chain, ...]

The grammar (``latex.lark``) finds the structure; the modules beside it decide what it means:
``_chains`` splits a display into relation chains, ``_names`` reads names and applied functions,
``_factors`` factors and their scripts (functions from the one table, ``algebra/_functions``),
``_arithmetic`` sums and products, ``_matrices`` matrices, transposes and norms, ``_calculus``
and ``_gradients`` derivatives, ``_sums`` sums and Einstein notation; ``_reader`` holds the
state the sides of one formula share. Shapes are checked with ``algebra/_shapes``. It never
calls ``eval``/``sympify``/``parse_expr`` on the text, and what it cannot read, or could read
two ways, raises :class:`LatexError` with the fragment and its character offset.

Names
    A name is a letter or a Greek command, bold or not (``\mathbf{x}``, ``\boldsymbol{\epsilon}``
    and ``x`` are all ``x``; ``\epsilon`` is ``epsilon``), plus its subscript (``w_1`` is
    ``w_1``, ``x_{ij}`` is ``x_ij``, ``\mathbf{x}_0`` is ``x_0``). It reads, first match wins:
    ``symbols[name]`` (that exact object); ``MatrixSymbol(name, *shapes[name])`` (string sizes
    become positive integer symbols); for a bold name whose components ``name_1, name_2, ...``
    (two or more, consecutive from 1) ``symbols`` declares as scalars, the column of them
    (``\mathbf{w}`` is ``[w_1, w_2, w_3]``, ``\mathbf{x}_0`` is ``[x0_1, x0_2, ...]``: the claims
    spell vectors by components); for a *plain* (not bold) subscripted name whose letter is
    a matrix in ``symbols`` or ``shapes`` -- itself or, for a lowercase letter, its uppercase
    (``a_{ij}`` of ``A``) -- the entry ``A[i - 1, j - 1]`` (the text counts from 1, SymPy
    from 0; each character of the subscript is one index unless commas separate them); for a
    subscript
    letter bound by an enclosing ``\sum`` over declared components (``\epsilon_i`` with
    ``epsilon_1, epsilon_2, ...`` in ``symbols``), the sum written out over them (see Sums);
    for another subscript letter bound by an enclosing ``\sum``,
    ``IndexedBase(letter, real=True)[i]`` (and then every
    ``x_1``, ``x_k`` of the same formula is ``x[1]``, ``x[k]`` too, so ``\frac{d}{dx_1}`` and
    ``\sum_i x_i`` speak of one variable); ``e`` is
    Euler's number and ``\pi`` is ``pi``; a size named in ``shapes`` is that size's symbol;
    otherwise ``Symbol(name, real=True)``. Index letters (sums, entries, Kronecker deltas) are
    ``Symbol(letter, integer=True)``, or the size of that name (``\beta_n`` of a vector of n).

Functions
    A name followed by a parenthesised list of two or more arguments is an applied function,
    ``Function(name)(*args)``. With one argument it is a function only for ``f g h L`` or a name
    that ``symbols`` maps to a function: an undefined function (``Function('f')``), an applied
    one (``Function('f')(x, y)``, which also names its parameters) or a ``Lambda`` (applied by
    substitution). Otherwise it is a product: ``12x(x-2)`` is ``12*x*(x - 2)``. A function of
    one argument that is a column of components (``L(\mathbf{w})``) takes the components as its
    arguments (``L(w_1, w_2, w_3)``).

Derivatives (never evaluated here: SymPy returns silent zeros for some matrix derivatives)
    ``\frac{d}{dx} E``, ``\frac{\partial}{\partial x} E`` apply to the rest of the term;
    ``\nabla_{x}`` to the next factor. With a scalar variable: ``Derivative(E, x)``. With a
    matrix variable: :class:`MatrixDerivative` -- a ``sympy.Derivative`` that is also a
    ``MatrixExpr`` of the variable's shape (denominator layout), so products and shapes check.
    ``\frac{df}{dx}`` of a bare name: ``KroneckerDelta`` of the indices when numerator and
    denominator are the same letter (``\frac{dx_i}{dx_k}``, ``\frac{dv_{kj}}{dv_{ab}}``), 1 when
    identical, the declared object when ``symbols`` has the name, else an unknown function
    ``Function('f')(*params)`` whose parameters are the arguments it is applied to elsewhere in
    the formula (all distinct symbols), else all variables it is differentiated by in the formula
    (so both sides of ``\frac{d^2f}{dx_idx_j} = \frac{d}{dx_i}(\frac{d}{dx_j}f)`` share
    ``f(x_i, x_j)``). ``\nabla f(p)`` and ``\mathbf{H} f(p)`` with scalar parameters are an
    explicit column / square ``ImmutableMatrix`` of ``Derivative``s, substituted at ``p`` with
    SymPy's ``subs`` (which yields ``Subs``); with one vector parameter they are
    ``MatrixDerivative`` (at the parameter itself) or the markers :class:`GradientAt` /
    :class:`HessianAt` (elsewhere). ``\frac{\partial f}{\partial u}(p)`` and ``\nabla_{u} f(p)``
    are the derivative in ``f``'s parameter ``u``, substituted at ``p``. When ``symbols``
    declares ``u`` a function, ``\frac{\partial f}{\partial u}(u(a, b), v(a, b))`` is the
    derivative in the one argument that applies ``u`` (SymPy's ``Subs`` of the derivative in a
    ``Dummy``, as the claims' ``partial(f, 1, ...)``). ``\nabla_{\mathbf{w}} L(\mathbf{w})`` by a
    column of components is the column of ``Derivative``s; at another column of components
    (``\nabla_{\mathbf{x}} L(\mathbf{x}_0)``) it is the gradient in ``L``'s arguments there.
    Parameters of an unknown ``f`` at a point that is not a list of distinct symbols are
    ``Dummy`` symbols (SymPy's ``Subs`` compares them up to renaming); when that cannot say
    which one is ``u``, declare ``f``.

Matrices
    ``^\top`` is ``.T`` (a transpose of a scalar is an error: declare the shape). Products of
    matrices are ``MatMul`` after checking inner sizes structurally; ``a \cdot b`` of two column
    vectors is ``a.T*b`` (1x1). A 1x1 matrix expression that meets a scalar (in a sum, a power,
    a function argument, a denominator) becomes ``Trace`` of it, which is its only entry.
    ``\|M\|_2^2`` is ``Trace(M.T*M)``, ``\|M\|`` is its square root; of a scalar, ``x**2`` and
    ``Abs(x)``. ``pmatrix``/``bmatrix`` and bracket lists ``[a, b]`` are ``ImmutableMatrix``
    (a list is a column; its ``^\top`` is therefore a row). ``[M]_{ij}`` is ``M[i - 1, j - 1]``.

Sums
    ``\sum_{i = 1}^{n} E`` is ``Sum(E, (i, 1, n))`` over the rest of the term. Without bounds the
    lower bound is 1 and the upper bound is the size of the matrix the index runs along (from the
    entries in ``E``), else ``Symbol('n_i', integer=True, positive=True)``. ``\sum_{i, j} E`` is
    ``Sum(E, (j, ...), (i, ...))``: the first index written is the outermost sum, as the claims'
    ``sum(sum(E, j, ...), i, ...)``. A sum over declared components (``\sum_i \epsilon_i
    \frac{\partial}{\partial w_i} L`` with ``epsilon_1..3``, ``w_1..3`` declared) is written
    out term by term, up to its bound, else to the number of declared components.

Einstein notation
    In a product without ``\sum``, an index letter that ``symbols`` does not declare (a declared
    ``Index`` such as ``k`` stays free), that no enclosing ``\sum`` binds, and that stands in
    exactly two factors' entries or Kronecker deltas is summed over the product, bounds from the
    sizes: ``x_ia_{ij}x_j`` is ``Sum(x[i-1]*A[i-1, j-1]*x[j-1], (j, 1, n), (i, 1, n))`` and
    ``a_{kj}x_j + x_ia_{ik}`` two sums (lines 692-731 say the notation is Einstein's). Names
    that are not entries (``x_i`` of an undeclared ``x``) are never summed.

Schematic text
    ``\ldots``, ``\cdots``, ``\vdots``, ``\ddots`` read as the marker :data:`ELLIPSIS`; an
    expression containing it is *schematic* (:func:`is_schematic`): the caller decides. One
    exception: in a list of arguments or a bracket list ``a_1, a_2, \ldots, T`` whose last item
    ``T`` is a pattern in one subscript letter (``w_N``, ``w_N+\epsilon_N``), the dots are
    filled in when ``symbols`` declares the pattern's components: up to the longest declared
    family among its names (``L(w_1, w_2, \ldots, w_N)`` with ``w_1, w_2, w_3`` declared is
    ``L(w_1, w_2, w_3)``, the claims' N = 3); ``T`` at k is ``T`` with each ``name_N`` replaced by
    ``symbols['name_k']`` (or ``Symbol('name_k', real=True)``). With no declared family, or
    fewer components than items already written, the list stays schematic.

Numbers
    Decimals are exact ``Rational``s (``0.5`` is ``1/2``). ``^`` and ``_`` without braces take
    one character, as in LaTeX; ``x^23`` is refused as a likely typo.
"""

import importlib

from ._errors import LatexError as LatexError, LatexShapeError as LatexShapeError

__all__ = [
    "ELLIPSIS", "Chain", "GradientAt", "HessianAt", "LatexError", "LatexShapeError",
    "MatrixDerivative", "Side", "is_schematic", "read_latex", "read_relation",
]

_LAZY = {"Chain": "_chains", "Side": "_chains", "ELLIPSIS": "_markers", "GradientAt": "_markers",
         "HessianAt": "_markers", "MatrixDerivative": "_markers", "is_schematic": "_markers",
         "read_latex": "_reader", "read_relation": "_reader"}


def __getattr__(name: str):
    """The reader's names, imported when first used: the reader loads SymPy and lark, its
    errors (which ``import checkers`` exports) load neither."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
