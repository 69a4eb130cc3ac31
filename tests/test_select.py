import re

import pytest

from checkers import UsageError
from checkers._select import matcher
from derivations import CLAIMS


def names(expression):
    return {c.name for c in CLAIMS if matcher(expression)(c)}


def test_words_match_name_kind_tab_and_section():
    assert names("pytorch and quadratic") == {"bump.code.quadratic[pytorch]"}
    assert "bump.hessian" in names("hessian")
    assert all("[" not in n for n in names("text"))  # 'text' is the tab of text claims


def test_not_or_and_parentheses():
    chosen = names("(quadratic or hessian) and not (mxnet or text)")
    assert chosen == {"bump.code.quadratic[pytorch]", "bump.code.quadratic[tensorflow]"}


@pytest.mark.parametrize("expression, fragment", [
    ("", "empty"), ("a and", "ends too soon"), ("(a", "not closed"), ("a )", "unexpected ')'"),
    ("or a", "unexpected 'or'"),
])
def test_bad_expressions_are_usage_errors(expression, fragment):
    with pytest.raises(UsageError, match=re.escape(fragment)):
        matcher(expression)
