"""The output library: where downloaded files go, written so a crash never leaves half a file.

DESIGN §6. A file from the server is saved under a name we choose (job id + index, extension
from the detected kind), never under anything the server sent; its size is bounded; an image
counts only after Pillow has opened, verified (a PNG: imaging.verify_png, the same checks) and
decoded it; a video gets a first-frame thumbnail and a sound a waveform picture (core.media),
and one FFmpeg cannot read is kept without one.
Every write goes to a temp name in the same folder, is fsynced and then atomically renamed, so
after a crash there is either no file or a whole one. New outputs go to the library's output
folder (the user may choose one outside the data folder); thumbnails and input copies always
stay under the data folder.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Final

from studio_desktop.core.library.atomic import TEMP_SUFFIX as _TEMP_SUFFIX
from studio_desktop.core.library.atomic import Pieces, atomic_write_bytes, pieces, size_of
from studio_desktop.core.library.bounded_json import MAX_JSON_DEPTH, text_nesting_depth
from studio_desktop.core.library.image_tags import tag_image
from studio_desktop.core.library.imaging import (
    ALLOWED_EXTENSIONS,
    IMAGE_KINDS,
    MAX_IMAGE_PIXELS,
    MAX_OUTPUT_BYTES,
    THUMB_SIZE,
    OutputRejected,
    TooLargeToDecode,
    add_png_text,
    check_pixels,
    header_size,
    opened_image,
    png_text_pieces,
    read_bounded,
    read_png_text,
    sniff_kind,
    strip_png_text,
    thumbnail_jpeg,
)
from studio_desktop.core.library.media import (
    audio_waveform_jpeg,
    container_texts,
    probe_media,
    video_thumbnail_jpeg,
)
from studio_desktop.core.library.media_tags import tag_media
from studio_desktop.core.library.save_errors import SaveError, save_error
from studio_desktop.core.library.staging import RecordedOutput, Role, Slot, Staging
from studio_desktop.core.library.staging import recover as recover_staging
from studio_desktop.core.paths import DataPaths

__all__ = [
    "MAX_IMAGE_PIXELS",
    "MAX_OUTPUT_BYTES",
    "THUMB_SIZE",
    "OutputLibrary",
    "OutputRejected",
    "SaveError",
    "SavedOutput",
    "add_png_text",
    "atomic_write_bytes",
    "read_png_text",
    "safe_name",
    "sniff_kind",
    "strip_png_text",
]

log = logging.getLogger(__name__)

THUMB_EXT: Final = "jpg"  # see imaging.thumbnail_jpeg for the measurement behind the choice
STUDIO_KEY: Final = "studio"  # our own PNG text chunk: json.dumps(extra_metadata)
# The server's chunks kept in an image's record: the API graph. The editor's `workflow` (3-5 KB
# now that every prompt sends one) stays in the file only: a copy in every record weighed on
# the database and on every full read of a gallery page.
_RECORDED_KEYS: Final = ("prompt",)
_JOB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# The folders remove_files may delete from; never the database, settings or logs.
_DELETABLE: Final = ("outputs", "thumbnails", "inputs", "tmp")
# The date folders output_path makes (YYYY-MM-DD): where clean_temp looks in an output folder
# outside the data folder, instead of walking a tree that may hold all of a user's pictures.
STAGING_FOLDER: Final = "staging"  # under tmp/
_DATE_FOLDER: Final = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
# A bound on OutputLibrary._writable (date folders of the output folders used this session).
_MAX_REMEMBERED_FOLDERS: Final = 1024
_WINDOWS_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{p}{n}" for p in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


@dataclass(frozen=True)
class SavedOutput:
    """One output written into the library; paths are absolute."""

    path: Path
    thumb_path: Path | None
    width: int
    height: int
    bytes: int
    kind: str  # image | animated | video | audio
    metadata: dict[str, Any] = field(default_factory=dict)


# --- names --------------------------------------------------------------------------------------


def safe_name(text: str, max_len: int = 80) -> str:
    """A file name stem made from any text (a prompt, a title) that is valid on every OS.

    No path separators, no characters Windows forbids, no control or bidi-override characters, no
    reserved Windows device names, no leading dot, no trailing dot or space; at most `max_len`
    characters and 200 UTF-8 bytes so the caller can still add an extension. Never empty.
    """
    text = unicodedata.normalize("NFC", text)
    # Cc: controls; Cf: format marks (bidi overrides can fake an extension); Cs: lone surrogates.
    cleaned = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    cleaned = _WINDOWS_FORBIDDEN.sub("_", cleaned)
    cleaned = re.sub(r" {2,}", " ", cleaned).strip(" .")
    cleaned = cleaned[:max_len]
    while len(cleaned.encode("utf-8")) > 200:
        cleaned = cleaned[:-1]
    cleaned = cleaned.rstrip(" .")
    if not cleaned:
        return "untitled"
    if cleaned.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned


def _check_job_id(job_id: str) -> None:
    if not _JOB_ID.fullmatch(job_id):
        raise ValueError(f"not a job id: {job_id!r}")


def _check_index(index: int) -> None:
    if index < 0:
        raise ValueError(f"output index must not be negative: {index}")


# --- the library --------------------------------------------------------------------------------


class OutputLibrary:
    """Outputs, thumbnails and input copies of one data folder.

    `output_folder` is where new outputs go (default: the data folder's outputs/). The settings
    dialog may replace it on the GUI thread while output threads save: they read the attribute
    once per output, and rebinding an attribute to another (immutable) Path is atomic in Python,
    so each output goes wholly to the old folder or wholly to the new one.
    """

    def __init__(self, paths: DataPaths, output_folder: Path | None = None) -> None:
        self.paths = paths
        self.output_folder: Path = output_folder or paths.outputs
        # Destination folders made or found writable (see _check_writable); output threads
        # share it: a set's add and membership test are atomic under the GIL.
        self._writable: set[Path] = set()

    # where things go

    def output_path(
        self,
        job_id: str,
        index: int,
        ext: str,
        created: datetime | None = None,
        folder: Path | None = None,
    ) -> Path:
        """<folder>/YYYY-MM-DD/<job_id>_<index:02>.<ext>, dated by `created` (local time).

        `folder` defaults to the output folder.
        """
        _check_job_id(job_id)
        _check_index(index)
        if not any(ext in allowed for allowed in ALLOWED_EXTENSIONS.values()):
            raise ValueError(f"not an output extension: {ext!r}")
        when = created or datetime.now()
        if when.tzinfo is not None:
            when = when.astimezone()
        base = folder if folder is not None else self.output_folder
        return base / when.strftime("%Y-%m-%d") / f"{job_id}_{index:02}.{ext}"

    def thumb_path(self, job_id: str, index: int) -> Path:
        """thumbnails/<job_id[:2]>/<job_id>_<index:02>.jpg; two-letter shards keep folders small."""
        _check_job_id(job_id)
        _check_index(index)
        return self.paths.thumbnails / job_id[:2] / f"{job_id}_{index:02}.{THUMB_EXT}"

    # saving

    def save_output(
        self,
        job_id: str,
        index: int,
        data: bytes,
        *,
        server_filename: str = "",
        extra_metadata: Mapping[str, Any] | None = None,
        created: datetime | None = None,
        staging: Staging | None = None,
    ) -> SavedOutput:
        """Check, name and atomically write one downloaded output (and its thumbnail).

        `server_filename` is only quoted in messages and kept in metadata; it never shapes the
        path. Pass the job's `created` time so a resumed job finds its earlier file after midnight.
        Idempotent: identical bytes already in place are reused. When the output folder cannot
        be written, the file goes to the data folder's outputs/ instead (and a warning is
        logged): an output is never lost to a bad folder. With `staging`, the files are only
        staged (see staging.py) and reach their places when the caller publishes them.
        Raises OutputRejected (the file is not one we keep) or SaveError (it could not be
        written even there: read-only, full, a file where a folder belongs).
        """
        folder = self.output_folder
        try:
            return self._save_output(
                job_id, index, data, server_filename, extra_metadata, created, staging
            )
        except OSError as exc:
            error = save_error(exc, folder, self.paths.root)
            log.warning("could not save output %d of job %s: %s", index, job_id, exc)
            raise error from exc

    def _save_output(
        self,
        job_id: str,
        index: int,
        data: bytes,
        server_filename: str,
        extra_metadata: Mapping[str, Any] | None,
        created: datetime | None,
        staging: Staging | None,
    ) -> SavedOutput:
        what = _describe(server_filename)
        if len(data) > MAX_OUTPUT_BYTES:
            raise OutputRejected(
                f"The server sent a file ({what}) of {_mb(len(data))}, larger than the "
                f"{_mb(MAX_OUTPUT_BYTES)} limit."
            )
        sniffed = sniff_kind(data)
        if sniffed is None:
            raise OutputRejected(
                f"The server sent a file that is not an image, video or audio file Studio Desktop "
                f"can keep ({what}, {len(data)} bytes)."
            )
        kind, ext = sniffed
        metadata: dict[str, Any] = {}
        if server_filename:
            metadata["server_filename"] = server_filename
        if extra_metadata is not None:
            metadata[STUDIO_KEY] = dict(extra_metadata)
        _check_job_id(job_id)  # before any decoding work
        _check_index(index)
        if kind not in IMAGE_KINDS:
            return self._save_media(
                job_id, index, ext, created, data, kind, metadata, what, staging
            )

        width, height, thumb = _inspect_image(data, ext, f"The image from the server ({what})")
        tagged: bytes | Pieces = data
        if ext == "png":
            texts = read_png_text(data)
            for key in _RECORDED_KEYS:
                if key in texts:
                    metadata[key] = _maybe_json(texts[key])
            if extra_metadata is not None:
                encoded = json.dumps(dict(extra_metadata), ensure_ascii=False, sort_keys=True)
                tagged = png_text_pieces(data, STUDIO_KEY, encoded)  # written without a copy
        elif ext in ("webp", "gif") and extra_metadata is not None:
            # EXIF (WebP) and GIF comments are ASCII: \u escapes keep the JSON the same.
            encoded = json.dumps(dict(extra_metadata), ensure_ascii=True, sort_keys=True)
            tagged = tag_image(data, ext, STUDIO_KEY, encoded) or data

        dest, changed = self._write_output(job_id, index, ext, created, tagged, staging)
        size = size_of(tagged)
        if thumb is None:
            return SavedOutput(dest, None, width, height, size, kind, metadata)
        thumb_dest = self.thumb_path(job_id, index)
        if changed or not thumb_dest.exists():
            _put(thumb_dest, thumb, _slot(staging, "thumb", index))
        return SavedOutput(dest, thumb_dest, width, height, size, kind, metadata)

    def _save_media(
        self,
        job_id: str,
        index: int,
        ext: str,
        created: datetime | None,
        data: bytes,
        kind: str,
        metadata: dict[str, Any],
        what: str,
        staging: Staging | None,
    ) -> SavedOutput:
        """A video or a sound: first-frame or waveform thumbnail, size, duration, ComfyUI texts,
        and our `studio` tag added to the container (media_tags) where the format keeps one.

        A file FFmpeg cannot read is still kept (its magic number said video or audio, and the
        player may manage), only without thumbnail and facts; the reason goes to the log.
        """
        thumb: bytes | None = None
        width = height = 0
        try:
            info = probe_media(data)
            thumb = video_thumbnail_jpeg(data) if kind == "video" else audio_waveform_jpeg(data)
        except OutputRejected as exc:
            log.warning("keeping %s output %s without a thumbnail: %s", kind, what, exc)
        else:
            width, height = info.width, info.height
            facts = info.as_metadata()
            if facts:
                metadata["media"] = facts
            for key, text in container_texts(data).items():
                if key in _RECORDED_KEYS:
                    metadata[key] = _maybe_json(text)
            if STUDIO_KEY in metadata:
                # Our parameters in the container's tags, as in a PNG's text chunk; a format
                # that cannot carry them (WAV) or a failed remux keeps the server's bytes.
                encoded = json.dumps(metadata[STUDIO_KEY], ensure_ascii=False, sort_keys=True)
                data = tag_media(data, ext, {STUDIO_KEY: encoded}) or data
        dest, changed = self._write_output(job_id, index, ext, created, data, staging)
        if thumb is None:
            return SavedOutput(dest, None, 0, 0, len(data), kind, metadata)
        thumb_dest = self.thumb_path(job_id, index)
        if changed or not thumb_dest.exists():
            _put(thumb_dest, thumb, _slot(staging, "thumb", index))
        return SavedOutput(dest, thumb_dest, width, height, len(data), kind, metadata)

    def _write_output(
        self,
        job_id: str,
        index: int,
        ext: str,
        created: datetime | None,
        data: bytes | Pieces,
        staging: Staging | None = None,
    ) -> tuple[Path, bool]:
        """Write an output into the output folder, else into outputs/; (where, whether written)."""
        folder = self.output_folder  # read once: the settings dialog may change it meanwhile
        dest = self.output_path(job_id, index, ext, created, folder)
        slot = _slot(staging, "output", index)
        try:
            if staging is not None:
                self._check_writable(dest.parent)  # staged files must be publishable there
            return dest, self._write_if_changed(dest, data, slot)
        except OSError as exc:
            # Permissions, a file in the way, an unplugged drive, a full disk: keep the output.
            if folder == self.paths.outputs:
                raise
            fallback = self.output_path(job_id, index, ext, created, self.paths.outputs)
            log.warning(
                "could not save %s in the output folder %s (%s); saved it in %s instead",
                dest.name,
                folder,
                exc,
                fallback.parent,
            )
            return fallback, self._write_if_changed(fallback, data, slot)

    def _write_if_changed(self, dest: Path, data: bytes | Pieces, slot: Slot | None = None) -> bool:
        """Write (or stage, with `slot`) unless dest already holds exactly these bytes; True
        when it wrote."""
        try:
            if dest.stat().st_size == size_of(data) and _holds(dest, data):
                return False
        except FileNotFoundError:
            pass
        _put(dest, data, slot)
        return True

    def _check_writable(self, folder: Path) -> None:
        """Make `folder` if needed and check that it can be written.

        A folder this library made or checked before (today's date folder) costs one access()
        instead of mkdir, stat and access: it is remembered. One the user deleted since fails
        that access() and is made again.
        """
        if folder in self._writable and os.access(folder, os.W_OK):
            return
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(errno.EACCES, "not writable", str(folder))
        if len(self._writable) >= _MAX_REMEMBERED_FOLDERS:
            self._writable.clear()
        self._writable.add(folder)

    def staging(self, job_id: str) -> Staging:
        """A fresh staging area for one job's outputs (see staging.py)."""
        _check_job_id(job_id)
        return Staging(self.paths.temp / STAGING_FOLDER, job_id)

    def recover_staged(
        self,
        status_of: Callable[[str], str | None],
        images_of: Callable[[str], Iterable[tuple[int, str, str | None]]],
    ) -> tuple[int, int]:
        """Publish or delete what a killed run left staged; (published, discarded).

        `status_of(job_id)`: the job's recorded status; `images_of(job_id)`: its image rows as
        (index, path, thumb_path), stored paths as the store records them: where the staged
        files of a completed job go.
        """

        def outputs_of(job_id: str) -> list[RecordedOutput]:
            resolve = self.paths.resolve
            return [
                RecordedOutput(index, resolve(path), resolve(thumb) if thumb else None)
                for index, path, thumb in images_of(job_id)
            ]

        return recover_staging(self.paths.temp / STAGING_FOLDER, status_of, outputs_of)

    def make_thumbnail(self, source: Path, dest: Path) -> None:
        """Write dest as a JPEG thumbnail (long edge THUMB_SIZE) of the output at source: the
        picture, a video's first frame or a sound's waveform."""
        data = _read_bounded(source)
        kind = sniff_kind(data)
        if kind is not None and kind[0] == "video":
            atomic_write_bytes(dest, video_thumbnail_jpeg(data))
            return
        if kind is not None and kind[0] == "audio":
            atomic_write_bytes(dest, audio_waveform_jpeg(data))
            return
        if kind is None or kind[0] not in IMAGE_KINDS:
            raise OutputRejected(f"{_describe(source.name)} is not an image, video or sound.")
        what = f"The image {_describe(source.name)}"
        size = header_size(data, kind[1])
        if size is not None:
            check_pixels(*size, what)
        with opened_image(data, what) as im:
            atomic_write_bytes(dest, thumbnail_jpeg(im, what=what, held=len(data), source=data))

    def copy_input(self, source: Path) -> Path:
        """Copy a reference image to inputs/<sha256[:16]>.<ext> (verified, atomic, deduplicated)."""
        what = _describe(source.name)
        data = _read_bounded(source)
        kind = sniff_kind(data)
        if kind is None or kind[0] not in IMAGE_KINDS:
            raise OutputRejected(
                f"{what} is not an image Studio Desktop can use (PNG, JPEG, WebP or GIF)."
            )
        ext = kind[1]
        size = header_size(data, ext)
        if size is not None:
            check_pixels(*size, f"The image {what}")
        with opened_image(data, f"The image {what}") as im:
            im.load()  # a truncated file fails here, not later on the server
        dest = self.paths.inputs / f"{hashlib.sha256(data).hexdigest()[:16]}.{ext}"
        self._write_if_changed(dest, data)
        return dest

    # housekeeping

    def remove_files(self, stored_paths: Iterable[str]) -> None:
        """Delete files given as the store records them (purging trash).

        Only files inside the data folder's outputs/, thumbnails/, inputs/ or tmp/, or (given as
        an absolute path) inside the current output folder are touched. Anything else (`..`,
        the database, folders, a file in an output folder used before) is left with a warning.
        """
        root = self.paths.root.resolve()
        output_folder = self.output_folder  # read once, as the output threads do
        for stored in stored_paths:
            target = self._deletable(root, stored)
            if target is None and output_folder != self.paths.outputs:
                target = self._deletable_output(root, output_folder, stored)
            if target is None:
                log.warning(
                    "not deleting %r: not a library file (or not in the current output folder)",
                    stored,
                )
                continue
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("could not delete %s: %s", target, exc)

    @staticmethod
    def _deletable(root: Path, rel: str) -> Path | None:
        if not rel or "\0" in rel:
            return None
        win, posix = PureWindowsPath(rel), PurePosixPath(rel)
        if win.is_absolute() or win.drive or win.root or posix.is_absolute():
            return None
        parts = win.parts  # splits on both / and \
        if ".." in parts or len(parts) < 2 or parts[0] not in _DELETABLE:
            return None
        target = root.joinpath(*parts)
        # The folder must really be inside (no symlinked folder escaping); the file itself may be
        # a symlink: unlink removes the link, never its target.
        try:
            target.parent.resolve().relative_to(root / parts[0])
        except (ValueError, OSError):
            return None
        if target.is_dir() and not target.is_symlink():
            return None
        return target

    @staticmethod
    def _deletable_output(root: Path, folder: Path, stored: str) -> Path | None:
        """An absolute path to a file below the output folder `folder`, never in the data folder
        (files there are stored relative, so an absolute one is not ours)."""
        if not stored or "\0" in stored:
            return None
        target = Path(stored)
        if not target.is_absolute() or ".." in PureWindowsPath(stored).parts:
            return None
        try:
            parent = target.parent.resolve()
            # The folder must really be inside (no symlinked folder escaping), as above.
            parent.relative_to(folder.resolve())
        except (ValueError, OSError):
            return None
        if parent.is_relative_to(root):
            return None
        if target.is_dir() and not target.is_symlink():
            return None
        return target

    def clean_temp(self, older_than_s: float = 3600) -> int:
        """Delete temp files left by killed runs; returns how many.

        Everything named *.part in tmp/, and `.<name>.<random>.part` files anywhere under
        outputs/, thumbnails/ and inputs/ (and in the data folder itself), last modified more
        than older_than_s ago. In an output folder elsewhere, only where we write: its top
        (the folder check's probe) and its date folders.
        """
        cutoff = time.time() - older_than_s
        candidates: list[Path] = []
        if self.paths.temp.is_dir():
            candidates += self.paths.temp.rglob(f"*{_TEMP_SUFFIX}")
        for folder in (self.paths.outputs, self.paths.thumbnails, self.paths.inputs):
            if folder.is_dir():
                candidates += folder.rglob(f".*{_TEMP_SUFFIX}")
        if self.paths.root.is_dir():
            candidates += self.paths.root.glob(f".*{_TEMP_SUFFIX}")
        output_folder = self.output_folder
        if output_folder != self.paths.outputs:
            try:
                if output_folder.is_dir():
                    candidates += output_folder.glob(f".*{_TEMP_SUFFIX}")
                    candidates += output_folder.glob(f"{_DATE_FOLDER}/.*{_TEMP_SUFFIX}")
            except OSError as exc:  # the folder went away (an unplugged drive): next time
                log.debug("could not look for temp files in %s: %s", output_folder, exc)
        removed = 0
        for path in candidates:
            try:
                if not path.is_file() or path.stat().st_mtime > cutoff:
                    continue
                path.unlink()
                removed += 1
            except OSError as exc:  # gone already, or held open on Windows: next time
                log.debug("could not remove temp file %s: %s", path, exc)
        return removed


# --- helpers ------------------------------------------------------------------------------------


def _holds(path: Path, data: bytes | Pieces) -> bool:
    """Whether the file at `path` holds exactly `data` (its size already matched)."""
    held = memoryview(path.read_bytes())
    at = 0
    for piece in pieces(data):
        if held[at : at + len(piece)] != piece:
            return False
        at += len(piece)
    return at == len(held)


def _put(dest: Path, data: bytes | Pieces, slot: Slot | None) -> None:
    if slot is None:
        atomic_write_bytes(dest, data)
    else:
        slot.write(dest, data)


def _slot(staging: Staging | None, role: Role, index: int) -> Slot | None:
    return None if staging is None else staging.slot(role, index)


def _inspect_image(data: bytes, ext: str, what: str) -> tuple[int, int, bytes | None]:
    """(width, height, thumbnail JPEG) after the header check, Pillow's verify and a full decode.

    An image whose decode would pass the memory budget (imaging.check_decode_cost) is not
    decoded: it passed the header check and Pillow's verify, so it is kept, without a thumbnail
    (the gallery shows a placeholder), and the log says why. Refusing it would lose the output.
    """
    size = header_size(data, ext)
    if size is not None:
        check_pixels(*size, what)  # before Pillow allocates anything
    with opened_image(data, what) as im:
        width, height = im.size
        try:
            # Decodes every pixel (a cut file has already failed opened_image's checks).
            thumb: bytes | None = thumbnail_jpeg(im, what=what, held=len(data), source=data)
        except TooLargeToDecode as exc:
            log.warning("keeping the image without a thumbnail: %s", exc)
            thumb = None
    return width, height, thumb


def _read_bounded(source: Path) -> bytes:
    what = _describe(source.name)
    try:
        data = read_bounded(source)
    except OSError as exc:
        raise OutputRejected(f"Could not read {what}: {exc.strerror or exc}.") from exc
    if data is None:
        raise OutputRejected(f"{what} is larger than the {_mb(MAX_OUTPUT_BYTES)} limit.")
    return data


def _maybe_json(text: str) -> Any:
    """The server's `prompt`/`workflow` text as JSON, or kept as the text itself when it is not
    JSON or nests too deep to walk safely (a hostile file must not fail the save)."""
    if text_nesting_depth(text) > MAX_JSON_DEPTH:
        return text
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def _describe(name: str) -> str:
    """A server- or user-supplied name, quoted for a message (trimmed, controls removed)."""
    if not name:
        return "no name given"
    shown = name
    if not name.isprintable():  # printable text has none of them: no walk per character
        shown = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return f"“{shown[:80]}”"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
