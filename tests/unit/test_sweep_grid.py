"""The sweep grid (issue 15): a golden image, cells scaled by `fit_cell`, CJK labels."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

from studio_desktop.core.sweeps.grid import GridAxis, fit_cell, render_grid

GOLDEN = Path(__file__).parent.parent / "data" / "sweep_grid_golden.png"
COLOURS = [(220, 40, 40), (40, 160, 60), (40, 80, 220)]


def cell_image(x: int, y: int, z: int) -> Image.Image:
    """A cell anyone can tell apart: its colour is X, a mark's height Y, the mark's ink Z."""
    image = Image.new("RGB", (96, 64), COLOURS[x])
    image.paste((255, 255, 255) if z else (0, 0, 0), (8, 8, 18 + 20 * y, 30))
    return image


Place = tuple[int, int, int]


def tiny_grid() -> tuple[dict[Place, Image.Image], Image.Image, dict[Place, tuple[int, ...]]]:
    cells = {
        (x, y, z): cell_image(x, y, z)
        for z in range(2)
        for y in range(2)
        for x in range(3)
        if (x, y, z) != (1, 1, 0)  # a failed cell
    }
    rendered = render_grid(
        dict(cells),
        GridAxis("steps", ("10", "20", "30")),
        GridAxis("cfg", ("4", "8")),
        GridAxis("sampler", ("euler", "dpmpp_2m")),
        max_cell=64,
    )
    return cells, rendered.image, rendered.rects


def test_grid_matches_the_golden_image() -> None:
    # The golden was rendered once with this code and looked at (X across, Y down, a Z title
    # per grid, the failed cell crossed out). Text is anti-aliased by FreeType, whose versions
    # may move an edge pixel, so a tiny tolerance; the cells must match exactly (below).
    _, image, _ = tiny_grid()
    golden = Image.open(GOLDEN).convert("RGB")
    assert image.size == golden.size
    diff = ImageChops.difference(image, golden).convert("L")
    histogram = diff.histogram()
    changed = sum(histogram[16:])
    assert changed <= image.width * image.height // 500, f"{changed} pixels differ"


def test_cells_are_the_outputs_scaled_the_same_way() -> None:
    cells, image, rects = tiny_grid()
    box = (64, 43)  # 96x64 scaled to a 64 px long side
    for place, rect in rects.items():
        crop = image.crop(rect)
        assert crop.size == box
        if place in cells:
            assert crop.tobytes() == fit_cell(cells[place], box).tobytes(), place
        else:
            # The failed cell: grey, crossed out, not any output.
            assert crop.getpixel((2, box[1] // 2 - 12)) == (200, 200, 200)


def test_cjk_and_long_labels_do_not_fail() -> None:
    cells = {(0, 0, 0): cell_image(0, 0, 0)}
    rendered = render_grid(
        cells,
        GridAxis("prompt", ("一只红色的猫坐在窗台上看着外面的雨 " * 4,)),
        GridAxis("模型", ("sd_xl_base_1.0.safetensors",)),
        max_cell=128,
    )
    assert rendered.rects[(0, 0, 0)][2] <= rendered.image.width


def test_rgba_and_palette_outputs_are_flattened_on_white() -> None:
    clear = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert fit_cell(clear, (10, 10)).getpixel((5, 5)) == (255, 255, 255)
    assert fit_cell(Image.new("L", (20, 10), 0), (10, 10)).getpixel((5, 0)) == (255, 255, 255)
