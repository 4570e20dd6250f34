"""What decoding one downloaded image may cost in RAM: at most MAX_OUTPUT_BYTES, as imaging.py
promises. An image that would cost more is kept (it is the user's output) without a thumbnail."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.library.files import OutputLibrary, OutputRejected
from studio_desktop.core.library.imaging import (
    MAX_OUTPUT_BYTES,
    TooLargeToDecode,
    decode_cost,
    opened_image,
    thumbnail_jpeg,
)
from studio_desktop.core.paths import DataPaths

REPO_ROOT = Path(__file__).resolve().parents[2]
JOB = "0123abcd-0000-4000-8000-000000000000"
# Measured in the child right before saving, so the interpreter, the imports and the downloaded
# bytes are the baseline; what the save adds on top must stay within the budget.
MEASURE = """
import json, resource, sys
from pathlib import Path
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.paths import DataPaths
data = Path(sys.argv[1]).read_bytes()
library = OutputLibrary(DataPaths(Path(sys.argv[2])).ensure())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
saved = library.save_output(sys.argv[3], 0, data, server_filename="huge.png")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before_kb": before, "after_kb": after, "path": str(saved.path),
                  "thumb": saved.thumb_path is not None, "size": [saved.width, saved.height]}))
"""


def zeros_png(width: int, height: int, colour_type: int = 6) -> bytes:
    """A PNG of zero pixels, written row by row: a few MB on disk, never the pixels in memory."""
    bands = {0: 1, 2: 3, 6: 4}[colour_type]
    row = b"\0" * (1 + width * bands)
    rows_per_piece = 256
    piece = row * rows_per_piece
    deflate = zlib.compressobj(1)
    parts = [deflate.compress(piece) for _ in range(height // rows_per_piece)]
    parts += [deflate.compress(row) for _ in range(height % rows_per_piece)]
    parts.append(deflate.flush())

    def chunk(ctype: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(body, zlib.crc32(ctype)) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
def test_saving_a_16384_px_transparent_png_of_zeros_stays_within_the_memory_budget(
    tmp_path: Path,
) -> None:
    source = tmp_path / "huge.png"
    source.write_bytes(zeros_png(16384, 16384))
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(source), str(tmp_path / "data"), JOB],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    added = (report["after_kb"] - report["before_kb"]) * unit
    assert added <= MAX_OUTPUT_BYTES, f"saving cost {added // 2**20} MB"
    assert Path(report["path"]).read_bytes() == source.read_bytes()  # the output is kept
    assert report["thumb"] is False and report["size"] == [16384, 16384]
    assert "without a thumbnail" in run.stderr  # and the log says why


def test_an_image_over_the_budget_is_kept_without_a_thumbnail(tmp_path: Path) -> None:
    library = OutputLibrary(DataPaths(tmp_path / "data").ensure())
    data = zeros_png(12000, 12000, colour_type=6)  # 144 MP RGBA: about 1.2 GB to thumbnail
    saved = library.save_output(JOB, 0, data)
    assert saved.path.read_bytes() == data and saved.thumb_path is None
    assert (saved.width, saved.height) == (12000, 12000)
    with pytest.raises(OutputRejected, match="too large"):
        library.make_thumbnail(saved.path, tmp_path / "thumb.jpg")


def test_images_within_the_budget_still_get_thumbnails(tmp_path: Path) -> None:
    library = OutputLibrary(DataPaths(tmp_path / "data").ensure())
    saved = library.save_output(JOB, 0, zeros_png(4096, 4096, colour_type=2))
    assert saved.thumb_path is not None and saved.thumb_path.exists()
    big_jpeg = io.BytesIO()
    Image.new("RGB", (16384, 2048)).save(big_jpeg, "JPEG")  # decoded at 1/8 scale: cheap
    saved = library.save_output(JOB, 1, big_jpeg.getvalue())
    assert saved.thumb_path is not None and saved.thumb_path.exists()


@pytest.mark.parametrize(
    ("width", "height", "colour_type", "within"),
    [
        (16384, 16384, 6, False),  # RGBA: 4 bytes a pixel, twice over while resampling
        (16384, 16384, 2, False),  # RGB is held as 4 bytes a pixel too
        (16384, 16384, 0, True),  # grey: 1 byte a pixel
        (8192, 8192, 2, True),
        (7680, 7680, 6, True),
        (8192, 8192, 6, False),
    ],
)
def test_decode_cost_is_read_from_the_header(
    width: int, height: int, colour_type: int, within: bool
) -> None:
    header_only = zeros_png(1, 1, colour_type)
    header_only = header_only[:16] + struct.pack(">II", width, height) + header_only[24:]
    ihdr = header_only[12:29]
    crc = struct.pack(">I", zlib.crc32(ihdr) & 0xFFFFFFFF)
    header_only = header_only[:29] + crc + header_only[33:]
    with opened_image(header_only, "The image") as im:  # lazy: no pixels are allocated
        assert (decode_cost(im) <= MAX_OUTPUT_BYTES) is within


def test_thumbnail_refuses_before_decoding_an_image_over_the_budget() -> None:
    with (
        opened_image(zeros_png(12000, 12000), "The image") as im,
        pytest.raises(TooLargeToDecode, match="too large to decode"),
    ):
        thumbnail_jpeg(im)
