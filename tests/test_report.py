"""The discrepancy report: deterministic, valid against its schema, and saying what a maintainer
needs (where, what is claimed, what is true, a counterexample, a correction) — on real verdicts
of the bundled chapter."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import sympy as sp

import derivations
from checkers import Reason
from checkers.report._report import TRUTH_LIMIT, build_report, write_report
from checkers.kinds import resolve
from checkers.model._select import matcher

QUADRATIC = "bump.code.quadratic[pytorch]"
GRADIENT = "logsumexp.gradient-literal"
REJECTED = "matrix.d||X-UV||^2/dV.first-guess"
UNDECIDED = "chain.fig2.df/dy-three-paths"
VERIFIED = ("bump.code.quadratic[mxnet]", "logsumexp.gradient-at-(0,log2)")
NAMES = (QUADRATIC, GRADIENT, REJECTED, UNDECIDED, *VERIFIED)
SCHEMA = Path(__file__).resolve().parents[1] / "checkers" / "report" / "report.schema.json"
BY_NAME = {c.name: c for c in derivations.CLAIMS}


@pytest.fixture(scope="module")
def verdicts(chapter_verdicts):
    """The verdicts on NAMES, in that order, from the session's one run of the chapter."""
    return [chapter_verdicts[n] for n in NAMES]


@pytest.fixture(scope="module")
def reports(verdicts, tmp_path_factory):
    """The report written twice, into two directories."""
    dirs = [tmp_path_factory.mktemp(f"report{k}") for k in (1, 2)]
    written = [write_report(verdicts, d, seed=0, texts=derivations.texts()) for d in dirs]
    return dirs, written


@pytest.fixture(scope="module")
def doc(reports):
    return json.loads((reports[0][0] / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def markdown(reports):
    return (reports[0][0] / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(reports):
    return (reports[0][0] / "report.html").read_text(encoding="utf-8")


def _finding(doc, entry):
    (finding,) = [f for f in doc["findings"] if f["id"] == entry["finding"]]
    return finding


def _entry(doc, name):
    return next(e for e in doc["discrepancies"] if e["claim"]["name"] == name)


def test_the_verdicts_cover_what_the_report_must_show(verdicts):
    status = {v.claim.name: (v.status, v.expected_by_text) for v in verdicts}
    assert status[QUADRATIC] == ("discrepancy", False)
    assert status[GRADIENT] == ("discrepancy", False)
    assert status[REJECTED][1] is True
    assert status[UNDECIDED][0] == "undecided"
    assert all(status[n] == ("verified", False) for n in VERIFIED)


def test_files_written(reports):
    (first, _), (paths, _) = reports
    names = {p.relative_to(first).as_posix() for p in paths}
    assert {"report.md", "report.json", "report.html"} <= names
    assert all(p.exists() for p in paths)


def test_json_markdown_html_and_figures_are_byte_identical(reports):
    (first, second), (paths, _) = reports
    for path in paths:
        other = second / path.relative_to(first)
        assert path.read_bytes() == other.read_bytes(), f"{path.name} differs between two runs"


def test_build_report_is_the_json_written(verdicts, doc):
    built = build_report(verdicts, seed=0, texts=derivations.texts())
    assert json.loads(json.dumps(built)) == doc


def test_json_follows_the_schema(doc):
    import jsonschema
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["schema"] == "derivcheck-report/2"


def test_header(doc):
    import hashlib

    text = derivations.chapter_text()
    (document,) = doc["documents"]
    assert document["name"] == derivations.CHAPTER
    assert document["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc["seed"] == 0
    assert set(doc["tools"]) == {"derivcheck", "python", "sympy", "jax", "numpy"}
    counts = doc["counts"]
    assert counts["claims"] == len(NAMES)
    assert counts["verified"] == len(VERIFIED) and counts["undecided"] == 1
    assert counts["rejected_by_text"] == 1 and counts["open_discrepancies"] == 2


def test_sections(doc):
    assert [e["claim"]["name"] for e in doc["discrepancies"]] == [GRADIENT, QUADRATIC]
    (undecided,) = doc["undecided"]
    assert undecided["claim"]["name"] == UNDECIDED and undecided["reason"] == "numeric-only"
    (rejected,) = doc["rejected_by_text"]
    assert rejected["claim"]["name"] == REJECTED and "dimensions" in rejected["text_says"]
    assert doc["errors"] == [] and doc["tool_disagreements"] == []
    verified = [n for s in doc["verified"]["sections"] for n in s["claims"]]
    assert sorted(verified) == sorted(VERIFIED)


def test_the_pytorch_quadratic_in_markdown(markdown, doc):
    claim = BY_NAME[QUADRATIC]
    lines = derivations.chapter_text().splitlines()
    first, last = claim.source.lines
    assert (first, last) == (583, 584)
    start = markdown.index(f"#### 2. `{QUADRATIC}`")
    section = re.split(r"\n### ", markdown[start + 4:])[0]  # the claim, to its finding's end
    finding = markdown[markdown.rindex("\n### ", 0, start):start]
    # where: section, lines, tab, and the exact lines of the document (once, for the finding)
    assert "lines 583–584, pytorch tab" in finding and "Hessians" in finding
    assert "\n".join(lines[first - 1:last]) in finding
    # what is true, written around the expansion point (as line 549 of the text writes it)
    true = r"e^{-1} \left(-1 - \left(x + 1\right) + \left(x + 1\right)^{2} + y^{2}\right)"
    assert f"$$\nx e^{{- x^{{2}} - y^{{2}}}} \\approx {true}\n$$" in section
    # the counterexample (shrunk to the origin), each number named, with the error
    assert "at x = 0, y = 0: the value: claimed 0, true -0.3678794412 (relative error 1)" in section
    assert "\\[-1, 0\\]" in section  # the note, escaped for Markdown
    # one correction: the text's own line rewritten, as a diff, proved by re-checking it
    old_line, new_line = lines[583], ("w = torch.exp(torch.tensor([-1.]))*(-1 - (x + 1)"
                                      " + (x + 1)**2 + y**2)")
    assert f"```diff\n@@ -584,1 +584,1 @@\n-{old_line}\n+{new_line}\n```" in section
    assert f"Proved: with this change the checker verifies `{QUADRATIC}`" in section
    entry = _entry(doc, QUADRATIC)
    (finding,) = [f for f in doc["findings"] if f["id"] == entry["finding"]]
    fix = finding["correction"]
    assert fix["status"] == "proved" and fix["verifies"] == [QUADRATIC]
    assert fix["edit"] == {"document": derivations.CHAPTER, "first": 584, "last": 584,
                           "old": [old_line], "new": [new_line]}
    assert entry["counterexample"]["point"] == {"x": 0.0, "y": 0.0}
    assert entry["counterexample"]["true"] == pytest.approx(-float(sp.exp(-1)), rel=1e-11)
    assert entry["claimed"]["code"]["line"] == 584
    assert f"**Reproduce:** `{entry['claim']['reproduce']}`" in section


def test_markdown_math_and_anchors(markdown):
    assert markdown.count("$$") % 2 == 0
    assert "(#2-bumpcodequadraticpytorch)" in markdown  # GitHub's anchor of its heading
    assert "#### 2. `bump.code.quadratic[pytorch]`" in markdown
    assert "### Lines 583–584, pytorch tab: 1 discrepancy" in markdown
    assert "the text rejects it, and the checker agrees" in markdown


def test_gradient_truth_and_notation_slip(doc):
    entry = _entry(doc, GRADIENT)
    assert entry["true"]["source"] == "sympy"
    assert r"\frac{e^{x}}{e^{x} + e^{y}}" in entry["true"]["latex"]
    fix = _finding(doc, entry)["correction"]  # declared notation_slip: it means a point
    assert fix["status"] == "none" and "the slip is in the notation" in fix["reason"]
    assert entry["counterexample"]["claimed"] == [[pytest.approx(1 / 3)], [pytest.approx(2 / 3)]]
    named = [(q["name"], q["claimed"], q["true"]) for q in entry["counterexample"]["quantities"]]
    third = pytest.approx(1 / 3)
    assert named == [("∂f/∂x", third, 0.5), ("∂f/∂y", pytest.approx(2 / 3), 0.5)]


def test_a_notation_slip_is_the_claim_s_field_not_words_of_its_note(verdicts):
    from dataclasses import replace

    by_name = {v.claim.name: v for v in verdicts}
    gradient, quadratic = by_name[GRADIENT], by_name[QUADRATIC]
    assert "literally" in gradient.claim.note
    unmarked = replace(gradient, claim=replace(gradient.claim, notation_slip=False))
    marked = replace(quadratic, claim=replace(quadratic.claim, notation_slip=True))
    doc = build_report([unmarked, marked], seed=0, texts=derivations.texts())
    said = {e["claim"]["name"]: _finding(doc, e)["correction"] for e in doc["discrepancies"]}
    assert "notation" not in said[GRADIENT]["reason"]  # typed in its declaration: not re-checkable
    assert "types its formula" in said[GRADIENT]["reason"]
    assert said[QUADRATIC]["status"] == "none" and "notation" in said[QUADRATIC]["reason"]


@pytest.mark.parametrize("reason, said", [
    (Reason.TIME_BUDGET, "symbolic-time-budget"), (Reason.NUMERIC_ONLY, "numeric-only"),
    (Reason.WITNESSES_DISAGREE, "witnesses-disagree"), (Reason.SYMBOLIC_ONLY, "other"),
    (Reason.TOOL_DISAGREEMENT, "other"), (Reason.NEITHER_DECIDES, "other"),
    (Reason.NOT_CHECKED, "other")])
def test_the_reason_of_an_undecided_claim_is_its_code(verdicts, reason, said):
    from dataclasses import replace

    undecided = next(v for v in verdicts if v.claim.name == UNDECIDED)
    misleading = "numeric only: the witnesses disagree; ran out of its time budget"
    chosen = replace(undecided, reason=reason, summary=misleading)
    doc = build_report([chosen], seed=0, texts=derivations.texts())
    assert doc["undecided"][0]["reason"] == said


def test_truths_are_short(doc):
    for entry in doc["discrepancies"]:
        assert entry["true"]["latex"] is None or len(entry["true"]["latex"]) <= TRUTH_LIMIT


def test_reproducing_commands_select_exactly_the_claim(doc):
    items = doc["discrepancies"] + doc["undecided"] + doc["rejected_by_text"]
    for item in items:
        command = shlex.split(item["claim"]["reproduce"])
        assert command[:3] == ["derivcheck", "run", "-k"] and command[4:] == ["--seed", "0"]
        chosen = [c.name for c in derivations.CLAIMS if matcher(command[3])(c)]
        assert chosen == [item["claim"]["name"]]


def test_figures_of_both_kinds(doc, reports):
    import matplotlib  # noqa: F401  (a dependency: the figures must be there)
    kinds = {e["claim"]["name"]: e["figure"]["kind"] for e in doc["discrepancies"]}
    assert kinds == {QUADRATIC: "taylor-slices", GRADIENT: "errors"}
    for entry in doc["discrepancies"]:
        svg = (reports[0][0] / entry["figure"]["file"]).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "<dc:date>" not in svg  # no timestamp


_EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
                       r"""|url\(\s*["']?\s*(?:https?:)?//|@import)""", re.IGNORECASE)


def test_html_is_self_contained(page, doc):
    assert not _EXTERNAL.search(page)
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert page.count("<svg") == len([e for e in doc["discrepancies"] if e["figure"]])
    assert "data:image/png;base64," not in page or "<img" in page


def test_html_is_readable(page):
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<nav>" in page and "href='#d01'" in page and "href='#d02'" in page
    assert page.index("id='discrepancies'") < page.index("id='verified'")
    assert "class='badge discrepancy'" in page and "class='badge verified'" in page
    assert "the text rejects it, and the checker agrees" in page
    assert QUADRATIC in page and "exp(-1)*(-1 - (x + 1) + (x + 1)**2 + y**2)" in page


def test_formats_and_missing_text(verdicts, tmp_path):
    written = write_report(verdicts[:2], tmp_path, seed=3, texts={}, formats=("json",))
    assert [p.name for p in written if p.suffix != ".svg"] == ["report.json"]
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert doc["documents"][0]["sha256"] is None
    assert all(e["claim"]["location"]["excerpt"] is None for e in doc["discrepancies"])
    assert all("--seed 3" in e["claim"]["reproduce"] for e in doc["discrepancies"])
    with pytest.raises(ValueError, match="pdf"):
        write_report(verdicts, tmp_path, seed=0, texts={}, formats=("pdf",))


def test_tool_disagreements_and_one_witness(verdicts, tmp_path):
    """A tool disagreement has its own section; a report of one witness alone still holds."""
    import jsonschema
    from dataclasses import replace

    from checkers import ToolDisagreement

    quadratic = next(v for v in verdicts if v.claim.name == QUADRATIC)
    odd = replace(quadratic, tool=ToolDisagreement(1.5, [[2.0], [float("nan")]], {"x": 0.5},
                                                   "SymPy's derivative differs from JAX's"),
                  symbolic=None)
    numeric_only = [replace(v, symbolic=None) for v in verdicts]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for chosen in ([odd], numeric_only, [replace(v, numeric=None) for v in verdicts]):
        doc = build_report(chosen, seed=0, texts=derivations.texts())
        jsonschema.Draft202012Validator(schema).validate(doc)
    doc = build_report([odd], seed=0, texts=derivations.texts())
    (tool,) = doc["tool_disagreements"]
    assert tool["jax"] == [[2.0], ["nan"]] and tool["point"] == {"x": 0.5}
    assert doc["discrepancies"][0]["true"]["source"] == "numeric"  # no SymPy truth to show
    paths = write_report([odd], tmp_path, seed=0, texts=derivations.texts(), formats=("md",))
    text = paths[-1].read_text(encoding="utf-8")
    assert "## Tool disagreements" in text and "says nothing about the text" in text


def test_without_matplotlib(verdicts, tmp_path, monkeypatch):
    from checkers.report import _figures

    monkeypatch.setattr(_figures, "available", lambda: False)
    written = write_report(verdicts, tmp_path, seed=0, texts=derivations.texts())
    assert not any(p.suffix == ".svg" for p in written)
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert all(e["figure"] is None for e in doc["discrepancies"])
    assert "<svg" not in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_html_renders_mathematics_and_parses_strictly(page):
    import html5lib

    # the claimed and the true side as MathML (SymPy's printer), the text's own formula too
    assert page.count("<math display='block'>") >= 4
    assert "<mi>e</mi>" in page or "<mi>&ExponentialE;</mi>" in page
    assert "<script" not in page.lower()
    # no SymPy placeholder (a dummy such as _L_1) in what a person reads
    assert not re.search(r"\b_[A-Za-z]+_\d", page)
    # one finding per place: the card holds its claims and one correction
    assert "<article class='card' id='f01'>" in page and "<section class='claim' id='d01'>" in page
    assert "<pre class='diff'>" in page
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def test_markdown_renders_math_and_names_sides(markdown):
    assert "**Claimed:**" in markdown and "$$\n" in markdown
    assert "\\\\mathbf" not in markdown  # a parser's message as it reads, not escaped twice
    assert "Suggested correction" not in markdown


@pytest.mark.slow
def test_the_patch_applies_and_its_corrections_verify(chapter_verdicts, config, tmp_path):
    """The proved corrections of the whole chapter as a patch: ``patch -p1`` applies it to a copy
    of the chapter, every claim it corrects then verifies, and no other verdict changes."""
    import shutil
    import subprocess

    from checkers import check_all
    from checkers.report._report import patch_of

    texts = derivations.texts()
    verdicts = list(chapter_verdicts.values())
    doc = build_report(verdicts, seed=0, texts=texts, config=config)
    proved = [f["correction"] for f in doc["findings"] if f["correction"]["status"] == "proved"]
    assert proved, "the bundled chapter has corrections that can be proved"
    fixed = {n for c in proved for n in c["verifies"]}
    assert "bump.code.quadratic[pytorch]" in fixed and "bump.code.quadratic[tensorflow]" in fixed
    # one place, one correction: line 584 is not proposed twice (nor at (1, 0) and at (−1, 0))
    edited = [(c["edit"]["document"], c["edit"]["first"]) for c in proved]
    assert len(edited) == len(set(edited))
    root = tmp_path / "copy"
    (root / "derivations" / "texts").mkdir(parents=True)
    chapter = root / "derivations" / "texts" / derivations.CHAPTER
    shutil.copyfile(Path(derivations.__file__).parent / "texts" / derivations.CHAPTER, chapter)
    (tmp_path / "fix.patch").write_text(patch_of(doc, texts), encoding="utf-8")
    subprocess.run(["patch", "-p1", "--quiet", "-i", str(tmp_path / "fix.patch")], cwd=root,
                   check=True)
    patched = chapter.read_text(encoding="utf-8")
    assert patched != texts[derivations.CHAPTER]
    again = {v.claim.name: v.status
             for v in check_all(derivations.CLAIMS, config, texts={derivations.CHAPTER: patched})}
    for name, v in chapter_verdicts.items():
        assert again[name] == ("verified" if name in fixed else v.status), name


@pytest.mark.slow
def test_report_patch_option_writes_a_diff_git_applies(tmp_path):
    import subprocess

    from checkers.faces._cli import main

    patch = tmp_path / "fix.diff"
    # with the mxnet tab, whose code holds, the run says which of line 584's rewrites is meant
    code = main(["report", "-k", "bump.code and not tensorflow", "--seed", "0", "--points", "16",
                 "--out", str(tmp_path / "r"), "--format", "json", "--patch", str(patch)])
    assert code == 1  # discrepancies remain: the comments' (1, 0)
    diff = patch.read_text(encoding="utf-8")
    assert diff.startswith("--- a/derivations/texts/multivariable-calculus.pt.md\n")
    assert "\n+w = torch.exp(torch.tensor([-1.]))*(-1 - (x + 1) + (x + 1)**2 + y**2)\n" in diff
    root = tmp_path / "repo"
    (root / "derivations" / "texts").mkdir(parents=True)
    (root / "derivations" / "texts" / derivations.CHAPTER).write_text(
        derivations.chapter_text(), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "apply", "--check", str(patch)], cwd=root, check=True)


def test_contradicting_rewrites_are_not_guessed(chapter_verdicts, config):
    """Alone, the pytorch tab's two failing claims at line 584 are each fixed by another
    rewrite (the expansion at (−1, 0) or at (1, 0)): without a claim that says which the text
    means, no correction is chosen."""
    names = [n for n in chapter_verdicts if n.startswith("bump.code") and "pytorch" in n]
    doc = build_report([chapter_verdicts[n] for n in names], seed=0, texts=derivations.texts(),
                       config=config)
    (finding,) = doc["findings"]
    fix = finding["correction"]
    assert fix["status"] == "none" and "contradict each other" in fix["reason"]
    assert "around (-1, 0)" in fix["reason"] and "around (1, 0)" in fix["reason"]
