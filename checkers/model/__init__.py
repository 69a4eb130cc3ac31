"""The claim model: claims, domains, sources, verdicts, reasons and errors (pure data)."""
