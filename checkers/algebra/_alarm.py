"""The one hard stop for work that may hang (SymPy's simplify, a reader, a compile): SIGALRM.

Python code is interrupted between two bytecodes, so one long C call ends first. A stop is set
only where a timer can be: on Unix, in a process's main thread, and when no other stop is armed
(a stop inside a stop would cancel the outer one); elsewhere the block runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator


def available() -> bool:
    """A stop can be set here and now."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def alarm(seconds: float, expired: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``expired()`` in the ``with`` block once ``seconds`` have passed."""
    if seconds <= 0 or not available():
        yield
        return

    def ring(signum, frame):
        raise expired()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
