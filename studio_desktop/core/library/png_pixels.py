"""The pixels of an 8-bit RGB or RGBA PNG, decoded by FFmpeg's PNG decoder (PyAV) for Pillow.

Why: Pillow un-filters PNG rows a byte at a time. On a ComfyUI output with fine detail (rows
Paeth-filtered, as Pillow's encoder at ComfyUI's compress level picks them) that took 28 of the
30 ms a 1024 x 1024 thumbnail cost; FFmpeg's decoder gave the same pixels in 15 ms (17 ms for
the whole thumbnail). PyAV is already ours for video, so this costs no new dependency.

Only where both decoders give the same picture: 8-bit truecolour, with or without alpha, no
`tRNS` colour key (FFmpeg would turn it into alpha, Pillow keeps it aside), not animated.
Palette, grey, 16-bit and animated PNGs, and anything FFmpeg refuses, are left to Pillow, which
then decodes them as it always has (and words the error when a file is damaged).

FFmpeg is laxer than Pillow about one kind of damage: a zlib stream broken *inside* chunks whose
CRCs are all right (only a broken encoder writes that; a cut or garbled download fails
imaging.verify_png before anything is decoded). It decodes what it can where Pillow refuses the
file, so such an output is kept, with a thumbnail of what could be read, instead of failing.
"""

from __future__ import annotations

import struct
from typing import Final, cast

from PIL import Image

# Peak bytes per pixel, measured on 4096 x 4096 pictures with ru_maxrss like imaging's table:
# RGB is FFmpeg's frame (3) and Pillow's copy of it (4) at once; RGBA is a view of FFmpeg's frame
# (4), then resampling's premultiplied copy (4). Rounded up.
BYTES_PER_PIXEL: Final = {"RGB": 7.5, "RGBA": 8.5}

_IHDR: Final = struct.Struct(">4sIIBBBBB")  # type, width, height, depth, colour type, ...
_COLOUR_TYPES: Final = {"RGB": 2, "RGBA": 6}  # Pillow's mode -> the PNG colour type it reads
_FRAME_FORMATS: Final = {"RGB": "rgb24", "RGBA": "rgba"}  # ... and the frame FFmpeg makes of it


def applies(data: bytes, im: Image.Image) -> bool:
    """Whether `im`, a PNG Pillow opened (lazily) from `data`, is one FFmpeg decodes alike."""
    if im.format != "PNG" or "transparency" in im.info or getattr(im, "is_animated", False):
        return False
    if len(data) < 8 + 4 + _IHDR.size:
        return False
    ctype, _, _, depth, colour, *_ = _IHDR.unpack_from(data, 8 + 4)
    return bool(ctype == b"IHDR" and depth == 8 and _COLOUR_TYPES.get(im.mode) == colour)


def decode_cost(im: Image.Image) -> int:
    """Bytes of memory `decoded` and the thumbnail after it take for `im` at the most."""
    return int(im.width * im.height * BYTES_PER_PIXEL[im.mode])


def decoded(data: bytes, im: Image.Image) -> Image.Image | None:
    """`im`'s pixels as a new Pillow image decoded by FFmpeg, or None when FFmpeg refuses the
    file or gives something else than `im` promises (the caller decodes `im` with Pillow).
    Call only when `applies`."""
    try:
        import av
    except ImportError:  # PyAV broken or left out of a build: images still get thumbnails
        return None
    try:
        codec = av.CodecContext.create("png", "r")
        codec.thread_count = 1  # slice threads for one picture cost more CPU than they save
        frames = codec.decode(av.Packet(data))
    except (av.FFmpegError, ValueError, MemoryError):
        return None
    if len(frames) != 1:
        return None
    frame = frames[0]
    if frame.format.name != _FRAME_FORMATS[im.mode] or (frame.width, frame.height) != im.size:
        return None
    plane = frame.planes[0]
    # RGBA maps FFmpeg's buffer without a copy (the image keeps the plane alive); RGB is copied
    # once into Pillow's 4-byte pixels.
    pixels = cast("bytes", memoryview(plane))  # any buffer will do; Pillow's hints say bytes
    return Image.frombuffer(im.mode, im.size, pixels, "raw", im.mode, plane.line_size, 1)
