"""The workflow a file carries, before it is checked: a JSON file, or ComfyUI's metadata in a
picture, video or audio file.

Where ComfyUI puts it: PNG text chunks `prompt` (the API graph that ran) and `workflow` (the
editor's graph); WebP EXIF tags whose text starts `prompt:` / `workflow:` (SaveAnimatedWEBP);
video and audio container tags (SaveVideo, SaveWEBM, SaveAudio). `prompt` wins over `workflow`
when both are there: it is the graph that actually ran, and it needs no server to convert.
A1111 and Forge write only a `parameters` text (settings, not a graph): the message says so and
points to Generate, which restores those settings. Civitai writes either that text or a JSON
object in EXIF UserComment holding an API graph (node entries beside its own keys); the graph
is taken from the latter.

Every read is bounded: a JSON file at MAX_WORKFLOW_BYTES, a picture or video at the output size
limit, a text chunk at MAX_WORKFLOW_BYTES.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PIL import Image

from studio_desktop.core.library.imaging import read_bounded, read_png_text, sniff_kind
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message
from studio_desktop.core.workflows.nesting import nesting_message
from studio_desktop.core.workflows.template import TemplateError

__all__ = ["MAX_WORKFLOW_BYTES", "WorkflowSource", "load_workflow_source", "metadata_texts"]

MAX_WORKFLOW_BYTES: Final = 20 * 1024 * 1024  # real workflows are kilobytes; refuse anything huge
COMFY_KEYS: Final = ("prompt", "workflow")
PARAMETERS: Final = "parameters"
_HEAD_BYTES: Final = 64  # enough for sniff_kind's magic numbers
_EXIF_IFD: Final = 0x8769
_USER_COMMENT: Final = 0x9286


@dataclass(frozen=True)
class WorkflowSource:
    """Parsed JSON (API or UI format, or a wrapper check_workflow unwraps) and how messages
    name it: the file name, with the metadata key when it came from one ("a.png (workflow)")."""

    data: Any
    what: str


def load_workflow_source(path: Path) -> WorkflowSource:
    """The workflow in `path`; TemplateError with one clear message when it holds none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise _cannot_read(path, exc) from exc
    kind = sniff_kind(head)
    if kind is None:
        return WorkflowSource(_json_file(path), path.name)
    texts = _media_texts(path, kind[1] if kind[0] in ("image", "animated") else kind[0])
    for key in COMFY_KEYS:
        if key in texts:
            what = f"{path.name} ({key})"
            return WorkflowSource(_parse(texts[key], what), what)
    if PARAMETERS in texts:
        graph = _civitai_graph(texts[PARAMETERS])
        if graph is not None:
            return WorkflowSource(graph, f"{path.name} (Civitai)")
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{name} carries A1111/Forge generation settings, not a ComfyUI workflow. "
                    "Drop it onto Generate to use its settings with a template.",
                ),
                name=path.name,
            )
        )
    raise TemplateError(
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "{name} carries no ComfyUI workflow (no 'prompt' or 'workflow' metadata).",
            ),
            name=path.name,
        )
    )


def metadata_texts(path: Path) -> dict[str, str]:
    """The `prompt`, `workflow` and `parameters` texts a picture, video or audio file carries
    (raw, not parsed); {} for any other file. TemplateError when it cannot be read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise _cannot_read(path, exc) from exc
    kind = sniff_kind(head)
    if kind is None:
        return {}
    return _media_texts(path, kind[1] if kind[0] in ("image", "animated") else kind[0])


def _json_file(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_WORKFLOW_BYTES:
            raise TemplateError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "{name} is {size} MB, too large to be a ComfyUI workflow."
                    ),
                    name=path.name,
                    size=size // (1024 * 1024),
                )
            )
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise _cannot_read(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{name} is not a text file, so not a ComfyUI workflow."
                ),
                name=path.name,
            )
        ) from exc
    return _parse(text, path.name)


def _parse(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:  # the decoder itself gives up long before we could measure
        raise TemplateError(nesting_message(what)) from exc
    except json.JSONDecodeError as exc:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{name} is not valid JSON (line {line}, column {column}), so it is not a "
                    "ComfyUI workflow.",
                ),
                name=what,
                line=exc.lineno,
                column=exc.colno,
            )
        ) from exc
    except ValueError as exc:  # an integer past int()'s 4300 digits
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{name} could not be read as a ComfyUI workflow ({reason})."
                ),
                name=what,
                reason=str(exc),
            )
        ) from exc


def _media_texts(path: Path, kind: str) -> dict[str, str]:
    """ComfyUI's and A1111's texts in a picture (by extension), video or audio file."""
    if kind in ("video", "audio"):
        from studio_desktop.core.library.media import container_texts  # PyAV: only when needed

        return container_texts(path)
    try:
        data = read_bounded(path)
    except OSError as exc:
        raise _cannot_read(path, exc) from exc
    if data is None:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{name} is too large to look for a workflow in it."
                ),
                name=path.name,
            )
        )
    if kind == "png":
        keys = (*COMFY_KEYS, PARAMETERS)
        return read_png_text(data, keys=keys, max_bytes=MAX_WORKFLOW_BYTES)
    if kind in ("webp", "jpg"):
        return _exif_texts(data)
    return {}


def _exif_texts(data: bytes) -> dict[str, str]:
    """ComfyUI's `prompt:`/`workflow:` tags and the UserComment (A1111, Civitai) of a WebP or
    JPEG. A broken or hostile EXIF block reads as nothing."""
    found: dict[str, str] = {}
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            tags = list(exif.values())
            comment = exif.get_ifd(_EXIF_IFD).get(_USER_COMMENT)
    except Exception:  # Pillow raises many kinds on junk; none is ours to report
        return {}
    for value in tags:
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        if not isinstance(text, str) or len(text) > MAX_WORKFLOW_BYTES:
            continue
        for key in COMFY_KEYS:
            if text.startswith(f"{key}:") and key not in found:
                found[key] = text[len(key) + 1 :]
    if isinstance(comment, bytes) and len(comment) <= MAX_WORKFLOW_BYTES:
        found[PARAMETERS] = _user_comment(comment)
    elif isinstance(comment, str) and len(comment) <= MAX_WORKFLOW_BYTES:
        found[PARAMETERS] = comment
    return found


def _user_comment(raw: bytes) -> str:
    """EXIF UserComment: an 8-byte charset code, then the text (UTF-16 of either byte order
    for "UNICODE": the right one reads as mostly ASCII)."""
    head, body = raw[:8], raw[8:]
    if head.startswith(b"UNICODE"):
        return max(
            (body.decode(codec, "replace") for codec in ("utf-16-be", "utf-16-le")),
            key=lambda text: sum(c.isascii() for c in text),
        ).strip("\x00")
    return body.decode("utf-8", "replace").strip("\x00")


def _civitai_graph(text: str) -> Any:
    """The API graph in Civitai's JSON UserComment (its node entries, without its own keys such
    as `extraMetadata`), or a `prompt`/`workflow` inside it; None for A1111's plain text."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, Mapping):
        return None
    for key in COMFY_KEYS:
        inner = data.get(key)
        if isinstance(inner, str):
            try:
                inner = json.loads(inner)
            except (ValueError, RecursionError):
                continue
        if isinstance(inner, Mapping):
            return inner
    nodes = {k: v for k, v in data.items() if isinstance(v, Mapping) and "class_type" in v}
    return nodes or None


def _cannot_read(path: Path, exc: OSError) -> TemplateError:
    return TemplateError(
        message(
            QT_TRANSLATE_NOOP("CoreMessages", "Cannot read {name}: {reason}."),
            name=path.name,
            reason=str(exc.strerror or exc),
        )
    )
