"""Graph options: the LoRA stack, VAE choice, CLIP skip, hires fix and latent batch, patched
into any SD-style API graph after its slots are bound.

The graph is read by its links, never by node ids, so the same code serves the built-in
templates and imported workflows: the checkpoint loader is the one `CheckpointLoaderSimple`
(or `CheckpointLoader`), its MODEL/CLIP/VAE consumers are whatever links to its outputs 0/1/2,
and "the sampler" is the one `KSampler`. A graph that does not have that shape cannot take an
option; `GraphOptionError` says which option and why (the form shows it under that option, the
CLI prints it, a stored job fails with it).

Added nodes get ids starting with `studio_` (`OPTION_PREFIXES`), so a validation problem in
one of them is shown under the option that added it (`option_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from studio_desktop.core.jobs import LATENT_UPSCALE, GenerationParams
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.workflows.template import TemplateError

CHECKPOINT_LOADERS: Final = frozenset({"CheckpointLoaderSimple", "CheckpointLoader"})
SAMPLERS: Final = frozenset({"KSampler"})

# Added node id prefix -> the option (form field) it belongs to.
OPTION_PREFIXES: Final = {
    "studio_lora_": "loras",
    "studio_vae": "vae",
    "studio_clip_skip": "clip_skip",
    "studio_hires_": "hires",
    "studio_batch": "batch_size",
}

# The first pass's latent is upscaled like A1111's "Latent" upscaler; an upscale model's
# output is scaled to the asked size with lanczos.
LATENT_METHOD: Final = "nearest-exact"
IMAGE_METHOD: Final = "lanczos"
# An upscale model's factor when its name does not say it ("4x-UltraSharp", "RealESRGAN_x2").
DEFAULT_MODEL_FACTOR: Final = 4
_FACTOR = re.compile(r"(?:^|[^0-9a-z])(?:x([1-8])|([1-8])x)(?:[^0-9a-z]|$)", re.IGNORECASE)

Graph = dict[str, Any]
Link = list[Any]


class GraphOptionError(TemplateError):
    """An option the graph cannot take; `option` names it ("loras", "vae", "clip_skip",
    "hires", "batch_size")."""

    def __init__(self, option: str, text: UserMessage) -> None:
        super().__init__(text)
        self.option = option


def option_of(node_id: str) -> str | None:
    """The option whose patch added node `node_id`, if any."""
    return next((opt for pre, opt in OPTION_PREFIXES.items() if node_id.startswith(pre)), None)


def model_factor(name: str) -> int:
    """How much upscale model `name` enlarges, read from its name (else 4, the usual)."""
    found = _FACTOR.search(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    if found is None:
        return DEFAULT_MODEL_FACTOR
    return int(found.group(1) or found.group(2))


def apply_graph_options(
    graph: Graph, params: GenerationParams, *, batch_slot: bool = True
) -> Graph:
    """Patch `graph` (a bound copy, changed in place and returned) with the options `params`
    hold. `batch_slot`: the template routes `batch_size` itself; otherwise a batch above 1 is
    set on the sampler's empty latent or repeated with `RepeatLatentBatch`."""
    loras = [lora for lora in params.loras if lora.enabled]
    if loras or params.vae or params.clip_skip:
        loader = _checkpoint_loader(graph, _first_option(params))
        model: Link = [loader, 0]
        clip: Link = [loader, 1]
        for i, lora in enumerate(loras, start=1):
            node = _new_id(graph, f"studio_lora_{i}")
            graph[node] = {
                "class_type": "LoraLoader",
                "inputs": {
                    "model": model,
                    "clip": clip,
                    "lora_name": lora.name,
                    "strength_model": float(lora.model_strength),
                    "strength_clip": float(lora.clip_strength),
                },
            }
            _redirect(graph, model, [node, 0], keep={node})
            _redirect(graph, clip, [node, 1], keep={node})
            model, clip = [node, 0], [node, 1]
        if params.clip_skip:
            node = _new_id(graph, "studio_clip_skip")
            graph[node] = {
                "class_type": "CLIPSetLastLayer",
                "inputs": {"clip": clip, "stop_at_clip_layer": -int(params.clip_skip)},
            }
            _redirect(graph, clip, [node, 0], keep={node})
        if params.vae:
            node = _new_id(graph, "studio_vae")
            graph[node] = {"class_type": "VAELoader", "inputs": {"vae_name": params.vae}}
            _redirect(graph, [loader, 2], [node, 0], keep={node})
    if params.batch_size > 1 and not batch_slot:
        _batch(graph, int(params.batch_size))
    if params.hires is not None:
        _hires(graph, params)
    return graph


def _first_option(params: GenerationParams) -> str:
    if any(lora.enabled for lora in params.loras):
        return "loras"
    return "vae" if params.vae else "clip_skip"


def _nodes_of(graph: Graph, classes: frozenset[str]) -> list[str]:
    return sorted(
        (
            str(k)
            for k, v in graph.items()
            if isinstance(v, Mapping) and v.get("class_type") in classes
        ),
        key=_order,
    )


def _order(node_id: str) -> tuple[int, str]:
    return (int(node_id), "") if node_id.isdigit() else (1 << 62, node_id)


def _checkpoint_loader(graph: Graph, option: str) -> str:
    loaders = _nodes_of(graph, CHECKPOINT_LOADERS)
    if not loaders:
        raise GraphOptionError(
            option,
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "This workflow has no checkpoint loader (CheckpointLoaderSimple), so "
                    "LoRAs, a VAE or CLIP skip cannot be added to it.",
                )
            ),
        )
    if len(loaders) > 1:
        raise GraphOptionError(
            option,
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "This workflow has {count} checkpoint loaders (nodes {nodes}); LoRAs, a "
                    "VAE or CLIP skip are only added where there is one.",
                ),
                count=len(loaders),
                nodes=", ".join(loaders),
            ),
        )
    return loaders[0]


def _the_sampler(graph: Graph, option: str) -> str:
    samplers = _nodes_of(graph, SAMPLERS)
    if len(samplers) == 1:
        return samplers[0]
    if not samplers:
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "This workflow has no KSampler node, so a hires fix or a latent batch cannot "
                "be added to it.",
            )
        )
    else:
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "This workflow has {count} KSampler nodes (nodes {nodes}); a hires fix or a "
                "latent batch is only added where there is one.",
            ),
            count=len(samplers),
            nodes=", ".join(samplers),
        )
    raise GraphOptionError(option, text)


def _links_to(graph: Graph, target: Link) -> Iterator[tuple[str, str]]:
    """(node, input) pairs that link to output `target`."""
    for node_id, node in graph.items():
        inputs = node.get("inputs", {}) if isinstance(node, Mapping) else {}
        for name, value in inputs.items():
            if _same_link(value, target):
                yield str(node_id), str(name)


def _same_link(value: Any, target: Link) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and str(value[0]) == str(target[0])
        and value[1] == target[1]
    )


def _redirect(graph: Graph, old: Link, new: Link, *, keep: set[str]) -> None:
    """Every input linked to `old` links to `new` instead, except in the nodes `keep`."""
    for node_id, name in list(_links_to(graph, old)):
        if node_id not in keep:
            graph[node_id]["inputs"][name] = list(new)


def _new_id(graph: Graph, base: str) -> str:
    node, n = base, 1
    while node in graph:
        n += 1
        node = f"{base}_{n}"
    return node


def _batch(graph: Graph, amount: int) -> None:
    sampler = _the_sampler(graph, "batch_size")
    source = graph[sampler]["inputs"].get("latent_image")
    if not isinstance(source, list) or len(source) != 2:
        raise GraphOptionError(
            "batch_size",
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "The KSampler's latent image is not linked, so a latent batch cannot be added.",
                )
            ),
        )
    upstream = graph.get(str(source[0]), {})
    if upstream.get("class_type") == "EmptyLatentImage":
        upstream["inputs"]["batch_size"] = amount
        return
    node = _new_id(graph, "studio_batch")
    graph[node] = {
        "class_type": "RepeatLatentBatch",
        "inputs": {"samples": source, "amount": amount},
    }
    graph[sampler]["inputs"]["latent_image"] = [node, 0]


def _hires(graph: Graph, params: GenerationParams) -> None:
    hires = params.hires
    assert hires is not None
    first = _the_sampler(graph, "hires")
    inputs = graph[first]["inputs"]
    decoders = [n for n, name in _links_to(graph, [first, 0]) if name == "samples"]
    vae = next(
        (graph[n]["inputs"].get("vae") for n in decoders if graph[n]["class_type"] == "VAEDecode"),
        None,
    )
    if hires.upscaler == LATENT_UPSCALE:
        upscaled_id = _new_id(graph, "studio_hires_upscale")
        graph[upscaled_id] = {
            "class_type": "LatentUpscaleBy",
            "inputs": {
                "samples": [first, 0],
                "upscale_method": LATENT_METHOD,
                "scale_by": float(hires.scale),
            },
        }
        latent: Link = [upscaled_id, 0]
    else:
        if not isinstance(vae, list):
            raise GraphOptionError(
                "hires",
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages",
                        "The KSampler's result goes to no VAE Decode node, so it cannot be "
                        "upscaled with a model; choose the latent upscaler.",
                    )
                ),
            )
        decode = _new_id(graph, "studio_hires_decode")
        loader = _new_id(graph, "studio_hires_loader")
        upscale = _new_id(graph, "studio_hires_model")
        resize = _new_id(graph, "studio_hires_resize")
        encode = _new_id(graph, "studio_hires_encode")
        graph[decode] = {"class_type": "VAEDecode", "inputs": {"samples": [first, 0], "vae": vae}}
        graph[loader] = {
            "class_type": "UpscaleModelLoader",
            "inputs": {"model_name": hires.upscaler},
        }
        graph[upscale] = {
            "class_type": "ImageUpscaleWithModel",
            "inputs": {"upscale_model": [loader, 0], "image": [decode, 0]},
        }
        graph[resize] = {
            "class_type": "ImageScaleBy",
            "inputs": {
                "image": [upscale, 0],
                "upscale_method": IMAGE_METHOD,
                "scale_by": round(float(hires.scale) / model_factor(hires.upscaler), 4),
            },
        }
        graph[encode] = {"class_type": "VAEEncode", "inputs": {"pixels": [resize, 0], "vae": vae}}
        latent = [encode, 0]
    second = _new_id(graph, "studio_hires_sampler")
    graph[second] = {
        "class_type": graph[first]["class_type"],
        "inputs": {
            **inputs,
            "steps": int(hires.steps) if hires.steps > 0 else inputs.get("steps", 20),
            "denoise": float(hires.denoise),
            "latent_image": latent,
        },
    }
    added = {n for n in graph if option_of(n) == "hires"}
    _redirect(graph, [first, 0], [second, 0], keep=added)


def options_for(graph: Mapping[str, Any]) -> frozenset[str]:
    """The options `graph` can take: "loras", "vae" and "clip_skip" with one checkpoint loader,
    "hires" and "batch_size" with one KSampler (the form shows only these)."""
    nodes = dict(graph)
    found: set[str] = set()
    if len(_nodes_of(nodes, CHECKPOINT_LOADERS)) == 1:
        found |= {"loras", "vae", "clip_skip"}
    if len(_nodes_of(nodes, SAMPLERS)) == 1:
        found |= {"hires", "batch_size"}
    return frozenset(found)
