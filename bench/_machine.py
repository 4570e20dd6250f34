"""The machine's load, printed beside every figure. No imports beyond the standard library, so
a benchmark that measures its own memory (bench.gallery) can use it."""

from __future__ import annotations

import os


def load() -> str:
    """The machine's 1, 5 and 15 minute load averages, to print beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
