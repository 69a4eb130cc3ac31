"""Run work under a hard time budget in child processes that can really be stopped.

SymPy's ``simplify`` has no timeout and can hang (FACTS.md). Each task runs in its own process
forked from a clean fork server (so JAX's threads in the parent never meet ``fork``); a task past
its budget is killed, and only that task is lost.

The budget is the task's own CPU time (read from ``/proc/<pid>/stat`` on Linux), so a busy
machine, which gives each process less of the CPU, makes a task slower but never stops it
sooner: the same claim gets the same verdict idle or loaded. A task that spends no CPU (a
deadlock) is stopped after :data:`WALL_FACTOR` times its budget of wall time. Where ``/proc``
is missing the budget is wall time.

No process outlives the run: a task's process dies with the fork server that forked it
(``prctl(PR_SET_PDEATHSIG, SIGKILL)`` on Linux) and with the main process (a watchdog thread
polls its pid, everywhere); the fork server itself exits when the main process does, and every
task still running when the main process exits normally (or by SIGTERM/SIGINT through the
CLI's handlers, see :func:`stop_all`) is killed.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import weakref
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable

from ..algebra._alarm import alarm

_CONTEXT: Any = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = mp.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["checkers.witnesses.symbolic._symbolic"])
    return _CONTEXT


@contextmanager
def _main_not_rerun():
    """Start children without re-running the user's main script in them.

    A fork-server child normally re-imports ``__main__`` by path, which re-runs a script that
    has no ``if __name__ == "__main__":`` guard (and fails). The children need only checkers'
    own modules, so the main module is hidden while a child starts."""
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    try:
        main.__dict__.pop("__file__", None)
        main.__spec__ = None
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


@dataclass(frozen=True)
class Outcome:
    """``value`` when the task finished; else ``timed_out`` or ``crashed`` with a reason."""

    value: Any = None
    timed_out: bool = False
    crashed: str = ""
    seconds: float = 0.0


_POOLS: "weakref.WeakSet[BudgetPool]" = weakref.WeakSet()
_PR_SET_PDEATHSIG = 1


def stop_all() -> None:
    """Kill every task still running in any pool of this process (at exit, on a signal)."""
    for pool in list(_POOLS):
        pool.close()


atexit.register(stop_all)


def _die_with(main_pid: int, server_pid: int | None) -> None:
    """Make this task's process die with its parent (the fork server) and the main process."""
    parent = os.getppid()
    if server_pid is not None and parent != server_pid:
        os._exit(1)  # the fork server died before this task began
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if not _alive(parent) or not _alive(main_pid):
        os._exit(1)  # a parent died before the signal was asked for
    threading.Thread(target=_watch, args=(main_pid, parent), daemon=True,
                     name="derivcheck-watchdog").start()


def _watch(main_pid: int, parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent or not _alive(main_pid):
            os._exit(1)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc: os.kill said it exists


def _child(target: str, arg: Any, conn, main_pid: int | None = None,
           server_pid: int | None = None) -> None:
    if main_pid is not None:
        _die_with(main_pid, server_pid)
    try:
        module, name = target.split(":")
        fn = getattr(importlib.import_module(module), name)
        conn.send(("ok", fn(arg)))
    except BaseException as exc:  # report, never hang the parent
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _server_pid() -> int | None:
    """The fork server's pid (started if need be), or None where multiprocessing hides it."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    try:
        server.ensure_running()
    except Exception:  # an internal API: without it, the watchdog alone guards the task
        return None
    return getattr(server, "_forkserver_pid", None)


WALL_FACTOR = 20
"""A task is stopped after this many times its budget of wall time, whatever CPU it spent."""

POLL = 0.1
"""How often (seconds) the CPU time of running tasks is read."""

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system, seconds) process ``pid`` has spent, or None where it
    cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


class BudgetPool:
    """At most ``jobs`` tasks at once, each killed after ``seconds`` of its CPU time; results
    by key."""

    def __init__(self, fn: Callable, *, seconds: float, jobs: int = 2) -> None:
        # the child imports the function by name: no function object crosses the pipe
        self.fn = f"{fn.__module__}:{fn.__qualname__}"
        self.seconds, self.jobs = seconds, max(1, jobs)
        self.pending: list[tuple[Any, Any]] = []
        self.running: dict[Any, tuple[Any, Any, float]] = {}
        self.done: dict[Any, Outcome] = {}
        _POOLS.add(self)

    def submit(self, key: Any, arg: Any) -> None:
        self.pending.append((key, arg))

    def result(self, key: Any) -> Outcome:
        while key not in self.done:
            self._start()
            self._collect()
        return self.done.pop(key)

    def close(self) -> None:
        for proc, conn, _ in list(self.running.values()):
            proc.kill()
            proc.join(timeout=5)
            conn.close()
        self.running.clear()
        self.pending.clear()

    def _start(self) -> None:
        ctx = _context()
        while self.pending and len(self.running) < self.jobs:
            key, arg = self.pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(self.fn, arg, child, os.getpid(),
                                                    _server_pid()), daemon=True)
            with _main_not_rerun():
                proc.start()
            child.close()
            self.running[key] = (proc, parent, time.monotonic())

    def _collect(self) -> None:
        if not self.running:
            return
        ready = wait([conn for _, conn, _ in self.running.values()], timeout=POLL)
        for key, (proc, conn, start) in list(self.running.items()):
            elapsed = time.monotonic() - start
            if conn in ready:
                self.done[key] = self._receive(conn, self._spent(proc, elapsed))
            elif self._over(proc, elapsed):
                spent = self._spent(proc, elapsed)
                proc.kill()
                self.done[key] = Outcome(timed_out=True, seconds=spent)
            else:
                continue
            proc.join()
            conn.close()
            del self.running[key]

    def _over(self, proc, elapsed: float) -> bool:
        """Whether a running task is past its budget: of CPU time, or of wall time where CPU
        time cannot be read; and in any case past WALL_FACTOR times its budget of wall time."""
        if elapsed >= WALL_FACTOR * self.seconds:
            return True
        spent = cpu_seconds(proc.pid)
        return (spent if spent is not None else elapsed) >= self.seconds

    @staticmethod
    def _spent(proc, elapsed: float) -> float:
        spent = cpu_seconds(proc.pid)
        return elapsed if spent is None else spent

    @staticmethod
    def _receive(conn, elapsed: float) -> Outcome:
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            return Outcome(crashed="the worker process died", seconds=elapsed)
        if status == "ok":
            return Outcome(value=payload, seconds=elapsed)
        return Outcome(crashed=payload, seconds=elapsed)


class OutOfTime(BaseException):
    """Raised by :func:`time_limit` in the main process when work overruns its budget; a
    BaseException so that no ``except Exception`` inside the work swallows it."""


def time_limit(seconds: float, what: str):
    """Stop the work in the ``with`` block after ``seconds`` with :class:`OutOfTime` (the one
    alarm: main thread, Unix). It covers work the main process does for one claim (reading and
    resolving its expressions, the numeric witness); the readers' size limits keep single C
    calls short."""
    return alarm(seconds, lambda: OutOfTime(f"ran out of its {seconds:g} s time budget while"
                                            f" {what}"))


