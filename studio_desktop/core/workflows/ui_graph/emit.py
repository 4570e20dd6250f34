"""API-format graph → UI-format workflow (what ComfyUI's Save writes), for the `workflow` chunk.

ComfyUI's savers write `extra_pnginfo.workflow` into every PNG; with it, an output dropped onto
ComfyUI opens as the graph that made it. A built-in template or an API-only import has no UI
graph, so we write one: one node per API node, its linked inputs as sockets with links, its
widget values in `widgets_values` by the front end's widget list (widgets.py, the list the
converter reads them back with, so `convert_ui_workflow(api_to_ui(g))` gives `g` back), and a
layered layout (layout.py). Node ids stay the API ids where they are numbers.

What the UI format cannot say, and so does not come back: a widget input the API graph leaves
out (the front end, and the converter, send the widget's default), a constant on an input the
front end draws as a socket, and a `//` comment in a dynamic-prompt text (the front end strips
comments before sending and has no escape for them). Braces in such a text are escaped (`\\{`).
A node type the server does not know is still written, with its links and its constants in
order, so ComfyUI shows it as a missing node rather than losing it.

The engine writes one for every prompt it sends, and jobs of one template share everything but
their widget values: the nodes, sockets, links and layout follow from the graph's shape (its
node ids, types, titles and which inputs are links to what) and the server's /object_info. So
that part is built once per shape and /object_info (`_SkeletonCache`) and each workflow is a
fresh copy of it with the graph's own values filled in.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows.ui_graph.layout import Box, layout, node_size
from studio_desktop.core.workflows.ui_graph.widgets import (
    CONTROL_WIDGET,
    UPLOAD_WIDGET,
    Widget,
    ordered_inputs,
    widget_layout,
)

UI_VERSION: Final = 0.4
# What the front end writes for a seed's control widget in a workflow that should reproduce:
# "fixed" (ComfyUI applies "randomize" after a run, so a reopened output would change its seed).
CONTROL_VALUE: Final = "fixed"
UPLOAD_VALUE: Final = "image"
ANY_TYPE: Final = "*"
S_AND_R: Final = "Node name for S&R"


@dataclass(frozen=True)
class EmittedWorkflow:
    """The UI-format workflow and, for each API node id, the UI node id it got (the same
    number for a numeric id; a fresh one for ids like "57:44" from a flattened subgraph)."""

    workflow: dict[str, Any]
    node_ids: Mapping[str, int] = field(default_factory=dict)


def api_to_ui(graph: Mapping[str, Any], info: ObjectInfo) -> dict[str, Any]:
    """A tidy UI-format workflow for an API-format graph (see the module's docstring)."""
    return emit_workflow(graph, info).workflow


def emit_workflow(graph: Mapping[str, Any], info: ObjectInfo) -> EmittedWorkflow:
    nodes = {str(k): v for k, v in graph.items() if _is_node(v)}
    skeleton = _SKELETONS.get(info, nodes)
    workflow: dict[str, Any] = json.loads(skeleton.text)  # a copy of its own for the caller
    for ui_node, fill in zip(workflow["nodes"], skeleton.fills, strict=True):
        ui_node["widgets_values"] = fill.values(_inputs_of(nodes[fill.key]))
    return EmittedWorkflow(workflow, dict(skeleton.node_ids))


@dataclass(frozen=True)
class _Fill:
    """How one UI node's `widgets_values` are read from its API node: by the server's widget
    list (`widgets`), or, for a type the server lacks, the constant inputs in order."""

    key: str  # the API node id
    widgets: tuple[Widget, ...] | None
    constants: tuple[str, ...] = ()

    def values(self, inputs: Mapping[str, Any]) -> list[Any]:
        if self.widgets is None:
            return [inputs[name] for name in self.constants]
        return [_widget_value(w, inputs) for w in self.widgets]


@dataclass(frozen=True)
class _Skeleton:
    """A workflow without its widget values, as JSON text (each use reads a fresh copy), the
    fill of each of its nodes in order, and the UI id of each API node id."""

    text: str
    fills: tuple[_Fill, ...]
    node_ids: Mapping[str, int]


def _build(nodes: Mapping[str, Mapping[str, Any]], info: ObjectInfo) -> _Skeleton:
    ids = _ui_ids(nodes)
    emitted = {key: _NodeBuilder(key, ids[key], node, info) for key, node in nodes.items()}
    links = _link(emitted, ids)
    edges = [(link[1], link[3]) for link in links]
    order = sorted(emitted.values(), key=lambda n: n.ui_id)
    boxes = layout([n.ui_id for n in order], edges, {n.ui_id: n.size() for n in order})
    ranked = sorted(order, key=lambda n: (boxes[n.ui_id].x, boxes[n.ui_id].y, n.ui_id))
    position = {n.ui_id: index for index, n in enumerate(ranked)}
    workflow = {
        "last_node_id": max(ids.values(), default=0),
        "last_link_id": len(links),
        "nodes": [n.serialise(boxes[n.ui_id], position[n.ui_id]) for n in order],
        "links": links,
        "groups": [],
        "config": {},
        "extra": {"ds": {"scale": 1, "offset": [0, 0]}},
        "version": UI_VERSION,
    }
    return _Skeleton(json.dumps(workflow), tuple(n.fill for n in order), ids)


def _shape(nodes: Mapping[str, Mapping[str, Any]]) -> Hashable:
    """Everything `_build` reads from the graph: node ids, types, titles, and each input's
    name and, for a link, its source (a constant is None: its value is filled in per use)."""
    return tuple(
        (
            key,
            node["class_type"],
            _title_of(node),
            tuple((name, _link_source(value)) for name, value in _inputs_of(node).items()),
        )
        for key, node in nodes.items()
    )


class _SkeletonCache:
    """Skeletons by /object_info and graph shape: the `per_info` most recently used shapes of
    each. An ObjectInfo is held weakly (a server's refreshed /object_info is a new object, and
    the old one's skeletons go with it) and taken as never changing once made."""

    def __init__(self, per_info: int = 64) -> None:
        self._per_info = per_info
        self._lock = threading.Lock()  # every server's loop emits on its own thread
        self._by_info: weakref.WeakKeyDictionary[ObjectInfo, OrderedDict[Hashable, _Skeleton]]
        self._by_info = weakref.WeakKeyDictionary()

    def get(self, info: ObjectInfo, nodes: Mapping[str, Mapping[str, Any]]) -> _Skeleton:
        shape = _shape(nodes)
        with self._lock:
            known = self._by_info.setdefault(info, OrderedDict())
            skeleton = known.get(shape)
            if skeleton is not None:
                known.move_to_end(shape)
                return skeleton
        skeleton = _build(nodes, info)  # outside the lock: another loop need not wait for it
        with self._lock:
            known[shape] = skeleton
            while len(known) > self._per_info:
                known.popitem(last=False)
        return skeleton


_SKELETONS = _SkeletonCache()


# Every job's graph goes through these (its UI workflow is sent along): `type(...) is dict`
# first, since isinstance of the Mapping ABC takes a Python call and a bound graph holds dicts.


def _is_node(value: Any) -> bool:
    return (type(value) is dict or isinstance(value, Mapping)) and isinstance(
        value.get("class_type"), str
    )


def _inputs_of(node: Mapping[str, Any]) -> Mapping[str, Any]:
    raw_inputs = node.get("inputs")
    return raw_inputs if type(raw_inputs) is dict or isinstance(raw_inputs, Mapping) else {}


def _title_of(node: Mapping[str, Any]) -> str | None:
    meta = node.get("_meta")
    if type(meta) is dict or isinstance(meta, Mapping):
        title = meta.get("title")
        return title if isinstance(title, str) else None
    return None


def _numeric_id(key: str) -> int | None:
    """The int a node id stands for when ComfyUI would write it back as the same string."""
    if key.isascii() and key.isdigit() and str(int(key)) == key and int(key) > 0:
        return int(key)
    return None


def _ui_ids(nodes: Mapping[str, Any]) -> dict[str, int]:
    ids = {key: n for key in nodes if (n := _numeric_id(key)) is not None}
    fresh = max(ids.values(), default=0)
    for key in sorted(k for k in nodes if k not in ids):
        fresh += 1
        ids[key] = fresh
    return ids


def _link_source(value: Any) -> tuple[str, int] | None:
    """(origin id, slot) of an API link `["4", 0]`; None for a constant."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str | int)
        and not isinstance(value[0], bool)
        and isinstance(value[1], int)
        and not isinstance(value[1], bool)
        and value[1] >= 0
    ):
        return str(value[0]), value[1]
    return None


def _widget_value(widget: Widget, inputs: Mapping[str, Any]) -> Any:
    if widget.name == CONTROL_WIDGET and not widget.sent:
        return CONTROL_VALUE
    if widget.name == UPLOAD_WIDGET and not widget.sent:
        return UPLOAD_VALUE
    if not widget.sent:
        return widget.default
    value = inputs.get(widget.name, widget.default)
    if _link_source(value) is not None:
        return widget.default  # the socket carries it; the widget keeps a plain value
    if widget.dynamic and isinstance(value, str):
        return _escape_dynamic(value)
    return value


def _escape_dynamic(text: str) -> str:
    """A dynamic-prompt text that the front end sends back as it is: braces escaped, so no
    `{a|b}` is taken for a choice. (Comments cannot be escaped: see the module docstring.)"""
    return text.replace("{", "\\{").replace("}", "\\}")


def _spec_type(spec: Any) -> str:
    if isinstance(spec, list | tuple) and spec:
        head = spec[0]
        if isinstance(head, list):
            return "COMBO"
        if isinstance(head, str):
            return head
    return ANY_TYPE


def _is_text_box(spec: Any) -> bool:
    return (
        isinstance(spec, list | tuple)
        and len(spec) > 1
        and isinstance(spec[1], Mapping)
        and spec[1].get("multiline") is True
    )


class _NodeBuilder:
    """One UI node being written: its sockets (inputs that are links, or can be), widget values
    and outputs. Links are filled in afterwards, once every node has its outputs."""

    def __init__(self, key: str, ui_id: int, node: Mapping[str, Any], info: ObjectInfo) -> None:
        self.key = key
        self.ui_id = ui_id
        self.type: str = node["class_type"]
        inputs = _inputs_of(node)
        self.title = self._custom_title(_title_of(node), info)
        self.inputs: list[dict[str, Any]] = []
        self.sources: list[tuple[str, int] | None] = []  # per socket: what the API links to
        self.fill = _Fill(key, None)
        self.text_boxes = 0
        self.widgets = 0
        if info.has(self.type):
            self._known(inputs, info)
        else:
            self._unknown(inputs)
        self.outputs = self._outputs(info)

    def _custom_title(self, title: str | None, info: ObjectInfo) -> str | None:
        """The title ComfyUI shows only when it is not the type's own display name."""
        if not title:
            return None
        shown = info.raw.get(self.type, {})
        display = shown.get("display_name") if isinstance(shown, Mapping) else None
        return None if title in (display, self.type) else title

    def _socket(self, name: str, kind: str, source: tuple[str, int] | None, widget: bool) -> None:
        port: dict[str, Any] = {"name": name, "type": kind}
        if widget:
            port["widget"] = {"name": name}
        port["link"] = None
        self.inputs.append(port)
        self.sources.append(source)

    def _known(self, inputs: Mapping[str, Any], info: ObjectInfo) -> None:
        widgets = widget_layout(info, self.type)
        sent = {w.name for w in widgets if w.sent}
        specs = ordered_inputs(info, self.type)
        declared = {name for name, _ in specs}
        # Sockets first, in the order the node declares them, as litegraph builds the node...
        for name, spec in specs:
            if name not in sent:
                self._socket(name, _spec_type(spec), _link_source(inputs.get(name)), False)
        # ...then widgets turned into sockets because the API graph links them.
        kinds = dict(specs)
        for widget in widgets:
            source = _link_source(inputs.get(widget.name)) if widget.sent else None
            if source is not None:
                self._socket(widget.name, _spec_type(kinds.get(widget.name)), source, True)
        # Links on inputs the server does not declare (a newer pack's input) keep a socket.
        for name, value in inputs.items():
            source = _link_source(value)
            if name not in declared and name not in sent and source is not None:
                self._socket(name, ANY_TYPE, source, False)
        self.fill = _Fill(self.key, widgets)
        boxes = {name for name, spec in specs if name in sent and _is_text_box(spec)}
        self.text_boxes = len(boxes)
        self.widgets = len(widgets) - self.text_boxes

    def _unknown(self, inputs: Mapping[str, Any]) -> None:
        """A type the server lacks: links become sockets, constants widget values, in order."""
        constants: list[str] = []
        for name, value in inputs.items():
            source = _link_source(value)
            if source is not None:
                self._socket(name, ANY_TYPE, source, False)
            else:
                constants.append(name)
        self.fill = _Fill(self.key, None, tuple(constants))
        self.widgets = len(constants)

    def _outputs(self, info: ObjectInfo) -> list[dict[str, Any]]:
        raw = info.raw.get(self.type)
        spec: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        kinds = spec.get("output")
        names = spec.get("output_name")
        outputs: list[dict[str, Any]] = []
        for index, kind in enumerate(kinds if isinstance(kinds, list) else ()):
            type_name = kind if isinstance(kind, str) else "COMBO"
            name = names[index] if isinstance(names, list) and index < len(names) else type_name
            outputs.append(self._output(str(name), type_name, index))
        return outputs

    @staticmethod
    def _output(name: str, kind: str, slot: int) -> dict[str, Any]:
        return {"name": name, "type": kind, "links": [], "slot_index": slot}

    def output_type(self, slot: int) -> str:
        """The type of output `slot`, adding untyped outputs up to it when the server's
        definition has fewer (an unknown type, or a pack that changed)."""
        while len(self.outputs) <= slot:
            self.outputs.append(self._output(ANY_TYPE, ANY_TYPE, len(self.outputs)))
        kind: str = self.outputs[slot]["type"]
        return kind

    def size(self) -> tuple[float, float]:
        rows = max(len(self.inputs), len(self.outputs))
        return node_size(self.title or self.type, rows, self.widgets, self.text_boxes)

    def serialise(self, box: Box, order: int) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": self.ui_id,
            "type": self.type,
            "pos": [box.x, box.y],
            "size": [box.width, box.height],
            "flags": {},
            "order": order,
            "mode": 0,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "properties": {S_AND_R: self.type},
            "widgets_values": [],  # filled in for each graph (emit_workflow)
        }
        if self.title is not None:
            node["title"] = self.title
        return node


def _link(emitted: Mapping[str, _NodeBuilder], ids: Mapping[str, int]) -> list[list[Any]]:
    """Fill in every socket's link and every output's links; the `links` table. A link to a
    node that is not in the graph is left out (the socket stays unlinked)."""
    links: list[list[Any]] = []
    for builder in sorted(emitted.values(), key=lambda n: n.ui_id):
        for slot, source in enumerate(builder.sources):
            if source is None or source[0] not in emitted:
                continue
            origin = emitted[source[0]]
            kind = origin.output_type(source[1])
            link_id = len(links) + 1
            links.append([link_id, ids[source[0]], source[1], builder.ui_id, slot, kind])
            builder.inputs[slot]["link"] = link_id
            origin.outputs[source[1]]["links"].append(link_id)
    return links
