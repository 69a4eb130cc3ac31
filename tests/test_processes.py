"""No process outlives the run: the budget's workers die with the main process and with the
fork server (issue 10). Processes are found by their parent pid in /proc."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import checkers

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

ROOT = str(Path(checkers.__file__).parent.parent)

# SymPy's simplify runs for minutes on this identity; resolving it and JAX take a second
SLOW = textwrap.dedent("""\
    document = "notes.md"

    [[claim]]
    name = "slow"
    kind = "identity"
    lines = 1
    variables = { x = "real", y = "real" }
    lhs = "tan(x + y)^40*sin(3*x)^7"
    rhs = "(sin(x+y)/cos(x+y))^40*(3*sin(x) - 4*sin(x)^3)^7"
    """)


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0].decode(), int(fields[1])


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _start(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\nA line.\n")
    (tmp_path / "slow.toml").write_text(SLOW)
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.Popen([sys.executable, "-m", "checkers", "run", str(tmp_path / "slow.toml"),
                             "--budget", "600"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_for_worker(main: subprocess.Popen, seconds: float = 240) -> tuple[int, int]:
    """The fork server's pid and the pid of the task it forked, once the task runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert main.poll() is None, "the run ended before its worker started"
        for pid in _descendants(main.pid):
            if "forkserver" in _cmdline(pid):
                workers = _descendants(pid)
                if workers:
                    return pid, min(workers)
        time.sleep(0.2)
    raise AssertionError("no worker process started")


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return {p for p in pids if _alive(p)}


def _cleanup(pids: set[int]) -> None:
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_killing_the_main_process_leaves_no_process(tmp_path):
    main = _start(tmp_path)
    pids: set[int] = set()
    try:
        _wait_for_worker(main)
        pids = _descendants(main.pid)
        main.kill()
        main.wait()
        assert not _gone_within(pids, 10), [(_cmdline(p)[:80]) for p in pids if _alive(p)]
    finally:
        _cleanup(pids | {main.pid})


@pytest.mark.slow
def test_killing_the_fork_server_kills_its_worker_and_the_run_ends(tmp_path):
    main = _start(tmp_path)
    pids: set[int] = set()
    try:
        server, worker = _wait_for_worker(main)
        pids = _descendants(main.pid)
        os.kill(server, signal.SIGKILL)
        assert not _gone_within({worker}, 10)
        main.wait(timeout=240)
        assert not _gone_within(pids, 10)
    finally:
        _cleanup(pids | {main.pid})


@pytest.mark.slow
def test_sigterm_to_the_main_process_stops_its_workers(tmp_path):
    main = _start(tmp_path)
    pids: set[int] = set()
    try:
        _wait_for_worker(main)
        pids = _descendants(main.pid)
        main.terminate()
        main.wait(timeout=60)
        assert not _gone_within(pids, 10)
    finally:
        _cleanup(pids | {main.pid})
