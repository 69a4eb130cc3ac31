"""The README's example of checking another text runs exactly as written there."""

import re
from pathlib import Path

import pytest

from checkers.faces._cli import main

README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"<!-- file: (?P<name>[\w.]+) -->\n```\w*\n(?P<body>.*?)```", re.S)


@pytest.fixture()
def example(tmp_path):
    files = {m["name"]: m["body"] for m in BLOCK.finditer(README.read_text(encoding="utf-8"))}
    assert set(files) == {"notes.md", "derivations.toml", "my_derivations.py"}
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_the_readme_example_matches_the_examples_folder(example):
    shipped = Path(__file__).parent.parent / "examples" / "softplus"
    for name in ("notes.md", "derivations.toml"):
        assert (example / name).read_text() == (shipped / name).read_text()


def test_the_toml_derivations_run_with_the_cli(example, capsys):
    assert main(["run", str(example / "derivations.toml"), "--points", "16"]) == 1
    out = capsys.readouterr().out
    assert "DISCREPANCY softplus.curvature-at-0" in out
    assert "4 claims: 3 verified, 1 discrepancy" in out
    assert main(["coverage", str(example / "derivations.toml")]) == 0
    assert "(100%)" in capsys.readouterr().out


def test_the_python_derivations_run_with_the_cli(example, capsys):
    assert main(["run", str(example / "my_derivations.py"), "--points", "16"]) == 1
    out = capsys.readouterr().out
    assert "DISCREPANCY py.softplus.curvature-at-0" in out
    assert "3 claims: 2 verified, 1 discrepancy" in out


def test_the_example_runs_under_pytest(example, pytester):
    for path in example.iterdir():
        (pytester.path / path.name).write_text(path.read_text())
    result = pytester.runpytest_subprocess("--derivations", "derivations.toml", "-p",
                                           "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*Falsifying example: softplus.curvature-at-0*"])


def test_the_report_of_another_text_quotes_it_and_reproduces_with_its_files(example, capsys):
    toml = str(example / "derivations.toml")
    assert main(["report", toml, "--out", str(example / "report"), "--points", "16"]) == 1
    markdown = (example / "report" / "report.md").read_text()
    assert "# derivcheck report: notes.md" in markdown
    assert r"$s''(0) = \frac{1}{2}$" in markdown  # the excerpt of the user's own text
    assert f"derivcheck run {toml} -k softplus.curvature-at-0 --seed 0" in markdown
