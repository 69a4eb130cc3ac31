"""A cache of symbolic results keyed by the claim's content, so that an unchanged claim is not
proved twice.

The key is a SHA-256 of: the resolved claim (its kind, its fields but the source place and the
note, and every SymPy object in ``srepr``), derivcheck's version, SymPy's version and the source
of the code that decides (``checkers/witnesses/symbolic``, ``checkers/kinds``,
``checkers/algebra``): changing any of these is a miss. Only decided results (proved, refuted) are
stored, never an undecided one, a timeout or an error. An entry that cannot be read (truncated,
corrupt, from another version, not evidence) is ignored and overwritten.

The folder: ``DERIVCHECK_CACHE`` when set (``off`` disables), else ``$XDG_CACHE_HOME/derivcheck``
or ``~/.cache/derivcheck``. The command line uses it unless ``--no-cache``; the Python API only
when ``Config(cache=folder)`` names one; and while pytest runs a test, only ``DERIVCHECK_CACHE``
turns it on (a test never writes into the home folder).

The same folder holds JAX's compiled programs, in ``jax/`` (JAX's persistent compilation cache,
witnesses/numeric/_numeric.compile_into, set by the engine when a run has a cache folder): the
key is the traced program, so a hit is the same compiled code and the same numbers.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import re
from pathlib import Path
from typing import Any

DECIDED = ("proved", "refuted")
stats = {"hits": 0, "stored": 0, "ignored": 0}
"""Counts of this process: results read from the cache, stored in it, entries ignored."""


def default_folder() -> str | None:
    """Where the command line keeps the cache, or None when it is off."""
    named = os.environ.get("DERIVCHECK_CACHE")
    if named is not None:
        return None if named.strip().lower() in ("", "off", "0", "no") else named
    if "PYTEST_CURRENT_TEST" in os.environ:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "derivcheck")


class Cache:
    """Symbolic evidence by claim content, in ``folder``."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def get(self, r) -> Any:
        path = self._path(r)
        if path is None or not path.is_file():
            return None
        try:
            found = _Reader(io.BytesIO(path.read_bytes())).load()
        except Exception:  # a corrupt entry is ignored (and overwritten when decided again)
            found = None
        if not _is_decided(found):
            stats["ignored"] += 1
            return None
        stats["hits"] += 1
        return found

    def put(self, r, evidence) -> None:
        path = self._path(r)
        if path is None or not _is_decided(evidence):
            return
        try:
            data = pickle.dumps(evidence, protocol=pickle.HIGHEST_PROTOCOL)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, path)
        except Exception:  # an unwritable folder or an unpicklable result: just not cached
            return
        stats["stored"] += 1

    def _path(self, r) -> Path | None:
        key = key_of(r)
        return None if key is None else self.folder / "symbolic" / key[:2] / f"{key}.pickle"


def key_of(r) -> str | None:
    """The claim's content key, or None when some part has no stable text."""
    text = content(r)
    if " at 0x" in text:  # an object printed by its address: no stable key
        return None
    return hashlib.sha256(f"{code_version()}\n{text}".encode()).hexdigest()


def content(r) -> str:
    claim = r.claim
    parts = [type(r).__name__, type(claim).__name__]
    parts += [f"{f.name}={getattr(claim, f.name)!r}" for f in dataclasses.fields(claim)
              if f.name not in ("source", "note")]
    parts += [f"{f.name}={_text(getattr(r, f.name))}" for f in dataclasses.fields(r)
              if f.name != "claim"]
    return _renumbered("\n".join(parts))


def _renumbered(text: str) -> str:
    """SymPy numbers its dummy symbols in the order a process makes them: number them in the
    order they appear instead (distinct dummies stay distinct)."""
    seen: dict[str, int] = {}
    return re.sub(r"dummy_index=(\d+)",
                  lambda m: f"dummy_index={seen.setdefault(m.group(1), len(seen))}", text)


def _text(value) -> str:
    import sympy as sp

    if isinstance(value, sp.Basic):
        return sp.srepr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_text(v)}" for k, v in
                               sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_text(v) for v in value) + ")"
    return repr(value)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """derivcheck's and SymPy's versions and a hash of the code that decides."""
    import sympy

    from .. import __version__

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("witnesses/symbolic", "kinds", "algebra"):
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"derivcheck {__version__}; sympy {sympy.__version__}; code {digest.hexdigest()}"


def _is_decided(evidence) -> bool:
    from ..witnesses.symbolic._evidence import SymbolicEvidence

    return (isinstance(evidence, SymbolicEvidence) and evidence.status in DECIDED
            and not evidence.timed_out)


class _Reader(pickle.Unpickler):
    """Unpickles classes of SymPy and derivcheck and plain data only: never a function, so a
    tampered entry cannot run code through ``find_class``."""

    _PLAIN = {("builtins", n) for n in ("set", "frozenset", "tuple", "list", "dict", "int",
                                        "float", "complex", "str", "bytes", "bool", "object",
                                        "slice", "range")}
    _PLAIN |= {("copyreg", "_reconstructor")}

    def find_class(self, module: str, name: str):
        if (module, name) in self._PLAIN:
            return super().find_class(module, name)
        if module.split(".")[0] in ("sympy", "checkers", "mpmath"):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
