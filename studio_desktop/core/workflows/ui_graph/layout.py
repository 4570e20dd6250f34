"""A tidy left-to-right layout for a graph we write in ComfyUI's UI format.

Nodes go into columns by the longest path from a node with no inputs (loaders on the left, the
saver on the right). Within a column nodes are ordered by where their inputs sit (the barycentre
of their sources), and each node is placed at the height of its sources when there is room, so a
chain reads as one line; otherwise below the node above it. Columns are as wide as their widest
node, so no two nodes overlap. Sizes are estimated the way litegraph measures a node (a 30 px
title above `pos`, 20 px per slot row, 24 px per widget); ComfyUI grows a node that needs more.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

K = TypeVar("K", bound=Hashable)

TITLE_HEIGHT: Final = 30  # litegraph draws the title above `pos`
SLOT_HEIGHT: Final = 20
WIDGET_HEIGHT: Final = 24  # 20 px widget + 4 px gap
TEXT_BOX_HEIGHT: Final = 120  # a multiline text widget
BODY_MARGIN: Final = 14
MIN_WIDTH: Final = 225
WIDGET_WIDTH: Final = 315  # litegraph's width for a node with widgets
TEXT_BOX_WIDTH: Final = 400
CHAR_WIDTH: Final = 8  # title text at the default font, with room to spare
COLUMN_GAP: Final = 100
ROW_GAP: Final = 50  # between one node's bottom and the next node's title
ORIGIN: Final = (50.0, 50.0)


@dataclass(frozen=True)
class Box:
    """A node's position (top-left of its body, as ComfyUI stores `pos`) and body size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y - TITLE_HEIGHT

    def overlaps(self, other: Box) -> bool:
        """True when the two nodes' rectangles, titles included, share any area."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.top < other.y + other.height
            and other.top < self.y + self.height
        )


def node_size(title: str, slot_rows: int, widgets: int, text_boxes: int) -> tuple[float, float]:
    """The body size litegraph would give a node: `slot_rows` is max(inputs, outputs) shown as
    sockets, `widgets` the one-line widgets, `text_boxes` the multiline text widgets."""
    width: float = MIN_WIDTH
    if widgets:
        width = WIDGET_WIDTH
    if text_boxes:
        width = TEXT_BOX_WIDTH
    width = max(width, CHAR_WIDTH * len(title) + 60)
    height = (
        SLOT_HEIGHT * slot_rows
        + WIDGET_HEIGHT * widgets
        + TEXT_BOX_HEIGHT * text_boxes
        + BODY_MARGIN
    )
    return float(width), float(max(height, SLOT_HEIGHT + BODY_MARGIN))


def layers(nodes: Sequence[K], edges: Sequence[tuple[K, K]]) -> dict[K, int]:
    """Each node's column: 0 without sources, else one more than its furthest source. An edge
    that closes a loop (never in a graph ComfyUI runs) is ignored rather than followed."""
    sources: dict[K, list[K]] = {node: [] for node in nodes}
    for origin, target in edges:
        if origin in sources and target in sources and origin != target:
            sources[target].append(origin)
    layer: dict[K, int] = {}
    visiting: set[K] = set()
    for start in nodes:
        if start in layer:
            continue
        # Iterative depth-first search: a deep chain must not hit Python's recursion limit.
        stack: list[tuple[K, int]] = [(start, 0)]
        visiting.add(start)
        while stack:
            node, index = stack[-1]
            pending = sources[node]
            if index < len(pending):
                stack[-1] = (node, index + 1)
                origin = pending[index]
                if origin not in layer and origin not in visiting:
                    visiting.add(origin)
                    stack.append((origin, 0))
                continue
            stack.pop()
            visiting.discard(node)
            known = [layer[o] for o in pending if o in layer]
            layer[node] = 1 + max(known) if known else 0
    return layer


def layout(
    nodes: Sequence[K], edges: Sequence[tuple[K, K]], sizes: Mapping[K, tuple[float, float]]
) -> dict[K, Box]:
    """A box for every node in `nodes` (in their given order when nothing else decides)."""
    column = layers(nodes, edges)
    rank = _use_order(nodes, edges)
    sources: dict[K, list[K]] = {node: [] for node in nodes}
    for origin, target in edges:
        if origin in sources and target in sources and column[origin] < column[target]:
            sources[target].append(origin)
    count = max(column.values(), default=-1) + 1
    by_column: list[list[K]] = [[] for _ in range(count)]
    for node in nodes:
        by_column[column[node]].append(node)

    boxes: dict[K, Box] = {}
    x = ORIGIN[0]
    for members in by_column:

        def wanted(node: K) -> float:
            """Where the node would like its top: level with its sources' mean."""
            placed = [boxes[s].y for s in sources[node] if s in boxes]
            return sum(placed) / len(placed) if placed else ORIGIN[1]

        members.sort(key=lambda n: (wanted(n), rank[n]))
        width = max((sizes[n][0] for n in members), default=0.0)
        cursor = ORIGIN[1]
        for node in members:
            node_width, height = sizes[node]
            y = max(cursor, wanted(node))
            boxes[node] = Box(x, y, node_width, height)
            cursor = y + height + ROW_GAP + TITLE_HEIGHT
        x += width + COLUMN_GAP
    return boxes


def _use_order(nodes: Sequence[K], edges: Sequence[tuple[K, K]]) -> dict[K, int]:
    """Each node's rank when walking back from the outputs, sources in input order: loaders end
    up in the order their consumers use them (model, then text encoder, then VAE), and a node
    feeding one branch sits beside that branch rather than where its id puts it."""
    sources: dict[K, list[K]] = {node: [] for node in nodes}
    consumed: set[K] = set()
    for origin, target in edges:
        if origin in sources and target in sources and origin != target:
            sources[target].append(origin)
            consumed.add(origin)
    rank: dict[K, int] = {}
    seen: set[K] = set()
    sinks = [n for n in nodes if n not in consumed]
    for start in [*sinks, *nodes]:  # then whatever a loop kept from every sink
        if start in seen:
            continue
        seen.add(start)
        stack: list[tuple[K, int]] = [(start, 0)]
        while stack:
            node, index = stack[-1]
            if index < len(sources[node]):
                stack[-1] = (node, index + 1)
                origin = sources[node][index]
                if origin not in seen:
                    seen.add(origin)
                    stack.append((origin, 0))
                continue
            stack.pop()
            rank[node] = len(rank)
    return rank
