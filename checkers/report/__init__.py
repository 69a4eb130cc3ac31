"""The discrepancy report (Markdown, JSON, HTML), figures and coverage."""
