"""One finding per place in the text, with one correction proved by re-checking it.

Discrepancies at the same place (document, lines, tab) are one finding. A correction is the
text's own lines rewritten: for a claim that reads its claimed side from the text (a code cell's
value, ``CellValue``; a side of a display formula, ``Tex``) the candidate lines are put into a
copy of the document and every claim at that place is checked again on it. A candidate is
proved when it turns at least one failing claim of the place into a verified one and no claim
there that held stops holding; of several, the one that fixes the most wins, then the one
written for a claim whose namesakes in other tabs hold (what the rest of the text agrees on).
Candidates still tied that fix different claims contradict each other: none is chosen. Where no
candidate is proved, the finding says why instead of guessing.

Nothing here evaluates text: the candidates are SymPy's printing of the true form, and the
proof is the checker itself."""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass

import sympy as sp

from ._forms import as_text, readable


@dataclass(frozen=True)
class Edit:
    """Lines ``first``..``last`` (1-based) of ``document`` replaced by ``new``."""

    document: str
    first: int
    last: int
    old: tuple[str, ...]
    new: tuple[str, ...]

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        assert tuple(lines[self.first - 1:self.last]) == self.old
        return "\n".join(lines[:self.first - 1] + list(self.new) + lines[self.last:])

    def diff(self) -> str:
        """The edit as a unified diff of its lines (the hunk only, numbered as the text)."""
        head = f"@@ -{self.first},{len(self.old)} +{self.first},{len(self.new)} @@"
        return "\n".join([head, *(f"-{x}" for x in self.old), *(f"+{x}" for x in self.new)])


@dataclass(frozen=True)
class Candidate:
    edit: Edit
    claim: str          # the claim whose truth it writes
    why: str            # what it writes, in words


def place_of(v) -> tuple:
    s = v.claim.source
    return s.document, tuple(s.lines), s.tab or ""


def group(failing) -> list[list]:
    """The failing verdicts by place, in the order of the text."""
    places: dict[tuple, list] = {}
    for v in failing:
        places.setdefault(place_of(v), []).append(v)
    return list(places.values())


def correct(members, verdicts, texts, config) -> dict:
    """The correction of one place: proved (with the edit and what it fixes) or a reason."""
    said: dict[str, list[str]] = {}
    candidates = []
    for v in _ordered(members, verdicts):
        found, why = _candidates(v, texts)
        candidates += found
        if why:
            said.setdefault(why, []).append(v.claim.name)
    reasons = [f"{_names(names)}: {why}" for why, names in said.items()]
    if not candidates:
        return _none(reasons)
    if config is None:
        return _none(reasons + ["no checking configuration was given to re-check a candidate"])
    around = _claims_at(members[0], verdicts)
    held = _held_families(verdicts)
    proved = []
    for cand in candidates:
        after = _recheck(cand.edit, around, texts, config)
        broken = [v.claim.name for v in around
                  if v.status == "verified" and after[v.claim.name] != "verified"]
        fixed = [v.claim.name for v in members if after[v.claim.name] == "verified"]
        if broken:
            note = next((v.claim.note for v in members if v.claim.name == cand.claim), None)
            reasons.append(f"writing {cand.why} into the line would break {_names(broken)}"
                           " (verified now), so the line is right and what is wrong is the"
                           " statement the claim checks" + (f" ({note})" if note else ""))
            continue
        if not fixed:
            reasons.append(f"writing {cand.why} does not make the claims here verify")
            continue
        proved.append((len(fixed), _family(cand.claim) in held, cand, fixed))
    if not proved:
        return _none(reasons)
    top = max(p[:2] for p in proved)
    tied = [p for p in proved if p[:2] == top]
    if len({tuple(p[3]) for p in tied}) > 1:  # each fixes another claim, nothing else decides
        return _none(reasons + [
            "rewrites that contradict each other are each proved for one claim here ("
            + "; ".join(f"{p[2].why} makes {_names(p[3])} verify" for p in tied)
            + "), and no other claim of the run says which the text means"])
    cand, fixed = tied[0][2], tied[0][3]
    left = [v for v in members if v.claim.name not in fixed]
    return {"status": "proved", "claim": cand.claim, "what": cand.why,
            "edit": {"document": cand.edit.document, "first": cand.edit.first,
                     "last": cand.edit.last, "old": list(cand.edit.old),
                     "new": list(cand.edit.new)},
            "diff": cand.edit.diff(), "verifies": fixed,
            "still_failing": [v.claim.name for v in left],
            "reason": "; ".join(f"`{v.claim.name}` still fails after it"
                                + (f" (it checks that {v.claim.note})" if v.claim.note else "")
                                + ": no rewrite of these lines makes every claim here hold"
                                for v in left) or None}


def _none(reasons) -> dict:
    return {"status": "none", "claim": None, "what": None, "edit": None, "diff": None,
            "verifies": [], "still_failing": [],
            "reason": "; ".join(dict.fromkeys(reasons)) or "no candidate correction"}


def _names(names) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _family(name: str) -> str:
    """A claim's name without its tab: ``bump.code.quadratic[pytorch]`` is
    ``bump.code.quadratic``."""
    return re.sub(r"\[[^\]]*\]$", "", name)


def _held_families(verdicts) -> set[str]:
    return {_family(v.claim.name) for v in verdicts if v.status == "verified"}


def _ordered(members, verdicts):
    """Claims whose namesakes in other tabs hold first (what the rest of the text agrees on)."""
    held = _held_families(verdicts)
    return sorted(members, key=lambda v: _family(v.claim.name) not in held)


def _claims_at(v, verdicts) -> list:
    """Every claim at the place of ``v`` (overlapping lines, same document and tab)."""
    doc, (first, last), tab = place_of(v)
    return [o for o in verdicts if place_of(o)[0] == doc and place_of(o)[2] == tab
            and o.claim.source.lines[0] <= last and first <= o.claim.source.lines[1]]


def _recheck(edit: Edit, around, texts, config) -> dict:
    from ..engine._check import check_all

    changed = {**texts, edit.document: edit.apply(texts[edit.document])}
    again = check_all([v.claim for v in around], config, texts=changed)
    return {v.claim.name: v.status for v in again}


# --- candidates ---------------------------------------------------------------------------------

def _candidates(v, texts) -> tuple[list[Candidate], str | None]:
    """The candidate edits writing the truth of ``v``, or why there are none."""
    from ..kinds import kind_of, resolve
    from ..model._claims import CellValue, Tex
    from ..model._errors import DerivcheckError

    c = v.claim
    field = _claimed_field(c)
    ref = getattr(c, field, None) if field else None
    if getattr(c, "notation_slip", False):
        return [], ("the slip is in the notation (the claim's note says what is meant): the"
                    " formula made true as written would no longer say what the text means,"
                    " so only the author can write the correction")
    if not isinstance(ref, (CellValue, Tex)):
        return [], ("the claim types its formula in its declaration instead of reading it from"
                    " the text (a Tex or CellValue side), so no rewrite of the text's lines can"
                    " be re-checked")
    try:
        r = resolve(c, texts)
        kind = kind_of(c)
        truth, trusted = kind.true_form(r, getattr(v.symbolic, "derived", None),
                                        v.symbolic is not None and v.tool is None
                                        and v.symbolic.derived is not None)
    except (DerivcheckError, AttributeError, TypeError, ValueError):
        return [], "the claim does not resolve, so its truth cannot be written"
    if truth is None or not trusted:
        return [], "SymPy gives no closed form of the truth to write"
    other = getattr(r, "lhs", None) if field == "rhs" else getattr(r, "rhs", None)
    if other is not None and sp.srepr(truth) == sp.srepr(other):
        return [], "the truth SymPy gives is the other side itself: nothing to write instead"
    truth = readable(truth, r)
    point = kind.view(r).around
    if isinstance(ref, CellValue):
        return _code_candidates(c.name, ref, truth, point, texts), None
    return _tex_candidates(c.name, ref, truth, texts), None


def _claimed_field(c) -> str | None:
    if hasattr(c, "claimed"):
        return "claimed"
    if hasattr(c, "lhs") and hasattr(c, "rhs"):
        return "rhs" if c.kind == "approximation" else "lhs"
    return None


def _code_candidates(name, ref, truth, point, texts) -> list[Candidate]:
    """``w = <factor>*(<the truth around the point>)``, keeping the line's constant factor (its
    framework's way of writing e^{-1}), or the truth written whole."""
    text = texts.get(ref.document)
    if text is None or not isinstance(truth, sp.Expr):
        return []
    lines = text.split("\n")
    line = lines[ref.line - 1]
    indent = line[:len(line) - len(line.lstrip())]
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return []
    stmt = tree.body[0] if tree.body else None
    if not isinstance(stmt, ast.Assign) or not isinstance(stmt.value, ast.expr):
        return []
    target = ast.get_source_segment(line.strip(), stmt.targets[0])
    const, rest = _parts(truth, point)
    shown = f"the truth around {_show_point(point)}" if point else "the truth"
    out = []
    rhs = stmt.value
    if const != 1 and isinstance(rhs, ast.BinOp) and isinstance(rhs.op, ast.Mult) \
            and not _names_in(rhs.left) & {str(s) for s in truth.free_symbols}:
        factor = ast.get_source_segment(line.strip(), rhs.left)
        out.append(f"{indent}{target} = {factor}*({rest})")
    if not re.search(r"[A-Za-z_]\w*\(", rest) and const == 1:
        out.append(f"{indent}{target} = {rest}")
    return [Candidate(Edit(ref.document, ref.line, ref.line, (line,), (new,)), name, shown)
            for new in dict.fromkeys(out) if new != line]


def _names_in(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _parts(e, point) -> tuple[sp.Expr, str]:
    """(constant factor, the rest as Python text): around the point, in powers of (x − a)."""
    from ._forms import _split

    steps = {}
    for w, a in point or ():
        if a != 0:
            steps[w] = sp.Symbol(f"({as_text(w - a)})", real=True) + a
    poly = sp.factor_terms(sp.expand(e.xreplace(steps))) if steps else e
    split = _split(poly)
    if split is None:
        return sp.Integer(1), as_text(poly, order="old")
    const, rest = split
    return const, sp.sstr(rest, order="old")


def _show_point(point) -> str:
    return "(" + ", ".join(sp.sstr(a) for _, a in point) + ")"


def _tex_candidates(name, ref, truth, texts) -> list[Candidate]:
    """The side of the display formula that ``ref`` names, replaced by the truth's LaTeX."""
    from ..readers import _tex_refs
    from ..readers.latex import read_relation

    text = texts.get(ref.document)
    if text is None:
        return []
    try:
        block = _tex_refs._block(ref, text)
        sides = read_relation(block.text, symbols={})[ref.relation - 1].sides
        side = sides[ref.side]
    except Exception:  # noqa: BLE001 — a formula the reader cannot split: no candidate
        return []
    source = block.text[side.position:side.position + len(side.text)].rstrip()
    end = side.position + len(source)
    tail = re.match(r"\s*[.,;]?", block.text[end:])[0] if end < len(block.text) else ""
    new_text = block.text[:side.position] + sp.latex(truth) + tail + block.text[end + len(tail):]
    lines = text.split("\n")
    old = tuple(lines[block.start - 1:block.end])
    whole = "\n".join(old)
    if block.text not in whole:
        return []
    new = tuple(whole.replace(block.text, new_text, 1).split("\n"))
    return [Candidate(Edit(ref.document, block.start, block.end, old, new), name,
                      "the truth in LaTeX")]


def unified_diff(edits, texts) -> str:
    """The edits as one unified diff of their documents (``git apply`` / ``patch -p1``)."""
    out = []
    for document in sorted({e.document for e in edits}):
        before = texts[document]
        after = before
        for e in sorted((e for e in edits if e.document == document), key=lambda e: -e.first):
            after = e.apply(after)
        out += difflib.unified_diff(before.splitlines(keepends=True),
                                    after.splitlines(keepends=True),
                                    fromfile=f"a/{_path(document)}", tofile=f"b/{_path(document)}")
    return "".join(out)


def _path(document: str) -> str:
    """The document's path from the root of the repository: the bundled chapter's under
    ``derivations/texts/``, any other document's its own name."""
    from ..readers._bundled import home

    return f"derivations/texts/{document}" if (home() / "texts" / document).is_file() \
        else document
