"""The output library: safe names, atomic writes, format checks, PNG metadata, thumbnails."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import warnings
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, PngImagePlugin

from studio_desktop.core.library import files, imaging
from studio_desktop.core.library.files import (
    THUMB_SIZE,
    OutputLibrary,
    OutputRejected,
    add_png_text,
    atomic_write_bytes,
    read_png_text,
    safe_name,
    sniff_kind,
    strip_png_text,
)
from studio_desktop.core.paths import DataPaths
from tests.unit.conftest import Decoded

JOB = "3f2b8c1e-0d4a-4e8b-9c1f-2a6d7e8f9a0b"

# --- samples ------------------------------------------------------------------------------------


def png_bytes(
    size: tuple[int, int] = (64, 48), mode: str = "RGB", info: PngImagePlugin.PngInfo | None = None
) -> bytes:
    im = Image.linear_gradient("L").resize(size).convert(mode)
    out = io.BytesIO()
    im.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def encoded(fmt: str, size: tuple[int, int] = (40, 30), **kw: Any) -> bytes:
    im = Image.new("RGB", size, (200, 30, 60))
    out = io.BytesIO()
    im.save(out, fmt, **kw)
    return out.getvalue()


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def comfy_png() -> tuple[bytes, str, str]:
    """A PNG as ComfyUI's SaveImage writes it: `prompt` and `workflow` tEXt chunks."""
    prompt = json.dumps({"3": {"class_type": "KSampler", "inputs": {"seed": 1}}})
    workflow = json.dumps({"nodes": [{"id": 3, "title": "红色的猫"}], "links": []})
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", prompt)
    info.add_text("workflow", workflow)
    return png_bytes((64, 64), info=info), prompt, workflow


def with_ihdr_size(data: bytes, width: int, height: int) -> bytes:
    """Patch the IHDR of a real PNG to claim another size, with a correct CRC."""
    body = bytearray(data[16:29])
    body[0:8] = struct.pack(">II", width, height)
    crc = zlib.crc32(b"IHDR" + bytes(body)) & 0xFFFFFFFF
    return data[:16] + bytes(body) + struct.pack(">I", crc) + data[33:]


def raw_chunks(data: bytes) -> dict[bytes, list[bytes]]:
    """Every chunk's full bytes (length, type, body, CRC), grouped by type."""
    found: dict[bytes, list[bytes]] = {}
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        found.setdefault(ctype, []).append(data[pos : pos + 12 + length])
        pos += 12 + length
    return found


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def library(paths: DataPaths) -> OutputLibrary:
    return OutputLibrary(paths)


def is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


# --- atomic writes ------------------------------------------------------------------------------


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    dest = tmp_path / "sub" / "a.bin"
    atomic_write_bytes(dest, b"one")
    atomic_write_bytes(dest, b"two")
    assert dest.read_bytes() == b"two"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.bin"]


def test_atomic_write_failing_rename_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "a.bin"
    dest.write_bytes(b"old")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr("studio_desktop.core.library.atomic.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk went away"):
        atomic_write_bytes(dest, b"new" * 1000)
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_atomic_write_failing_midway_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "a.bin"

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr("studio_desktop.core.library.atomic.os.fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        atomic_write_bytes(dest, b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_failing_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "a.bin"
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("studio_desktop.core.library.atomic.os.fdopen", HalfWriter)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(dest, b"y" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_killed_process_leaves_no_final_file(tmp_path: Path, paths: DataPaths) -> None:
    # A real crash: the process dies between writing and renaming. Only a temp file may remain,
    # and clean_temp takes it away later.
    dest = paths.outputs / "2024-01-01" / "job_00.png"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from studio_desktop.core.library import atomic\n"
        "atomic.os.fsync = lambda fd: os._exit(9)\n"
        "atomic.atomic_write_bytes(Path(sys.argv[1]), b'z' * 1_000_000)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(dest)], timeout=60, check=False)
    assert done.returncode == 9
    assert not dest.exists()
    leftovers = list(dest.parent.iterdir())
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".part")
    assert OutputLibrary(paths).clean_temp(older_than_s=0) == 1
    assert list(dest.parent.iterdir()) == []


# --- hostile names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    ["../../evil.png", "/etc/passwd", "C:\\x.png", "..\\..\\x", "a/../../../b.png", "\0x.png"],
)
def test_server_filename_never_shapes_the_path(
    library: OutputLibrary, paths: DataPaths, hostile: str
) -> None:
    saved = library.save_output(JOB, 3, png_bytes(), server_filename=hostile)
    assert is_inside(saved.path, paths.outputs)
    assert saved.path.name == f"{JOB}_03.png"
    assert saved.thumb_path is not None and is_inside(saved.thumb_path, paths.thumbnails)
    assert saved.thumb_path.name == f"{JOB}_03.jpg"
    assert saved.metadata["server_filename"] == hostile  # kept as data, never as a path
    every_file = [p for p in paths.root.parent.rglob("*") if p.is_file()]
    assert all(is_inside(p, paths.root) for p in every_file)


@pytest.mark.parametrize("job_id", ["../x", "a/b", "", "C:x", "..", "a" * 65])
def test_bad_job_ids_are_refused(library: OutputLibrary, job_id: str) -> None:
    with pytest.raises(ValueError):
        library.output_path(job_id, 0, "png")
    with pytest.raises(ValueError):
        library.thumb_path(job_id, 0)


def test_output_path_layout(library: OutputLibrary, paths: DataPaths) -> None:
    path = library.output_path(JOB, 1, "webp", datetime(2024, 3, 9, 23, 59))
    assert path == paths.outputs / "2024-03-09" / f"{JOB}_01.webp"
    assert library.thumb_path(JOB, 12) == paths.thumbnails / JOB[:2] / f"{JOB}_12.jpg"
    with pytest.raises(ValueError):
        library.output_path(JOB, 1, "exe")
    with pytest.raises(ValueError):
        library.output_path(JOB, -1, "png")


def test_save_uses_the_given_date_folder(library: OutputLibrary, paths: DataPaths) -> None:
    saved = library.save_output(JOB, 0, png_bytes(), created=datetime(2023, 1, 2, 3, 4))
    assert saved.path.parent == paths.outputs / "2023-01-02"


# --- rejections ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"<html><body>502 Bad Gateway</body></html>", b"", b"\x89PNG", b"PK\x03\x04zip"]
)
def test_non_media_bytes_are_rejected(
    library: OutputLibrary, paths: DataPaths, data: bytes
) -> None:
    with pytest.raises(OutputRejected, match="not an image, video or audio"):
        library.save_output(JOB, 0, data, server_filename="x.png")
    assert not any(p.is_file() for p in paths.outputs.rglob("*"))


def test_damaged_png_is_rejected(library: OutputLibrary, paths: DataPaths) -> None:
    data = png_bytes((256, 256), mode="RGB")
    truncated = data[: len(data) // 2]
    with pytest.raises(OutputRejected, match="damaged"):
        library.save_output(JOB, 0, truncated)
    assert not any(p.is_file() for p in paths.outputs.rglob("*"))


def test_decompression_bomb_is_rejected_before_decoding(
    library: OutputLibrary, paths: DataPaths, pillow_loads: Decoded
) -> None:
    bomb = with_ihdr_size(png_bytes((1, 1)), 40000, 40000)
    assert len(bomb) < 200
    with pytest.raises(OutputRejected, match=r"40000x40000 pixels.*268-megapixel limit"):
        library.save_output(JOB, 0, bomb)
    assert pillow_loads == []  # rejected from the header: no 4.8 GB allocation happened
    assert not any(p.is_file() for p in paths.outputs.rglob("*"))

    # The spy does see the loads of an image that is kept (a grey one: Pillow decodes those;
    # FFmpeg decodes RGB, png_pixels.py).
    library.save_output(JOB, 0, png_bytes((8, 8), mode="L"))
    assert (8, 8) in [size for _, size in pillow_loads]


@pytest.mark.parametrize("side", [40000, 20000])  # past Pillow's error line; in its warning band
@pytest.mark.parametrize("warnings_as_errors", [True, False])
def test_pillow_guard_is_the_second_line(
    monkeypatch: pytest.MonkeyPatch, side: int, warnings_as_errors: bool
) -> None:
    # Were the header check to miss a format, Pillow's own guard (raised to our limit) still holds.
    monkeypatch.setattr(files, "header_size", lambda data, ext: None)
    bomb = with_ihdr_size(png_bytes((1, 1)), side, side)
    before = Image.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error" if warnings_as_errors else "ignore")
        with pytest.raises(OutputRejected, match=r"too large|exceeds"):
            files._inspect_image(bomb, "png", "The image")
    assert before == Image.MAX_IMAGE_PIXELS


def test_pixel_limit_is_restored_after_use(library: OutputLibrary) -> None:
    before = Image.MAX_IMAGE_PIXELS
    library.save_output(JOB, 0, png_bytes())
    assert before == Image.MAX_IMAGE_PIXELS


def test_oversize_bytes_are_rejected(
    library: OutputLibrary, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_OUTPUT_BYTES", 1000)
    info = PngImagePlugin.PngInfo()
    info.add_text("padding", "x" * 2000)
    data = png_bytes(info=info)
    assert len(data) > 1000
    with pytest.raises(OutputRejected, match="larger than the 0 MB limit"):
        library.save_output(JOB, 0, data)
    assert not any(p.is_file() for p in paths.outputs.rglob("*"))


def test_oversize_message_names_the_real_limit(library: OutputLibrary) -> None:
    class Huge(bytes):
        def __len__(self) -> int:
            return files.MAX_OUTPUT_BYTES + 1

    with pytest.raises(OutputRejected, match="larger than the 512 MB limit"):
        library.save_output(JOB, 0, Huge(b"x"), server_filename="big.png")


# --- PNG text -----------------------------------------------------------------------------------


def test_a_server_png_with_a_deeply_nested_prompt_chunk_is_saved_with_the_text_kept(
    library: OutputLibrary,
) -> None:
    # save_output raised RecursionError, so the output was not saved.
    deep = "[" * 100_000 + "]" * 100_000
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", deep)
    info.add_text("workflow", '{"nodes": [' + '{"a": ' * 70 + "1" + "}" * 70 + "]}")
    saved = library.save_output(JOB, 0, png_bytes(info=info), server_filename="deep.png")
    assert saved.path.exists() and saved.thumb_path is not None
    assert saved.metadata["prompt"] == deep  # kept as the text it is


def test_png_text_round_trip_keeps_comfy_chunks_and_pixels() -> None:
    data, prompt, workflow = comfy_png()
    studio = json.dumps({"prompt": "一只红色的猫", "seed": 42}, ensure_ascii=False)
    tagged = add_png_text(data, "studio", studio)

    assert read_png_text(tagged) == {"prompt": prompt, "workflow": workflow, "studio": studio}
    before, after = raw_chunks(data), raw_chunks(tagged)
    for ctype in (b"tEXt", b"IHDR", b"IDAT", b"IEND"):
        assert after[ctype] == before[ctype]  # byte for byte, CRCs included
    with Image.open(io.BytesIO(tagged)) as im:
        im.verify()
    with Image.open(io.BytesIO(tagged)) as im, Image.open(io.BytesIO(data)) as orig:
        assert im.tobytes() == orig.tobytes()
        assert im.info["studio"] == studio  # Pillow reads our iTXt too


def test_add_png_text_replaces_the_same_key() -> None:
    data, _, _ = comfy_png()
    once = add_png_text(data, "studio", "first")
    twice = add_png_text(once, "studio", "第二")
    assert read_png_text(twice)["studio"] == "第二"
    assert len(raw_chunks(twice)[b"iTXt"]) == 1
    assert add_png_text(once, "studio", "first") == once


def test_read_png_text_handles_ztxt_and_compressed_itxt() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("plain", "a")
    info.add_text("zipped", "b" * 5000, zip=True)
    info.add_itxt("intl", "中文提示词" * 200, zip=True)
    data = png_bytes(info=info)
    assert read_png_text(data) == {"plain": "a", "zipped": "b" * 5000, "intl": "中文提示词" * 200}
    assert read_png_text(b"not a png") == {}


def test_strip_png_text() -> None:
    data, _, _ = comfy_png()
    stripped = strip_png_text(add_png_text(data, "studio", "{}"))
    assert read_png_text(stripped) == {}
    with Image.open(io.BytesIO(stripped)) as im, Image.open(io.BytesIO(data)) as orig:
        assert im.tobytes() == orig.tobytes()


def test_add_png_text_refuses_non_png_and_bad_keys() -> None:
    with pytest.raises(ValueError):
        add_png_text(b"GIF89a....", "k", "v")
    with pytest.raises(ValueError):
        add_png_text(png_bytes(), "", "v")


def test_save_output_reads_comfy_metadata_and_adds_ours(library: OutputLibrary) -> None:
    data, prompt, workflow = comfy_png()
    ours = {"prompt": "一只红色的猫", "seed": 7}
    saved = library.save_output(JOB, 0, data, extra_metadata=ours)
    assert saved.metadata["prompt"] == json.loads(prompt)
    assert saved.metadata["studio"] == ours
    written = saved.path.read_bytes()
    assert saved.bytes == len(written)
    texts = read_png_text(written)
    assert json.loads(texts["studio"]) == ours
    assert texts["prompt"] == prompt and texts["workflow"] == workflow
    assert (saved.width, saved.height, saved.kind) == (64, 64, "image")


# --- kinds --------------------------------------------------------------------------------------


MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 32
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32
FLAC = b"fLaC\x00\x00\x00\x22" + b"\x00" * 40
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 40
MP3_SYNC = b"\xff\xfb\x90\x64" + b"\x00" * 40
OGG = b"OggS\x00\x02" + b"\x00" * 22 + b"\x01\x1e\x01vorbis" + b"\x00" * 20
OPUS = b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead\x01\x02" + b"\x00" * 20


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png_bytes(), ("image", "png")),
        (encoded("JPEG"), ("image", "jpg")),
        (encoded("WEBP"), ("image", "webp")),
        (encoded("WEBP", lossless=True), ("image", "webp")),
        (encoded("GIF"), ("image", "gif")),
        (animated("PNG"), ("animated", "png")),
        (animated("WEBP"), ("animated", "webp")),
        (animated("GIF"), ("animated", "gif")),
        (MP4, ("video", "mp4")),
        (MOV, ("video", "mov")),
        (WEBM, ("video", "webm")),
        (WAV, ("audio", "wav")),
        (FLAC, ("audio", "flac")),
        (MP3_ID3, ("audio", "mp3")),
        (MP3_SYNC, ("audio", "mp3")),
        (OGG, ("audio", "ogg")),
        (OPUS, ("audio", "opus")),
        (b"\x00\x00\x00\x1cftypavif" + b"\x00" * 32, None),  # a still AVIF is not a video
        (b"\xff\xf1\x50\x80", None),  # AAC ADTS, not MP3
        (b"hello world", None),
        (b"", None),
    ],
)
def test_sniff_kind(data: bytes, expected: tuple[str, str] | None) -> None:
    assert sniff_kind(data) == expected


@pytest.mark.parametrize(
    ("fmt", "kw"), [("JPEG", {}), ("WEBP", {}), ("WEBP", {"lossless": True}), ("GIF", {})]
)
def test_header_size_matches_pillow(fmt: str, kw: dict[str, Any]) -> None:
    data = encoded(fmt, (123, 45), **kw)
    kind = sniff_kind(data)
    assert kind is not None
    assert imaging.header_size(data, kind[1]) == (123, 45)


@pytest.mark.parametrize(
    ("data", "kind", "ext"),
    [(MP4, "video", "mp4"), (WEBM, "video", "webm"), (FLAC, "audio", "flac")],
)
def test_video_and_audio_are_saved_without_thumbnail(
    library: OutputLibrary, data: bytes, kind: str, ext: str
) -> None:
    saved = library.save_output(
        JOB, 1, data, server_filename="../clip.bin", extra_metadata={"s": 1}
    )
    assert (saved.kind, saved.thumb_path, saved.bytes) == (kind, None, len(data))
    assert saved.metadata == {"server_filename": "../clip.bin", "studio": {"s": 1}}
    assert saved.path.name == f"{JOB}_01.{ext}"
    assert saved.path.read_bytes() == data


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_animated_images_get_our_text_frames_kept(library: OutputLibrary, fmt: str) -> None:
    from studio_desktop.core.library.image_tags import read_gif_tag, read_webp_tag

    data = animated(fmt)
    saved = library.save_output(JOB, 0, data, extra_metadata={"a": 1})
    assert saved.kind == "animated"
    stored = saved.path.read_bytes()
    # PNG: a text chunk; WebP: an EXIF entry; GIF: a comment (image_tags). No frame re-encoded.
    if fmt == "PNG":
        text = read_png_text(stored).get("studio")
    else:
        text = (read_webp_tag if fmt == "WEBP" else read_gif_tag)(stored, "studio")
    assert text == '{"a": 1}'
    with Image.open(io.BytesIO(data)) as before, Image.open(io.BytesIO(stored)) as after:
        assert before.n_frames == after.n_frames
        for index in range(before.n_frames):
            before.seek(index)
            after.seek(index)
            assert before.convert("RGBA").tobytes() == after.convert("RGBA").tobytes()
    assert saved.thumb_path is not None and saved.thumb_path.exists()


# --- thumbnails ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1024, 1024), (512, 512)), ((1536, 1024), (512, 341)), ((600, 2400), (128, 512))],
)
def test_thumbnail_long_edge_and_aspect(
    library: OutputLibrary, size: tuple[int, int], expected: tuple[int, int]
) -> None:
    saved = library.save_output(JOB, 0, png_bytes(size))
    assert saved.thumb_path is not None
    with Image.open(saved.thumb_path) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == THUMB_SIZE
        assert thumb.size == expected


def test_small_images_are_not_upscaled(library: OutputLibrary) -> None:
    saved = library.save_output(JOB, 0, png_bytes((100, 50)))
    assert saved.thumb_path is not None
    with Image.open(saved.thumb_path) as thumb:
        assert thumb.size == (100, 50)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "L", "I;16", "1", "CMYK"])
def test_thumbnail_handles_modes(library: OutputLibrary, tmp_path: Path, mode: str) -> None:
    im = Image.linear_gradient("L").resize((600, 300)).convert(mode if mode != "I;16" else "I")
    if mode == "I;16":
        im = im.point(lambda v: v * 256).convert("I;16")
    src = tmp_path / "in.png"
    im.save(src, "JPEG" if mode == "CMYK" else "PNG")
    dest = tmp_path / "thumbs" / "t.jpg"
    library.make_thumbnail(src, dest)
    with Image.open(dest) as thumb:
        assert thumb.size == (512, 256)
        assert thumb.mode == "RGB"


def test_jpeg_thumbnail_uses_draft(library: OutputLibrary, tmp_path: Path) -> None:
    src = tmp_path / "big.jpg"
    src.write_bytes(encoded("JPEG", (2048, 1024)))
    dest = tmp_path / "t.jpg"
    library.make_thumbnail(src, dest)
    with Image.open(dest) as thumb:
        assert thumb.size == (512, 256)


# --- idempotence --------------------------------------------------------------------------------


def test_save_is_idempotent(library: OutputLibrary) -> None:
    data, _, _ = comfy_png()
    first = library.save_output(JOB, 0, data, extra_metadata={"seed": 1})
    assert first.thumb_path is not None
    mtime = first.path.stat().st_mtime_ns
    first.thumb_path.unlink()  # as if killed between the output and its thumbnail
    again = library.save_output(JOB, 0, data, extra_metadata={"seed": 1})
    assert again == first
    assert first.path.stat().st_mtime_ns == mtime  # reused, not rewritten
    assert first.thumb_path.exists()


def test_save_overwrites_different_bytes(library: OutputLibrary) -> None:
    library.save_output(JOB, 0, png_bytes((64, 64)))
    saved = library.save_output(JOB, 0, png_bytes((32, 32)))
    assert saved.width == 32
    with Image.open(saved.path) as im:
        assert im.size == (32, 32)
    assert [p.name for p in saved.path.parent.iterdir()] == [saved.path.name]


# --- temp files and deletion --------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_clean_temp(library: OutputLibrary, paths: DataPaths) -> None:
    kept = library.save_output(JOB, 0, png_bytes())
    stale = [
        paths.temp / "download.part",
        kept.path.parent / f".{kept.path.name}.abc123.part",
        paths.thumbnails / "3f" / ".x.jpg.ff00.part",
        paths.inputs / ".y.png.0011.part",
    ]
    fresh = paths.temp / "running.part"
    other = paths.temp / "notes.txt"
    for path in [*stale, fresh, other]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"partial")
    for path in [*stale, other]:
        _age(path, 7200)
    assert library.clean_temp(older_than_s=3600) == len(stale)
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and other.exists() and kept.path.exists()
    assert library.clean_temp(older_than_s=0) == 1  # now the fresh one too


def test_remove_files_only_inside_the_library(
    library: OutputLibrary, paths: DataPaths, tmp_path: Path
) -> None:
    saved = library.save_output(JOB, 0, png_bytes())
    assert saved.thumb_path is not None
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    paths.database.write_bytes(b"db")
    rels = [
        paths.relative(saved.path),
        paths.relative(saved.thumb_path),
        "outputs/../../precious.txt",
        str(outside),
        "studio.sqlite3",
        "outputs",
        "outputs/missing.png",
        "C:\\Windows\\x.png",
    ]
    library.remove_files(rels)
    assert not saved.path.exists() and not saved.thumb_path.exists()
    assert outside.read_text() == "keep me"
    assert paths.database.exists() and paths.outputs.is_dir()


def test_remove_files_does_not_follow_a_symlinked_folder(
    library: OutputLibrary, paths: DataPaths, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "v.png"
    victim.write_bytes(b"x")
    try:
        (paths.outputs / "link").symlink_to(elsewhere, target_is_directory=True)
    except OSError:
        pytest.skip("no symlinks here")
    library.remove_files(["outputs/link/v.png"])
    assert victim.exists()


# --- inputs -------------------------------------------------------------------------------------


def test_copy_input_dedupes_by_content(
    library: OutputLibrary, paths: DataPaths, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.png", tmp_path / "copy of a.PNG"
    a.write_bytes(png_bytes())
    b.write_bytes(png_bytes())
    first, second = library.copy_input(a), library.copy_input(b)
    assert first == second
    assert first.parent == paths.inputs and first.suffix == ".png" and len(first.stem) == 16
    assert first.read_bytes() == a.read_bytes()
    assert len(list(paths.inputs.iterdir())) == 1


def test_copy_input_names_ext_from_content(library: OutputLibrary, tmp_path: Path) -> None:
    src = tmp_path / "photo.png"
    src.write_bytes(encoded("JPEG"))
    assert library.copy_input(src).suffix == ".jpg"


def test_copy_input_rejects_text_renamed_to_png(
    library: OutputLibrary, paths: DataPaths, tmp_path: Path
) -> None:
    src = tmp_path / "notes.png"
    src.write_text("just some notes")
    with pytest.raises(OutputRejected, match=r"“notes\.png” is not an image"):
        library.copy_input(src)
    assert list(paths.inputs.iterdir()) == []


def test_copy_input_missing_file(library: OutputLibrary, tmp_path: Path) -> None:
    with pytest.raises(OutputRejected, match=r"Could not read “gone\.png”"):
        library.copy_input(tmp_path / "gone.png")


# --- safe_name ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a red cat", "a red cat"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("C:\\x.png", "C__x.png"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("COM1", "_COM1"),
        ("  spaced   out.  ", "spaced out"),
        ("bell\x07tab\tnew\nline", "belltab new line"),
        ("gnp\u202e.exe", "gnp.exe"),
        ("", "untitled"),
        ("...", "untitled"),
        ("一只红色的猫", "一只红色的猫"),
        ('a<b>c:"d|e?f*', "a_b_c__d_e_f_"),
    ],
)
def test_safe_name(text: str, expected: str) -> None:
    assert safe_name(text) == expected


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("ComfyUI_00001_.png", "“ComfyUI_00001_.png”"),
        ("a\x1b[2Jb\u202e\u200b.png", "“a[2Jb.png”"),  # controls and format characters go
        ("a b\u3000c\u2028.png", "“a b\u3000c\u2028.png”"),  # separators stay
        ("x" * 100, "“" + "x" * 80 + "”"),
        ("", "no name given"),
    ],
)
def test_a_file_name_in_a_message_loses_its_control_characters(name: str, shown: str) -> None:
    assert files._describe(name) == shown


def test_safe_name_limits_length() -> None:
    assert len(safe_name("x" * 500)) == 80
    assert len(safe_name("x" * 500, max_len=10)) == 10
    emoji = safe_name("🐱" * 80)
    assert len(emoji.encode("utf-8")) <= 200


def test_the_editor_workflow_stays_in_the_file_not_in_every_image_record(
    library: OutputLibrary,
) -> None:
    # Every prompt now carries a UI-format workflow (3-5 KB); copied into each image's record
    # it made the database and every full gallery read that much heavier. The file keeps it.
    data, _prompt, workflow = comfy_png()
    saved = library.save_output(JOB, 0, data)
    assert "workflow" not in saved.metadata
    assert read_png_text(saved.path.read_bytes())["workflow"] == workflow
