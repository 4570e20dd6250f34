"""The template format: an API-format ComfyUI graph plus where our parameters go in it.

A template file (`resources/templates/*.json`, or an imported one in the data folder) is never
changed; `bind()` in `bind.py` makes a new graph from it for each job.

An optional `"i18n"` block gives the name, description and image-slot labels in other UI
languages, keyed by our language codes ("zh_CN", "zh_TW"):
`{"zh_CN": {"name": ..., "description": ..., "images": {"<slot name>": "<label>"}}}`.
Whatever it leaves out falls back to the English text, so templates without it (imported ones)
need nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from studio_desktop.core.json_files import JsonFileError, nesting_depth, read_json_file
from studio_desktop.core.messages import UserMessage
from studio_desktop.core.workflows.nesting import MAX_NESTING, too_deep

TEMPLATE_FORMAT = 1
MAX_TEMPLATE_BYTES: Final = 64 * 1024 * 1024  # a large ComfyUI workflow is a few MB
# A graph is a few levels deep; binding and validating walk it recursively. The document holds
# the graph one level down.
MAX_TEMPLATE_DEPTH: Final = MAX_NESTING + 1

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
    """A template or workflow file that cannot be used; the message says why (`text`: the same
    as a translatable message, when it was raised with one)."""

    def __init__(self, text: str | UserMessage) -> None:
        super().__init__(str(text))
        self.text = text if isinstance(text, UserMessage) else None


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
class NodePack:
    """A custom node pack a template needs, so a missing class can name where to get it."""

    name: str
    url: str = ""
    nodes: tuple[str, ...] = ()
    # Shown instead of "install the pack" when that is not the fix (e.g. built-in nodes that
    # only load when a Python dependency is present on the server).
    hint: str = ""
    # The pack's id in the Comfy registry (registry.comfy.org; the `name` of its
    # pyproject.toml), which `comfy node install` and ComfyUI-Manager's cm-cli take.
    registry_id: str = ""


@dataclass(frozen=True)
class ModelFile:
    """A model file a template needs: which loader input lists it and where to download it."""

    folder: str  # ComfyUI models/ subfolder, e.g. "controlnet"
    name: str
    node: str = ""  # the loader node and input that take it, when the template has one
    input: str = ""
    url: str = ""
    sha256: str = ""  # lower-case hex, when the source publishes it: the download is checked


@dataclass(frozen=True)
class TemplateText:
    """A template's user-facing text in one UI language; empty fields fall back to English."""

    name: str = ""
    description: str = ""
    images: Mapping[str, str] = field(default_factory=dict)  # slot name -> label


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
    custom_nodes: tuple[NodePack, ...] = ()
    model_files: tuple[ModelFile, ...] = ()
    output_kind: str = "image"  # image | video | audio: what the gallery should expect
    # Parameter values this template works best with (e.g. a low denoise for upscaling); the
    # form starts from these instead of the app-wide defaults.
    defaults: Mapping[str, Any] = field(default_factory=dict)
    i18n: Mapping[str, TemplateText] = field(default_factory=dict)  # language code -> text

    def display_name(self, language: str) -> str:
        """The name in `language` ("en", "zh_CN", "zh_TW"), else the English one."""
        text = self.i18n.get(language)
        return text.name if text is not None and text.name else self.name

    def display_description(self, language: str) -> str:
        """The description in `language`, else the English one."""
        text = self.i18n.get(language)
        return text.description if text is not None and text.description else self.description

    def image_label(self, slot_name: str, language: str) -> str:
        """The label of image slot `slot_name` in `language`, else its English label (or the
        slot name when the template has no such slot)."""
        text = self.i18n.get(language)
        if text is not None and text.images.get(slot_name):
            return text.images[slot_name]
        return next((i.label for i in self.images if i.name == slot_name), slot_name)

    def has_slot(self, name: str) -> bool:
        return name in self.slots

    def download_hint(self, node_id: str, input_name: str | None = None) -> str:
        """Where to get the model file node `node_id` loads (through `input_name`, when
        known), as a sentence with a leading space; empty when the template declares none."""
        for model in self.model_files:
            if model.node == node_id and (input_name is None or model.input == input_name):
                where = f" from {model.url}" if model.url else ""
                return f" Download {model.name}{where} into ComfyUI's models/{model.folder} folder."
        return ""

    def pack_for(self, class_type: str) -> NodePack | None:
        """The declared custom node pack that provides `class_type`, if any."""
        return next((p for p in self.custom_nodes if class_type in p.nodes), None)

    def slot_of(self, node: str, input_name: str) -> str | None:
        """The slot (parameter or image) that writes `node`.`input_name`, if any."""
        for name, targets in self.slots.items():
            if any(t.node == node and t.input == input_name for t in targets):
                return name
        for image in self.images:
            if image.node == node and image.input == input_name:
                return image.name
        return None


def parse_template(data: Any, *, source: Path | None = None) -> Template:
    """Check a decoded template document and turn it into a Template; raises TemplateError.

    Whatever the document holds: a value of a type no check foresaw (a number where a list
    belongs, an integer too long to print, nesting deeper than the graph code can walk) is
    a TemplateError too, so one bad user file is skipped instead of stopping the app.
    """
    where = f" in {source.name}" if source else ""
    if nesting_depth(data, MAX_TEMPLATE_DEPTH) > MAX_TEMPLATE_DEPTH:
        raise TemplateError(
            f"The template{where} is nested too deeply (over {MAX_TEMPLATE_DEPTH} levels)."
        )
    try:
        return _parse_template(data, source)
    except TemplateError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise TemplateError(
            f"The template{where} is malformed ({type(exc).__name__}: {str(exc)[:200]})."
        ) from exc


def _parse_template(data: Any, source: Path | None) -> Template:
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
    if too_deep(graph):  # bind() deep-copies it for every job: refuse it here, once
        raise TemplateError(
            f"Template {template_id!r}: the graph is nested too deeply (over {MAX_NESTING} levels)."
        )
    for node_id, node in graph.items():
        if not isinstance(node, Mapping) or not isinstance(node.get("class_type"), str):
            raise TemplateError(f"Template {template_id!r}: node {node_id} has no class_type.")
        if not isinstance(node.get("inputs", {}), Mapping):
            raise TemplateError(f"Template {template_id!r}: node {node_id} has bad inputs.")

    raw_slots = data.get("slots", {})
    if not isinstance(raw_slots, Mapping):
        raise TemplateError(f"Template {template_id!r}: 'slots' must be an object.")
    slots: dict[str, tuple[SlotTarget, ...]] = {}
    for name, raw in raw_slots.items():
        targets = raw if isinstance(raw, list) else [raw]
        parsed = tuple(_slot_target(template_id, name, t, graph) for t in targets)
        slots[name] = parsed

    raw_images = data.get("images", [])
    if not isinstance(raw_images, list):
        raise TemplateError(f"Template {template_id!r}: 'images' must be a list.")
    images = tuple(_image_slot(template_id, raw, graph) for raw in raw_images)
    requires = data.get("requires", {})
    if not isinstance(requires, Mapping):
        raise TemplateError(f"Template {template_id!r}: 'requires' must be an object.")
    nodes = requires.get("nodes", [])
    if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
        raise TemplateError(f"Template {template_id!r}: 'requires.nodes' must list node names.")
    models = requires.get("models", {})
    if not isinstance(models, Mapping):
        raise TemplateError(f"Template {template_id!r}: 'requires.models' must be an object.")
    return Template(
        id=template_id,
        name=str(data.get("name", template_id)),
        description=str(data.get("description", "")),
        graph=graph,
        slots=slots,
        images=images,
        required_nodes=tuple(nodes),
        required_models=dict(models),
        source=source,
        custom_nodes=tuple(_node_pack(template_id, r) for r in requires.get("custom_nodes", [])),
        model_files=tuple(
            _model_file(template_id, r, graph) for r in requires.get("model_files", [])
        ),
        output_kind=str(data.get("output_kind", "image")),
        defaults=_defaults(template_id, data.get("defaults", {})),
        i18n=_i18n(template_id, data.get("i18n", {}), images),
    )


def load_template(path: Path) -> Template:
    """Read and check a template file; raises TemplateError, whatever the file holds."""
    try:
        data = read_json_file(path, max_bytes=MAX_TEMPLATE_BYTES, max_depth=MAX_TEMPLATE_DEPTH)
    except FileNotFoundError as exc:
        raise TemplateError(f"Cannot read template {path}: {exc.strerror}.") from exc
    except JsonFileError as exc:
        raise TemplateError(f"{path.name} {exc}.") from exc
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


def _node_pack(template_id: str, raw: Any) -> NodePack:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise TemplateError(f"Template {template_id!r}: a custom node pack has no name.")
    nodes = raw.get("nodes", [])
    if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
        raise TemplateError(
            f"Template {template_id!r}: custom node pack {raw['name']!r} needs a list of nodes."
        )
    return NodePack(
        name=raw["name"],
        url=str(raw.get("url", "")),
        nodes=tuple(nodes),
        hint=str(raw.get("hint", "")),
        registry_id=str(raw.get("registry_id", "")),
    )


def _model_file(template_id: str, raw: Any, graph: Mapping[str, Any]) -> ModelFile:
    if not isinstance(raw, Mapping) or "folder" not in raw or "name" not in raw:
        raise TemplateError(f"Template {template_id!r}: a model file needs a folder and a name.")
    node = str(raw.get("node", ""))
    if node and node not in graph:
        raise TemplateError(
            f"Template {template_id!r}: model file {raw['name']!r} points at missing node {node}."
        )
    return ModelFile(
        folder=str(raw["folder"]),
        name=str(raw["name"]),
        node=node,
        input=str(raw.get("input", "")),
        url=str(raw.get("url", "")),
        sha256=_sha256(template_id, raw),
    )


def _sha256(template_id: str, raw: Mapping[str, Any]) -> str:
    value = raw.get("sha256", "")
    text = value.strip().lower() if isinstance(value, str) else None
    if text is None or (
        text and (len(text) != 64 or any(c not in "0123456789abcdef" for c in text))
    ):
        raise TemplateError(
            f"Template {template_id!r}: model file {raw['name']!r} has a sha256 that is not 64 "
            "hex digits."
        )
    return text


def _defaults(template_id: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise TemplateError(f"Template {template_id!r}: 'defaults' must be an object.")
    return {str(k): v for k, v in raw.items()}


def _i18n(template_id: str, raw: Any, images: tuple[ImageSlot, ...]) -> dict[str, TemplateText]:
    if not isinstance(raw, Mapping):
        raise TemplateError(f"Template {template_id!r}: 'i18n' must be an object.")
    slot_names = {i.name for i in images}
    texts: dict[str, TemplateText] = {}
    for language, entry in raw.items():
        where = f"Template {template_id!r}: i18n {language!r}"
        if not isinstance(entry, Mapping):
            raise TemplateError(f"{where} must be an object.")
        name, description = entry.get("name", ""), entry.get("description", "")
        labels = entry.get("images", {})
        if not isinstance(name, str) or not isinstance(description, str):
            raise TemplateError(f"{where}: name and description must be text.")
        if not isinstance(labels, Mapping) or not all(isinstance(v, str) for v in labels.values()):
            raise TemplateError(f"{where}: 'images' must map slot names to labels.")
        # A label for a slot that does not exist is a typo that would silently show English.
        unknown = sorted(set(labels) - slot_names)
        if unknown:
            raise TemplateError(f"{where}: no image slot named {', '.join(unknown)}.")
        texts[str(language)] = TemplateText(
            name=name, description=description, images={str(k): v for k, v in labels.items()}
        )
    return texts


def shown_fields(template: Template) -> dict[str, bool]:
    """Field key -> whether `template` uses that standard field."""
    has = template.has_slot
    return {
        "prompt": has("prompt"),
        "negative": has("negative"),
        "model": has("model"),
        "sampler": has("sampler"),
        "scheduler": has("scheduler"),
        "size": has("width") or has("height"),
        "steps": has("steps"),
        "cfg": has("cfg"),
        "seed": has("seed"),
        # With an empty latent, denoise below 1 only spoils the image: show it where an
        # input image is there to be kept.
        "denoise": has("denoise") and bool(template.images),
    }
