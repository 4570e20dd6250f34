"""A video or a sound made here restores its template and parameters when dropped, as a PNG does.

The video and audio templates run on the fake ComfyUI (SaveWEBM and SaveAudio write real WebM
and FLAC files carrying `prompt`/`workflow` tags, as ComfyUI's savers do); the saved output must
carry our `studio` container tag next to them, and reading the file back (the drop path:
read_generation_info_file) must give exactly the job's template and parameters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus
from studio_desktop.core.library.media import container_texts
from studio_desktop.core.library.metadata import read_generation_info_file
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_templates_e2e import fake, object_info_path, run_template

__all__ = ["fake", "object_info_path"]  # fixtures shared with test_templates_e2e


@pytest.mark.parametrize(
    ("template_id", "suffix"), [("video_wan", ".webm"), ("audio_stable", ".flac")]
)
def test_dropped_media_output_restores_the_job(
    ctx: AppContext, fake: FakeComfyServer, template_id: str, suffix: str, tmp_path: Path
) -> None:
    template, job = run_template(ctx, fake, template_id, tmp_path)
    assert job.status is JobStatus.COMPLETED, job.error
    (output,) = ctx.store.images_for_job(job.id)
    assert output.path.endswith(suffix)
    exported = tmp_path / f"exported{suffix}"  # what Export writes: the stored file, tags and all
    exported.write_bytes((ctx.paths.root / output.path).read_bytes())

    texts = container_texts(exported, ("studio", "prompt", "workflow"))
    assert json.loads(texts["studio"])["template"] == template.id
    assert json.loads(texts["prompt"]) == output.metadata["prompt"]  # ComfyUI's tags kept
    assert "workflow" in texts

    restored = read_generation_info_file(exported)
    assert restored.source == "studio" and restored.template == template.id
    assert restored.not_restored == ()
    assert restored.apply(GenerationParams(prompt="")) == job.params
    expected = job.params.to_dict()
    if not expected["extra"]:
        del expected["extra"]  # the values read back leave out an empty `extra`
    assert restored.values == expected
