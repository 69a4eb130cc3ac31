"""The one hard stop for work that may hang (SymPy's simplify, a reader, a compile): an
interval timer's signal.

Two clocks: ``"wall"`` (SIGALRM, time as it passes) and ``"cpu"`` (SIGPROF, the CPU time this
process spends). A stop on the CPU clock does not come sooner on a busy machine, so it cannot
make a verdict depend on load; it is the clock of the symbolic witness, which runs alone in its
own process. Python code is interrupted between two bytecodes, so one long C call ends first.
A stop is set only where a timer can be: on Unix, in a process's main thread, and when no other
stop on the same clock is armed (a stop inside a stop would cancel the outer one); elsewhere the
block runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator


_CLOCKS = {"wall": ("ITIMER_REAL", "SIGALRM"), "cpu": ("ITIMER_PROF", "SIGPROF")}


def available(clock: str = "wall") -> bool:
    """A stop on ``clock`` can be set here and now."""
    timer, signum = _CLOCKS[clock]
    return (hasattr(signal, "setitimer") and hasattr(signal, signum)
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(getattr(signal, timer))[0] == 0)


@contextmanager
def alarm(seconds: float, expired: Callable[[], BaseException], *,
          clock: str = "wall") -> Iterator[None]:
    """Raise ``expired()`` in the ``with`` block once ``seconds`` have passed on ``clock``
    (``"wall"`` or ``"cpu"``)."""
    if seconds <= 0 or not available(clock):
        yield
        return
    timer, signum = (getattr(signal, name) for name in _CLOCKS[clock])

    def ring(signum, frame):
        raise expired()

    previous = signal.signal(signum, ring)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)
