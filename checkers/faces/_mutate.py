"""``derivcheck mutate``: plant single errors in the verified claims of derivation files and say
which the witnesses catch.

Exit codes: 0 every mutant is caught (or equivalent), 1 a mutant is missed, 2 a usage error.
"""

from __future__ import annotations


from ..model._errors import UsageError
from ._args import seconds, whole


def add_parser(sub, selection) -> None:
    p = sub.add_parser("mutate", help="plant single errors (sign, coefficient, dropped term,"
                                      " transpose, product order, swapped variables, moved"
                                      " point) in the verified claims and check that each"
                                      " witness catches them; exits 1 when one is missed")
    selection(p)
    p.add_argument("--seed", type=whole(0), default=0,
                   help="seed of the random points and of where each error is planted (0)")
    p.add_argument("--operators", default=None, metavar="A,B",
                   help="only these operators, comma-separated (default: all)")
    only = p.add_mutually_exclusive_group()
    only.add_argument("--symbolic-only", action="store_true", help="run only SymPy")
    only.add_argument("--numeric-only", action="store_true", help="run only JAX")
    p.add_argument("--jobs", type=whole(1), default=2, help="symbolic checks at once (2)")
    p.add_argument("--budget", type=seconds, default=30.0,
                   help="seconds SymPy may spend on one claim or mutant (30)")


def operators(args) -> tuple[str, ...]:
    from ..quality._mutants import operator_names
    from ..quality._operators import OPERATORS

    if args.operators is None:
        return tuple(OPERATORS)
    try:
        return operator_names(args.operators)
    except ValueError as err:
        raise UsageError(str(err), hint="e.g. --operators sign,transpose") from None


def mutate(args, claims, texts, console) -> int:
    from ..engine._cache import default_folder
    from ..engine._check import Config
    from ..quality._suite import run

    chosen = operators(args)
    config = Config(seed=args.seed, budget=args.budget, jobs=args.jobs,
                    symbolic=not args.numeric_only, numeric=not args.symbolic_only,
                    cache=default_folder())
    suite = run(claims, config, texts=texts, operators=chosen,
                progress=lambda text: console.print(text, markup=False))
    for line in table(suite, chosen):
        console.print(line, markup=False)
    for line in missed(suite):
        console.print(line, markup=False)
    return 1 if suite.missed else 0


def table(suite, chosen) -> list[str]:
    """One row per operator (and all): made, then caught, equivalent, missed by each witness
    (the verdict of both, and each alone)."""
    group = "{:>8}{:>7}{:>8}"
    lines = ["", " " * 23 + "".join(f"{w:^23}" for w in suite.witnesses),
             f"{'operator':<18}{'made':>5}" + group.format("caught", "equiv", "missed")
             * len(suite.witnesses)]
    lines.append("-" * len(lines[-1]))
    for operator in (*chosen, "all"):
        counts = [suite.counts(operator, w) for w in suite.witnesses]
        lines.append(f"{operator:<18}{counts[0]['made']:>5}" + "".join(
            group.format(c["caught"], c["equivalent"], c["missed"]) for c in counts))
    lines.append(f"\n{len(suite.outcomes)} mutants of {suite.mutated} verified claims"
                 f" (of {len(suite.originals)} checked): {len(suite.missed)} missed")
    return lines


def missed(suite) -> list[str]:
    lines = []
    for o in suite.missed:
        m = o.mutant
        verdict = o.verdicts["verdict"]
        lines.append(f"MISSED {m.claim.name}  [{m.operator}]  claim {m.original.name},"
                     f" {m.original.where()}, {m.original.source.document}")
        lines.append(f"       mutated: {_clip(m.shown)}")
        lines.append(f"       missed by: {', '.join(o.missed_by())}; verdict {verdict.status}:"
                     f" {_clip(verdict.summary)}")
    return lines


def _clip(text: str, width: int = 300) -> str:
    from ..model._format import shorten

    return shorten(text, width)


