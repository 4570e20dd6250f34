"""Exporting a job's workflow (core/workflows/export.py): the API graph that ran, and the UI
format from the output's `workflow` chunk or, without one, written from /object_info. Each UI
export is converted back and compared with the API graph."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows import TemplateRegistry
from studio_desktop.core.workflows import export as export_module
from studio_desktop.core.workflows.export import (
    NO_GRAPH,
    NO_OBJECT_INFO,
    UiOrigin,
    WorkflowExportError,
    WorkflowFormat,
    export_file_name,
    export_workflow,
    write_workflow,
)
from studio_desktop.core.workflows.ui_graph.convert import convert_ui_workflow
from studio_desktop.core.workflows.ui_graph.emit import api_to_ui

DATA = Path(__file__).resolve().parents[1] / "data"
INFO = ObjectInfo(json.loads((DATA / "object_info.json").read_text(encoding="utf-8")))
TXT2IMG = TemplateRegistry(user_dir=None).get("txt2img")


def graph_of(api: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in api.items()}


GRAPH = graph_of(TXT2IMG.graph)


def png(path: Path, **texts: str) -> Path:
    info = PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    Image.new("RGB", (8, 8)).save(path, pnginfo=info)
    return path


def test_the_ui_format_is_the_outputs_own_workflow_chunk(tmp_path: Path) -> None:
    ui = api_to_ui(GRAPH, INFO)
    ui["extra"] = {"drawn in": "ComfyUI"}  # whatever the file holds is what is exported
    file = png(tmp_path / "out.png", workflow=json.dumps(ui), prompt=json.dumps(GRAPH))
    exported = export_workflow(GRAPH, file=file, info=None)  # no server needed
    assert exported.ui_origin is UiOrigin.FILE
    assert json.loads(exported.text(WorkflowFormat.UI)) == ui
    assert json.loads(exported.text(WorkflowFormat.API)) == GRAPH
    back = convert_ui_workflow(json.loads(exported.text(WorkflowFormat.UI)), INFO, "export")
    assert graph_of(back) == GRAPH


def test_without_a_workflow_chunk_the_ui_format_is_written_from_object_info(
    tmp_path: Path,
) -> None:
    file = png(tmp_path / "plain.png")
    exported = export_workflow(GRAPH, file=file, info=INFO)
    assert exported.ui_origin is UiOrigin.EMITTED
    back = convert_ui_workflow(json.loads(exported.text(WorkflowFormat.UI)), INFO, "export")
    assert graph_of(back) == GRAPH


def test_without_object_info_the_ui_format_says_why_and_the_api_format_works() -> None:
    exported = export_workflow(GRAPH, file=None, info=None)
    assert json.loads(exported.text(WorkflowFormat.API)) == GRAPH
    with pytest.raises(WorkflowExportError) as caught:
        exported.text(WorkflowFormat.UI)
    assert caught.value.text.template == NO_OBJECT_INFO


def test_a_job_that_never_ran_has_neither_format() -> None:
    exported = export_workflow(None, info=INFO)
    for fmt in WorkflowFormat:
        with pytest.raises(WorkflowExportError) as caught:
            exported.data(fmt)
        assert caught.value.text.template == NO_GRAPH


def test_the_api_graph_comes_from_the_prompt_chunk_when_the_job_has_none(tmp_path: Path) -> None:
    file = png(tmp_path / "out.png", prompt=json.dumps(GRAPH))
    exported = export_workflow(None, file=file, info=INFO)
    assert exported.data(WorkflowFormat.API) == GRAPH
    assert exported.ui_origin is UiOrigin.EMITTED


def test_junk_and_missing_files_fall_back_to_the_jobs_graph(tmp_path: Path) -> None:
    junk = png(tmp_path / "junk.png", workflow="{not json", prompt='{"1": 5}')
    for file in (junk, tmp_path / "gone.png", tmp_path / "junk.png"):
        exported = export_workflow(GRAPH, file=file, info=INFO)
        assert exported.ui_origin is UiOrigin.EMITTED
        assert exported.data(WorkflowFormat.API) == GRAPH
    # An API graph in the `workflow` chunk is not the UI format.
    odd = png(tmp_path / "odd.png", workflow=json.dumps(GRAPH))
    assert export_workflow(GRAPH, file=odd, info=None).ui is None


def test_an_emitter_failure_is_a_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> dict[str, Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(export_module, "api_to_ui", broken)
    exported = export_workflow(GRAPH, info=INFO)
    assert exported.data(WorkflowFormat.API) == GRAPH
    with pytest.raises(WorkflowExportError, match="a bug"):
        exported.data(WorkflowFormat.UI)


def test_write_and_file_names(tmp_path: Path) -> None:
    exported = export_workflow(GRAPH, info=INFO)
    target = tmp_path / "flow.json"
    write_workflow(target, exported, WorkflowFormat.API)
    assert json.loads(target.read_text(encoding="utf-8")) == GRAPH
    assert export_file_name("SDXL: text → image", "1a2b3c4d5e", WorkflowFormat.UI) == (
        "SDXL-text-image-1a2b3c4d.json"
    )
    chinese = export_file_name("文生图", "1a2b3c4d5e", WorkflowFormat.API)
    assert chinese == "文生图-1a2b3c4d-api.json"
    assert export_file_name(None, "1a2b3c4d5e", WorkflowFormat.UI) == "workflow-1a2b3c4d.json"
