"""Typed results of the ComfyUI HTTP API, and the functions that build them from raw JSON.

The `*_from_json` functions raise KeyError/TypeError/ValueError on a body of the wrong shape; the
client turns those into `BadResponse`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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


def system_stats_from_json(body: Mapping[str, Any]) -> SystemStats:
    system = body.get("system") or {}
    devices = tuple(
        DeviceInfo(
            name=_str(dev.get("name")),
            type=_str(dev.get("type")),
            vram_total=int(dev.get("vram_total") or 0),
            vram_free=int(dev.get("vram_free") or 0),
        )
        for dev in body.get("devices") or ()
    )
    return SystemStats(
        comfyui_version=_str(system.get("comfyui_version")),
        python_version=_str(system.get("python_version")),
        os=_str(system.get("os")),
        devices=devices,
    )


def submit_result_from_json(body: Mapping[str, Any]) -> SubmitResult:
    return SubmitResult(prompt_id=str(body["prompt_id"]), number=int(body.get("number") or 0))


def _queue_items(raw: Any) -> tuple[QueueItem, ...]:
    items: list[QueueItem] = []
    for entry in raw or ():
        # [number, prompt_id, prompt, extra_data, outputs_to_execute, (sensitive)]
        extra = entry[3] if len(entry) > 3 and isinstance(entry[3], Mapping) else {}
        client_id = extra.get("client_id")
        items.append(
            QueueItem(
                number=int(entry[0]),
                prompt_id=str(entry[1]),
                client_id=None if client_id is None else str(client_id),
            )
        )
    items.sort(key=lambda item: item.number)
    return tuple(items)


def queue_state_from_json(body: Mapping[str, Any]) -> QueueState:
    return QueueState(
        running=_queue_items(body["queue_running"]),
        pending=_queue_items(body["queue_pending"]),
    )


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


def _join_traceback(raw: Any) -> str:
    if isinstance(raw, list):
        return "".join(str(line) for line in raw)
    return _str(raw)


def execution_error_info(kind: str, data: Mapping[str, Any]) -> ExecutionErrorInfo:
    """From the data of an `execution_error` or `execution_interrupted` message."""
    interrupted = kind == "execution_interrupted"
    node_id = data.get("node_id")
    node_type = data.get("node_type")
    return ExecutionErrorInfo(
        interrupted=interrupted,
        node_id=None if node_id is None else str(node_id),
        node_type=None if node_type is None else str(node_type),
        exception_type=_str(data.get("exception_type"), "Interrupted" if interrupted else ""),
        exception_message=_str(
            data.get("exception_message"), "Interrupted by the user" if interrupted else ""
        ),
        traceback=_join_traceback(data.get("traceback")),
    )


def history_entry_from_json(prompt_id: str, entry: Mapping[str, Any]) -> HistoryEntry:
    outputs_raw = entry.get("outputs") or {}
    if not isinstance(outputs_raw, Mapping):
        raise TypeError("history outputs is not an object")
    outputs = tuple(f for node, out in outputs_raw.items() for f in output_files(str(node), out))
    status = entry.get("status") or {}
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
        status_str=_str(status.get("status_str")),
        completed=bool(status.get("completed", False)),
        outputs=outputs,
        messages=tuple(messages),
        error=error,
    )


def uploaded_file_from_json(body: Mapping[str, Any]) -> UploadedFile:
    return UploadedFile(
        name=str(body["name"]),
        subfolder=_str(body.get("subfolder")),
        type=_str(body.get("type"), "input"),
    )
