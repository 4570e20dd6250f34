"""Inpainting masks travel as the source image's alpha (core/library/masks.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.masks import (
    MaskError,
    compose,
    compose_png,
    load_for_editing,
    mask_from_file,
    mask_of,
    save_masked_input,
)
from studio_desktop.core.paths import DataPaths
from tests.fakes.comfy_images import load_image_mask


def painted(size: tuple[int, int]) -> Image.Image:
    """A mask with hard, soft and empty parts."""
    mask = Image.new("L", size, 0)
    mask.paste(255, (4, 4, 20, 12))
    mask.paste(128, (22, 2, 30, 20))
    mask.putpixel((0, 0), 1)
    return mask


def source_png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    image = Image.new(mode, size, (30, 140, 200) if mode == "RGB" else (30, 140, 200, 255))
    for x in range(size[0]):
        image.putpixel((x, x % size[1]), (x * 7 % 256, 50, 60) + (() if mode == "RGB" else (255,)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_composed_png_keeps_the_colours_and_carries_the_inverted_mask() -> None:
    source = source_png((32, 24))
    mask = painted((32, 24))
    with Image.open(io.BytesIO(compose_png(source, mask))) as out:
        assert out.mode == "RGBA"
        with Image.open(io.BytesIO(source)) as original:
            assert out.convert("RGB").tobytes() == original.convert("RGB").tobytes()
        assert out.getchannel("A").tobytes() == bytes(255 - v for v in mask.tobytes())


def test_comfyui_loadimage_reads_back_the_painted_mask_pixel_for_pixel() -> None:
    mask = painted((32, 24))
    loaded = load_image_mask(compose_png(source_png((32, 24)), mask))
    assert loaded == (32, 24, mask.tobytes())


def test_mask_of_an_opaque_image_is_empty_and_round_trips_through_alpha() -> None:
    opaque = Image.new("RGB", (8, 8))
    assert mask_of(opaque).tobytes() == bytes(64)
    mask = painted((32, 24))
    assert mask_of(compose(Image.new("RGB", (32, 24)), mask)).tobytes() == mask.tobytes()


def test_a_mask_of_another_size_is_refused() -> None:
    with pytest.raises(MaskError, match="16 × 16"):
        compose(Image.new("RGB", (32, 24)), Image.new("L", (16, 16)))


def test_masked_input_is_stored_in_the_library_and_edited_again(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    library = OutputLibrary(paths)
    original = tmp_path / "photo.png"
    original.write_bytes(source_png((32, 24), "RGBA"))  # an alpha it had is replaced
    mask = painted((32, 24))
    stored = save_masked_input(library, original, mask)
    assert stored.parent == paths.inputs and stored.suffix == ".png"
    assert save_masked_input(library, original, mask) == stored  # same pixels, same file
    image, again = load_for_editing(stored)
    assert again.tobytes() == mask.tobytes()
    # editing the stored input again starts from its colours, not a doubly-masked image
    restored = save_masked_input(library, stored, mask)
    assert restored == stored
    assert image.mode == "RGB" and image.size == (32, 24)


def test_cli_mask_file_is_white_for_repaint_and_flattens_transparency(tmp_path: Path) -> None:
    mask = Image.new("RGBA", (10, 10), (0, 0, 0, 0))  # transparent: keep
    mask.paste((255, 255, 255, 255), (0, 0, 5, 10))
    path = tmp_path / "mask.png"
    mask.save(path)
    loaded = mask_from_file(path, (10, 10))
    assert loaded.getpixel((1, 1)) == 255 and loaded.getpixel((8, 8)) == 0
    with pytest.raises(MaskError):
        mask_from_file(path, (12, 10))
