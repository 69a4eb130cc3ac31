"""The same answer on a busy machine: the report of the slowest symbolic claims (the index
identities d‖X − UV‖²/dv_ab) is byte-identical with the CPU kept busy and idle. Symbolic only:
the numeric witness is seeded and has no time budget, so load cannot change what it finds.

The load is bounded: busy-loop processes that stop by themselves after LOAD_SECONDS, and are
killed in a ``finally`` in any case. The cache is off (--no-cache), so both runs prove afresh."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOWEST = "dv_ab or xTAx"
LOAD_SECONDS = 900
BUSY = f"import time\nend = time.monotonic() + {LOAD_SECONDS}\nwhile time.monotonic() < end: pass\n"


def _report(out: Path) -> bytes:
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run([sys.executable, "-m", "checkers", "report", "-k", SLOWEST, "--seed", "0",
                    "--symbolic-only", "--no-cache", "--format", "json", "--out", str(out)],
                   env=env, capture_output=True, check=False, timeout=LOAD_SECONDS)
    return (out / "report.json").read_bytes()


@pytest.mark.slow
def test_the_report_under_cpu_load_is_byte_identical_to_the_idle_one(tmp_path):
    idle = _report(tmp_path / "idle")
    workers = 2 * (os.cpu_count() or 2)
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(workers)]
    try:
        started = time.monotonic()
        loaded = _report(tmp_path / "loaded")
        assert time.monotonic() - started < LOAD_SECONDS  # the load lasted the whole run
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    assert loaded == idle
