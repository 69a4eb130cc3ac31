"""Run work under a hard time budget in child processes that can really be stopped.

SymPy's ``simplify`` has no timeout and can hang (FACTS.md). Each task runs in its own process
forked from a clean fork server (so JAX's threads in the parent never meet ``fork``); a task past
its budget is killed, and only that task is lost.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable

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


def _child(target: str, arg: Any, conn) -> None:
    try:
        module, name = target.split(":")
        fn = getattr(importlib.import_module(module), name)
        conn.send(("ok", fn(arg)))
    except BaseException as exc:  # report, never hang the parent
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class BudgetPool:
    """At most ``jobs`` tasks at once, each killed after ``seconds``; results by key."""

    def __init__(self, fn: Callable, *, seconds: float, jobs: int = 2) -> None:
        # the child imports the function by name: no function object crosses the pipe
        self.fn = f"{fn.__module__}:{fn.__qualname__}"
        self.seconds, self.jobs = seconds, max(1, jobs)
        self.pending: list[tuple[Any, Any]] = []
        self.running: dict[Any, tuple[Any, Any, float]] = {}
        self.done: dict[Any, Outcome] = {}

    def submit(self, key: Any, arg: Any) -> None:
        self.pending.append((key, arg))

    def result(self, key: Any) -> Outcome:
        while key not in self.done:
            self._start()
            self._collect()
        return self.done.pop(key)

    def close(self) -> None:
        for proc, conn, _ in self.running.values():
            proc.kill()
            proc.join()
            conn.close()
        self.running.clear()
        self.pending.clear()

    def _start(self) -> None:
        ctx = _context()
        while self.pending and len(self.running) < self.jobs:
            key, arg = self.pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(self.fn, arg, child), daemon=True)
            with _main_not_rerun():
                proc.start()
            child.close()
            self.running[key] = (proc, parent, time.monotonic())

    def _collect(self) -> None:
        if not self.running:
            return
        now = time.monotonic()
        deadline = min(start + self.seconds for _, _, start in self.running.values())
        ready = wait([conn for _, conn, _ in self.running.values()],
                     timeout=max(0.0, deadline - now))
        for key, (proc, conn, start) in list(self.running.items()):
            elapsed = time.monotonic() - start
            if conn in ready:
                self.done[key] = self._receive(conn, elapsed)
            elif elapsed >= self.seconds:
                proc.kill()
                self.done[key] = Outcome(timed_out=True, seconds=elapsed)
            else:
                continue
            proc.join()
            conn.close()
            del self.running[key]

    @staticmethod
    def _receive(conn, elapsed: float) -> Outcome:
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            return Outcome(crashed="the worker process died", seconds=elapsed)
        if status == "ok":
            return Outcome(value=payload, seconds=elapsed)
        return Outcome(crashed=payload, seconds=elapsed)
