"""An inpaint job on the fake ComfyUI: the mask LoadImage derives on the server is the one
painted, pixel by pixel (the fake decodes alpha exactly as ComfyUI's LoadImage does)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import InputImage, JobStatus, NewJob
from studio_desktop.core.library.masks import save_masked_input
from tests.fakes.comfy_server import INPAINT_CHECKPOINT, WITH_INPAINT_CHECKPOINT, FakeComfyServer
from tests.integration.helpers import harness
from tests.unit.test_builtin_templates import plausible_params


def painted_mask(size: tuple[int, int]) -> Image.Image:
    mask = Image.new("L", size, 0)
    for y in range(size[1]):
        for x in range(size[0]):
            if (x - 30) ** 2 + (y - 20) ** 2 < 150:
                mask.putpixel((x, y), 255)
            elif x > 50:
                mask.putpixel((x, y), (x * 13 + y) % 256)  # soft, uneven values too
    return mask


@pytest.mark.parametrize("template_id", ["inpaint", "inpaint_model"])
def test_the_mask_that_reaches_the_server_is_the_one_painted(
    ctx: AppContext,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    tmp_path: Path,
    template_id: str,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.0, checkpoints=list(WITH_INPAINT_CHECKPOINT))
    assert INPAINT_CHECKPOINT in fake.checkpoints
    source = tmp_path / "photo.png"
    Image.new("RGB", (64, 40), (120, 80, 200)).save(source)
    mask = painted_mask((64, 40))
    stored = save_masked_input(ctx.library, source, mask)
    template = ctx.templates.get(template_id)
    params = plausible_params(template)
    if template_id == "inpaint_model":
        params = dataclasses.replace(params, model=INPAINT_CHECKPOINT)
    job = ctx.store.add_job(
        NewJob(
            template=template_id,
            params=params,
            inputs=(InputImage(slot="source", path=ctx.paths.relative(stored)),),
            server=fake.url,
        )
    )
    with harness(ctx, fake) as h:
        finished = h.run(job)
    assert finished.status is JobStatus.COMPLETED, finished.error
    (body,) = fake.submitted
    name = body["prompt"]["10"]["inputs"]["image"]
    received = fake.loaded_masks[name]
    assert (received.width, received.height) == mask.size
    assert received.pixels == mask.tobytes()
    # the grow and feather options are in the graph the server ran
    assert body["prompt"]["13"]["inputs"]["expand"] == template.defaults["mask_grow"]
    assert body["prompt"]["18"]["inputs"]["blur_radius"] == template.defaults["mask_feather"]
