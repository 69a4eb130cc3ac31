"""Which files are derivations. One function, used by ``derivcheck run`` and ``pytest
--derivations`` alike, and shown by ``derivcheck run --collect-only``.

A file named on the command line is read (a ``.toml`` file, or a ``.py`` module, imported).
In a folder, searched recursively, only files that say they are derivations are read:
- ``derivations*.py`` and ``*_derivations.py`` (not ``test_*`` or ``_*``): imported;
- ``*.toml`` files that declare claims (a top-level ``claim`` or ``no_claim``), or whose name says
  derivations as above, or that are not valid TOML but mention ``claim`` (so a typo is
  reported, never skipped): parsed, never executed.
Never searched: hidden folders, ``__pycache__``, ``node_modules``, ``site-packages``, and
virtual environments (any folder holding ``pyvenv.cfg``). No other Python file ever runs.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from pathlib import Path

from ..model._errors import UsageError

NAMES = ("derivations*", "*_derivations")
"""What a derivation module's or file's name (without the suffix) looks like in a folder."""
SKIPPED = ("__pycache__", "node_modules", "site-packages")


def collect(paths: list[Path]) -> list[Path]:
    """The derivation files ``paths`` name, in order, each once; raises UsageError for a path
    that is neither a derivation file nor a folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _search(path)
        elif path.is_file() and path.suffix in (".toml", ".py"):
            found.append(path)
        elif path.is_file() and path.suffix.lower() in (".md", ".markdown"):
            raise UsageError(f"{path} is a document, not a derivation file: give the derivation"
                             " files (.toml, .py) or folders whose claims point into a text",
                             hint=f"to check claims against this edition of their text, add"
                                  f" --document {path}")
        else:
            what = "is not a .toml or .py file" if path.is_file() else "does not exist"
            raise UsageError(f"{path} {what}: give derivation files (.toml, or a .py module"
                             " with CLAIMS) or folders that hold them")
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]


def describe(path: Path) -> str:
    """What loading ``path`` does, in a few words."""
    return "TOML, parsed" if path.suffix == ".toml" else "Python module, imported"


def _search(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _skipped(Path(root) / d))
        found += [Path(root) / f for f in sorted(files) if _declares(Path(root) / f)]
    return found


def _skipped(folder: Path) -> bool:
    return (folder.name.startswith(".") or folder.name in SKIPPED
            or (folder / "pyvenv.cfg").exists())


def _named(path: Path) -> bool:
    stem = path.stem
    return not stem.startswith(("_", "test_")) and any(fnmatch.fnmatch(stem, n) for n in NAMES)


def _declares(path: Path) -> bool:
    if path.suffix == ".py":
        return _named(path)
    if path.suffix != ".toml":
        return False
    if _named(path):
        return True
    try:
        text = path.read_text(encoding="utf-8")
        return bool({"claim", "no_claim"} & set(tomllib.loads(text)))
    except UnicodeDecodeError:
        return False
    except tomllib.TOMLDecodeError:
        return "claim" in text
