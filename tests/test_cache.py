"""The cache of symbolic results: a second run reads what the first proved, gives the same
report byte for byte, ignores a corrupt entry, and stays out of the way with --no-cache.
Every test names its own folder (DERIVCHECK_CACHE or Config(cache=...)); none writes into the
home folder."""

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from checkers import Config, Identity, Source, Var, check_all
from checkers.engine import _cache
from checkers.faces._cli import main

SELECTED = "optimum.poly or matrix.d(xTAx)/dx_k"


def _claims():
    from checkers.readers._bundled import bundled
    from checkers.model._select import matcher

    chapter = bundled()
    return [c for c in chapter.CLAIMS if matcher(SELECTED)(c)], chapter.texts()


def _entries(folder) -> list[Path]:
    return sorted(Path(folder).rglob("*.pickle"))


def _run(folder):
    claims, texts = _claims()
    before = dict(_cache.stats)
    verdicts = check_all(claims, Config(numeric=False, cache=str(folder)), texts=texts)
    counted = {k: _cache.stats[k] - before[k] for k in before}
    return verdicts, counted


def _same(a, b):
    assert [(v.claim.name, v.status, v.reason, v.summary) for v in a] == \
           [(v.claim.name, v.status, v.reason, v.summary) for v in b]
    for x, y in zip(a, b):
        # SymPy's dummies (summation indices) are new objects after a pickle: compare as text
        assert replace(x.symbolic, seconds=0, derived=str(x.symbolic.derived)) == \
            replace(y.symbolic, seconds=0, derived=str(y.symbolic.derived))


def test_a_second_run_reads_every_decided_result_from_the_cache(tmp_path):
    first, counted = _run(tmp_path)
    decided = sum(v.symbolic.status in ("proved", "refuted") for v in first)
    assert decided >= 8 and counted == {"hits": 0, "stored": decided, "ignored": 0}
    assert len(_entries(tmp_path)) == decided
    second, counted = _run(tmp_path)
    assert counted == {"hits": decided, "stored": 0, "ignored": 0}
    _same(first, second)


def test_a_corrupt_entry_is_ignored_and_overwritten(tmp_path):
    first, _ = _run(tmp_path)
    entries = _entries(tmp_path)
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:40])            # truncated
    entries[2].write_bytes(pickle.dumps("a string, not evidence"))
    entries[3].write_bytes(pickle.dumps(os.system))                 # a function: refused
    second, counted = _run(tmp_path)
    assert counted["ignored"] == 4 and counted["stored"] == 4
    _same(first, second)
    third, counted = _run(tmp_path)
    assert counted["ignored"] == 0 and counted["hits"] == len(entries)


def test_only_decided_results_are_stored(tmp_path):
    stopped = Identity(name="stopped", source=Source(lines=(1, 1), document="t.md"),
                       variables=(Var("x"), Var("y")), lhs="tan(x + y)^40*sin(3*x)^7",
                       rhs="(sin(x+y)/cos(x+y))^40*(3*sin(x) - 4*sin(x)^3)^7")  # >100 s to prove
    refuted = Identity(name="refuted", source=Source(lines=(1, 1), document="t.md"),
                       variables=(Var("x"),), lhs="x^2", rhs="2*x")
    verdicts = check_all([refuted], Config(numeric=False, cache=str(tmp_path)))
    assert verdicts[0].symbolic.status == "refuted" and len(_entries(tmp_path)) == 1
    timed = check_all([stopped], Config(numeric=False, cache=str(tmp_path / "t"),
                                        budget=0.3))
    assert timed[0].symbolic.timed_out and _entries(tmp_path / "t") == []


def test_the_key_is_the_claims_content(tmp_path):
    from checkers.kinds._table import resolve

    a = Identity(name="a", source=Source(document="t.md", lines=(1, 1)), variables=(Var("x"),),
                 lhs="(x + 1)^2", rhs="x^2 + 2*x + 1")
    moved = replace(a, source=Source(document="t.md", lines=(9, 9)), note="moved")
    changed = replace(a, rhs="x^2 + 2*x + 2")
    key = _cache.key_of(resolve(a, {}))
    assert key == _cache.key_of(resolve(moved, {}))
    assert key != _cache.key_of(resolve(changed, {}))


def test_report_from_the_cache_is_byte_identical_and_no_cache_leaves_it_alone(
        tmp_path, monkeypatch, capsys):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DERIVCHECK_CACHE", str(folder))
    args = ["report", "-k", SELECTED, "--symbolic-only", "--seed", "0", "--format", "json,md"]
    main(args + ["--out", str(tmp_path / "one")])
    stored = _entries(folder)
    assert stored
    hits = _cache.stats["hits"]
    main(args + ["--out", str(tmp_path / "two")])
    assert _cache.stats["hits"] - hits == len(stored)
    for name in ("report.json", "report.md"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    for entry in stored:
        entry.unlink()
    hits = _cache.stats["hits"]
    main(args + ["--out", str(tmp_path / "three"), "--no-cache"])
    assert _entries(folder) == [] and _cache.stats["hits"] == hits
    assert ((tmp_path / "one" / "report.json").read_bytes()
            == (tmp_path / "three" / "report.json").read_bytes())
    capsys.readouterr()


@pytest.mark.parametrize("env, expected", [
    ({"DERIVCHECK_CACHE": "/some/where"}, "/some/where"),
    ({"DERIVCHECK_CACHE": "off"}, None),
    ({}, None),  # while pytest runs a test, only DERIVCHECK_CACHE turns the cache on
])
def test_where_the_command_line_keeps_the_cache(monkeypatch, env, expected):
    monkeypatch.delenv("DERIVCHECK_CACHE", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert _cache.default_folder() == expected


def test_outside_pytest_the_cache_is_in_the_users_cache_folder(monkeypatch):
    monkeypatch.delenv("DERIVCHECK_CACHE", raising=False)
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/cache")
    assert _cache.default_folder() == os.path.join("/x/cache", "derivcheck")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _cache.default_folder() == os.path.join(os.path.expanduser("~"), ".cache",
                                                   "derivcheck")
