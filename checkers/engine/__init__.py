"""Checking: the budgeted pool, the witnesses run per claim, the judge."""
