"""The one error a UI-format conversion raises, and the messages it carries.

Every refusal names the node (its id, as the user sees it in ComfyUI, and its type) and why, so
the user knows which node to fix or which pack to install. A `TemplateError`, so code that reads
workflows and already reports those reports these too.
"""

from __future__ import annotations

from typing import Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.workflows.template import TemplateError

UNKNOWN_TYPE_IN_PACK: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "not installed on the server: it comes from the node pack {pack}. Install that pack in "
    "ComfyUI, or remove the node.",
)
UNKNOWN_TYPE: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "not installed on the server. Install the node pack that provides it in ComfyUI, or "
    "remove the node.",
)
MISSING_ORIGIN: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "its input {input} is linked to node {origin}, which is not in the workflow.",
)
LINK_CYCLE: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "its input {input} goes round in a loop of reroutes or bypassed nodes.",
)
MISSING_SUBGRAPH: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "a subgraph whose definition is missing from the workflow.",
)
SUBGRAPH_TOO_DEEP: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "subgraphs nest more than {limit} deep (or contain themselves).",
)
NOT_A_WORKFLOW: Final = QT_TRANSLATE_NOOP(
    "CoreMessages", "{what} is not a ComfyUI workflow: {reason}."
)
BAD_NODE: Final = QT_TRANSLATE_NOOP(
    "CoreMessages", "{what}: node number {index} is not a valid node ({reason})."
)
NO_NODES: Final = QT_TRANSLATE_NOOP(
    "CoreMessages", "{what}: the workflow has no node the server would run."
)


IN_FILE: Final = QT_TRANSLATE_NOOP("CoreMessages", "{what}: {problem}")
NODE_PROBLEM: Final = QT_TRANSLATE_NOOP("CoreMessages", "Node {node} ({type}): {reason}")


class ConversionError(TemplateError):
    """A UI-format workflow that cannot be turned into an API-format graph. For a node's fault
    `node` is its id (a path inside subgraphs: "12:5"), `node_type` its type and `reason` the
    why alone; all empty when it is the file as a whole."""

    def __init__(
        self,
        text: UserMessage,
        node: str = "",
        node_type: str = "",
        reason: UserMessage | None = None,
    ) -> None:
        super().__init__(text)
        self.node = node
        self.node_type = node_type
        self.reason = reason


def node_error(template: str, node: str, type_: str, **args: str | int) -> ConversionError:
    """A ConversionError about one node: "Node N (Type): reason"."""
    reason = message(template, **args)
    text = message(NODE_PROBLEM, node=node, type=type_, reason=reason)
    return ConversionError(text, node, type_, reason)
