"""The report as one self-contained HTML page (``report.html``): inline CSS, figures as inline
SVG, no script, nothing fetched."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from . import _figures, _math
from ._css import CSS
from ._layout import (
    UNDECIDED_WHY,
    correction_text,
    counter_text,
    findings_of,
    partition,
    place_text,
    point_text,
    pretty,
    sections_of,
    short_where,
    side_labels,
    tool_list,
    where_text,
)
from ._numbers import clip, fmt, plural, show_point, significant


def render_html(doc: dict, figures: Mapping[str, str] | None = None,
                maths: Mapping[str, Mapping[str, str | None]] | None = None) -> str:
    """One self-contained page: inline CSS, inline SVG figures, MathML, no script, nothing
    fetched. ``maths`` gives, by discrepancy id, the MathML of its claimed and true side (SymPy's
    printer); without it the LaTeX is converted."""
    figures = figures or {}
    maths = maths or {}
    e = html.escape
    c = doc["counts"]
    body: list[str] = []
    add = body.append
    add(f"<header><h1>{e(doc['title'])}</h1><dl class='meta'>")
    for d in doc["documents"]:
        add(f"<dt>document</dt><dd><code>{e(d['name'])}</code> ({d['lines']} lines)<br>"
            f"<span class='hash'>SHA-256 {e(str(d['sha256']))}</span></dd>")
    pts = f" · {doc['points']} points per claim" if doc["points"] else ""
    add(f"<dt>seed</dt><dd>{doc['seed']}{pts}</dd><dt>tools</dt><dd>"
        + " · ".join(f"{e(k)} {e(str(v))}" for k, v in tool_list(doc))
        + f"</dd><dt>schema</dt><dd><code>{e(doc['schema'])}</code></dd></dl>")
    add("<p class='counts'>" + f"<b>{c['claims']} claims</b> " + "".join(
        f"<span class='badge {cls}{' zero' if words.startswith('0 ') else ''}'>{e(words)}</span>"
        for cls, words in partition(doc))
        + "</p>")
    rejected = c["rejected_by_text"]
    add(f"<p class='lead'><b>{plural(c['open_discrepancies'], 'discrepancy', 'discrepancies')}"
        " to fix</b>" + (_rejected_words(rejected) if rejected else ".") + "</p></header>")
    sections = sections_of(doc)
    add("<nav><h2>Contents</h2><ol>")
    for title, key, items in sections:
        add(f"<li><a href='#{key}'>{e(title)}</a> <span class='n'>{len(items)}</span>")
        if key == "discrepancies" and items:
            add("<ol class='sub'>" + "".join(
                f"<li><a href='#{x['id']}'>{e(x['claim']['name'])}</a>"
                f" <span class='where'>{e(short_where(x['claim']))}</span></li>"
                for x in items) + "</ol>")
        add("</li>")
    add("</ol></nav><main>")
    for title, key, items in sections:
        add(f"<section id='{key}'><h2>{e(title)} <span class='n'>{len(items)}</span></h2>")
        if key == "discrepancies":
            add("".join(_html_finding(f, xs, figures, maths) for f, xs in findings_of(doc))
                or "<p>None.</p>")
        elif key == "verified":
            add(_html_verified(doc["verified"]))
        else:
            add(_html_list(key, items))
        add("</section>")
    add("</main>")
    return ("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{e(doc['title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _rejected_words(n: int) -> str:
    said = plural(n, "other failing claim is a formula", "other failing claims are formulas")
    return f"; {said} the text itself rejects, as the checker agrees."


def _html_inline(text: str) -> str:
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(f"<code>{html.escape(p[1:-1])}</code>" if p.startswith("`") and len(p) > 1
                   and p.endswith("`") else html.escape(p) for p in parts)


def _html_excerpt(text: str | None, first: int, code: bool) -> str:
    if text is None:
        return ""
    rows = "".join(f"<tr><td class='ln'>{first + i}</td><td><pre>{html.escape(line) or ' '}"
                   f"</pre></td></tr>" for i, line in enumerate(text.split("\n")))
    rendered = None if code else _rendered_display(text)
    shown = f"<div class='rendered'>{rendered}</div>" if rendered else ""
    return f"{shown}<details class='source'><summary>source</summary><table class='excerpt'>" \
           f"{rows}</table></details>" if rendered else f"<table class='excerpt'>{rows}</table>"


def _rendered_display(text: str) -> str | None:
    """The text's own display formula (the LaTeX between ``$$``), rendered; None if the
    excerpt is no whole formula."""
    body = text.strip()
    rows = [r.strip() for r in body.split("\n") if r.strip()]
    if not body.startswith("$$") and not all(r[0] in "&\\" for r in rows):
        return None  # prose, or code: shown as it is
    if body.startswith("$$"):
        body = body[2:-2] if body.endswith("$$") and len(body) > 4 else body[2:]
    return _math.from_latex(body, display=True)


def _html_math(form, relation, cls: str, relation_text: str | None = None,
               mathml: str | None = None) -> str:
    e = html.escape
    if not form.get("latex") and not form.get("around_point"):
        return f"<p class='math {cls}'>{e(form.get('text') or '')}</p>"
    shown = form.get("around_point") or form
    lead = f"{relation} " if relation else ""
    mathml = mathml or _math.from_latex(lead + shown["latex"], display=True)
    out = f"<div class='math {cls}'>"
    if mathml:
        out += f"<div class='rendered'>{mathml}</div>"
    out += "<details class='source'><summary>as text and LaTeX</summary>"
    if relation_text:
        out += f"<code class='rel'>{e(relation_text)}</code>"
    out += f"<code class='plain'>{e(shown['text'])}</code>"
    out += f"<code class='tex'>{e(lead + shown['latex'])}</code>"
    if form.get("around_point"):
        out += (f"<span class='aside'>as SymPy reads it:</span>"
                f"<code class='tex'>{e(form['latex'])}</code>")
    return out + "</details></div>"


def _html_finding(f, xs, figures, maths) -> str:
    e = html.escape
    loc = xs[0]["claim"]["location"]
    n = len(xs)
    out = [f"<article class='card' id='{f['id']}'><h3><span class='badge discrepancy'>"
           f"{plural(n, 'discrepancy', 'discrepancies')}</span> {e(place_text(f))}</h3>",
           f"<p class='where'>{_html_inline(where_text(xs[0]['claim']))}</p>",
           _html_excerpt(loc["excerpt"], loc["lines"][0], bool(loc["tab"]))]
    out += [_html_discrepancy(x, figures, maths.get(x["id"], {})) for x in xs]
    out.append(_html_correction(f))
    return "".join(out) + "</article>"


_DIFF_CLASS = {"-": "del", "+": "add"}


def _html_correction(f) -> str:
    e = html.escape
    c = f["correction"]
    proved = c["status"] == "proved"
    out = [f"<div class='fix{'' if proved else ' none'}'><b>Correction</b> <span class='kind'>"
           f"{'proved' if proved else 'none proved'}</span>"]
    if proved:
        rows = "".join(f"<span class='{_DIFF_CLASS.get(ln[:1], 'hunk')}'>{e(ln)}</span>\n"
                       for ln in c["diff"].split("\n"))
        out.append(f"<pre class='diff'>{rows}</pre>")
    out.append(f"<p>{_html_inline(correction_text(f))}</p></div>")
    return "".join(out)


def _html_discrepancy(x, figures, maths) -> str:
    e = html.escape
    c, cl, tr = x["claim"], x["claimed"], x["true"]
    out = [(f"<section class='claim' id='{x['id']}'><h4 class='name'><code>{e(c['name'])}"
            f"</code> <span class='kind'>{e(c['kind'])}</span></h4>"),
           "<div class='grid'>", f"<div><h4>{e(side_labels(x)[0])}</h4>",
           _html_math(cl, cl.get("relation"), "claimed", cl.get("relation_text"),
                      maths.get("claimed"))]
    if cl.get("code"):
        out.append(f"<p class='small'>computed by the {e(cl['code']['tab'])} code at line"
                   f" {cl['code']['line']}</p>")
    sympy = tr["source"] == "sympy"
    out += [f"</div><div><h4>{e(side_labels(x)[1])}</h4>",
            _html_math(tr, cl.get("relation") if sympy else None, "true",
                       cl.get("relation_text") if sympy else None, maths.get("true")),
            "</div></div>"]
    ce = x["counterexample"]
    if ce:
        out.append(_html_counter(ce))
    if c["note"]:
        out.append(f"<p class='note'><b>Note.</b> {e(c['note'])}</p>")
    out.append(f"<p class='repro'>Reproduce: <code>{e(c['reproduce'])}</code></p>")
    fig = x["figure"]
    if fig and fig["file"] in figures:
        svg = _figures.inline(figures[fig["file"]], x["id"])
        out.append(f"<figure>{svg}<figcaption>{e(fig['caption'])}</figcaption></figure>")
    ev = x["evidence"]
    items = [f"<li>verdict: {e(x['summary'])}</li>"]
    if ev["symbolic"]:
        sy = ev["symbolic"]
        items.append(f"<li>SymPy: {e(sy['status'])}"
                     + (f" ({e(sy['strategy'])})" if sy["strategy"] else "")
                     + (f"; {e(sy['detail'])}" if sy["detail"] else "") + "</li>")
    if ev["numeric"]:
        items.append(f"<li>JAX: {e(ev['numeric']['status'])}; {e(ev['numeric']['detail'] or '')}"
                     "</li>")
    out.append(f"<details><summary>Evidence</summary><ul>{''.join(items)}</ul></details>")
    return "".join(out) + "</section>"


def _html_counter(ce) -> str:
    from ._explain import order_text

    e = html.escape
    if ce["source"] == "numeric" and not ce["message"]:
        rows = [f"<tr><th>counterexample</th><td>{e(point_text(ce))}</td></tr>"]
        if ce.get("quantities"):
            rows.append("<tr><th></th><td><table class='quantities'><tr><th>quantity</th>"
                        "<th>claimed</th><th>true</th></tr>" + "".join(
                            f"<tr><td>{e(pretty(q['name']))}</td><td class='claimed'>"
                            f"{e(fmt(q['claimed']))}</td><td class='true'>{e(fmt(q['true']))}"
                            f"</td></tr>" for q in ce["quantities"]) + "</table></td></tr>")
        else:
            rows += [f"<tr><th>claimed</th><td class='claimed'>{e(fmt(ce['claimed']))}</td></tr>",
                     f"<tr><th>true</th><td class='true'>{e(fmt(ce['true']))}</td></tr>"]
        rows.append(f"<tr><th>{e(ce['error_kind'])} error</th><td>{significant(ce['error'])}"
                    "</td></tr>")
        if ce.get("error_order"):
            said = pretty(order_text(ce["error_order"], ce.get("small")))
            rows.append(f"<tr><th>order</th><td><b>{e(said)}</b></td></tr>")
        return "<table class='counter'>" + "".join(rows) + "</table>"
    return f"<p class='counter'><b>Counterexample.</b> {e(counter_text(ce))}</p>"


def _html_list(key, items) -> str:
    e = html.escape
    if not items:
        return "<p>None.</p>"
    out = []
    if key == "tool_disagreements":
        out.append("<p class='lead'>SymPy's derivative and JAX's autodiff differ on these"
                   " claims. <b>This says nothing about the text</b>: one of the tools is"
                   " wrong, and the verdict does not rest on it.</p>")
    if key == "rejected_by_text":
        out.append("<p class='lead'>Formulas the text states only to reject: <b>the text"
                   " rejects it, and the checker agrees.</b></p>")
    badge = {"undecided": "undecided", "errors": "error", "rejected_by_text": "rejected",
             "tool_disagreements": "tool"}[key]
    for i, item in enumerate(items, 1):
        c = item["claim"]
        rows = []
        if key == "undecided":
            rows.append(f"<p><b>Why:</b> {e(UNDECIDED_WHY[item['reason']])}.</p>"
                        f"<p class='small'>{e(item['summary'])}</p>")
        elif key == "errors":
            rows.append(f"<pre class='message'>{e(item['message'])}</pre>")
        elif key == "rejected_by_text":
            rows.append(f"<p><b>The text says:</b> {e(item['text_says'] or '')}</p>"
                        f"<p class='small'><b>The checker ({e(item['status'])}):</b>"
                        f" {e(clip(item['summary'], 400))}</p>")
        else:
            rows.append(f"<p>{e(item['detail'])}</p><p class='small'>at"
                        f" {e(show_point(item['point']))}: SymPy {e(fmt(item['sympy']))},"
                        f" JAX {e(fmt(item['jax']))}</p>")
        out.append(f"<article class='card slim' id='{key[0]}{i:02d}'><h3><span class='badge"
                   f" {badge}'>{e(badge)}</span> <code>{e(c['name'])}</code> <span"
                   f" class='kind'>{e(c['kind'])}</span></h3><p class='where'>"
                   f"{_html_inline(where_text(c))}</p>" + "".join(rows)
                   + f"<p class='repro'>Reproduce: <code>{e(c['reproduce'])}</code></p>"
                   "</article>")
    return "".join(out)


def _html_verified(verified) -> str:
    e = html.escape
    if not verified["sections"]:
        return "<p>None.</p>"
    def names(s) -> str:
        chips = " ".join(f"<code>{e(n)}</code>" for n in s["claims"])
        if s["count"] <= 16:
            return chips
        return f"<details><summary>show the {s['count']} claims</summary>{chips}</details>"
    rows = "".join(f"<tr><td>{e(s['section'])}</td><td class='num'>{s['count']}</td>"
                   f"<td>{names(s)}</td></tr>" for s in verified["sections"])
    return ("<table class='verified'><tr><th>section</th><th>verified</th><th>claims</th></tr>"
            f"{rows}</table>")
