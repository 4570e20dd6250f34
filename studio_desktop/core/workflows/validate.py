"""Checks a bound API-format graph against a server's `/object_info` before it is queued.

The checks follow ComfyUI's own `execution.validate_prompt` so that a graph we pass is one the
server accepts, but the messages are written for the user and carry the template slot an input
belongs to, so the form can show each one next to its field. Never raises on junk input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message, verbatim
from studio_desktop.core.workflows.graph_options import option_of
from studio_desktop.core.workflows.packs import install_how
from studio_desktop.core.workflows.template import Template

# Inputs whose list the server checks itself (VALIDATE_INPUTS): an uploaded image is not in the
# list /object_info returned before the upload, so a combo check there would be wrong.
_SELF_VALIDATED = {"LoadImage": "image", "LoadImageMask": "image", "LoadImageOutput": "image"}

# What a list input holds, for messages: "Checkpoint 'x' is not on this server".
_LIST_NOUNS = {
    "ckpt_name": QT_TRANSLATE_NOOP("CoreMessages", "Checkpoint"),
    "lora_name": QT_TRANSLATE_NOOP("CoreMessages", "LoRA"),
    "vae_name": QT_TRANSLATE_NOOP("CoreMessages", "VAE"),
    "control_net_name": QT_TRANSLATE_NOOP("CoreMessages", "ControlNet model"),
    "unet_name": QT_TRANSLATE_NOOP("CoreMessages", "Diffusion model"),
    "clip_name": QT_TRANSLATE_NOOP("CoreMessages", "Text encoder"),
    "clip_name1": QT_TRANSLATE_NOOP("CoreMessages", "Text encoder"),
    "clip_name2": QT_TRANSLATE_NOOP("CoreMessages", "Text encoder"),
    "sampler_name": QT_TRANSLATE_NOOP("CoreMessages", "Sampler"),
    "scheduler": QT_TRANSLATE_NOOP("CoreMessages", "Scheduler"),
    "upscale_method": QT_TRANSLATE_NOOP("CoreMessages", "Upscale method"),
}
_MODEL_NOUNS = {
    "UpscaleModelLoader": QT_TRANSLATE_NOOP("CoreMessages", "Upscale model"),
    "CLIPVisionLoader": QT_TRANSLATE_NOOP("CoreMessages", "CLIP vision model"),
}
_MAX_LISTED = 8


class IssueKind(StrEnum):
    MISSING_NODE_CLASS = "missing_node_class"
    NOT_IN_LIST = "not_in_list"
    OUT_OF_RANGE = "out_of_range"
    BAD_VALUE = "bad_value"  # a number input holding something that is not a number
    MISSING_INPUT = "missing_input"
    BAD_LINK = "bad_link"
    CYCLE = "cycle"
    NO_OUTPUT = "no_output"
    INVALID_NODE = "invalid_node"  # not a node at all: no class_type, inputs not an object


@dataclass(frozen=True)
class ValidationIssue:
    """One reason the server would refuse the graph; `slot` names the form field it belongs to.
    `text` is the reason as a translatable message, `message` the same in English."""

    node_id: str
    class_type: str
    input_name: str | None
    slot: str | None
    text: UserMessage
    kind: IssueKind

    @property
    def message(self) -> str:
        return str(self.text)


def validate_graph(
    graph: Any, object_info: ObjectInfo, template: Template | None = None
) -> list[ValidationIssue]:
    """Every problem found in `graph` (empty when the server should accept it)."""
    return _Checker(object_info, template).run(graph)


def check_structure(graph: Any) -> list[ValidationIssue]:
    """What can be checked without a server: nodes well formed, links resolve, no loops."""
    return _Checker(None, None).run(graph)


def is_link(value: Any) -> bool:
    """A link as ComfyUI reads it: any list (a malformed one is an error, not a constant)."""
    return isinstance(value, list)


def type_matches(received: str, wanted: str) -> bool:
    """ComfyUI's validate_node_input: equal, "*" on either side, or overlapping "A,B" sets."""
    if received == wanted:
        return True
    got = {t.strip() for t in received.split(",")}
    want = {t.strip() for t in wanted.split(",")}
    return "*" in got or "*" in want or bool(got & want)


class _Checker:
    def __init__(self, info: ObjectInfo | None, template: Template | None) -> None:
        # Without a server's /object_info only the shape of the graph can be checked.
        self.structural = info is None
        self.info = info or ObjectInfo({})
        self.template = template
        self.issues: list[ValidationIssue] = []

    def run(self, graph: Any) -> list[ValidationIssue]:
        if not isinstance(graph, Mapping) or not graph:
            no_nodes = message(QT_TRANSLATE_NOOP("CoreMessages", "The workflow has no nodes."))
            self._add("", "", None, no_nodes, IssueKind.INVALID_NODE)
            return self.issues
        nodes: dict[str, Mapping[str, Any]] = {}
        for node_id, node in graph.items():
            key = str(node_id)
            if not isinstance(node, Mapping) or not isinstance(node.get("class_type"), str):
                self._add(
                    key,
                    "",
                    None,
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "Node {node} is not a ComfyUI node (it has no class_type).",
                        ),
                        node=key,
                    ),
                    IssueKind.INVALID_NODE,
                )
            elif not isinstance(node.get("inputs", {}), Mapping):
                self._add(
                    key,
                    str(node["class_type"]),
                    None,
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "Node {node} ({class_type}) has inputs that are not an object.",
                        ),
                        node=key,
                        class_type=str(node["class_type"]),
                    ),
                    IssueKind.INVALID_NODE,
                )
            else:
                nodes[key] = node
        if self.structural:
            for node_id in sorted(nodes, key=_node_order):
                self._check_links(node_id, nodes[node_id], nodes)
            self._check_cycles(nodes)
            return self.issues
        for node_id, node in nodes.items():
            self._check_class(node_id, node["class_type"])

        known = {n for n, node in nodes.items() if self.info.has(node["class_type"])}
        outputs = [n for n in known if self.info.is_output_node(nodes[n]["class_type"])]
        if not outputs and known == set(nodes) and not self._has(IssueKind.INVALID_NODE):
            self._add(
                "",
                "",
                None,
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages",
                        "The workflow has no output node (such as Save Image), so the server "
                        "would not run it.",
                    )
                ),
                IssueKind.NO_OUTPUT,
            )
        # ComfyUI checks only what the outputs depend on; an unused node cannot block a run.
        checked = _upstream(nodes, outputs) if outputs else set(nodes)
        for node_id in sorted(checked, key=_node_order):
            node = nodes[node_id]
            self._check_links(node_id, node, nodes)
            if node_id in known:
                self._check_inputs(node_id, node)
        self._check_cycles(nodes)
        return self.issues

    # --- node classes ---

    def _check_class(self, node_id: str, class_type: str) -> None:
        if self.info.has(class_type):
            return
        pack = self.template.pack_for(class_type) if self.template else None
        if pack is not None and pack.hint:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "The server has no '{class_type}' node ({pack}). {hint}"
                ),
                class_type=class_type,
                pack=pack.name,
                hint=pack.hint,
            )
        elif pack is not None:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "The server has no '{class_type}' node: install the custom node pack "
                    "{pack}{where} on the server and restart ComfyUI.{how}",
                ),
                class_type=class_type,
                pack=pack.name,
                where=f" ({pack.url})" if pack.url else "",
                how=install_how(pack),
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "The server has no '{class_type}' node. It may come from a custom node pack "
                    "that is not installed there, or need a newer ComfyUI.",
                ),
                class_type=class_type,
            )
        self._add(node_id, class_type, None, text, IssueKind.MISSING_NODE_CLASS)

    # --- inputs ---

    def _check_inputs(self, node_id: str, node: Mapping[str, Any]) -> None:
        class_type: str = node["class_type"]
        inputs: Mapping[str, Any] = node.get("inputs", {})
        for name in self.info.required_inputs(class_type):
            if name not in inputs:
                self._add(
                    node_id,
                    class_type,
                    name,
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "Node {node} ({class_type}) needs its input '{name}', which is "
                            "missing.",
                        ),
                        node=node_id,
                        class_type=class_type,
                        name=name,
                    ),
                    IssueKind.MISSING_INPUT,
                )
        for name, value in inputs.items():
            if is_link(value):
                continue
            spec = self.info.input_spec(class_type, str(name))
            if spec is None:
                continue  # ComfyUI ignores inputs a node does not declare
            kind, config = spec
            if kind == "COMBO":
                self._check_combo(node_id, class_type, str(name), value, config)
            elif kind in ("INT", "FLOAT"):
                self._check_number(node_id, class_type, str(name), value, kind, config)

    def _check_combo(
        self, node_id: str, class_type: str, name: str, value: Any, config: Mapping[str, Any]
    ) -> None:
        if _SELF_VALIDATED.get(class_type) == name or config.get("remote"):
            return
        options = self.info.combo_options(class_type, name) or []
        if value in options or str(value) in options:
            return
        known = _MODEL_NOUNS.get(class_type) or _LIST_NOUNS.get(name)
        noun = message(known) if known else verbatim(f"'{name}'")
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "{noun} '{value}' is not on this server ({listing}).{hint}"
            ),
            noun=noun,
            value=str(value),
            listing=_listing(options),
            hint=self._model_hint(node_id, name),
        )
        self._add(node_id, class_type, name, text, IssueKind.NOT_IN_LIST)

    def _model_hint(self, node_id: str, name: str) -> str:
        return self.template.download_hint(node_id, name) if self.template is not None else ""

    def _check_number(
        self,
        node_id: str,
        class_type: str,
        name: str,
        value: Any,
        kind: str,
        config: Mapping[str, Any],
    ) -> None:
        number = _as_number(value, kind)
        if number is None:
            self._add(
                node_id,
                class_type,
                name,
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages",
                        "'{name}' of node {node} ({class_type}) must be a number, not {value}.",
                    ),
                    name=name,
                    node=node_id,
                    class_type=class_type,
                    value=repr(value),
                ),
                IssueKind.BAD_VALUE,
            )
            return
        low, high = config.get("min"), config.get("max")
        if isinstance(low, int | float) and number < low:
            template = QT_TRANSLATE_NOOP(
                "CoreMessages", "{label} must be at least {bound} (it is {value})."
            )
            bound = _fmt(low)
        elif isinstance(high, int | float) and number > high:
            template = QT_TRANSLATE_NOOP(
                "CoreMessages", "{label} must be at most {bound} (it is {value})."
            )
            bound = _fmt(high)
        else:
            return
        slot = self._slot(node_id, name)
        label = (
            verbatim(slot.replace("_", " ").capitalize())
            if slot
            else message(
                QT_TRANSLATE_NOOP("CoreMessages", "'{name}' of node {node}"),
                name=name,
                node=node_id,
            )
        )
        text = message(template, label=label, bound=bound, value=_fmt(number))
        self._add(node_id, class_type, name, text, IssueKind.OUT_OF_RANGE)

    # --- links ---

    def _check_links(
        self, node_id: str, node: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]]
    ) -> None:
        class_type: str = node["class_type"]
        for name, value in node.get("inputs", {}).items():
            if not is_link(value):
                continue
            problem = self._link_problem(class_type, str(name), value, nodes)
            if problem:
                self._add(
                    node_id,
                    class_type,
                    str(name),
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "Input '{name}' of node {node} ({class_type}) {problem}.",
                        ),
                        name=str(name),
                        node=node_id,
                        class_type=class_type,
                        problem=problem,
                    ),
                    IssueKind.BAD_LINK,
                )

    def _link_problem(
        self, class_type: str, name: str, value: list[Any], nodes: Mapping[str, Mapping[str, Any]]
    ) -> UserMessage | None:
        if len(value) != 2 or not isinstance(value[0], str):
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "is a malformed link {link} (expected [node id, output index])"
                ),
                link=repr(value),
            )
        source, index = value
        if isinstance(index, bool) or not isinstance(index, int):
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "is a malformed link {link} (the output index must be a whole number)",
                ),
                link=repr(value),
            )
        if source not in nodes:
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "is linked to node {source}, which is not in the workflow"
                ),
                source=source,
            )
        source_class: str = nodes[source]["class_type"]
        if not self.info.has(source_class):
            return None  # its outputs are unknown; the missing class is reported already
        outputs = self.info.output_types(source_class)
        if not 0 <= index < len(outputs):
            if len(outputs) == 1:
                template = QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "is linked to output {index} of node {source} ({source_class}), which has "
                    "1 output",
                )
            else:
                template = QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "is linked to output {index} of node {source} ({source_class}), which has "
                    "{count} outputs",
                )
            return message(
                template,
                index=index,
                source=source,
                source_class=source_class,
                count=len(outputs),
            )
        spec = self.info.input_spec(class_type, name) if self.info.has(class_type) else None
        wanted = spec[0] if spec else None
        received = outputs[index]
        if wanted and wanted != "COMBO" and not type_matches(received, wanted):
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "expects {wanted} but is linked to an output of type {received} "
                    "(node {source})",
                ),
                wanted=str(wanted),
                received=str(received),
                source=source,
            )
        return None

    def _check_cycles(self, nodes: Mapping[str, Mapping[str, Any]]) -> None:
        for cycle in _cycles(nodes):
            path = " → ".join(f"{n} ({nodes[n]['class_type']})" for n in [*cycle, cycle[0]])
            self._add(
                cycle[0],
                str(nodes[cycle[0]]["class_type"]),
                None,
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "Nodes form a loop: {path}. A workflow must flow one way."
                    ),
                    path=path,
                ),
                IssueKind.CYCLE,
            )

    # --- helpers ---

    def _slot(self, node_id: str, input_name: str | None) -> str | None:
        option = option_of(node_id)  # a node a graph option added (a LoRA, the VAE, ...)
        if option is not None:
            return option
        if self.template is None or input_name is None:
            return None
        return self.template.slot_of(node_id, input_name)

    def _has(self, kind: IssueKind) -> bool:
        return any(i.kind is kind for i in self.issues)

    def _add(
        self,
        node_id: str,
        class_type: str,
        input_name: str | None,
        text: UserMessage,
        kind: IssueKind,
    ) -> None:
        slot = self._slot(node_id, input_name)
        self.issues.append(ValidationIssue(node_id, class_type, input_name, slot, text, kind))


def _links(node: Mapping[str, Any]) -> Iterable[str]:
    for value in node.get("inputs", {}).values():
        if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
            yield value[0]


def _upstream(nodes: Mapping[str, Mapping[str, Any]], starts: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        node_id = stack.pop()
        if node_id in seen or node_id not in nodes:
            continue
        seen.add(node_id)
        stack.extend(_links(nodes[node_id]))
    return seen


def _cycles(nodes: Mapping[str, Mapping[str, Any]]) -> list[list[str]]:
    """One list of node ids per loop found (iterative DFS, so deep graphs cannot overflow)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found: list[list[str]] = []
    for root in sorted(nodes, key=_node_order):
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(root, [])]
        while stack:
            node_id, _ = stack[-1]
            if node_id not in state:
                state[node_id] = 1
                path.append(node_id)
                stack[-1] = (node_id, [s for s in _links(nodes[node_id]) if s in nodes])
            pending = stack[-1][1]
            if pending:
                nxt = pending.pop()
                if state.get(nxt) == 1:
                    found.append(path[path.index(nxt) :])
                elif nxt not in state:
                    stack.append((nxt, []))
                continue
            state[node_id] = 2
            path.pop()
            stack.pop()
    return found


def _as_number(value: Any, kind: str) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):  # ComfyUI converts "12" with int()/float(), so it is accepted
        try:
            return float(int(value)) if kind == "INT" else float(value)
        except ValueError:
            return None
    return None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _listing(options: list[str]) -> UserMessage:
    if not options:
        return message(QT_TRANSLATE_NOOP("CoreMessages", "it has none"))
    shown = ", ".join(options[:_MAX_LISTED])
    more = len(options) - _MAX_LISTED
    if more > 0:
        return message(
            QT_TRANSLATE_NOOP("CoreMessages", "it has: {shown} and {more} more"),
            shown=shown,
            more=more,
        )
    return message(QT_TRANSLATE_NOOP("CoreMessages", "it has: {shown}"), shown=shown)


def _node_order(node_id: str) -> tuple[int, str]:
    return (int(node_id), "") if node_id.isdigit() else (1 << 62, node_id)
