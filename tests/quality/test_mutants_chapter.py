"""The mutation suite on a sample of the bundled chapter's verified claims (slow lane: it uses
the chapter's verdicts of the session): the first verified claim of each kind and the first
verified derivatives in matrix variables, every operator, each witness alone."""

from dataclasses import replace

import pytest

from checkers import Config, check_all
from checkers.quality._mutants import mutants
from checkers.quality._suite import _outcome, _with_equivalence

MATRIX_DERIVATIVES = 3


def sample(verdicts) -> list:
    verified = [v.claim for v in verdicts.values() if v.status == "verified"
                and not v.claim.rejected_by_text]
    chosen, kinds = [], set()
    for c in verified:
        if c.kind not in kinds:
            chosen.append(c)
            kinds.add(c.kind)
    matrices = [c for c in verified if c.kind == "derivative" and c not in chosen
                and any(getattr(v, "shape", ()) for v in c.variables)]
    return chosen + matrices[:MATRIX_DERIVATIVES]


@pytest.fixture(scope="module")
def outcomes(chapter_verdicts, config):
    from derivations import texts

    documents = texts()
    made = [m for c in sample(chapter_verdicts) for m in mutants(c, texts=documents)]
    claims = [m.claim for m in made]
    quick = replace(config, cache=None)
    by = {"symbolic": check_all(claims, replace(quick, numeric=False), texts=documents),
          "numeric": check_all(claims, replace(quick, symbolic=False), texts=documents)}
    judged = [_outcome(m, {w: v[i] for w, v in by.items()}) for i, m in enumerate(made)]
    return _with_equivalence(judged, quick, lambda _: None)


def test_the_sample_has_many_kinds_and_operators(outcomes):
    assert len({o.mutant.original.kind for o in outcomes}) >= 5
    assert len({o.mutant.operator for o in outcomes}) >= 5


def test_every_mutant_of_the_chapter_not_equivalent_is_caught_by_each_witness(outcomes):
    missed = {o.mutant.claim.name: (o.missed_by(), o.mutant.shown) for o in outcomes
              if o.missed_by()}
    assert not missed
