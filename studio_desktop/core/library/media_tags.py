"""Our `studio` text in a video's or sound's container tags, added without re-encoding.

A PNG output gets a `studio` text chunk (files.STUDIO_KEY); this is the same for the video and
audio files ComfyUI's savers write (SaveVideo/CreateVideo MP4, SaveWEBM, SaveAudio FLAC,
SaveAudioMP3, SaveAudioOpus). Every stream's packets are copied as they are into a new container
of the same format whose metadata carries the tag, next to the tags already there (ComfyUI's
`prompt` and `workflow`), so the pictures and sound are bit for bit the ones the server made.

What each muxer keeps (read back with media.container_texts, FFmpeg 7 via PyAV 14+):
- MP4/MOV/M4A write arbitrary keys only with `movflags=use_metadata_tags` (ComfyUI's SaveVideo
  sets it too); without it even ComfyUI's `prompt` is dropped.
- Matroska/WebM keep them (upper-cased on reading); FLAC and Ogg/Opus as Vorbis comments (Ogg
  reports them as stream tags); MP3 as ID3v2 TXXX frames.
- WAV does not: FFmpeg's RIFF muxer writes only the INFO tags it knows, so a WAV stays untagged.

Any failure (a stream the muxer refuses, a packet without timestamps, a tag that did not come
back) leaves the caller's bytes as they were: tagging must never cost an output. The result is
checked by reading it back: same streams, same packets, the old and new tags present.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from studio_desktop.core.library.imaging import MAX_OUTPUT_BYTES, MAX_TEXT_BYTES
from studio_desktop.core.library.media import MediaInfo, container_texts, probe_media

__all__ = ["TAGGABLE", "tag_media"]

log = logging.getLogger(__name__)

# Our extension -> (FFmpeg muxer, its options). MOV-family muxers need use_metadata_tags for
# keys outside their fixed list; Opus lives in Ogg.
_MOV_OPTIONS: Final = {"movflags": "use_metadata_tags"}
TAGGABLE: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    "mp4": ("mp4", _MOV_OPTIONS),
    "mov": ("mov", _MOV_OPTIONS),
    "m4a": ("ipod", _MOV_OPTIONS),
    "webm": ("webm", {}),
    "mkv": ("matroska", {}),
    "flac": ("flac", {}),
    "mp3": ("mp3", {}),
    "ogg": ("ogg", {}),
    "opus": ("ogg", {}),
}
# The same input gives the same bytes (no random Matroska segment id or Ogg serial, no clock in
# an MP4 header): a resumed job saving its output again finds it already in place.
_BITEXACT: Final = {"fflags": "+bitexact"}
# Tags the muxer writes itself (or derives from the streams): copying them would write stale or
# doubled values (Matroska's per-stream DURATION, MP4's brands).
_GENERATED: Final = frozenset(
    {"duration", "encoder", "major_brand", "minor_version", "compatible_brands"}
)

# Header bytes a remux may add besides the tags (an MP4's key table, an Ogg page, ID3 padding).
_SLACK: Final = 64 * 1024

# See _same_media.
_DURATION_SLACK_S: Final = 0.005


class _Untaggable(Exception):
    """Why a file keeps its bytes untouched (logged, never shown as an error)."""


def tag_media(data: bytes, ext: str, tags: Mapping[str, str]) -> bytes | None:
    """`data` remuxed with `tags` added to its container metadata, or None when it cannot be
    (the format has nowhere to keep them, or FFmpeg could not copy it: the reason is logged).

    Existing tags are kept; a key in `tags` replaces an existing one of the same name.
    """
    if not tags:
        return None
    muxer = TAGGABLE.get(ext)
    if muxer is None:
        log.info("not tagging a .%s output: the format keeps no free-form tags", ext)
        return None
    if any(len(value.encode("utf-8")) > MAX_TEXT_BYTES for value in tags.values()):
        log.warning("not tagging a .%s output: a tag is larger than the text limit", ext)
        return None
    try:
        before = container_texts(data)
        info = probe_media(data)
        tagged, packets = _remux(data, *muxer, tags)
        _check(tagged, packets, {**before, **tags}, len(data))
        if not _same_media(info, probe_media(tagged)):
            raise _Untaggable(f"the remuxed file reads as {probe_media(tagged)}, not {info}")
    except _Untaggable as exc:
        log.warning("keeping a .%s output without our tag: %s", ext, exc)
        return None
    except Exception as exc:  # FFmpeg's errors, a muxer refusing a stream: keep the original
        log.warning("keeping a .%s output without our tag: %s: %s", ext, type(exc).__name__, exc)
        return None
    return tagged


def _remux(
    data: bytes, muxer: str, options: Mapping[str, str], tags: Mapping[str, str]
) -> tuple[bytes, int]:
    """(the new file, how many packets went in). Packets are copied, never decoded."""
    import av  # PyAV: only when a video or sound is saved (see media.py)

    out = io.BytesIO()
    packets = 0
    with (
        av.open(io.BytesIO(data), mode="r", metadata_errors="replace") as source,
        av.open(out, mode="w", format=muxer, options={**options, **_BITEXACT}) as target,
    ):
        _copy_tags(source.metadata, target.metadata)
        for key, value in tags.items():
            target.metadata[key] = value
        streams = {}
        for stream in source.streams:
            copy = target.add_stream_from_template(stream)
            if isinstance(copy, av.VideoStream) and stream.average_rate:
                # Matroska writes a track's DefaultDuration from it; without it every frame
                # reads back with no duration and the clip one frame short.
                copy.codec_context.framerate = stream.average_rate
            _copy_tags(stream.metadata, copy.metadata)
            streams[stream.index] = copy
        for packet in source.demux():
            if packet.size == 0:
                continue  # the end-of-stream marker demux() yields per stream
            if packet.dts is None:
                # The muxer would refuse it, and dropping it would lose part of the output.
                raise _Untaggable("a packet has no timestamp")
            packet.stream = streams[packet.stream.index]
            target.mux(packet)
            packets += 1
    return out.getvalue(), packets


def _copy_tags(source: Mapping[str, str], target: dict[str, str]) -> None:
    for key, value in source.items():
        if key.lower() not in _GENERATED:
            target[key] = value


def _check(tagged: bytes, packets: int, wanted: Mapping[str, str], size: int) -> None:
    """Raise _Untaggable unless `tagged` holds the same packets and every wanted tag."""
    import av

    # The tags and a new header: anything much larger is not the same file.
    grown = size + 2 * sum(len(value.encode("utf-8")) for value in wanted.values()) + _SLACK
    if len(tagged) > min(grown, MAX_OUTPUT_BYTES):
        raise _Untaggable(f"the remuxed file grew from {size} to {len(tagged)} bytes")
    with av.open(io.BytesIO(tagged), mode="r", metadata_errors="replace") as container:
        count = sum(1 for packet in container.demux() if packet.size)
    if count != packets:
        raise _Untaggable(f"{packets} packets went in, {count} came out")
    found = container_texts(tagged, keys=wanted.keys())
    lost = sorted(key for key, value in wanted.items() if found.get(key.lower()) != value)
    if lost:
        raise _Untaggable(f"the format did not keep the tags {', '.join(lost)}")


def _same_media(before: MediaInfo, after: MediaInfo) -> bool:
    """The same pictures and sound, as far as the headers tell.

    Durations may differ by a few milliseconds: Matroska stores them in whole milliseconds and
    rounds a 16 fps clip's 2.0625 s once to 2.062 and, rewritten, to 2.063. A lost frame (what
    this guards against) is 16 ms at 60 fps. One frame *longer* is allowed: a WebM written
    without a frame duration (DefaultDuration) ends at its last frame's start, and ours, which
    has one, at its end.
    """
    if (
        replace(before, duration_s=0.0, fps=0.0, frames=0)
        != replace(after, duration_s=0.0, fps=0.0, frames=0)
        or abs(before.fps - after.fps) >= 0.001
    ):
        return False
    grown = after.duration_s - before.duration_s
    if abs(grown) < _DURATION_SLACK_S:
        return before.frames == after.frames
    frame = 1.0 / before.fps if before.kind == "video" and before.fps else 0.0
    return (
        bool(frame)
        and abs(grown - frame) < _DURATION_SLACK_S
        and after.frames - before.frames in (0, 1)
    )
