"""Readers of a text and of declarations: Markdown, LaTeX, code cells, derivation files."""
