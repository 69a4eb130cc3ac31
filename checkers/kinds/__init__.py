"""The kinds of claims: each kind is one module that says everything about it (how it
resolves, what each witness computes, which side is the claim, how the report shows and draws
it), registered in one table (``_table``). Nothing else asks for a kind's name."""

from ._kind import ClaimView as ClaimView, Kind as Kind, Relation as Relation, Slices as Slices
from ._table import kind_of as kind_of, resolve as resolve
