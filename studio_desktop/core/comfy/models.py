"""Typed results of the ComfyUI HTTP API, and the functions that build them from raw JSON.

The `*_from_json` functions (and `output_files`, `execution_error_info`) raise only
`ComfyProtocolError` on a body of the wrong shape, whatever it holds: wrong types, huge or
infinite numbers, deep nesting. The client turns that into `BadResponse`. Text that may be shown
to the user (error messages, node types) passes through `server_text`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from studio_desktop.core.comfy.errors import ComfyProtocolError
from studio_desktop.core.comfy.text import TRACEBACK_CHARS, server_text

P = ParamSpec("P")
R = TypeVar("R")

# Integers we accept from the server (queue numbers, byte counts, steps): what SQLite and Qt hold.
INT_LIMIT = 2**63 - 1
_MAX_INT_TEXT = 20  # digits of a number sent as a string


def server_int(value: Any) -> int:
    """`value` as an int within +-INT_LIMIT; ComfyProtocolError for inf, nan, 1e999, 10**400."""
    if isinstance(value, bool | int):
        number = int(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ComfyProtocolError(f"number out of range: {value!r}")
        number = int(value)
    elif isinstance(value, str) and len(value.strip()) <= _MAX_INT_TEXT:
        try:
            number = int(value)
        except ValueError:
            raise ComfyProtocolError("expected a number") from None
    else:
        raise ComfyProtocolError(f"expected a number, got {type(value).__name__}")
    if abs(number) > INT_LIMIT:
        raise ComfyProtocolError("number out of range")
    return number


_SHAPE_ERRORS = (
    KeyError,
    TypeError,
    ValueError,
    IndexError,
    AttributeError,
    OverflowError,
    RecursionError,
)


def parser(fn: Callable[P, R]) -> Callable[P, R]:
    """Make `fn` raise ComfyProtocolError, and nothing else, on data of the wrong shape."""

    @functools.wraps(fn)
    def parse(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ComfyProtocolError:
            raise
        except _SHAPE_ERRORS as exc:
            raise ComfyProtocolError(f"{fn.__name__}: {type(exc).__name__}") from exc

    return parse


@dataclass(frozen=True)
class DeviceInfo:
    name: str
    type: str
    vram_total: int
    vram_free: int


@dataclass(frozen=True)
class SystemStats:
    comfyui_version: str  # "" on servers too old to report it
    python_version: str
    os: str
    devices: tuple[DeviceInfo, ...]


@dataclass(frozen=True)
class SubmitResult:
    prompt_id: str
    number: int  # queue order; negative when submitted with front=True


@dataclass(frozen=True)
class QueueItem:
    number: int
    prompt_id: str
    client_id: str | None


@dataclass(frozen=True)
class QueueState:
    running: tuple[QueueItem, ...]
    pending: tuple[QueueItem, ...]  # in the order the server will run them (by number)

    def contains(self, prompt_id: str) -> bool:
        return self.position(prompt_id) is not None

    def position(self, prompt_id: str) -> int | None:
        """0 if running, 1 if it runs next, ...; None if the server does not have it queued."""
        if any(item.prompt_id == prompt_id for item in self.running):
            return 0
        for index, item in enumerate(self.pending):
            if item.prompt_id == prompt_id:
                return index + 1
        return None


@dataclass(frozen=True)
class OutputFile:
    """A file a node produced. `kind` is the history output key ("images", "gifs", "audio", ...).

    `filename` and `subfolder` are the server's names: pass them back to /view, never use them
    as local paths.
    """

    node_id: str
    filename: str
    subfolder: str
    type: str  # "output" for saved files, "temp" for previews
    kind: str


@dataclass(frozen=True)
class ExecutionErrorInfo:
    """Why a finished run did not succeed, from its `execution_error`/`execution_interrupted`."""

    interrupted: bool
    node_id: str | None
    node_type: str | None
    exception_type: str
    exception_message: str
    traceback: str


@dataclass(frozen=True)
class HistoryEntry:
    prompt_id: str
    status_str: str  # "success" | "error" | "" when the server sent no status
    completed: bool
    outputs: tuple[OutputFile, ...]
    messages: tuple[tuple[str, dict[str, Any]], ...]
    error: ExecutionErrorInfo | None


@dataclass(frozen=True)
class UploadedFile:
    """Where an upload landed. Always use `name`: the server renames clashing files."""

    name: str
    subfolder: str
    type: str


def _str(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


@parser
def system_stats_from_json(body: Mapping[str, Any]) -> SystemStats:
    system = body.get("system") or {}
    devices = tuple(
        DeviceInfo(
            name=_str(dev.get("name")),
            type=_str(dev.get("type")),
            vram_total=server_int(dev.get("vram_total") or 0),
            vram_free=server_int(dev.get("vram_free") or 0),
        )
        for dev in body.get("devices") or ()
    )
    return SystemStats(
        comfyui_version=_str(system.get("comfyui_version")),
        python_version=_str(system.get("python_version")),
        os=_str(system.get("os")),
        devices=devices,
    )


@parser
def submit_result_from_json(body: Mapping[str, Any]) -> SubmitResult:
    return SubmitResult(
        prompt_id=str(body["prompt_id"]), number=server_int(body.get("number") or 0)
    )


def _queue_items(raw: Any) -> tuple[QueueItem, ...]:
    items: list[QueueItem] = []
    for entry in raw or ():
        # [number, prompt_id, prompt, extra_data, outputs_to_execute, (sensitive)]
        extra = entry[3] if len(entry) > 3 and isinstance(entry[3], Mapping) else {}
        client_id = extra.get("client_id")
        items.append(
            QueueItem(
                number=server_int(entry[0]),
                prompt_id=str(entry[1]),
                client_id=None if client_id is None else str(client_id),
            )
        )
    items.sort(key=lambda item: item.number)
    return tuple(items)


@parser
def queue_state_from_json(body: Mapping[str, Any]) -> QueueState:
    return QueueState(
        running=_queue_items(body["queue_running"]),
        pending=_queue_items(body["queue_pending"]),
    )


@parser
def output_files(node_id: str, node_output: Any) -> tuple[OutputFile, ...]:
    """Files in one node's output dict (`{images:[{filename,subfolder,type}], ...}`).

    Entries that are not file records (text outputs, the `animated` flags) are skipped.
    """
    if not isinstance(node_output, Mapping):
        return ()
    files: list[OutputFile] = []
    for kind, entries in node_output.items():
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, Mapping) and isinstance(entry.get("filename"), str):
                files.append(
                    OutputFile(
                        node_id=str(node_id),
                        filename=entry["filename"],
                        subfolder=_str(entry.get("subfolder")),
                        type=_str(entry.get("type"), "output"),
                        kind=str(kind),
                    )
                )
    return tuple(files)


def join_traceback(raw: Any) -> str:
    """A traceback sent as a list of lines or as one string, cleaned and cut for display."""
    if isinstance(raw, list):
        raw = "".join(server_text(line, TRACEBACK_CHARS) for line in raw[:1000])
    return server_text(raw, TRACEBACK_CHARS)


def _shown(value: Any, default: str = "") -> str:
    return default if value is None else server_text(value)


@parser
def execution_error_info(kind: str, data: Mapping[str, Any]) -> ExecutionErrorInfo:
    """From the data of an `execution_error` or `execution_interrupted` message."""
    interrupted = kind == "execution_interrupted"
    node_id = data.get("node_id")
    node_type = data.get("node_type")
    return ExecutionErrorInfo(
        interrupted=interrupted,
        node_id=None if node_id is None else server_text(node_id, 200),
        node_type=None if node_type is None else server_text(node_type, 200),
        exception_type=_shown(data.get("exception_type"), "Interrupted" if interrupted else ""),
        exception_message=_shown(
            data.get("exception_message"), "Interrupted by the user" if interrupted else ""
        ),
        traceback=join_traceback(data.get("traceback")),
    )


@parser
def history_entry_from_json(prompt_id: str, entry: Mapping[str, Any]) -> HistoryEntry:
    outputs_raw = entry.get("outputs") or {}
    if not isinstance(outputs_raw, Mapping):
        raise ComfyProtocolError("history outputs is not an object")
    outputs = tuple(f for node, out in outputs_raw.items() for f in output_files(str(node), out))
    status = entry.get("status") or {}
    if not isinstance(status, Mapping):
        raise ComfyProtocolError("history status is not an object")
    messages: list[tuple[str, dict[str, Any]]] = []
    error: ExecutionErrorInfo | None = None
    for message in status.get("messages") or ():
        name, data = str(message[0]), message[1]
        data = dict(data) if isinstance(data, Mapping) else {}
        messages.append((name, data))
        if name in ("execution_error", "execution_interrupted") and error is None:
            error = execution_error_info(name, data)
    return HistoryEntry(
        prompt_id=prompt_id,
        status_str=server_text(status.get("status_str"), 200),
        completed=bool(status.get("completed", False)),
        outputs=outputs,
        messages=tuple(messages),
        error=error,
    )


@parser
def uploaded_file_from_json(body: Mapping[str, Any]) -> UploadedFile:
    return UploadedFile(
        name=str(body["name"]),
        subfolder=_str(body.get("subfolder")),
        type=_str(body.get("type"), "input"),
    )
