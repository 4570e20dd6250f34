"""image_tags: our `studio` text in WebP EXIF and GIF comments, frames untouched; read back."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.image_tags import read_gif_tag, read_webp_tag, tag_image
from studio_desktop.core.library.metadata import read_generation_info
from studio_desktop.core.paths import DataPaths

STUDIO = json.dumps({"template": "txt2img", "params": {"prompt": "ein Käfer", "seed": 9}})
PROMPT = json.dumps({"9": {"class_type": "SaveAnimatedWEBP"}})


def frames(count: int = 3) -> list[Image.Image]:
    return [Image.new("RGB", (24, 16), (60 * i, 200 - 50 * i, 90)) for i in range(count)]


def comfy_webp(
    *, prompt: bool = True, user_comment: bytes | None = None, count: int = 3, lossless: bool = True
) -> bytes:
    """As SaveAnimatedWEBP writes it: `prompt:` in EXIF 0x0110, `workflow:` in 0x010F."""
    pictures = frames(count)
    exif = Image.Exif()
    if prompt:
        exif[0x0110] = f"prompt:{PROMPT}"
        exif[0x010F] = 'workflow:{"nodes": []}'
    if user_comment is not None:
        exif.get_ifd(0x8769)[0x9286] = user_comment
    buffer = io.BytesIO()
    pictures[0].save(
        buffer,
        "WEBP",
        save_all=count > 1,
        append_images=pictures[1:],
        duration=100,
        exif=exif,
        lossless=lossless,
    )
    return buffer.getvalue()


def gif(version: bytes = b"GIF89a", count: int = 3) -> bytes:
    pictures = frames(count)
    buffer = io.BytesIO()
    pictures[0].save(buffer, "GIF", save_all=count > 1, append_images=pictures[1:], loop=0)
    return version + buffer.getvalue()[6:]


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 12
    while pos < len(data):
        size = struct.unpack_from("<I", data, pos + 4)[0]
        out.append((data[pos : pos + 4], data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return out


def same_pixels(a: bytes, b: bytes) -> bool:
    with Image.open(io.BytesIO(a)) as one, Image.open(io.BytesIO(b)) as two:
        if getattr(one, "n_frames", 1) != getattr(two, "n_frames", 1):
            return False
        for index in range(getattr(one, "n_frames", 1)):
            one.seek(index)
            two.seek(index)
            if ImageChops.difference(one.convert("RGB"), two.convert("RGB")).getbbox():
                return False
    return True


# --- WebP ---------------------------------------------------------------------------------------


def test_webp_gets_studio_next_to_comfy_tags_frames_untouched() -> None:
    data = comfy_webp()
    out = tag_image(data, "webp", "studio", STUDIO)
    assert out is not None
    assert read_webp_tag(out, "studio") == STUDIO
    assert read_webp_tag(out, "prompt") == PROMPT  # ComfyUI's front end still finds it
    assert read_webp_tag(out, "workflow") == '{"nodes": []}'
    before, after = riff_chunks(data), riff_chunks(out)
    frames_of = [(f, body) for f, body in before if f in (b"ANIM", b"ANMF")]
    assert frames_of == [(f, body) for f, body in after if f in (b"ANIM", b"ANMF")]
    assert same_pixels(data, out)
    with Image.open(io.BytesIO(out)) as image:
        assert image.getexif()[0x010E] == f"studio:{STUDIO}"  # the next tag of ComfyUI's run


def test_webp_without_exif_gets_a_chunk_and_the_header_flag() -> None:
    data = comfy_webp(prompt=False)
    out = tag_image(data, "webp", "studio", STUDIO)
    assert out is not None and read_webp_tag(out, "studio") == STUDIO
    header = riff_chunks(out)[0]
    assert header[0] == b"VP8X" and header[1][0] & 0x08
    assert same_pixels(data, out)


def test_webp_keeps_a1111_user_comment_and_retagging_replaces_ours() -> None:
    comment = b"UNICODE\x00" + "a fox\nSteps: 20".encode("utf-16-be")
    out = tag_image(comfy_webp(user_comment=comment), "webp", "studio", '{"old": 1}')
    assert out is not None
    out = tag_image(out, "webp", "studio", STUDIO)
    assert out is not None and read_webp_tag(out, "studio") == STUDIO
    with Image.open(io.BytesIO(out)) as image:
        exif = image.getexif()
        assert exif.get_ifd(0x8769)[0x9286] == comment
        assert sum(1 for v in exif.values() if str(v).startswith("studio:")) == 1


def test_simple_webp_is_left_alone() -> None:
    buffer = io.BytesIO()
    frames(1)[0].save(buffer, "WEBP", quality=80)  # VP8 without a VP8X header
    assert tag_image(buffer.getvalue(), "webp", "studio", STUDIO) is None


@pytest.mark.parametrize("cut", [20, 40, -10])
def test_broken_webp_is_left_alone_and_reads_as_nothing(cut: int) -> None:
    data = tag_image(comfy_webp(), "webp", "studio", STUDIO)
    assert data is not None
    assert tag_image(data[:cut], "webp", "studio", STUDIO) is None
    assert read_webp_tag(data[:cut], "studio") in (None, STUDIO)  # never raises
    assert read_webp_tag(b"RIFF\xff\xff\xff\xffWEBPEXIF\xff\xff\xff\xff", "studio") is None


# --- GIF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [b"GIF89a", b"GIF87a"])
def test_gif_gets_a_comment_frames_untouched(version: bytes) -> None:
    data = gif(version)
    out = tag_image(data, "gif", "studio", STUDIO * 30)  # longer than one 255-byte sub-block
    assert out is not None and out.startswith(b"GIF89a")
    assert read_gif_tag(out, "studio") == STUDIO * 30
    assert same_pixels(data, out)
    with Image.open(io.BytesIO(out)) as image:
        assert image.info.get("loop") == 0 and image.n_frames == 3


def test_gif_tag_reading_is_bounded() -> None:
    out = tag_image(gif(), "gif", "studio", STUDIO)
    assert out is not None
    assert read_gif_tag(out, "studio", max_bytes=10) is None
    assert read_gif_tag(out[:30], "studio") is None
    assert read_gif_tag(b"GIF89a", "studio") is None
    assert read_gif_tag(gif(), "studio") is None


def test_other_formats_are_left_alone() -> None:
    assert tag_image(b"\xff\xd8\xff\xe0junk", "jpg", "studio", STUDIO) is None
    assert tag_image(b"GIF89a junk", "gif", "studio", STUDIO) is None


# --- saving and restoring -----------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["webp", "gif"])
def test_saved_webp_or_gif_output_restores_the_job(ext: str, tmp_path: Path) -> None:
    library = OutputLibrary(DataPaths(tmp_path / "data").ensure())
    params = GenerationParams(prompt="a paper boat, 紙の船", seed=2**40, steps=12, cfg=3.5)
    extra = {"template": "txt2img", "params": params.to_dict()}
    data = comfy_webp() if ext == "webp" else gif()
    saved = library.save_output("job-pic", 0, data, extra_metadata=extra)
    assert saved.path.suffix == f".{ext}" and saved.kind == "animated"
    stored = saved.path.read_bytes()
    assert stored != data and same_pixels(data, stored)
    restored = read_generation_info(stored)
    assert restored.source == "studio" and restored.template == "txt2img"
    assert restored.apply(GenerationParams(prompt="")) == params
    again = library.save_output("job-pic", 0, data, extra_metadata=extra)
    assert again == saved  # the same bytes again: found in place
