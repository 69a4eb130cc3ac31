"""Declarative derivation files: every kind of claim, and the malformed ones."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

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
    ("[[claim]]\nname = \"x\"\nkind = \"gradiant\"\n", 3, "kind \"gradiant\" is not one of"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nfunction = \"x\"\nwrt = [\"x\"]\n"
     "at = [\"1\"]\nclaimed = \"1\"\nvariables = { x = \"complex\" }\n", 9,
     "variables: x: \"complex\" is not a kind of variable"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nfunction = \"x\"\n", 1,
     "a value claim needs wrt, at, claimed"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = 1\nwrt = [\"x\"]\nat = [\"1\"]\n"
     "claimed = \"1\"\nfunction = \"x\"\ncolour = \"red\"\n", 9, "unknown key colour"),
    ("[[claim]]\nname = \"x\"\nkind = \"value\"\nlines = \"one\"\nwrt = [\"x\"]\n"
     "at = [\"1\"]\nclaimed = \"1\"\nfunction = \"x\"\n", 4,
     "lines: expected [first, last] or one line number, got a string (\"one\")"),
])
def test_a_malformed_table_is_an_error_naming_file_line_and_claim(folder, body, line, fragment):
    path = write(folder, body)
    (claim,) = load([path]).claims
    (verdict,) = check_all([claim], Config(points=8))
    assert verdict.status == "error" and claim.error.line == line
    assert fragment in verdict.error and "what to do:" in verdict.error
    assert f"claim 'x' ({path}, line {line})" in verdict.error


@pytest.mark.parametrize("body, line, fragment", [
    ("document = \"missing.md\"\n[[no_claim]]\nlines = 1\nreason = \"r\"\n", 1,
     "document 'missing.md' not found"),
    ("[[claim]\nname = 1\n", 1, "not valid TOML"),
])
def test_a_file_that_cannot_be_read_names_file_and_line(folder, body, line, fragment):
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


# --- issue 10: every table is a claim, a no-claim or an error; one bad table hides nothing ----

def claim_table(name, claimed="2*x", header="[[claim]]"):
    return (f'{header}\nname = "{name}"\nkind = "derivative"\nlines = 1\n'
            f'variables = {{ x = "real" }}\nfunction = "x^2"\nwrt = "x"\nclaimed = "{claimed}"\n')


def run_cli(folder, *args):
    """``derivcheck run`` as a user runs it: a subprocess in the folder."""
    done = subprocess.run([sys.executable, "-m", "checkers", "run", "--points", "8", *args],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


@pytest.mark.parametrize("header", ["[[claim]]", "[[ claim ]]", '[["claim"]]', "[[ 'claim' ]]",
                                    "[[claim]]  # a comment"])
def test_every_spelling_of_an_array_of_tables_header_is_read(folder, header):
    found = load([write(folder, claim_table("a") + "\n" + claim_table("b", header=header))])
    assert [c.name for c in found.claims] == ["a", "b"]
    assert all(type(c).__name__ == "Derivative" for c in found.claims)


def test_an_inline_array_of_claims_is_the_same_claims_with_their_lines(folder):
    path = write(folder, """\
        claim = [
          { name = "a", kind = "derivative", lines = 1, variables = { x = "real" }, function = "x^2", wrt = "x", claimed = "2*x" },
          # a comment, and a string holding a header, must not fool the line finder
          { name = "b", kind = "derivative", lines = 1, variables = { x = "real" }, function = "x^2", wrt = ["x", "y"], claimed = "2*x", note = "[[claim]]" },
        ]
        """)
    a, b = load([path]).claims
    assert a.name == "a" and a.kind == "derivative" and type(a).__name__ == "Derivative"
    assert b.name == "b" and b.error.line == 4 and "wrt" in b.error.problem


def test_headers_and_keys_are_found_on_their_lines_whatever_the_spelling():
    import tomllib

    from checkers.readers._toml_places import line_of, places

    text = textwrap.dedent('''\
        document = "n.md"
        [[ claim ]]
        name = "a"   # [[claim]]
        wrt = [
          "x",  # ]
          "y",
        ]
        [claim.variables]
        x = "real"
        [["claim"]]
        note = """
        [[claim]]
        """
        claimed = 'x'
        [[ 'claim' ]]
        "name" = "c"
        ''')
    found = places(text, tomllib.loads(text))
    assert [found[("claim", i)] for i in range(3)] == [2, 10, 15]
    assert found[("claim", 0, "wrt", 1)] == 6 and found[("claim", 0, "variables", "x")] == 9
    assert line_of(found, ("claim", 1, "claimed")) == 14
    assert line_of(found, ("claim", 2, "wrt")) == 15  # a missing key: its table's line


def test_a_wrong_claim_in_any_spelling_is_checked_and_fails(folder):
    write(folder, claim_table("right", header="[[ claim ]]") + "\n"
          + claim_table("wrong", claimed="3*x", header="[[ 'claim' ]]"), "derivations.toml")
    done = run_cli(folder, "derivations.toml")
    assert done.returncode == 1
    assert "DISCREPANCY wrong" in done.stdout and "2 claims: 1 verified, 1 discrepancy" \
        in done.stdout


@pytest.mark.parametrize("body, fragments", [
    (claim_table("wrong", claimed="3*x", header="[claim]"),
     ["claim must be an array of tables", "write each as a [[claim]] table (two brackets)"]),
    ('colour = "red"\n' + claim_table("right"),
     ["unknown top-level key 'colour'", "a derivation file holds document"]),
])
def test_a_single_claim_table_or_an_unknown_key_is_an_error_not_a_pass(folder, body, fragments):
    write(folder, body, "derivations.toml")
    done = run_cli(folder, "derivations.toml")
    assert done.returncode == 2
    assert all(f in done.stdout for f in fragments), done.stdout


@pytest.mark.parametrize("body", ["", "# only a comment\n", 'document = "notes.md"\n'])
def test_a_file_with_no_claims_is_said_plainly_and_is_not_a_pass(folder, body):
    write(folder, body, "derivations.toml")
    done = run_cli(folder, "derivations.toml")
    assert done.returncode == 2 and "declares no claims" in done.stderr


def test_a_folder_with_only_no_claims_checks_nothing_and_says_so(folder):
    write(folder, '[[no_claim]]\nlines = 1\nreason = "a heading"\n', "derivations.toml")
    done = run_cli(folder, ".")
    assert done.returncode == 2 and "no claims in .: nothing was checked" in done.stderr


BASE = ('name = "c"\nkind = "value"\nlines = 1\nvariables = { x = "real" }\nfunction = "x^2"\n'
        'wrt = ["x"]\nat = ["1"]\nclaimed = "1"\n')


@pytest.mark.parametrize("change, line, fragments", [
    ({"at": "3"}, 8, ["at: expected an array of expressions, got an integer (3)",
                      'write at = ["1", "0"]']),
    ({"variables": '"x"'}, 5, ['variables: expected a table of variables, got a string ("x")',
                               'write variables = { x = "real"']),
    ({"claimed": None, "at": None}, 1, ["a value claim needs at, claimed", 'add at = ["1", "0"]']),
    ({"kind": '"derivative"', "at": None, "wrt": '["x", "y"]'}, 7,
     ["wrt: expected a string, got an array", "a derivative's wrt is one name",
      'use kind = "gradient"']),
    ({"at": '["1", true]'}, 8, ["at: element 2: expected an expression, got a boolean (true)"]),
    ({"at": '["1", nan]'}, 8, ["at: element 2: nan is not a finite number"]),
    ({"claimed": "{ latex = 1 }"}, 9, ["a LaTeX expression is { latex = '...' }, one string"]),
    ({"claimed": '{ lines = "x" }'}, 9, ["claimed: expected [first, last]"]),
    ({"variables": '{ x = "interval 0 inf" }'}, 5, ["the bound 'inf' is not finite"]),
    ({"variables": '{ x = "vector 0" }'}, 5, ["the size '0' is neither"]),
    ({"variables": '{ "x y" = "real" }'}, 5, ["'x y' is not an identifier"]),
    ({"name": '"two words"'}, 2, ["give a non-empty name without spaces"]),
    ({"kind": '"extremum"', "claimed": None, "nature": '"saddle"'}, 9,
     ["nature 'saddle': use minimum, maximum or neither"]),
    ({"kind": "3"}, 3, ["kind 3 is not one of gradient", 'write kind = "gradient"']),
    ({"lines": "[3, 1]"}, 4, ["line range (3, 1) is not 1-based and increasing"]),
    ({"definitions": '{ u = ["x", 1] }'}, 10, []),  # a column is an expression: no error here
])
def test_a_malformed_field_says_what_is_wrong_and_what_to_write(folder, change, line, fragments):
    table = dict(line.split(" = ", 1) for line in BASE.splitlines())
    for key, value in change.items():
        if value is None:
            table.pop(key)
        else:
            table[key] = value
    path = write(folder, "[[claim]]\n" + "".join(f"{k} = {v}\n" for k, v in table.items()))
    (claim,) = load([path]).claims
    if not fragments:
        assert type(claim).__name__ == "Value"
        return
    assert type(claim).__name__ == "Unreadable" and claim.error.line == line, claim.error
    message = str(claim.error)
    assert f"{path}, line {line}" in message and "what to do:" in message
    assert all(f in message for f in fragments), message
    assert "__init__" not in message and "NoneType" not in message


def test_one_bad_table_makes_one_error_and_every_other_claim_is_checked(folder):
    write(folder, claim_table("right") + "\n[[claim]]\nkind = \"value\"\nat = 3\n\n"
          + claim_table("d2").replace('wrt = "x"', 'wrt = ["x", "y"]') + "\n"
          + claim_table("wrong", claimed="3*x"), "derivations.toml")
    done = run_cli(folder, "derivations.toml")
    assert done.returncode == 2
    out = done.stdout
    assert "VERIFIED    right" in out and "DISCREPANCY wrong" in out
    assert "ERROR       derivations.toml:10  [value]" in out  # no name: the file and the line
    assert "ERROR       d2  [derivative]" in out
    assert "what to do: a derivative's wrt is one name" in out  # the console shows the hint
    assert "4 claims: 1 verified, 1 discrepancy, 0 undecided, 2 error" in out


def test_every_field_of_every_kind_has_a_toml_reader():
    from checkers.model._claims import KINDS, NoClaim
    from checkers.readers._toml_fields import _EXAMPLES, _READERS, keys_of

    for cls in (*KINDS, NoClaim):
        for key in keys_of(cls).values():
            assert key.annotation.removesuffix(" | None") in _READERS.keys() & _EXAMPLES.keys()


@pytest.mark.parametrize("kind", ['["value"]', '{ a = 1 }', "3", "true"])
def test_a_kind_of_any_toml_type_is_an_error_not_a_crash(folder, kind):
    (claim,) = load([write(folder, f'[[claim]]\nname = "c"\nkind = {kind}\n')]).claims
    assert claim.kind == "unreadable" and "is not one of gradient" in str(claim.error)


def test_the_report_of_a_file_with_a_bad_table_follows_the_schema(folder, capsys):
    import jsonschema

    from checkers.faces._cli import main

    path = write(folder, claim_table("right") + "\n[[claim]]\nname = \"bad\"\nkind = \"value\"\n")
    assert main(["report", str(path), "--out", str(folder / "report"), "--points", "8",
                 "--format", "json"]) == 2
    doc = json.loads((folder / "report" / "report.json").read_text())
    schema = json.loads((Path(__file__).parents[1] / "checkers" / "report"
                         / "report.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert "a value claim needs" in json.dumps(doc) and "ERROR       bad  [value]" \
        in capsys.readouterr().out
