"""Recognises ComfyUI's UI-format workflow (the "Save" file) and says how to get the API format.

A UI-format file stores widget values by position, not by input name. Converting it needs each
node's widget order, which /object_info only implies (hidden widgets such as "control after
generate" and the image upload button add values it does not list; inputs turned into sockets,
primitives, reroutes, groups and subgraphs change the layout). A wrong guess would put a seed into
the steps field without any error, so we do not convert: the message tells the user how to export
the API format instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP

EXPORT_HELP: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "This is a ComfyUI workflow in the editor's own format (the one Save writes), not the API "
    "format Studio Desktop runs. In ComfyUI open it and choose Workflow > Export (API) in the "
    "menu, then import the file that gives. On older ComfyUI versions: open Settings (the gear), "
    "turn on 'Enable Dev mode Options', then use the 'Save (API Format)' button.",
)


def is_ui_format(data: Any) -> bool:
    """True for a UI-format workflow: a `nodes` list and a `links` list at the top level."""
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("nodes"), list)
        and isinstance(data.get("links", []), list)
        and ("links" in data or "last_node_id" in data or "version" in data)
    )
