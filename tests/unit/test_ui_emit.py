"""API graph → UI-format workflow (ui_graph/emit.py), checked by converting it back.

`convert_ui_workflow(api_to_ui(g))` must give `g` again, compared as graphs (node ids, class
types, inputs and links), for every built-in template and every API graph in the workflow
oracle whose nodes its /object_info knows; and the layout must not put one node on another.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.models import SystemStats
from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.engine import steps
from studio_desktop.core.engine.steps import extra_data
from studio_desktop.core.servers import probe
from studio_desktop.core.workflows import TemplateRegistry
from studio_desktop.core.workflows.ui_graph.convert import convert_ui_workflow
from studio_desktop.core.workflows.ui_graph.emit import api_to_ui, emit_workflow
from studio_desktop.core.workflows.ui_graph.layout import TITLE_HEIGHT, Box, layers, layout
from tests.shared_data import shared_dir

DATA = Path(__file__).resolve().parents[1] / "data"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text(encoding="utf-8")))
ORACLE = (shared_dir() or Path("/nonexistent")) / "workflow-oracle"
TEMPLATES = sorted(TemplateRegistry(user_dir=None).all(), key=lambda t: t.id)


def _oracle_entries() -> list[dict[str, Any]]:
    if not (ORACLE / "manifest.json").is_file():
        return []
    manifest = json.loads((ORACLE / "manifest.json").read_text(encoding="utf-8"))
    return [w for w in manifest["workflows"] if w["api_file"] and not w["unknown_node_types"]]


ORACLE_ENTRIES = _oracle_entries()
_oracle_info: list[ObjectInfo] = []


def oracle_info() -> ObjectInfo:
    if not _oracle_info:
        raw = json.loads((ORACLE / "object_info.json").read_text(encoding="utf-8"))
        _oracle_info.append(ObjectInfo(raw))
    return _oracle_info[0]


def graph_of(api: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in api.items()}


def round_trip(graph: Mapping[str, Any], info: ObjectInfo) -> dict[str, Any]:
    """`graph` emitted, written as JSON, read back and converted, with its API ids restored."""
    emitted = emit_workflow(graph, info)
    text = json.dumps(emitted.workflow)
    back = convert_ui_workflow(json.loads(text), info, "emitted")
    original = {str(ui): key for key, ui in emitted.node_ids.items()}

    def renamed(value: Any) -> Any:
        if isinstance(value, list) and len(value) == 2 and value[0] in original:
            return [original[value[0]], value[1]]
        return value

    return {
        original[k]: {
            "class_type": v["class_type"],
            "inputs": {name: renamed(value) for name, value in v["inputs"].items()},
        }
        for k, v in back.items()
    }


def boxes_of(workflow: Mapping[str, Any]) -> list[Box]:
    return [Box(n["pos"][0], n["pos"][1], n["size"][0], n["size"][1]) for n in workflow["nodes"]]


def assert_no_overlap(workflow: Mapping[str, Any]) -> None:
    for one, other in combinations(boxes_of(workflow), 2):
        assert not one.overlaps(other), (one, other)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_builtin_template_round_trips(template: Any) -> None:
    graph = graph_of(template.graph)
    if not all(INFO.has(node["class_type"]) for node in graph.values()):
        pytest.skip("needs node types the captured server lacks (see the next test)")
    assert round_trip(graph, INFO) == graph
    assert_no_overlap(api_to_ui(graph, INFO))


def test_templates_with_unknown_nodes_are_still_written_whole() -> None:
    """head_swap (ReActor) and audio_stable (audio nodes) on a server without those nodes:
    every node is written, with every link, so ComfyUI shows them as missing nodes."""
    checked = 0
    for template in TEMPLATES:
        graph = graph_of(template.graph)
        if all(INFO.has(node["class_type"]) for node in graph.values()):
            continue
        workflow = api_to_ui(graph, INFO)
        assert sorted(str(n["id"]) for n in workflow["nodes"]) == sorted(graph)
        api_links = sum(
            1
            for node in graph.values()
            for value in node["inputs"].values()
            if isinstance(value, list) and str(value[0]) in graph
        )
        assert len(workflow["links"]) == api_links
        assert_no_overlap(workflow)
        checked += 1
    assert checked == 2


@pytest.mark.skipif(not ORACLE_ENTRIES, reason="no shared/workflow-oracle")
@pytest.mark.parametrize("entry", ORACLE_ENTRIES, ids=[w["name"] for w in ORACLE_ENTRIES])
def test_oracle_api_graph_round_trips(entry: dict[str, Any]) -> None:
    """The front end's own API graphs (flattened subgraphs with ids like "57:44" included)."""
    graph = graph_of(json.loads((ORACLE / entry["api_file"]).read_text(encoding="utf-8")))
    assert round_trip(graph, oracle_info()) == graph
    assert_no_overlap(api_to_ui(graph, oracle_info()))


TXT2IMG = next(t for t in TEMPLATES if t.id == "txt2img")


def test_the_shape_comfyui_saves() -> None:
    workflow = api_to_ui(TXT2IMG.graph, INFO)
    assert set(workflow) == {
        "last_node_id",
        "last_link_id",
        "nodes",
        "links",
        "groups",
        "config",
        "extra",
        "version",
    }
    assert workflow["version"] == 0.4
    assert workflow["last_node_id"] == max(n["id"] for n in workflow["nodes"]) == 9
    assert workflow["last_link_id"] == len(workflow["links"])
    nodes = {n["id"]: n for n in workflow["nodes"]}
    sampler = nodes[3]
    assert sampler["properties"] == {"Node name for S&R": "KSampler"}
    assert [p["name"] for p in sampler["inputs"]] == [
        "model",
        "positive",
        "negative",
        "latent_image",
    ]
    # seed, its control widget (written "fixed", so the reopened graph keeps the seed), ...
    assert sampler["widgets_values"] == [0, "fixed", 20, 7.0, "euler", "normal", 1.0]
    assert sampler["outputs"] == [
        {"name": "LATENT", "type": "LATENT", "links": [7], "slot_index": 0}
    ]
    for link_id, origin, slot, target, target_slot, kind in workflow["links"]:
        assert link_id in nodes[origin]["outputs"][slot]["links"]
        assert nodes[target]["inputs"][target_slot]["link"] == link_id
        assert nodes[origin]["outputs"][slot]["type"] == kind
    # `order` is an execution order: every link goes from a lower order to a higher one.
    assert all(nodes[o]["order"] < nodes[t]["order"] for _, o, _, t, _, _ in workflow["links"])
    # Left to right: every link goes rightwards.
    assert all(nodes[o]["pos"][0] < nodes[t]["pos"][0] for _, o, _, t, _, _ in workflow["links"])


def test_load_image_gets_its_upload_widget() -> None:
    graph = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "cat.png"}},
        "2": {"class_type": "PreviewImage", "inputs": {"images": ["1", 0]}},
    }
    node = api_to_ui(graph, INFO)["nodes"][0]
    assert node["widgets_values"] == ["cat.png", "image"]
    assert round_trip(graph, INFO) == graph


def test_a_linked_widget_becomes_a_socket_named_for_its_widget() -> None:
    graph = graph_of(copy.deepcopy(TXT2IMG.graph))
    graph["10"] = {"class_type": "PrimitiveInt", "inputs": {"value": 768}}
    graph["5"]["inputs"]["width"] = ["10", 0]
    workflow = api_to_ui(graph, INFO)
    node = next(n for n in workflow["nodes"] if n["id"] == 5)
    (link,) = [link for link in workflow["links"] if link[1] == 10]
    assert link[3:] == [5, 0, "INT"]
    assert node["inputs"] == [
        {"name": "width", "type": "INT", "widget": {"name": "width"}, "link": link[0]}
    ]
    assert node["widgets_values"][0] == 512  # the widget keeps a plain value (the default)
    assert round_trip(graph, INFO) == graph


def test_braces_in_a_prompt_are_kept_literally() -> None:
    """The front end resolves `{a|b}` in dynamic-prompt texts before sending; the text that ran
    had none resolved, so the workflow escapes the braces and the same text comes back."""
    graph = graph_of(copy.deepcopy(TXT2IMG.graph))
    graph["6"]["inputs"]["text"] = 'a {red|blue} fox, {"json": 1}'
    node = next(n for n in api_to_ui(graph, INFO)["nodes"] if n["id"] == 6)
    assert node["widgets_values"] == ['a \\{red|blue\\} fox, \\{"json": 1\\}']
    assert round_trip(graph, INFO) == graph


def test_escaped_parentheses_in_a_prompt_come_back() -> None:
    # The converter un-escaped every backslash ("artist \\(style\\)" became "artist (style)",
    # "C:\\styles" "C:styles"); ComfyUI's front end only un-escapes \\{ \\} \\|.
    graph = graph_of(copy.deepcopy(TXT2IMG.graph))
    graph["6"]["inputs"]["text"] = "portrait, artist \\(style\\), C:\\styles"
    assert round_trip(graph, INFO) == graph


def test_ids_that_are_not_numbers_get_fresh_ones() -> None:
    graph = graph_of(copy.deepcopy(TXT2IMG.graph))
    graph["12:3"] = graph.pop("3")
    graph["8"]["inputs"]["samples"] = ["12:3", 0]
    emitted = emit_workflow(graph, INFO)
    assert emitted.node_ids["12:3"] == 10  # after the largest numeric id
    assert all(emitted.node_ids[k] == int(k) for k in graph if k != "12:3")
    assert round_trip(graph, INFO) == graph


def test_unknown_types_dangling_links_and_junk_do_not_crash() -> None:
    graph: dict[str, Any] = {
        "1": {"class_type": "FancyUpscaler", "inputs": {"image": ["2", 0], "scale": 2.5}},
        "2": {"class_type": "LoadImage", "inputs": {"image": "x.png"}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["1", 3], "filename_prefix": "a"}},
        "4": {"class_type": "VAEDecode", "inputs": {"samples": ["99", 0], "vae": "oops"}},
        "5": {"inputs": {}},  # no class_type: not a node
        "6": "junk",
        "7": {"class_type": "KSampler", "inputs": "junk"},
    }
    workflow = api_to_ui(graph, INFO)
    nodes = {n["id"]: n for n in workflow["nodes"]}
    assert sorted(nodes) == [1, 2, 3, 4, 7]
    fancy = nodes[1]
    assert fancy["inputs"] == [{"name": "image", "type": "*", "link": 1}]
    assert fancy["widgets_values"] == [2.5]
    # Output slot 3 of an unknown node: untyped outputs up to it.
    assert [o["type"] for o in fancy["outputs"]] == ["*", "*", "*", "*"]
    assert fancy["outputs"][3]["links"] == [2]
    assert all(p["link"] is None for p in nodes[4]["inputs"])  # node 99 is not there
    assert_no_overlap(workflow)


def test_layers_are_longest_paths_and_survive_loops() -> None:
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
    assert layers(["a", "b", "c", "d", "e"], edges) == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 0}
    looped = layers(["a", "b"], [("a", "b"), ("b", "a")])
    assert sorted(looped.values()) == [0, 1]
    long_chain = [(i, i + 1) for i in range(5000)]
    assert layers(list(range(5001)), long_chain)[5000] == 5000


def test_layout_never_overlaps_in_a_crowded_column() -> None:
    nodes = list(range(40))
    edges = [(0, i) for i in range(1, 40)] + [(i, 39) for i in range(1, 39)]
    sizes = {i: (100.0 + 17 * (i % 5), 40.0 + 23 * (i % 7)) for i in nodes}
    placed = layout(nodes, edges, sizes)
    for one, other in combinations(placed.values(), 2):
        assert not one.overlaps(other)
    # A title sits above `pos`, so the first node's title must be on the canvas too.
    assert min(box.y for box in placed.values()) >= TITLE_HEIGHT


# --- what the engine sends -----------------------------------------------------------------------


def test_the_prompt_carries_the_workflow_when_the_server_info_is_known() -> None:
    graph = graph_of(TXT2IMG.graph)
    sent = extra_data(graph, "auto", INFO)
    assert sent["preview_method"] == "auto"
    assert sent["extra_pnginfo"] == {"workflow": api_to_ui(graph, INFO)}
    json.dumps(sent)  # it goes into a JSON body as it is


def test_no_workflow_without_server_info_and_never_a_failed_job(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    graph = graph_of(TXT2IMG.graph)
    # Without /object_info the widget order is unknown: better no workflow than a wrong one.
    assert extra_data(graph, "none", None) == {"preview_method": "none"}

    def broken(*_args: Any) -> dict[str, Any]:
        raise RuntimeError("a bug in the emitter")

    monkeypatch.setattr(steps, "api_to_ui", broken)
    with caplog.at_level("ERROR", logger="studio.engine"):
        assert extra_data(graph, "auto", INFO) == {"preview_method": "auto"}
    assert "could not write the UI-format workflow" in caplog.text


def test_capabilities_keep_the_object_info_they_came_from() -> None:
    class Client:
        def system_stats(self) -> SystemStats:
            return SystemStats("0.3.64", "3.11", "posix", ())

        def object_info(self) -> ObjectInfo:
            return INFO

    caps = probe(Client())  # type: ignore[arg-type]
    assert caps.info is INFO
    assert caps == replace(caps, info=None)  # not part of equality: compare what they offer
