"""The report as GitHub Markdown (``report.md``): math in ``$…$``/``$$…$$``, everything else
escaped, anchors as GitHub makes them."""

from __future__ import annotations

import re

from ._layout import (
    UNDECIDED_WHY,
    correction_text,
    counter_text,
    findings_of,
    partition,
    place_text,
    sections_of,
    side_labels,
    tool_list,
    where_text,
)
from ._numbers import clip, fmt, plural, show_point


def render_markdown(doc: dict) -> str:
    out: list[str] = []
    add = out.append
    slugs: dict[str, int] = {}
    add(f"# {_md(doc['title'])}\n")
    add("| | |\n| --- | --- |")
    for d in doc["documents"]:
        add(f"| document | `{d['name']}` ({d['lines']} lines), SHA-256 `{d['sha256']}` |")
    add(f"| seed | {doc['seed']}" + (f" ({doc['points']} points per claim)" if doc["points"]
                                    else "") + " |")
    add("| tools | " + ", ".join(f"{k} {v}" for k, v in tool_list(doc)) + " |")
    add(f"| schema | `{doc['schema']}` |\n")
    add(_md_counts(doc) + "\n")
    sections = sections_of(doc)
    add("## Contents\n")
    for title, key, items in sections:
        add(f"- [{title} ({len(items)})](#{_gh_slug(title, {})})")
        if key == "discrepancies":
            local = dict(slugs)
            for f, xs in findings_of(doc):
                add(f"  - [{_md(place_text(f))}](#{_gh_slug(_f_heading(f, xs), local)})")
                for e in xs:
                    add(f"    - [{_md(e['claim']['name'])}](#{_gh_slug(_d_heading(e), local)})")
    add("")
    for title, key, items in sections:
        add(f"## {title}\n")
        _gh_slug(title, slugs)
        if key == "discrepancies":
            add("One entry per place in the text: where, what each claim there says, what is"
                " true, a point where they differ, and one correction, proved by re-checking it"
                " (or why none is).\n" if items else "None.\n")
            for f, xs in findings_of(doc):
                _gh_slug(_f_heading(f, xs), slugs)
                _md_finding(add, f, xs, slugs)
        elif key == "verified":
            _md_verified(add, doc["verified"])
        else:
            _md_list(add, key, items)
    return "\n".join(out).rstrip() + "\n"


def _md_counts(doc) -> str:
    c = doc["counts"]
    text = f"**{c['claims']} claims:** " + " · ".join(w for _, w in partition(doc)) + "."
    return text + (f" **{plural(len(doc['discrepancies']), 'discrepancy', 'discrepancies')}"
                   " to fix.**")


def _d_heading(e) -> str:
    return f"{e['id'][1:].lstrip('0')}. `{e['claim']['name']}`"


def _f_heading(f, xs) -> str:
    where = place_text(f)
    return f"{where[0].upper()}{where[1:]}: {plural(len(xs), 'discrepancy', 'discrepancies')}"


def _md_finding(add, f, xs, slugs) -> None:
    c = xs[0]["claim"]
    add(f"### {_f_heading(f, xs)}\n")
    add(f"**Where:** {_inline_md(where_text(c))}\n")
    if c["location"]["excerpt"] is not None:
        add(_fence(c["location"]["excerpt"], "python" if c["location"]["tab"] else "text"))
    for e in xs:
        _gh_slug(_d_heading(e), slugs)
        _md_discrepancy(add, e)
    add("#### Correction\n")
    if f["correction"]["status"] == "proved":
        add(_fence(f["correction"]["diff"], "diff"))
    add(_inline_md(correction_text(f)) + "\n")


def _md_discrepancy(add, e) -> None:
    c = e["claim"]
    add(f"#### {_d_heading(e)}\n")
    add(f"*{c['kind']}*\n")
    cl, tr = e["claimed"], e["true"]
    left, right = side_labels(e)
    add(f"**{left}:**\n")
    add(_md_math(cl, cl.get("relation")))
    if cl.get("code"):
        code = cl["code"]
        add(f"computed by the {code['tab']} code at line {code['line']}:"
            f" `{_tick(code['text'] or '')}`\n")
    add(f"**{right}:**\n")
    if tr["latex"]:
        add(_md_math(tr, cl.get("relation") if tr["source"] == "sympy" else None))
    else:
        add(_md(tr["text"]) + "\n")
    ce = e["counterexample"]
    if ce:
        add(f"**Counterexample:** {_md(counter_text(ce))}\n")
    if c["note"]:
        add(f"**Note:** {_md(c['note'])}\n")
    add(f"**Reproduce:** `{c['reproduce']}`\n")
    if e["figure"]:
        add(f"![{_md(e['figure']['caption'])}]({e['figure']['file']})\n")
        add(f"*Figure: {_md(e['figure']['caption'])}.*\n")
    add("<details><summary>Evidence</summary>\n")
    add(f"- verdict: {_md(e['summary'])}")
    ev = e["evidence"]
    if ev["symbolic"]:
        s = ev["symbolic"]
        add(f"- SymPy: {s['status']}" + (f" ({_md(s['strategy'])})" if s["strategy"] else "")
            + (f"; {_md(s['detail'])}" if s["detail"] else ""))
    if ev["numeric"]:
        n = ev["numeric"]
        add(f"- JAX: {n['status']}; {_md(n['detail'] or '')}")
    add("\n</details>\n")


def _md_math(form, relation) -> str:
    shown = form.get("around_point") or form
    if not shown.get("latex"):
        return f"{_md(form.get('text') or '')}\n"
    lead = f"{relation} " if relation else ""
    block = f"$$\n{lead}{shown['latex']}\n$$\n"
    if form.get("around_point"):
        block += f"\n(around the expansion point; as SymPy reads it: ${form['latex']}$)\n"
    return block


def _md_list(add, key, items) -> None:
    if not items:
        add("None.\n")
        return
    if key == "tool_disagreements":
        add("SymPy's derivative and JAX's autodiff differ on these claims. This says nothing"
            " about the text: one of the tools is wrong, and the verdict does not rest on it.\n")
    if key == "rejected_by_text":
        add("Formulas the text states only to reject: the text rejects it, and the checker"
            " agrees.\n")
    for item in items:
        c = item["claim"]
        add(f"- **{_code_span(c['name'])}** — {_inline_md(where_text(c))}")
        if key == "undecided":
            add(f"  - why: {UNDECIDED_WHY[item['reason']]} ({item['reason']})")
            add(f"  - {_md(item['summary'])}")
        elif key == "errors":
            add(f"  - {_code_span(item['message'])}")
        elif key == "rejected_by_text":
            add(f"  - the text says: {_md(item['text_says'] or '')}")
            add(f"  - the checker ({item['status']}): {_code_span(clip(item['summary'], 400))}")
        else:
            add(f"  - {_md(item['detail'])}")
            add(f"  - at {_md(show_point(item['point']))}: SymPy {_md(fmt(item['sympy']))},"
                f" JAX {_md(fmt(item['jax']))}")
        add(f"  - reproduce: `{c['reproduce']}`")
    add("")


def _md_verified(add, verified) -> None:
    if not verified["sections"]:
        add("None.\n")
        return
    add("| section | verified | claims |\n| --- | ---: | --- |")
    for s in verified["sections"]:
        names = ", ".join(_code_span(n).replace("|", "\\|") for n in s["claims"])
        add(f"| {_md(s['section'])} | {s['count']} | {names} |")
    add("")


def _fence(text: str, info: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}\n"


def _code_span(text: str) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds."""
    text = " ".join(text.split("\n"))
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _tick(text: str) -> str:
    return text.replace("`", "'").replace("\n", " ")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text or "")


def _inline_md(text: str) -> str:
    """Prose with `code` spans: the prose escaped, the spans kept."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else _md(p)
                   for p in parts)


def _gh_slug(text: str, used: dict[str, int]) -> str:
    """The anchor GitHub gives a heading (lower case, punctuation dropped, spaces to -)."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    count = used.get(slug, 0)
    used[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"
