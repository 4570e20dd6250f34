"""The UI-format workflow's skeleton is built once per graph shape and /object_info (emit.py).

Whatever was built before, a workflow must equal the one built from scratch: a fresh ObjectInfo
(a different object, so nothing cached) with the same node definitions gives that reference.
"""

from __future__ import annotations

import copy
import gc
import json
from pathlib import Path
from typing import Any

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import TemplateRegistry, bind
from studio_desktop.core.workflows.ui_graph import emit
from studio_desktop.core.workflows.ui_graph.emit import api_to_ui, emit_workflow

DATA = Path(__file__).resolve().parents[1] / "data"
RAW_INFO = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))
TEMPLATES = TemplateRegistry(user_dir=None)
TXT2IMG = TEMPLATES.get("txt2img")


def fresh_info() -> ObjectInfo:
    return ObjectInfo(copy.deepcopy(RAW_INFO))


def from_scratch(graph: dict[str, Any]) -> dict[str, Any]:
    return api_to_ui(graph, fresh_info())


def job_graph(prompt: str, seed: int, template: Any = TXT2IMG) -> dict[str, Any]:
    params = GenerationParams(prompt=prompt, seed=seed, model="model.safetensors")
    return bind(template, params, job_id=f"job-{seed}")


def node(workflow: dict[str, Any], ui_id: int) -> dict[str, Any]:
    return next(n for n in workflow["nodes"] if n["id"] == ui_id)


def test_jobs_of_one_template_each_get_their_own_values() -> None:
    info = fresh_info()
    first, second = job_graph("a red fox", 1), job_graph("a {big|small} cat", 2)
    one, two = api_to_ui(first, info), api_to_ui(second, info)  # the second reuses the first's
    assert one == from_scratch(first)
    assert two == from_scratch(second)
    assert node(one, 6)["widgets_values"] == ["a red fox"]
    assert node(two, 6)["widgets_values"] == ["a \\{big|small\\} cat"]
    assert node(two, 3)["widgets_values"][0] == 2  # the seed
    assert one["nodes"][0]["pos"] == two["nodes"][0]["pos"]


def test_a_changed_shape_is_built_again() -> None:
    info = fresh_info()
    graph = job_graph("a fox", 1)
    api_to_ui(graph, info)
    linked = copy.deepcopy(graph)
    linked["10"] = {"class_type": "PrimitiveInt", "inputs": {"value": 768}}
    linked["5"]["inputs"]["width"] = ["10", 0]  # a widget becomes a socket
    titled = copy.deepcopy(graph)
    titled["6"]["_meta"] = {"title": "Positive"}
    relinked = copy.deepcopy(graph)
    relinked["3"]["inputs"]["negative"] = ["6", 0]  # the same inputs, linked elsewhere
    fewer = {k: v for k, v in copy.deepcopy(graph).items() if k != "9"}
    for changed in (linked, titled, relinked, fewer):
        assert api_to_ui(changed, info) == from_scratch(changed)
        assert api_to_ui(graph, info) == from_scratch(graph)
    assert len(api_to_ui(linked, info)["links"]) == len(api_to_ui(graph, info)["links"]) + 1
    assert node(api_to_ui(titled, info), 6)["title"] == "Positive"


def test_two_templates_never_share_a_workflow() -> None:
    info = fresh_info()
    others = [t for t in TEMPLATES.all() if t.id != "txt2img" and not t.images]
    assert others
    for template in (TXT2IMG, *others, TXT2IMG):
        graph = job_graph("a fox", 7, template)
        assert api_to_ui(graph, info) == from_scratch(graph)


def test_a_server_with_other_node_definitions_gets_its_own() -> None:
    graph = job_graph("a fox", 1)
    before = api_to_ui(graph, fresh_info())
    raw = copy.deepcopy(RAW_INFO)
    raw["KSampler"]["output_name"] = ["LATENT_OUT"]
    raw["SaveImage"]["display_name"] = "Save to disk"
    graph["9"]["_meta"] = {"title": "Save to disk"}  # now the type's own name: no title
    changed = api_to_ui(graph, ObjectInfo(raw))
    assert node(changed, 3)["outputs"][0]["name"] == "LATENT_OUT"
    assert node(before, 3)["outputs"][0]["name"] == "LATENT"
    assert "title" not in node(changed, 9)


def test_the_caller_may_change_what_it_gets() -> None:
    info = fresh_info()
    graph = job_graph("a fox", 1)
    emitted = emit_workflow(graph, info)
    workflow = emitted.workflow
    workflow["nodes"][0]["pos"][0] = -1
    workflow["nodes"][0]["outputs"][0]["links"].append(99)
    workflow["links"].clear()
    workflow["nodes"][1]["widgets_values"].append("junk")
    assert api_to_ui(graph, info) == from_scratch(graph)
    assert emit_workflow(graph, info).node_ids == emit_workflow(graph, fresh_info()).node_ids


def test_the_least_recently_used_shapes_are_let_go() -> None:
    cache = emit._SkeletonCache(per_info=2)
    info = fresh_info()
    graphs = [job_graph("a fox", 1), {"1": {"class_type": "LoadImage", "inputs": {"image": "a"}}}]
    graphs.append({"1": {"class_type": "Unknown", "inputs": {"x": 1}}})
    nodes = [{k: v for k, v in g.items() if isinstance(v, dict)} for g in graphs]
    first = cache.get(info, nodes[0])
    cache.get(info, nodes[1])
    assert cache.get(info, nodes[0]) is first  # used again: now the most recent
    cache.get(info, nodes[2])  # lets go of nodes[1]'s, the least recently used
    assert cache.get(info, nodes[0]) is first
    assert cache.get(info, nodes[1]) is not cache.get(info, nodes[0])


def test_a_server_info_that_is_gone_takes_its_skeletons_with_it() -> None:
    cache = emit._SkeletonCache()
    info = fresh_info()
    cache.get(info, job_graph("a fox", 1))
    assert len(cache._by_info) == 1
    del info
    gc.collect()
    assert len(cache._by_info) == 0
