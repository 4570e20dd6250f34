"""Hand-made UI-format edge cases (tests/data/workflows/ui_edge_*.json), one construct each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows.ui_graph.convert import convert_ui_workflow
from studio_desktop.core.workflows.ui_graph.errors import ConversionError

DATA = Path(__file__).resolve().parent.parent / "data"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text("utf-8")))


def convert(name: str) -> dict[str, Any]:
    data = json.loads((DATA / "workflows" / f"ui_edge_{name}.json").read_text("utf-8"))
    return {k: v["inputs"] for k, v in convert_ui_workflow(data, INFO, name).items()}


def test_widget_converted_to_socket() -> None:
    graph = convert("widget_socket")
    assert graph["5"]["width"] == ["11", 0]  # linked socket
    assert graph["3"]["steps"] == 20  # unlinked socket keeps its widget value


def test_primitive_node_value_overrides_stale_values() -> None:
    graph = convert("primitive")
    assert graph["6"]["text"] == graph["7"]["text"] == "a red fox"
    assert "12" not in graph


def test_reroutes_vanish() -> None:
    graph = convert("reroute")
    assert graph["3"]["model"] == ["4", 0] and graph["8"]["vae"] == ["4", 2]
    assert not {"13", "14", "15"} & set(graph)


def test_bypassed_node_passes_through_by_type() -> None:
    graph = convert("bypassed")
    assert "16" not in graph
    assert graph["3"]["model"] == ["4", 0] and graph["6"]["clip"] == ["4", 1]


def test_muted_node_dropped_with_the_inputs_it_fed() -> None:
    graph = convert("muted")
    assert not {"17", "18"} & set(graph)
    assert "images" not in graph["9"]


def test_groups_and_notes_change_nothing() -> None:
    assert convert("group") == convert("muted") | {"9": convert("group")["9"]}
    assert "19" not in convert("group")


def test_seed_control_value_is_not_sent_and_big_seeds_stay_exact() -> None:
    sampler = convert("seed_control")["3"]
    assert sampler["seed"] == 2**53 + 1 and sampler["steps"] == 25
    assert "control_after_generate" not in sampler


def test_image_upload_widget_is_not_sent() -> None:
    assert convert("load_image")["20"] == {"image": "photo.png"}


def test_link_to_a_missing_node_names_node_and_input() -> None:
    with pytest.raises(ConversionError, match=r"Node 3 \(KSampler\): .*latent_image.* node 99"):
        convert("missing_link")


def test_unknown_node_names_the_pack() -> None:
    with pytest.raises(ConversionError) as caught:
        convert("unknown_node")
    assert (caught.value.node, caught.value.node_type) == ("21", "FaceDetailerPlus")
    assert "comfyui-impact-pack" in str(caught.value)


def test_subgraph_is_flattened_with_path_ids() -> None:
    graph = convert("subgraph")
    assert graph["3"]["positive"] == ["30:6", 0] and graph["3"]["negative"] == ["30:7", 0]
    assert graph["30:6"] == {"clip": ["4", 1], "text": "a cat"}
    assert "30" not in graph
