"""How deeply a decoded JSON value nests, measured without recursion.

A workflow is at most a handful of levels deep (graph, node, inputs, value). Anything far deeper
is hostile or broken, and would make our recursive helpers (the deep copy in `bind`, JSON
encoding for the server) fail on every job made from it, so it is refused when it comes in.
"""

from __future__ import annotations

from typing import Any, Final

from studio_desktop.core.json_files import nesting_depth
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

# Real workflows reach 5 (ComfyUI's own templates); deepcopy of 64 levels needs ~200 frames.
MAX_NESTING: Final = 64


def too_deep(value: Any, limit: int = MAX_NESTING) -> bool:
    """True when containers inside `value` nest more than `limit` levels (`value` is level 1)."""
    return nesting_depth(value, limit) > limit


def nesting_message(what: str) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{what}: the workflow is nested too deeply (over {levels} levels)."
        ),
        what=what,
        levels=MAX_NESTING,
    )
