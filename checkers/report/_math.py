"""Mathematics as a browser renders it: MathML, no script, nothing fetched.

The text's own LaTeX (and the few relation signs the report writes in LaTeX) goes through
latex2mathml; a derived form (a SymPy expression) through SymPy's presentation MathML printer,
with the names of functions kept as the text writes them (SymPy's printer writes ``L(x)`` as
``l(x)``). Both give a ``<math>`` element that an HTML page can hold inline."""

from __future__ import annotations

import re



def from_latex(tex: str, *, display: bool = False) -> str | None:
    """``tex`` as one ``<math>`` element, or None when latex2mathml cannot read it."""
    from latex2mathml.converter import convert

    body = re.sub(r"\\(begin|end)\{aligned\}", "", tex).strip()
    if re.search(r"\\begin\{(?!aligned)", body):   # a matrix: its & and \\\\ are its own
        rows = [body]
    else:
        rows = [r.replace("&", " ").strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", body)]
    rows = [r for r in rows if r]
    try:
        done = [_strip_math(convert(r)) for r in rows]
    except Exception:  # noqa: BLE001 — LaTeX latex2mathml does not know: the source is shown
        return None
    if any("<mi>&</mi>" in d or "<mi>\\</mi>" in d for d in done) or not done:
        return None
    if len(done) == 1:
        return _wrap(done[0], display)
    table = "".join(f"<mtr><mtd>{d}</mtd></mtr>" for d in done)
    return _wrap(f'<mtable columnalign="left">{table}</mtable>', display)


def from_expr(expr, *, lead: str | None = None, display: bool = True) -> str | None:
    """A SymPy expression as one ``<math>`` element, ``lead`` (LaTeX, such as the left side
    and the relation sign) in front of it; None when a printer fails."""
    try:
        body = _printer().doprint(expr)
    except Exception:  # noqa: BLE001 — a form SymPy's printer does not know
        return None
    if lead:
        head = from_latex(lead)
        if head is None:
            return None
        body = _strip_math(head) + body
    return _wrap(body, display)


def combine(lead_tex: str | None, tex: str, *, display: bool = True) -> str | None:
    """``lead_tex`` and ``tex`` (both LaTeX) as one ``<math>`` element."""
    return from_latex(((lead_tex + " ") if lead_tex else "") + tex, display=display)


def _strip_math(out: str) -> str:
    m = re.fullmatch(r"\s*<math[^>]*>(.*)</math>\s*", out, re.DOTALL)
    return m[1] if m else out


def _wrap(body: str, display: bool) -> str:
    mode = "block" if display else "inline"
    return f"<math display='{mode}'><mrow>{body}</mrow></math>"


_PRINTER = None


def _printer():
    global _PRINTER
    if _PRINTER is None:
        from sympy.core.function import AppliedUndef
        from sympy.printing.mathml import MathMLPresentationPrinter

        class Printer(MathMLPresentationPrinter):
            """SymPy's presentation printer, but ``L(x)`` stays ``L(x)``."""

            def mathml_tag(self, e):
                if isinstance(e, AppliedUndef):
                    return type(e).__name__
                return super().mathml_tag(e)

        _PRINTER = Printer({"mat_delim": "["})
    return _PRINTER
