"""Slot detection on real ComfyUI graphs (issue 13): importing ComfyUI's own SDXL default graph
put the negative text into the positive prompt's encoder, because node 6 was found as both
`prompt` and `negative` (the base sampler's negative is node 6 zeroed out).

The expected slots below were written by reading each graph: which encoder's text reaches each
sampler's positive/negative input, what the model loader and the empty latent are. A slot
mapped to None must not be detected (a zeroed-out conditioning carries no text to fill in).
Real graphs are read from `shared/` beside the checkout, never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows.detect import DetectedSlots, detect_slots
from tests.shared_data import shared_path

HAND_MADE = Path(__file__).resolve().parents[1] / "data" / "workflows"
ORACLE_INFO = ("workflow-oracle", "object_info.json")

Targets = list[tuple[str, str]] | None
# source ("shared/<folder>" or "hand-made"), file -> main sampler and slot -> targets
EXPECTED: dict[tuple[str, str], dict[str, Any]] = {
    # SDXL base + refiner by ComfyUI's authors: the base's negative is ConditioningZeroOut(6).
    ("comfyui-graphs", "default_graph_sdxl1_0.json"): {
        "main": "10",
        "prompt": [("6", "text"), ("17", "text")],
        "negative": [("20", "text")],
        "seed": [("10", "noise_seed"), ("14", "noise_seed")],
        "steps": [("10", "steps")],
        "model": [("4", "ckpt_name")],
        "width": [("5", "width")],
    },
    # SD1.5 default graph.
    ("workflow-oracle/api", "default.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "seed": [("3", "seed")],
        "steps": [("3", "steps")],
        "cfg": [("3", "cfg")],
        "model": [("4", "ckpt_name")],
        "width": [("5", "width")],
        "height": [("5", "height")],
        "filename_prefix": [("9", "filename_prefix")],
    },
    # SDXL base + refiner, each pass with its own encoders.
    ("workflow-oracle/api", "sdxl_refiner_prompt_example.json"): {
        "main": "10",
        "prompt": [("6", "text"), ("15", "text")],
        "negative": [("7", "text"), ("16", "text")],
        "seed": [("10", "noise_seed"), ("11", "noise_seed")],
        "model": [("4", "ckpt_name")],
        "width": [("5", "width")],
    },
    # SDXL revision: the positive is two unCLIPConditioning on ConditioningZeroOut(6).
    ("workflow-oracle/api", "sdxl_revision_zero_positive.json"): {
        "main": "3",
        "prompt": None,
        "negative": [("6", "text")],
        "model": [("40", "ckpt_name")],
        "width": [("5", "width")],
    },
    # Flux schnell as a checkpoint, SD3 latent.
    ("workflow-oracle/api", "flux_schnell.json"): {
        "main": "31",
        "prompt": [("6", "text")],
        "negative": [("33", "text")],
        "model": [("30", "ckpt_name")],
        "width": [("27", "width")],
    },
    # Flux dev: one CLIPTextEncodeFlux, the negative is it zeroed out; a UNETLoader model.
    ("workflow-oracle/api", "flux_dev_full_text_to_image.json"): {
        "main": "31",
        "prompt": [("41", "clip_l"), ("41", "t5xxl")],
        "negative": None,
        "steps": [("31", "steps")],
        "model": [("38", "unet_name")],
        "width": [("27", "width")],
    },
    # SD3.5 with a ControlNetApplyAdvanced whose negative input is ConditioningZeroOut(6).
    ("workflow-oracle/api", "sd3.5_large_canny_controlnet_example.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": None,
        "model": [("4", "ckpt_name")],
        "width": [("33", "width")],
    },
    # Wan 2.1 text to video: the model through ModelSamplingSD3, a video latent.
    ("workflow-oracle/api", "text_to_video_wan.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("37", "unet_name")],
        "width": [("40", "width")],
        "height": [("40", "height")],
    },
    # Wan 2.1 image to video: WanImageToVideo passes positive/negative and makes the latent.
    ("workflow-oracle/api", "image_to_video_wan.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("37", "unet_name")],
        "width": [("50", "width")],
    },
    # SD1.5 then an ESRGAN upscale of the decoded image.
    ("workflow-oracle/api", "esrgan_example.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("4", "ckpt_name")],
        "width": [("5", "width")],
    },
    # One ControlNetApplyAdvanced.
    ("workflow-oracle/api", "controlnet_example.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("14", "ckpt_name")],
        "width": [("5", "width")],
    },
    # Two ControlNetApplyAdvanced in a chain.
    ("workflow-oracle/api", "mixing_controlnets.json"): {
        "main": "3",
        "prompt": [("24", "text")],
        "negative": [("7", "text")],
        "model": [("31", "ckpt_name")],
        "width": [("5", "width")],
    },
    # Inpainting: the latent comes from VAEEncodeForInpaint, so no size slot.
    ("workflow-oracle/api", "inpaint_example.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("29", "ckpt_name")],
        "width": None,
    },
    ("workflow-oracle/api", "inpaint_model_outpainting.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("29", "ckpt_name")],
        "width": None,
    },
    # Image to image: VAEEncode of the loaded image, denoise below 1.
    ("workflow-oracle/api", "image2image.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "denoise": [("3", "denoise")],
        "model": [("14", "ckpt_name")],
        "width": None,
    },
    # Hires fix: a second KSampler reads the first one's upscaled latent, same encoders.
    ("workflow-oracle/api", "hiresfix_latent_workflow.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "seed": [("3", "seed"), ("11", "seed")],
        "steps": [("3", "steps")],
        "model": [("16", "ckpt_name")],
        "width": [("5", "width")],
    },
    # A LoRA between the checkpoint and the sampler.
    ("workflow-oracle/api", "lora.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("4", "ckpt_name")],
        "lora_1": [("11", "lora_name")],
        "width": [("5", "width")],
    },
    # Hand-made: the single-input ControlNetApply on the positive, ConditioningCombine of two
    # negative texts (the first one takes the negative, the other keeps its text).
    ("hand-made", "hm_controlnet_apply_combined_negative.json"): {
        "main": "3",
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "model": [("4", "ckpt_name")],
        "height": [("5", "height")],
    },
    # Hand-made: SDXL encoders; the refiner's negative is its own positive zeroed out.
    ("hand-made", "hm_refiner_zeroed_negative.json"): {
        "main": "10",
        "prompt": [("6", "text_g"), ("6", "text_l"), ("15", "text")],
        "negative": [("7", "text")],
        "seed": [("10", "noise_seed"), ("11", "noise_seed")],
        "model": [("4", "ckpt_name")],
    },
}


def load(source: str, name: str) -> dict[str, Any]:
    path = HAND_MADE / name if source == "hand-made" else shared_path(*source.split("/"), name)
    graph: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return graph


def oracle_info() -> ObjectInfo:
    return ObjectInfo(json.loads(shared_path(*ORACLE_INFO).read_text(encoding="utf-8")))


def targets(found: DetectedSlots, slot: str) -> Targets:
    listed = [(t.node, t.input) for t in found.slots.get(slot, ())]
    return listed or None


@pytest.mark.parametrize("with_info", [False, True], ids=["names-only", "object_info"])
@pytest.mark.parametrize(("source", "name"), list(EXPECTED), ids=[name for _, name in EXPECTED])
def test_prompt_and_negative_reach_the_right_encoders(
    source: str, name: str, with_info: bool
) -> None:
    graph = load(source, name)
    found = detect_slots(graph, oracle_info() if with_info else None)
    expected = EXPECTED[(source, name)]
    assert found.main_sampler == expected["main"]
    for slot, wanted in expected.items():
        if slot != "main":
            assert targets(found, slot) == wanted, slot


@pytest.mark.parametrize(("source", "name"), list(EXPECTED), ids=[n for _, n in EXPECTED])
def test_no_encoder_is_both_prompt_and_negative(source: str, name: str) -> None:
    found = detect_slots(load(source, name), oracle_info())
    prompt_nodes = {t.node for t in found.slots.get("prompt", ())}
    negative_nodes = {t.node for t in found.slots.get("negative", ())}
    assert not prompt_nodes & negative_nodes


def test_sdxl_default_graph_binds_the_prompt_to_the_positive_encoder(tmp_path: Path) -> None:
    # What the user saw: the positive encoder received the negative text.
    from studio_desktop.core.jobs import GenerationParams
    from studio_desktop.core.workflows import bind
    from studio_desktop.core.workflows.importer import import_workflow

    path = shared_path("comfyui-graphs", "default_graph_sdxl1_0.json")
    template = import_workflow(path, tmp_path, object_info=oracle_info())
    graph = bind(template, GenerationParams(prompt="a fox", negative="blurry"), job_id="j")
    assert graph["6"]["inputs"]["text"] == "a fox"
    assert graph["17"]["inputs"]["text"] == "a fox"
    assert graph["20"]["inputs"]["text"] == "blurry"


def test_zeroed_out_positive_says_no_prompt_reaches_the_sampler() -> None:
    found = detect_slots(load("workflow-oracle/api", "sdxl_revision_zero_positive.json"))
    assert any("node 3" in note and "no prompt" in note for note in found.notes)
