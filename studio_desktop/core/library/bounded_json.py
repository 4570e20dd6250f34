"""JSON from files someone else wrote, parsed without trusting its nesting or its numbers.

Python's json recurses once per nested array or object and raises RecursionError near 1000
levels, and everything that walks the result afterwards (asdict, json.dumps into the store, the
form) recurses too. So the nesting depth is measured first, in one pass and without recursion.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any, Final

# Why 64: a ComfyUI prompt graph is 4 deep (node, inputs, link list) and a UI workflow about 6;
# nothing we read back needs more, and everything that walks it recurses far below 1000.
MAX_JSON_DEPTH: Final = 64
# Why 24 digits: no seed or size is longer (2**64 has 20); int() refuses past 4300 anyway.
MAX_INT_DIGITS: Final = 24
# A JSON string (an unterminated one runs to the end, so a match never fails and backtracks;
# its branches cannot both take a character), and what is left outside strings.
_JSON_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}


def text_nesting_depth(text: str) -> int:
    """How deep brackets nest outside JSON strings (at most: an upper bound for any text json
    accepts); linear in the text, with no recursion."""
    opening = text.count("[") + text.count("{")
    if opening <= MAX_JSON_DEPTH:
        return opening  # cannot nest deeper: skips the string scan, the slow part
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if len(brackets) <= MAX_JSON_DEPTH:
        return len(brackets)
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)))


def load_json(text: str) -> Any:
    """json.loads, or None when the text is not JSON or nests deeper than MAX_JSON_DEPTH.

    NaN, infinities (also 1e999) and integers longer than MAX_INT_DIGITS digits read as None,
    so such a value drops only itself, not the document around it.
    """
    if text_nesting_depth(text) > MAX_JSON_DEPTH:
        return None
    try:
        return json.loads(
            text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
        )
    except (ValueError, RecursionError):  # RecursionError: not past the depth check; cheap to keep
        return None


def _json_int(literal: str) -> int | None:
    return int(literal) if len(literal.lstrip("-")) <= MAX_INT_DIGITS else None


def _json_float(literal: str) -> float | None:
    number = float(literal)
    return number if math.isfinite(number) else None


def _json_constant(_literal: str) -> None:
    return None  # NaN, Infinity, -Infinity: Python writes them, JSON has no such numbers
