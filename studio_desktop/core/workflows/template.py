"""The template format: an API-format ComfyUI graph plus where our parameters go in it.

A template file (`resources/templates/*.json`, or an imported one in the data folder) is never
changed; `bind()` in `bind.py` makes a new graph from it for each job.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEMPLATE_FORMAT = 1

# The parameters a template can route into its graph. `filename_prefix` is ours: it names the
# job on the server so outputs can be told apart in ComfyUI's own output folder.
PARAM_SLOTS = (
    "prompt",
    "negative",
    "seed",
    "steps",
    "cfg",
    "sampler",
    "scheduler",
    "model",
    "width",
    "height",
    "batch_size",
    "denoise",
    "filename_prefix",
)


class TemplateError(ValueError):
    """A template or workflow file that cannot be used; the message says why."""


@dataclass(frozen=True)
class SlotTarget:
    node: str
    input: str


@dataclass(frozen=True)
class ImageSlot:
    name: str
    label: str
    node: str
    input: str
    required: bool = True
    mask_from_alpha: bool = False


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    graph: Mapping[str, Any]
    slots: Mapping[str, tuple[SlotTarget, ...]]
    images: tuple[ImageSlot, ...] = ()
    required_nodes: tuple[str, ...] = ()
    required_models: Mapping[str, int] = field(default_factory=dict)
    source: Path | None = None

    def has_slot(self, name: str) -> bool:
        return name in self.slots


def parse_template(data: Any, *, source: Path | None = None) -> Template:
    """Check a decoded template document and turn it into a Template."""
    where = f" in {source.name}" if source else ""
    if not isinstance(data, Mapping):
        raise TemplateError(f"A template must be a JSON object{where}.")
    if data.get("format", TEMPLATE_FORMAT) != TEMPLATE_FORMAT:
        raise TemplateError(
            f"Template format {data.get('format')!r}{where} is not supported "
            f"(this version reads format {TEMPLATE_FORMAT})."
        )
    template_id = data.get("id")
    if not isinstance(template_id, str) or not template_id:
        raise TemplateError(f"The template{where} has no id.")
    graph = data.get("graph")
    if not isinstance(graph, Mapping) or not graph:
        raise TemplateError(f"Template {template_id!r} has no graph.")
    for node_id, node in graph.items():
        if not isinstance(node, Mapping) or not isinstance(node.get("class_type"), str):
            raise TemplateError(f"Template {template_id!r}: node {node_id} has no class_type.")
        if not isinstance(node.get("inputs", {}), Mapping):
            raise TemplateError(f"Template {template_id!r}: node {node_id} has bad inputs.")

    slots: dict[str, tuple[SlotTarget, ...]] = {}
    for name, raw in dict(data.get("slots", {})).items():
        targets = raw if isinstance(raw, list) else [raw]
        parsed = tuple(_slot_target(template_id, name, t, graph) for t in targets)
        slots[name] = parsed

    images = tuple(_image_slot(template_id, raw, graph) for raw in data.get("images", []))
    requires = data.get("requires", {})
    return Template(
        id=template_id,
        name=str(data.get("name", template_id)),
        description=str(data.get("description", "")),
        graph=graph,
        slots=slots,
        images=images,
        required_nodes=tuple(requires.get("nodes", ())),
        required_models=dict(requires.get("models", {})),
        source=source,
    )


def load_template(path: Path) -> Template:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"Cannot read template {path}: {exc.strerror}.") from exc
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from exc
    return parse_template(data, source=path)


def _slot_target(template_id: str, name: str, raw: Any, graph: Mapping[str, Any]) -> SlotTarget:
    if not isinstance(raw, Mapping) or "node" not in raw or "input" not in raw:
        raise TemplateError(f"Template {template_id!r}: slot {name!r} needs a node and an input.")
    node = str(raw["node"])
    if node not in graph:
        raise TemplateError(
            f"Template {template_id!r}: slot {name!r} points at missing node {node}."
        )
    return SlotTarget(node=node, input=str(raw["input"]))


def _image_slot(template_id: str, raw: Any, graph: Mapping[str, Any]) -> ImageSlot:
    if not isinstance(raw, Mapping) or "name" not in raw:
        raise TemplateError(f"Template {template_id!r}: an image slot has no name.")
    target = _slot_target(template_id, str(raw["name"]), raw, graph)
    return ImageSlot(
        name=str(raw["name"]),
        label=str(raw.get("label", raw["name"])),
        node=target.node,
        input=target.input,
        required=bool(raw.get("required", True)),
        mask_from_alpha=bool(raw.get("mask_from_alpha", False)),
    )
