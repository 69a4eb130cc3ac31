import os
import subprocess
import sys
import textwrap
import time

from pathlib import Path

import checkers
from checkers.engine._budget import BudgetPool


def test_a_task_past_its_budget_is_killed_and_the_others_finish():
    pool = BudgetPool(time.sleep, seconds=0.5, jobs=2)
    pool.submit("slow", 30)
    pool.submit("quick", 0)
    started = time.monotonic()
    slow, quick = pool.result("slow"), pool.result("quick")
    pool.close()
    assert slow.timed_out and not quick.timed_out
    assert time.monotonic() - started < 10


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

    monkeypatch.setattr(_table, "resolve", slow)
    claim = Derivative(name="d", source=Source(lines=(1, 1)), variables=(Var("x"),),
                       function="x^3", wrt="x", claimed="3*x^2")
    verdict = check(claim, Config(budget=0.5))
    assert verdict.status == "error" and verdict.reason == "out-of-time"
    assert "while reading and resolving" in verdict.error
