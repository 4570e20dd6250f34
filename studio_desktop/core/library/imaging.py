"""What a file is and whether it is safe: magic numbers, PNG text chunks, Pillow checks, thumbnails.

Everything here works on bytes in memory and never trusts a name or a size a file claims about
itself: kinds come from magic numbers, sizes are checked from the header before Pillow allocates
anything, and Pillow's own decompression-bomb guard is kept on as a second line.
"""

from __future__ import annotations

import io
import re
import struct
import threading
import zlib
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from PIL import Image

from studio_desktop.core.library import png_pixels

# Why 16384 x 16384: it is ComfyUI's own MAX_RESOLUTION (nodes.py), so no stock node makes a bigger
# image and anything past it is corrupt or hostile. It is above Pillow's default guard (89 MP warn,
# 179 MP error), which would refuse a legitimate 4x upscale of a 4096 px image, so we raise
# Pillow's limit to ours while we decode (see _pillow_limit).
MAX_IMAGE_PIXELS: Final = 16384 * 16384
# Why 512 MB: a 16384 x 16384 PNG, a long video or a lossless audio render stays under it, and the
# runner holds one output in memory at a time, so this is the most one download can cost in RAM:
# its bytes plus what decoding it for the thumbnail takes (see decode_cost) stay within it.
MAX_OUTPUT_BYTES: Final = 512 * 1024 * 1024
# Long edge in pixels: 256 logical pixels on a 2x screen.
THUMB_SIZE: Final = 512
# A zTXt/iTXt chunk may be a zip bomb of its own; ComfyUI workflows are well under this.
MAX_TEXT_BYTES: Final = 64 * 1024 * 1024


def read_bounded(path: Path) -> bytes | None:
    """The file's bytes, or None when it is larger than MAX_OUTPUT_BYTES (never more than one
    byte past the limit is read). OSError propagates: each caller words its own message."""
    with path.open("rb") as fh:
        data = fh.read(MAX_OUTPUT_BYTES + 1)
    return data if len(data) <= MAX_OUTPUT_BYTES else None


IMAGE_KINDS: Final = frozenset({"image", "animated"})
# The only extensions an output can get, by kind. Never taken from the server's filename.
ALLOWED_EXTENSIONS: Final[dict[str, frozenset[str]]] = {
    "image": frozenset({"png", "jpg", "webp", "gif"}),
    "animated": frozenset({"png", "webp", "gif"}),
    "video": frozenset({"mp4", "mov", "webm", "mkv"}),
    "audio": frozenset({"flac", "mp3", "wav", "ogg", "opus", "m4a"}),
}

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_TEXT_CHUNKS: Final = frozenset({b"tEXt", b"zTXt", b"iTXt"})
# Keyword, NULs, flags and language tags ahead of a text chunk's text: at most 79 + 79 + 79 + 5.
_TEXT_HEADER_BYTES: Final = 256
_CHUNK_HEAD: Final = struct.Struct(">I4s")
# ISO-BMFF brands that are still images (AVIF/HEIF), not video: we do not accept those.
_STILL_BRANDS: Final = frozenset(
    {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
)
_AUDIO_BRANDS: Final = frozenset({b"M4A ", b"M4B "})


class OutputRejected(Exception):
    """A file we refuse to keep; the message says why in words a user understands."""


class TooLargeToDecode(OutputRejected):
    """An image whose pixels would cost more memory than MAX_OUTPUT_BYTES to decode. The file
    itself is fine: an output is kept without a thumbnail (see files.OutputLibrary)."""


# --- kinds --------------------------------------------------------------------------------------


def sniff_kind(data: bytes) -> tuple[str, str] | None:
    """(kind, ext) from the magic numbers, or None when it is nothing we keep.

    kind is image | animated | video | audio; animated PNG/WebP/GIF are "animated".
    """
    head = bytes(data[:64])
    if head.startswith(PNG_SIGNATURE):
        return ("animated" if _png_is_animated(data) else "image", "png")
    if head.startswith(b"\xff\xd8\xff"):
        return ("image", "jpg")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ("animated" if _gif_is_animated(data) else "image", "gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        # VP8X carries the animation flag; plain VP8/VP8L are always stills.
        animated = head[12:16] == b"VP8X" and len(head) > 20 and bool(head[20] & 0x02)
        return ("animated" if animated else "image", "webp")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return ("audio", "wav")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _STILL_BRANDS:
            return None
        if brand in _AUDIO_BRANDS:
            return ("audio", "m4a")
        return ("video", "mov" if brand == b"qt  " else "mp4")
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return ("video", "mkv" if b"matroska" in head else "webm")
    if head[:4] == b"fLaC":
        return ("audio", "flac")
    if head[:4] == b"OggS":
        return ("audio", "opus" if b"OpusHead" in head else "ogg")
    if head[:3] == b"ID3":
        return ("audio", "mp3")
    # An MPEG audio frame sync: 11 set bits, then layer III (ADTS/AAC has layer 00, so it fails).
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06 == 0x02:
        return ("audio", "mp3")
    return None


def _png_is_animated(data: bytes) -> bool:
    for ctype, start, end in _iter_png_chunks(data):
        if ctype == b"acTL":
            return end - start >= 4 and struct.unpack_from(">I", data, start)[0] > 1
        if ctype in (b"IDAT", b"IEND"):
            return False  # acTL must come before the first IDAT
    return False


def _gif_is_animated(data: bytes) -> bool:
    """More than one image descriptor. Walks the block structure without decoding any pixels."""
    if len(data) < 13:
        return False
    flags = data[10]
    pos = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    frames = 0
    end = len(data)
    while pos < end:
        block = data[pos]
        if block == 0x2C:  # image descriptor
            frames += 1
            if frames > 1:
                return True
            if pos + 10 > end:
                return False
            local = data[pos + 9]
            pos += 10 + (3 * (2 << (local & 7)) if local & 0x80 else 0) + 1  # +1: LZW code size
        elif block == 0x21:  # extension: label, then sub-blocks
            pos += 2
        elif block == 0x3B:  # trailer
            return False
        else:
            return False
        while pos < end:  # data sub-blocks, ended by a zero-length block
            size = data[pos]
            pos += 1 + size
            if size == 0:
                break
    return False


# --- PNG chunks ---------------------------------------------------------------------------------


def _iter_png_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each chunk up to IEND; stops quietly when truncated.

    Offsets rather than slices, so skipping megabytes of IDAT copies nothing.
    """
    pos = len(PNG_SIGNATURE)
    end = len(data)
    while pos + 12 <= end:
        length, ctype = _CHUNK_HEAD.unpack_from(data, pos)
        body_end = pos + 8 + length
        if body_end + 4 > end:
            return
        yield ctype, pos + 8, body_end
        if ctype == b"IEND":
            return
        pos = body_end + 4


def _chunk_spans(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of every chunk including its length and CRC; ValueError if damaged."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    spans: list[tuple[bytes, int, int]] = []
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise ValueError("PNG file is truncated (no IEND chunk)")
        length, ctype = _CHUNK_HEAD.unpack_from(data, pos)
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("PNG file is truncated")
        spans.append((ctype, pos, end))
        if ctype == b"IEND":
            return spans
        pos = end


def _make_chunk(ctype: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(ctype)) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)


def _inflate(payload: bytes, limit: int) -> bytes | None:
    """zlib-decompress at most `limit` bytes; None for a damaged or oversized stream."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(payload, limit)
        if inflater.unconsumed_tail or inflater.decompress(b"", 1):
            return None  # more than `limit` bytes of text: a bomb, or not what we want
    except zlib.error:
        return None
    return out


def _decode_text_chunk(ctype: bytes, body: bytes, limit: int) -> tuple[str, str] | None:
    key_raw, sep, rest = body.partition(b"\0")
    if not sep or not key_raw:
        return None
    key = key_raw.decode("latin-1")
    if ctype == b"tEXt":
        return None if len(rest) > limit else (key, rest.decode("latin-1"))
    if ctype == b"zTXt":
        raw = _inflate(rest[1:], limit) if rest[:1] == b"\0" else None
        return None if raw is None else (key, raw.decode("latin-1"))
    # iTXt: compression flag, method, language\0, translated keyword\0, UTF-8 text
    if len(rest) < 2:
        return None
    compressed, method = rest[0], rest[1]
    parts = rest[2:].split(b"\0", 2)
    if len(parts) != 3:
        return None
    text = parts[2]
    if len(text) > limit and not compressed:
        return None
    if compressed:
        inflated = _inflate(text, limit) if method == 0 else None
        if inflated is None:
            return None
        text = inflated
    return key, text.decode("utf-8", errors="replace")


def read_png_text(
    data: bytes, *, keys: Collection[str] | None = None, max_bytes: int = MAX_TEXT_BYTES
) -> dict[str, str]:
    """Every tEXt/zTXt/iTXt chunk as key -> text, read without decoding pixels.

    Only `keys`, when given. A chunk longer than `max_bytes` is skipped before it is copied and
    one that would inflate past it is skipped after at most that much, so reading costs at most
    about `max_bytes` per chunk kept. Returns {} for bytes that are not a PNG; a later chunk with
    the same key wins, as in Pillow.
    """
    if not data.startswith(PNG_SIGNATURE):
        return {}
    wanted = None if keys is None else {key.encode("latin-1", "replace") for key in keys}
    found: dict[str, str] = {}
    for ctype, start, end in _iter_png_chunks(data):
        if ctype not in _TEXT_CHUNKS or end - start > max_bytes + _TEXT_HEADER_BYTES:
            continue
        if wanted is not None and _chunk_keyword(data, start, end) not in wanted:
            continue
        decoded = _decode_text_chunk(ctype, bytes(data[start:end]), max_bytes)
        if decoded is not None:
            found[decoded[0]] = decoded[1]
    return found


def _chunk_keyword(data: bytes, start: int, end: int) -> bytes:
    head = bytes(data[start : min(end, start + 80)])  # keywords are 1-79 bytes, then a NUL
    return head.partition(b"\0")[0]


def _text_key(ctype: bytes, data: bytes, start: int, end: int) -> bytes | None:
    if ctype not in _TEXT_CHUNKS:
        return None
    body = data[start + 8 : end - 4]
    return bytes(body[: body.find(b"\0")]) if b"\0" in body else None


def add_png_text(data: bytes, key: str, value: str) -> bytes:
    """The PNG with an iTXt chunk `key` = `value` inserted before IEND; pixels are untouched.

    UTF-8, so Chinese prompts survive. Any existing text chunk with the same key is replaced;
    every other chunk (ComfyUI's `prompt` and `workflow` included) is kept byte for byte.
    """
    return b"".join(png_text_pieces(data, key, value))


def png_text_pieces(data: bytes, key: str, value: str) -> list[bytes | memoryview]:
    """add_png_text's result in pieces, for a gathered write (atomic.write_synced): views of
    `data` and the new chunk, so the image's bytes are never copied in memory, only into the
    file. Adjacent kept chunks share one view: a few pieces, whatever the chunk count."""
    key_raw = key.encode("latin-1")
    if not 1 <= len(key_raw) <= 79 or b"\0" in key_raw:
        raise ValueError(f"invalid PNG text key: {key!r}")
    spans = _chunk_spans(data)
    body = key_raw + b"\0\0\0\0\0" + value.encode("utf-8")  # flag, method, lang\0, trans\0
    view = memoryview(data)
    pieces: list[bytes | memoryview] = []
    run = 0  # start of the run of kept bytes not yet in `pieces`
    for ctype, start, end in spans:
        if _text_key(ctype, data, start, end) == key_raw:
            pieces.append(view[run:start])
            run = end
        elif ctype == b"IEND":
            pieces += [view[run:start], _make_chunk(b"iTXt", body)]
            run = start
    pieces.append(view[run : spans[-1][2]])  # up to IEND's end: trailing bytes are dropped
    return [piece for piece in pieces if len(piece)]


def strip_png_text(data: bytes) -> bytes:
    """The PNG without any tEXt/zTXt/iTXt chunk (for exports without metadata)."""
    spans = _chunk_spans(data)
    view = memoryview(data)
    kept = (view[start:end] for ctype, start, end in spans if ctype not in _TEXT_CHUNKS)
    return b"".join([view[: len(PNG_SIGNATURE)], *kept])


# --- sizes and Pillow ---------------------------------------------------------------------------


def header_size(data: bytes, ext: str) -> tuple[int, int] | None:
    """Width and height as the header claims them, read before Pillow allocates anything."""
    try:
        if ext == "png" and data[12:16] == b"IHDR":
            w, h = struct.unpack_from(">II", data, 16)
            return int(w), int(h)
        if ext == "gif":
            w, h = struct.unpack_from("<HH", data, 6)
            return int(w), int(h)
        if ext == "webp":
            return _webp_size(data)
        if ext == "jpg":
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        w, h = struct.unpack_from("<HH", data, 26)
        return int(w) & 0x3FFF, int(h) & 0x3FFF
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    end = len(data)
    while pos + 4 <= end:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        # SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack_from(">HH", data, pos + 5)
            return int(w), int(h)
        if marker == 0xDA:  # start of scan before any SOF: let Pillow decide
            return None
        pos += 2 + length
    return None


def check_pixels(width: int, height: int, what: str) -> None:
    if width <= 0 or height <= 0:
        raise OutputRejected(f"{what} claims an empty size of {width}x{height} pixels.")
    if width * height > MAX_IMAGE_PIXELS:
        raise OutputRejected(
            f"{what} is {width}x{height} pixels, which exceeds the "
            f"{MAX_IMAGE_PIXELS // 1_000_000}-megapixel limit (16384x16384)."
        )


class _PixelLimit:
    """Pillow reads its bomb guard from a module global. We raise it to our limit only while one
    of our decodes runs (counted, so concurrent decodes do not fight) and put it back after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved: int | None = None

    @contextmanager
    def applied(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._saved = Image.MAX_IMAGE_PIXELS
                Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    Image.MAX_IMAGE_PIXELS = self._saved


_pixel_limit = _PixelLimit()


@contextmanager
def opened_image(data: bytes, what: str) -> Iterator[Image.Image]:
    """Pillow's verify() over the bytes (for a PNG, verify_png: the same checks), then a fresh
    lazy open for use; any failure (including a decompression-bomb error or warning) becomes
    OutputRejected."""
    with _pixel_limit.applied():
        try:
            with _verified(data) as im:
                check_pixels(im.width, im.height, what)
                yield im
        except OutputRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise OutputRejected(f"{what} is too large to open safely ({exc}).") from exc
        except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error) as exc:
            # Pillow signals damaged files with all of these.
            raise OutputRejected(f"{what} is damaged and cannot be opened ({exc}).") from exc


@contextmanager
def _verified(data: bytes) -> Iterator[Image.Image]:
    """The image opened (lazily) once its bytes passed verify. Pillow's verify() leaves the
    image unusable, so other formats are opened twice; a PNG is checked by verify_png, which
    needs no second open and copies nothing (Pillow's reads every chunk into a new bytes)."""
    png = bytes(data[: len(PNG_SIGNATURE)]) == PNG_SIGNATURE
    if not png:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
    with Image.open(io.BytesIO(data)) as im:
        if png:
            verify_png(data)
        yield im


_CHUNK_TYPE = re.compile(rb"\w\w\w\w")  # Pillow's PngImagePlugin.is_cid
_CRC: Final = struct.Struct(">I")


def verify_png(data: bytes) -> None:
    """What Pillow's PngImageFile.verify checks, over the whole file: every chunk up to IEND
    is whole, has a chunk type's name, and its CRC matches (IEND's is not read, as in Pillow).

    One CRC pass over views of `data`: no chunk is copied. SyntaxError for a damaged chunk,
    OSError for a truncated file, as Pillow raises them.
    """
    view = memoryview(data)
    pos = len(PNG_SIGNATURE)
    end = len(data)
    while True:
        if pos + 8 > end:
            raise OSError("truncated PNG file")
        length, ctype = _CHUNK_HEAD.unpack_from(data, pos)
        if not _CHUNK_TYPE.fullmatch(ctype):
            raise SyntaxError(f"broken PNG file (chunk {ctype!r})")
        if ctype == b"IEND":
            return
        crc_at = pos + 8 + length
        if crc_at + 4 > end:
            raise OSError("truncated PNG file")
        # The CRC covers the chunk's type and body, which lie side by side.
        if zlib.crc32(view[pos + 4 : crc_at]) != _CRC.unpack_from(data, crc_at)[0]:
            raise SyntaxError(f"broken PNG file (bad header checksum in {ctype!r})")
        pos = crc_at + 4


# Peak bytes per pixel of opening, decoding and thumbnailing, measured on 4096 x 4096 images with
# ru_maxrss (Pillow 13): Pillow holds 1-byte modes as 1 byte a pixel and every other mode as 4;
# resampling RGBA or LA first makes a premultiplied copy of the whole image (8); WebP is decoded
# by libwebp into a buffer of its own that is then copied and converted (16.5 for RGB and RGBA).
# Rounded up, so the estimate is never below what we measured.
_BYTES_PER_PIXEL: Final = {"1": 1.25, "L": 1.25, "P": 1.25, "LA": 8.5, "PA": 8.5, "RGBA": 8.5}
_OTHER_MODES_BYTES_PER_PIXEL: Final = 4.5
_WEBP_BYTES_PER_PIXEL: Final = 17.0


def decode_cost(im: Image.Image) -> int:
    """Bytes of memory thumbnail_jpeg needs for `im`, from its header (nothing is decoded).

    For a JPEG, call it after `im.draft`, which decodes at a fraction of the size."""
    if im.format == "WEBP":
        per_pixel = _WEBP_BYTES_PER_PIXEL
    else:
        per_pixel = _BYTES_PER_PIXEL.get(im.mode, _OTHER_MODES_BYTES_PER_PIXEL)
    return int(im.width * im.height * per_pixel)


def check_decode_cost(im: Image.Image, what: str, *, held: int = 0) -> None:
    """Raise TooLargeToDecode when decoding `im` on top of the `held` bytes (the download itself)
    would pass MAX_OUTPUT_BYTES."""
    cost = decode_cost(im)
    if cost + held > MAX_OUTPUT_BYTES:
        mb = 1024 * 1024
        raise TooLargeToDecode(
            f"{what} ({im.width}x{im.height} pixels, {im.mode}) is too large to decode for a "
            f"thumbnail: it would take about {cost // mb} MB of memory, and "
            f"{(MAX_OUTPUT_BYTES - held) // mb} MB are allowed."
        )


def fast_pixels(im: Image.Image, source: bytes, *, held: int = 0) -> Image.Image:
    """`im` (opened lazily from `source`) with its pixels decoded by FFmpeg when it is an 8-bit
    RGB or RGBA PNG and FFmpeg's frame fits the memory budget beside the `held` bytes
    (png_pixels: 1.7x faster than Pillow, same pixels); else `im` itself, for Pillow to decode
    when it is used."""
    if png_pixels.applies(source, im) and png_pixels.decode_cost(im) + held <= MAX_OUTPUT_BYTES:
        return png_pixels.decoded(source, im) or im
    return im


def thumbnail_jpeg(
    im: Image.Image, *, what: str = "The image", held: int = 0, source: bytes | None = None
) -> bytes:
    """A JPEG whose long edge is THUMB_SIZE (never upscaled), aspect ratio kept.

    Raises TooLargeToDecode, before any pixel is decoded, when that would pass the memory budget
    (see check_decode_cost; `held` is what the caller already holds, the file's bytes).
    `source`, the bytes `im` was opened from: an 8-bit RGB or RGBA PNG is then decoded by FFmpeg,
    1.7x faster than by Pillow for the same pixels (png_pixels), when its memory budget allows.
    JPEG, not WebP: it encoded 7-8x faster here (0.7 ms vs 6 ms for 512 px) and Qt decodes it a
    little faster too. Transparent images are flattened onto a checkerboard, the usual way viewers
    show transparency, since JPEG has no alpha.
    """
    im.draft("RGB", (THUMB_SIZE, THUMB_SIZE))  # JPEG only: decode at 1/2, 1/4, 1/8 scale
    check_decode_cost(im, what, held=held)
    if source is not None:
        im = fast_pixels(im, source, held=held)
    # reducing_gap=1.0 lets Pillow use reduce() (a fast integer box filter) for most of the way.
    im.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.BILINEAR, reducing_gap=1.0)
    rgb = _to_rgb(im)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=85)
    return out.getvalue()


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit and float greys: scale to 8 bits instead of clipping everything to white.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        board = _checkerboard(rgba.size)
        board.paste(rgba, (0, 0), rgba)
        return board
    return im if im.mode == "RGB" else im.convert("RGB")


def _checkerboard(size: tuple[int, int], cell: int = 16) -> Image.Image:
    tile = Image.new("RGB", (cell * 2, cell * 2), (204, 204, 204))
    tile.paste((255, 255, 255), (0, 0, cell, cell))
    tile.paste((255, 255, 255), (cell, cell, cell * 2, cell * 2))
    board = Image.new("RGB", size)
    for y in range(0, size[1], cell * 2):
        for x in range(0, size[0], cell * 2):
            board.paste(tile, (x, y))
    return board
