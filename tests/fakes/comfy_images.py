"""Cheap, deterministic image bytes for the fake ComfyUI server.

Encoding a 1024x1024 PNG costs ~35 ms (build + zlib level 1). To keep benchmarks that save
many large outputs fast, the compressed pixel data (IHDR..IEND without text chunks) is cached
per (size, look) and the per-image ``tEXt`` chunks (``prompt``, ``workflow``) are spliced in by
hand, so a cached output costs only a few microseconds plus the JSON. Gradient looks are drawn
from 16 palettes, so at most 16 encodes per size ever happen.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageFilter, ImageOps

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PALETTES = 16
GRAIN_PHOTO = 64  # the --output-look photo setting: a photo-like 1024x1024 PNG is ~1.5 MiB


@dataclass(frozen=True)
class Look:
    """What an image looks like: a solid colour, or a gradient picked by a palette index."""

    solid: tuple[int, int, int] | None = None
    palette: int = 0
    # 0: a smooth gradient (compresses to a few KiB). Above 0: that much deterministic noise
    # blended in (out of 255), so the PNG is as large and as slow to decode as a real output:
    # GRAIN_PHOTO at ComfyUI's compress_level 4 gives ~1.5 MiB at 1024x1024.
    grain: int = 0

    @staticmethod
    def from_key(key: str, grain: int = 0) -> Look:
        """A gradient look chosen deterministically from any string (e.g. a node signature).

        Grained looks all use palette 0: encoding one costs ~0.3 s, so a benchmark fake makes
        it once (at start, see FakeComfyServer) instead of 16 times in the middle of a run."""
        if grain:
            return Look(grain=grain)
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        return Look(palette=digest[0] % PALETTES)

    @staticmethod
    def from_color(color: int) -> Look:
        """A solid look from ComfyUI's packed 0xRRGGBB colour int."""
        return Look(solid=((color >> 16) & 0xFF, (color >> 8) & 0xFF, color & 0xFF))

    def inverted(self) -> Look:
        if self.solid is not None:
            r, g, b = self.solid
            return Look(solid=(255 - r, 255 - g, 255 - b))
        return Look(palette=(self.palette + PALETTES // 2) % PALETTES, grain=self.grain)


def _chunk(tag: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(tag + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)


def render(size: tuple[int, int], look: Look) -> Image.Image:
    """Build the RGB picture for a look (never encoded here)."""
    if look.solid is not None:
        return Image.new("RGB", size, look.solid)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    vertical = Image.linear_gradient("L").resize(size)
    flat = Image.new("L", size, (look.palette * 16) % 256)
    bands = [horizontal, vertical, flat]
    shift = look.palette % 3
    bands = bands[shift:] + bands[:shift]
    if look.palette >= PALETTES // 2:
        bands.reverse()
    if look.grain:
        bands = [
            _grained(band, look.grain, seed=look.palette * 3 + i) for i, band in enumerate(bands)
        ]
    return Image.merge("RGB", (bands[0], bands[1], bands[2]))


def _grained(band: Image.Image, grain: int, *, seed: int) -> Image.Image:
    """`band` with seeded noise blended in, softened so neighbouring pixels correlate a little
    as in a photo (pure noise would not compress at all, which no real output looks like)."""
    rnd = random.Random(seed)
    noise = Image.frombytes("L", band.size, rnd.randbytes(band.size[0] * band.size[1]))
    return Image.blend(band, noise.filter(ImageFilter.BoxBlur(1)), grain / 255)


@lru_cache(maxsize=128)
def _png_parts(size: tuple[int, int], look: Look) -> tuple[bytes, bytes]:
    """(IHDR chunk, everything after it) of the encoded picture, without text chunks."""
    buf = io.BytesIO()
    # Grained looks stand in for real outputs, so they are written as ComfyUI's SaveImage
    # writes (compress_level 4); smooth test pictures use the fastest level.
    render(size, look).save(buf, "PNG", compress_level=4 if look.grain else 1)
    data = buf.getvalue()
    pos = len(PNG_SIGNATURE)
    (length,) = struct.unpack(">I", data[pos : pos + 4])
    ihdr_end = pos + 12 + length
    return data[pos:ihdr_end], data[ihdr_end:]


def png_bytes(size: tuple[int, int], look: Look, texts: dict[str, str] | None = None) -> bytes:
    """A real PNG of ``size`` with ComfyUI-style ``tEXt`` chunks before the pixel data."""
    ihdr, rest = _png_parts(size, look)
    text_chunks = b"".join(
        _chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1", "replace"))
        for key, value in (texts or {}).items()
    )
    return PNG_SIGNATURE + ihdr + text_chunks + rest


@lru_cache(maxsize=64)
def jpeg_preview(size: tuple[int, int], look: Look) -> bytes:
    """A small JPEG like ComfyUI's latent previews (at most 512 px on the long side)."""
    w, h = size
    scale = min(1.0, 512 / max(w, h, 1))
    small = (max(1, int(w * scale)), max(1, int(h * scale)))
    buf = io.BytesIO()
    render(small, look).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def webp_preview(data: bytes) -> bytes | None:
    """``/view?preview=webp`` conversion; None if the stored bytes are not an image."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            buf = io.BytesIO()
            img.save(buf, format="webp", quality=90)
            return buf.getvalue()
    except Exception:
        return None


@lru_cache(maxsize=1)
def decompression_bomb_png(width: int = 40000, height: int = 40000) -> bytes:
    """A small, well-formed PNG whose header claims a huge size (decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # A few empty scanlines: enough to be a valid zlib stream, far too few for the claim.
    idat = zlib.compress(b"\0" * (1 + 3 * 16) * 4, 9)
    return PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size from an image header without decoding it (None if unreadable)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            return img.size
    except Exception:
        return None


def load_image_mask(data: bytes) -> tuple[int, int, bytes] | None:
    """The MASK ComfyUI's ``LoadImage`` (nodes.py) outputs for an input file, as 8-bit pixels
    (width, height, one byte a pixel, row by row): EXIF rotation applied, then ``1 - alpha`` when
    the image has an alpha band (or a palette with transparency), else 64 x 64 zeros. ComfyUI
    holds it as float32 ``1 - a / 255``; ``255 - a`` carries exactly the same information.
    None when the bytes are no image (LoadImage would fail)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            img = ImageOps.exif_transpose(opened)
            if "A" in img.getbands():
                alpha = img.getchannel("A")
            elif img.mode == "P" and "transparency" in img.info:
                alpha = img.convert("RGBA").getchannel("A")
            else:
                return 64, 64, bytes(64 * 64)
            return img.width, img.height, bytes(255 - v for v in alpha.tobytes())
    except Exception:
        return None
