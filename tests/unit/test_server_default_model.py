"""The server's default model: a job queued with no model named gets one from the server that
claims it, chosen by the folder the template's model input lists, or a clear reason why not."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import (
    SERVER_DEFAULT_MODEL,
    Template,
    TemplateError,
    TemplateRegistry,
    bind,
    parse_template,
    resolve_defaults,
)
from studio_desktop.core.workflows.defaults import model_sent, server_models
from studio_desktop.core.workflows.validate import validate_graph

DATA = Path(__file__).resolve().parents[1] / "data"
RAW: dict[str, Any] = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))
CHECKPOINT = "random_sd15.safetensors"  # the one checkpoint the captured server had
BUILTIN = TemplateRegistry(user_dir=None)


def default_params() -> GenerationParams:
    return GenerationParams(prompt="a lighthouse", model=SERVER_DEFAULT_MODEL)


def loader_template(class_type: str, input_name: str, value: str, **extra: Any) -> Template:
    return parse_template(
        {
            "id": "t",
            "slots": {"model": {"node": "1", "input": input_name}},
            "graph": {
                "1": {"class_type": class_type, "inputs": {input_name: value}},
                "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0]}},
            },
            **extra,
        }
    )


def test_a_form_without_a_model_means_the_servers_default() -> None:
    assert GenerationParams(prompt="x").model == SERVER_DEFAULT_MODEL


def test_the_real_txt2img_template_gets_the_captured_servers_checkpoint_and_validates() -> None:
    template = BUILTIN.get("txt2img")
    info = ObjectInfo(RAW)

    resolved = resolve_defaults(default_params(), template, server_models(info))

    assert resolved.model == CHECKPOINT
    assert resolved.prompt == "a lighthouse"
    graph = bind(template, resolved, job_id="j")
    assert graph["4"]["inputs"]["ckpt_name"] == CHECKPOINT
    assert validate_graph(graph, info, template) == []


@pytest.mark.parametrize(
    "template_id",
    sorted(t.id for t in BUILTIN.all() if t.has_slot("model") and t.id != "audio_stable"),
)
def test_every_builtin_checkpoint_template_never_binds_its_placeholder(template_id: str) -> None:
    template = BUILTIN.get(template_id)
    resolved = resolve_defaults(default_params(), template, server_models(ObjectInfo(RAW)))
    assert resolved.model == CHECKPOINT
    graph = bind(
        template, resolved, job_id="j", uploaded={i.name: "x.png" for i in template.images}
    )
    assert "model.safetensors" not in json.dumps(graph)


def test_the_first_listed_model_is_picked() -> None:
    models = {"checkpoints": ("b.safetensors", "a.safetensors")}
    resolved = resolve_defaults(default_params(), BUILTIN.get("txt2img"), models)
    assert resolved.model == "b.safetensors"


def test_a_server_with_no_checkpoints_says_where_to_put_one() -> None:
    with pytest.raises(TemplateError) as caught:
        resolve_defaults(default_params(), BUILTIN.get("txt2img"), {"checkpoints": ()})
    assert str(caught.value) == (
        "ComfyUI lists no checkpoints: put a model file in ComfyUI/models/checkpoints."
    )


def test_a_server_that_reported_no_lists_at_all_says_the_same() -> None:
    with pytest.raises(TemplateError, match="ComfyUI lists no checkpoints"):
        resolve_defaults(default_params(), BUILTIN.get("txt2img"), {})


def test_a_named_model_is_kept_as_is() -> None:
    params = GenerationParams(prompt="x", model="mine.safetensors")
    models = {"checkpoints": ("other.safetensors",)}
    assert resolve_defaults(params, BUILTIN.get("txt2img"), models) is params


def test_a_template_without_a_model_slot_is_left_alone() -> None:
    template = BUILTIN.get("upscale")
    assert not template.has_slot("model")
    params = default_params()
    assert resolve_defaults(params, template, {}) is params


def test_a_diffusion_model_loader_picks_from_diffusion_models() -> None:
    template = loader_template("UNETLoader", "unet_name", "placeholder.safetensors")
    models = {"checkpoints": ("sd15.safetensors",), "diffusion_models": ("flux1.safetensors",)}
    assert resolve_defaults(default_params(), template, models).model == "flux1.safetensors"
    with pytest.raises(TemplateError) as caught:
        resolve_defaults(default_params(), template, {"checkpoints": ("sd15.safetensors",)})
    assert "no diffusion models" in str(caught.value)
    assert "ComfyUI/models/diffusion_models" in str(caught.value)


def test_an_imported_workflows_own_model_is_kept_when_the_server_has_it() -> None:
    template = loader_template("CheckpointLoaderSimple", "ckpt_name", "mine.safetensors")
    models = {"checkpoints": ("first.safetensors", "mine.safetensors")}
    assert resolve_defaults(default_params(), template, models).model == "mine.safetensors"


def test_a_template_that_declares_its_model_file_uses_it_or_says_where_to_get_it() -> None:
    template = BUILTIN.get("audio_stable")
    wanted = "stable_audio_open_1.0.safetensors"
    models = {"checkpoints": (CHECKPOINT, wanted)}
    assert resolve_defaults(default_params(), template, models).model == wanted

    # An SD checkpoint is no substitute for Stable Audio's own: say which file to download.
    with pytest.raises(TemplateError) as caught:
        resolve_defaults(default_params(), template, {"checkpoints": (CHECKPOINT,)})
    assert wanted in str(caught.value)
    assert "huggingface.co" in str(caught.value)
    assert "ComfyUI/models/checkpoints" in str(caught.value)


def test_an_unknown_custom_loader_keeps_the_templates_own_model() -> None:
    template = loader_template("SomePackLoader", "model", "pack_model.bin")
    params = default_params()
    assert resolve_defaults(params, template, {"checkpoints": ("a.safetensors",)}) is params


def test_a_custom_loader_with_a_declared_file_uses_its_folder() -> None:
    template = loader_template(
        "SomePackLoader",
        "model",
        "placeholder.bin",
        requires={"model_files": [{"folder": "pack_models", "name": "x.bin", "node": "1"}]},
    )
    # The declaration has no input, so it does not tie the file to this input: unknown loader.
    params = default_params()
    assert resolve_defaults(params, template, {"pack_models": ("y.bin",)}) is params

    declared = loader_template(
        "SomePackLoader",
        "model",
        "placeholder.bin",
        requires={
            "model_files": [
                {"folder": "pack_models", "name": "x.bin", "node": "1", "input": "model"}
            ]
        },
    )
    assert resolve_defaults(params, declared, {"pack_models": ("y.bin", "x.bin")}).model == "x.bin"


def test_server_models_reads_every_known_folder_from_object_info() -> None:
    raw = copy.deepcopy(RAW)
    raw["UNETLoader"]["input"]["required"]["unet_name"] = [["wan.safetensors"]]
    models = server_models(ObjectInfo(raw))
    assert models["checkpoints"] == (CHECKPOINT,)
    assert models["diffusion_models"] == ("wan.safetensors",)
    assert models["vae"] == ("pixel_space",)
    assert models["upscale_models"] == ()
    # The keys ServerCapabilities.models uses are among them.
    assert {"checkpoints", "loras", "vae", "upscale_models", "controlnet"} <= set(models)


def test_resolving_does_not_change_the_params_or_the_template() -> None:
    template = BUILTIN.get("txt2img")
    before = json.dumps(template.graph, sort_keys=True)
    params = default_params()
    resolve_defaults(params, template, {"checkpoints": ("a.safetensors",)})
    assert params.model == SERVER_DEFAULT_MODEL
    assert json.dumps(template.graph, sort_keys=True) == before


def test_a_declared_sha256_and_registry_id_are_read() -> None:
    digest = "AB" * 32
    template = loader_template(
        "SomePackLoader",
        "model",
        "x.bin",
        requires={
            "model_files": [{"folder": "f", "name": "x.bin", "node": "1", "sha256": digest}],
            "custom_nodes": [{"name": "P", "nodes": ["SomePackLoader"], "registry_id": "p-id"}],
        },
    )
    assert template.model_files[0].sha256 == digest.lower()
    assert template.custom_nodes[0].registry_id == "p-id"
    with pytest.raises(TemplateError, match="sha256"):
        loader_template(
            "L",
            "model",
            "x.bin",
            requires={"model_files": [{"folder": "f", "name": "x.bin", "sha256": "abc"}]},
        )


def test_the_file_a_default_model_became_is_read_from_the_sent_graph() -> None:
    template = loader_template("UNETLoader", "unet_name", "placeholder.safetensors")
    sent = {"1": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux-dev.safetensors"}}}
    assert model_sent(template, sent) == "flux-dev.safetensors"
    assert model_sent(template, None) is None  # nothing sent yet
    # A graph of another shape (a UI workflow, a linked input) names no file there.
    assert model_sent(template, {"nodes": [], "links": []}) is None
    assert model_sent(template, {"1": {"inputs": {"unet_name": ["5", 0]}}}) is None
    no_slot = parse_template({"id": "n", "graph": {"2": {"class_type": "SaveImage", "inputs": {}}}})
    assert model_sent(no_slot, sent) is None
