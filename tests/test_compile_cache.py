"""JAX's compiled programs are kept in the cache folder (``<cache>/jax``): a second run reads
them instead of compiling and writes the same report byte for byte; --no-cache keeps none."""

import os
import subprocess
import sys

import pytest

CLAIM = "partial.two-weights.step1"  # a discrepancy: its report carries JAX's numbers


def _report(tmp_path, out, *extra) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAX_")}
    env["DERIVCHECK_CACHE"] = str(tmp_path / "cache")
    done = subprocess.run([sys.executable, "-m", "checkers", "report", "-k", CLAIM, "--seed", "0",
                           "--numeric-only", "--format", "json", "--out", str(tmp_path / out),
                           *extra], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return (tmp_path / out / "report.json").read_bytes()


def _kept(tmp_path) -> list:
    return sorted(p.name for p in (tmp_path / "cache" / "jax").iterdir())


@pytest.mark.slow
def test_a_second_run_reads_the_compiled_programs_and_reports_the_same(tmp_path):
    first = _report(tmp_path, "one")
    kept = _kept(tmp_path)
    assert kept, "no compiled program was kept"
    assert _report(tmp_path, "two") == first
    assert _kept(tmp_path) == kept  # nothing was compiled anew
    (tmp_path / "cache").rename(tmp_path / "before")
    assert _report(tmp_path, "three", "--no-cache") == first
    assert not (tmp_path / "cache").exists()
