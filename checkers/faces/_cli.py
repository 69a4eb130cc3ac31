"""The command line: ``derivcheck run``, ``derivcheck list`` (``mutate``: faces/_mutate).

Exit codes of ``run``: 0 every claim holds (or is undecided), 1 a claim is a discrepancy, 2 a
usage or input error (a claim that could not be checked as declared).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Sequence

from ..model._errors import DerivcheckError, UsageError
from ._args import seconds, whole

STYLE = {"verified": "green", "discrepancy": "bold red", "undecided": "yellow",
         "error": "magenta"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="derivcheck",
        description="Check the derivations of a math-heavy text: SymPy proofs and JAX autodiff"
                    " at random points. With no command, checks the bundled chapter.")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="check the bundled derivations (default)")
    _checking(run)
    run.add_argument("--collect-only", action="store_true",
                     help="list the derivation files PATH holds, reading and running nothing")
    report = sub.add_parser("report", help="check, then write the discrepancy report (Markdown,"
                                           " JSON, self-contained HTML)")
    _checking(report)
    report.add_argument("--out", default="report", help="folder of the report (./report)")
    report.add_argument("--format", default="md,json,html",
                        help="formats to write, comma-separated (md,json,html)")
    report.add_argument("--patch", metavar="FILE", default=None,
                        help="also write the report's proved corrections as a unified diff of the"
                             " document (apply with git apply or patch -p1)")
    listing = sub.add_parser("list", help="list the claims with their sources")
    _selection(listing)
    reader = sub.add_parser("read-latex", help="print what the LaTeX reader makes of a formula"
                                               " (SymPy, in Python syntax)")
    reader.add_argument("tex", metavar="TEX", nargs="?",
                        help=r"a formula, e.g. '\mathbf{x}^\top A \mathbf{x}'")
    reader.add_argument("--document", action="append", default=[], metavar="PATH",
                        help="instead of a formula: read every display formula of the Markdown"
                             " file PATH (repeatable) and print the share read and, grouped by"
                             " construct, the formulas not read")
    reader.add_argument("--shape", action="append", default=[], metavar="NAME=ROWSxCOLS",
                        help="give NAME a shape (x=nx1, A=nxn; sizes are numbers or names);"
                             " names without a shape are scalars")
    cover = sub.add_parser("coverage", help="every block of the text (display math, code"
                                            " cells, inline statements) and the claims that"
                                            " check it, or why it holds none; exits 1 when a"
                                            " block is unaccounted for")
    cover.add_argument("paths", nargs="*", metavar="PATH",
                       help="derivation files or folders; default: the bundled chapter")
    from ._mutate import add_parser

    add_parser(sub, _selection)
    return parser


def _checking(p: argparse.ArgumentParser) -> None:
    _selection(p)
    p.add_argument("--seed", type=whole(0), default=0, help="seed of the random points (0)")
    p.add_argument("--points", type=whole(1), default=64,
                   help="random points per claim and size (64)")
    p.add_argument("--budget", type=seconds, default=30.0,
                   help="seconds SymPy may spend on one claim before it is stopped (30);"
                        " reading a claim and its numeric check are stopped after this or 60 s,"
                        " whichever is longer")
    p.add_argument("--jobs", type=whole(1), default=2, help="symbolic checks at once (2)")
    only = p.add_mutually_exclusive_group()
    only.add_argument("--symbolic-only", action="store_true", help="run only SymPy")
    only.add_argument("--numeric-only", action="store_true", help="run only JAX")
    p.add_argument("--strict", action="store_true", help="exit 1 on undecided claims too")
    p.add_argument("--document", action="append", default=[], metavar="[NAME=]PATH",
                   help="check the claims against another edition of their text: each claim is"
                        " found again there by its quote, label or code (NAME= says which"
                        " document PATH replaces when the claims point into several)")
    p.add_argument("--no-cache", action="store_true",
                   help="prove every claim afresh: neither read nor write the cache of symbolic"
                        " results (~/.cache/derivcheck, or DERIVCHECK_CACHE)")


def _selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="derivation files (.toml, .py) or folders; default: the bundled chapter")
    p.add_argument("-k", dest="keyword", metavar="EXPRESSION",
                   help="only claims whose name, kind, tab or section match, e.g."
                        " -k 'quadratic and not text'")


def _terminated(signum, frame) -> None:
    """SIGTERM ends the run as Ctrl-C does: exit handlers kill the budget's worker processes."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            return _list(args)
        if args.command == "coverage":
            return _coverage(args)
        if args.command == "read-latex":
            return _read_latex(args)
        if args.command == "report":
            return _report(args)
        if args.command == "mutate":
            return _mutate(args)
        if args.command in (None, "run"):
            return _run(args if args.command else _parser().parse_args(["run"]))
    except DerivcheckError as err:
        print(f"derivcheck: {err}", file=sys.stderr)
        return 2
    return 2


_LOADED: dict = {}


def _loaded(args):
    """(claims, no_claims, texts) of the files named on the command line, or of the bundled
    chapter when none is named (read once)."""
    key = tuple(getattr(args, "paths", None) or ())
    if key not in _LOADED:
        _LOADED[key] = _load(args)
    return _LOADED[key]


def _load(args):
    if getattr(args, "paths", None):
        from pathlib import Path

        from ..readers._files import load

        found = load([Path(p) for p in args.paths])
        return list(found.claims), list(found.no_claims), found.texts
    from ..readers._bundled import bundled

    chapter = bundled()
    return list(chapter.CLAIMS), list(chapter.NO_CLAIMS), chapter.texts()


def _claims(args):
    claims = _loaded(args)[0]
    if not claims:
        raise UsageError(f"no claims in {' '.join(args.paths)}: nothing was checked"
                         " (see: derivcheck run --collect-only PATH)")
    if not args.keyword:
        return claims
    from ..model._select import matcher

    chosen = [c for c in claims if matcher(args.keyword)(c)]
    if not chosen:
        raise UsageError(f"-k {args.keyword!r} matches no claim",
                         hint="see the claims' names, kinds and tabs with: derivcheck list")
    return chosen


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _list(args) -> int:
    console = _console()
    for claim in _claims(args):
        console.print(f"{claim.name}  [{claim.kind}]  {claim.where()}", markup=False)
    return 0


def _shapes(specs) -> dict[str, tuple]:
    import re

    shapes = {}
    for spec in specs:
        found = re.fullmatch(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z0-9_]+?)\s*[x×]\s*"
                             r"([A-Za-z0-9_]+)\s*", spec)
        if not found:
            raise UsageError(f"--shape {spec!r}: not NAME=ROWSxCOLS",
                             hint="write NAME=ROWSxCOLS, e.g. --shape x=nx1")
        name, rows, cols = found.groups()
        shapes[name] = tuple(int(v) if v.isdigit() else v for v in (rows, cols))
    return shapes


def _read_latex(args) -> int:
    from ..readers.latex import read_relation

    if args.document:
        if args.tex is not None:
            raise UsageError("read-latex takes a formula or --document, not both")
        return _measure(args.document)
    if args.tex is None:
        raise UsageError("read-latex needs a formula or --document PATH",
                         hint=r"e.g. derivcheck read-latex '\frac{d}{dx} x^2'")
    chains = read_relation(args.tex, shapes=_shapes(args.shape))
    for chain in chains:
        parts = [str(chain.sides[0].expr)]
        for relation, side in zip(chain.relations, chain.sides[1:]):
            parts.append("≈" if "approx" in relation else relation)
            parts.append(str(side.expr))
        print(" ".join(parts))
    return 0


def _measure(paths) -> int:
    from pathlib import Path

    from ..report._notation import measure, percent, render_text

    total = read = 0
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--document {path}: cannot read it ({exc})",
                             hint="give the path of a Markdown chapter") from None
        m = measure(text, path)
        print(render_text(m))
        total, read = total + m.total, read + m.read
    if len(paths) > 1:
        print(f"all: {read} of {total} display formulas read ({percent(read, total)}%)")
    return 0


def _coverage(args) -> int:
    from ..report._coverage import coverage, with_parsing
    from ._console import render

    claims, no_claims, texts = _loaded(args)
    console, missing = _console(), 0
    for document, text in sorted(texts.items()):
        if len(texts) > 1:
            console.print(f"{document}:", markup=False)
        result = coverage(text, claims, no_claims, document=document)
        result = with_parsing(result, _symbols_for(claims, texts))
        render(result, console)
        missing += len(result.missing)
    return 0 if not missing else 1


def _symbols_for(claims, documents):
    """For a block: the SymPy objects of each claim checking it that resolves."""
    from ..model._errors import DeclarationError
    from ..kinds import resolve

    by_name = {c.name: c for c in claims}

    def symbols(item) -> list[dict]:
        found = []
        for name in item.claims:
            try:
                found.append(dict(resolve(by_name[name], documents).symbols))
            except DeclarationError:
                continue
        return found
    return symbols


def _lines(claim) -> str:
    from ..model._format import line_range

    return line_range(*claim.source.lines)


def _mutate(args) -> int:
    from ._mutate import mutate, operators

    operators(args)  # a usage error before any checking
    return mutate(args, _claims(args), _loaded(args)[2], _console())


def _run(args) -> int:
    if getattr(args, "collect_only", False):
        return _collect_only(args)
    console = _console()
    verdicts = _check(args, console)
    return _summary(console, verdicts, strict=args.strict)


def _collect_only(args) -> int:
    from pathlib import Path

    from ..readers._collect import collect, describe

    if not args.paths:
        import derivations

        print(f"{Path(derivations.__file__).parent}  (the bundled chapter)")
        return 0
    found = collect([Path(p) for p in args.paths])
    for path in found:
        print(f"{path}  ({describe(path)})")
    if not found:
        raise UsageError(f"no derivation files in {' '.join(args.paths)} (a folder's"
                         " derivations are *.toml files with [[claim]] tables and derivations*.py"
                         " or *_derivations.py modules)")
    return 0


def _report(args) -> int:
    from pathlib import Path

    from ..report._report import write_report

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = set(formats) - {"md", "json", "html"}
    if unknown or not formats:
        raise UsageError(f"--format {args.format!r}: no such format",
                         hint="choose among md, json, html, comma-separated")
    console = _console()
    verdicts = _check(args, console)
    code = _summary(console, verdicts, strict=args.strict)
    texts = {**_loaded(args)[2], **{e.name: e.text for e in _editions(args)}}
    written = write_report(verdicts, Path(args.out), seed=args.seed, texts=texts,
                           formats=formats, points=args.points, paths=args.paths,
                           config=_config(args), patch=args.patch)
    console.print("report: " + ", ".join(str(p) for p in written), markup=False)
    return code


def _check(args, console):
    """Check the selected claims, one line per claim, with a progress bar on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..engine._check import check_all

    claims = _claims(args)
    texts = _loaded(args)[2]
    config = _config(args)
    bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), console=console, transient=True,
                   disable=not console.is_terminal)
    with bar:
        task = bar.add_task("", total=len(claims))

        def show(v):
            console.print(_verdict_line(v))
            bar.update(task, advance=1, description=v.claim.name)
        return check_all(claims, config, progress=show, texts=texts,
                         editions=_editions(args))


def _config(args):
    from ..engine._cache import default_folder
    from ..engine._check import Config

    return Config(seed=args.seed, points=args.points, budget=args.budget, jobs=args.jobs,
                  symbolic=not args.numeric_only, numeric=not args.symbolic_only,
                  cache=None if args.no_cache else default_folder())


def moved(v) -> str:
    """"moved from lines a-b to c-d" for a verdict on a claim found again in another edition."""
    from ..model._format import line_range

    return f"moved from {line_range(*v.moved_from.lines)} to {_lines(v.claim)}"


def _editions(args):
    """The editions ``--document`` names, each replacing one document of the claims."""
    from ..readers._anchors import editions

    return editions(getattr(args, "document", []), _loaded(args)[2])


def _verdict_line(v):
    from rich.text import Text

    line = Text()
    line.append(f"{v.status.upper():<11}", style=STYLE[v.status])
    line.append(f" {v.claim.name}  [{v.claim.kind}]  {_lines(v.claim)}")
    if v.claim.source.tab:
        line.append(f" ({v.claim.source.tab})")
    if v.moved_from is not None:
        line.append(f" ({moved(v)})")
    said = v.summary  # an error with its "what to do" line, unless the text rejects the claim
    if v.status == "error" and v.error and v.error.startswith(v.summary):
        said = v.error
    line.append("\n            " + said.replace("\n", "\n          "),
                style="dim" if v.status == "verified" else "")
    return line


def _table(console, verdicts) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="derivcheck", show_lines=False)
    for column in ("verdict", "claims"):
        table.add_column(column)
    # counted as the summary line and the report count them: a claim the text rejects, once
    for status in STYLE:
        mine = [v for v in verdicts if v.status == status and not v.expected_by_text]
        table.add_row(status, str(len(mine)), style=STYLE[status] if mine else "dim")
    expected = sum(v.expected_by_text for v in verdicts)
    table.add_row("rejected by the text", str(expected), style="dim")
    console.print(table)
    odd = [v for v in verdicts if not v.holds]
    if odd:
        detail = Table(title="claims that do not hold")
        for column in ("verdict", "claim", "where"):
            detail.add_column(column)
        for v in odd:
            detail.add_row(Text(v.status), Text(v.claim.name), Text(v.claim.where()),
                           style=STYLE[v.status])
        console.print(detail)


def _summary(console, verdicts, *, strict: bool) -> int:
    _table(console, verdicts)
    counts = {s: sum(v.status == s and not v.expected_by_text for v in verdicts) for s in STYLE}
    expected = sum(v.expected_by_text for v in verdicts)
    tools = sum(v.tool is not None for v in verdicts)
    parts = [f"{counts[s]} {s}" for s in STYLE]
    noun = "claim" if len(verdicts) == 1 else "claims"
    console.print(f"\n{len(verdicts)} {noun}: " + ", ".join(parts)
                  + (f"; {expected} rejected by the text itself, and failing as it says"
                     if expected else "")
                  + (f"; {tools} SymPy/JAX tool disagreements" if tools else ""), markup=False)
    if any(v.status == "error" and not v.expected_by_text for v in verdicts):
        return 2
    if any(v.status == "discrepancy" and not v.expected_by_text for v in verdicts):
        return 1
    if strict and counts["undecided"]:
        return 1
    return 0
