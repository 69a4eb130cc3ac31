"""The bundled chapter is found through the installed package, never through the current folder."""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import checkers
import derivations
from checkers.readers import _bundled

# the same checkers (and bundled derivations) as this test process, wherever it is run from
_ROOT = Path(checkers.__file__).resolve().parent.parent
_SHADOW = """\
from pathlib import Path
Path(__file__).with_name("IMPORTED").write_text("the user's derivations were imported")
raise RuntimeError("the user's own derivations package")
"""


@pytest.fixture()
def shadowed(tmp_path):
    """A folder holding an unrelated ``derivations`` package that must never be imported."""
    (tmp_path / "derivations").mkdir()
    (tmp_path / "derivations" / "__init__.py").write_text(_SHADOW)
    return tmp_path


def _run(command, cwd):
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _listed_names(out: str) -> set[str]:
    return {line.split("  [")[0] for line in out.splitlines() if "  [" in line}


def _entry_point() -> str:
    script = Path(sys.executable).with_name("derivcheck")
    if not script.exists():
        pytest.skip("the derivcheck entry point is not installed beside this Python")
    return str(script)


@pytest.mark.parametrize("how", ["python -m checkers", "derivcheck"])
def test_list_in_a_folder_with_its_own_derivations_lists_the_bundled_claims(shadowed, how):
    command = [sys.executable, "-m", "checkers"] if how != "derivcheck" else [_entry_point()]
    done = _run([*command, "list"], shadowed)
    assert done.returncode == 0, done.stderr
    assert len(derivations.CLAIMS) == 181
    assert _listed_names(done.stdout) == {c.name for c in derivations.CLAIMS}
    assert not (shadowed / "derivations" / "IMPORTED").exists()


def test_the_users_derivations_are_read_when_named_as_a_path(shadowed):
    (shadowed / "derivations" / "mine_derivations.py").write_text(
        "from checkers import Derivative, Source, Var\n"
        "CLAIMS = [Derivative(name='mine.square', source=Source(lines=(1, 1)),"
        " variables=(Var('x'),), function='x^2', wrt='x', claimed='2*x')]\n")
    done = _run([sys.executable, "-m", "checkers", "list", "derivations"], shadowed)
    assert done.returncode == 0, done.stderr
    assert _listed_names(done.stdout) == {"mine.square"}
    assert not (shadowed / "derivations" / "IMPORTED").exists()


def test_home_is_beside_the_installed_checkers():
    assert _bundled.home() == _ROOT / "derivations"
    assert (_bundled.home() / "texts" / derivations.CHAPTER).is_file()


def test_bundled_is_the_derivations_package_when_that_name_means_it():
    assert _bundled.bundled() is derivations


def test_a_foreign_derivations_module_is_neither_used_nor_replaced(monkeypatch, tmp_path):
    text = derivations.chapter_text()
    foreign = types.ModuleType("derivations")
    foreign.__file__ = str(tmp_path / "derivations" / "__init__.py")
    foreign.__spec__ = None
    monkeypatch.setitem(sys.modules, "derivations", foreign)
    for name in [n for n in sys.modules if n.split(".")[0] == _bundled.PRIVATE]:
        monkeypatch.delitem(sys.modules, name)
    chapter = _bundled.bundled()
    assert sys.modules["derivations"] is foreign
    assert Path(chapter.__file__).resolve() == _bundled.home() / "__init__.py"
    assert [c.name for c in chapter.CLAIMS] == [c.name for c in derivations.CLAIMS]
    assert chapter.chapter_text() == text


def test_pytest_collects_the_bundled_chapter_beside_a_users_derivations(pytester):
    (pytester.path / "derivations").mkdir()
    (pytester.path / "derivations" / "__init__.py").write_text(_SHADOW)
    result = pytester.runpytest_subprocess("--derivations", "--collect-only", "-q",
                                           "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines([f"*{len(derivations.CLAIMS)} tests collected*"])
    assert not (pytester.path / "derivations" / "IMPORTED").exists()
