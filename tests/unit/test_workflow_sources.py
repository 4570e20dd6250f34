"""core.workflows.sources: where each tool puts a workflow in a file, and what we say when a file
holds none. Real encoded files (Pillow, PyAV), written the way ComfyUI, A1111 and Civitai do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows.importer import read_workflow
from studio_desktop.core.workflows.sources import load_workflow_source
from studio_desktop.core.workflows.template import TemplateError
from tests.fakes.comfy_images import Look
from tests.fakes.comfy_media import encoded_video, tagged

DATA = Path(__file__).resolve().parents[1] / "data"
WORKFLOWS = DATA / "workflows"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text("utf-8")))
API = json.loads((WORKFLOWS / "sd15_basic.json").read_text("utf-8"))
UI_TEXT = (WORKFLOWS / "ui_edge_reroute.json").read_text("utf-8")
UI_API = json.loads((WORKFLOWS / "ui_edge_reroute.api.json").read_text("utf-8"))
USER_COMMENT = 0x9286


def graph(result: dict[str, Any]) -> dict[str, Any]:
    return {k: {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in result.items()}


def png(path: Path, **chunks: str) -> Path:
    info = PngInfo()
    for key, text in chunks.items():
        info.add_text(key, text, zip=key == "workflow")  # ComfyUI's chunks may be zTXt too
    Image.new("RGB", (4, 4)).save(path, pnginfo=info)
    return path


def exif_picture(path: Path, fmt: str, tags: dict[int, str], comment: bytes | None) -> Path:
    exif = Image.Exif()
    for tag, text in tags.items():
        exif[tag] = text
    if comment is not None:
        exif.get_ifd(0x8769)[USER_COMMENT] = comment
    Image.new("RGB", (4, 4)).save(path, format=fmt, exif=exif.tobytes())
    return path


def test_prompt_chunk_wins_over_workflow_chunk(tmp_path: Path) -> None:
    path = png(tmp_path / "both.png", prompt=json.dumps(API), workflow=UI_TEXT)
    source = load_workflow_source(path)
    assert (source.data, source.what) == (API, "both.png (prompt)")


def test_workflow_chunk_alone_is_converted(tmp_path: Path) -> None:
    path = png(tmp_path / "ui.png", workflow=UI_TEXT)
    assert graph(read_workflow(path, INFO)) == UI_API
    with pytest.raises(TemplateError, match=r"ui\.png \(workflow\): .*node list of a ComfyUI"):
        read_workflow(path)  # no server's node list: says so, and how to export instead


def test_webp_with_comfyuis_exif_workflow_tag(tmp_path: Path) -> None:
    """SaveAnimatedWEBP: `workflow:<json>` in Make (0x010F), `prompt:<json>` in Model (0x0110)."""
    path = exif_picture(tmp_path / "a.webp", "WEBP", {0x010F: "workflow:" + UI_TEXT}, None)
    assert graph(read_workflow(path, INFO)) == UI_API


def test_a1111_and_forge_settings_point_to_generate(tmp_path: Path) -> None:
    text = "a cat\nNegative prompt: dog\nSteps: 20, Sampler: DPM++ 2M Karras, Seed: 1"
    comment = b"UNICODE\x00" + text.encode("utf-16-be")
    for path in (
        png(tmp_path / "a1111.png", parameters=text),
        exif_picture(tmp_path / "forge.jpg", "JPEG", {}, comment),
    ):
        with pytest.raises(TemplateError, match=r"A1111/Forge generation settings.*Generate"):
            load_workflow_source(path)


def test_civitai_json_comment_gives_its_graph(tmp_path: Path) -> None:
    civitai = {**API, "extraMetadata": json.dumps({"prompt": "a cat"}), "resource-stack": {}}
    comment = b"UNICODE\x00" + json.dumps(civitai).encode("utf-16-le")
    path = exif_picture(tmp_path / "civitai.jpeg", "JPEG", {}, comment)
    source = load_workflow_source(path)
    assert (source.data, source.what) == (API, "civitai.jpeg (Civitai)")


def test_video_container_tags(tmp_path: Path) -> None:
    data = encoded_video("webm", (32, 32), Look(palette=1), 2, 2.0)
    path = tmp_path / "clip.webm"
    path.write_bytes(tagged(data, "webm", {"prompt": json.dumps(API), "workflow": UI_TEXT}))
    assert read_workflow(path) == API


def test_files_without_a_workflow_say_so(tmp_path: Path) -> None:
    plain = png(tmp_path / "plain.png")
    with pytest.raises(TemplateError, match=r"plain\.png carries no ComfyUI workflow"):
        load_workflow_source(plain)
    broken = png(tmp_path / "broken.png", prompt='{"3": ')
    with pytest.raises(TemplateError, match=r"broken\.png \(prompt\) is not valid JSON"):
        load_workflow_source(broken)
    deep = png(tmp_path / "deep.png", prompt="[" * 100_000 + "]" * 100_000)
    with pytest.raises(TemplateError, match=r"deep\.png \(prompt\)"):
        read_workflow(deep)
