"""``derivcheck mutate`` as a user runs it on their own file: the table, the missed mutants with
their claim, place, operator and expression, and the exit code."""

import textwrap

import pytest

from checkers.faces._cli import main

CLAIMS = """\
    [[claim]]
    name = "square"
    kind = "derivative"
    lines = 1
    variables = {{ x = "real" }}
    function = "x^2"
    wrt = "x"
    claimed = "2*x"

    [[claim]]
    name = "wrong"
    kind = "derivative"
    lines = 1
    variables = {{ x = "real" }}
    function = "x^2"
    wrt = "x"
    claimed = "3*x"

    [[claim]]
    name = "tiny"
    kind = "value"
    lines = 1
    variables = {{ x = "real" }}
    function = "x"
    wrt = ["x"]
    at = ["{tiny}"]
    claimed = "{tiny}"
    """


@pytest.fixture()
def path(tmp_path):
    (tmp_path / "notes.md").write_text("notes\n")
    path = tmp_path / "mine.toml"
    path.write_text('document = "notes.md"\n\n'
                    + textwrap.dedent(CLAIMS.format(tiny="1/1000000000000")))
    return str(path)


def test_every_mutant_caught_exits_0(path, capsys):
    assert main(["mutate", path, "-k", "square", "--operators", "sign,coefficient"]) == 0
    out = capsys.readouterr().out
    assert "1 verified claims, 2 mutants" in out and "numeric: 2 of 2 mutants checked" in out
    row = next(line for line in out.splitlines() if line.startswith("sign"))
    assert row.split() == ["sign", "1"] + ["1", "0", "0"] * 3
    assert "MISSED" not in out


def test_a_missed_mutant_exits_1_and_is_listed(path, capsys):
    """Doubling 10^-12 is below JAX's absolute tolerance: JAX alone misses it, SymPy not."""
    code = main(["mutate", path, "-k", "tiny", "--operators", "coefficient"])
    out = capsys.readouterr().out
    assert code == 1
    missed = out[out.index("MISSED"):]
    assert "tiny~coefficient#" in missed and "claim tiny, line 1" in missed
    assert "mutated: 1/500000000000" in missed and "missed by: numeric" in missed
    row = next(line for line in out.splitlines() if line.startswith("coefficient"))
    assert row.split() == ["coefficient", "1", "1", "0", "0", "1", "0", "0", "0", "0", "1"]


def test_only_wrong_claims_make_no_mutant_and_an_unknown_operator_is_a_usage_error(path,
                                                                                   capsys):
    assert main(["mutate", path, "-k", "wrong"]) == 0
    assert "0 verified claims, 0 mutants" in capsys.readouterr().out
    assert main(["mutate", path, "--operators", "sign,flip"]) == 2
    err = capsys.readouterr().err
    assert "unknown operator flip" in err and "choose among sign, coefficient" in err
