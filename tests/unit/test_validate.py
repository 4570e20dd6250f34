"""validate_graph: one clear issue per problem, tied to its slot, and never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import TemplateRegistry, bind, parse_template
from studio_desktop.core.workflows.validate import (
    IssueKind,
    ValidationIssue,
    check_structure,
    validate_graph,
)

DATA = Path(__file__).resolve().parents[1] / "data"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text(encoding="utf-8")))
WORKFLOWS = DATA / "workflows"


def load(name: str) -> dict[str, Any]:
    """A workflow file, with its checkpoint swapped for the one the captured server has."""
    data: dict[str, Any] = json.loads((WORKFLOWS / name).read_text(encoding="utf-8"))
    for node in data.values():
        if node.get("class_type") == "CheckpointLoaderSimple":
            node["inputs"]["ckpt_name"] = "random_sd15.safetensors"
    return data


def txt2img() -> dict[str, Any]:
    template = TemplateRegistry(user_dir=None).get("txt2img")
    params = GenerationParams(prompt="x", model="random_sd15.safetensors")
    return bind(template, params, job_id="j")


def kinds(issues: list[ValidationIssue]) -> list[IssueKind]:
    return [i.kind for i in issues]


def test_good_graph_has_no_issues() -> None:
    assert validate_graph(txt2img(), INFO) == []


def test_wrong_model_names_the_slot_and_the_choices() -> None:
    template = TemplateRegistry(user_dir=None).get("txt2img")
    graph = txt2img()
    graph["4"]["inputs"]["ckpt_name"] = "x.safetensors"
    (issue,) = validate_graph(graph, INFO, template)
    assert issue.kind is IssueKind.NOT_IN_LIST
    assert (issue.node_id, issue.input_name, issue.slot) == ("4", "ckpt_name", "model")
    assert issue.message == (
        "Checkpoint 'x.safetensors' is not on this server (it has: random_sd15.safetensors)."
    )


def test_wrong_combo_from_a_file() -> None:
    (issue,) = validate_graph(load("broken_combo.json"), INFO)
    assert issue.kind is IssueKind.NOT_IN_LIST
    assert "Sampler 'DPM++ 2M Karras' is not on this server" in issue.message
    assert "and " in issue.message and "more" in issue.message  # a long list is cut short


def test_new_combo_form_is_checked_too() -> None:
    graph = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "uploaded-later.png"}},
        "2": {"class_type": "UpscaleModelLoader", "inputs": {"model_name": "4x.pth"}},
        "3": {
            "class_type": "ImageUpscaleWithModel",
            "inputs": {"upscale_model": ["2", 0], "image": ["1", 0]},
        },
        "4": {"class_type": "SaveImage", "inputs": {"images": ["3", 0], "filename_prefix": "x"}},
    }
    (issue,) = validate_graph(graph, INFO)  # LoadImage's own list is the server's business
    assert issue.kind is IssueKind.NOT_IN_LIST
    assert issue.message.startswith("Upscale model '4x.pth' is not on this server (it has none)")


@pytest.mark.parametrize(
    ("node", "name", "value", "text"),
    [
        ("3", "steps", 0, "Steps must be at least 1 (it is 0)."),
        ("3", "cfg", 101.5, "Cfg must be at most 100 (it is 101.5)."),
        ("3", "denoise", 1.5, "Denoise must be at most 1 (it is 1.5)."),
        ("5", "width", 8, "Width must be at least 16 (it is 8)."),
    ],
)
def test_numbers_out_of_range(node: str, name: str, value: float, text: str) -> None:
    template = TemplateRegistry(user_dir=None).get("txt2img")
    graph = txt2img()
    graph[node]["inputs"][name] = value
    (issue,) = validate_graph(graph, INFO, template)
    assert issue.kind is IssueKind.OUT_OF_RANGE
    assert issue.message == text
    assert issue.slot == name


def test_number_that_is_not_a_number() -> None:
    graph = txt2img()
    graph["3"]["inputs"]["steps"] = "many"
    (issue,) = validate_graph(graph, INFO)
    assert issue.kind is IssueKind.BAD_VALUE


def test_missing_required_input() -> None:
    graph = txt2img()
    del graph["3"]["inputs"]["cfg"]
    (issue,) = validate_graph(graph, INFO)
    assert issue.kind is IssueKind.MISSING_INPUT
    assert "'cfg'" in issue.message


def test_missing_class_without_and_with_a_declared_pack() -> None:
    graph = load("broken_unknown_node.json")
    (issue,) = validate_graph(graph, INFO)
    assert issue.kind is IssueKind.MISSING_NODE_CLASS
    assert issue.class_type == "FaceDetailer" and issue.node_id == "10"
    template = parse_template(
        {
            "id": "t",
            "graph": graph,
            "requires": {
                "custom_nodes": [
                    {
                        "name": "Impact Pack",
                        "url": "https://github.com/ltdrdata/ComfyUI-Impact-Pack",
                        "nodes": ["FaceDetailer"],
                    }
                ]
            },
        }
    )
    (issue,) = validate_graph(graph, INFO, template)
    assert "Impact Pack" in issue.message and "ComfyUI-Impact-Pack" in issue.message


def test_dangling_link_and_bad_output_index() -> None:
    (issue,) = validate_graph(load("broken_dangling.json"), INFO)
    assert issue.kind is IssueKind.BAD_LINK
    assert "node 42, which is not in the workflow" in issue.message
    graph = txt2img()
    graph["8"]["inputs"]["vae"] = ["4", 3]
    (issue,) = validate_graph(graph, INFO)
    assert issue.kind is IssueKind.BAD_LINK and "has 3 outputs" in issue.message


def test_link_of_the_wrong_type() -> None:
    graph = txt2img()
    graph["8"]["inputs"]["vae"] = ["4", 1]  # CLIP into a VAE input
    (issue,) = validate_graph(graph, INFO)
    assert issue.kind is IssueKind.BAD_LINK and "expects VAE" in issue.message


def test_cycle_is_one_issue() -> None:
    issues = validate_graph(load("broken_cycle.json"), INFO)
    assert kinds(issues) == [IssueKind.CYCLE]
    assert "3 (KSampler)" in issues[0].message and "10 (LatentUpscaleBy)" in issues[0].message


def test_no_output_node() -> None:
    graph = txt2img()
    del graph["9"]
    assert kinds(validate_graph(graph, INFO)) == [IssueKind.NO_OUTPUT]


def test_unused_nodes_are_not_held_against_the_graph() -> None:
    graph = txt2img()
    graph["50"] = {"class_type": "LoraLoader", "inputs": {"lora_name": "gone.safetensors"}}
    assert validate_graph(graph, INFO) == []


@pytest.mark.parametrize(
    "junk",
    [
        None,
        [],
        "text",
        {},
        {"1": None},
        {"1": {"class_type": 5}},
        {"1": {"class_type": "SaveImage", "inputs": []}},
        {"1": {"class_type": "SaveImage", "inputs": {"images": ["1"]}}},
        {"1": {"class_type": "SaveImage", "inputs": {"images": [1, 0]}}},
        {"1": {"class_type": "SaveImage", "inputs": {"images": ["1", "0"]}}},
        {"1": {"class_type": "SaveImage", "inputs": {"images": ["1", 0]}}},
        {"1": {"class_type": "KSampler", "inputs": {"seed": {"a": 1}, "cfg": None}}},
    ],
)
def test_junk_never_raises(junk: Any) -> None:
    issues = validate_graph(copy.deepcopy(junk), INFO)
    assert issues and all(i.message for i in issues)
    check_structure(copy.deepcopy(junk))


def test_structure_only_check() -> None:
    assert check_structure(load("sd15_basic.json")) == []
    assert kinds(check_structure(load("broken_cycle.json"))) == [IssueKind.CYCLE]
    assert kinds(check_structure(load("broken_dangling.json"))) == [IssueKind.BAD_LINK]
    assert check_structure(load("broken_unknown_node.json")) == []  # needs a server to know
