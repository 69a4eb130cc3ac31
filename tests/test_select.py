import re

import pytest

from checkers import UsageError
from checkers.model._select import matcher
from derivations import CLAIMS


def names(expression):
    return {c.name for c in CLAIMS if matcher(expression)(c)}


def test_words_match_name_kind_tab_and_section():
    assert names("pytorch and quadratic") == {"bump.code.quadratic[pytorch]"}
    assert "bump.hessian" in names("hessian")
    by_text = [c for c in CLAIMS if matcher("text")(c)]
    assert by_text and all(c.source.tab is None for c in by_text)  # 'text': claims of the prose


def test_not_or_and_parentheses():
    chosen = names("(quadratic or comment) and not (mxnet or text)")
    assert {"bump.code.quadratic[pytorch]", "bump.code.quadratic[tensorflow]",
            "bump.code.comment-at-(1,0)[pytorch]"} <= chosen
    tabs = {c.source.tab for c in CLAIMS if c.name in chosen}
    assert tabs == {"pytorch", "tensorflow"}


@pytest.mark.parametrize("expression, fragment", [
    ("", "empty"), ("a and", "ends too soon"), ("(a", "not closed"), ("a )", "unexpected ')'"),
    ("or a", "unexpected 'or'"),
])
def test_bad_expressions_are_usage_errors(expression, fragment):
    with pytest.raises(UsageError, match=re.escape(fragment)):
        matcher(expression)
