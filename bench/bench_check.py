"""Speed targets of derivcheck, as ratios measured in one run (run by hand, not by pytest).

    python bench/bench_check.py [--quick] [--only NAME ...] [--markdown FILE]

with derivcheck installed (or its checkout on PYTHONPATH) in the Python that runs this script.
Everything is timed from outside, with public tools only (time, resource, subprocess), on the
command line a user types, except the numeric rates, which use the public API (check_all):

- floor     ``python -c "import sympy, jax"``, the cost of importing the tools (median of runs);
- help      ``derivcheck --help``;
- chapter   ``derivcheck report`` on the bundled chapter (every claim, both witnesses, report
            written), cold (a fresh cache folder, XDG_CACHE_HOME) and warm (the same folder again);
- numeric   points per second of the numeric witness on a Hessian claim (one claim, many points)
            against a loop of ``jax.test_util.check_grads`` (order 2) at single points;
- claims    100 and 1000 generated correct claims of mixed kinds (derivatives, gradients and
            identities of random polynomial/exp/log/sin combinations), ``--jobs 1`` and ``--jobs 2``:
            seconds per claim and how the time grows with the number of claims;
- matrix    d(xᵀAx)/dx = (A + Aᵀ)x at n = 10, 100, 1000 (``derivcheck run``, both witnesses, and
            the numeric witness alone through the API) against one forward-and-reverse pass of the
            same function (``jax.value_and_grad``, compiled, first call included).

``--quick`` runs fewer repeats and smaller sizes (20 and 100 claims, n up to 100, fewer points).
Prints a table of the targets with met / missed; exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, its value, the target and whether it holds."""

    name: str
    value: str
    target: str
    met: bool | None  # None: measured for information, no target

    def __post_init__(self):
        print(f"  {self.name}: {self.value}", file=sys.stderr, flush=True)  # progress


# --- running commands -------------------------------------------------------------------------

def derivcheck() -> list[str]:
    """The command a user types: the entry point beside this Python, else ``python -m``."""
    script = Path(sys.executable).with_name("derivcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checkers"]


def timed(command: list[str], *, cwd=None, env=None, ok=(0,)) -> tuple[float, str]:
    """Wall seconds of one run of ``command`` and its standard output."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def median_of(command: list[str], repeat: int, **kwargs) -> float:
    return statistics.median(timed(command, **kwargs)[0] for _ in range(repeat))


def machine() -> str:
    """The machine, as the table's caption says it: cores, CPU, memory, Python, the versions of
    JAX and SymPy, and the load average now."""
    from importlib.metadata import version

    gpu = "a GPU" if shutil.which("nvidia-smi") else "no GPU"
    return (f"{os.cpu_count()} cores ({_cpu()}), {_memory()}, {gpu}; Python"
            f" {sys.version.split()[0]}, jax {version('jax')}, sympy {version('sympy')}")


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "unknown CPU"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2 ** 20:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def fresh(work: Path, name: str) -> dict:
    """The environment of a cold run: an empty cache folder of its own (symbolic results and
    JAX's compiled programs), whatever DERIVCHECK_CACHE says outside."""
    env = {k: v for k, v in os.environ.items() if k != "DERIVCHECK_CACHE"
           and not k.startswith("JAX_")}
    return {**env, "XDG_CACHE_HOME": str(work / f"cache-{name}")}


# --- the measurements -------------------------------------------------------------------------

def floor(repeat: int) -> float:
    return median_of([sys.executable, "-c", "import sympy, jax"], repeat)


def help_seconds(repeat: int) -> float:
    return median_of([*derivcheck(), "--help"], repeat)


def chapter(work: Path) -> tuple[float, float, str]:
    """Cold and warm wall seconds of ``derivcheck report`` and its last line."""
    env = fresh(work, "chapter")
    command = [*derivcheck(), "report", "--seed", "0", "--out", str(work / "report")]
    cold, out = timed(command, env=env, ok=(0, 1))  # 1: the chapter has discrepancies
    warm, _ = timed(command, env=env, ok=(0, 1))
    said = [line for line in out.strip().splitlines() if " claims: " in line]
    return cold, warm, said[-1] if said else ""


BUMP = "x*e^(-x^2 - y^2)"
BUMP_H = "e^(-x^2 - y^2)*[[4*x^3 - 6*x, 4*x^2*y - 2*y], [4*x^2*y - 2*y, 4*x*y^2 - 2*x]]"


def numeric_rate(points: int, loops: int) -> tuple[float, float]:
    """Points per second: derivcheck's numeric witness on a Hessian claim, and a loop of
    ``check_grads`` (order 2, reverse mode) on the same function at single points."""
    import jax
    import jax.numpy as jnp
    import numpy as np
    from jax.test_util import check_grads

    from checkers import Config, Hessian, Source, Var, check_all

    claim = Hessian(name="bench.hessian", source=Source(lines=(1, 1)),
                    variables=(Var("x"), Var("y")), function=BUMP, wrt=("x", "y"),
                    claimed=BUMP_H)
    config = Config(symbolic=False, points=points)
    check_all([claim], Config(symbolic=False, points=8))  # imports
    started = time.perf_counter()
    (verdict,) = check_all([claim], config)
    ours = points / (time.perf_counter() - started)
    assert verdict.numeric.status == "agrees", verdict.summary

    jax.config.update("jax_enable_x64", True)

    def bump(v):
        return v[0] * jnp.exp(-v[0] ** 2 - v[1] ** 2)

    rng = np.random.default_rng(0)
    started = time.perf_counter()
    for _ in range(loops):
        check_grads(bump, (jnp.asarray(rng.uniform(-2, 2, 2)),), order=2, modes=("rev",))
    theirs = loops / (time.perf_counter() - started)
    return ours, theirs


def generated_claims(count: int, seed: int = 0) -> str:
    """A TOML file of ``count`` correct claims of mixed kinds, their right sides by SymPy."""
    import sympy as sp

    x, y = sp.symbols("x y", real=True)
    rng = random.Random(seed)
    atoms = [lambda v: v ** rng.randint(1, 4), lambda v: sp.exp(v / rng.randint(1, 3)),
             lambda v: sp.log(1 + v ** 2), lambda v: sp.sin(rng.randint(1, 3) * v)]

    def term():
        a, b = rng.choice(atoms), rng.choice(atoms)
        return rng.randint(1, 5) * a(rng.choice((x, y))) * b(rng.choice((x, y)))

    blocks = []
    for k in range(count):
        f = term() + term()
        kind = ("derivative", "gradient", "identity")[k % 3]
        head = f'[[claim]]\nname = "gen.{k}.{kind}"\nkind = "{kind}"\nlines = [1, 1]\n'
        head += 'variables = { x = "real", y = "real" }\n'
        if kind == "derivative":
            body = f'function = "{f}"\nwrt = "x"\nclaimed = "{sp.diff(f, x)}"\n'
        elif kind == "gradient":
            body = (f'function = "{f}"\nwrt = ["x", "y"]\n'
                    f'claimed = "[{sp.diff(f, x)}, {sp.diff(f, y)}]"\n')
        else:
            p = sp.Poly(rng.randint(1, 3) * x + rng.randint(1, 3) * y, x, y).as_expr()
            n = rng.randint(2, 4)
            body = (f'lhs = "({p})**{n}*exp(x)*exp(y)"\n'
                    f'rhs = "({sp.expand(p ** n)})*exp(x + y)"\n')
        blocks.append(head + body)
    return "\n".join(blocks)


def claims_run(work: Path, count: int, jobs: int) -> tuple[float, str]:
    path = work / f"generated-{count}.toml"
    if not path.exists():
        path.write_text(generated_claims(count), encoding="utf-8")
    seconds, out = timed([*derivcheck(), "run", str(path), "--jobs", str(jobs), "--seed", "0"],
                         env=fresh(work, f"claims-{count}-{jobs}"), ok=(0, 1))
    return seconds, out.strip().splitlines()[-1]


def matrix_claim(n: int) -> str:
    return (f'[[claim]]\nname = "bench.quadratic-form-{n}"\nkind = "derivative"\n'
            f'lines = [1, 1]\nvariables = {{ x = "vector {n}", A = "matrix {n} {n}" }}\n'
            'function = "x.T*A*x"\nwrt = "x"\nclaimed = "(A + A.T)*x"\n')


def matrix_run(work: Path, n: int) -> tuple[float, float, float]:
    """Wall seconds of ``derivcheck run`` on the claim, of the numeric witness alone (API, after
    imports) and of one compiled forward-and-reverse pass (first call, so compile included)."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from checkers import Config, check_all
    from checkers import Derivative, Source, matrix, vector

    path = work / f"matrix-{n}.toml"
    path.write_text(matrix_claim(n), encoding="utf-8")
    cli, _ = timed([*derivcheck(), "run", str(path), "--seed", "0"],
                   env=fresh(work, f"matrix-{n}"), ok=(0, 1))
    claim = Derivative(name=f"bench.quadratic-form-{n}", source=Source(lines=(1, 1)),
                       variables=(vector("x", str(n)), matrix("A", str(n), str(n))),
                       function="x.T*A*x", wrt="x", claimed="(A + A.T)*x")
    started = time.perf_counter()
    check_all([claim], Config(symbolic=False))
    numeric = time.perf_counter() - started

    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(0)
    xs, a = jnp.asarray(rng.normal(size=n)), jnp.asarray(rng.normal(size=(n, n)))
    started = time.perf_counter()
    value, grad = jax.jit(jax.value_and_grad(lambda v, m: v @ m @ v))(xs, a)
    grad.block_until_ready()
    one_pass = time.perf_counter() - started
    return cli, numeric, one_pass


# --- the table --------------------------------------------------------------------------------

def table(rows: list[Row], caption: str, loads: tuple[str, str]) -> str:
    lines = [f"Machine: {caption}. Load average at the start {loads[0]}, at the end"
             f" {loads[1]}.", "", "| measure | value | target | |", "|---|---|---|---|"]
    for row in rows:
        mark = "" if row.met is None else ("met" if row.met else "**missed**")
        lines.append(f"| {row.name} | {row.value} | {row.target} | {mark} |")
    return "\n".join(lines)


def main() -> int:  # noqa: D103
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller sizes")
    parser.add_argument("--only", nargs="*", default=None,
                        choices=["help", "chapter", "numeric", "claims", "matrix"],
                        help="run only these measurements (the floor always runs)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    chosen = set(args.only or ["help", "chapter", "numeric", "claims", "matrix"])
    repeat = 1 if args.quick else 3
    caption, started = machine(), load()
    rows: list[Row] = []
    base = floor(repeat)
    rows.append(Row('floor: python -c "import sympy, jax"', f"{base:.2f} s", "", None))
    work = Path(tempfile.mkdtemp(prefix="derivcheck-bench-"))
    try:
        if "help" in chosen:
            seconds = help_seconds(repeat)
            rows.append(Row("derivcheck --help", f"{seconds:.2f} s", "≤ 0.3 s", seconds <= 0.3))
        if "chapter" in chosen:
            cold, warm, said = chapter(work)
            rows.append(Row(f"chapter report, cold ({said})", f"{cold:.1f} s = {cold / base:.1f}×"
                            " floor", "≤ 2.5× floor", cold <= 2.5 * base))
            rows.append(Row("chapter report, warm", f"{warm:.1f} s = {warm / base:.1f}× floor",
                            "≤ 1.3× floor", warm <= 1.3 * base))
        if "numeric" in chosen:
            points, loops = (10_000, 10) if args.quick else (100_000, 50)
            ours, theirs = numeric_rate(points, loops)
            rows.append(Row(f"numeric points/s, Hessian claim ({points} points)", f"{ours:,.0f}"
                            f" = {ours / theirs:,.0f}× check_grads ({theirs:,.1f}/s)",
                            "≥ 1000× check_grads", ours >= 1000 * theirs))
        if "claims" in chosen:
            counts = (20, 100) if args.quick else (100, 1000)
            rows += claims_rows(work, counts)
        if "matrix" in chosen:
            for n in (10, 100) if args.quick else (10, 100, 1000):
                cli, numeric, one = matrix_run(work, n)
                rows.append(Row(f"matrix claim n={n}: run / numeric alone / one fwd+rev",
                                f"{cli:.1f} s / {numeric:.2f} s / {one:.3f} s"
                                f" ({numeric / one:.0f}×)", "≤ 3× one pass (n=1000)",
                                numeric <= 3 * one if n == 1000 else None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows.append(Row("peak memory of a child process", f"{peak:.0f} MiB", "", None))
    text = table(rows, caption, (started, load()))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0 if all(r.met is not False for r in rows) else 1


def claims_rows(work: Path, counts: tuple[int, int]) -> list[Row]:
    rows = []
    small, large = counts
    for jobs in (1, 2):
        t_small, _ = claims_run(work, small, jobs)
        t_large, said = claims_run(work, large, jobs)
        growth = math.log(t_large / t_small) / math.log(large / small)
        rows.append(Row(f"{small} generated claims, --jobs {jobs}", f"{t_small:.1f} s,"
                        f" {t_small / small:.3f} s/claim", "", None))
        target = large >= 1000 and jobs == 2
        rows.append(Row(f"{large} generated claims, --jobs {jobs} ({said})",
                        f"{t_large:.1f} s, {t_large / large:.3f} s/claim; time ∝ claims^"
                        f"{growth:.2f}", "< 60 s with --jobs 2, linear (exponent ≤ 1.1)"
                        if target else "", (t_large < 60 and growth <= 1.1) if target else None))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
