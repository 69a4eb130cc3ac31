"""Fuzzing the TOML loader: generated derivation files (claims of every kind with mutated
types and values, random keys, random strings in expression fields, nested arrays, every
spelling of an array of tables) end in a documented error with its place, or in claims that
resolve or fail with a DeclarationError that names the claim -- never another exception, and
never a hang.

Fast by default; ``HYPOTHESIS_PROFILE=campaign`` runs a few thousand documents and prints the
counts (inputs, file errors, claims, claim errors, tracebacks, hangs).
"""

from __future__ import annotations

import collections
import json
import math
import os
import signal
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers import DeclarationError, DerivcheckError
from checkers.model._claims import KINDS
from checkers.readers._files import DerivationFileError, load
from checkers.kinds import resolve
from checkers.readers._toml_fields import keys_of

CAMPAIGN = os.environ.get("HYPOTHESIS_PROFILE") == "campaign"
EXAMPLES = 3000 if CAMPAIGN else 60
SECONDS = 20  # one document's load and resolve; more is a hang
COUNTS: collections.Counter = collections.Counter()
NOTES = "# Notes\n\n$$\n\\frac{d}{dx} x^3 = 3x^2\n$$\n:eqlabel:`eq_a`\n" + "line\n" * 20


# --- TOML text from Python values, in several spellings ------------------------------------

def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") \
            if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


def toml_key(key: str) -> str:
    bare = key and all(c in string.ascii_letters + string.digits + "_-" for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


HEADERS = ["[[claim]]", "[[ claim ]]", '[["claim"]]', "[[ 'claim' ]]", "[[claim]]  # c",
           "[claim]"]


def document_text(top: dict, claims: list[dict], no_claims: list[dict], spelling: int,
                  junk: tuple[int, str] | None) -> str:
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in top.items()]
    if spelling == len(HEADERS):  # claim = [{...}, ...], one element per line
        lines += ["claim = ["] + [f"  {toml_value(c)}," for c in claims] + ["]"]
    else:
        for claim in claims:
            lines += ["", HEADERS[spelling]] + [f"{toml_key(k)} = {toml_value(v)}"
                                                for k, v in claim.items()]
    for table in no_claims:
        lines += ["", "[[no_claim]]"] + [f"{toml_key(k)} = {toml_value(v)}"
                                         for k, v in table.items()]
    if junk is not None:
        at, text = junk
        lines.insert(at % (len(lines) + 1), text)
    return "\n".join(lines) + "\n"


# --- strategies ----------------------------------------------------------------------------

NAMES = st.sampled_from(["x", "y", "z", "w", "A", "B", "n", "k", "eps", "L", "f", "e", "pi"])
TOKENS = ["x", "y", "A", "w", "1", "2", "0.5", "+", "-", "*", "/", "^", "(", ")", "[", "]",
          ",", ".T", "sin", "exp", "log", "diff", "sum", "norm", "e", " ", "x[k]", "L(", "9"]
EXPRESSIONS = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=10).map("".join),
    st.text(max_size=12),
)
SPECS = st.one_of(
    st.sampled_from(["real", "positive", "nonnegative", "interval -1 1", "interval 1 0",
                     "vector n", "vector 3", "vector 0", "matrix n m", "matrix 2 2",
                     "index n", "function 1", "function 0", "interval 0 inf", "complex",
                     "vector -1", "matrix n", ""]),
    st.text(max_size=8),
)
SCALARS = st.one_of(st.text(max_size=8), st.integers(-10**20, 10**20), st.floats(),
                    st.booleans())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)
EXPRESSION_LIKE = st.one_of(
    EXPRESSIONS, st.integers(-5, 5),
    st.fixed_dictionaries({"latex": st.text(max_size=10)}),
    st.fixed_dictionaries({"label": st.sampled_from(["eq_a", "eq_b"])},
                          optional={"side": st.integers(-3, 3),
                                    "relation": st.integers(-1, 3)}),
    st.fixed_dictionaries({"lines": st.lists(st.integers(-1, 30), min_size=1, max_size=3)}),
    st.lists(EXPRESSIONS, min_size=1, max_size=3),
)
LIKELY = {  # a plausible value for each declared type; mutated to any value at times
    "str": st.text(max_size=10),
    "int": st.integers(-2, 4),
    "bool": st.booleans(),
    "ExprLike": EXPRESSION_LIKE,
    "tuple[str, ...]": st.one_of(NAMES, st.lists(NAMES, max_size=3)),
    "tuple[ExprLike, ...]": st.lists(EXPRESSIONS, max_size=3),
    "tuple[tuple[ExprLike, ...], ...]": st.lists(st.lists(EXPRESSIONS, max_size=2), max_size=3),
    "tuple[tuple[str, ExprLike], ...]": st.dictionaries(NAMES, EXPRESSIONS, max_size=2),
    "tuple[Var | Index | Fn, ...]": st.dictionaries(NAMES, SPECS, max_size=4),
    "tuple[int, int]": st.one_of(st.integers(-1, 30), st.lists(st.integers(-1, 30),
                                                               max_size=3)),
    "Tolerance": st.fixed_dictionaries({}, optional={"rtol": st.one_of(st.floats(), st.integers()),
                                                     "atol": st.floats(),
                                                     "reason": st.text(max_size=8)}),
}


X, XY = {"x": "real"}, {"x": "real", "y": "real"}
VALID = [  # one valid table of every kind, which the fuzzer mutates a few keys of
    dict(kind="gradient", variables=XY, function="x^2*y", wrt=["x", "y"],
         claimed="[2*x*y, x^2]"),
    dict(kind="hessian", variables=XY, function="x^2*y", wrt=["x", "y"],
         claimed="[[2*y, 2*x], [2*x, 0]]"),
    dict(kind="derivative", lines=[3, 5], variables=X, function="x^3", wrt="x",
         claimed={"label": "eq_a", "side": 1}),
    dict(kind="taylor", variables=XY, function="x^2*y", wrt=["x", "y"], at=["1", "1"], order=1,
         claimed="1 + 2*(x - 1) + (y - 1)"),
    dict(kind="value", variables={"x": "positive", "y": "interval -1 1"}, function="x^2*y",
         wrt=["x", "y"], at=["2", "0.5"], claimed="2"),
    dict(kind="critical_points", variables=X, function="x^3 - 3*x", wrt=["x"],
         claimed=[["-1"], ["1"]]),
    dict(kind="extremum", variables=X, function="x^3 - 3*x", wrt=["x"], at=["1"],
         nature="minimum"),
    dict(kind="identity", variables={"x": "vector n", "A": "matrix n n", "k": "index n"},
         lhs="diff(x.T*A*x, x[k])", rhs={"latex": "[(A + A^\\top) x]_k"}),
    dict(kind="approximation", variables={"w": "real", "eps": "real", "L": "function 1"},
         lhs="L(w + eps)", rhs="L(w) + eps*diff(L(w), w)", small="eps"),
]


@st.composite
def claim_tables(draw) -> dict:
    table = {"name": draw(st.integers(0, 300).map(lambda i: f"claim.{i}")), "lines": 2,
             **draw(st.sampled_from(VALID))}
    cls = next(k for k in KINDS if k.kind == table["kind"])
    keys = [*keys_of(cls).values()]
    for _ in range(draw(st.integers(0, 3))):  # a few keys mutated, dropped or added
        key = draw(st.sampled_from(keys))
        how = draw(st.integers(0, 9))
        if how == 0:
            table.pop(key.name, None)
        elif how < 6:
            table[key.name] = draw(LIKELY[key.annotation.removesuffix(" | None")])
        else:
            table[key.name] = draw(VALUES)
    if draw(st.integers(0, 19)) == 0:
        table["kind"] = draw(st.one_of(st.text(max_size=6), VALUES))
    if draw(st.integers(0, 19)) == 0:
        table[draw(st.text(max_size=6))] = draw(VALUES)  # an unknown key
    return table


TOPS = st.one_of(st.just({"document": "notes.md"}), st.just({}),
                 st.fixed_dictionaries({}, optional={"document": st.sampled_from(["none.md", 3]),
                                                     "colour": VALUES}))
DOCUMENTS = st.tuples(
    TOPS,
    st.lists(claim_tables(), max_size=4),
    st.lists(st.fixed_dictionaries({"lines": LIKELY["tuple[int, int]"]},
                                   optional={"reason": SCALARS, "extra": SCALARS}), max_size=2),
    st.integers(0, len(HEADERS)),
    st.one_of(st.none(), st.none(), st.none(),
              st.tuples(st.integers(0, 50), st.text(max_size=20))),
)


# --- the property ----------------------------------------------------------------------------

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"load and resolve took over {SECONDS} s")


def outcome(text: str, folder: Path) -> collections.Counter:
    """Load and resolve one document; the counts of what it ended in. Raises on anything but
    a documented error or a claim."""
    path = folder / "derivations.toml"
    path.write_text(text, encoding="utf-8")
    counts = collections.Counter(inputs=1)
    try:
        found = load([path])
    except DerivcheckError as err:
        assert isinstance(err, DerivationFileError) and str(path) in str(err), err
        counts["file errors"] += 1
        return counts
    for claim in found.claims:
        try:
            resolve(claim, found.texts)
            counts["claims"] += 1
        except DeclarationError as err:
            assert err.where, err  # a place: the file and line, or the claim's lines
            counts["claim errors"] += 1
    return counts


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS)
def test_any_derivation_file_ends_in_claims_or_a_documented_error(document):
    text = document_text(*document)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "notes.md").write_text(NOTES)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS)
        try:
            COUNTS.update(outcome(text, Path(folder)))
        except Hang:
            COUNTS["hangs"] += 1
            if not CAMPAIGN:
                raise
        except Exception:
            COUNTS["tracebacks"] += 1
            if not CAMPAIGN:
                raise
            _keep(text)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _keep(text: str) -> None:
    """In a campaign, keep each document that crashed, to look at afterwards."""
    import traceback

    with open(os.environ.get("FUZZ_LOG", "/tmp/derivcheck-fuzz-files.log"), "a") as log:
        log.write(f"{'=' * 60}\n{text}\n{traceback.format_exc()}\n")


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if CAMPAIGN:
        print(f"\nTOML fuzz campaign: {dict(COUNTS)}")
