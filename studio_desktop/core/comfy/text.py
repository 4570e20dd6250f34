"""The one way text from a ComfyUI server becomes text we show, log or store.

A server (or anything posing as one) controls its error messages, tracebacks and node names.
Shown raw they can rewrite a terminal (ESC sequences), ring its bell, hide text behind bidi
overrides, or flood a dialog and the database with megabytes. `server_text` keeps printable
characters, newlines and tabs, and cuts the rest to a length a person can read.
"""

from __future__ import annotations

import re

# Long enough for any real ComfyUI error message; a traceback gets TRACEBACK_CHARS.
MESSAGE_CHARS = 2_000
TRACEBACK_CHARS = 20_000

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
# characters that reorder what is displayed (CVE-2021-42574, "Trojan Source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def server_text(value: object, limit: int = MESSAGE_CHARS) -> str:
    """`value` (usually a str from the server) made safe to show and at most about `limit` chars.

    None is "". A cut text ends with "… (N more characters)", N counting what was left out.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        raw = value
    else:
        try:
            raw = str(value)
        except (RecursionError, ValueError, MemoryError):
            raw = f"<unprintable {type(value).__name__}>"
    # Clean at most a bounded window: a 2 MB message costs no more than a short one.
    window = raw[: limit * 4 + 64]
    clean = _UNSAFE.sub("", window.replace("\r\n", "\n"))
    hidden = len(raw) - len(window)
    if len(clean) <= limit and hidden == 0:
        return clean
    more = max(0, len(clean) - limit) + hidden
    return f"{clean[:limit]}… ({more} more characters)"
