"""Command-line values, checked where argparse reads them: a value out of range is a usage
error (exit 2) that says the allowed range, never a run with the limit silently off."""

from __future__ import annotations

import argparse
import math


def whole(low: int):
    """An argparse ``type=``: a whole number >= ``low``."""
    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give a whole"
                                             f" number >= {low}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{value} is below {low}; give a whole number"
                                             f" >= {low}")
        return value
    read.__name__ = f"whole number >= {low}"
    return read


def seconds(text: str) -> float:
    """An argparse ``type=``: a finite number of seconds > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a finite number of seconds above 0;"
                                         " give e.g. 30")
    return value


seconds.__name__ = "seconds"
