"""The LaTeX reader's errors are public: importable from checkers, under the root exception, and
they survive pickling (the forkserver pool sends them between processes)."""

import pickle

import pytest

import checkers
from checkers import DerivcheckError, LatexError, LatexShapeError, ShapeError
from checkers.readers.latex import read_latex


def test_latex_errors_are_public_and_under_the_root():
    assert LatexError.__module__ == "checkers" and issubclass(LatexError, DerivcheckError)
    assert issubclass(LatexShapeError, LatexError) and issubclass(LatexShapeError, ShapeError)
    assert checkers.readers.latex.LatexError is LatexError


def test_a_shape_error_pickles_with_its_message():
    with pytest.raises(LatexShapeError) as info:
        read_latex(r"\mathbf{x} + y", shapes={"x": ("n", 1)})
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is LatexShapeError and str(again) == str(info.value)
    assert "of size n×1" in str(again)
