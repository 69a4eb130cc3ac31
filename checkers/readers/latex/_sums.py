r"""Sums: ``\sum_{i = 1}^{n}``, sums written out over declared components, and Einstein
notation (LaTeX reader mixin)."""

from __future__ import annotations

import lark
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ...algebra._shapes import shape_of
from .._limits import TERMS_HINT, terms_problem


class Sums:
    """Sums over indices, written or implied."""

    def _einstein(self, value, factors) -> sympy.Basic:
        """Einstein notation: an undeclared index letter that stands in exactly two factors of a
        scalar product (``x_ia_{ij}x_j``, ``a_{kj}x_j``), and that no enclosing ``\\sum``
        binds, is summed over the product; the first index written is the outermost sum."""
        if len(factors) < 2 or shape_of(value) is not None:
            return value
        counts: dict[sympy.Symbol, int] = {}
        for factor, _, _ in factors:
            free = getattr(factor, "free_symbols", set())
            for index in sorted(free & self.fresh, key=sympy.default_sort_key):
                if index.name not in self.bound:
                    counts[index] = counts.get(index, 0) + 1
        summed = [index for index, count in counts.items() if count == 2]
        if not summed:
            return value
        node = factors[0][2]
        limits = [(index, sympy.Integer(1), self._bound_of(value, index, index.name, node))
                  for index in summed]
        return sympy.Sum(value, *reversed(limits))

    def _sum_operator(self, item, rest: list, kind=sympy.Sum) -> sympy.Basic:
        """``\\sum`` (``kind`` Sum) or ``\\prod`` (Product) over the rest of the term."""
        scripts = dict(self._scripts(item))
        if "SUB" not in scripts or len(scripts) != len(item.children) - 1:
            raise self._fail("a sum needs its index as a subscript", item)
        letters, lower = self._sum_indices(scripts["SUB"])
        upper = scripts.get("SUP")
        if upper is not None:
            upper = self._scalar(self._sarg_value(upper), item)
        self.bound.extend(letters)
        try:
            body = self._scalar(self._term(rest), item)
        finally:
            del self.bound[-len(letters):]
        expanded = self._expand_family(body, letters, lower, upper) if kind is sympy.Sum \
            else None
        if expanded is not None:
            return expanded
        limits = []
        for letter in letters:
            index = self._index(letter, item)
            high = upper if upper is not None else self._bound_of(body, index, letter, item)
            limits.append((index, lower if lower is not None else sympy.Integer(1), high))
            problem = terms_problem(*limits[-1][1:])
            if problem:
                raise self._fail(problem, item, TERMS_HINT, kind="unsupported")
        return kind(body, *reversed(limits))  # the first index written is the outermost

    def _expand_family(self, body, letters, lower, upper):
        """``\\sum_i \\epsilon_i ...`` over declared scalars ``epsilon_1, epsilon_2, ...``:
        the sum written out over the family (to the bound, else the family's length). A sum
        that cannot be written out keeps ``IndexedBase`` entries."""
        if len(letters) != 1:
            return None
        index = self._index(letters[0], None)
        bases = {a.base.label.name for a in body.atoms(sympy.Indexed)
                 if a.base.label.name in self.families and index in a.indices}
        if not bases:
            return None
        low = lower if lower is not None else sympy.Integer(1)
        high = upper if upper is not None else sympy.Integer(
            min(len(self._family(base)) for base in bases))
        if not (low.is_Integer and high.is_Integer) or terms_problem(low, high):
            for base in bases:
                self.indexed.setdefault(base, 1)
            return None
        terms = []
        for k in range(int(low), int(high) + 1):
            term = body.xreplace({index: sympy.Integer(k)})
            terms.append(term.xreplace({
                a: self._member(a.base.label.name, k) for a in term.atoms(sympy.Indexed)
                if a.base.label.name in bases and a.indices == (sympy.Integer(k),)}))
        return sympy.Add(*terms)

    def _sum_indices(self, sarg) -> tuple[list[str], sympy.Basic | None]:
        if isinstance(sarg, lark.Token) and sarg.type == "LETTER":
            return [sarg.value], None
        blist = sarg.children[0] if isinstance(sarg, lark.Tree) and sarg.data == "brace" \
            and sarg.children else None
        if blist is None:
            raise self._fail("a sum's subscript is its index, like i or {i = 1}", sarg)
        if any(isinstance(c, lark.Token) for c in blist.children):
            left, _, right = blist.children
            letter = self._index_letter(left)
            return [letter], self._scalar(self._sum(right), right)
        letters = [self._index_letter(s) for s in blist.children]
        if len(set(letters)) != len(letters):
            raise self._fail("a sum over the same index twice", sarg)
        return letters, None

    def _index_letter(self, node) -> str:
        factors = node.children[0].children if len(node.children) == 1 else []
        prim = self._primary(factors[0]) if len(factors) == 1 and isinstance(
            factors[0], lark.Tree) else None
        if not (isinstance(prim, lark.Token) and prim.type == "LETTER") or len(
                factors[0].children) > 1:
            raise self._fail("a sum's index is one letter", node)
        return prim.value

    def _bound_of(self, body, index, letter: str, node) -> sympy.Basic:
        """The upper bound of an index: the size it runs along in the matrices' entries."""
        sizes = set()
        for element in body.atoms(MatrixElement):
            if element.i == index - 1:
                sizes.add(element.parent.shape[0])
            if element.j == index - 1:
                sizes.add(element.parent.shape[1])
        if len(sizes) > 1:
            raise self._fail(f"the index {letter} runs along sizes {sorted(map(str, sizes))}",
                             node, "give the sum its bounds", kind="ambiguous")
        return sizes.pop() if sizes else sympy.Symbol(f"n_{letter}", integer=True,
                                                      positive=True)
