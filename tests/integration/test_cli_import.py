"""`studio-desktop import FILE`, run as a real subprocess: each accepted kind of file becomes a
template in the data folder (the one the window lists and `generate --template` runs), and a file
that cannot be one is a single `error:` line with exit code 2 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image

from studio_desktop.core.workflows.registry import TemplateRegistry
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_cli import studio
from tests.integration.test_cli_workflow import (
    OBJECT_INFO,
    UI_REROUTE,
    UI_REROUTE_API,
    WORKFLOWS,
    as_graph,
    load,
    png_with,
)

SD15 = WORKFLOWS / "sd15_basic.json"


def run_import(data: Path, *args: str) -> tuple[int, str, str]:
    result = studio("import", *args, data_dir=data)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def template_graph(data: Path, template_id: str) -> dict[str, Any]:
    return as_graph(dict(TemplateRegistry(user_dir=data / "templates").get(template_id).graph))


def imported_id(stdout: str) -> str:
    record: dict[str, Any] = json.loads(stdout)
    return str(record["id"])


def test_api_json_becomes_a_template(tmp_path: Path) -> None:
    rc, out, err = run_import(tmp_path, str(SD15), "--name", "My flow 我的", "--json")
    assert rc == 0, err
    record = json.loads(out)
    assert (record["id"], record["name"]) == ("my-flow-我的", "My flow 我的")
    assert {"prompt", "seed", "model"} <= set(record["slots"])
    assert template_graph(tmp_path, record["id"]) == as_graph(load(SD15))


def test_a_second_import_never_replaces_the_first(tmp_path: Path) -> None:
    first = run_import(tmp_path, str(SD15), "--json")
    second = run_import(tmp_path, str(SD15), "--json")
    assert (imported_id(first[1]), imported_id(second[1])) == ("sd15-basic", "sd15-basic-2")
    assert "as template" in run_import(tmp_path, str(SD15))[1]  # the plain line names the id


def test_ui_json_is_converted_with_the_node_list_file(tmp_path: Path) -> None:
    rc, out, err = run_import(
        tmp_path, str(UI_REROUTE), "--object-info", str(OBJECT_INFO), "--json"
    )
    assert rc == 0, err
    assert template_graph(tmp_path, imported_id(out)) == load(UI_REROUTE_API)


def test_ui_json_uses_a_registered_server_and_the_template_runs(
    tmp_path: Path, fake_comfy: FakeComfyServer
) -> None:
    """No --server: the node list comes from the registered servers, as the window's would;
    then `generate` runs the new template on that server."""
    assert studio("servers", "add", fake_comfy.url, data_dir=tmp_path).returncode == 0
    rc, out, err = run_import(tmp_path, str(UI_REROUTE), "--json")
    assert rc == 0, err
    template_id = imported_id(out)
    assert template_graph(tmp_path, template_id) == load(UI_REROUTE_API)
    ran = studio("generate", "a fox", "--template", template_id, "--seed", "5", data_dir=tmp_path)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    sent = fake_comfy.submitted[-1]["prompt"]
    assert sent["6"]["inputs"]["text"] == "a fox" and sent["3"]["inputs"]["seed"] == 5


def test_png_with_only_a_workflow_chunk(tmp_path: Path) -> None:
    png = png_with(tmp_path / "made in comfy.png", workflow=UI_REROUTE.read_text("utf-8"))
    rc, out, err = run_import(
        tmp_path / "data", str(png), "--object-info", str(OBJECT_INFO), "--json"
    )
    assert rc == 0, err
    assert json.loads(out)["name"] == "Made in comfy"
    assert template_graph(tmp_path / "data", imported_id(out)) == load(UI_REROUTE_API)


def test_png_with_a_prompt_chunk_needs_no_server(tmp_path: Path) -> None:
    png = png_with(tmp_path / "out.png", prompt=SD15.read_text("utf-8"))
    rc, out, err = run_import(tmp_path / "data", str(png), "--json")
    assert rc == 0, err
    assert template_graph(tmp_path / "data", imported_id(out)) == as_graph(load(SD15))


def test_webp_with_comfyuis_exif_prompt(tmp_path: Path) -> None:
    """SaveAnimatedWEBP writes `prompt:<json>` into the EXIF Model tag (0x0110)."""
    exif = Image.Exif()
    exif[0x0110] = "prompt:" + SD15.read_text("utf-8")
    path = tmp_path / "anim.webp"
    Image.new("RGB", (8, 8), "blue").save(path, exif=exif.tobytes())
    rc, out, err = run_import(tmp_path / "data", str(path), "--json")
    assert rc == 0, err
    assert template_graph(tmp_path / "data", imported_id(out)) == as_graph(load(SD15))


def test_bad_inputs_are_one_line_and_write_nothing(tmp_path: Path) -> None:
    a1111 = png_with(tmp_path / "a1111.png", parameters="a cat\nSteps: 20, Sampler: Euler a")
    plain = png_with(tmp_path / "plain.png")
    not_json = tmp_path / "notes.json"
    not_json.write_text("{ not json", encoding="utf-8")
    cases = {
        str(a1111): "a1111.png carries A1111/Forge generation settings",
        str(plain): "plain.png carries no ComfyUI workflow",
        str(not_json): "notes.json is not valid JSON (line 1, column 3)",
        str(tmp_path / "gone.json"): "Cannot read gone.json",
        str(WORKFLOWS / "broken_cycle.json"): "Nodes form a loop",
    }
    data = tmp_path / "data"
    for file, expected in cases.items():
        rc, out, err = run_import(data, file)
        assert (rc, out) == (2, ""), (file, out, err)
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
        assert expected in err, (file, err)
    unknown = WORKFLOWS / "ui_edge_unknown_node.json"
    rc, _, err = run_import(data, str(unknown), "--object-info", str(OBJECT_INFO))
    assert rc == 2 and err.startswith("error: node 21 (FaceDetailerPlus): "), err
    assert "comfyui-impact-pack" in err and len(err.splitlines()) == 1
    rc, _, err = run_import(data, str(UI_REROUTE), "--server", "http://127.0.0.1:9")
    assert rc == 2 and len(err.splitlines()) == 1, err  # nothing listens on port 9
    assert "cannot read the server's node list (http://127.0.0.1:9: " in err
    templates = data / "templates"
    assert not templates.exists() or not any(templates.iterdir())
