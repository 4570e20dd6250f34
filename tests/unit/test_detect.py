"""Slot detection on real-world-shaped API workflows, and importing them as user templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import TemplateError, TemplateRegistry, bind
from studio_desktop.core.workflows.detect import DetectedSlots, detect_slots
from studio_desktop.core.workflows.importer import (
    build_template,
    default_name,
    import_workflow,
    read_workflow,
    save_template,
)
from studio_desktop.core.workflows.ui_format import is_ui_format

DATA = Path(__file__).resolve().parents[1] / "data"
WORKFLOWS = DATA / "workflows"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text(encoding="utf-8")))


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def targets(found: DetectedSlots, slot: str) -> list[tuple[str, str]]:
    return [(t.node, t.input) for t in found.slots.get(slot, ())]


@pytest.mark.parametrize("info", [None, INFO], ids=["names-only", "object_info"])
def test_sd15_basic(info: ObjectInfo | None) -> None:
    found = detect_slots(load("sd15_basic.json"), info)
    assert found.main_sampler == "3"
    expected = {
        "prompt": [("6", "text")],
        "negative": [("7", "text")],
        "seed": [("3", "seed")],
        "steps": [("3", "steps")],
        "cfg": [("3", "cfg")],
        "sampler": [("3", "sampler_name")],
        "scheduler": [("3", "scheduler")],
        "denoise": [("3", "denoise")],
        "model": [("4", "ckpt_name")],
        "width": [("5", "width")],
        "height": [("5", "height")],
        "batch_size": [("5", "batch_size")],
        "filename_prefix": [("9", "filename_prefix")],
    }
    assert {k: targets(found, k) for k in found.slots} == expected
    assert found.images == ()
    assert all(c == 1.0 for c in found.confidence.values())


def test_sdxl_refiner_main_sampler_is_the_base() -> None:
    found = detect_slots(load("sdxl_refiner.json"), INFO)
    assert found.main_sampler == "10"
    assert targets(found, "steps") == [("10", "steps")]
    assert targets(found, "seed") == [("10", "noise_seed"), ("11", "noise_seed")]
    # Both passes get the same text: the refiner has its own encoders.
    assert targets(found, "prompt") == [("6", "text"), ("15", "text")]
    assert targets(found, "negative") == [("7", "text"), ("16", "text")]
    assert targets(found, "model") == [("4", "ckpt_name")]
    assert "denoise" not in found.slots  # KSamplerAdvanced has none
    assert any("2 samplers" in note for note in found.notes)


def test_img2img_source_image() -> None:
    found = detect_slots(load("img2img.json"), INFO)
    (image,) = found.images
    assert (image.name, image.node, image.input, image.required) == ("source", "2", "image", True)
    assert "width" not in found.slots  # the size is the source image's
    assert targets(found, "denoise") == [("6", "denoise")]


def test_controlnet_follows_apply_and_combine() -> None:
    found = detect_slots(load("controlnet.json"), INFO)
    assert targets(found, "prompt") == [("6", "text")]
    assert targets(found, "negative") == [("7", "text")]
    assert found.confidence["prompt"] < 1.0
    (image,) = found.images
    assert (image.name, image.label, image.node) == ("control", "Pose", "11")
    assert any("16" in note for note in found.notes)


def test_lora_chain_in_order() -> None:
    found = detect_slots(load("lora_chain.json"), INFO)
    assert targets(found, "model") == [("4", "ckpt_name")]
    assert targets(found, "lora_1") == [("10", "lora_name")]
    assert targets(found, "lora_2") == [("11", "lora_name")]
    assert targets(found, "lora_1_strength") == [("10", "strength_model"), ("10", "strength_clip")]
    assert targets(found, "batch_size") == [("5", "batch_size")]


def test_background_template_graph_detects_mask_use() -> None:
    template = TemplateRegistry(user_dir=None).get("background_change")
    found = detect_slots(template.graph, INFO)
    (image,) = found.images
    assert image.mask_from_alpha


def test_shared_encoder_is_flagged() -> None:
    graph = load("sd15_basic.json")
    graph["3"]["inputs"]["negative"] = ["6", 0]
    found = detect_slots(graph)
    assert found.confidence["prompt"] < 0.5
    assert any("both the positive and the negative" in n for n in found.notes)


def test_no_sampler_still_finds_images_and_outputs() -> None:
    graph = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "a.png"}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "x"}},
    }
    found = detect_slots(graph)
    assert found.main_sampler is None and found.notes
    assert [i.name for i in found.images] == ["image"]
    assert targets(found, "filename_prefix") == [("3", "filename_prefix")]


def test_rename_and_drop_slots() -> None:
    found = detect_slots(load("lora_chain.json")).renamed(
        {"lora_1": "detail_lora", "lora_2": None, "lora_2_strength": None}
    )
    assert "detail_lora" in found.slots and "lora_2" not in found.slots


# --- importing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["sd15_basic.json", "sdxl_refiner.json", "img2img.json", "controlnet.json"]
)
def test_import_then_bind(tmp_path: Path, name: str) -> None:
    template = import_workflow(WORKFLOWS / name, tmp_path, object_info=INFO)
    assert template.source is not None and template.source.parent == tmp_path
    registry = TemplateRegistry(user_dir=tmp_path)
    assert registry.get(template.id).name == default_name(Path(name))  # as the dialog names it
    uploads = {i.name: "up.png" for i in template.images}
    graph = bind(template, GenerationParams(prompt="a fox", seed=99), job_id="j", uploaded=uploads)
    for target in template.slots["prompt"]:
        assert graph[target.node]["inputs"][target.input] == "a fox"


def test_import_never_replaces_a_template(tmp_path: Path) -> None:
    first = import_workflow(WORKFLOWS / "sd15_basic.json", tmp_path, name="My flow")
    second = import_workflow(WORKFLOWS / "sd15_basic.json", tmp_path, name="My flow")
    builtin_clash = import_workflow(WORKFLOWS / "sd15_basic.json", tmp_path, name="txt2img")
    assert (first.id, second.id, builtin_clash.id) == ("my-flow", "my-flow-2", "txt2img-2")


def test_confirmed_slots_are_saved(tmp_path: Path) -> None:
    graph = read_workflow(WORKFLOWS / "lora_chain.json")
    found = detect_slots(graph).renamed({"lora_1": "detail"})
    document = build_template(graph, found, "Knight", template_id="knight")
    template = save_template(document, tmp_path)
    assert template.slots["detail"][0].node == "10"
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken_not_json.json", "not valid JSON (line 1"),
        # UI format is converted now; this one's SaveImage is linked to a node it lacks.
        ("ui_format.json", "Node 9 (SaveImage): its input images is linked to node 8"),
        ("broken_empty.json", "empty workflow"),
        ("broken_cycle.json", "loop"),
        ("broken_dangling.json", "node 42, which is not in the workflow"),
        ("broken_unknown_node.json", "no 'FaceDetailer' node"),
    ],
)
def test_import_errors_are_one_clear_message(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        import_workflow(WORKFLOWS / name, tmp_path, object_info=INFO)
    assert message in str(caught.value)
    assert name in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_ui_format_message_covers_older_versions() -> None:
    assert is_ui_format(load("ui_format.json"))
    assert not is_ui_format(load("sd15_basic.json"))
    with pytest.raises(TemplateError, match="Dev mode"):
        read_workflow(WORKFLOWS / "ui_format.json")


def test_unknown_node_is_fine_without_a_server(tmp_path: Path) -> None:
    template = import_workflow(WORKFLOWS / "broken_unknown_node.json", tmp_path)
    assert "FaceDetailer" in template.required_nodes


def test_prompt_body_is_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"prompt": load("sd15_basic.json"), "client_id": "x"}))
    assert set(read_workflow(path)) == set(load("sd15_basic.json"))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\x00\x01\xfe\xff\x81")
    with pytest.raises(TemplateError, match="not a text file"):
        read_workflow(path)


def test_picture_without_a_workflow_says_so(tmp_path: Path) -> None:
    """A file is read by what it is, not by its name: PNG bytes are looked at as a picture."""
    path = tmp_path / "x.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(TemplateError, match=r"x\.json carries no ComfyUI workflow"):
        read_workflow(path)
