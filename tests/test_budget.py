import math
import os
import subprocess
import sys
import textwrap
import time

from pathlib import Path

import checkers
from checkers.engine._budget import WALL_FACTOR, BudgetPool, cpu_seconds


def test_a_task_past_its_cpu_budget_is_killed_and_the_others_finish():
    pool = BudgetPool(math.factorial, seconds=0.5, jobs=2)
    pool.submit("busy", 10**9)  # hours of CPU
    pool.submit("quick", 5)
    busy, quick = pool.result("busy"), pool.result("quick")
    pool.close()
    assert busy.timed_out and busy.seconds >= 0.5  # CPU seconds, whatever the load
    assert not quick.timed_out and quick.value == 120


def test_a_task_that_spends_no_cpu_is_stopped_after_its_wall_factor():
    pool = BudgetPool(time.sleep, seconds=0.2, jobs=1)
    pool.submit("asleep", 600)
    started = time.monotonic()
    asleep = pool.result("asleep")
    pool.close()
    assert asleep.timed_out
    assert WALL_FACTOR * 0.2 <= time.monotonic() - started < 60


def test_the_budget_counts_cpu_time_not_the_time_that_passes():
    assert cpu_seconds(os.getpid()) is not None  # Linux: /proc
    before = cpu_seconds(os.getpid())
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    assert cpu_seconds(os.getpid()) - before >= 0.25
    started = cpu_seconds(os.getpid())
    time.sleep(0.3)
    assert cpu_seconds(os.getpid()) - started < 0.1


def test_a_crash_in_a_task_is_reported_not_raised():
    pool = BudgetPool(int, seconds=10)
    pool.submit("bad", "not a number")
    outcome = pool.result("bad")
    pool.close()
    assert "ValueError" in outcome.crashed


def test_a_user_script_without_a_main_guard_works(tmp_path):
    script = tmp_path / "mine.py"
    script.write_text(textwrap.dedent("""
        from checkers import Derivative, Source, Var, check
        claim = Derivative(name="mine", source=Source(lines=(1, 1)), variables=(Var("x"),),
                           function="x^3", wrt="x", claimed="3*x^2")
        print("RESULT", check(claim).status)
    """))
    root = str(Path(checkers.__file__).parent.parent)  # where checkers is, installed or not
    env = {**os.environ, "PYTHONPATH": root}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.stdout.count("RESULT") == 1 and "RESULT verified" in out.stdout, out.stderr


def test_time_limit_stops_work_in_the_main_process_with_its_own_exception():
    from checkers.engine._budget import OutOfTime, time_limit

    started = time.monotonic()
    try:
        with time_limit(0.5, "spinning"):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # work that catches everything does not swallow it
                    pass
    except OutOfTime as err:
        assert "0.5 s time budget while spinning" in str(err)
    else:
        raise AssertionError("not stopped")
    assert time.monotonic() - started < 10


def test_time_limit_is_lifted_after_the_block():
    import signal

    from checkers.engine._budget import time_limit

    with time_limit(5, "nothing"):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_claim_whose_reading_overruns_the_budget_is_an_out_of_time_error(monkeypatch):
    from checkers import Config, Derivative, Source, Var, check
    from checkers.kinds import _table

    def slow(claim, texts):
        while True:
            time.sleep(0.01)

    from checkers.engine import _check

    monkeypatch.setattr(_table, "resolve", slow)
    monkeypatch.setattr(_check, "OUTER_FLOOR", 1.0)  # the floor that covers loading JAX: 60 s
    claim = Derivative(name="d", source=Source(lines=(1, 1)), variables=(Var("x"),),
                       function="x^3", wrt="x", claimed="3*x^2")
    verdict = check(claim, Config(budget=0.5))
    assert verdict.status == "error" and verdict.reason == "out-of-time"
    assert "while reading and resolving" in verdict.error
