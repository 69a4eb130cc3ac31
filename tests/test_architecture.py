"""The architecture's rules (.importlinter) hold: lint-imports, as CI runs it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _lint_imports() -> str:
    found = Path(sys.executable).with_name("lint-imports")
    found = str(found) if found.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.skip("lint-imports is not installed (pip install '.[test]')")
    return found


def test_every_import_contract_is_kept():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([_lint_imports(), "--no-cache"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    for contract in ("witnesses never import each other", "claim model imports no reader",
                     "Layers: faces > quality > report", "Nothing below the faces imports rich",
                     "bundled derivations only declare"):
        assert contract in done.stdout
