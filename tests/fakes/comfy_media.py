"""Real, tiny video, animated-image and audio files for the fake ComfyUI server.

Encoding is cached per (format, size, look, frames, fps) like the PNG cache in comfy_images; the
per-prompt ``prompt``/``workflow`` tags ComfyUI writes are added afterwards by remuxing the cached
packets into a new container (no re-encode, a few milliseconds).

Codecs, as ComfyUI 0.3.64 uses them: SaveWEBM vp9 (libvpx-vp9) in WebM; SaveVideo H.264
(libx264, falling back to mpeg4 when this FFmpeg lacks it) in MP4 with ``movflags
use_metadata_tags``; SaveAudio FLAC, SaveAudioMP3 libmp3lame, SaveAudioOpus libopus at 48 kHz (Ogg).
Animated WebP/PNG/GIF are written by Pillow as ComfyUI and the video pack do; their metadata
(EXIF for WebP, ``comf`` chunks for APNG) is not modelled. Odd sizes are rounded up to even ones
because 4:2:0 video cannot have odd sizes (real ComfyUI would fail or pad the same way).
"""

from __future__ import annotations

import io
import math
import struct
from fractions import Fraction
from functools import lru_cache

import av
from PIL import Image, ImageChops

from tests.fakes.comfy_images import Look, render

VIDEO_FORMATS = ("webm", "mp4", "gif", "webp", "apng")
AUDIO_FORMATS = ("flac", "mp3", "opus")
MAX_FRAMES = 240  # the fake never encodes more; a cap so a bad test cannot stall the server
AUDIO_SECONDS = 1.0  # every fake sound lasts this long, whatever the latent asked for


def _even(n: int) -> int:
    return max(2, n + (n % 2))


def frames_for(size: tuple[int, int], look: Look, count: int) -> list[Image.Image]:
    """The look's picture sliding sideways with a bar sweeping across, one step per frame, so
    every frame differs (encoders merge identical ones) and a clip visibly moves."""
    base = render(size, look)
    count = max(1, min(count, MAX_FRAMES))
    bar = ImageChops.invert(base)
    width = max(1, size[0] // 8)
    pictures = []
    for i in range(count):
        frame = ImageChops.offset(base, i * size[0] // count, 0)
        x = i * max(1, size[0] - width) // max(1, count - 1) if count > 1 else 0
        frame.paste(bar.crop((x, 0, x + width, size[1])), (x, 0))
        pictures.append(frame)
    return pictures


def h264_encoder() -> str:
    """libx264 where this PyAV build has it, else FFmpeg's own mpeg4 (also plays in MP4)."""
    try:
        av.codec.Codec("libx264", "w")
    except av.codec.codec.UnknownCodecError:
        return "mpeg4"
    return "libx264"


@lru_cache(maxsize=64)
def encoded_video(fmt: str, size: tuple[int, int], look: Look, count: int, fps: float) -> bytes:
    """A real animated file of ``count`` frames: webm, mp4, gif, webp or apng (untagged)."""
    if fmt not in VIDEO_FORMATS:
        raise ValueError(f"unknown fake video format {fmt!r}")
    if fmt in ("webm", "mp4"):
        size = (_even(size[0]), _even(size[1]))
    pictures = frames_for(size, look, count)
    buffer = io.BytesIO()
    if fmt in ("gif", "webp", "apng"):
        duration = max(1, int(1000.0 / fps))
        pillow_format = {"gif": "GIF", "webp": "WEBP", "apng": "PNG"}[fmt]
        extra = {"lossless": True, "quality": 80, "method": 0} if fmt == "webp" else {}
        pictures[0].save(
            buffer,
            pillow_format,
            save_all=True,
            append_images=pictures[1:],
            duration=duration,
            loop=0,
            **extra,
        )
        return buffer.getvalue()
    codec = "libvpx-vp9" if fmt == "webm" else h264_encoder()
    with av.open(buffer, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=Fraction(round(fps * 1000), 1000))
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if codec == "libvpx-vp9":
            stream.bit_rate = 0
            stream.options = {"crf": "32", "deadline": "realtime", "cpu-used": "8"}
        for picture in pictures:
            frame = av.VideoFrame.from_image(picture)  # type: ignore[no-untyped-call]
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def _tone(look: Look, rate: int, channels: int, seconds: float) -> bytes:
    """Packed float32 samples: a tone whose pitch comes from the look, swelling and fading."""
    pitch = 220.0 + 40.0 * (look.palette if look.solid is None else sum(look.solid) % 16)
    count = int(rate * seconds)
    samples: list[float] = []
    for i in range(count):
        t = i / rate
        envelope = math.sin(math.pi * i / count) * (0.6 + 0.4 * math.sin(2 * math.pi * 3 * t))
        value = 0.8 * envelope * math.sin(2 * math.pi * pitch * t)
        samples.extend([value] * channels)
    return struct.pack(f"<{len(samples)}f", *samples)


@lru_cache(maxsize=32)
def encoded_audio(fmt: str, look: Look, rate: int = 44100, channels: int = 2) -> bytes:
    """A real AUDIO_SECONDS sound file (flac, mp3 or opus), untagged."""
    if fmt not in AUDIO_FORMATS:
        raise ValueError(f"unknown fake audio format {fmt!r}")
    if fmt == "opus":
        rate = 48000  # ComfyUI resamples to an Opus rate; 44.1 kHz becomes 48 kHz
    layout = "mono" if channels == 1 else "stereo"
    codec = {"flac": "flac", "mp3": "libmp3lame", "opus": "libopus"}[fmt]
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        assert isinstance(stream, av.AudioStream)
        if fmt != "flac":
            stream.bit_rate = 128000
        frame = av.AudioFrame(format="flt", layout=layout, samples=int(rate * AUDIO_SECONDS))
        frame.planes[0].update(_tone(look, rate, channels, AUDIO_SECONDS))
        frame.sample_rate = rate
        frame.pts = 0
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def tagged(data: bytes, fmt: str, tags: dict[str, str]) -> bytes:
    """The same packets in a new container carrying ``tags`` (ComfyUI's prompt/workflow JSON)."""
    if not tags or fmt in ("gif", "webp", "apng"):
        return data
    options = {"movflags": "use_metadata_tags"} if fmt == "mp4" else {}
    out = io.BytesIO()
    with (
        av.open(io.BytesIO(data), mode="r") as source,
        av.open(out, mode="w", format=fmt, options=options) as target,
    ):
        for key, value in tags.items():
            target.metadata[key] = value
        streams = {s.index: target.add_stream_from_template(s) for s in source.streams}
        for packet in source.demux():
            if packet.dts is None:
                continue
            packet.stream = streams[packet.stream.index]
            target.mux(packet)
    return out.getvalue()
