"""Our `studio` text in WebP and GIF outputs, added without re-encoding a single frame.

A PNG gets a `studio` text chunk and a video or sound a container tag (media_tags); this is the
same for the other pictures ComfyUI's savers and video packs write:

- WebP (SaveAnimatedWEBP): ComfyUI stores `prompt:<json>` in EXIF tag 0x0110 and each
  extra_pnginfo entry as `<key>:<json>` in 0x010F, 0x010E, ... downward; its front end reads
  every IFD0 text as `key:value`. We add `studio:<json>` the same way, in the next free tag of
  that run, rewriting only the EXIF chunk (and the VP8X flag that announces it). Pillow cannot
  change EXIF without re-encoding, so the RIFF chunks are edited here. A simple WebP (no VP8X
  header, which ComfyUI's animated saver never writes) is left as it is.
- GIF: a Comment Extension `studio:<json>` placed before the first frame; frames untouched.

EXIF strings are ASCII, so the JSON is written with \\u escapes (still the same JSON). Reading
is bounded (METADATA-sized texts only) and never raises; a file that would not read back with
Pillow after the edit is returned unchanged (None) and the reason logged.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Iterator
from typing import Final

from PIL import Image

from studio_desktop.core.library.imaging import MAX_TEXT_BYTES

__all__ = ["read_gif_tag", "read_webp_tag", "tag_image"]

log = logging.getLogger(__name__)

_EXIF_PREFIX: Final = b"Exif\x00\x00"
_VP8X_EXIF_FLAG: Final = 0x08
# ComfyUI's run: `prompt` in 0x0110, extra_pnginfo keys from 0x010F down.
_COMFY_FIRST_TAG: Final = 0x010F
_LOWEST_TAG: Final = 0x0100
_GIF_COMMENT: Final = b"\x21\xfe"
# IFD0 entries whose value is an offset to another IFD: Exif, GPS, Interop.
_POINTERS: Final = frozenset({0x8769, 0x8825, 0xA005})


class _Untaggable(Exception):
    """Why a picture keeps its bytes untouched (logged, never shown as an error)."""


def tag_image(data: bytes, ext: str, key: str, text: str) -> bytes | None:
    """`data` with `key:text` added (WebP EXIF or GIF comment), or None when it cannot be."""
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        log.warning("not tagging a .%s output: the text is larger than the limit", ext)
        return None
    try:
        if ext == "webp":
            tagged = _tag_webp(data, key, text)
        elif ext == "gif":
            tagged = _tag_gif(data, key, text)
        else:
            raise _Untaggable("the format has no place for it")
        _check_frames(data, tagged)
    except _Untaggable as exc:
        log.info("keeping a .%s output without our tag: %s", ext, exc)
        return None
    except Exception as exc:  # Pillow's many errors on a broken file: keep the original
        log.warning("keeping a .%s output without our tag: %s: %s", ext, type(exc).__name__, exc)
        return None
    return tagged


def _check_frames(before: bytes, after: bytes) -> None:
    with Image.open(io.BytesIO(before)) as old, Image.open(io.BytesIO(after)) as new:
        facts = [(im.format, im.size, int(getattr(im, "n_frames", 1))) for im in (old, new)]
    if facts[0] != facts[1]:
        raise _Untaggable(f"the edited file reads as {facts[1]}, not {facts[0]}")


# --- WebP ---------------------------------------------------------------------------------------


def _riff_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(fourcc, payload start, payload end) of each chunk of a WebP; _Untaggable when cut."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _Untaggable("not a WebP file")
    end = min(len(data), 8 + struct.unpack_from("<I", data, 4)[0])
    pos = 12
    while pos + 8 <= end:
        fourcc = data[pos : pos + 4]
        size = struct.unpack_from("<I", data, pos + 4)[0]
        if pos + 8 + size > end:
            raise _Untaggable(f"its {fourcc!r} chunk runs past the end")
        yield fourcc, pos + 8, pos + 8 + size
        pos += 8 + size + (size & 1)


def _chunk(fourcc: bytes, payload: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)


def _tag_webp(data: bytes, key: str, text: str) -> bytes:
    chunks = [(fourcc, data[start:end]) for fourcc, start, end in _riff_chunks(data)]
    if not chunks or chunks[0][0] != b"VP8X":
        raise _Untaggable("a simple WebP has no header to announce EXIF in")
    old_exif = next((payload for fourcc, payload in chunks if fourcc == b"EXIF"), None)
    exif = Image.Exif()
    if old_exif is not None:
        exif.load(old_exif if old_exif.startswith(_EXIF_PREFIX) else _EXIF_PREFIX + old_exif)
    entry = f"{key}:{text}"
    tag = next((t for t, v in exif.items() if isinstance(v, str) and v.startswith(f"{key}:")), None)
    if tag is None:
        free = (t for t in range(_COMFY_FIRST_TAG, _LOWEST_TAG - 1, -1) if t not in exif)
        tag = next(free, None)
    if tag is None:
        raise _Untaggable("every EXIF tag ComfyUI's convention uses is taken")
    before = _exif_facts(exif, tag)
    exif[tag] = entry
    payload = exif.tobytes()
    if old_exif is not None and not old_exif.startswith(_EXIF_PREFIX):
        payload = payload.removeprefix(_EXIF_PREFIX)  # keep the writer's own convention
    check = Image.Exif()
    check.load(payload if payload.startswith(_EXIF_PREFIX) else _EXIF_PREFIX + payload)
    if check.get(tag) != entry or _exif_facts(check, tag) != before:
        raise _Untaggable("its EXIF block did not survive rewriting")
    header = bytearray(chunks[0][1])
    header[0] |= _VP8X_EXIF_FLAG
    out = [_chunk(b"VP8X", bytes(header))]
    placed = False
    for fourcc, body in chunks[1:]:
        if fourcc == b"EXIF":
            out.append(_chunk(b"EXIF", payload))
            placed = True
        elif fourcc == b"XMP " and not placed:  # EXIF comes before XMP
            out += [_chunk(b"EXIF", payload), _chunk(fourcc, body)]
            placed = True
        else:
            out.append(_chunk(fourcc, body))
    if not placed:
        out.append(_chunk(b"EXIF", payload))
    body = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _exif_facts(exif: Image.Exif, leave_out: int) -> dict[int, object]:
    """Every IFD0 value but `leave_out`, with the sub-IFDs (Exif, GPS, Interop) by content:
    their offsets change when the block is rewritten, their entries must not."""
    facts: dict[int, object] = {}
    for tag, value in exif.items():
        if tag in _POINTERS:
            facts[tag] = dict(exif.get_ifd(tag))
        elif tag != leave_out:
            facts[tag] = value
    return facts


def read_webp_tag(data: bytes, key: str, max_bytes: int = MAX_TEXT_BYTES) -> str | None:
    """The text of a `key:` EXIF entry in a WebP (ours or ComfyUI's), or None. Never raises."""
    try:
        payload = next((data[s:e] for f, s, e in _riff_chunks(data) if f == b"EXIF"), None)
        if payload is None:
            return None
        exif = Image.Exif()
        exif.load(payload if payload.startswith(_EXIF_PREFIX) else _EXIF_PREFIX + payload)
        values = list(exif.values())
    except Exception:  # a broken or hostile file: nothing to read
        return None
    prefix = f"{key}:"
    for value in values:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.startswith(prefix) and len(value) <= max_bytes:
            return value[len(prefix) :]
    return None


# --- GIF ----------------------------------------------------------------------------------------


def _gif_blocks_start(data: bytes) -> int:
    """Where the first block after the header and global colour table begins."""
    if len(data) < 13 or data[:6] not in (b"GIF87a", b"GIF89a"):
        raise _Untaggable("not a GIF file")
    flags = data[10]
    start = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    if start >= len(data):
        raise _Untaggable("it ends inside its colour table")
    return start


def _tag_gif(data: bytes, key: str, text: str) -> bytes:
    start = _gif_blocks_start(data)
    body = f"{key}:{text}".encode()
    blocks = b"".join(
        bytes([len(piece)]) + piece
        for piece in (body[i : i + 255] for i in range(0, len(body), 255))
    )
    # Comment Extensions are GIF89a; a GIF87a header says so to readers that check.
    header = b"GIF89a" + data[6:start]
    return header + _GIF_COMMENT + blocks + b"\x00" + data[start:]


def read_gif_tag(data: bytes, key: str, max_bytes: int = MAX_TEXT_BYTES) -> str | None:
    """The text of a `key:` Comment Extension ahead of a GIF's first frame, or None.

    Walks the blocks up to the first image descriptor only: our comment is placed before it,
    and a hostile file cannot make this read more than its own length. Never raises.
    """
    try:
        pos = _gif_blocks_start(data)
    except _Untaggable:
        return None
    prefix = f"{key}:".encode()
    end = len(data)
    while pos + 2 <= end and data[pos] == 0x21:  # extensions, until the first frame
        label = data[pos + 1]
        pos += 2
        pieces: list[bytes] = []
        size = 0
        while pos < end and data[pos]:
            length = data[pos]
            if label == 0xFE:
                size += length
                if size > max_bytes + len(prefix):
                    return None
                pieces.append(data[pos + 1 : pos + 1 + length])
            pos += 1 + length
        pos += 1  # the block terminator
        comment = b"".join(pieces)
        if label == 0xFE and comment.startswith(prefix):
            return comment[len(prefix) :].decode("utf-8", "replace")
    return None
