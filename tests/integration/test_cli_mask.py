"""`generate --template inpaint --image source=PATH --mask PATH`: the mask file (white =
repaint) reaches the server as the mask ComfyUI's LoadImage derives, pixel for pixel."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_cli import studio
from tests.integration.test_cli_input import NOWHERE, assert_one_error, nothing_queued, png_file


def mask_file(path: Path, size: tuple[int, int]) -> Image.Image:
    mask = Image.new("L", size, 0)
    mask.paste(255, (4, 4, 30, 20))
    mask.paste(90, (32, 8, 44, 28))  # grey: partly repainted
    mask.save(path)
    return mask


def test_generate_inpaint_with_a_mask_file(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    source = png_file(tmp_path / "photo.png", (48, 32))
    mask = mask_file(tmp_path / "mask.png", (48, 32))
    result = studio(
        "generate",
        "a red door",
        "--template",
        "inpaint",
        "--image",
        f"source={source}",
        "--mask",
        str(tmp_path / "mask.png"),
        "--server",
        fake_comfy.url,
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    (body,) = fake_comfy.submitted
    name = body["prompt"]["10"]["inputs"]["image"]
    received = fake_comfy.loaded_masks[name]
    assert (received.width, received.height, received.pixels) == (48, 32, mask.tobytes())


def test_mask_of_another_size_is_one_line(tmp_path: Path) -> None:
    source = png_file(tmp_path / "photo.png", (48, 32))
    mask_file(tmp_path / "mask.png", (40, 40))
    result = studio(
        "generate",
        "x",
        "--template",
        "inpaint",
        "--input",
        str(source),
        "--mask",
        str(tmp_path / "mask.png"),
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "mask.png", "40 × 40", "48 × 32")
    assert nothing_queued(tmp_path / "data")


def test_mask_with_a_template_that_masks_nothing_is_one_line(tmp_path: Path) -> None:
    source = png_file(tmp_path / "photo.png")
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--input",
        str(source),
        "--mask",
        str(source),
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "img2img", "--template inpaint")
