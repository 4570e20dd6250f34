"""Recognises ComfyUI's UI-format workflow (the "Save" file) and converts it with /object_info.

A UI-format file stores widget values by position over the front end's widget list, which only
the server's node definitions imply; so converting needs /object_info (ui_graph does the work).
Without a server's node list we cannot convert, and the message says so and how to export the
API format instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.messages import QT_TRANSLATE_NOOP
from studio_desktop.core.workflows.ui_graph.convert import ApiGraph, convert_ui_workflow

EXPORT_HELP: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "This is a ComfyUI workflow in the editor's own format (the one Save writes), not the API "
    "format Studio Desktop runs. In ComfyUI open it and choose Workflow > Export (API) in the "
    "menu, then import the file that gives. On older ComfyUI versions: open Settings (the gear), "
    "turn on 'Enable Dev mode Options', then use the 'Save (API Format)' button.",
)

NEEDS_SERVER: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Converting a workflow in the editor's format needs the node list of a ComfyUI server, and "
    "none is connected. Connect a server and try again, or export the API format: {help}",
)

__all__ = ["EXPORT_HELP", "NEEDS_SERVER", "convert_ui", "is_ui_format"]


def convert_ui(data: Mapping[str, Any], info: ObjectInfo, what: str) -> ApiGraph:
    """The API-format graph of a UI-format workflow; ConversionError naming node and reason."""
    return convert_ui_workflow(data, info, what)


def is_ui_format(data: Any) -> bool:
    """True for a UI-format workflow: a `nodes` list and a `links` list at the top level."""
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("nodes"), list)
        and isinstance(data.get("links", []), list)
        and ("links" in data or "last_node_id" in data or "version" in data)
    )
