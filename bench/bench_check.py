"""Speed and memory targets for checking the bundled chapter (run by hand, not by pytest).

    python bench/bench_check.py [--repeat 3]      (with derivcheck installed)

Prints the wall time of a whole check of the bundled claims (median of the repeats, after a
warm-up run), the time per claim, and the peak memory of this process, and says whether each
target holds. Exit 1 when one does not.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

TARGETS = {"wall seconds, whole chapter": 90.0, "seconds per claim": 0.5,
           "peak memory MiB": 1536.0}


def main() -> int:  # noqa: D103
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from checkers import Config, check_all
    from derivations import CLAIMS, texts

    check_all(CLAIMS[:5], Config(), texts=texts())  # warm-up: imports, fork server
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        check_all(CLAIMS, Config(), texts=texts())
        times.append(time.perf_counter() - started)
    wall = statistics.median(times)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"wall seconds, whole chapter": wall, "seconds per claim": wall / len(CLAIMS),
               "peak memory MiB": peak}
    ok = True
    for name, value in figures.items():
        holds = value <= TARGETS[name]
        ok &= holds
        print(f"{name:<30} {value:10.2f}   target <= {TARGETS[name]:g}   "
              f"{'ok' if holds else 'MISSED'}")
    print(f"({len(CLAIMS)} claims, {args.repeat} runs: {', '.join(f'{t:.2f}' for t in times)} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
