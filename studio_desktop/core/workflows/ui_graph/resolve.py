"""Where a linked input really gets its value from, as the front end's `graphToPrompt` sees it.

A link may start at a Reroute (followed), a PrimitiveNode (its value is written into the
target), a bypassed node (passed through to one of its own inputs of a fitting type), a muted
node (the input is dropped), a subgraph instance's output (into the definition) or a
subgraph's input boundary (out to the instance's input, or its promoted widget).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from studio_desktop.core.workflows.ui_graph.errors import (
    LINK_CYCLE,
    MISSING_ORIGIN,
    MISSING_SUBGRAPH,
    SUBGRAPH_TOO_DEEP,
    ConversionError,
    node_error,
)
from studio_desktop.core.workflows.ui_graph.model import (
    MODE_BYPASSED,
    MODE_MUTED,
    SUBGRAPH_INPUT,
    SUBGRAPH_OUTPUT,
    Graph,
    Node,
    Port,
    Workflow,
)

# Front-end-only nodes: never emitted.
VIRTUAL_TYPES: Final = frozenset({"Reroute", "PrimitiveNode", "Note", "MarkdownNote"})
MAX_DEPTH: Final = 32
_MAX_STEPS: Final = 10_000


@dataclass(frozen=True)
class Scope:
    """One graph being flattened: the root, or a subgraph definition inside `instance`."""

    graph: Graph
    prefix: str
    instance: Node | None
    parent: Scope | None


@dataclass(frozen=True)
class Source:
    node: str
    slot: int


@dataclass(frozen=True)
class Value:
    value: Any


@dataclass(frozen=True)
class Dropped:
    """The input is left out (fed by a muted node, or a bypass with no fitting input)."""


@dataclass(frozen=True)
class Keep:
    """An unlinked promoted widget: the inner node keeps its own value."""


Found = Source | Value | Dropped | Keep


class Resolver:
    def __init__(self, workflow: Workflow) -> None:
        self._workflow = workflow

    def check_depth(self, scope: Scope, node: Node) -> None:
        depth, current = 0, scope
        while current.parent is not None:
            depth, current = depth + 1, current.parent
        if depth >= MAX_DEPTH:
            raise node_error(SUBGRAPH_TOO_DEEP, scope.prefix + node.id, node.type, limit=MAX_DEPTH)

    def input_source(self, scope: Scope, node: Node, port: Port) -> Found:
        """What feeds `port` of `node` (an emitted node in `scope`)."""
        return self._follow(scope, node, port, node, port, 0)

    def _follow(
        self, scope: Scope, node: Node, port: Port, target: Node, target_port: Port, steps: int
    ) -> Found:
        if steps > _MAX_STEPS:
            raise self._error(LINK_CYCLE, scope, target, target_port)
        link = scope.graph.source(port)
        if link is None:
            return Keep()  # unlinked or a link id not in the table: as if unlinked
        if link.origin == SUBGRAPH_INPUT:
            return self._from_boundary(scope, link.slot, target, target_port, steps)
        origin = scope.graph.nodes.get(link.origin)
        if origin is None:
            raise node_error(
                MISSING_ORIGIN,
                scope.prefix + node.id,
                node.type,
                input=port.name,
                origin=link.origin,
            )
        return self._from_output(scope, origin, link.slot, target, target_port, steps + 1)

    def _from_output(
        self, scope: Scope, origin: Node, slot: int, target: Node, port: Port, steps: int
    ) -> Found:
        if origin.type == "Reroute":
            if not origin.inputs:
                return Dropped()
            return self._follow(scope, origin, origin.inputs[0], target, port, steps)
        if origin.type == "PrimitiveNode":
            return Value(origin.values[0]) if origin.values else Dropped()
        if origin.mode == MODE_MUTED:
            return Dropped()
        if origin.mode == MODE_BYPASSED:
            chosen = _bypass_input(origin, slot)
            if chosen is None:
                return Dropped()
            return self._follow(scope, origin, chosen, target, port, steps)
        definition = self._workflow.subgraphs.get(origin.type)
        if definition is not None:
            inner = Scope(definition.graph, f"{scope.prefix}{origin.id}:", origin, scope)
            for link in definition.graph.links.values():
                if link.target == SUBGRAPH_OUTPUT and link.target_slot == slot:
                    exit_port = Port(name="", type="*", link=_link_id(definition.graph, link))
                    return self._follow(inner, origin, exit_port, target, port, steps)
            return Dropped()
        if _looks_like_subgraph(origin.type):
            raise node_error(MISSING_SUBGRAPH, scope.prefix + origin.id, origin.type)
        return Source(scope.prefix + origin.id, slot)

    def _from_boundary(
        self, scope: Scope, slot: int, target: Node, port: Port, steps: int
    ) -> Found:
        """Out of a subgraph through its input `slot` to the instance's matching input."""
        instance, parent = scope.instance, scope.parent
        if instance is None or parent is None or slot >= len(instance.inputs):
            return Keep() if port.widget else Dropped()
        outer = instance.inputs[slot]
        if outer.link is None:
            if outer.widget is not None and instance.values is not None:
                index = sum(1 for p in instance.inputs[:slot] if p.widget is not None)
                if index < len(instance.values):
                    return Value(instance.values[index])
            return Keep() if port.widget else Dropped()
        return self._follow(parent, instance, outer, target, port, steps + 1)

    def _error(self, template: str, scope: Scope, node: Node, port: Port) -> ConversionError:
        return node_error(template, scope.prefix + node.id, node.type, input=port.name)


def _link_id(graph: Graph, wanted: object) -> int:
    return next(key for key, link in graph.links.items() if link is wanted)


def _looks_like_subgraph(node_type: str) -> bool:
    """A subgraph instance's type is its definition's UUID."""
    parts = node_type.split("-")
    return len(parts) == 5 and all(p and all(c in "0123456789abcdef" for c in p) for p in parts)


def _bypass_input(node: Node, slot: int) -> Port | None:
    """The input a bypassed node passes to output `slot`: the same index if its type fits,
    else the first of exactly the same type, else the first compatible (front end order)."""
    if slot >= len(node.outputs):
        return None
    wanted = node.outputs[slot].type
    if slot < len(node.inputs) and _fits(node.inputs[slot].type, wanted):
        return node.inputs[slot]
    for port in node.inputs:
        if port.type == wanted:
            return port
    for port in node.inputs:
        if _fits(port.type, wanted):
            return port
    return None


def _fits(have: str, want: str) -> bool:
    if have in ("*", "") or want in ("*", ""):
        return True
    a = {t.strip().upper() for t in have.split(",")}
    b = {t.strip().upper() for t in want.split(",")}
    return bool(a & b)
