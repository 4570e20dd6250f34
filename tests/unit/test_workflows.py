"""Templates: loading, checking and binding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import (
    TemplateError,
    TemplateRegistry,
    bind,
    load_template,
    parse_template,
)

REPO = Path(__file__).resolve().parents[2]


def test_builtin_txt2img_binds_every_parameter() -> None:
    template = TemplateRegistry(user_dir=None).get("txt2img")
    before = json.dumps(template.graph, sort_keys=True)
    params = GenerationParams(
        prompt="一只红色的猫",
        negative="blurry",
        seed=123,
        steps=9,
        cfg=5.5,
        sampler="dpmpp_2m",
        scheduler="karras",
        model="sd15.safetensors",
        width=640,
        height=384,
        batch_size=2,
        denoise=0.8,
    )
    graph = bind(template, params, job_id="abc")
    assert graph["6"]["inputs"]["text"] == "一只红色的猫"
    assert graph["7"]["inputs"]["text"] == "blurry"
    assert graph["4"]["inputs"]["ckpt_name"] == "sd15.safetensors"
    assert graph["5"]["inputs"] == {"width": 640, "height": 384, "batch_size": 2}
    sampler = graph["3"]["inputs"]
    assert (sampler["seed"], sampler["steps"], sampler["cfg"]) == (123, 9, 5.5)
    assert (sampler["sampler_name"], sampler["scheduler"], sampler["denoise"]) == (
        "dpmpp_2m",
        "karras",
        0.8,
    )
    assert graph["9"]["inputs"]["filename_prefix"] == "studio/abc"
    assert json.dumps(template.graph, sort_keys=True) == before, "template must not change"


def _containers(value: object) -> list[object]:
    if isinstance(value, dict):
        return [value, *(c for v in value.values() for c in _containers(v))]
    if isinstance(value, list):
        return [value, *(c for v in value for c in _containers(v))]
    return []


def test_a_bound_graph_shares_nothing_with_its_template() -> None:
    # Jobs bound one after another change their own graphs (links are redirected for LoRAs),
    # never the template's or each other's.
    template = TemplateRegistry(user_dir=None).get("txt2img")
    before = json.dumps(template.graph, sort_keys=True)
    first = bind(template, GenerationParams(prompt="a", seed=1), job_id="a")
    second = bind(template, GenerationParams(prompt="b", seed=2), job_id="b")
    held = {id(c) for c in _containers(template.graph)}
    assert not held & {id(c) for c in _containers(first)}
    assert not {id(c) for c in _containers(first)} & {id(c) for c in _containers(second)}
    first["3"]["inputs"]["model"][0] = "elsewhere"
    first["3"]["inputs"]["seed"] = 99
    assert second["3"]["inputs"]["model"] == ["4", 0] and second["3"]["inputs"]["seed"] == 2
    assert json.dumps(template.graph, sort_keys=True) == before
    assert first == json.loads(json.dumps(first))  # plain JSON data, as the template holds


def test_empty_model_keeps_template_default() -> None:
    template = TemplateRegistry(user_dir=None).get("txt2img")
    graph = bind(template, GenerationParams(prompt="x", model=""), job_id="j")
    assert graph["4"]["inputs"]["ckpt_name"] == template.graph["4"]["inputs"]["ckpt_name"]


def test_required_image_slot_must_be_given() -> None:
    template = parse_template(
        {
            "id": "img",
            "graph": {
                "1": {"class_type": "LoadImage", "inputs": {"image": "x.png"}},
                "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0]}},
            },
            "images": [{"name": "source", "label": "Source", "node": "1", "input": "image"}],
        }
    )
    with pytest.raises(TemplateError, match="Source"):
        bind(template, GenerationParams(prompt=""), job_id="j")
    graph = bind(template, GenerationParams(prompt=""), job_id="j", uploaded={"source": "up.png"})
    assert graph["1"]["inputs"]["image"] == "up.png"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "JSON object"),
        ({"graph": {"1": {"class_type": "X"}}}, "no id"),
        ({"id": "t"}, "no graph"),
        ({"id": "t", "graph": {"1": {"inputs": {}}}}, "no class_type"),
        (
            {
                "id": "t",
                "graph": {"1": {"class_type": "X"}},
                "slots": {"seed": {"node": "9", "input": "s"}},
            },
            "missing node 9",
        ),
        ({"id": "t", "format": 99, "graph": {"1": {"class_type": "X"}}}, "format 99"),
    ],
)
def test_bad_templates_say_why(document: object, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        parse_template(document)


def test_bad_json_file_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",\n "graph": }', encoding="utf-8")
    with pytest.raises(TemplateError, match="line 2"):
        load_template(path)


def test_registry_skips_broken_user_templates(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("not json", encoding="utf-8")
    source = json.loads((REPO / "resources/templates/txt2img.json").read_text(encoding="utf-8"))
    source["id"] = "mine"
    (tmp_path / "mine.json").write_text(json.dumps(source), encoding="utf-8")
    registry = TemplateRegistry(user_dir=tmp_path)
    assert {t.id for t in registry.all()} >= {"txt2img", "mine"}
    assert len(registry.problems) == 1
    with pytest.raises(TemplateError, match="known:"):
        registry.get("nope")
