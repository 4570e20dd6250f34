"""The front end's "dynamic prompts" pass over texts declared with `dynamicPrompts: true`.

ComfyUI's front end, before sending, strips `//` line comments and `/* */` comments, resolves
`{a|b|c}` to one option (nested braces too) and un-escapes `\\{ \\} \\|`; the server never sees
the raw text. We do the same, with one deliberate difference: a `//` right after a letter and a
colon (`http://…`) is a URL, not a comment (the front end cuts the URL off at `http:`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Final

Choose = Callable[[Sequence[str]], str]

# A block comment, or `//` to the end of the line unless it follows `scheme:` as in a URL.
_COMMENT: Final = re.compile(r"/\*.*?\*/|(?<![A-Za-z]:)//[^\n]*", re.DOTALL)
# What the front end un-escapes once the choices are made: the choice syntax only.
_ESCAPED_SYNTAX: Final = re.compile(r"\\([{}|])")


def resolve_dynamic_prompt(text: str, choose: Choose = random.choice) -> str:
    """`text` as the front end would send it; `choose` picks among different options."""
    stripped = _COMMENT.sub("", text)
    resolved, _end = _parse(stripped, 0, choose, nested=False)
    return _ESCAPED_SYNTAX.sub(r"\1", resolved)


def _parse(text: str, start: int, choose: Choose, *, nested: bool) -> tuple[str, int]:
    """Read from `start` to the end, or (nested) to the closing `}`: the resolved text and the
    index after it. At the top level `|` is kept as it is."""
    options: list[str] = []
    current: list[str] = []
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            # Kept escaped here; only \{ \} \| lose their backslash, at the very end (as in
            # the front end): "artist \(style\)" is sent as typed.
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == "{":
            inner, index = _parse(text, index + 1, choose, nested=True)
            current.append(inner)
            continue
        if nested and char == "|":
            options.append("".join(current))
            current = []
        elif nested and char == "}":
            options.append("".join(current))
            return _pick(options, choose), index + 1
        else:
            current.append(char)
        index += 1
    if nested:  # an unclosed brace: keep it literally, as typed
        options.append("".join(current))
        return "{" + "|".join(options), index
    return "".join(current), index


def _pick(options: Sequence[str], choose: Choose) -> str:
    if len(set(options)) == 1:
        return options[0]
    return choose(options)
