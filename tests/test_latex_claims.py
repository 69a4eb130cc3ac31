"""Every text claim says what the text says: its hand-written expression equals a side that
the LaTeX reader extracts from the claim's own lines, or the claim is listed below with the
reason no side of the text can be read as it (its claimed side is not a formula of the text)."""

import itertools

import pytest
import sympy as sp

from checkers.algebra import _shapes as alg
from checkers.witnesses.symbolic import _concrete, _decide
from checkers.readers.latex import LatexError, read_relation
from checkers.readers._markdown import read_blocks
from checkers.kinds import resolve
from derivations import CLAIMS, chapter_text, texts

NOT_IN_THE_TEXT = {
    "logsumexp.value-literal": "f is defined at line 55; its lines hold only the value log 3",
    "gradient.unit-direction.approx": "encoded with v = (cos φ, sin φ) and the gradient's"
                                      " components, which the text never writes",
    "gradient.unit-direction.cos": "idem: the text keeps an abstract unit v and angle θ",
    "gradient.steepest-descent": "derivcheck's own working of the text's argument",
    "gradient.descent-step": "the text writes the update w → w − ε∇L, not its first-order"
                             " consequence, which the claim states",
    "optimum.step-lowers-L": "idem: the text names a direction, the claim its consequence",
    "chain.df/da-rule": "the text's abbreviated form omits the functions' arguments",
    "chain.fig2.df/dy-three-paths": "idem, for the network of the (unbundled) figure",
    "chain.df/da-paths-as-written": "two inline products the text adds in words",
    "backprop.forward.df/dw": "f, u, v come from the definitions of line 231, not this formula",
    "backprop.forward.du/dw": "idem",
    "backprop.forward.dv/dw": "idem",
    "backprop.reverse.df/dw": "idem",
    "backprop.reverse.df/da": "idem",
    "backprop.reverse.df/db": "idem",
    "backprop.reverse.df/dx": "idem",
    "backprop.reverse.df/dy": "idem",
    "backprop.reverse.df/dz": "idem",
    "hessian.mixed-partials-commute": "the text says 'for any i and j'; the claim takes 1 and 2",
    "quadratic.reconstructed-at-0": "f is the polynomial defined in prose at line 514",
    "quadratic.expansion-at-x0": "idem",
    "taylor2.best-quadratic-any-function": "the claim writes x = x0 + ε, which the text does not",
    "matrix.d||X-UV||^2/dV.first-guess": "the guess the text rejects: its shapes do not fit",
    "exercise2.d||v||/dv": "derivcheck's answer to the exercise, not in the text",
    "exercise3.components-sum-to-1": "idem",
    "exercise3.gradient": "idem",
    "exercise4.f(x,x)": "idem",
    "exercise5.gradient-of-sum": "idem",
}

TEXT_CLAIMS = [c for c in CLAIMS if c.source.tab is None]
BLOCKS = [b for b in read_blocks(chapter_text()) if b.kind in ("display_math", "inline_math")]


def sides_of(claim, names):
    first, last = claim.source.lines
    out = []
    for block in BLOCKS:
        if block.start <= last and first <= block.end:
            try:
                chains = read_relation(block.text, symbols=names)
            except LatexError:  # e.g. an inline point "(0, log 2)": not a relation
                continue
            out += [side.expr for chain in chains for side in chain.sides]
    return out


def same(a, b) -> bool:
    if alg.shape_of(a) != alg.shape_of(b):
        a, b = alg.as_scalar(a), alg.as_scalar(b)
        if alg.shape_of(a) != alg.shape_of(b):
            return False
    difference = sp.expand((a - b).doit())
    if difference == 0 or getattr(difference, "is_ZeroMatrix", False):
        return True
    entries = list(difference) if isinstance(difference, sp.MatrixBase) else [difference]
    return all(sp.expand(sp.cancel(e)) == 0 for e in entries)


def same_entrywise(a, b, r) -> bool:
    """As the engine decides identities with sizes and indices: at small distinct sizes,
    for every index value."""
    sizes = {s: sp.Integer(k) for k, s in enumerate(r.sizes, start=2)}
    spell = _concrete.speller(r, sizes)
    a, b = _concrete.deltas(a), _concrete.deltas(b)
    indices = list(r.indices.items())
    for values in itertools.product(*[range(1, int(u.subs(sizes)) + 1) for _, u in indices]):
        at = {i: sp.Integer(v) for (i, _), v in zip(indices, values)}
        left, right = _concrete.entries(spell(a.subs(at))), _concrete.entries(spell(b.subs(at)))
        if not same(left, right) and _decide.decide(left, right, r).status != "proved":
            return False
    return True


def found_in_text(target, sides, r) -> bool:
    ways = [same] + ([lambda a, b: same_entrywise(a, b, r)] if r.sizes or r.indices else [])
    return any(_holds(way, target, side) for side in sides for way in ways)


def _holds(way, target, side) -> bool:
    try:
        return way(target, side)
    except Exception:  # SymPy cannot compare them this way (e.g. symbolic indices)
        return False


def in_text(claim) -> bool:
    r = resolve(claim, texts())
    targets = [x for x in (getattr(r, f, None) for f in ("claimed", "lhs", "rhs"))
               if x is not None]
    sides = sides_of(claim, dict(r.symbols))
    return bool(sides) and all(found_in_text(t, sides, r) for t in targets)


@pytest.mark.parametrize("claim", [c for c in TEXT_CLAIMS if c.name not in NOT_IN_THE_TEXT],
                         ids=lambda c: c.name)
def test_text_claim_reads_as_the_text(claim):
    assert in_text(claim), f"no side of lines {claim.source.lines} reads as the claim"


@pytest.mark.parametrize("name", sorted(NOT_IN_THE_TEXT))
def test_claims_listed_as_not_in_the_text_really_are_not(name):
    claim = next(c for c in TEXT_CLAIMS if c.name == name)
    if claim.rejected_by_text:  # cannot even be resolved: the shape error the text describes
        with pytest.raises(Exception, match="inner sizes"):
            resolve(claim, texts())
        return
    assert not in_text(claim), "the reader now reads this claim: move it out of the list"
