"""Deeply nested workflow files (issue 10): a 100,000-deep file crashed the import with a
RecursionError; a 900-deep value imported, then every job made from it failed in bind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import TemplateError, bind, load_template
from studio_desktop.core.workflows.importer import MAX_NESTING, import_workflow, read_workflow

WORKFLOWS = Path(__file__).resolve().parents[1] / "data" / "workflows"


def nested(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = {"inner": value}
    return value


def graph_with_value(value: Any) -> dict[str, Any]:
    graph: dict[str, Any] = json.loads((WORKFLOWS / "sd15_basic.json").read_text("utf-8"))
    graph["9"]["inputs"]["extra_note"] = value
    return graph


def test_hundred_thousand_deep_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        import_workflow(path, tmp_path / "templates")
    assert str(caught.value) == (
        f"deep.json: the workflow is nested too deeply (over {MAX_NESTING} levels)."
    )


def test_nine_hundred_deep_value_is_refused_at_import_not_at_every_job(tmp_path: Path) -> None:
    path = tmp_path / "deep_value.json"
    path.write_text(json.dumps(graph_with_value(nested(900))), encoding="utf-8")
    with pytest.raises(TemplateError, match=f"nested too deeply \\(over {MAX_NESTING} levels\\)"):
        read_workflow(path)


def test_what_imports_also_binds(tmp_path: Path) -> None:
    # As deep as the import allows: binding (a deep copy for each job) must still work.
    path = tmp_path / "deepest.json"
    graph = graph_with_value(nested(MAX_NESTING - 3))  # graph, node and inputs are 3 levels
    path.write_text(json.dumps(graph), encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    template = import_workflow(path, templates)
    bound = bind(template, GenerationParams(prompt="a fox"), job_id="j")
    assert bound["9"]["inputs"]["extra_note"] == nested(MAX_NESTING - 3)


def test_one_level_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "too_deep.json"
    path.write_text(json.dumps(graph_with_value(nested(MAX_NESTING - 2))), encoding="utf-8")
    with pytest.raises(TemplateError, match="nested too deeply"):
        read_workflow(path)


def test_template_file_nested_too_deeply_is_refused_when_loaded(tmp_path: Path) -> None:
    # A template put in the data folder by hand gets the same limit as an imported workflow.
    document = {"id": "deep", "graph": graph_with_value(nested(900))}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(TemplateError, match="nested too deeply"):
        load_template(path)
