"""A PNG output is checked by our own CRC walk (verify_png) and tagged in pieces, not copies.

verify_png stands in for Pillow's PngImageFile.verify: these tests hold it to the same verdicts,
and the pieces written for a tagged output to the bytes add_png_text makes.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from studio_desktop.core.library.atomic import atomic_write_bytes, write_synced
from studio_desktop.core.library.files import STUDIO_KEY, OutputLibrary, OutputRejected
from studio_desktop.core.library.imaging import (
    add_png_text,
    opened_image,
    png_text_pieces,
    verify_png,
)
from studio_desktop.core.paths import DataPaths

JOB = "5a1c0d2e-7b3f-4c8d-9e0f-1a2b3c4d5e6f"


def idat_png(chunks: int = 5) -> bytes:
    """A PNG whose pixels span several IDAT chunks, with a `prompt` text chunk."""
    im = Image.effect_noise((96, 96), 60).convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", json.dumps({"3": {"class_type": "KSampler"}}))
    out = io.BytesIO()
    im.save(out, "PNG", pnginfo=info)
    data = out.getvalue()
    return split_idat(data, chunks)


def split_idat(data: bytes, parts: int) -> bytes:
    """The same PNG with its (single) IDAT chunk cut into `parts` chunks."""
    pos, head, tail, body = 8, b"", b"", b""
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        chunk = data[pos : pos + 12 + length]
        if chunk[4:8] == b"IDAT":
            body += chunk[8:-4]
        elif body:
            tail += chunk
        else:
            head += chunk
        pos += 12 + length
    step = -(-len(body) // parts)
    idats = b"".join(make_chunk(b"IDAT", body[i : i + step]) for i in range(0, len(body), step))
    return data[:8] + head + idats + tail


def make_chunk(ctype: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(ctype + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)


def pillow_accepts(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    except (OSError, SyntaxError, ValueError, struct.error):
        return False
    return True


def we_accept(data: bytes) -> bool:
    try:
        with opened_image(data, "The image"):
            return True
    except OutputRejected:
        return False


@pytest.fixture
def library(tmp_path: Path) -> OutputLibrary:
    return OutputLibrary(DataPaths(tmp_path / "data").ensure())


# --- verify_png, as Pillow's verify -------------------------------------------------------------


def test_a_whole_png_passes() -> None:
    data = add_png_text(idat_png(), STUDIO_KEY, "{}")
    verify_png(data)
    assert pillow_accepts(data) and we_accept(data)


def test_a_bad_crc_after_the_pixels_is_rejected_as_pillow_rejects_it() -> None:
    # A text chunk after IDAT: decoding the pixels never reads its CRC, only verify does.
    data = bytearray(add_png_text(idat_png(), STUDIO_KEY, '{"seed": 1}'))
    data[data.rindex(b'"seed"') + 1] ^= 0x20
    damaged = bytes(data)
    with pytest.raises(SyntaxError, match="checksum"):
        verify_png(damaged)
    assert not pillow_accepts(damaged) and not we_accept(damaged)


def test_a_bad_crc_in_a_middle_idat_chunk_is_rejected() -> None:
    data = bytearray(idat_png(chunks=6))
    crc_of_second = [i for i in range(len(data)) if data[i : i + 4] == b"IDAT"][1] - 4
    (length,) = struct.unpack_from(">I", data, crc_of_second)
    data[crc_of_second + 8 + length] ^= 0x01  # its CRC's first byte
    with pytest.raises(SyntaxError):
        verify_png(bytes(data))
    assert not pillow_accepts(bytes(data)) and not we_accept(bytes(data))


@pytest.mark.parametrize("cut", [-1, -12, -13, -40])
def test_a_png_cut_short_is_rejected(cut: int) -> None:
    data = add_png_text(idat_png(), STUDIO_KEY, "{}")[:cut]
    if cut < -12:  # IEND itself is gone: the walk runs off the end
        with pytest.raises(OSError, match="truncated"):
            verify_png(data)
    assert pillow_accepts(data) == we_accept(data)
    assert not we_accept(data) or cut == -1  # as Pillow: IEND's CRC is not read


def test_a_chunk_type_that_is_not_a_name_is_rejected() -> None:
    data = idat_png()
    iend = data.rindex(b"IEND") - 4
    broken = data[:iend] + make_chunk(b"a\0b!", b"x") + data[iend:]
    with pytest.raises(SyntaxError, match="broken"):
        verify_png(broken)
    assert not pillow_accepts(broken) and not we_accept(broken)


# --- pieces -------------------------------------------------------------------------------------


@pytest.mark.parametrize("trailing", [b"", b"junk after IEND"])
def test_pieces_join_to_add_png_text_and_view_the_pixels_without_copies(trailing: bytes) -> None:
    data = add_png_text(idat_png(chunks=8), STUDIO_KEY, "old") + trailing
    pieces = png_text_pieces(data, STUDIO_KEY, "新的")
    assert b"".join(pieces) == add_png_text(data, STUDIO_KEY, "新的")
    assert not b"".join(pieces).endswith(b"junk after IEND")
    assert len(pieces) <= 4  # runs of kept chunks, however many IDATs
    assert all(isinstance(p, memoryview) and p.obj is data for p in pieces if len(p) > 1000)


def test_pieces_are_written_as_one_file(tmp_path: Path) -> None:
    pieces = [b"abc", memoryview(b"0123456789")[2:5], b"", b"xyz"]
    write_synced(tmp_path / "staged", pieces)
    atomic_write_bytes(tmp_path / "atomic", pieces)
    assert (tmp_path / "staged").read_bytes() == b"abc234xyz"
    assert (tmp_path / "atomic").read_bytes() == b"abc234xyz"


@pytest.mark.parametrize("staged", [False, True])
def test_a_tagged_png_output_holds_the_tagged_bytes(library: OutputLibrary, staged: bool) -> None:
    data = idat_png()
    extra = {"seed": 7, "prompt": "一只猫"}
    staging = library.staging(JOB) if staged else None
    saved = library.save_output(JOB, 0, data, extra_metadata=extra, staging=staging)
    if staging is not None:
        staging.seal()
        staging.publish()
    expected = add_png_text(data, STUDIO_KEY, json.dumps(extra, ensure_ascii=False, sort_keys=True))
    assert saved.path.read_bytes() == expected
    assert saved.bytes == len(expected)
    assert saved.metadata["prompt"] == {"3": {"class_type": "KSampler"}}


def test_a_tagged_png_saved_again_is_compared_piece_by_piece(library: OutputLibrary) -> None:
    data = idat_png()
    first = library.save_output(JOB, 0, data, extra_metadata={"seed": 1})
    mtime = first.path.stat().st_mtime_ns
    assert library.save_output(JOB, 0, data, extra_metadata={"seed": 1}) == first
    assert first.path.stat().st_mtime_ns == mtime  # the same bytes: reused
    changed = library.save_output(JOB, 0, data, extra_metadata={"seed": 2})  # same size
    assert changed.bytes == first.bytes
    assert b'"seed": 2' in changed.path.read_bytes()
