"""Where a claim stands in its document: checked before the claim is, and found again in another
edition of the same text.

:func:`verify` holds a claim's ``Source`` to its document: the lines lie inside it, and the
``quote`` (when given) stands in those lines or within :data:`NEAR` lines of them, runs of
whitespace (and LaTeX's thin spaces ``\\,`` ``\\;`` ``\\:`` ``\\!``) aside.

:func:`relocate` finds a claim again in another edition: by its quote (exact, then with
whitespace normalised), else by its ``:eqlabel:`` label, else by the display formula it quotes
(prose inside it aside), else, for a quote of prose in another language, by the most
distinctive inline formula of the quote (:func:`_by_inline_formula`), else, for a code claim,
by the content of its lines in a cell of the same tab, searching the whole new text and taking the occurrence
nearest the old one by relative position. The ``Tex(lines=...)`` and ``CellValue(line=...)``
references of the claim follow by content (the same formula, the same statement), never by line
number. What cannot be found is a :class:`Lost`, never a guess at the old line numbers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Callable

from ..model._claims import CellValue, Claim, Source, Tex
from ..model._format import line_range, shorten

NEAR = 3
"""How many lines above or below its lines a claim's quote may stand."""

_SPACE = re.compile(r"(?:\s|\\[,;:!])+")
_PROSE = re.compile(r"\\(?:text(?:rm|bf|it|sf|normal)?|mbox)\s*\{[^{}]*\}")
_SKIPPED = ("name", "source", "variables", "error", "declared")


@dataclass(frozen=True)
class Lost:
    """Why a claim's place is not found: where it looked, what is wrong, and what to do."""

    message: str
    hint: str


@dataclass(frozen=True)
class Edition:
    """Another edition of the document ``replaces``: its file ``name`` and its ``text``."""

    replaces: str
    name: str
    text: str


def squash(text: str) -> str:
    """``text`` with every run of whitespace (or LaTeX thin space) as one space, stripped."""
    return _SPACE.sub(" ", text).strip()


def formula_key(tex: str) -> str:
    """A display formula as editions share it: squashed, with the prose inside it
    (``\\text{...}``, ``\\textrm{...}``, ``\\mbox{...}``, translated from one edition to the
    next) left out."""
    return squash(_PROSE.sub(r"\\text{}", tex))


def editions(specs, texts) -> list[Edition]:
    """The editions ``--document [NAME=]PATH`` names; ``texts`` are the documents the claims
    point into (NAME= is needed only when there are several)."""
    from ..model._errors import UsageError

    found = []
    for spec in specs:
        name, _, path = spec.rpartition("=") if "=" in spec else ("", "", spec)
        if not name and len(texts) != 1:
            raise UsageError(f"--document {spec}: the claims point into {len(texts)} documents"
                             f" ({', '.join(sorted(texts)) or 'none given'}), so say which one"
                             f" {path} replaces", hint="write --document NAME=PATH")
        name = name or next(iter(texts))
        if name not in texts:
            raise UsageError(f"--document {spec}: no claim points into {name}",
                             hint=f"name one of: {', '.join(sorted(texts))}")
        found.append(Edition(name, *_read(path, spec)))
    return found


def _read(path: str, spec: str) -> tuple[str, str]:
    from pathlib import Path

    from ..model._errors import UsageError

    file = Path(path)
    try:
        return file.name, file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--document {spec}: cannot read {path} ({exc})",
                         hint="give the path of a UTF-8 Markdown file") from None


# --- checking a claim's place ----------------------------------------------------------------


def verify(source: Source, text: str) -> Lost | None:
    """None when ``source`` stands in ``text``; else why not."""
    count = len(text.splitlines())
    start, end = source.lines
    if end > count:
        return Lost(f"{line_range(start, end)} lie past the end of {source.document}, which has"
                    f" {count} lines", hint="point lines= at the place the claim stands in the"
                                             " document")
    if not source.quote:
        return None
    spots = occurrences(source.quote, text)
    if _nearest_within(spots, source.lines) is not None:
        return None
    return Lost(_misquoted(source, spots), hint="correct lines= to where the quote stands, or"
                                                " quote= to what the text writes there")


def _misquoted(source: Source, spots: list[tuple[int, int]]) -> str:
    head = (f"its quote {shorten(source.quote, 60)!r} does not stand at"
            f" {line_range(*source.lines)} of {source.document} (looked there and {NEAR} lines"
            " around, whitespace aside)")
    if not spots:
        return head + f"; it stands nowhere in {source.document}"
    where = ", ".join(line_range(*s) for s in spots[:3])
    return head + f"; it stands at {where}"


def _nearest_within(spots, lines: tuple[int, int]) -> tuple[int, int] | None:
    start, end = lines
    near = [s for s in spots if s[0] <= end + NEAR and start - NEAR <= s[1]]
    return min(near, key=lambda s: abs(s[0] - start), default=None)


def occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    """The (first, last) lines of every place ``quote`` stands in ``text``: exactly, or if it
    stands nowhere exactly, with whitespace normalised."""
    starts = _line_starts(text)
    exact = [(m.start(), m.start() + len(quote) - 1) for m in _finditer(quote, text)]
    if exact:
        return [(_line(starts, a), _line(starts, b)) for a, b in exact]
    flat, origin = _squashed(text)
    wanted = squash(quote)
    if not wanted:
        return []
    return [(_line(starts, origin[m.start()]), _line(starts, origin[m.start() + len(wanted) - 1]))
            for m in _finditer(wanted, flat)]


def _finditer(needle: str, haystack: str):
    return re.finditer(f"(?={re.escape(needle)})", haystack) if needle else iter(())


def _squashed(text: str) -> tuple[str, list[int]]:
    """``text`` squashed, and for each of its characters the offset it comes from."""
    out, origin, last = [], [], 0
    for m in _SPACE.finditer(text):
        out.append(text[last:m.start()] + " ")
        origin.extend(range(last, m.start() + 1))
        last = m.end()
    out.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(out), origin


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _line(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


# --- finding a claim again in another edition --------------------------------------------------


def relocate(claim: Claim, old: str, edition: Edition) -> Claim | Lost:
    """``claim`` with its source (and the references it reads) found again in ``edition``."""
    lost = verify(claim.source, old)
    if lost is not None:
        return lost
    found = find(claim.source, old, edition.text)
    if isinstance(found, Lost):
        return found
    shift = found.lines[0] - claim.source.lines[0]
    moved: dict[str, Any] = {"source": replace(found, document=edition.name)}
    for field in fields(claim):
        if field.name in _SKIPPED or not field.init:
            continue
        value = getattr(claim, field.name)
        try:
            new = _walk(value, lambda ref: _move_ref(ref, claim.source.document, old, edition,
                                                     shift))
        except _NotFound as err:
            return err.lost
        if new != value:
            moved[field.name] = new
    return replace(claim, **moved)


def find(source: Source, old: str, new: str) -> Source | Lost:
    """``source`` found again in the text ``new`` (``old`` is the text it points into): by its
    quote, else its label, else (a code claim) the content of its lines."""
    tried = []
    for finder in (_by_quote, _by_label, _by_formula, _by_inline_formula, _by_code):
        found = finder(source, old, new)
        if isinstance(found, Source):
            return found
        if found:
            tried.append(found)
    return Lost("not found in this edition: " + "; ".join(tried or ["it has no quote, label or"
                                                                    " code to look for"]),
                hint="the claim's anchor is not in this edition (prose in another language, or"
                     " a passage it does not have): check it against its own edition, or give it"
                     " a quote of a formula or code line this edition shares")


def _by_quote(source: Source, old: str, new: str) -> Source | str:
    if not source.quote:
        return ""
    here = _nearest_within(occurrences(source.quote, old), source.lines)
    spots = occurrences(source.quote, new)
    if here is None or not spots:
        return f"its quote {shorten(source.quote, 60)!r} stands nowhere in it"
    before = occurrences(source.quote, old)
    if len(before) == len(spots):  # the same occurrence: the k-th of n in both editions
        there = spots[before.index(here)]
    else:
        there = _nearest(spots, here[0], old, new)
    start, end = source.lines
    lines = (start + there[0] - here[0], max(start + there[0] - here[0], end + there[1] - here[1]))
    return replace(source, lines=lines)


def _by_label(source: Source, old: str, new: str) -> Source | str:
    if not source.label:
        return ""
    before = [b for b in _displays(old) if b.label == source.label]
    after = [b for b in _displays(new) if b.label == source.label]
    if len(before) != 1 or len(after) != 1:
        return f"{len(after)} formulas are labelled '{source.label}' in it"
    shift = after[0].start - before[0].start
    return replace(source, lines=(source.lines[0] + shift, source.lines[1] + shift))


def _by_formula(source: Source, old: str, new: str) -> Source | str:
    """The display formula the claim quotes (or, without a quote, the first its lines hold),
    found again with the prose inside it aside. A quote of prose never finds a formula."""
    start, end = source.lines
    span = (start, end)
    if source.quote:
        span = _nearest_within(occurrences(source.quote, old), source.lines) or (0, 0)
    block = next((b for b in _displays(old) if b.start <= span[0] and span[1] <= b.end), None)
    if block is None and not source.quote:
        block = next((b for b in _displays(old) if b.start <= end and start <= b.end), None)
    if block is None:
        return ""
    try:
        return replace(source, lines=_moved_formula((start, end), old, new, 0, block=block))
    except _NotFound:
        return f"its formula at {line_range(block.start, block.end)} stands nowhere in it"


INLINE_KEY = 5
"""How many characters (whitespace aside) an inline formula needs to find a quote of prose
again: ``$x$`` or ``$n$`` stand everywhere and identify nothing."""

_DOLLARS = re.compile(r"(?<![\\$])\$([^$]+)\$")


def _by_inline_formula(source: Source, old: str, new: str) -> Source | str:
    """A quote of prose around inline formulas (``tornando $\\cos(\\theta) = -1$ ou``),
    found again by its most distinctive formula: the one that stands the fewest times in the
    document, of at least :data:`INLINE_KEY` characters, standing as many times in both
    editions (the k-th of n is the k-th of n). The new source quotes that formula as the new
    edition spells it, so its place holds there; prose in another language is never matched."""
    if not source.quote:
        return ""
    here = _nearest_within(occurrences(source.quote, old), source.lines)
    keys = [f for f in _DOLLARS.findall(source.quote) if len(_bare(f)) >= INLINE_KEY]
    if here is None or not keys:
        return ""
    before_of = {f: _inline_spots(old, f) for f in keys}
    usable = [f for f in keys if len(before_of[f]) == len(_inline_spots(new, f)) > 0
              and any(here[0] <= line <= here[1] for line, _ in before_of[f])]
    if not usable:
        return (f"its formulas ({', '.join('$' + shorten(f, 30) + '$' for f in keys)}) do not"
                " stand as often in it as in its own edition")
    formula = min(usable, key=lambda f: (len(before_of[f]), -len(f)))
    before, after = before_of[formula], _inline_spots(new, formula)
    mine = next(spot for spot in before if here[0] <= spot[0] <= here[1])
    there, written = after[before.index(mine)]
    shift = there - mine[0]
    start, end = source.lines
    return replace(source, lines=(start + shift, end + shift), quote=f"${written}$")


def _inline_spots(text: str, formula: str) -> list[tuple[int, str]]:
    """The line and spelling of every inline formula of ``text`` that is ``formula``,
    whitespace aside."""
    wanted = _bare(formula)
    return [(b.start, b.text) for b in _blocks(text) if b.kind == "inline_math"
            and _bare(b.text) == wanted]


def _bare(formula: str) -> str:
    return squash(formula).replace(" ", "")


def _by_code(source: Source, old: str, new: str) -> Source | str:
    if not source.tab:
        return ""
    start, end = source.lines
    wanted = [ln.strip() for ln in old.splitlines()[start - 1:end]]
    lines = new.splitlines()
    spots = [(i, i + len(wanted) - 1) for i in _code_lines(new, source.tab)
             if [ln.strip() for ln in lines[i - 1:i - 1 + len(wanted)]] == wanted]
    if not spots or not any(wanted):
        return f"its code ({shorten(' '.join(wanted), 60)!r}) stands in no {source.tab} cell"
    there = _nearest(spots, start, old, new)
    return replace(source, lines=there)


def _nearest(spots, line: int, old: str, new: str):
    """The spot nearest ``line`` of ``old`` by relative position in ``new``."""
    place = line / max(1, len(old.splitlines()))
    count = max(1, len(new.splitlines()))
    return min(spots, key=lambda s: abs(s[0] / count - place))


# --- the references a claim reads follow by content ------------------------------------------


class _NotFound(Exception):
    def __init__(self, lost: Lost) -> None:
        super().__init__(lost.message)
        self.lost = lost


def _walk(value: Any, move: Callable[[Any], Any]) -> Any:
    if isinstance(value, (Tex, CellValue)):
        return move(value)
    if isinstance(value, tuple):
        return tuple(_walk(v, move) for v in value)
    if isinstance(value, list):
        return [_walk(v, move) for v in value]
    return value


def _move_ref(ref, document: str, old: str, edition: Edition, shift: int):
    if ref.document != document:
        return ref
    if isinstance(ref, CellValue):
        return replace(ref, line=_moved_statement(ref, old, edition.text, shift),
                       document=edition.name)
    if ref.lines is None:  # a label names the same formula in every edition
        return replace(ref, document=edition.name)
    return replace(ref, lines=_moved_formula(ref.lines, old, edition.text, shift),
                   document=edition.name)


def _moved_formula(lines: tuple[int, int], old: str, new: str, shift: int, *,
                   block=None) -> tuple[int, int]:
    """``lines`` moved with the display formula they name (``block``, or the one at them),
    found in ``new`` by its content (prose aside), nearest its old place moved by ``shift``."""
    first, last = lines
    if block is None:
        found = [b for b in _displays(old) if b.start <= last and first <= b.end]
        block = found[0] if len(found) == 1 else None
    wanted = formula_key(block.text) if block is not None else None
    before = [b for b in _displays(old) if formula_key(b.text) == wanted]
    after = [b for b in _displays(new) if formula_key(b.text) == wanted]
    if not after:
        raise _NotFound(Lost(f"not found in this edition: the formula at {line_range(*lines)}"
                             + (f" ({shorten(wanted, 60)!r})" if wanted else "")
                             + " stands nowhere in it", hint="the claim reads a formula this"
                                                             " edition does not have"))
    if len(before) == len(after):  # the same occurrence: the k-th of n in both editions
        there = after[before.index(block)]
    else:
        there = min(after, key=lambda b: abs(b.start - (block.start + shift)))
    moved = there.start - block.start
    return first + moved, last + moved


def _moved_statement(ref: CellValue, old: str, new: str, shift: int) -> int:
    lines = old.splitlines()
    wanted = lines[ref.line - 1].strip() if ref.line <= len(lines) else ""
    fresh = new.splitlines()
    spots = [i for i in _code_lines(new, ref.tab) if fresh[i - 1].strip() == wanted]
    if not wanted or not spots:
        raise _NotFound(Lost(f"not found in this edition: line {ref.line} of the {ref.tab} tab"
                             f" ({shorten(wanted, 60)!r}) stands in no {ref.tab} cell",
                             hint="the claim reads a statement this edition does not have"))
    return min(spots, key=lambda i: abs(i - (ref.line + shift)))


def _code_lines(text: str, tab: str) -> list[int]:
    """The lines of the code cells of ``tab`` (and of the cells for every tab)."""
    return [line for b in _blocks(text) if b.kind == "code" and b.tab
            and {tab, "all"} & set(b.tab.split(","))
            for line in range(b.text_line, b.text_line + len(b.text.splitlines()))]


def _displays(text: str):
    return [b for b in _blocks(text) if b.kind == "display_math"]


@lru_cache(maxsize=8)
def _blocks(text: str):
    from ._markdown import read_blocks

    return tuple(read_blocks(text))
