"""What the command line prints with rich: the coverage of a document, one line per block.

The report and everything below it never import rich (an import-linter contract); the terminal
is the faces' business.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..readers._markdown import INLINE_MATH
from ..model._format import shorten as _shorten
from ..report._coverage import Coverage, Item

_CLAIMS_SHOWN = 3
_SECTION_WIDTH = 28
_FORMULA_WIDTH = 32


def render(result: Coverage, console: Console) -> None:
    """One line per item (lines, kind, section, then what accounts for it), then the totals.

    Colour only where ``console`` is a terminal; lines are never wrapped, so each item stays on
    one line when the output is piped.
    """
    for item in result.items:
        console.print(_item_line(item), soft_wrap=True)
    console.print(_summary(result), soft_wrap=True)


def _item_line(item: Item) -> Text:
    start, end = item.lines
    where = f"{start}-{end}" if end != start else f"{start}"
    line = Text(f"{where:>9}  ", style="dim")
    line.append(f"{item.kind:<18} ", style="cyan")
    line.append(f"{_shorten(item.block.section, _SECTION_WIDTH):<{_SECTION_WIDTH}}  ")
    if item.block.kind == INLINE_MATH:
        line.append(f"${_shorten(item.block.text, _FORMULA_WIDTH)}$  ", style="dim")
    elif item.is_statement:
        line.append(f"{_shorten(item.statement, _FORMULA_WIDTH)}  ", style="dim")
    if item.parsed is not None:
        line.append("[reads] " if item.parsed else "[unread] ",
                    style="green" if item.parsed else "yellow")
    if item.claims:
        line.append(_claim_names(item.claims), style="green")
    elif item.reasons:
        line.append("— " + "; ".join(item.reasons), style="dim" if item.notation else "yellow")
    else:
        line.append("NOT ACCOUNTED FOR", style="bold red")
    if item.parsed is False:
        line.append(f"  (LaTeX: {item.parse_note})", style="yellow")
    return line


def _claim_names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_CLAIMS_SHOWN])
    more = len(names) - _CLAIMS_SHOWN
    return shown + (f", … (+{more} more)" if more > 0 else "")


def _summary(result: Coverage) -> Text:
    percent = _floor_percent(result.accounted, result.total)
    (formulas, of_formulas), (statements, of_statements) = result.count(False), \
        result.count(True)
    line = Text(f"{result.accounted} of {result.total} items accounted for ({percent}%):"
                f" {formulas} of {of_formulas} formulas and blocks, {statements} of"
                f" {of_statements} code statements",
                style="bold green" if not result.missing else "bold")
    line.append(f"; {result.by_claims} by claims, {result.by_reason} by a declared reason, "
                f"{result.by_notation} automatically (inline notation, imports);"
                f" {len(result.missing)} not accounted for")
    shown = [i for i in result.items if i.parsed is not None]
    if shown:
        read = sum(i.parsed for i in shown)
        line.append(f"\nLaTeX reader: {read} of {len(shown)} display formulas read,"
                    f" {len(shown) - read} not")
    return line


def _floor_percent(part: int, total: int) -> int:
    """Whole percent rounded down, so 100% means every block."""
    return 100 if total == 0 else (100 * part) // total
