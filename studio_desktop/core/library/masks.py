"""Inpainting masks: a painted mask travels to ComfyUI as the source image's alpha channel.

Our mask is an 8-bit grayscale picture the size of the source image as shown (EXIF rotation
applied), **white = repaint**, black = keep; grey values are partial (a soft brush edge).

Why the alpha channel rather than ComfyUI's `POST /upload/mask`: ComfyUI's `LoadImage` already
turns alpha into its MASK output (`nodes.py`: `mask = 1. - alpha / 255` when the image has an
alpha band, so transparent = repaint), which is exactly what `/upload/mask` produces on the
server (it writes the mask into the alpha of an image uploaded before, `original_ref`). Doing
it here costs one upload instead of two, needs no server-side file to refer to (a job that moves
to another server, or is retried a week later, carries everything in one input file), and the
file the job records is the very one the server receives: a retry or a remix sends the same
pixels. The same convention is what `background_change` reads (a cut-out PNG).

So the composed input is an RGBA PNG: RGB = the source's pixels, alpha = 255 - mask.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Final

from PIL import Image, ImageChops, ImageOps

from studio_desktop.core.library.atomic import atomic_write_bytes
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.imaging import OutputRejected, opened_image, read_bounded

MASK_MODE: Final = "L"
REPAINT: Final = 255  # a mask pixel that is repainted
KEEP: Final = 0


class MaskError(ValueError):
    """A mask that does not fit its image (the message says why)."""


def open_source(data: bytes, what: str = "The image") -> Image.Image:
    """The source image as ComfyUI's LoadImage sees it: EXIF rotation applied, loaded."""
    with opened_image(data, what) as im:
        im.load()
        shown = ImageOps.exif_transpose(im)
        return shown.copy() if shown is im else shown


def mask_of(image: Image.Image) -> Image.Image:
    """The mask an image carries in its alpha (white = repaint), as LoadImage reads it; all
    black (nothing to repaint) for an image without alpha."""
    if "A" in image.getbands():
        return ImageChops.invert(image.getchannel("A"))
    if image.mode == "P" and "transparency" in image.info:
        return ImageChops.invert(image.convert("RGBA").getchannel("A"))
    return Image.new(MASK_MODE, image.size, KEEP)


def compose(source: Image.Image, mask: Image.Image) -> Image.Image:
    """The RGBA image to upload: the source's colours, alpha = 255 - mask."""
    if mask.size != source.size:
        raise MaskError(
            f"The mask is {mask.width} × {mask.height} but the image is "
            f"{source.width} × {source.height}."
        )
    rgba = source.convert("RGB").convert("RGBA")
    rgba.putalpha(ImageChops.invert(mask.convert(MASK_MODE)))
    return rgba


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def compose_png(source_data: bytes, mask: Image.Image) -> bytes:
    """The PNG bytes to upload for `source_data` (any format we read) painted with `mask`."""
    return png_bytes(compose(open_source(source_data), mask))


def save_masked_input(library: OutputLibrary, source: Path, mask: Image.Image) -> Path:
    """Compose `source` (a file, e.g. an input already in the library) with `mask` and store it
    as inputs/<sha256[:16]>.png, the way `copy_input` stores inputs: a retry or remix uploads
    this same file. Returns its path. Raises OutputRejected, MaskError."""
    data = read_bounded(source)
    if data is None:
        raise OutputRejected(f"{source.name} is too large to use as an image.")
    composed = compose_png(data, mask)
    dest = library.paths.inputs / f"{hashlib.sha256(composed).hexdigest()[:16]}.png"
    if not (dest.is_file() and dest.read_bytes() == composed):
        atomic_write_bytes(dest, composed)
    return dest


def load_for_editing(path: Path) -> tuple[Image.Image, Image.Image]:
    """The source image (RGB, as shown) and the mask it already carries (from its alpha), to
    edit it again. Raises OutputRejected, OSError."""
    data = read_bounded(path)
    if data is None:
        raise OutputRejected(f"{path.name} is too large to use as an image.")
    image = open_source(data, f"The image {path.name}")
    return image.convert("RGB"), mask_of(image)


def mask_from_file(path: Path, size: tuple[int, int]) -> Image.Image:
    """A mask file as the CLI takes it (white = repaint): its luminance, flattened onto black
    first, so a transparent area means "keep". It must be `size` (the source's, as shown)."""
    data = read_bounded(path)
    if data is None:
        raise OutputRejected(f"{path.name} is too large to use as a mask.")
    image = open_source(data, f"The mask {path.name}")
    if "A" in image.getbands():
        flat = Image.new("RGB", image.size, (0, 0, 0))
        flat.paste(image.convert("RGBA"), mask=image.getchannel("A"))
        image = flat
    mask = image.convert(MASK_MODE)
    if mask.size != size:
        raise MaskError(
            f"The mask {path.name} is {mask.width} × {mask.height} but the image is "
            f"{size[0]} × {size[1]}: paint it on the image itself."
        )
    return mask


def save_with_mask_file(library: OutputLibrary, source: Path, mask_path: Path) -> Path:
    """`generate --mask`: the source with the mask file (white = repaint) in its alpha, stored
    in inputs/ like a mask painted in the window. Raises OutputRejected, MaskError, OSError."""
    data = read_bounded(source)
    if data is None:
        raise OutputRejected(f"{source.name} is too large to use as an image.")
    size = open_source(data, f"The image {source.name}").size
    return save_masked_input(library, source, mask_from_file(mask_path, size))
