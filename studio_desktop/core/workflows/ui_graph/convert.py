"""UI-format workflow → API-format graph, as ComfyUI's front end (`graphToPrompt`) builds it.

Every node that is neither virtual (Reroute, PrimitiveNode, notes), muted nor bypassed is
emitted; subgraph instances are flattened with path ids (`"<instance>:<inner>"`). Its widget
values come from `widgets_values` by position over the front end's widget list (widgets.py); each
linked input is resolved through reroutes, primitives, bypassed nodes and subgraph boundaries
(resolve.py). Where we knowingly differ from front end 1.27.10 (see the oracle's README): an
unknown node type is refused instead of emitted without a `class_type`, a muted subgraph
instance is muted, big seeds keep every digit, and a `//` in a URL is not taken for a comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.messages import message
from studio_desktop.core.workflows.ui_graph.errors import (
    IN_FILE,
    NO_NODES,
    UNKNOWN_TYPE,
    UNKNOWN_TYPE_IN_PACK,
    ConversionError,
    node_error,
)
from studio_desktop.core.workflows.ui_graph.model import (
    MODE_BYPASSED,
    MODE_MUTED,
    Node,
    Workflow,
    parse_workflow,
)
from studio_desktop.core.workflows.ui_graph.prompts import resolve_dynamic_prompt
from studio_desktop.core.workflows.ui_graph.resolve import (
    VIRTUAL_TYPES,
    Dropped,
    Keep,
    Resolver,
    Scope,
    Source,
    Value,
)
from studio_desktop.core.workflows.ui_graph.widgets import assign_values, widget_layout

ApiGraph = dict[str, dict[str, Any]]


def convert_ui_workflow(data: Mapping[str, Any], info: ObjectInfo, what: str) -> ApiGraph:
    """The API-format graph of a parsed UI-format workflow; ConversionError naming the node
    and the reason when it cannot be converted."""
    workflow = parse_workflow(data, what)
    graph: ApiGraph = {}
    try:
        _emit_scope(Scope(workflow.graph, "", None, None), workflow, info, graph)
    except ConversionError as exc:
        if not exc.node or exc.text is None:
            raise
        # The node's own message says nothing of the file; an import dialog or a log line needs
        # both, as every other import error names the file first.
        text = message(IN_FILE, what=what, problem=exc.text)
        raise ConversionError(text, exc.node, exc.node_type, exc.reason) from None
    if not graph:
        raise ConversionError(message(NO_NODES, what=what))
    return graph


def _emit_scope(scope: Scope, workflow: Workflow, info: ObjectInfo, out: ApiGraph) -> None:
    resolver = Resolver(workflow)
    for node in scope.graph.nodes.values():
        if node.type in VIRTUAL_TYPES or node.mode == MODE_MUTED:
            continue
        subgraph = workflow.subgraphs.get(node.type)
        if subgraph is not None:
            # A bypassed instance still emits its inner nodes in the front end (its consumers
            # are rewired past it); we keep that, as a server prunes what leads nowhere.
            resolver.check_depth(scope, node)
            inner = Scope(subgraph.graph, f"{scope.prefix}{node.id}:", node, scope)
            _emit_scope(inner, workflow, info, out)
            continue
        if node.mode == MODE_BYPASSED:
            continue
        if not info.has(node.type):
            raise _unknown(scope, node)
        out[scope.prefix + node.id] = _api_node(node, scope, resolver, info)


def _api_node(node: Node, scope: Scope, resolver: Resolver, info: ObjectInfo) -> dict[str, Any]:
    layout = widget_layout(info, node.type)
    inputs = assign_values(node.type, layout, node.values)
    dynamic = {w.name for w in layout if w.dynamic}
    for port in node.inputs:
        name = port.widget or port.name
        if port.link is None:
            continue
        found = resolver.input_source(scope, node, port)
        if isinstance(found, Source):
            inputs[name] = [found.node, found.slot]
        elif isinstance(found, Value):
            inputs[name] = found.value
        elif isinstance(found, Dropped):
            inputs.pop(name, None)
        else:
            assert isinstance(found, Keep)
    for name in dynamic:
        if isinstance(inputs.get(name), str):
            inputs[name] = resolve_dynamic_prompt(inputs[name])
    return {"class_type": node.type, "inputs": inputs, "_meta": {"title": _title(node, info)}}


def _title(node: Node, info: ObjectInfo) -> str:
    if node.title:
        return node.title
    shown = info.raw.get(node.type, {}).get("display_name")
    return shown if isinstance(shown, str) and shown else node.type


def _unknown(scope: Scope, node: Node) -> ConversionError:
    pack = node.properties.get("cnr_id") or node.properties.get("aux_id")
    ident = scope.prefix + node.id
    if isinstance(pack, str) and pack and pack != "comfy-core":
        return node_error(UNKNOWN_TYPE_IN_PACK, ident, node.type, pack=pack)
    return node_error(UNKNOWN_TYPE, ident, node.type)
