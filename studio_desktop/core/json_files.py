"""Reading a local JSON file the user may have edited, broken or replaced: one error type.

Settings and user templates are read at every start; whatever their bytes are (not UTF-8,
nested a million levels deep, numbers too big for a float, gigabytes), reading them must end
quickly with a value or `JsonFileError`, never with another exception.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["JsonFileError", "nesting_depth", "read_json_file"]


class JsonFileError(ValueError):
    """A file that is not a JSON document we can use; the message says why, for the user."""


def read_json_file(path: Path, *, max_bytes: int, max_depth: int) -> Any:
    """The decoded document at `path`.

    FileNotFoundError passes through (a missing file is usually fine); every other problem is a
    JsonFileError. Strings may hold lone surrogates (JSON allows `\\ud800`): callers that write
    text back must check their values can be encoded.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise JsonFileError(f"cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > max_bytes:
        raise JsonFileError(f"is larger than {max_bytes // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonFileError(f"is not UTF-8 text (byte {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFileError(f"is not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise JsonFileError("is nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise JsonFileError(f"is not valid JSON ({exc})") from exc
    if nesting_depth(data, max_depth) > max_depth:
        raise JsonFileError(f"is nested too deeply (over {max_depth} levels)")
    return data


def nesting_depth(value: Any, limit: int) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), counting at most limit + 1.

    Iterative, so a value nested deeper than Python's recursion limit is measured too.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest
