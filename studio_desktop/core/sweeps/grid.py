"""A sweep's labelled grid: X across, Y down, one grid per Z value stacked under its title.

Every cell is scaled the same way (`fit_cell`: kept whole, aspect kept, centred on white in a
box the size of the largest output, at most `MAX_CELL` px a side), so a test can compare a
cell's crop with its output scaled by the same function. A missing cell (failed, cancelled,
not an image) is a grey tile crossed out with its note ("failed").

Labels use Pillow's built-in font, or, when a label or note has Chinese, Japanese or Korean
text, a CJK font the system has (fonts.py; the built-in font has no CJK glyphs). With none, such
text is drawn as boxes (it does not fail); the values are also kept in the grid's metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from studio_desktop.core.sweeps.fonts import label_fonts

MAX_CELL: Final = 512  # px, the long side of a cell: a 10x10 grid of 1024 px outputs stays sane
MAX_GRID_PIXELS: Final = 16384 * 16384  # ComfyUI's own limit on an image's size
BACKGROUND: Final = (255, 255, 255)
TEXT: Final = (0, 0, 0)
MISSING_FILL: Final = (200, 200, 200)
MISSING_INK: Final = (110, 110, 110)
MAX_LABEL_LINES: Final = 3

Place = tuple[int, int, int]


@dataclass(frozen=True)
class RenderedGrid:
    """The grid and where each cell is in it: (left, top, right, bottom), right and bottom
    excluded, for every place, missing ones too (a view opens a cell from a click)."""

    image: Image.Image
    rects: dict[Place, tuple[int, int, int, int]]


@dataclass(frozen=True)
class GridAxis:
    """An axis as the grid writes it: its title (the field) and one label per value."""

    title: str
    labels: tuple[str, ...]


def cell_box(images: Sequence[Image.Image | None], max_cell: int = MAX_CELL) -> tuple[int, int]:
    """The size every cell is drawn at: the largest output's, scaled down to `max_cell`."""
    return box_for_sizes([im.size for im in images if im is not None], max_cell)


def box_for_sizes(sizes: Sequence[tuple[int, int]], max_cell: int = MAX_CELL) -> tuple[int, int]:
    """`cell_box` from the outputs' sizes alone (as the store records them)."""
    if not sizes:
        return (max_cell // 2, max_cell // 2)
    width = max(w for w, _ in sizes)
    height = max(h for _, h in sizes)
    scale = min(1.0, max_cell / max(width, height, 1))
    return (max(1, round(width * scale)), max(1, round(height * scale)))


def fit_cell(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """`image` scaled to fit `box` (aspect kept, LANCZOS), centred on white; RGB."""
    rgb = _rgb(image)
    if rgb.size == box:
        return rgb.copy()  # a copy: the caller may close the file `image` reads from
    scale = min(box[0] / rgb.width, box[1] / rgb.height)
    size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
    if size != rgb.size:
        rgb = rgb.resize(size, Image.Resampling.LANCZOS)
    tile = Image.new("RGB", box, BACKGROUND)
    tile.paste(rgb, ((box[0] - size[0]) // 2, (box[1] - size[1]) // 2))
    return tile


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def font_size_for(box: tuple[int, int]) -> int:
    """Readable beside the cell: about 1/16 of its width, never under 12 px."""
    return max(12, min(40, box[0] // 16))


def render_grid(
    cells: Mapping[Place, Image.Image | None],
    x: GridAxis,
    y: GridAxis | None = None,
    z: GridAxis | None = None,
    *,
    notes: Mapping[Place, str] | None = None,
    max_cell: int = MAX_CELL,
    font_size: int | None = None,
    box: tuple[int, int] | None = None,
) -> RenderedGrid:
    """The grid of `cells` (keyed (x, y, z); absent or None: missing, marked with its note
    from `notes`, "failed" by default). `box`, the cell size, defaults to `cell_box` of the
    cells; a caller holding many outputs passes it and cells already `fit_cell` to it, so only
    small tiles are held. ValueError if it would exceed MAX_GRID_PIXELS."""
    nx = len(x.labels)
    ny = len(y.labels) if y is not None else 1
    nz = len(z.labels) if z is not None else 1
    box = box or cell_box(list(cells.values()), max_cell)
    size = font_size or font_size_for(box)
    note_of = notes or {}
    texts = [axis.title for axis in (x, y, z) if axis is not None]
    texts += [t for axis in (x, y, z) if axis is not None for t in axis.labels]
    fonts = label_fonts(size, max(10, size * 3 // 4), [*texts, *note_of.values(), "failed"])
    font, small = fonts.label, fonts.note
    pad = max(4, size // 3)
    line = _line_height(font, "Ag国" if fonts.cjk else "Ag")
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))

    x_labels = [_wrap(measure, f"{x.title}: {t}", font, box[0] - 2 * pad) for t in x.labels]
    header = pad * 2 + line * max(len(lines) for lines in x_labels)
    if y is not None:
        y_texts = [f"{y.title}: {t}" for t in y.labels]
        widest = max(measure.textlength(t, font=font) for t in y_texts)
        left = int(min(max(widest, box[0] * 0.5), box[0] * 1.5)) + 2 * pad
        y_labels = [_wrap(measure, t, font, left - 2 * pad) for t in y_texts]
    else:
        left, y_labels = 0, []
    z_lines = [[f"{z.title}: {t}"] for t in z.labels] if z is not None else [[]]
    z_band = (line + 2 * pad) if z is not None else 0
    block_h = z_band + header + ny * box[1]
    width = left + nx * box[0]
    height = nz * block_h + (nz - 1) * pad * 2
    if width * height > MAX_GRID_PIXELS:
        raise ValueError(f"a grid of {width}x{height} pixels is too large")

    grid = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(grid)
    rects: dict[Place, tuple[int, int, int, int]] = {}
    for zi in range(nz):
        top = zi * (block_h + pad * 2)
        if z is not None:
            title = _fit(measure, z_lines[zi][0], font, width - 2 * pad)
            draw.text((width // 2, top + pad), title, font=font, fill=TEXT, anchor="ma")
        for xi, lines in enumerate(x_labels):
            cx = left + xi * box[0] + box[0] // 2
            _lines(draw, lines, (cx, top + z_band + pad), font, line)
        for yi in range(ny):
            row_top = top + z_band + header + yi * box[1]
            if y is not None:
                lines = y_labels[yi]
                ly = row_top + (box[1] - line * len(lines)) // 2
                _lines(draw, lines, (left // 2, ly), font, line)
            for xi in range(nx):
                place = (xi, yi, zi)
                image = cells.get(place)
                at = (left + xi * box[0], row_top)
                rects[place] = (at[0], at[1], at[0] + box[0], at[1] + box[1])
                if image is not None:
                    grid.paste(fit_cell(image, box), at)
                else:
                    _missing(draw, at, box, note_of.get(place, "failed"), small)
    return RenderedGrid(grid, rects)


def _missing(
    draw: ImageDraw.ImageDraw,
    at: tuple[int, int],
    box: tuple[int, int],
    note: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> None:
    x0, y0 = at
    x1, y1 = x0 + box[0] - 1, y0 + box[1] - 1
    inset = 1  # a white hairline keeps neighbouring missing cells apart
    draw.rectangle((x0 + inset, y0 + inset, x1 - inset, y1 - inset), fill=MISSING_FILL)
    width = max(1, min(box) // 64)
    draw.line((x0 + inset, y0 + inset, x1 - inset, y1 - inset), fill=MISSING_INK, width=width)
    draw.line((x0 + inset, y1 - inset, x1 - inset, y0 + inset), fill=MISSING_INK, width=width)
    text = _fit(draw, note, font, box[0] - 8)
    centre = (x0 + box[0] // 2, y0 + box[1] // 2)
    left, top, right, bottom = draw.textbbox(centre, text, font=font, anchor="mm")
    draw.rectangle((left - 3, top - 3, right + 3, bottom + 3), fill=MISSING_FILL)
    draw.text(centre, text, font=font, fill=TEXT, anchor="mm")


def _line_height(font: ImageFont.FreeTypeFont | ImageFont.ImageFont, sample: str) -> int:
    return int(font.getbbox(sample)[3]) + 4


def _lines(
    draw: ImageDraw.ImageDraw,
    lines: Sequence[str],
    at: tuple[int, int],
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    line: int,
) -> None:
    for i, text in enumerate(lines):
        draw.text((at[0], at[1] + i * line), text, font=font, fill=TEXT, anchor="ma")


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
    """`text` in at most MAX_LABEL_LINES lines of at most `width` px: broken at spaces where it
    can, else anywhere (a prompt with no spaces, CJK), the last line cut with an ellipsis."""
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < MAX_LABEL_LINES:
        if draw.textlength(rest, font=font) <= width or len(lines) == MAX_LABEL_LINES - 1:
            lines.append(_fit(draw, rest, font, width))
            break
        cut = _longest_fit(draw, rest, font, width)
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            cut = space
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines or [""]


def _longest_fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> int:
    """How many leading characters of `text` fit in `width` px (at least one)."""
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if draw.textlength(text[:mid], font=font) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def _fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    keep = _longest_fit(draw, text + "…", font, width) - 1
    return text[: max(1, keep)] + "…"
