"""Every built-in template binds and validates against the /object_info of a real ComfyUI 0.3.64.

That server had no model files beyond one checkpoint, so the "with models" checks add the files a
template declares (`requires.model_files`) to the lists they belong in; node classes are never
added. Templates that need node classes the captured server lacks must report exactly those.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import Template, TemplateRegistry, bind
from studio_desktop.core.workflows.needs import install_commands, missing_models, missing_packs
from studio_desktop.core.workflows.template import NodePack
from studio_desktop.core.workflows.validate import IssueKind, validate_graph

DATA = Path(__file__).resolve().parents[1] / "data"
RAW: dict[str, Any] = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))
CHECKPOINT = "random_sd15.safetensors"  # the one checkpoint the captured server had

# Node classes the captured server does not have, and the pack name the message must give.
MISSING = {
    "head_swap": ({"ReActorFaceSwap"}, "ReActor"),
    # Stock ComfyUI nodes from comfy_extras/nodes_audio.py, which did not load on that server.
    "audio_stable": (
        {"ConditioningStableAudio", "EmptyLatentAudio", "VAEDecodeAudio", "SaveAudio"},
        "built-in audio nodes",
    ),
}
TEMPLATES = sorted(t.id for t in TemplateRegistry(user_dir=None).all())


def with_models(raw: dict[str, Any], template: Template) -> dict[str, Any]:
    """A copy of `raw` whose loader lists also hold the model files `template` declares."""
    info = copy.deepcopy(raw)
    for model in template.model_files:
        node = template.graph.get(model.node)
        if node is None or node["class_type"] not in info:
            continue
        sections = info[node["class_type"]]["input"]
        spec = sections.get("required", {}).get(model.input) or sections.get("optional", {}).get(
            model.input
        )
        assert spec is not None, f"{template.id}: no input {model.input} on {node['class_type']}"
        options = spec[0] if isinstance(spec[0], list) else spec[1].setdefault("options", [])
        if model.name not in options:
            options.append(model.name)
    return info


def plausible_params(template: Template) -> GenerationParams:
    extra = {
        k: v for k, v in template.defaults.items() if k not in GenerationParams.__annotations__
    }
    base = GenerationParams(
        prompt="a lighthouse on a cliff at dusk",
        negative="blurry, watermark",
        seed=1234,
        steps=12,
        cfg=6.5,
        sampler="dpmpp_2m",
        scheduler="karras",
        # Stable Audio's checkpoint is its own file, not the SD one the server lists.
        model=CHECKPOINT if template.has_slot("model") and template.id != "audio_stable" else "",
        width=512,
        height=512,
        extra=extra,
    )
    known = {k: v for k, v in template.defaults.items() if k in GenerationParams.__annotations__}
    return GenerationParams(**{**base.to_dict(), **known, "extra": extra})


def bound(template: Template) -> dict[str, Any]:
    uploads = {image.name: f"{image.name}.png" for image in template.images}
    return bind(template, plausible_params(template), job_id="test", uploaded=uploads)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_builtin_template_validates(template_id: str) -> None:
    template = TemplateRegistry(user_dir=None).get(template_id)
    before = json.dumps(template.graph, sort_keys=True)
    issues = validate_graph(bound(template), ObjectInfo(with_models(RAW, template)), template)
    missing, pack = MISSING.get(template_id, (set(), ""))
    assert {i.class_type for i in issues if i.kind is IssueKind.MISSING_NODE_CLASS} == missing
    assert [i for i in issues if i.kind is not IssueKind.MISSING_NODE_CLASS] == []
    for issue in issues:
        assert pack in issue.message
    assert json.dumps(template.graph, sort_keys=True) == before, "binding changed the template"


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_against_the_bare_server_only_declared_models_are_missing(template_id: str) -> None:
    template = TemplateRegistry(user_dir=None).get(template_id)
    issues = validate_graph(bound(template), ObjectInfo(RAW), template)
    lists = {(i.node_id, i.input_name) for i in issues if i.kind is IssueKind.NOT_IN_LIST}
    declared = {(m.node, m.input) for m in template.model_files}
    assert lists <= declared
    for issue in issues:
        if issue.kind is IssueKind.NOT_IN_LIST:
            assert "Download" in issue.message and "models/" in issue.message


def test_head_swap_names_the_pack_and_its_url() -> None:
    template = TemplateRegistry(user_dir=None).get("head_swap")
    (issue,) = validate_graph(bound(template), ObjectInfo(RAW), template)
    assert issue.kind is IssueKind.MISSING_NODE_CLASS
    assert "ReActor" in issue.message
    assert "https://github.com/Gourieff/ComfyUI-ReActor" in issue.message
    assert template.pack_for("ReActorFaceSwap") is not None


def test_pose_change_says_which_controlnet_to_get() -> None:
    template = TemplateRegistry(user_dir=None).get("pose_change")
    (issue,) = validate_graph(bound(template), ObjectInfo(RAW), template)
    assert issue.kind is IssueKind.NOT_IN_LIST
    assert issue.slot == "controlnet"
    assert "control_v11p_sd15_openpose.pth" in issue.message
    assert "it has none" in issue.message


def test_templates_declare_what_they_need() -> None:
    registry = TemplateRegistry(user_dir=None)
    for template in registry.all():
        classes = {n["class_type"] for n in template.graph.values()}
        assert set(template.required_nodes) == classes, template.id
        assert template.slots.get("filename_prefix"), template.id
    assert registry.get("background_change").images[0].mask_from_alpha
    assert registry.get("video_wan").output_kind == "video"
    assert registry.get("audio_stable").output_kind == "audio"
    assert {i.name for i in registry.get("head_swap").images} == {"source", "reference"}


def test_head_swap_says_how_to_install_reactor_and_which_models_it_needs() -> None:
    template = TemplateRegistry(user_dir=None).get("head_swap")
    issues = validate_graph(bound(template), ObjectInfo(RAW), template)
    (issue,) = issues
    # The Comfy registry id is the `name` in ReActor's pyproject.toml ("comfyui-reactor").
    assert "cm-cli.py install comfyui-reactor" in issue.message
    assert "comfy node install comfyui-reactor" in issue.message
    (missing,) = missing_packs(template, issues)
    assert missing.pack.name == "ReActor" and missing.classes == ("ReActorFaceSwap",)
    assert install_commands(missing.pack) == (
        "python custom_nodes/ComfyUI-Manager/cm-cli.py install comfyui-reactor",
        "comfy node install comfyui-reactor",
    )
    # The server lacks the node, so its model lists are unknown: both files are named.
    assert [m.name for m in missing_models(template, issues)] == [
        "inswapper_128.onnx",
        "codeformer-v0.1.0.pth",
    ]


def test_pose_change_offers_its_declared_controlnet() -> None:
    template = TemplateRegistry(user_dir=None).get("pose_change")
    issues = validate_graph(bound(template), ObjectInfo(RAW), template)
    (model,) = missing_models(template, issues)
    assert (model.folder, model.name) == ("controlnet", "control_v11p_sd15_openpose.pth")
    assert model.url.startswith("https://huggingface.co/")
    assert missing_packs(template, issues) == []


def test_a_pack_without_registry_id_is_cloned_and_a_hint_has_no_command() -> None:
    assert install_commands(NodePack("X", "https://github.com/a/ComfyUI-X.git")) == (
        "git clone https://github.com/a/ComfyUI-X.git custom_nodes/ComfyUI-X",
    )
    assert install_commands(NodePack("X", "https://github.com/a/b", hint="pip install y")) == ()
    assert install_commands(NodePack("X")) == ()
