"""The discrepancy report: what a maintainer of the text reads after ``check_all``.

``build_report`` turns verdicts into one JSON document (``checkers/report/report.schema.json``,
``"schema": "derivcheck-report/2"``); ``write_report`` writes it as ``report.json``, as GitHub
Markdown (``report.md``, math in ``$…$``/``$$…$$``) and as one self-contained HTML page
(``report.html``: inline CSS, figures as inline SVG, no script, nothing fetched), with the figures
also as files under ``figures/`` for the Markdown.

Every discrepancy says where (section, lines, label, tab and the exact lines of the document),
what is claimed and what is true (LaTeX; MathML in the page), a counterexample whose numbers are
named, the claim's note and the command that reproduces it. The discrepancies at one place are
one finding with one correction, proved by checking the claims there again on the corrected
text (``_corrections``), or the reason why none is; ``patch_of`` gives the proved ones as a
unified diff. The same verdicts and seed give
byte-identical JSON and Markdown (no timestamps, no timings, sorted keys, floats rounded to 12
significant digits), and the HTML is deterministic too.

Expressions are SymPy objects from ``resolve``: nothing here evaluates text.

This module builds the document; its parts live beside it: ``_report_refs`` (claims, places and
reproducing commands), ``_report_discrepancy`` (one discrepancy), ``_report_truth`` (the claimed
and the true side), ``_report_forms`` (expressions as a person writes them) and
``_report_numbers``. The pages: ``_report_md`` and ``_report_html`` (with ``_report_css``), which
share ``_report_layout``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import sympy as sp

from . import _figures
from ._corrections import Edit, correct, group, place_of, unified_diff
from ._discrepancy import discrepancy
from ._html import render_html
from ._layout import UNDECIDED_JSON
from ._md import render_markdown
from ._numbers import num
from ._refs import Refs, universe_of
from ._truth import TRUTH_LIMIT  # noqa: F401  (re-exported: the tests read it here)
from ..model._verdict import STATUSES, Verdict

SCHEMA = "derivcheck-report/2"
FORMATS = ("md", "json", "html")


def build_report(verdicts: Sequence[Verdict], *, seed: int, texts: Mapping[str, str],
                 points: int | None = None, paths: Sequence[str] = (), config=None) -> dict:
    """The report as a JSON-ready dict (see ``checkers/report/report.schema.json``). ``points``, when
    given, is the number of random points of the run, and ``paths`` the derivation files it
    checked (none: the bundled chapter); both go into the reproducing commands. ``config``
    (``engine.Config``) is how corrections are re-checked (default: the seed and points given,
    a 30 s symbolic budget)."""
    return _build(verdicts, seed=seed, texts=texts, points=points, paths=paths,
                  config=config)[0]


def write_report(verdicts: Sequence[Verdict], out_dir, *, seed: int, texts: Mapping[str, str],
                 formats: Sequence[str] = FORMATS, points: int | None = None,
                 paths: Sequence[str] = (), config=None, patch=None) -> list[Path]:
    """Write ``report.md``, ``report.json``, ``report.html`` (those in ``formats``) and the
    figures (``figures/*.svg``) into ``out_dir``, and the proved corrections as a unified diff
    into ``patch`` when given; returns the paths written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}: use {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc, jobs, maths = _build(verdicts, seed=seed, texts=texts, points=points, paths=paths,
                              config=config)
    svgs: dict[str, str] = {}
    for entry, verdict, resolved in jobs:
        figure = entry["figure"]
        try:
            svgs[figure["file"]] = _figures.render(figure["kind"], verdict, resolved,
                                                   entry["claim"]["name"])
        except Exception:  # noqa: BLE001 — a figure is an aid: the report goes on without it
            entry["figure"] = None
    written = []
    for name, svg in svgs.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    renderers = {"md": render_markdown, "json": dumps_json,
                 "html": lambda d: render_html(d, svgs, maths)}
    for fmt in formats:
        path = out / f"report.{fmt}"
        path.write_text(renderers[fmt](doc), encoding="utf-8", newline="\n")
        written.append(path)
    if patch is not None:
        path = Path(patch)
        path.write_text(patch_of(doc, texts), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def patch_of(doc: dict, texts: Mapping[str, str]) -> str:
    """The report's proved corrections as one unified diff of the documents."""
    edits = [Edit(**{k: tuple(x) if isinstance(x, list) else x
                     for k, x in f["correction"]["edit"].items()})
             for f in doc["findings"] if f["correction"]["status"] == "proved"]
    return unified_diff(edits, texts)


def dumps_json(doc: dict) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _build(verdicts, *, seed, texts, points, paths=(), config=None):
    verdicts = sorted(verdicts, key=_in_text_order)
    universe = universe_of(verdicts)
    ref = Refs(texts, seed, points, universe, paths)
    discrepancies, jobs, maths = [], [], {}
    for v in verdicts:
        if v.status == "discrepancy" and not v.expected_by_text:
            entry, resolved = discrepancy(len(discrepancies) + 1, v, verdicts, ref)
            maths[entry["id"]] = {side: entry[side].pop("_mathml", None)
                                  for side in ("claimed", "true")}
            discrepancies.append(entry)
            if entry["figure"] is not None:
                jobs.append((entry, v, resolved))
    findings = _findings(discrepancies, verdicts, texts, _config(config, seed, points))
    names = sorted({v.claim.source.document for v in verdicts})
    doc = {
        "schema": SCHEMA,
        "title": "derivcheck report" + (f": {names[0]}" if len(names) == 1 else ""),
        "documents": [_document(n, texts) for n in names],
        "seed": seed,
        "points": points,
        "tools": _tools(),
        "counts": _counts(verdicts, len(discrepancies)),
        "discrepancies": discrepancies,
        "findings": findings,
        "undecided": [{"claim": ref.claim(v), "reason": _why(v), "summary": v.summary}
                      for v in verdicts if v.status == "undecided"],
        "errors": [{"claim": ref.claim(v), "message": v.error or v.summary}
                   for v in verdicts if v.status == "error" and not v.expected_by_text],
        "rejected_by_text": [{"claim": ref.claim(v), "status": v.status,
                              "text_says": v.claim.rejected_by_text, "summary": v.summary}
                             for v in verdicts if v.expected_by_text],
        "tool_disagreements": [_tool(v, ref) for v in verdicts if v.tool is not None],
        "verified": _verified(verdicts),
    }
    return doc, jobs, maths


def _config(config, seed, points):
    from ..engine._check import Config

    return config if config is not None else Config(seed=seed, points=points or 64)


def _findings(discrepancies, verdicts, texts, config) -> list[dict]:
    """One finding per place: its discrepancies and one correction, proved or with a reason."""
    by_name = {e["claim"]["name"]: e for e in discrepancies}
    failing = [v for v in verdicts if v.claim.name in by_name]
    out = []
    for k, members in enumerate(group(failing), 1):
        ids = [by_name[v.claim.name]["id"] for v in members]
        for i in ids:
            next(e for e in discrepancies if e["id"] == i)["finding"] = f"f{k:02d}"
        document, lines, tab = place_of(members[0])
        out.append({"id": f"f{k:02d}", "place": {"document": document, "lines": list(lines),
                                                 "tab": tab or None},
                    "discrepancies": ids,
                    "correction": correct(members, verdicts, dict(texts or {}), config)})
    return out


def _in_text_order(v: Verdict):
    s = v.claim.source
    return s.document, s.lines, s.tab or "", v.claim.name


def _document(name: str, texts) -> dict:
    text = texts.get(name) if texts else None
    return {"name": name,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None,
            "lines": len(text.splitlines()) if text else None}


def _tools() -> dict:
    import jax
    import numpy

    from .. import __version__
    return {"derivcheck": __version__, "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
            "sympy": sp.__version__, "jax": jax.__version__, "numpy": numpy.__version__}


def _counts(verdicts, open_discrepancies: int) -> dict:
    counts = {s: sum(v.status == s for v in verdicts) for s in STATUSES}
    return {"claims": len(verdicts), **counts, "holds": sum(v.holds for v in verdicts),
            "rejected_by_text": sum(v.expected_by_text for v in verdicts),
            "open_discrepancies": open_discrepancies,
            "tool_disagreements": sum(v.tool is not None for v in verdicts)}


def _verified(verdicts) -> dict:
    sections: dict[str, list[str]] = {}
    for v in verdicts:
        if v.status == "verified":
            sections.setdefault(v.claim.source.section or "(no section)", []).append(v.claim.name)
    return {"count": sum(map(len, sections.values())),
            "sections": [{"section": s, "count": len(n), "claims": n} for s, n in sections.items()]}


def _why(v: Verdict) -> str:
    """The JSON ``reason`` of an undecided claim (the schema's names for the reason codes)."""
    return UNDECIDED_JSON.get(v.reason, "other")


def _tool(v: Verdict, ref) -> dict:
    t = v.tool
    return {"claim": ref.claim(v), "status": v.status, "detail": t.detail,
            "point": {str(k): num(x) for k, x in (t.point or {}).items()},
            "sympy": num(t.sympy_value), "jax": num(t.jax_value)}
