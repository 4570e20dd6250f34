"""A UI-format workflow (what ComfyUI's Save writes) read into plain dataclasses.

Both link spellings are read: schema 0.4's arrays `[id, origin, slot, target, slot, type]` and
schema 1's objects (also what subgraph definitions always use). Ids become strings, as in the
API format. Only what the conversion needs is kept: positions, sizes, colours and groups have no
effect on the graph that runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message
from studio_desktop.core.workflows.ui_graph.errors import BAD_NODE, NOT_A_WORKFLOW, ConversionError

# The ids litegraph gives a subgraph's input and output boundary inside its definition.
SUBGRAPH_INPUT: Final = "-10"
SUBGRAPH_OUTPUT: Final = "-20"
MODE_MUTED: Final = 2
MODE_BYPASSED: Final = 4


@dataclass(frozen=True)
class Port:
    """One input or output slot of a node: `link` is the link id feeding an input, `widget`
    the widget an input stands for (a widget turned into a socket)."""

    name: str
    type: str
    link: int | None = None
    widget: str | None = None


@dataclass(frozen=True)
class Link:
    """Where a link starts: the origin node's id and output slot."""

    origin: str
    slot: int
    target: str = ""
    target_slot: int = 0


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    mode: int = 0
    title: str | None = None
    inputs: tuple[Port, ...] = ()
    outputs: tuple[Port, ...] = ()
    # None when the file has no list (an object in its place is ignored, as ComfyUI does).
    values: tuple[Any, ...] | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Graph:
    nodes: Mapping[str, Node]
    links: Mapping[int, Link]

    def source(self, port: Port) -> Link | None:
        """The link feeding an input, None if unlinked or its link id is not in the table."""
        return None if port.link is None else self.links.get(port.link)


@dataclass(frozen=True)
class Subgraph:
    """A definition from `definitions.subgraphs`; instances are nodes whose type is `id`."""

    id: str
    name: str
    graph: Graph
    inputs: tuple[Port, ...]
    outputs: tuple[Port, ...]


@dataclass(frozen=True)
class Workflow:
    graph: Graph
    subgraphs: Mapping[str, Subgraph]


def parse_workflow(data: Mapping[str, Any], what: str) -> Workflow:
    """The workflow in a parsed UI-format file; ConversionError if its shape is not one."""
    graph = _parse_graph(data, what)
    definitions = data.get("definitions")
    raw_subgraphs = definitions.get("subgraphs") if isinstance(definitions, Mapping) else None
    subgraphs: dict[str, Subgraph] = {}
    for raw in raw_subgraphs if isinstance(raw_subgraphs, list) else ():
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            subgraph = _parse_subgraph(raw, what)
            subgraphs[subgraph.id] = subgraph
    return Workflow(graph, subgraphs)


def _parse_subgraph(raw: Mapping[str, Any], what: str) -> Subgraph:
    return Subgraph(
        id=str(raw["id"]),
        name=str(raw.get("name") or raw["id"]),
        graph=_parse_graph(raw, what),
        inputs=_ports(raw.get("inputs")),
        outputs=_ports(raw.get("outputs")),
    )


def _parse_graph(data: Mapping[str, Any], what: str) -> Graph:
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list):
        raise _not_a_workflow(what, QT_TRANSLATE_NOOP("CoreMessages", "it has no list of nodes"))
    nodes: dict[str, Node] = {}
    for index, raw in enumerate(raw_nodes):
        node = _parse_node(raw, index, what)
        nodes[node.id] = node
    raw_links = data.get("links")
    links: dict[int, Link] = {}
    for raw in raw_links if isinstance(raw_links, list) else ():
        parsed = _parse_link(raw)
        if parsed is not None:
            links[parsed[0]] = parsed[1]
    return Graph(nodes, links)


def _parse_node(raw: Any, index: int, what: str) -> Node:
    if not isinstance(raw, Mapping):
        raise _bad_node(what, index, QT_TRANSLATE_NOOP("CoreMessages", "not an object"))
    node_id, node_type = raw.get("id"), raw.get("type")
    if not isinstance(node_id, int | str) or isinstance(node_id, bool):
        raise _bad_node(what, index, QT_TRANSLATE_NOOP("CoreMessages", "no id"))
    if not isinstance(node_type, str) or not node_type:
        raise _bad_node(what, index, QT_TRANSLATE_NOOP("CoreMessages", "no type"))
    mode = raw.get("mode", 0)
    values = raw.get("widgets_values")
    title = raw.get("title")
    properties = raw.get("properties")
    return Node(
        id=str(node_id),
        type=node_type,
        mode=mode if isinstance(mode, int) else 0,
        title=title if isinstance(title, str) else None,
        inputs=_ports(raw.get("inputs")),
        outputs=_ports(raw.get("outputs")),
        values=tuple(values) if isinstance(values, list) else None,
        properties=properties if isinstance(properties, Mapping) else {},
    )


def _ports(raw: Any) -> tuple[Port, ...]:
    ports: list[Port] = []
    for item in raw if isinstance(raw, list) else ():
        if not isinstance(item, Mapping):
            item = {}
        link = item.get("link")
        widget = item.get("widget")
        widget_name = widget.get("name") if isinstance(widget, Mapping) else None
        ports.append(
            Port(
                name=str(item.get("name", "")),
                type=str(item.get("type", "*")),
                link=link if isinstance(link, int) and not isinstance(link, bool) else None,
                widget=widget_name if isinstance(widget_name, str) else None,
            )
        )
    return tuple(ports)


def _parse_link(raw: Any) -> tuple[int, Link] | None:
    """(id, link) from either spelling; None for anything malformed (it links nothing)."""
    if isinstance(raw, Sequence) and not isinstance(raw, str) and len(raw) >= 5:
        fields: Sequence[Any] = raw[:5]
    elif isinstance(raw, Mapping):
        keys = ("id", "origin_id", "origin_slot", "target_id", "target_slot")
        fields = [raw.get(key) for key in keys]
    else:
        return None
    link_id, origin, slot, target, target_slot = fields
    if not _is_int(link_id) or not _is_int(slot) or not isinstance(origin, int | str):
        return None
    return link_id, Link(str(origin), slot, str(target), target_slot if _is_int(target_slot) else 0)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _not_a_workflow(what: str, reason: str) -> ConversionError:
    """`reason`: a QT_TRANSLATE_NOOP("CoreMessages", ...) text, translated with the message."""
    return ConversionError(message(NOT_A_WORKFLOW, what=what, reason=message(reason)))


def _bad_node(what: str, index: int, reason: str) -> ConversionError:
    return ConversionError(message(BAD_NODE, what=what, index=index, reason=message(reason)))
