"""The server's default model: a job's model choice that waits for a server to fill it in.

A job queued before any server told us its models (a fresh install, every server down) cannot
name a model file. Its `GenerationParams.model` holds SERVER_DEFAULT_MODEL instead, and
`resolve_defaults` turns that into a real file name from the lists of the server that claims
the job, right before the graph is bound. The stored job keeps the marker, so a retry or a
remix resolves it again on whichever server runs it then.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.workflows.template import ModelFile, SlotTarget, Template, TemplateError

if TYPE_CHECKING:  # importing the comfy package would load the HTTP client for `jobs`
    from studio_desktop.core.comfy.object_info import ObjectInfo

# The same as GenerationParams' default, so params made without a model mean "the server's".
SERVER_DEFAULT_MODEL = ""

# Loader node input -> the ComfyUI models/ folder whose files it lists. The folder names are
# the keys of ServerCapabilities.models and of a template's `requires.models`.
LOADER_FOLDERS: Mapping[tuple[str, str], str] = {
    ("CheckpointLoaderSimple", "ckpt_name"): "checkpoints",
    ("CheckpointLoader", "ckpt_name"): "checkpoints",
    ("ImageOnlyCheckpointLoader", "ckpt_name"): "checkpoints",
    ("unCLIPCheckpointLoader", "ckpt_name"): "checkpoints",
    ("UNETLoader", "unet_name"): "diffusion_models",
    ("CLIPLoader", "clip_name"): "text_encoders",
    ("VAELoader", "vae_name"): "vae",
    ("LoraLoader", "lora_name"): "loras",
    ("LoraLoaderModelOnly", "lora_name"): "loras",
    ("ControlNetLoader", "control_net_name"): "controlnet",
    ("UpscaleModelLoader", "model_name"): "upscale_models",
}

# For messages: "ComfyUI lists no diffusion models".
_FOLDER_NOUNS = {
    "checkpoints": "checkpoints",
    "diffusion_models": "diffusion models",
    "text_encoders": "text encoders",
    "vae": "VAEs",
    "loras": "LoRAs",
    "controlnet": "ControlNet models",
    "upscale_models": "upscale models",
}


def is_server_default(model: str) -> bool:
    return model == SERVER_DEFAULT_MODEL


def server_models(info: ObjectInfo) -> dict[str, tuple[str, ...]]:
    """Folder -> the file names a server's /object_info lists for it (the shape of
    ServerCapabilities.models, with every folder LOADER_FOLDERS knows)."""
    found: dict[str, list[str]] = {}
    for (class_type, input_name), folder in LOADER_FOLDERS.items():
        names = found.setdefault(folder, [])
        for name in info.combo_options(class_type, input_name) or []:
            if name not in names:
                names.append(name)
    return {folder: tuple(names) for folder, names in found.items()}


def resolve_defaults(
    params: GenerationParams, template: Template, models: Mapping[str, Sequence[str]]
) -> GenerationParams:
    """`params` with the server's default model replaced by a file the server lists.

    `models` is the server's lists by folder (ServerCapabilities.models). The default is the
    model the template's own graph names when the server has it (an imported workflow's model,
    a template's declared file), else the server's first model of the folder the template's
    model input lists. Params that name a model, templates without a model slot and loaders
    we do not know are returned unchanged (binding then keeps the template's own model).

    Raises TemplateError, saying what to do, when the server has no such model at all or lacks
    the one file the template declares it needs.
    """
    if not is_server_default(params.model) or not template.has_slot("model"):
        return params
    for target in template.slots["model"]:
        declared = _declared_file(template, target)
        folder = _folder_of(template, target)
        if folder is None:
            continue
        listed = tuple(models.get(folder, ()))
        own = (_graph_value(template, target), declared.name if declared is not None else "")
        chosen = next((name for name in own if name and name in listed), None)
        if chosen is not None:
            return dataclasses.replace(params, model=chosen)
        if declared is not None:
            raise TemplateError(_declared_missing(declared, folder))
        if listed:
            return dataclasses.replace(params, model=listed[0])
        raise TemplateError(
            f"ComfyUI lists no {_FOLDER_NOUNS.get(folder, folder)}: put a model file in "
            f"ComfyUI/models/{folder}."
        )
    return params


def model_sent(template: Template, graph: Mapping[str, Any] | None) -> str | None:
    """The model file `graph` (the API graph a job sent) names in the template's model slot:
    what "the server's default model" became on the server that ran the job. None when the
    template has no model slot or the graph names none there (nothing sent yet, or an
    imported workflow of another shape)."""
    if graph is None or not template.has_slot("model"):
        return None
    for target in template.slots["model"]:
        node = graph.get(target.node)
        inputs = node.get("inputs") if isinstance(node, Mapping) else None
        value = inputs.get(target.input) if isinstance(inputs, Mapping) else None
        if isinstance(value, str) and value:
            return value
    return None


def default_model_words(used: str | None) -> UserMessage:
    """How History and the viewer name a job's model when it asked for the server's default:
    with the file it became (`model_sent`) once known."""
    if used is None:
        return message(QT_TRANSLATE_NOOP("CoreMessages", "Server's default model"))
    return message(QT_TRANSLATE_NOOP("CoreMessages", "{model} (the server's default)"), model=used)


def _folder_of(template: Template, target: SlotTarget) -> str | None:
    folder = LOADER_FOLDERS.get((_class_of(template, target), target.input))
    if folder is None:
        # A custom loader: the template may still say which folder its file goes in.
        declared = _declared_file(template, target)
        folder = declared.folder if declared is not None else None
    return folder


def _class_of(template: Template, target: SlotTarget) -> str:
    node = template.graph.get(target.node)
    return str(node.get("class_type", "")) if isinstance(node, Mapping) else ""


def _graph_value(template: Template, target: SlotTarget) -> str:
    node = template.graph.get(target.node)
    inputs = node.get("inputs", {}) if isinstance(node, Mapping) else {}
    value = inputs.get(target.input) if isinstance(inputs, Mapping) else None
    return value if isinstance(value, str) else ""


def _declared_file(template: Template, target: SlotTarget) -> ModelFile | None:
    return next(
        (m for m in template.model_files if m.node == target.node and m.input == target.input),
        None,
    )


def _declared_missing(model: ModelFile, folder: str) -> str:
    where = f" from {model.url}" if model.url else ""
    return (
        f"ComfyUI does not list {model.name}, the model this template needs: download it"
        f"{where} into ComfyUI/models/{folder}."
    )
