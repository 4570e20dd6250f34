"""`studio-desktop workflow convert`, run as a real subprocess: every accepted input gives the
API-format graph on stdout (rc 0); a graph it cannot convert gives one line naming the node and
why (rc 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_cli import studio
from tests.shared_data import shared_dir

DATA = Path(__file__).resolve().parent.parent / "data"
WORKFLOWS = DATA / "workflows"
OBJECT_INFO = DATA / "object_info.json"
UI_REROUTE = WORKFLOWS / "ui_edge_reroute.json"
# Checked by hand against the UI file: the three reroutes vanish, model and VAE come straight
# from the checkpoint loader, the seed's "randomize" is not sent.
UI_REROUTE_API = WORKFLOWS / "ui_edge_reroute.api.json"
ORACLE = (shared_dir() or Path("/nonexistent")) / "workflow-oracle"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def as_graph(api: dict[str, Any]) -> dict[str, Any]:
    """What makes two API graphs the same: node ids, class types, inputs and links."""
    return {k: {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in api.items()}


def png_with(path: Path, **chunks: str) -> Path:
    info = PngInfo()
    for key, text in chunks.items():
        info.add_text(key, text)
    Image.new("RGB", (8, 8), "red").save(path, pnginfo=info)
    return path


def convert(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = studio("workflow", "convert", *args, data_dir=tmp_path / "data")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def test_ui_json_converts_to_the_expected_graph(tmp_path: Path) -> None:
    rc, out, err = convert(tmp_path, str(UI_REROUTE), "--object-info", str(OBJECT_INFO))
    assert rc == 0, err
    assert as_graph(json.loads(out)) == load(UI_REROUTE_API)
    assert err == ""


def test_api_json_is_printed_back_as_the_same_graph(tmp_path: Path) -> None:
    source = WORKFLOWS / "sd15_basic.json"
    rc, out, err = convert(tmp_path, str(source), "--object-info", str(OBJECT_INFO))
    assert rc == 0, err
    assert as_graph(json.loads(out)) == as_graph(load(source))


def test_png_with_a_workflow_chunk_is_converted(tmp_path: Path) -> None:
    png = png_with(tmp_path / "ui.png", workflow=UI_REROUTE.read_text(encoding="utf-8"))
    rc, out, err = convert(tmp_path, str(png), "--object-info", str(OBJECT_INFO))
    assert rc == 0, err
    assert as_graph(json.loads(out)) == load(UI_REROUTE_API)


def test_png_with_only_a_prompt_chunk_needs_no_node_list(tmp_path: Path) -> None:
    graph = load(WORKFLOWS / "sd15_basic.json")
    png = png_with(tmp_path / "api.png", prompt=json.dumps(graph))
    rc, out, err = convert(tmp_path, str(png))  # the prompt chunk is API format already
    assert rc == 0, err
    assert as_graph(json.loads(out)) == as_graph(graph)


def test_unknown_node_is_one_line_naming_node_and_pack(tmp_path: Path) -> None:
    ui = WORKFLOWS / "ui_edge_unknown_node.json"
    rc, out, err = convert(tmp_path, str(ui), "--object-info", str(OBJECT_INFO))
    assert (rc, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: node 21 (FaceDetailerPlus): ")
    assert "comfyui-impact-pack" in lines[0]


def test_ui_json_without_a_node_list_says_what_to_pass(tmp_path: Path) -> None:
    rc, out, err = convert(tmp_path, str(UI_REROUTE))
    assert (rc, out) == (2, "")
    assert len(err.splitlines()) == 1 and "--server URL or --object-info FILE" in err


def test_server_node_list_is_read_from_the_server(
    tmp_path: Path, fake_comfy: FakeComfyServer
) -> None:
    rc, out, err = convert(tmp_path, str(UI_REROUTE), "--server", fake_comfy.url)
    assert rc == 0, err
    assert as_graph(json.loads(out)) == load(UI_REROUTE_API)


def test_unreachable_server_is_one_line(tmp_path: Path, fake_comfy: FakeComfyServer) -> None:
    url = fake_comfy.url
    fake_comfy.stop()
    rc, out, err = convert(tmp_path, str(UI_REROUTE), "--server", url)
    assert (rc, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err


@pytest.mark.skipif(not (ORACLE / "manifest.json").is_file(), reason="no shared/workflow-oracle")
@pytest.mark.parametrize("name", ["default", "hm_06_widget_converted_to_input"])
def test_real_workflow_matches_comfyuis_own_conversion(tmp_path: Path, name: str) -> None:
    """ComfyUI's default workflow, and one with a primitive node feeding widget sockets,
    against the API graph ComfyUI's front end (graphToPrompt) made of each."""
    entries = load(ORACLE / "manifest.json")["workflows"]
    entry = next(w for w in entries if w["name"] == name)
    rc, out, err = convert(
        tmp_path, str(ORACLE / entry["ui_file"]), "--object-info", str(ORACLE / "object_info.json")
    )
    assert rc == 0, err
    assert as_graph(json.loads(out)) == as_graph(load(ORACLE / entry["api_file"]))
