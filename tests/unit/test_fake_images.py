"""The fake ComfyUI's pictures: the photo look stands in for real outputs in benchmarks."""

from __future__ import annotations

import io

from PIL import Image

from tests.fakes.comfy_images import GRAIN_PHOTO, Look, png_bytes


def test_the_photo_look_is_as_heavy_as_a_real_output_and_the_same_every_time() -> None:
    size = (256, 256)
    smooth = png_bytes(size, Look(palette=3))
    photo = png_bytes(size, Look(palette=3, grain=GRAIN_PHOTO))
    # A real 1024x1024 output is ~1.5 MiB: about 1.5 bytes a pixel; a gradient is ~0.02.
    assert len(photo) > size[0] * size[1] > 20 * len(smooth)
    assert png_bytes(size, Look(palette=3, grain=GRAIN_PHOTO)) == photo
    with Image.open(io.BytesIO(photo)) as im:
        assert (im.size, im.mode) == (size, "RGB")
