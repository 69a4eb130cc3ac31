"""The bundled chapter's derivations: the ``derivations`` package installed beside ``checkers``.

It is found through the installed ``checkers`` package, never through the current folder: run in
a folder that holds a ``derivations/`` package of its own, ``derivcheck`` still checks the bundled
chapter and never imports the user's package (a user's folder is read only when named as a path).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

NAME = "derivations"
PRIVATE = "_derivcheck_bundled_derivations"


def home() -> Path:
    """The folder of the bundled derivations: beside the installed ``checkers`` package."""
    spec = importlib.util.find_spec("checkers")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).resolve().parent.parent / NAME


def bundled() -> ModuleType:
    """The bundled derivations package (``CLAIMS``, ``NO_CLAIMS``, ``texts()``, ...).

    Imported as ``derivations`` when that name means the bundled package; otherwise (another
    ``derivations`` comes first on ``sys.path``) loaded from its own folder under a private name,
    and the other package is neither imported nor replaced."""
    if _is_bundled(_spec_of(NAME)):
        return importlib.import_module(NAME)
    if PRIVATE not in sys.modules:
        _load(PRIVATE, home())
    return sys.modules[PRIVATE]


def _spec_of(name: str):
    """Where ``import name`` would find a top-level module, without importing it."""
    found = sys.modules.get(name)
    if found is not None:
        return getattr(found, "__spec__", None)
    return importlib.util.find_spec(name)


def _is_bundled(spec) -> bool:
    origin = getattr(spec, "origin", None)
    return bool(origin) and Path(origin).resolve() == home() / "__init__.py"


def _load(name: str, folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module
