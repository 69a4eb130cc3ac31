import subprocess
import sys

import pytest

from checkers.faces._cli import main


def test_help_is_instant_and_imports_nothing_heavy():
    code = ("import sys, checkers.faces._cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('jax', 'sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "usage: derivcheck" in out and out.strip().endswith("[]")


def test_list_shows_every_claim_with_its_source(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "bump.code.quadratic[pytorch]  [taylor]  lines 583-584, pytorch tab" in out
    assert "matrix.d(xTAx)/dx  [derivative]  lines 736-738" in out


def test_run_selected_claims_that_hold_exits_0(capsys):
    assert main(["run", "-k", "quadratic and mxnet", "--points", "8"]) == 0
    out = capsys.readouterr().out
    assert "VERIFIED" in out and "bump.code.quadratic[mxnet]" in out
    assert "1 claim: 1 verified" in out


def test_run_with_a_discrepancy_exits_1_and_shows_the_point(capsys):
    assert main(["run", "-k", "quadratic and pytorch", "--points", "8"]) == 1
    out = capsys.readouterr().out
    assert "DISCREPANCY bump.code.quadratic[pytorch]" in out
    assert "JAX: at (x=" in out and "claimed" in out and "but true" in out
    assert "\x1b[" not in out  # no colour codes when output is not a terminal


def test_rejected_guess_does_not_fail_the_run(capsys):
    assert main(["run", "-k", "first-guess"]) == 0
    out = capsys.readouterr().out
    assert "the text itself rejects this formula" in out


def test_usage_errors_exit_2_with_a_message(capsys):
    assert main(["run", "-k", "nothing-matches-this"]) == 2
    assert "matches no claim" in capsys.readouterr().err
    assert main(["list", "-k", "(quadratic"]) == 2
    assert "'(' is not closed" in capsys.readouterr().err


def test_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "checkers", "list", "-k", "hessian"],
                         capture_output=True, text=True, check=True).stdout
    assert "bump.hessian" in out


def test_read_latex_prints_sympy_in_python_syntax(capsys):
    assert main(["read-latex", r"\mathbf{x}^\top A \mathbf{x}", "--shape", "x=nx1",
                 "--shape", "A=nxn"]) == 0
    assert capsys.readouterr().out.strip() == "x.T*A*x"
    assert main(["read-latex", r"\log(e^x + e^y) + \beta + \epsilon_1"]) == 0
    assert capsys.readouterr().out.strip() == "beta + epsilon_1 + log(exp(x) + exp(y))"


def test_read_latex_errors_exit_2_and_quote_the_fragment(capsys):
    assert main(["read-latex", r"(\mathbf{X} - \mathbf{U}\mathbf{V})\mathbf{U}", "--shape",
                 "X=nxm", "--shape", "U=nxr", "--shape", "V=rxm"]) == 2
    err = capsys.readouterr().err
    assert "inner sizes m and n differ" in err and "position 0" in err
    assert main(["read-latex", "x", "--shape", "x=n"]) == 2
    assert "write NAME=ROWSxCOLS" in capsys.readouterr().err


def test_coverage_accounts_for_every_block(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    # 234 formulas and blocks (the 248 blocks less 14 code cells), 149 code statements
    assert "383 of 383 items accounted for (100%): 234 of 234 formulas and blocks, 149 of 149" \
        " code statements" in out
    assert "[reads]" in out and "LaTeX reader:" in out


def test_a_terminal_sees_a_progress_bar_and_colours():
    import io

    from rich.console import Console

    from checkers.faces._cli import _check, _parser

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    verdicts = _check(_parser().parse_args(["run", "-k", "bump.code.z", "--points", "8"]),
                      console)
    assert len(verdicts) == 3
    text = out.getvalue()
    assert "checking" in text and "\x1b[" in text


@pytest.mark.parametrize("option, value, allowed", [
    ("--points", "0", "give a whole number >= 1"), ("--points", "-5", "give a whole number >= 1"),
    ("--points", "1.5", "is not a whole number"), ("--budget", "0", "finite number of seconds"),
    ("--budget", "nan", "finite number of seconds"), ("--budget", "inf", "finite number of"),
    ("--budget", "-3", "above 0"), ("--seed", "-1", "give a whole number >= 0"),
    ("--jobs", "0", "give a whole number >= 1"),
])
@pytest.mark.parametrize("command", ["run", "report"])
def test_command_line_values_out_of_range_are_usage_errors(command, option, value, allowed):
    done = subprocess.run([sys.executable, "-m", "checkers", command, option, value],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"argument {option}: " in done.stderr and allowed in done.stderr, done.stderr


def test_read_latex_measures_a_document(tmp_path, capsys):
    doc = tmp_path / "chapter.md"
    doc.write_text("# T\n\n$$\nf'(x) = 2x\n$$\n\n$$\nP(A \\mid B) = 1\n$$\n\n"
                   "$$\n\\lim_{h \\to 0} h = 0\n$$\n", encoding="utf-8")
    assert main(["read-latex", "--document", str(doc)]) == 0
    out = capsys.readouterr().out
    assert f"{doc}: 2 of 3 display formulas read (66%)" in out
    assert "\\mid" in out and "line 8: \\mid" in out


def test_read_latex_wants_a_formula_or_a_document(tmp_path, capsys):
    assert main(["read-latex"]) == 2
    assert "needs a formula or --document" in capsys.readouterr().err
    assert main(["read-latex", "x", "--document", "a.md"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["read-latex", "--document", str(tmp_path / "missing.md")]) == 2
    assert "cannot read it" in capsys.readouterr().err
