"""Every output reopens in ComfyUI: the `workflow` it carries converts back to the graph that ran.

Each built-in template runs on the fake ComfyUI (which writes `prompt` and every
`extra_pnginfo` entry into its outputs, as ComfyUI's savers do); the output's `workflow`, read
with the UI-format converter against the server's /object_info, must be the API graph the
server ran, compared as graphs (node ids, class types, inputs, links).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.library.files import read_png_text
from studio_desktop.core.library.media import container_texts
from studio_desktop.core.workflows.ui_graph.convert import convert_ui_workflow
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_templates_e2e import (
    TEMPLATES,
    fake,
    full_object_info,
    object_info_path,
    run_template,
)

__all__ = ["fake", "object_info_path"]  # fixtures shared with test_templates_e2e


def graph_of(api: dict[str, Any]) -> dict[str, Any]:
    return {k: {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in api.items()}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_output_workflow_converts_to_the_graph_that_ran(
    ctx: AppContext, fake: FakeComfyServer, template_id: str, tmp_path: Path
) -> None:
    template, job = run_template(ctx, fake, template_id, tmp_path)
    assert job.status is JobStatus.COMPLETED, job.error
    (body,) = fake.submitted
    ran = graph_of(body["prompt"])
    assert job.workflow is not None and graph_of(job.workflow) == ran
    sent = body["extra_data"]["extra_pnginfo"]["workflow"]
    assert body["extra_data"]["preview_method"] == "auto"

    (output,) = ctx.store.images_for_job(job.id)
    path = ctx.paths.root / output.path
    if output.kind == "image":
        # The file itself, as a user would drop it onto ComfyUI: both chunks, ours kept.
        texts = read_png_text(path.read_bytes())
        workflow = json.loads(texts["workflow"])
        assert graph_of(json.loads(texts["prompt"])) == ran
        assert json.loads(texts["studio"])["template"] == template.id
    else:  # video and audio: the saver's container tags
        workflow = json.loads(container_texts(path.read_bytes())["workflow"])
    assert workflow == sent

    info = ObjectInfo(full_object_info())
    assert graph_of(convert_ui_workflow(workflow, info, path.name)) == ran
