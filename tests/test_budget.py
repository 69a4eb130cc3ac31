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
