"""Declarative derivation files: every kind of claim, and the malformed ones."""

import json
import textwrap

import pytest

from checkers import Config, DeclarationError, Reason, check_all
from checkers.readers._files import DerivationFileError, load

NOTES = textwrap.dedent("""\
    # Notes
    The function $f(x, y) = x^2 y$ has gradient $[2xy, x^2]$.

    $$
    \\frac{d}{dx} x^3 = 3x^2.
    $$
    :eqlabel:`eq_cube`
    """)

EVERY_KIND = textwrap.dedent("""\
    document = "notes.md"

    [[claim]]
    name = "g"
    kind = "gradient"
    lines = 2
    variables = { x = "real", y = "real" }
    function = "x^2*y"
    wrt = ["x", "y"]
    claimed = "[2*x*y, x^2]"

    [[claim]]
    name = "h"
    kind = "hessian"
    lines = 2
    variables = { x = "real", y = "real" }
    function = "x^2*y"
    wrt = ["x", "y"]
    claimed = "[[2*y, 2*x], [2*x, 0]]"

    [[claim]]
    name = "d"
    kind = "derivative"
    lines = [4, 7]
    variables = { x = "real" }
    function = "x^3"
    wrt = "x"
    claimed = { label = "eq_cube", side = 1 }

    [[claim]]
    name = "t"
    kind = "taylor"
    lines = 2
    variables = { x = "real", y = "real" }
    function = "x^2*y"
    wrt = ["x", "y"]
    at = ["1", "1"]
    order = 1
    claimed = "1 + 2*(x - 1) + (y - 1)"

    [[claim]]
    name = "v"
    kind = "value"
    lines = 2
    variables = { x = "positive", y = "interval -1 1" }
    function = "x^2*y"
    wrt = ["x", "y"]
    at = ["2", "0.5"]
    claimed = "2"

    [[claim]]
    name = "c"
    kind = "critical_points"
    lines = 2
    variables = { x = "real" }
    function = "x^3 - 3*x"
    wrt = ["x"]
    claimed = [["-1"], ["1"]]

    [[claim]]
    name = "e"
    kind = "extremum"
    lines = 2
    variables = { x = "real" }
    function = "x^3 - 3*x"
    wrt = ["x"]
    at = ["1"]
    nature = "minimum"

    [[claim]]
    name = "i"
    kind = "identity"
    lines = 2
    variables = { x = "vector n", A = "matrix n n", k = "index n" }
    lhs = "diff(x.T*A*x, x[k])"
    rhs = { latex = '[(\\mathbf{A} + \\mathbf{A}^\\top)\\mathbf{x}]_k' }

    [[claim]]
    name = "a"
    kind = "approximation"
    lines = 2
    variables = { w = "real", eps = "real", L = "function 1" }
    lhs = "L(w + eps)"
    rhs = "L(w) + eps*diff(L(w), w)"
    small = "eps"

    [[no_claim]]
    lines = [1, 1]
    reason = "a heading"
    """)


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "notes.md").write_text(NOTES)
    return tmp_path


def write(folder, text, name="d.toml"):
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_every_kind_of_claim_loads_and_holds(folder):
    found = load([write(folder, EVERY_KIND)])
    assert {c.kind for c in found.claims} == {
        "gradient", "hessian", "derivative", "taylor", "value", "critical_points",
        "extremum", "identity", "approximation"}
    assert found.texts["notes.md"] == NOTES and len(found.no_claims) == 1
    verdicts = check_all(found.claims, Config(points=16), texts=found.texts)
    assert [v.status for v in verdicts] == ["verified"] * len(verdicts), \
        [(v.claim.name, v.summary) for v in verdicts if v.status != "verified"]


@pytest.mark.parametrize("body, line, fragment", [
    ("[[claim]]\nname = \"x\"\nkind = \"gradiant\"\n", 3, "kind 'gradiant' is not one of"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nfunction = \"x\"\nwrt = [\"x\"]\n"
     "at = [\"1\"]\nclaimed = \"1\"\nvariables = { x = \"complex\" }\n", 9,
     "variable x = 'complex'"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nfunction = \"x\"\n", 1,
     "a value claim needs"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nwrt = [\"x\"]\nat = [\"1\"]\n"
     "claimed = \"1\"\nfunction = \"x\"\ncolour = \"red\"\n", 9, "unknown key(s) ['colour']"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = \"one\"\n", 4, "lines must be"),
    ("[[claim]]\nname = \"x\"\nkind = \"identity\"\nlines = 1\nlhs = \"1\"\nrhs = \"1\"\n"
     "notation_slip = \"yes\"\n", 2, "notation_slip='yes'; give True or False"),
    ("document = \"missing.md\"\n", 1, "document 'missing.md' not found"),
    ("[[claim]\nname = 1\n", 1, "not valid TOML"),
])
def test_malformed_files_name_file_and_line(folder, body, line, fragment):
    path = write(folder, body)
    with pytest.raises(DerivationFileError) as err:
        load([path])
    assert err.value.line == line and fragment in str(err.value)
    assert f"{path}, line {line}" in str(err.value)


def test_a_claim_that_cannot_be_read_is_an_error_verdict_not_a_crash(folder):
    path = write(folder, """\
        [[claim]]
        name = "bad"
        kind = "derivative"
        lines = 1
        variables = { x = "real" }
        function = "x^3"
        wrt = "x"
        claimed = "3x^2"
        """)
    (verdict,) = check_all(load([path]).claims, Config(points=8))
    assert verdict.status == "error" and verdict.reason == Reason.DECLARATION_ERROR
    assert "cannot read" in verdict.error
    assert "2*x, not 2x" in verdict.error


def test_a_notation_slip_is_declared(folder):
    path = write(folder, """\
        [[claim]]
        name = "literal"
        kind = "identity"
        lines = 2
        variables = { x = "real", y = "real" }
        lhs = "x^2*y"
        rhs = "1"
        note = "the text writes f(x, y) where it means f(1, 1)"
        notation_slip = true
        """)
    (claim,) = load([path]).claims
    assert claim.notation_slip is True


def test_injection_payloads_are_read_never_run(folder):
    marker = folder / "ran"
    payload = json.dumps(f"__import__('os').system('touch {marker}')")
    latex = json.dumps(f"\\input{{/etc/passwd}} {json.loads(payload)}")
    path = write(folder, f"""\
        [[claim]]
        name = "evil"
        kind = "identity"
        lines = 1
        variables = {{ x = "real" }}
        lhs = {payload}
        rhs = {{ latex = {latex} }}

        [[claim]]
        name = "evil-definition"
        kind = "identity"
        lines = 1
        variables = {{ x = "real" }}
        definitions = {{ y = {payload} }}
        lhs = "x"
        rhs = "x"
        """)
    verdicts = check_all(load([path]).claims, Config(points=8))
    assert [v.status for v in verdicts] == ["error", "error"]
    assert "cannot read" in verdicts[0].error
    assert not marker.exists()


def test_a_folder_is_searched_and_duplicate_names_are_refused(folder):
    write(folder, EVERY_KIND, "one.toml")
    write(folder, EVERY_KIND, "two.toml")
    with pytest.raises(DeclarationError, match="declared twice"):
        load([folder])
