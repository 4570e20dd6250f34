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
    "Node {node} ({type}) is not installed on the server: it comes from the node pack {pack}. "
    "Install that pack in ComfyUI, or remove the node.",
)
UNKNOWN_TYPE: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Node {node} ({type}) is not installed on the server. Install the node pack that provides "
    "it in ComfyUI, or remove the node.",
)
MISSING_ORIGIN: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Node {node} ({type}): its input {input} is linked to node {origin}, which is not in the "
    "workflow.",
)
LINK_CYCLE: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Node {node} ({type}): its input {input} goes round in a loop of reroutes or bypassed nodes.",
)
MISSING_SUBGRAPH: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Node {node} ({type}) is a subgraph whose definition is missing from the workflow.",
)
SUBGRAPH_TOO_DEEP: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Node {node} ({type}): subgraphs nest more than {limit} deep (or contain themselves).",
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


class ConversionError(TemplateError):
    """A UI-format workflow that cannot be turned into an API-format graph; `node` is the id of
    the node at fault ("" when it is the file as a whole)."""

    def __init__(self, text: UserMessage, node: str = "") -> None:
        super().__init__(text)
        self.node = node


def node_error(template: str, node: str, type_: str, **args: str | int) -> ConversionError:
    """A ConversionError about one node."""
    return ConversionError(message(template, node=node, type=type_, **args), node)
