"""Claims checked by each witness alone, and judged from both pieces of evidence."""

from dataclasses import replace

from checkers import check_all
from checkers.engine._judge import judge


def by_each_witness(claims, config) -> dict:
    """``{"symbolic": ..., "numeric": ..., "both": ...}``, each a dict of verdicts by claim name:
    every claim checked once by each witness alone (two batches), and the verdict of both
    judged from their two pieces of evidence, as ``check_all`` judges it (the evidence of one
    witness does not depend on the other's)."""
    out = {mode: {v.claim.name: v for v in check_all(claims, cfg)}
           for mode, cfg in {"symbolic": replace(config, numeric=False),
                             "numeric": replace(config, symbolic=False)}.items()}
    out["both"] = {c.name: judge(c, out["symbolic"][c.name].symbolic,
                                 out["numeric"][c.name].numeric) for c in claims}
    return out
