"""Every exception a user can see: importable from ``checkers``, under one root, told one way
(claim, place, what is wrong, what to do), asserted fragment by fragment."""

import copy
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import checkers
from checkers import (CodeCellError, DeclarationError, Derivative, DerivationFileError,
                      DerivcheckError, ExpressionError, MarkdownError, ShapeError, Source,
                      UnsupportedExpression, UsageError, Var, vector)

PUBLIC = [DerivcheckError, DeclarationError, ExpressionError, ShapeError, UsageError,
          DerivationFileError, MarkdownError, CodeCellError, UnsupportedExpression]
SOURCE = Source(lines=(3, 4), section="S")
PLACE = "lines 3-4, section 'S'"


def _exported_errors():
    return [v for v in vars(checkers).values()
            if isinstance(v, type) and issubclass(v, BaseException)]


@pytest.mark.parametrize("error", PUBLIC, ids=lambda e: e.__name__)
def test_each_public_error_is_importable_from_checkers_under_the_root(error):
    assert getattr(checkers, error.__name__) is error
    assert issubclass(error, DerivcheckError)
    assert error.__module__ == "checkers"


def test_every_exception_checkers_exports_is_under_the_root_and_public():
    exported = _exported_errors()
    assert set(PUBLIC) <= set(exported)
    for error in exported:
        assert issubclass(error, DerivcheckError) and error.__module__ == "checkers", error


def test_exporting_the_errors_loads_neither_sympy_nor_jax():
    code = ("import sys\nfrom checkers import CodeCellError, MarkdownError, UnsupportedExpression\n"
            "print(sorted(m for m in ('jax', 'sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def _raised(call) -> DerivcheckError:
    with pytest.raises(DerivcheckError) as info:
        call()
    return info.value


def _resolve(**fields):
    from checkers.kinds import resolve

    claim = Derivative(name="d", source=SOURCE, variables=(Var("x"),), function="x^2",
                       wrt="x", claimed="2*x")
    return resolve(type(claim)(**{**vars(claim), **fields}), {})


def _told(err: DerivcheckError, *fragments: str) -> None:
    """The message holds each fragment, in this order."""
    text, at = str(err), 0
    for fragment in fragments:
        found = text.find(fragment, at)
        assert found >= 0, f"{fragment!r} not after position {at} in {text!r}"
        at = found + len(fragment)


def test_a_declaration_error_names_claim_place_problem_and_what_to_do():
    err = _raised(lambda: _resolve(wrt="y"))
    assert type(err) is DeclarationError
    assert (err.claim, err.where) == ("d", PLACE)
    _told(err, "claim 'd'", f"({PLACE})", ": wrt: 'y' is not a declared variable",
          "\n  what to do: ", "declare it in variables=(...)")


def test_an_expression_error_names_claim_place_problem_and_what_to_do():
    err = _raised(lambda: _resolve(claimed="2*q"))
    assert type(err) is ExpressionError
    _told(err, "claim 'd'", f"({PLACE})", ": claimed: unknown name 'q'",
          "\n  what to do: ", "declare it as a variable of the claim")


def test_a_shape_error_names_claim_place_and_problem():
    err = _raised(lambda: _resolve(variables=(vector("x", 2),), function="x.T*x",
                                   claimed="2"))
    assert type(err) is ShapeError
    _told(err, "claim 'd'", f"({PLACE})", "has shape scalar, but it must be 2×1")


def test_a_derivation_file_error_names_the_file_and_what_to_do(tmp_path):
    from checkers.readers._files import load

    table = ('[[claim]]\nname = "twice"\nkind = "identity"\nlines = 1\nlhs = "1"\n'
             'rhs = "1"\n')
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(table)
    second.write_text(table)
    err = _raised(lambda: load([first, second]))
    assert type(err) is DerivationFileError and err.path == second
    _told(err, "derivation", f"({second})", ": claim 'twice' is declared twice",
          "\n  what to do: ", "give every claim its own name")


def test_a_markdown_error_names_document_line_problem_and_what_to_do():
    from checkers.readers._markdown import read_blocks

    err = _raised(lambda: read_blocks("a\n```{.python .input}\nx = 1\n", "ch.md"))
    assert type(err) is MarkdownError and (err.document, err.line) == ("ch.md", 2)
    _told(err, "ch.md line 2", ": the code fence ``` opened here is never closed",
          "\n  what to do: ", "add a line with ```")


def test_a_code_cell_error_names_line_tab_problem_and_what_to_do():
    from checkers.readers._code_translator import translate_cell

    err = _raised(lambda: translate_cell("x = np.exp(1)", first_line=204, tab="mxnet"))
    assert type(err) is CodeCellError and (err.line, err.tab) == (204, "mxnet")
    _told(err, "line 204 (mxnet tab)", ": unknown name np", "\n  what to do: ")


def test_an_unsupported_expression_says_what_to_do():
    err = UnsupportedExpression("cannot evaluate gamma(x) numerically")
    _told(err, "cannot evaluate gamma(x) numerically", "\n  what to do: ", "--symbolic-only")


def test_a_usage_error_is_the_problem_then_what_to_do():
    err = UsageError("-k 'x' matches no claim", hint="see: derivcheck list")
    assert str(err) == "-k 'x' matches no claim\n  what to do: see: derivcheck list"


@pytest.mark.parametrize("err", [
    MarkdownError("ch.md", 2, "never closed", "close it"),
    CodeCellError(581, "pytorch", "torch.foo(...)", "unknown call torch.foo(...)", "add it"),
    UnsupportedExpression("cannot evaluate gamma(x) numerically"),
], ids=lambda e: type(e).__name__)
def test_any_error_told_about_a_claim_keeps_its_own_place(err):
    told = err.about("d", PLACE)
    assert (told.claim, told.where) == ("d", PLACE) and err.claim is None
    _told(told, "claim 'd'", f"({PLACE})", f": {err.where}: " if err.where else ": ",
          err.problem, "\n  what to do: ", err.hint)


def test_within_tells_the_field():
    err = DeclarationError("'y' is not a declared variable", hint="declare it")
    _told(err.within("wrt").about("d", PLACE), "claim 'd'", f"({PLACE})",
          ": wrt: 'y' is not a declared variable", "\n  what to do: declare it")


@pytest.mark.parametrize("err", [
    DeclarationError("bad", claim="d", where=PLACE, hint="fix it"),
    ShapeError("sizes differ", hint="transpose"),
    MarkdownError("ch.md", 2, "never closed", "close it"),
    CodeCellError(581, "pytorch", "torch.foo(...)", "unknown call", "add it"),
    DerivationFileError("no such file", path=Path("x.toml"), line=3, hint="give one"),
], ids=lambda e: type(e).__name__)
def test_errors_survive_pickle_and_copy_with_their_fields(err):
    for again in (pickle.loads(pickle.dumps(err)), copy.copy(err)):
        assert type(again) is type(err) and str(again) == str(err)
        assert vars(again) == vars(err)
