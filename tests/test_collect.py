"""Which files a folder's derivations are: never a Python file the user did not name as one."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from checkers import UsageError
from checkers.readers._collect import collect

CLAIM = textwrap.dedent("""\
    [[claim]]
    name = "{name}"
    kind = "derivative"
    lines = 1
    variables = {{ x = "real" }}
    function = "x^2"
    wrt = "x"
    claimed = "2*x"
    """)
MODULE = textwrap.dedent("""\
    from checkers import Derivative, Source, Var

    CLAIMS = [Derivative(name="{name}", source=Source(lines=(1, 1)), variables=(Var("x"),),
                         function="x^2", wrt="x", claimed="2*x")]
    """)


def planted(path: Path) -> Path:
    """A Python file that must never run: it leaves a mark when it does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"open({str(path) + '.ran'!r}, 'w').close()\n")
    return path


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "derivations.toml").write_text(CLAIM.format(name="toml.claim"))
    (tmp_path / "calculus_derivations.py").write_text(MODULE.format(name="py.claim"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.toml").write_text(CLAIM.format(name="sub.claim"))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no claims: not read
    (tmp_path / "broken.toml").write_text("[[claim]\n")  # mentions claim: read, and reported
    for name in ("helper.py", "test_derivations.py", "_derivations.py", "setup.py",
                 ".venv/lib/python3.11/site-packages/derivations_evil.py",
                 "env/lib/derivations_evil.py", "node_modules/derivations_x.py",
                 ".hidden/derivations.py", "__pycache__/derivations.py",
                 "lib/site-packages/derivations.py"):
        planted(tmp_path / name)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return tmp_path


def test_a_folder_yields_only_files_named_as_derivations(project):
    found = [p.relative_to(project).as_posix() for p in collect([project])]
    assert found == ["broken.toml", "calculus_derivations.py", "derivations.toml",
                     "sub/more.toml"]


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(project):
    assert collect([project / "helper.py", project / "helper.py"]) == [project / "helper.py"]


@pytest.mark.parametrize("name, fragment", [("notes.md", "is a document, not a derivation file"),
                                            ("missing", "does not exist")])
def test_a_path_that_is_no_derivation_file_or_folder_is_a_usage_error(project, name, fragment):
    (project / "notes.md").write_text("# notes\n")
    with pytest.raises(UsageError, match=fragment):
        collect([project / name])


def cli(folder, *args):
    done = subprocess.run([sys.executable, "-m", "checkers", *args], cwd=folder,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def test_collect_only_lists_the_files_and_runs_none(project):
    done = cli(project, "run", "--collect-only", ".")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "broken.toml  (TOML, parsed)", "calculus_derivations.py  (Python module, imported)",
        "derivations.toml  (TOML, parsed)", f"{Path('sub') / 'more.toml'}  (TOML, parsed)"]
    assert not list(project.rglob("*.ran"))


def test_run_on_a_folder_never_executes_a_file_not_named_as_derivations(project):
    (project / "broken.toml").unlink()
    done = cli(project, "run", ".", "--points", "8")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 claims: 3 verified" in done.stdout
    assert not list(project.rglob("*.ran"))  # the virtualenv's and the others' files never ran


@pytest.mark.parametrize("args, fragment", [
    (["run", "notes.md"], "notes.md is a document, not a derivation file: give the derivation"
                          " files"),
    (["run", "nothing-here"], "nothing-here does not exist"),
    (["run", "--collect-only", "empty"], "no derivation files in empty"),
])
def test_a_wrong_path_is_a_usage_error(tmp_path, args, fragment):
    (tmp_path / "notes.md").write_text("# notes\n")
    (tmp_path / "empty").mkdir()
    done = cli(tmp_path, *args)
    assert done.returncode == 2 and fragment in done.stderr, done.stderr


def test_pytest_collects_exactly_what_run_collects(project, pytester):
    (project / "broken.toml").unlink()
    for path in sorted(project.rglob("*")):
        target = pytester.path / path.relative_to(project)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    result = pytester.runpytest_subprocess("--derivations", ".", "-p", "no:cacheprovider",
                                           "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if "::" in line]
    assert sorted(ids) == ["calculus_derivations.py::py.claim", "derivations.toml::toml.claim",
                           "sub/more.toml::sub.claim"]
    assert not list(pytester.path.rglob("*.ran"))
