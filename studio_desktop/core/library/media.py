"""Video, audio and animated-image outputs: what they are, a first-frame thumbnail, a waveform.

PyAV (FFmpeg) does the decoding; Pillow draws. Every read is bounded: a probe decodes nothing, a
thumbnail demuxes at most MAX_THUMB_PACKETS packets, a waveform decodes at most
MAX_WAVEFORM_SECONDS of sound, and picture sizes go through the same pixel limit as images. Any
file FFmpeg cannot read ends in MediaRejected (an OutputRejected) with a message for the user.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PIL import Image, ImageDraw

from studio_desktop.core.library.atomic import atomic_write_bytes
from studio_desktop.core.library.imaging import (
    IMAGE_KINDS,
    MAX_TEXT_BYTES,
    THUMB_SIZE,
    OutputRejected,
    check_pixels,
    header_size,
    opened_image,
    read_bounded,
    sniff_kind,
    thumbnail_jpeg,
)

# PyAV (FFmpeg) is imported where a video or a sound is read, not with this module: commands
# that never touch media (`jobs`) should not pay for loading it.
if TYPE_CHECKING:
    import av.container

__all__ = [
    "MAX_THUMB_PACKETS",
    "MAX_WAVEFORM_SECONDS",
    "WAVEFORM_SIZE",
    "MediaInfo",
    "MediaRejected",
    "MediaSource",
    "audio_waveform",
    "audio_waveform_jpeg",
    "container_texts",
    "probe_media",
    "video_thumbnail",
    "video_thumbnail_jpeg",
]

log = logging.getLogger(__name__)

# A file is a path on disk or bytes already in memory (a download not yet written).
MediaSource = Path | bytes

# Why 512 packets: a keyframe-first stream yields its first picture from packet one; a stream cut
# mid-GOP or with a long B-frame delay still does within a few dozen. Past 512 it is broken.
MAX_THUMB_PACKETS: Final = 512
# Why 10 minutes: the longest output a stock audio model makes is ~47 s (Stable Audio Open); a
# longer file still gets a waveform of its first 10 minutes in about a second of decoding.
MAX_WAVEFORM_SECONDS: Final = 600.0
WAVEFORM_SIZE: Final = (THUMB_SIZE, THUMB_SIZE // 2)
# Neutral slate tile with a soft blue trace: a self-contained picture that reads on a light
# gallery and a dark one alike, as video thumbnails do.
_WAVE_BACKGROUND: Final = (46, 52, 62)
_WAVE_AXIS: Final = (84, 92, 106)
_WAVE_TRACE: Final = (142, 184, 229)
_COMFY_KEYS: Final = ("prompt", "workflow")


class MediaRejected(OutputRejected):
    """A video, audio or animated file we cannot read; the message is for the user."""


@dataclass(frozen=True)
class MediaInfo:
    """What a media file holds. Numbers are 0 when unknown or not applicable (no picture in audio,
    no sound in an animated image)."""

    kind: str  # image | animated | video | audio
    width: int = 0
    height: int = 0
    duration_s: float = 0.0
    frames: int = 0
    fps: float = 0.0
    sample_rate: int = 0
    channels: int = 0

    def as_metadata(self) -> dict[str, float | int]:
        """The non-zero facts, for an output's metadata (the gallery shows the duration)."""
        facts: dict[str, float | int] = {
            "duration_s": round(self.duration_s, 3),
            "frames": self.frames,
            "fps": round(self.fps, 3),
            "sample_rate": self.sample_rate,
            "channels": self.channels,
        }
        return {key: value for key, value in facts.items() if value}


# --- opening ------------------------------------------------------------------------------------


def _name(source: MediaSource) -> str:
    return f"“{source.name[:80]}”" if isinstance(source, Path) else "The file from the server"


def _read(source: MediaSource) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        data = read_bounded(source)
    except OSError as exc:
        raise MediaRejected(f"Could not read {_name(source)}: {exc.strerror or exc}.") from exc
    if data is None:
        raise MediaRejected(f"{_name(source)} is larger than the output size limit.")
    return data


@contextmanager
def _opened(source: MediaSource) -> Iterator[av.container.InputContainer]:
    """The container open for reading; FFmpeg's errors become MediaRejected."""
    import av

    what = _name(source)
    try:
        target: str | io.BytesIO = str(source) if isinstance(source, Path) else io.BytesIO(source)
        container = av.open(target, mode="r", metadata_errors="replace")
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaRejected(
            f"{what} is not a video or audio file FFmpeg can read ({exc})."
        ) from exc
    try:
        yield container
    except (av.FFmpegError, ValueError, MemoryError) as exc:
        raise MediaRejected(f"{what} is damaged and cannot be decoded ({exc}).") from exc
    finally:
        container.close()


def _video_stream(container: av.container.InputContainer) -> av.VideoStream | None:
    import av

    # Cover art in an MP3 or M4A is a one-picture "video" stream flagged attached_pic.
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def _duration(container: av.container.InputContainer, stream: av.stream.Stream | None) -> float:
    import av

    if stream is not None and stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    return 0.0


# --- probing ------------------------------------------------------------------------------------


def probe_media(source: MediaSource) -> MediaInfo:
    """Kind, size, duration, frame rate and sound format, read from headers (nothing decoded).

    Still and animated images are probed with Pillow, everything else with FFmpeg. Raises
    MediaRejected for a file neither can read, or a picture beyond the pixel limit.
    """
    data = _read(source) if isinstance(source, bytes) or _is_image(source) else None
    if data is not None:
        sniffed = sniff_kind(data)
        if sniffed is not None and sniffed[0] in IMAGE_KINDS:
            return _probe_image(data, sniffed[1], _name(source))
    with _opened(source) as container:
        video = _video_stream(container)
        audio = container.streams.audio[0] if container.streams.audio else None
        if video is None and audio is None:
            raise MediaRejected(f"{_name(source)} holds neither pictures nor sound.")
        sample_rate = (audio.rate or 0) if audio is not None else 0
        channels = (audio.channels or 0) if audio is not None else 0
        if video is None:
            return MediaInfo(
                "audio",
                duration_s=_duration(container, audio),
                sample_rate=sample_rate,
                channels=channels,
            )
        width, height = video.width or 0, video.height or 0
        check_pixels(width, height, f"The video {_name(source)}")
        rate = video.average_rate or video.base_rate or video.guessed_rate
        fps = float(rate) if rate else 0.0
        duration = _duration(container, video)
        frames = video.frames or (round(duration * fps) if fps else 0)
        return MediaInfo("video", width, height, duration, frames, fps, sample_rate, channels)


def _is_image(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    sniffed = sniff_kind(head)
    return sniffed is not None and sniffed[0] in IMAGE_KINDS


def _probe_image(data: bytes, ext: str, what: str) -> MediaInfo:
    size = header_size(data, ext)
    if size is not None:
        check_pixels(*size, what)
    with opened_image(data, what) as im:
        frames = int(getattr(im, "n_frames", 1))
        if frames <= 1:
            return MediaInfo("image", im.width, im.height, frames=1)
        if "duration" not in im.info:
            im.load()  # WebP reports frame timing only once its first frame is read
        delay_ms = float(im.info.get("duration") or 0)  # the first frame's; a fair average
        fps = 1000.0 / delay_ms if delay_ms > 0 else 0.0
        return MediaInfo("animated", im.width, im.height, frames * delay_ms / 1000, frames, fps)


def container_texts(source: MediaSource, keys: Iterable[str] = _COMFY_KEYS) -> dict[str, str]:
    """ComfyUI's `prompt` and `workflow` texts (or the tags named in `keys`, such as our own
    `studio`, see media_tags) from a video's or audio file's tags, by lower-case name.

    SaveWEBM, SaveVideo and SaveAudio* write them as container (or, in Ogg, stream) tags; Matroska
    upper-cases tag names. Oversized texts are skipped. {} when there are none or on any error.
    """
    wanted = frozenset(key.lower() for key in keys)
    found: dict[str, str] = {}
    try:
        with _opened(source) as container:
            tags = [container.metadata, *(s.metadata for s in container.streams)]
            for tag_set in tags:
                for key, value in tag_set.items():
                    name = key.lower()
                    if name in wanted and name not in found and len(value) <= MAX_TEXT_BYTES:
                        found[name] = value
    except MediaRejected:
        return {}
    return found


# --- video thumbnails ---------------------------------------------------------------------------


def video_thumbnail_jpeg(source: MediaSource, size: int = THUMB_SIZE) -> bytes:
    """A JPEG of the first decodable frame, long edge `size` (never upscaled).

    Demuxes at most MAX_THUMB_PACKETS packets. Raises MediaRejected when there is no picture.
    """
    import av

    what = _name(source)
    with _opened(source) as container:
        stream = _video_stream(container)
        if stream is None:
            raise MediaRejected(f"{what} has no video picture to show.")
        check_pixels(stream.width or 0, stream.height or 0, f"The video {what}")
        for number, packet in enumerate(container.demux(stream)):
            if number >= MAX_THUMB_PACKETS:
                break
            for frame in packet.decode():
                if isinstance(frame, av.VideoFrame):
                    # PyAV ships no hint for to_image.
                    picture = frame.to_image()  # type: ignore[no-untyped-call]
                    return _jpeg(picture, size)
    raise MediaRejected(f"{what} has no frame that could be decoded.")


def video_thumbnail(source: MediaSource, dest: Path, size: int = THUMB_SIZE) -> None:
    """Write dest atomically as the first-frame thumbnail of a video (see video_thumbnail_jpeg)."""
    _write(dest, video_thumbnail_jpeg(source, size))


def _jpeg(picture: Image.Image, size: int) -> bytes:
    if size == THUMB_SIZE:
        return thumbnail_jpeg(picture)
    picture.thumbnail((size, size), Image.Resampling.BILINEAR, reducing_gap=1.0)
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


# --- audio waveforms ----------------------------------------------------------------------------


def audio_waveform_jpeg(source: MediaSource, size: tuple[int, int] = WAVEFORM_SIZE) -> bytes:
    """A JPEG waveform picture: per column the min and max sample of all channels mixed to mono.

    Decodes at most MAX_WAVEFORM_SECONDS of sound, keeping only per-block peaks in memory.
    Raises MediaRejected when there is no sound to draw.
    """
    width, height = max(16, size[0]), max(16, size[1])
    what = _name(source)
    with _opened(source) as container:
        if not container.streams.audio:
            raise MediaRejected(f"{what} has no sound to draw.")
        stream = container.streams.audio[0]
        rate = stream.rate or 48000
        # Mono floats at the stream's own rate: resampling down would smooth the peaks away.
        import av

        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        block = max(1, rate // 200)  # 5 ms blocks: 120 000 pairs for 10 minutes
        limit = int(MAX_WAVEFORM_SECONDS * rate)
        peaks = _Peaks(block)
        for frame in container.decode(stream):
            for mono in resampler.resample(frame):
                peaks.add(bytes(mono.planes[0])[: mono.samples * 4])
            if peaks.samples >= limit:
                log.info("waveform of %s drawn from its first %.0f s", what, MAX_WAVEFORM_SECONDS)
                break
        else:
            for mono in resampler.resample(None):
                peaks.add(bytes(mono.planes[0])[: mono.samples * 4])
    if peaks.samples == 0:
        raise MediaRejected(f"{what} has no sound that could be decoded.")
    return _draw_waveform(peaks.columns(width), width, height)


def audio_waveform(source: MediaSource, dest: Path, size: tuple[int, int] = WAVEFORM_SIZE) -> None:
    """Write dest atomically as the waveform picture of a sound (see audio_waveform_jpeg)."""
    _write(dest, audio_waveform_jpeg(source, size))


class _Peaks:
    """Min/max per fixed block of samples, fed in arbitrary chunks of packed float32."""

    def __init__(self, block: int) -> None:
        self.block = block
        self.samples = 0
        self.lows: list[float] = []
        self.highs: list[float] = []
        self._tail: list[float] = []

    def add(self, raw: bytes) -> None:
        values = memoryview(raw).cast("f")
        self.samples += len(values)
        start = 0
        if self._tail:
            need = self.block - len(self._tail)
            self._tail.extend(values[:need])
            start = need
            if len(self._tail) < self.block:
                return
            self._push(self._tail)
            self._tail = []
        end = start + (len(values) - start) // self.block * self.block
        for pos in range(start, end, self.block):
            self._push(values[pos : pos + self.block])
        self._tail = list(values[end:])

    def _push(self, chunk: Sequence[float]) -> None:
        self.lows.append(min(chunk))
        self.highs.append(max(chunk))

    def columns(self, width: int) -> list[tuple[float, float]]:
        lows, highs = list(self.lows), list(self.highs)
        if self._tail:
            lows.append(min(self._tail))
            highs.append(max(self._tail))
        count = len(lows)
        out: list[tuple[float, float]] = []
        for column in range(width):
            first = column * count // width
            last = max(first + 1, (column + 1) * count // width)
            if first >= count:
                out.append((0.0, 0.0))
                continue
            out.append((min(lows[first:last]), max(highs[first:last])))
        return out


def _draw_waveform(columns: list[tuple[float, float]], width: int, height: int) -> bytes:
    picture = Image.new("RGB", (width, height), _WAVE_BACKGROUND)
    draw = ImageDraw.Draw(picture)
    middle = height / 2
    half = height * 0.45  # a margin above and below the loudest peak
    draw.line([(0, round(middle)), (width - 1, round(middle))], fill=_WAVE_AXIS)
    # Quiet files still show their shape: scale to the loudest peak (never louder than 1.0).
    loudest = max((max(-lo, hi) for lo, hi in columns), default=0.0)
    gain = 1.0 / loudest if 0.0 < loudest < 1.0 else 1.0
    for x, (low, high) in enumerate(columns):
        low, high = max(-1.0, low * gain), min(1.0, high * gain)
        top = round(middle - high * half)
        bottom = max(top, round(middle - low * half))
        draw.line([(x, top), (x, bottom)], fill=_WAVE_TRACE)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue()


def _write(dest: Path, data: bytes) -> None:
    atomic_write_bytes(dest, data)
