"""media_tags.tag_media: our `studio` tag in real video and audio files, packets untouched."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import replace
from fractions import Fraction

import av
import pytest

from studio_desktop.core.library import media_tags
from studio_desktop.core.library.media import MediaInfo, container_texts, probe_media
from studio_desktop.core.library.media_tags import tag_media
from tests.fakes.comfy_images import Look
from tests.fakes.comfy_media import encoded_audio, encoded_video, h264_encoder, tagged

LOOK = Look(palette=5)
COMFY = {"prompt": json.dumps({"3": {"class_type": "KSampler"}}), "workflow": '{"nodes": []}'}
STUDIO = json.dumps(
    {"template": "video_wan", "params": {"prompt": "ein Käfer, 猫", "seed": 2**63 + 5}},
    ensure_ascii=False,
)
KEYS = ("studio", "prompt", "workflow")


def comfy_file(ext: str) -> bytes:
    """A file as ComfyUI's savers write it: real codecs, `prompt`/`workflow` in the tags."""
    if ext in ("mp4", "webm"):
        return tagged(encoded_video(ext, (64, 48), LOOK, 8, 8.0), ext, COMFY)
    return tagged(encoded_audio(ext, LOOK), "ogg" if ext == "opus" else ext, COMFY)


def packets(data: bytes) -> list[tuple[int, int | None, bytes]]:
    with av.open(io.BytesIO(data)) as container:
        return [(p.stream.index, p.pts, bytes(p)) for p in container.demux() if p.size]


@pytest.mark.parametrize("ext", ["mp4", "webm", "flac", "mp3", "opus"])
def test_tag_is_added_and_comfy_tags_and_packets_kept(ext: str) -> None:
    data = comfy_file(ext)
    out = tag_media(data, ext, {"studio": STUDIO})
    assert out is not None
    assert container_texts(out, KEYS) == {**COMFY, "studio": STUDIO}
    # No re-encode: every packet is the one the server made, in the same order.
    assert packets(out) == packets(data)
    assert probe_media(out) == probe_media(data)


@pytest.mark.parametrize("ext", ["mp4", "webm", "flac", "mp3", "opus"])
def test_same_input_gives_the_same_bytes(ext: str) -> None:
    """No random Matroska segment id or Ogg serial: a resumed job's save finds its file."""
    data = comfy_file(ext)
    assert tag_media(data, ext, {"studio": STUDIO}) == tag_media(data, ext, {"studio": STUDIO})


def test_mp4_with_sound_keeps_both_streams() -> None:
    """SaveVideo muxes AAC sound next to the pictures when the video has audio."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        video = container.add_stream(h264_encoder(), rate=Fraction(8))
        assert isinstance(video, av.VideoStream)
        video.width, video.height, video.pix_fmt = 32, 32, "yuv420p"
        sound = container.add_stream("aac", rate=44100, layout="mono")
        assert isinstance(sound, av.AudioStream)
        for i in range(4):
            frame = av.VideoFrame(32, 32, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([i * 40]) * plane.buffer_size)
            frame.pts = i
            for packet in video.encode(frame):
                container.mux(packet)
        chunk = av.AudioFrame(format="fltp", layout="mono", samples=1024)
        chunk.planes[0].update(bytes(4096))
        chunk.sample_rate, chunk.pts = 44100, 0
        for packet in [*sound.encode(chunk), *sound.encode(None), *video.encode(None)]:
            container.mux(packet)
    data = buffer.getvalue()
    out = tag_media(data, "mp4", {"studio": STUDIO})
    assert out is not None
    assert container_texts(out, KEYS) == {"studio": STUDIO}
    assert packets(out) == packets(data)
    with av.open(io.BytesIO(out)) as container:
        assert [s.type for s in container.streams] == ["video", "audio"]


def test_an_existing_studio_tag_is_replaced() -> None:
    data = tag_media(comfy_file("flac"), "flac", {"studio": '{"old": 1}'})
    assert data is not None
    out = tag_media(data, "flac", {"studio": STUDIO})
    assert out is not None
    assert container_texts(out, KEYS)["studio"] == STUDIO


def test_wav_cannot_carry_it_and_is_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    """FFmpeg's WAV muxer writes only the RIFF INFO tags it knows: nowhere to put ours."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=8000, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=800)
        frame.planes[0].update(bytes(1600))
        frame.sample_rate, frame.pts = 8000, 0
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    with caplog.at_level(logging.INFO, logger=media_tags.__name__):
        assert tag_media(buffer.getvalue(), "wav", {"studio": STUDIO}) is None
    assert "keeps no free-form tags" in caplog.text


@pytest.mark.parametrize(
    "data",
    [b"\x1a\x45\xdf\xa3" + bytes(200), b"", b"fLaC" + bytes(10)],
    ids=["junk-webm", "empty", "cut-flac"],
)
def test_unreadable_file_is_left_alone(data: bytes, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=media_tags.__name__):
        assert tag_media(data, "webm", {"studio": STUDIO}) is None
    assert "without our tag" in caplog.text


def test_truncated_video_is_left_alone() -> None:
    data = comfy_file("mp4")
    assert tag_media(data[: len(data) // 2], "mp4", {"studio": STUDIO}) is None


def test_oversized_tag_is_not_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(media_tags, "MAX_TEXT_BYTES", 16)
    assert tag_media(comfy_file("flac"), "flac", {"studio": STUDIO}) is None


def test_nothing_to_add_is_nothing_done() -> None:
    assert tag_media(comfy_file("flac"), "flac", {}) is None


def test_matroska_millisecond_rounding_is_not_a_lost_frame() -> None:
    """33 frames at 16 fps last 2.0625 s: WebM stores 2.062, the remux 2.063. Still tagged."""
    data = tagged(encoded_video("webm", (32, 32), LOOK, 33, 16.0), "webm", COMFY)
    out = tag_media(data, "webm", {"studio": STUDIO})
    assert out is not None and packets(out) == packets(data)
    assert probe_media(out).frames == probe_media(data).frames == 33


def test_webm_without_frame_durations_is_tagged_and_ends_after_its_last_frame() -> None:
    """A WebM remuxed without DefaultDuration (here: twice by the fake) ends where its last
    frame starts; ours carries the frame duration again, so it reads one frame longer."""
    once = tagged(encoded_video("webm", (32, 32), LOOK, 8, 8.0), "webm", COMFY)
    data = tagged(once, "webm", COMFY)
    assert probe_media(data).duration_s == pytest.approx(0.875)
    out = tag_media(data, "webm", {"studio": STUDIO})
    assert out is not None and packets(out) == packets(data)
    assert probe_media(out).duration_s == pytest.approx(1.0)


def test_a_shorter_result_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check that caught the lost last frame: a remux that reads shorter is not kept."""
    real = media_tags.probe_media
    calls: list[int] = []

    def shorter(source: bytes) -> MediaInfo:
        info = real(source)
        calls.append(1)
        if len(calls) == 1:
            return info
        return replace(info, duration_s=info.duration_s - 0.125, frames=info.frames - 1)

    monkeypatch.setattr(media_tags, "probe_media", shorter)
    assert tag_media(comfy_file("webm"), "webm", {"studio": STUDIO}) is None
