"""Values of code cells named from TOML (``{ cell = TAB, variable = NAME, line = N }``), read from
the derivation file's own document, and a statement the translator cannot follow making only the
claims that depend on it an error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checkers import Config, Identity, Source, check_all
from checkers.faces._cli import main

from checkers.model._claims import CellValue
from checkers.readers._files import load

FENCE = "`" * 3

CHAPTER = textwrap.dedent(f"""\
    # A chapter

    The square is $f(x) = x^2$.

    {FENCE}{{.python .input}}
    #@tab pytorch
    import torch
    a = torch.tensor(3.0)
    b = torch.mystery(a)
    c = b + 1
    d = a * a
    for k in [1, 2, 3]:
        e = d * k
    {FENCE}
    """)
# line 8: a = ..., 9: b = mystery (unsupported), 10: c (depends on b), 11: d, 12-13: the loop

CLAIMS = textwrap.dedent("""\
    document = "chapter.md"

    [[claim]]
    name = "text.square"
    kind = "identity"
    lines = [3, 3]
    quote = 'f(x) = x^2'
    variables = { x = "real" }
    lhs = "x*x"
    rhs = "x^2"

    [[claim]]
    name = "code.a[pytorch]"
    kind = "identity"
    lines = [8, 8]
    tab = "pytorch"
    quote = 'a = torch.tensor(3.0)'
    lhs = { cell = "pytorch", variable = "a", line = 8 }
    rhs = "3"

    [[claim]]
    name = "code.c[pytorch]"
    kind = "identity"
    lines = [10, 10]
    tab = "pytorch"
    quote = 'c = b + 1'
    lhs = { cell = "pytorch", variable = "c", line = 10 }
    rhs = "4"

    [[claim]]
    name = "code.d[pytorch]"
    kind = "identity"
    lines = [11, 11]
    tab = "pytorch"
    quote = 'd = a * a'
    lhs = { cell = "pytorch", variable = "d", line = 11 }
    rhs = "9"

    [[claim]]
    name = "code.e-pass-3[pytorch]"
    kind = "identity"
    lines = [12, 13]
    tab = "pytorch"
    quote = 'e = d * k'
    lhs = { cell = "pytorch", variable = "e", line = 13, iteration = 3 }
    rhs = "27"
    """)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cellrefs")
    (path / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    (path / "claims.toml").write_text(CLAIMS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def verdicts(folder: Path) -> dict:
    found = load([folder])
    checked = check_all(found.claims, Config(seed=0, budget=30), texts=found.texts)
    return {v.claim.name: v for v in checked}


def test_only_the_claim_that_reads_the_statement_is_an_error(verdicts: dict) -> None:
    statuses = {name: v.status for name, v in verdicts.items()}
    assert statuses == {"text.square": "verified", "code.a[pytorch]": "verified",
                        "code.c[pytorch]": "error", "code.d[pytorch]": "verified",
                        "code.e-pass-3[pytorch]": "verified"}


def test_the_error_names_the_line_the_statement_and_what_to_do(verdicts: dict) -> None:
    message = verdicts["code.c[pytorch]"].error
    assert "line 9 (`b = torch.mystery(a)`)" in message
    assert "unknown call torch.mystery(...)" in message
    assert "what to do:" in message


def test_the_command_line_checks_every_claim(folder: Path, capsys) -> None:
    assert main(["run", str(folder / "claims.toml"), "--budget", "30"]) == 2
    out = capsys.readouterr().out
    assert "5 claims: 4 verified, 0 discrepancy, 0 undecided, 1 error" in " ".join(out.split())


def test_a_loop_line_without_iteration_asks_for_one(folder: Path) -> None:
    claim = Identity(name="e", source=Source(lines=(13, 13), document="chapter.md",
                                             tab="pytorch"),
                     lhs=CellValue("pytorch", "e", 13), rhs="9")
    (verdict,) = check_all([claim], Config(seed=0), texts=load([folder]).texts)
    assert verdict.status == "error"
    assert "gives 'e' 3 values (it runs in a loop)" in verdict.error
    assert "iteration = 1 ... 3" in verdict.error


def test_a_cell_value_reads_the_claims_own_document(folder: Path) -> None:
    """Without document=, a CellValue reads the document of its claim, never the bundled
    chapter."""
    ref = CellValue("pytorch", "d", 11)
    assert ref.document is None
    claim = Identity(name="d", source=Source(lines=(11, 11), document="chapter.md",
                                             tab="pytorch"), lhs=ref, rhs="9")
    texts = {"chapter.md": (folder / "chapter.md").read_text(encoding="utf-8")}
    (verdict,) = check_all([claim], Config(seed=0), texts=texts)
    assert verdict.status == "verified"


EXAMPLE = '{ cell = "pytorch", variable = "ys", line = 41 }'


@pytest.mark.parametrize("value, words, hint", [
    ('{ cell = "pytorch", variable = "d" }', "missing: line", EXAMPLE),
    ('{ cell = "pytorch", variable = "d", line = 11, row = 2 }', "unknown: row", EXAMPLE),
    ('{ cell = "pytorch", variable = "d", line = "11" }', "line: expected a whole number",
     EXAMPLE),
    ('{ cell = "pytorch", variable = "d", line = 11, iteration = 0 }', "passes count from 1",
     EXAMPLE),
    ('{ cell = "pytorch", variable = "d", line = 11, call = "x" }', "call: expected an array",
     'call = ["x", "y"]'),
])
def test_a_wrong_cell_reference_is_told(tmp_path: Path, value: str, words: str,
                                        hint: str) -> None:
    (tmp_path / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(textwrap.dedent(f"""\
        document = "chapter.md"
        [[claim]]
        name = "bad"
        kind = "identity"
        lines = [11, 11]
        lhs = {value}
        rhs = "9"
        """), encoding="utf-8")
    found = load([tmp_path])
    (claim,) = found.claims
    (verdict,) = check_all([claim], Config(seed=0), texts=found.texts)
    assert verdict.status == "error" and words in verdict.error
    assert f"what to do: write {hint}" in verdict.error
