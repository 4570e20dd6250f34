"""Importing what ComfyUI's /history answers: the user saved a history entry and got
"Node prompt is not a ComfyUI node (it has no class_type)"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.workflows import TemplateError
from studio_desktop.core.workflows.importer import import_workflow, read_workflow
from tests.shared_data import shared_path


def history_body() -> dict[str, Any]:
    """The body of a real `GET /api/history?max_items=1` (ComfyUI 0.3.64): one entry."""
    trace = json.loads(
        shared_path("comfyui-0.3.64-traces", "21_gets.json").read_text(encoding="utf-8")
    )
    body: dict[str, Any] = trace["/api/history?max_items=1"]["body"]
    assert len(body) == 1
    return body


def graph_of(body: dict[str, Any]) -> dict[str, Any]:
    (entry,) = body.values()
    graph: dict[str, Any] = entry["prompt"][2]
    return graph


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_whole_history_answer_is_imported_not_refused(tmp_path: Path) -> None:
    body = history_body()
    graph = read_workflow(write(tmp_path, body))
    assert graph == graph_of(body)


def test_single_history_entry_is_imported(tmp_path: Path) -> None:
    body = history_body()
    (entry,) = body.values()
    assert read_workflow(write(tmp_path, entry)) == graph_of(body)


def test_history_prompt_list_is_imported(tmp_path: Path) -> None:
    body = history_body()
    (entry,) = body.values()
    assert read_workflow(write(tmp_path, entry["prompt"])) == graph_of(body)


def test_history_entry_becomes_a_template(tmp_path: Path) -> None:
    body = history_body()
    templates = tmp_path / "templates"
    templates.mkdir()
    template = import_workflow(write(tmp_path, body), templates, name="From history")
    assert dict(template.graph) == graph_of(body)
    # The graph's SaveImage prefix is one of the slots the job names.
    (target,) = template.slots["filename_prefix"]
    assert template.graph[target.node]["class_type"] == "SaveImage"


def test_history_answer_with_several_entries_says_which_to_pick(tmp_path: Path) -> None:
    trace = json.loads(
        shared_path("comfyui-0.3.64-traces", "21_gets.json").read_text(encoding="utf-8")
    )
    body = trace["/history?max_items=2"]["body"]
    assert len(body) == 2
    with pytest.raises(TemplateError) as caught:
        read_workflow(write(tmp_path, body))
    message = str(caught.value)
    assert "2 prompts" in message and "history.json" in message
    assert "class_type" not in message
