"""core.media and the video/audio side of OutputLibrary.save_output, on real encoded files."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.library import media
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.media import (
    WAVEFORM_SIZE,
    MediaInfo,
    MediaRejected,
    audio_waveform,
    container_texts,
    probe_media,
    video_thumbnail,
)
from studio_desktop.core.paths import DataPaths
from tests.fakes.comfy_images import Look
from tests.fakes.comfy_media import encoded_audio, encoded_video, tagged

JOB = "job-media"
LOOK = Look(palette=3)


def webm(size: tuple[int, int] = (96, 48), frames: int = 12, fps: float = 12.0) -> bytes:
    return encoded_video("webm", size, LOOK, frames, fps)


@pytest.fixture
def library(tmp_path: Path) -> OutputLibrary:
    return OutputLibrary(DataPaths(tmp_path / "data").ensure())


# --- probing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["webm", "mp4"])
def test_probe_video(fmt: str, tmp_path: Path) -> None:
    data = encoded_video(fmt, (96, 48), LOOK, 12, 12.0)
    path = tmp_path / f"clip.{fmt}"
    path.write_bytes(data)
    for source in (data, path):
        info = probe_media(source)
        assert (info.kind, info.width, info.height, info.frames, info.fps) == (
            "video",
            96,
            48,
            12,
            12.0,
        )
        assert info.duration_s == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize(("fmt", "rate"), [("flac", 44100), ("mp3", 44100), ("opus", 48000)])
def test_probe_audio(fmt: str, rate: int) -> None:
    info = probe_media(encoded_audio(fmt, LOOK))
    assert (info.kind, info.width, info.height, info.sample_rate, info.channels) == (
        "audio",
        0,
        0,
        rate,
        2,
    )
    assert info.duration_s == pytest.approx(1.0, abs=0.05)
    assert info.as_metadata() == {
        "duration_s": round(info.duration_s, 3),
        "sample_rate": rate,
        "channels": 2,
    }


@pytest.mark.parametrize("fmt", ["webp", "apng", "gif"])
def test_probe_animated_image(fmt: str) -> None:
    info = probe_media(encoded_video(fmt, (40, 30), LOOK, 6, 10.0))
    assert (info.kind, info.width, info.height, info.frames) == ("animated", 40, 30, 6)
    assert info.fps == pytest.approx(10.0) and info.duration_s == pytest.approx(0.6)


def test_probe_still_image() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10)).save(buffer, "PNG")
    assert probe_media(buffer.getvalue()) == MediaInfo("image", 20, 10, frames=1)


@pytest.mark.parametrize(
    "data",
    [b"hello, not a video", webm()[:300], b"\x1a\x45\xdf\xa3" + b"\x00" * 64],
    ids=["text", "truncated-webm", "header-only"],
)
def test_unreadable_files_give_one_clear_message(data: bytes, tmp_path: Path) -> None:
    for attempt in (probe_media, lambda d: video_thumbnail(d, tmp_path / "t.jpg")):
        with pytest.raises(MediaRejected) as caught:
            attempt(data)
        message = str(caught.value)
        assert message.startswith("The file from the server") and "\n" not in message
    assert not (tmp_path / "t.jpg").exists()


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(MediaRejected, match=r"“gone\.webm”"):
        probe_media(tmp_path / "gone.webm")


def test_container_texts_reads_comfy_tags_in_any_case() -> None:
    tags = {"prompt": json.dumps({"9": {"class_type": "SaveWEBM"}}), "workflow": "{}"}
    for fmt, data in (("webm", webm()), ("flac", encoded_audio("flac", LOOK))):
        texts = container_texts(tagged(data, fmt, tags))  # Matroska upper-cases tag names
        assert texts == tags
    assert container_texts(b"garbage") == {}


# --- thumbnails and waveforms -------------------------------------------------------------------


def test_video_thumbnail_is_the_first_frame_scaled(tmp_path: Path) -> None:
    dest = tmp_path / "thumbs" / "clip.jpg"
    video_thumbnail(webm((96, 48)), dest, size=32)
    with Image.open(dest) as thumb:
        assert (thumb.format, thumb.size) == ("JPEG", (32, 16))
    video_thumbnail(webm((96, 48)), dest)  # never upscaled
    with Image.open(dest) as thumb:
        assert thumb.size == (96, 48)
    assert [p.name for p in dest.parent.iterdir()] == ["clip.jpg"]  # no temp files left


def test_video_thumbnail_of_a_sound_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MediaRejected, match="no video picture"):
        video_thumbnail(encoded_audio("flac", LOOK), tmp_path / "t.jpg")


@pytest.mark.parametrize("fmt", ["flac", "mp3", "opus"])
def test_audio_waveform_draws_the_sound(fmt: str, tmp_path: Path) -> None:
    dest = tmp_path / "wave.jpg"
    audio_waveform(encoded_audio(fmt, LOOK), dest)
    with Image.open(dest) as picture:
        assert (picture.format, picture.size) == ("JPEG", WAVEFORM_SIZE)
        rgb = picture.convert("RGB")
    width, height = WAVEFORM_SIZE
    # The fake tone swells from silence: its middle reaches far above and below the axis,
    # its first column barely leaves it.
    middle_column = [rgb.getpixel((width // 2, y)) for y in range(height)]
    lit = [y for y, px in enumerate(middle_column) if isinstance(px, tuple) and px[2] > 180]
    assert lit and lit[0] < height * 0.3 and lit[-1] > height * 0.7
    edge = [rgb.getpixel((0, y)) for y in range(height)]
    assert sum(1 for px in edge if isinstance(px, tuple) and px[2] > 180) < height * 0.1


def test_waveform_of_a_silent_video_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MediaRejected, match="no sound"):
        audio_waveform(webm(), tmp_path / "w.jpg")


def test_waveform_decoding_is_bounded(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(media, "MAX_WAVEFORM_SECONDS", 0.2)
    with caplog.at_level(logging.INFO, logger="studio_desktop.core.library.media"):
        audio_waveform(encoded_audio("flac", LOOK), tmp_path / "w.jpg")
    assert "drawn from its first" in caplog.text


# --- the library --------------------------------------------------------------------------------


def test_save_output_video_gets_thumbnail_size_and_comfy_texts(library: OutputLibrary) -> None:
    tags = {"prompt": json.dumps({"9": {"class_type": "SaveWEBM"}})}
    data = tagged(webm((96, 48)), "webm", tags)
    saved = library.save_output(JOB, 0, data, server_filename="x_00001_.webm")
    assert (saved.kind, saved.width, saved.height) == ("video", 96, 48)
    assert saved.path.suffix == ".webm" and saved.path.read_bytes() == data  # untouched
    assert saved.thumb_path is not None and saved.thumb_path.suffix == ".jpg"
    with Image.open(saved.thumb_path) as thumb:
        assert thumb.size == (96, 48)
    assert saved.metadata["prompt"] == {"9": {"class_type": "SaveWEBM"}}
    assert saved.metadata["media"]["frames"] == 12


def test_save_output_audio_gets_a_waveform(library: OutputLibrary) -> None:
    saved = library.save_output(JOB, 1, encoded_audio("mp3", LOOK), extra_metadata={"s": 1})
    assert (saved.kind, saved.width, saved.height, saved.path.suffix) == ("audio", 0, 0, ".mp3")
    assert saved.thumb_path is not None
    with Image.open(saved.thumb_path) as picture:
        assert picture.size == WAVEFORM_SIZE
    assert saved.metadata["studio"] == {"s": 1}
    assert saved.metadata["media"]["sample_rate"] == 44100


def test_save_output_is_idempotent_for_media(library: OutputLibrary) -> None:
    data = webm()
    first = library.save_output(JOB, 0, data)
    assert first.thumb_path is not None
    first.thumb_path.unlink()
    again = library.save_output(JOB, 0, data)
    assert again == first and again.thumb_path is not None and again.thumb_path.exists()


@pytest.mark.parametrize("fmt", ["webm", "mp4", "flac", "mp3", "opus"])
def test_save_output_tags_media_with_our_parameters(library: OutputLibrary, fmt: str) -> None:
    """As a PNG gets its `studio` chunk, a video or sound gets a `studio` container tag; the
    server's own tags stay, and saving the same download again finds the same file in place."""
    comfy = {"prompt": json.dumps({"9": {"class_type": "SaveVideo"}}), "workflow": "{}"}
    if fmt in ("webm", "mp4"):
        data = tagged(encoded_video(fmt, (64, 48), LOOK, 6, 8.0), fmt, comfy)
    else:
        data = tagged(encoded_audio(fmt, LOOK), "ogg" if fmt == "opus" else fmt, comfy)
    extra = {"template": "audio_stable", "params": {"prompt": "rain on a tin roof", "seed": 7}}
    saved = library.save_output(JOB, 0, data, extra_metadata=extra)
    texts = container_texts(saved.path, ("studio", "prompt", "workflow"))
    assert json.loads(texts.pop("studio")) == extra
    assert texts == comfy
    assert saved.bytes == saved.path.stat().st_size != len(data)
    assert saved.metadata["studio"] == extra and saved.metadata["prompt"] == json.loads(
        comfy["prompt"]
    )
    written = saved.path.stat().st_mtime_ns
    again = library.save_output(JOB, 0, data, extra_metadata=extra)
    assert again == saved and saved.path.stat().st_mtime_ns == written


def test_save_output_keeps_media_untagged_when_tagging_fails(
    library: OutputLibrary, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import studio_desktop.core.library.media_tags as media_tags

    def broken(*args: object) -> tuple[bytes, int]:
        raise ValueError("muxer refused the stream")

    monkeypatch.setattr(media_tags, "_remux", broken)
    data = encoded_audio("flac", LOOK)
    with caplog.at_level(logging.WARNING, logger=media_tags.__name__):
        saved = library.save_output(JOB, 0, data, extra_metadata={"params": {"seed": 1}})
    assert saved.path.read_bytes() == data and saved.metadata["studio"] == {"params": {"seed": 1}}
    assert "muxer refused the stream" in caplog.text


def test_make_thumbnail_handles_video_and_audio(library: OutputLibrary, tmp_path: Path) -> None:
    for name, data in (("c.webm", webm()), ("s.opus", encoded_audio("opus", LOOK))):
        source = tmp_path / name
        source.write_bytes(data)
        dest = tmp_path / f"{name}.jpg"
        library.make_thumbnail(source, dest)
        with Image.open(dest) as thumb:
            assert thumb.format == "JPEG"
