"""Anchors: a claim's place is checked before the claim, and found again in another edition."""

from dataclasses import replace
from pathlib import Path

import pytest

from checkers import CellValue, Config, Edition, Reason, Source, Tex, Value, check, check_all, scalar
from checkers.faces._cli import main
from checkers.readers._anchors import NEAR, occurrences, relocate, verify
from derivations import CHAPTER, CLAIMS, chapter_text, texts

ENGLISH = Path(__file__).parent / "data" / "multivariable-calculus.en.md"
NUMERIC = Config(symbolic=False, points=8)
TEXT = "# T\n\nSome prose here.\n\n$$\nf(x) = x^2\n$$\n\nMore  prose\n   after it.\n"


def value(quote=None, lines=(6, 6), document="t.md"):
    return Value(name="v", source=Source(lines=lines, quote=quote, document=document),
                 variables=(scalar("x"),), function="x**2", wrt=("x",), at=("1",), claimed="1")


# --- checked: lines inside, quote at or near them -----------------------------------------------

def test_a_quote_that_stands_nowhere_is_an_anchor_error():
    verdict = check(value(quote="g(x) = x^3"), NUMERIC, texts={"t.md": TEXT})
    assert verdict.status == "error" and verdict.reason == Reason.ANCHOR_NOT_FOUND
    for fragment in ("'g(x) = x^3' does not stand at line 6 of t.md", f"{NEAR} lines around",
                     "stands nowhere in t.md", "what to do: correct lines="):
        assert fragment in verdict.error
    assert verdict.symbolic is None and verdict.numeric is None  # nothing was checked


def test_lines_past_the_end_are_an_anchor_error():
    verdict = check(value(lines=(900, 905)), NUMERIC, texts={"t.md": TEXT})
    assert verdict.reason == Reason.ANCHOR_NOT_FOUND
    assert "lines 900-905 lie past the end of t.md, which has 10 lines" in verdict.error


def test_a_quote_elsewhere_says_where_it_stands():
    lost = verify(Source(lines=(1, 1), quote="f(x) = x^2", document="t.md"), TEXT)
    assert "it stands at line 6" in lost.message


def test_a_quote_near_its_lines_and_spaced_differently_stands():
    assert verify(Source(lines=(3, 3), quote="f(x)  =\nx^2", document="t.md"), TEXT) is None
    assert verify(Source(lines=(9, 9), quote="More prose after it.", document="t.md"), TEXT) is None
    assert occurrences("prose after", TEXT) == [(9, 10)]


def test_a_quote_without_its_document_is_an_error_but_without_texts_nothing_is_checked():
    verdict = check(value(quote="f(x)"), NUMERIC, texts={})
    assert verdict.reason == Reason.ANCHOR_NOT_FOUND and "t.md is not given" in verdict.error
    assert check(value(), NUMERIC, texts={}).status == "undecided"         # no quote: nothing to hold
    assert check(value(quote="nowhere"), NUMERIC).status == "undecided"     # no texts: as before


def test_every_bundled_claim_stands_where_it_says():
    from checkers.engine._check import _placed

    assert all(isinstance(_placed(c, texts(), ()), tuple) for c in CLAIMS)


# --- moved: another edition ---------------------------------------------------------------------

SHIFTED = Edition(CHAPTER, "shifted.md", "\n" * 7 + chapter_text())


def _refs(claim):
    found = []

    def walk(v):
        if isinstance(v, (Tex, CellValue)):
            found.append(v)
        elif isinstance(v, tuple):
            for x in v:
                walk(x)
    for name in ("function", "claimed", "lhs", "rhs", "at", "definitions"):
        walk(getattr(claim, name, None))
    return found


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.name)
def test_an_edition_seven_lines_down_finds_every_claim_and_reference_at_plus_seven(claim):
    moved = relocate(claim, chapter_text(), SHIFTED)
    assert moved.source == replace(claim.source, document="shifted.md",
                                   lines=(claim.source.lines[0] + 7, claim.source.lines[1] + 7))
    for before, after in zip(_refs(claim), _refs(moved)):
        assert after.document == "shifted.md"
        if isinstance(before, CellValue):
            assert after.line == before.line + 7
        elif before.lines is not None:
            assert after.lines == (before.lines[0] + 7, before.lines[1] + 7)


@pytest.mark.slow
def test_an_edition_seven_lines_down_gives_the_same_verdicts():
    chosen = [c for c in CLAIMS if c.name.startswith(("logsumexp", "bump", "backprop.code.auto"))]
    before = check_all(chosen, NUMERIC, texts=texts())
    after = check_all(chosen, NUMERIC, texts=texts(), editions=[SHIFTED])
    assert [(v.status, v.reason) for v in after] == [(v.status, v.reason) for v in before]
    assert all(v.moved_from == b.claim.source for v, b in zip(after, before))


def test_a_label_finds_the_formula_when_the_quote_is_gone():
    source = Source(lines=(9, 10), label="eq_part_der", document=CHAPTER)
    claim = replace(CLAIMS[0], source=source)
    moved = relocate(claim, chapter_text(), SHIFTED)
    assert moved.source.lines == (16, 17)


@pytest.fixture(scope="module")
def english():
    return Edition(CHAPTER, ENGLISH.name, ENGLISH.read_text(encoding="utf-8"))


def test_english_edition_finds_formulas_and_code_never_the_wrong_formula(english):
    from checkers.readers._anchors import Lost, _displays, formula_key

    moved = {c.name: relocate(c, chapter_text(), english) for c in CLAIMS}
    lost = sorted(n for n, m in moved.items() if isinstance(m, Lost))
    assert lost == sorted(LOST_IN_ENGLISH), lost
    for claim in CLAIMS:
        found = moved[claim.name]
        if isinstance(found, Lost):
            assert "not found in this edition" in found.message
            continue
        if claim.source.tab:  # code: the same statement at the new lines
            old, new = chapter_text().splitlines(), english.text.splitlines()
            for before, after in zip(_refs(claim), _refs(found)):
                if isinstance(before, CellValue):
                    assert new[after.line - 1].strip() == old[before.line - 1].strip()
        for before, after in zip(_refs(claim), _refs(found)):  # formulas: the same formula
            if isinstance(before, Tex) and before.lines:
                [a] = _at(_displays(chapter_text()), before.lines)
                [b] = _at(_displays(english.text), after.lines)
                assert formula_key(a.text) == formula_key(b.text)


def _at(blocks, lines):
    return [b for b in blocks if b.start <= lines[1] and lines[0] <= b.end]


LOST_IN_ENGLISH = [  # Portuguese prose with no inline formula long enough to find it by, and
    # descent-step, a formula the English writes otherwise (\\leftarrow for \\rightarrow)
    "gradient.descent-step", "optimum.poly.global-minimum-at-x=2",
    "taylor2.best-quadratic-any-function"]

FOUND_BY_INLINE_FORMULA = {  # Portuguese prose around a formula the English shares
    "gradient.cos(theta)=-1-at-pi": 160, "optimum.poly.f(0)=0": 198,
    "matrix.a_ki+a_ik-is-entry-of-A+AT": 717, "chain.df/da-paths-as-written": 272}


@pytest.mark.parametrize("name, line", sorted(FOUND_BY_INLINE_FORMULA.items()))
def test_prose_in_another_language_is_found_by_its_formula_and_quotes_it(english, name, line):
    [claim] = [c for c in CLAIMS if c.name == name]
    found = relocate(claim, chapter_text(), english)
    assert found.source.lines[0] == line
    formula = found.source.quote
    assert formula.startswith("$") and formula.endswith("$")
    assert formula[1:-1].replace(" ", "") in claim.source.quote.replace(" ", "")
    assert formula in english.text.splitlines()[line - 1]
    assert verify(found.source, english.text) is None


def _prose(quote, lines=(3, 3)):
    return replace(CLAIMS[0], source=Source(lines=lines, quote=quote, document="old.md"))


OLD = "# T\n\nwe set $x = 2$ and $a_{ki} + a_{ik}$ here\n"


@pytest.mark.parametrize("new, lost", [
    ("# T\n\nnous posons $x = 2$ et $a_{ki}+a_{ik}$ ici\n", False),
    ("# T\n\nnous posons $x = 2$ ici\n", True),  # only a short formula: identifies nothing
    ("# T\n\n$a_{ki} + a_{ik}$ et $a_{ki} + a_{ik}$\n", True),  # twice here, once there
])
def test_an_inline_formula_finds_prose_only_when_long_and_as_often_in_both(new, lost):
    from checkers.readers._anchors import Lost

    claim = _prose("we set $x = 2$ and $a_{ki} + a_{ik}$ here")
    found = relocate(claim, OLD, Edition("old.md", "new.md", new))
    assert isinstance(found, Lost) == lost
    if not lost:  # quoted as the new edition writes it, so its place holds there
        assert found.source.quote == "$a_{ki}+a_{ik}$" and found.source.lines == (3, 3)
        assert verify(found.source, new) is None


def test_run_document_checks_against_the_edition_and_says_moved(capsys):
    code = main(["run", "-k", "bump.code.quadratic", "--numeric-only", "--points", "8",
                 "--document", str(ENGLISH)])
    out = capsys.readouterr().out
    assert code == 1  # the pytorch and tensorflow quadratics are wrong in English too
    assert "bump.code.quadratic[pytorch]  [taylor]  lines 581-582 (pytorch) (moved from lines" \
           " 583-584 to lines 581-582)" in out


def test_run_document_says_which_claims_are_not_in_this_edition(capsys):
    assert main(["run", "-k", "optimum.poly.global-minimum-at-x=2", "--numeric-only",
                 "--document", str(ENGLISH)]) == 2
    out = capsys.readouterr().out
    assert "not found in this edition: its quote 'minimizamos nossa função" in out


def test_a_markdown_path_given_to_run_is_a_usage_error_that_suggests_document(capsys):
    assert main(["run", str(ENGLISH)]) == 2
    err = capsys.readouterr().err
    assert "is a document, not a derivation file" in err and f"--document {ENGLISH}" in err


def test_document_that_cannot_be_read_is_a_usage_error(capsys):
    assert main(["run", "--document", "/nonexistent/x.md"]) == 2
    assert "cannot read /nonexistent/x.md" in capsys.readouterr().err


def test_every_discrepancy_of_the_chapter_is_found_at_its_english_lines(english):
    from tests.test_chapter import DISCREPANCIES

    chosen = [c for c in CLAIMS if c.name in DISCREPANCIES]
    verdicts = check_all(chosen, Config(symbolic=False, points=16), texts=texts(),
                         editions=[english])
    assert sorted(v.claim.name for v in verdicts if v.status == "discrepancy") \
        == sorted(DISCREPANCIES)
    for v in verdicts:  # at the English lines, which stand 1-15 lines above the Portuguese
        assert v.moved_from is not None and v.claim.source.document == ENGLISH.name
        assert 0 < v.moved_from.lines[0] - v.claim.source.lines[0] <= 15
