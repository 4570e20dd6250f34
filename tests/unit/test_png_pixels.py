"""8-bit RGB(A) PNG outputs are decoded by FFmpeg (png_pixels.py): same pixels, same thumbnail,
Pillow for everything else, and nothing lost or wrongly accepted on the way."""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio_desktop.core.library import imaging, png_pixels
from studio_desktop.core.library.files import OutputLibrary, OutputRejected
from studio_desktop.core.library.imaging import opened_image, thumbnail_jpeg
from studio_desktop.core.paths import DataPaths
from tests.unit.conftest import Decoded
from tests.unit.test_png_pieces import make_chunk

JOB = "3f2b8c1e-0d4a-4e8b-9c1f-2a6d7e8f9a0b"


def noisy(mode: str, size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Fine detail, as a sampler's output has it: Pillow's encoder picks every row filter."""
    count = size[0] * size[1] * len(mode)
    pixels = bytes((i * 2654435761 + seed * 97) >> 13 & 0xFF for i in range(count))
    return Image.frombytes(mode, size, pixels)


def png(im: Image.Image, **options: Any) -> bytes:
    out = io.BytesIO()
    im.save(out, "PNG", **options)
    return out.getvalue()


def pillow_pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.tobytes()


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, pos = [], 8
    while pos < len(data):
        length, ctype = struct.unpack_from(">I4s", data, pos)
        found.append((ctype, data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return found


def assembled(parts: list[tuple[bytes, bytes]]) -> bytes:
    """A PNG of these chunks, every CRC right."""
    return imaging.PNG_SIGNATURE + b"".join(make_chunk(ctype, body) for ctype, body in parts)


@pytest.fixture
def library(tmp_path: Path) -> OutputLibrary:
    return OutputLibrary(DataPaths(tmp_path / "data").ensure())


# Odd widths: FFmpeg pads its rows, Pillow must read them with FFmpeg's stride.
@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
@pytest.mark.parametrize("size", [(333, 517), (1, 1), (64, 48)])
@pytest.mark.parametrize("interlace", [False, True])
def test_ffmpeg_gives_pillows_pixels_for_truecolour_pngs(
    mode: str, size: tuple[int, int], interlace: bool
) -> None:
    picture = noisy(mode, size)
    data = adam7(picture) if interlace else png(picture, compress_level=4)
    with Image.open(io.BytesIO(data)) as im:
        assert png_pixels.applies(data, im)
        decoded = png_pixels.decoded(data, im)
    assert decoded is not None
    assert (decoded.mode, decoded.size) == (mode, size)
    assert decoded.tobytes() == pillow_pixels(data)


def adam7(im: Image.Image) -> bytes:
    """The picture as an interlaced PNG (FFmpeg's encoder writes Adam7; Pillow's cannot)."""
    import av

    codec = av.CodecContext.create("png", "w")
    codec.width, codec.height = im.size
    codec.pix_fmt = "rgb24" if im.mode == "RGB" else "rgba"
    codec.options = {"pred": "paeth"}
    codec.flags |= av.codec.context.Flags.interlaced_dct  # AV_CODEC_FLAG_INTERLACED_DCT: Adam7
    frame = av.VideoFrame.from_image(im)
    packets = codec.encode(frame) + codec.encode(None)
    data = b"".join(bytes(p) for p in packets)
    ihdr = dict(chunks(data))[b"IHDR"]
    assert ihdr[12] == 1, "FFmpeg did not interlace the PNG"
    return data


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_the_thumbnail_of_a_truecolour_png_is_the_one_pillow_makes(mode: str) -> None:
    data = png(noisy(mode, (700, 300)), compress_level=4)
    with opened_image(data, "x") as im:
        fast = thumbnail_jpeg(im, held=len(data), source=data)
    with opened_image(data, "x") as im:
        slow = thumbnail_jpeg(im, held=len(data))
    assert fast == slow


def test_saving_a_comfyui_png_output_does_not_decode_it_with_pillow(
    library: OutputLibrary, pillow_loads: Decoded
) -> None:
    """Pillow's PNG decoder took 28 of the 30 ms a 1024 x 1024 output's thumbnail cost."""
    data = png(noisy("RGB", (96, 80)), compress_level=4)
    saved = library.save_output(JOB, 0, data)
    assert saved.thumb_path is not None and saved.thumb_path.is_file()
    assert ("PNG", (96, 80)) not in pillow_loads
    with Image.open(saved.thumb_path) as thumb:
        assert thumb.size == (96, 80)


def grey16() -> bytes:
    return png(Image.linear_gradient("L").resize((40, 30)).convert("I;16"))


def transparent_key() -> bytes:
    return png(noisy("RGB", (40, 30)), transparency=(0, 0, 0))


def animated_png() -> bytes:
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 255, 0))]
    out = io.BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda: png(noisy("RGB", (40, 30)).convert("P")),
        lambda: png(noisy("L", (40, 30))),
        lambda: png(noisy("LA", (40, 30))),
        grey16,
        transparent_key,
        animated_png,
    ],
    ids=["palette", "grey", "grey-alpha", "16-bit", "tRNS colour key", "animated"],
)
def test_other_pngs_are_decoded_by_pillow_as_before(make: Any, pillow_loads: Decoded) -> None:
    data = make()
    with opened_image(data, "x") as im:
        assert not png_pixels.applies(data, im)
        size = im.size
        thumb = thumbnail_jpeg(im, held=len(data), source=data)
    assert ("PNG", size) in pillow_loads
    with opened_image(data, "x") as im:
        assert thumb == thumbnail_jpeg(im, held=len(data))


def test_a_png_too_large_for_ffmpegs_budget_is_decoded_by_pillow(
    pillow_loads: Decoded,
) -> None:
    """FFmpeg's frame and Pillow's copy of an RGB picture take 7.5 bytes a pixel, Pillow alone
    4.5: a picture between the two, with what the caller holds, is still thumbnailed."""
    data = png(noisy("RGB", (100, 100)))
    pixels = 100 * 100
    held = imaging.MAX_OUTPUT_BYTES - 6 * pixels
    with opened_image(data, "x") as im:
        thumb = thumbnail_jpeg(im, held=held, source=data)
    assert thumb.startswith(b"\xff\xd8")
    assert ("PNG", (100, 100)) in pillow_loads


def test_a_png_ffmpeg_refuses_gets_pillows_message(library: OutputLibrary, tmp_path: Path) -> None:
    """A deflate stream garbled inside a chunk whose CRC is right: FFmpeg refuses it, Pillow then
    decodes it as before and the output is refused as damaged, nothing written."""
    data = png(noisy("RGB", (64, 64)), compress_level=4)
    parts = chunks(data)
    garbled = [
        (ctype, body[:40] + bytes(b ^ 0xFF for b in body[40:80]) + body[80:])
        if ctype == b"IDAT"
        else (ctype, body)
        for ctype, body in parts
    ]
    broken = assembled(garbled)
    with Image.open(io.BytesIO(broken)) as im:
        assert png_pixels.decoded(broken, im) is None
    with pytest.raises(OutputRejected, match="damaged"):
        library.save_output(JOB, 0, broken)
    assert not any(p.is_file() for p in library.paths.outputs.rglob("*"))


def test_a_cut_download_is_refused_before_anything_is_decoded(library: OutputLibrary) -> None:
    data = png(noisy("RGB", (64, 64)), compress_level=4)
    with pytest.raises(OutputRejected, match="damaged"):
        library.save_output(JOB, 0, data[: len(data) * 2 // 3])


def test_a_png_whose_pixel_data_stops_early_inside_right_crcs_is_kept(
    library: OutputLibrary,
) -> None:
    """Only a broken encoder writes this (a cut download fails the CRC and IEND checks first):
    Pillow refused it as truncated; FFmpeg decodes the rows there are, and the output is kept
    rather than lost (the behaviour png_pixels.py documents)."""
    data = png(noisy("RGB", (64, 64)), compress_level=4)
    parts = chunks(data)
    stream = b"".join(body for ctype, body in parts if ctype == b"IDAT")
    head = [(ctype, body) for ctype, body in parts if ctype not in (b"IDAT", b"IEND")]
    broken = assembled([*head, (b"IDAT", stream[: len(stream) // 2]), (b"IEND", b"")])
    with Image.open(io.BytesIO(broken)) as im, pytest.raises(OSError, match="truncated"):
        im.load()
    saved = library.save_output(JOB, 0, broken)
    assert saved.path.read_bytes() == broken
    assert saved.thumb_path is not None and saved.thumb_path.is_file()


def test_without_pyav_a_png_output_still_gets_its_thumbnail(
    library: OutputLibrary,
    monkeypatch: pytest.MonkeyPatch,
    pillow_loads: Decoded,
) -> None:
    """PyAV is there for video: a build or install without it must not cost images anything."""
    monkeypatch.setitem(sys.modules, "av", None)  # `import av` raises ImportError
    data = png(noisy("RGB", (48, 40)), compress_level=4)
    saved = library.save_output(JOB, 0, data)
    assert saved.thumb_path is not None and saved.thumb_path.is_file()
    assert ("PNG", (48, 40)) in pillow_loads
