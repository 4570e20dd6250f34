"""The widget list ComfyUI's front end builds for a node type, from `/object_info`.

`widgets_values` in a saved workflow is positional over this list, so it must be exactly the
front end's: one widget per input of a widget type (in `input_order`, required then optional),
plus the widgets the front end adds on its own. A `control_after_generate` widget follows every
input that declares it, an upload button follows an input with `image_upload`/`video_upload`/
`file_upload`; neither is sent to the server. A few nodes get front-end widgets that ARE sent
although `/object_info` does not declare them (FRONTEND_WIDGETS), because ComfyUI sends them too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from studio_desktop.core.comfy.object_info import ObjectInfo

# Input types the front end draws as a widget (anything else is a socket).
WIDGET_TYPES: Final = frozenset({"INT", "FLOAT", "STRING", "BOOLEAN", "COMBO"})
UPLOAD_FLAGS: Final = ("image_upload", "video_upload", "file_upload", "audio_upload")
CONTROL_WIDGET: Final = "control_after_generate"
UPLOAD_WIDGET: Final = "upload"


@dataclass(frozen=True)
class Widget:
    """One widget slot: `sent` says whether its value goes into the prompt (the control and
    upload widgets only hold a place in `widgets_values`); `dynamic` marks a text whose
    `{a|b}` choices and comments the front end resolves before sending."""

    name: str
    sent: bool = True
    default: Any = None
    dynamic: bool = False
    spec_type: str = ""


# Widgets the front end adds to these node types and sends (after the named input, or at the
# end when None). Seen in ComfyUI front end 1.27.10's output: Preview3D.image, SaveGLB.image,
# PreviewAny.preview, LoadImageOutput.refresh.
FRONTEND_WIDGETS: Final[Mapping[str, tuple[tuple[str | None, Widget], ...]]] = {
    "Preview3D": (("model_file", Widget("image", default="")),),
    "Preview3DAnimation": (("model_file", Widget("image", default="")),),
    "SaveGLB": ((None, Widget("image", default="")),),
    "PreviewAny": ((None, Widget("preview", default="")),),
    "LoadImageOutput": (("image", Widget("refresh", default="refresh")),),
}
# Values these front-end widgets send whatever was saved (a preview shows, it does not set).
FIXED_VALUES: Final[Mapping[tuple[str, str], Any]] = {("PreviewAny", "preview"): ""}


def widget_layout(info: ObjectInfo, class_type: str) -> tuple[Widget, ...]:
    """The widgets of `class_type` in the front end's order (empty for an unknown type)."""
    extras = FRONTEND_WIDGETS.get(class_type, ())
    widgets: list[Widget] = []
    for name, spec in ordered_inputs(info, class_type):
        widget = _widget_of(name, spec)
        if widget is None:
            continue
        widgets.append(widget)
        config = _config(spec)
        if config.get(CONTROL_WIDGET) is True:
            widgets.append(Widget(CONTROL_WIDGET, sent=False, default="randomize"))
        widgets.extend(w for after, w in extras if after == name)
        if any(config.get(flag) is True for flag in UPLOAD_FLAGS):
            widgets.append(Widget(UPLOAD_WIDGET, sent=False, default="image"))
    widgets.extend(w for after, w in extras if after is None)
    return tuple(widgets)


def assign_values(
    class_type: str, layout: Sequence[Widget], values: Sequence[Any] | None
) -> dict[str, Any]:
    """The sent widgets' values by name: `values` by position, the default where it has none."""
    stored = values if values is not None else ()
    assigned: dict[str, Any] = {}
    for index, widget in enumerate(layout):
        if not widget.sent:
            continue
        value = stored[index] if index < len(stored) else widget.default
        assigned[widget.name] = FIXED_VALUES.get((class_type, widget.name), value)
    return assigned


def ordered_inputs(info: ObjectInfo, class_type: str) -> list[tuple[str, Any]]:
    """(name, spec) of the node's inputs, required then optional, in `input_order` (the order
    the front end lays out widgets and sockets in)."""
    node = info.raw.get(class_type)
    if not isinstance(node, Mapping):
        return []
    inputs = node.get("input")
    order = node.get("input_order")
    found: list[tuple[str, Any]] = []
    for section in ("required", "optional"):
        specs = inputs.get(section) if isinstance(inputs, Mapping) else None
        if not isinstance(specs, Mapping):
            continue
        listed = order.get(section) if isinstance(order, Mapping) else None
        names = [n for n in listed if n in specs] if isinstance(listed, list) else list(specs)
        found.extend((str(name), specs[name]) for name in names)
    return found


def _config(spec: Any) -> Mapping[str, Any]:
    if isinstance(spec, list | tuple) and len(spec) > 1 and isinstance(spec[1], Mapping):
        return spec[1]
    return {}


def _widget_of(name: str, spec: Any) -> Widget | None:
    if not isinstance(spec, list | tuple) or not spec:
        return None
    head, config = spec[0], _config(spec)
    if config.get("forceInput") is True:
        return None
    if isinstance(head, list):
        return Widget(
            name, default=config.get("default", head[0] if head else ""), spec_type="COMBO"
        )
    if head not in WIDGET_TYPES:
        return None
    return Widget(
        name,
        default=_default(head, config),
        dynamic=config.get("dynamicPrompts") is True,
        spec_type=head,
    )


def _default(kind: str, config: Mapping[str, Any]) -> Any:
    if "default" in config:
        return config["default"]
    if kind == "COMBO":
        options = config.get("options")
        return options[0] if isinstance(options, list) and options else ""
    if kind in ("INT", "FLOAT"):
        low = config.get("min", 0)
        return max(0, low) if isinstance(low, int | float) else 0
    return False if kind == "BOOLEAN" else ""
