"""Graph options (LoRA stack, VAE, CLIP skip, hires fix, latent batch) on every SD-style
built-in template: the patched graph validates against the captured /object_info (its model
lists given the files the options name), LoRAs chain in order, a disabled one is left out,
and a graph without the shape an option needs says why."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import LATENT_UPSCALE, GenerationParams, HiresFix, LoraChoice
from studio_desktop.core.workflows import TemplateRegistry, bind
from studio_desktop.core.workflows.graph_options import (
    GraphOptionError,
    apply_graph_options,
    model_factor,
    option_of,
)
from studio_desktop.core.workflows.preflight import graph_issues
from studio_desktop.core.workflows.template import parse_template
from studio_desktop.core.workflows.validate import validate_graph

DATA = Path(__file__).resolve().parents[1] / "data"
RAW: dict[str, Any] = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))
CHECKPOINT = "random_sd15.safetensors"
LORAS = ["add_detail.safetensors", "style/watercolor_v2.safetensors", "off.safetensors"]
VAE = "vae-ft-mse-840000-ema-pruned.safetensors"
UPSCALER = "4x-UltraSharp.pth"
SD_TEMPLATES = ["txt2img", "img2img", "background_change", "pose_change"]
REGISTRY = TemplateRegistry(user_dir=None)


def info_with_models() -> ObjectInfo:
    raw = copy.deepcopy(RAW)
    raw["LoraLoader"]["input"]["required"]["lora_name"][0] = list(LORAS)
    raw["VAELoader"]["input"]["required"]["vae_name"][0] = [VAE, "pixel_space"]
    raw["UpscaleModelLoader"]["input"]["required"]["model_name"][1]["options"] = [UPSCALER]
    raw["ControlNetLoader"]["input"]["required"]["control_net_name"][0] = [
        "control_v11p_sd15_openpose.pth"
    ]
    return ObjectInfo(raw)


INFO = info_with_models()


def params(**changes: Any) -> GenerationParams:
    base = GenerationParams(prompt="a lighthouse", model=CHECKPOINT, seed=7, steps=12)
    return replace(base, **changes)


def everything(upscaler: str = LATENT_UPSCALE) -> GenerationParams:
    return params(
        loras=(
            LoraChoice(LORAS[0], 0.8, 0.6),
            LoraChoice(LORAS[1], 1.0, 1.0),
            LoraChoice(LORAS[2], 0.5, 0.5, enabled=False),
        ),
        vae=VAE,
        clip_skip=2,
        hires=HiresFix(scale=2.0, denoise=0.45, steps=8, upscaler=upscaler),
        batch_size=2,
    )


def of_class(graph: dict[str, Any], class_type: str) -> list[str]:
    return [k for k, v in graph.items() if v["class_type"] == class_type]


def bound(template_id: str, p: GenerationParams) -> dict[str, Any]:
    template = REGISTRY.get(template_id)
    uploads = {image.name: f"{image.name}.png" for image in template.images}
    return bind(template, p, job_id="test", uploaded=uploads)


@pytest.mark.parametrize("template_id", SD_TEMPLATES)
@pytest.mark.parametrize("upscaler", [LATENT_UPSCALE, UPSCALER])
def test_every_option_together_validates_on_each_sd_template(
    template_id: str, upscaler: str
) -> None:
    graph = bound(template_id, everything(upscaler))
    assert validate_graph(graph, INFO, REGISTRY.get(template_id)) == []
    assert len(of_class(graph, "LoraLoader")) == 2  # the disabled one is left out
    assert len(of_class(graph, "KSampler")) == 2
    assert of_class(graph, "CLIPSetLastLayer") and of_class(graph, "VAELoader")


@pytest.mark.parametrize("template_id", SD_TEMPLATES)
@pytest.mark.parametrize(
    "option",
    [
        {"loras": (LoraChoice(LORAS[0]),)},
        {"vae": VAE},
        {"clip_skip": 2},
        {"hires": HiresFix()},
        {"hires": HiresFix(upscaler=UPSCALER)},
        {"batch_size": 3},
    ],
)
def test_each_option_alone_validates(template_id: str, option: dict[str, Any]) -> None:
    graph = bound(template_id, params(**option))
    assert validate_graph(graph, INFO, REGISTRY.get(template_id)) == []


def test_lora_chain_order_and_rewiring() -> None:
    graph = bound("txt2img", everything())
    first, second = "studio_lora_1", "studio_lora_2"
    assert graph[first]["inputs"]["model"] == ["4", 0]
    assert graph[first]["inputs"]["clip"] == ["4", 1]
    assert graph[first]["inputs"]["lora_name"] == LORAS[0]
    assert graph[first]["inputs"]["strength_model"] == 0.8
    assert graph[first]["inputs"]["strength_clip"] == 0.6
    assert graph[second]["inputs"]["model"] == [first, 0]
    assert graph[second]["inputs"]["clip"] == [first, 1]
    assert graph[second]["inputs"]["lora_name"] == LORAS[1]
    # The samplers take the last LoRA's model, the encoders the clip-skipped last clip.
    assert graph["3"]["inputs"]["model"] == [second, 0]
    assert graph["studio_clip_skip"]["inputs"] == {"clip": [second, 1], "stop_at_clip_layer": -2}
    assert graph["6"]["inputs"]["clip"] == ["studio_clip_skip", 0]
    assert graph["7"]["inputs"]["clip"] == ["studio_clip_skip", 0]
    # Nothing but the first LoRA reads the checkpoint's model and clip any more.
    readers = [
        (n, k)
        for n, node in graph.items()
        for k, v in node["inputs"].items()
        if v in (["4", 0], ["4", 1])
    ]
    assert sorted(readers) == [(first, "clip"), (first, "model")]


def test_vae_replaces_the_checkpoint_vae_for_encoders_and_decoders() -> None:
    graph = bound("img2img", params(vae=VAE, hires=HiresFix(upscaler=UPSCALER)))
    users = [n for n, node in graph.items() if node["inputs"].get("vae") is not None]
    assert users and all(graph[n]["inputs"]["vae"] == ["studio_vae", 0] for n in users)
    assert graph["studio_vae"]["inputs"] == {"vae_name": VAE}


def test_hires_latent_second_pass() -> None:
    graph = bound("txt2img", params(hires=HiresFix(scale=1.5, denoise=0.4, steps=0)))
    up = graph["studio_hires_upscale"]
    assert up["class_type"] == "LatentUpscaleBy"
    assert up["inputs"]["samples"] == ["3", 0] and up["inputs"]["scale_by"] == 1.5
    second = graph["studio_hires_sampler"]["inputs"]
    first = graph["3"]["inputs"]
    assert second["latent_image"] == ["studio_hires_upscale", 0]
    assert second["denoise"] == 0.4
    assert second["steps"] == first["steps"] == 12  # 0: the first pass's steps
    for same in ("seed", "model", "positive", "negative", "cfg", "sampler_name", "scheduler"):
        assert second[same] == first[same]
    assert graph["8"]["inputs"]["samples"] == ["studio_hires_sampler", 0]


def test_hires_with_a_model_decodes_upscales_resizes_and_encodes() -> None:
    graph = bound("txt2img", params(hires=HiresFix(scale=2.0, upscaler=UPSCALER)))
    assert graph["studio_hires_decode"]["inputs"] == {"samples": ["3", 0], "vae": ["4", 2]}
    assert graph["studio_hires_loader"]["inputs"] == {"model_name": UPSCALER}
    assert graph["studio_hires_resize"]["inputs"]["scale_by"] == 0.5  # 4x model, 2x asked
    assert graph["studio_hires_encode"]["inputs"]["pixels"] == ["studio_hires_resize", 0]
    assert graph["studio_hires_sampler"]["inputs"]["latent_image"] == ["studio_hires_encode", 0]


@pytest.mark.parametrize(
    ("name", "factor"),
    [("4x-UltraSharp.pth", 4), ("RealESRGAN_x2.pth", 2), ("sub/2x_foo.pth", 2), ("esr.pth", 4)],
)
def test_model_factor_from_the_name(name: str, factor: int) -> None:
    assert model_factor(name) == factor


def test_batch_size_uses_the_empty_latent_or_repeats_an_encoded_one() -> None:
    txt = bound("txt2img", params(batch_size=2))
    assert txt["5"]["inputs"]["batch_size"] == 2 and not of_class(txt, "RepeatLatentBatch")
    img = bound("img2img", params(batch_size=3))
    assert img["studio_batch"]["inputs"] == {"samples": ["12", 0], "amount": 3}
    assert img["3"]["inputs"]["latent_image"] == ["studio_batch", 0]


def test_no_options_leave_the_graph_as_bound_before() -> None:
    template = REGISTRY.get("txt2img")
    graph = bound("txt2img", params())
    assert set(graph) == set(template.graph)


def test_disabled_loras_only_change_nothing() -> None:
    graph = bound("txt2img", params(loras=(LoraChoice(LORAS[0], enabled=False),)))
    assert not of_class(graph, "LoraLoader")
    assert graph["3"]["inputs"]["model"] == ["4", 0]


def test_a_lora_not_on_the_server_is_reported_under_the_lora_option() -> None:
    template = REGISTRY.get("txt2img")
    issues = graph_issues(template, params(loras=(LoraChoice("missing.safetensors"),)), INFO)
    assert [(i.slot, i.input_name) for i in issues] == [("loras", "lora_name")]
    assert "missing.safetensors" in issues[0].message


def test_a_graph_without_a_checkpoint_loader_says_why() -> None:
    graph = {
        "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "x", "weight_dtype": "default"}},
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}},
    }
    with pytest.raises(GraphOptionError) as caught:
        apply_graph_options(graph, params(loras=(LoraChoice(LORAS[0]),)))
    assert caught.value.option == "loras"
    assert "no checkpoint loader" in str(caught.value)
    with pytest.raises(GraphOptionError) as caught:
        apply_graph_options(graph, params(hires=HiresFix()))
    assert caught.value.option == "hires" and "no KSampler" in str(caught.value)


def test_preflight_shows_an_option_the_graph_cannot_take_under_that_option() -> None:
    template = parse_template(
        {
            "id": "two_samplers",
            "slots": {"prompt": {"node": "6", "input": "text"}},
            "graph": {
                **copy.deepcopy(dict(REGISTRY.get("txt2img").graph)),
                "30": {
                    "class_type": "KSampler",
                    "inputs": {**REGISTRY.get("txt2img").graph["3"]["inputs"]},
                },
            },
        }
    )
    issues = graph_issues(template, params(hires=HiresFix()), INFO)
    assert [i.slot for i in issues] == ["hires"]
    assert "2 KSampler nodes" in issues[0].message


def test_added_nodes_belong_to_their_option() -> None:
    graph = bound("txt2img", everything(UPSCALER))
    added = {n: option_of(n) for n in graph if option_of(n)}
    assert set(added.values()) == {"loras", "vae", "clip_skip", "hires"}
    assert option_of("3") is None


def test_params_round_trip_and_old_jobs_load() -> None:
    p = everything(UPSCALER)
    data = json.loads(json.dumps(p.to_dict()))
    assert GenerationParams.from_dict(data) == p
    old = {"prompt": "x", "seed": 3, "batch_size": 1, "extra": {}}
    loaded = GenerationParams.from_dict(old)
    assert (loaded.loras, loaded.vae, loaded.clip_skip, loaded.hires) == ((), None, None, None)
    assert not loaded.has_graph_options
    junk = {"prompt": "x", "loras": [3, {"nope": 1}, "a.safetensors"], "hires": "yes"}
    loaded = GenerationParams.from_dict(junk)
    assert loaded.loras == (LoraChoice("a.safetensors"),) and loaded.hires is None


WORKFLOWS = DATA / "workflows"


def _api_graph(name: str) -> dict[str, Any]:
    graph: dict[str, Any] = json.loads((WORKFLOWS / name).read_text(encoding="utf-8"))
    return graph


def _with_listed_names(graph: dict[str, Any]) -> ObjectInfo:
    """INFO whose lists also hold the model files `graph` names itself (an imported workflow
    was saved on a server that had them)."""
    raw = copy.deepcopy(INFO.raw)
    for node in graph.values():
        spec = raw.get(node["class_type"], {}).get("input", {}).get("required", {})
        for name, value in node["inputs"].items():
            if isinstance(value, str) and name in spec and isinstance(spec[name][0], list):
                spec[name][0] = [*spec[name][0], value]
    return ObjectInfo(raw)


@pytest.mark.parametrize(
    "name", ["sd15_basic.json", "lora_chain.json", "controlnet.json", "img2img.json"]
)
def test_imported_sd_workflows_take_every_option(name: str) -> None:
    graph = _api_graph(name)
    info = _with_listed_names(graph)
    assert validate_graph(graph, info) == []
    patched = apply_graph_options(copy.deepcopy(graph), everything(UPSCALER), batch_slot=False)
    assert validate_graph(patched, info) == []
    assert len(of_class(patched, "KSampler")) == 2


def test_an_imported_refiner_workflow_takes_loras_but_says_why_not_hires() -> None:
    graph = _api_graph("sdxl_refiner.json")
    loaders = of_class(graph, "CheckpointLoaderSimple")
    p = params(loras=(LoraChoice(LORAS[0]),), hires=HiresFix())
    with pytest.raises(GraphOptionError) as caught:
        apply_graph_options(copy.deepcopy(graph), p)
    if len(loaders) > 1:  # base and refiner: which one would the LoRA go to?
        assert caught.value.option == "loras" and "checkpoint loaders" in str(caught.value)
    else:
        assert caught.value.option == "hires" and "no KSampler" in str(caught.value)
