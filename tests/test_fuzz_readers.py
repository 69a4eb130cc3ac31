"""Fuzzing the readers (issue 10): the expression syntax, the LaTeX reader (``read-latex``'s
``read_relation``) and the code-cell translator. Every generated text ends in a value or in
the documented error (a DerivcheckError with a message) -- never another exception, never a
hang. Texts are only parsed: nothing generated is executed.

Fast by default (about 100 inputs each); ``HYPOTHESIS_PROFILE=campaign`` runs a few thousand
each and prints the counts (inputs, values, errors, tracebacks, hangs) per entry point. The
regression tests for the examples of issue 10 come first.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkers
from checkers import DerivcheckError
from checkers.readers import _syntax
from checkers.readers._code_translator import translate_cell
from checkers.readers._limits import MAX_DEPTH
from checkers.readers.latex import LatexError, read_latex, read_relation

CAMPAIGN = os.environ.get("HYPOTHESIS_PROFILE") == "campaign"
EXAMPLES = 2500 if CAMPAIGN else 100
SECONDS = 10  # one input; more is a hang
COUNTS: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
ROOT = str(Path(checkers.__file__).parent.parent)

X, Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
NAMES = {"x": X, "y": Y, "A": sp.MatrixSymbol("A", 2, 2), "v": sp.Matrix([X, Y]),
         "f": sp.Function("f")}


def _syntax_read(text):
    return _syntax.parse(text, NAMES, {"f": 1})


def _latex_read(text):
    return read_relation(text, shapes={"A": (2, 2), "x": ("n", 1)})


def _code_read(text):
    return translate_cell(text, first_line=1, tab="numpy")


# --- regression: the examples of issue 10 ---------------------------------------------------

def _quick(read, text, seconds=5.0):
    started = time.monotonic()
    try:
        read(text)
        outcome = None
    except DerivcheckError as err:
        outcome = err
    assert time.monotonic() - started < seconds, f"{text[:40]!r} took too long"
    return outcome


@pytest.mark.parametrize("read, text", [
    (read_latex, "9^{9^{9}}"),
    (_syntax_read, "9^9^9"),
    (_syntax_read, "9**9**9"),
    (_code_read, "x = 9**9**9"),
    (_code_read, "import numpy as np\nx = np.array([2.0, 3.0])**10**9"),
    (_syntax_read, "2^(10^100)"),
    (_syntax_read, "1e999999999 + x"),
    (_code_read, "x = 1e999999999"),
    (_syntax_read, "sum(x^i, i, 1, 99999999)"),
    (read_latex, r"\sum_{i=1}^{99999999} i"),
    (_syntax_read, "exp(x - 1000000000*log(2))"),  # SymPy makes it 2**-1000000000*exp(x)
    (_syntax_read, "e^(1000000000*log(3))"),
    (read_latex, r"\exp(x - 1000000000 \log 2)"),
    (read_latex, r"e^{1000000000 \log 2}"),
    (_code_read, "import numpy as np\nx = np.exp(1000000000*np.log(2))"),
])
def test_a_number_too_large_to_compute_is_refused_with_a_message(read, text):
    err = _quick(read, text)
    assert err is not None and ("power" in str(err) or "sum of" in str(err)
                                or "number" in str(err)), err
    assert "what to do" in str(err) or "; " in str(err)  # the hint


def test_small_exact_powers_and_symbolic_large_ones_still_read():
    assert _syntax_read("2^10") == 1024
    assert _syntax_read("x^100000") == X ** 100000
    assert read_latex("2^{10}") == 1024
    assert _syntax_read("sum(i, i, 1, 100)").doit() == 5050


@pytest.mark.parametrize("read, text", [
    (read_latex, "{" * 130 + "x" + "}" * 130),
    (read_latex, "(" * 130 + "x" + ")" * 130),
    (read_latex, r"\frac{" * 130 + "x" + "}{2}" * 130),
    (_syntax_read, "(" * 130 + "x" + ")" * 130 + "+" + "(x+" * 130 + "x" + ")" * 130),
    (_syntax_read, "-" * 500 + "x"),
    (_syntax_read, "^".join(["x"] * 300)),
    (_code_read, "x = " + "-" * 500 + "1"),
])
def test_deep_nesting_is_a_clear_error_not_a_recursion_error(read, text):
    err = _quick(read, text)
    assert err is not None and "deep" in str(err), err


@pytest.mark.parametrize("read, text", [
    (read_latex, "+".join(f"x^{{{k}}}" for k in range(400))),
    (_syntax_read, "+".join(f"x^{k}" for k in range(400))),
    (_syntax_read, "*".join(["x"] * 400)),
])
def test_a_long_flat_sum_reads(read, text):
    assert _quick(read, text, seconds=20) is None


def test_the_latex_reader_grows_linearly_not_faster():
    """12k characters of \\frac{x}{y}+ once took 19 s (the reader was superlinear). Reading 4
    times the text must take well under 16 times the CPU time (about 4 times: linear); CPU
    time, so that load does not decide (speed targets live in bench/)."""
    read_latex("x")  # the grammar compiled

    def cpu(terms: int) -> float:
        text = "+".join([r"\frac{x}{y}"] * terms)
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            assert str(read_latex(text)) == f"{terms}*x/y"
            best = min(best, time.process_time() - started)
        return best

    assert cpu(1000) < 8 * max(cpu(250), 0.01)


def test_a_text_too_long_is_refused():
    for read in (read_latex, _syntax_read):
        err = _quick(read, "x+" * 20000 + "x")
        assert err is not None and "characters" in str(err)


def test_bare_norms_are_still_reported_when_they_read_two_ways():
    with pytest.raises(LatexError, match="reads two ways"):
        read_latex(r"\|a\|b\|c\|")


@pytest.mark.parametrize("tex", ["9^{9^{9}}", "{" * 200 + "x" + "}" * 200,
                                 r"\sum_{i=1}^{99999999} i", "x^{" * 100 + "}" * 100])
def test_read_latex_on_the_command_line_exits_2_without_a_traceback(tex):
    env = {**os.environ, "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-m", "checkers", "read-latex", tex],
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and out.stderr.strip()


# --- the generated inputs -------------------------------------------------------------------

SYNTAX_TOKENS = ["x", "y", "A", "v", "f", "e", "pi", "i", "0", "1", "2", "9", "0.5", "1e9",
                 "99999999", "+", "-", "*", "/", "^", "**", "@", ".T", "(", ")", "[", "]",
                 ",", " ", "sin", "log", "exp", "sqrt", "norm", "det", "inv", "tr", "sum",
                 "diff", "subs", "partial", "x[1]", "[[1, 2], [3, 4]]", "[x, y]",
                 # the forms of issue 11
                 "limit", "integral", "product", "oo", "-oo", '"+"', "factorial", "binomial",
                 "gamma", "k", "n"]
LATEX_TOKENS = ["x", "y", "A", "n", "i", "1", "2", "9", "0.5", "+", "-", "=", "^", "_", "{",
                "}", "(", ")", "[", "]", ",", "&", r"\\", " ", r"\frac", r"\sqrt", r"\sum",
                r"\partial", r"\nabla", r"\cdot", r"\|", r"\left(", r"\right)", r"\left|",
                r"\right|", r"\mathbf{x}", r"\top", r"\sin", r"\log", r"\exp", r"\alpha",
                r"\approx", r"\begin{pmatrix}", r"\end{pmatrix}", r"\begin{aligned}",
                r"\end{aligned}", r"\text{ for }", r"\quad", "d", "x_1", "x_i", r"\ldots",
                # the book's notation (issue 12)
                r"\lim_", r"\to", r"\rightarrow", r"\infty", r"\int", r"\,", "dx", "!",
                r"\binom", r"\prod", "f'", "f''", "^{(n)}", r"\operatorname{sgn}",
                r"\textrm{and}", r"\det", r"\mathrm{d}", r"\hat{\theta}", "0^+"]
CODE_TOKENS = ["x", "y", "np", "torch", "=", " ", "\n", "+", "-", "*", "/", "**", "@", "(",
               ")", "[", "]", ",", ".", ":", "0", "1", "2", "9", "1.5", "1e300", "def ", "f",
               "return ", "import numpy as np\n", "np.array", "np.exp", "np.sin", "np.sum",
               "np.arange", "np.linspace", "print", "lambda", "for ", " in ", "range",
               "x.T", "x.grad", "with ", "__import__", "open", "'os'", "eval", "#",
               # the book's cells (issue 12)
               "for i in range(", "enumerate", "zip", "torch.zeros", "torch.pi", ".item()",
               "tf.acos", "torch.tensor", "[i for i in x]", "+=", ".append(", "if ", "else",
               "import torch\n", "x, y = ", "torch.pi = ", "10000"]


def _soup(tokens):
    return st.lists(st.sampled_from(tokens), max_size=40).map("".join)


def _nested(opening, closing, middle):
    return st.builds(lambda n, m: opening * n + m + closing * n,
                     st.integers(0, 3 * MAX_DEPTH), middle)


def _chain(item, operator):
    return st.builds(lambda n, it: operator.join([it] * n), st.integers(1, 800), item)


def _tower(power):
    return st.builds(lambda parts: power.join(parts),
                     st.lists(st.sampled_from(["9", "2", "x", "10", "0.5", "-1", "(1/2)"]),
                              min_size=2, max_size=5))


SYNTAX = st.one_of(_soup(SYNTAX_TOKENS), _nested("(", ")", _soup(SYNTAX_TOKENS)),
                   _chain(_soup(SYNTAX_TOKENS), "+"), _tower("^"), _tower("**"),
                   st.text(max_size=60))
LATEX = st.one_of(_soup(LATEX_TOKENS), _nested("{", "}", _soup(LATEX_TOKENS)),
                  _nested(r"\frac{", "}{2}", _soup(LATEX_TOKENS)),
                  _chain(_soup(LATEX_TOKENS), "+"), _tower("^{").map(lambda t: t + "}" *
                                                                      t.count("{")),
                  st.text(max_size=60))
CODE = st.one_of(_soup(CODE_TOKENS), _soup(CODE_TOKENS).map(lambda s: "x = " + s),
                 _nested("(", ")", _soup(CODE_TOKENS)).map(lambda s: "x = " + s),
                 _tower("**").map(lambda s: "x = " + s), _chain(_soup(CODE_TOKENS), "+"),
                 st.text(max_size=60))


class Hang(BaseException):
    pass


def _alarm(signum, frame):
    raise Hang(f"over {SECONDS} s")


def _run(entry: str, read, text: str) -> None:
    counts = COUNTS[entry]
    counts["inputs"] += 1
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        read(text)
        counts["values"] += 1
    except DerivcheckError as err:
        assert str(err).strip(), "an error without a message"
        counts["errors"] += 1
    except Hang:
        counts["hangs"] += 1
        _keep(entry, text, "hang")
        if not CAMPAIGN:
            raise AssertionError(f"{entry} hangs on {text[:200]!r}") from None
    except Exception:
        counts["tracebacks"] += 1
        _keep(entry, text, "traceback")
        if not CAMPAIGN:
            raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _keep(entry: str, text: str, what: str) -> None:
    if not CAMPAIGN:
        return
    import traceback

    with open(os.environ.get("FUZZ_LOG", "/tmp/derivcheck-fuzz-readers.log"), "a") as log:
        log.write(f"{'=' * 60}\n{entry} {what}: {text!r}\n{traceback.format_exc()}\n")


_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                     suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(SYNTAX)
def test_any_expression_text_ends_in_a_value_or_a_documented_error(text):
    _run("syntax", _syntax_read, text)


@_SETTINGS
@given(LATEX)
def test_any_latex_text_ends_in_a_value_or_a_documented_error(text):
    _run("read-latex", _latex_read, text)


@_SETTINGS
@given(CODE)
def test_any_code_cell_ends_in_a_value_or_a_documented_error(text):
    _run("code cells", _code_read, text)


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if CAMPAIGN:
        for entry, counts in COUNTS.items():
            print(f"\nreaders fuzz campaign, {entry}: {dict(counts)}")
