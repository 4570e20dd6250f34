"""Typed ComfyUI websocket events, and the only code that parses raw frames into them.

`parse_text` / `parse_binary` never raise: a frame of an unknown type or the wrong shape (wrong
types, numbers like 1e999 or 10**400, deep nesting) is `None`, which callers ignore (ComfyUI and
its custom nodes add message types freely). Text a user may see passes through `server_text`.
Every event has `prompt_id`, None where the frame does not name a prompt.

One exception to "parsed whole": a progress_state frame written as ComfyUI writes it gives its
prompt id at once and its node map only when read (`NodeStates`; a malformed map reads as
empty). It is the largest frame of a run, sent on every node and step, and the engine only
needs to hear that the prompt is alive.
"""

from __future__ import annotations

import enum
import json
import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from studio_desktop.core.comfy.errors import ComfyProtocolError
from studio_desktop.core.comfy.models import OutputFile, join_traceback, output_files, server_int
from studio_desktop.core.comfy.text import TRACEBACK_CHARS, server_text


class EventType(enum.Enum):
    STATUS = "status"
    EXECUTION_START = "execution_start"
    EXECUTION_CACHED = "execution_cached"
    EXECUTING = "executing"
    PROGRESS = "progress"
    PROGRESS_STATE = "progress_state"
    EXECUTED = "executed"
    EXECUTION_SUCCESS = "execution_success"
    EXECUTION_ERROR = "execution_error"
    EXECUTION_INTERRUPTED = "execution_interrupted"
    PREVIEW = "preview"
    PROGRESS_TEXT = "progress_text"
    DISCONNECTED = "disconnected"
    RECONNECTED = "reconnected"

    # Members are singletons compared by identity, so the identity hash is consistent with
    # equality; Enum's own __hash__ hashes the name in Python, a call per set or dict lookup
    # of a member (the engine looks one up for every frame).
    __hash__ = object.__hash__


# kw_only so `type` (fixed per class) and the optional `prompt_id` can sit before the data fields.
@dataclass(frozen=True, kw_only=True)
class Status:
    type: EventType = field(default=EventType.STATUS, init=False)
    prompt_id: str | None = None
    queue_remaining: int
    sid: str | None = None  # set on the first status after connecting: our client id


@dataclass(frozen=True, kw_only=True)
class ExecutionStart:
    type: EventType = field(default=EventType.EXECUTION_START, init=False)
    prompt_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class ExecutionCached:
    type: EventType = field(default=EventType.EXECUTION_CACHED, init=False)
    prompt_id: str | None = None
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Executing:
    type: EventType = field(default=EventType.EXECUTING, init=False)
    prompt_id: str | None = None
    node: str | None  # None: the run of `prompt_id` is over (sent after success, error, interrupt)


@dataclass(frozen=True, kw_only=True)
class Progress:
    type: EventType = field(default=EventType.PROGRESS, init=False)
    prompt_id: str | None = None
    value: int
    max: int
    node: str | None = None


@dataclass(frozen=True, kw_only=True)
class ProgressState:
    """Every node's state in the run, re-sent whole on each change. `nodes` may be a
    `NodeStates` that decodes its JSON only when read: the engine only needs `prompt_id`."""

    type: EventType = field(default=EventType.PROGRESS_STATE, init=False)
    prompt_id: str | None = None
    nodes: Mapping[str, Any] = field(default_factory=dict)


class NodeStates(Mapping[str, Any]):
    """A progress_state frame's node map, decoded on first read (a malformed one reads as
    empty). The frame is the largest a run sends, a dozen times or more per prompt, and its
    node map (every node of the graph, each with eight fields) is what nobody here reads."""

    __slots__ = ("_nodes", "_raw")

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._nodes: dict[str, Any] | None = None

    def _decoded(self) -> dict[str, Any]:
        if self._nodes is None:
            try:
                nodes = _loads(self._raw)
            except (ValueError, RecursionError):
                nodes = None
            self._nodes = nodes if type(nodes) is dict else {}
        return self._nodes

    def __getitem__(self, key: str) -> Any:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())


@dataclass(frozen=True, kw_only=True)
class Executed:
    type: EventType = field(default=EventType.EXECUTED, init=False)
    prompt_id: str | None = None
    node: str
    outputs: tuple[OutputFile, ...] = ()
    # False for an `executed` frame that could not be read (no node, junk output): the files it
    # named are unknown, so the run's outputs must be read from /history.
    readable: bool = True


# An `executed` frame parse_text could not read.
UNREADABLE_EXECUTED: Final = Executed(node="", readable=False)


@dataclass(frozen=True, kw_only=True)
class ExecutionSuccess:
    type: EventType = field(default=EventType.EXECUTION_SUCCESS, init=False)
    prompt_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class ExecutionError:
    type: EventType = field(default=EventType.EXECUTION_ERROR, init=False)
    prompt_id: str | None = None
    node_id: str | None
    node_type: str | None
    exception_type: str
    exception_message: str
    traceback: str


@dataclass(frozen=True, kw_only=True)
class ExecutionInterrupted:
    type: EventType = field(default=EventType.EXECUTION_INTERRUPTED, init=False)
    prompt_id: str | None = None
    node_id: str | None
    node_type: str | None


@dataclass(frozen=True, kw_only=True)
class Preview:
    type: EventType = field(default=EventType.PREVIEW, init=False)
    prompt_id: str | None = None  # only previews with metadata (binary type 4) carry it
    image: bytes = field(repr=False)
    format: str  # "jpeg" | "png" (| "webp" from newer servers)
    metadata: Mapping[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class ProgressText:
    type: EventType = field(default=EventType.PROGRESS_TEXT, init=False)
    prompt_id: str | None = None
    node_id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Disconnected:
    """Made by EventStream when the socket drops; not a ComfyUI message."""

    type: EventType = field(default=EventType.DISCONNECTED, init=False)
    prompt_id: str | None = None
    reason: str


@dataclass(frozen=True, kw_only=True)
class Reconnected:
    """Made by EventStream once a dropped socket is back (same client id)."""

    type: EventType = field(default=EventType.RECONNECTED, init=False)
    prompt_id: str | None = None


Event = (
    Status
    | ExecutionStart
    | ExecutionCached
    | Executing
    | Progress
    | ProgressState
    | Executed
    | ExecutionSuccess
    | ExecutionError
    | ExecutionInterrupted
    | Preview
    | ProgressText
    | Disconnected
    | Reconnected
)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _status(data: Mapping[str, Any]) -> Status:
    exec_info = data.get("status", {}).get("exec_info", {})
    return Status(
        queue_remaining=server_int(exec_info.get("queue_remaining", 0)),
        sid=_opt_str(data.get("sid")),
    )


def _cached(data: Mapping[str, Any]) -> ExecutionCached:
    return ExecutionCached(
        prompt_id=_opt_str(data.get("prompt_id")),
        nodes=tuple(str(n) for n in data.get("nodes") or ()),
    )


def _progress(data: Mapping[str, Any]) -> Progress:
    return Progress(
        prompt_id=_opt_str(data.get("prompt_id")),
        value=server_int(data["value"]),
        max=server_int(data["max"]),
        node=_opt_str(data.get("node")),
    )


def _progress_state(data: Mapping[str, Any]) -> ProgressState:
    nodes = data.get("nodes") or {}
    if type(nodes) is not dict:  # a JSON object decodes to a dict, never anything else
        raise TypeError("progress_state nodes is not an object")
    return ProgressState(prompt_id=_opt_str(data.get("prompt_id")), nodes=dict(nodes))


# How ComfyUI writes a progress_state frame (json.dumps, default separators, this key order):
# {"type": "progress_state", "data": {"prompt_id": "<id>", "nodes": {...}}}
_STATE_HEAD = b'{"type": "progress_state", "data": {"prompt_id": "'
_STATE_NODES = b'", "nodes": {'
_STATE_TAIL = b"}}}"


def _progress_state_frame(raw: bytes) -> ProgressState | None:
    """A progress_state frame as ComfyUI writes it, read without decoding its node map: only
    the prompt id is taken out now (plain text between the quotes, no escapes), the nodes are
    decoded if someone reads them. Any other frame is None and takes the full parse."""
    start = len(_STATE_HEAD)
    quote = raw.find(b'"', start)
    if quote < 0 or not raw.startswith(_STATE_NODES, quote) or not raw.endswith(_STATE_TAIL):
        return None
    prompt_id = raw[start:quote]
    if not prompt_id.isascii():
        return None
    text = prompt_id.decode("ascii")
    if "\\" in text or not text.isprintable():  # an escape, or a control JSON refuses
        return None
    first = quote + len(_STATE_NODES) - 1  # the node map's opening brace
    last = len(raw) - 2  # past its closing brace: the data's and the frame's follow
    return ProgressState(prompt_id=text, nodes=NodeStates(raw[first:last]))


def _executed(data: Mapping[str, Any]) -> Executed:
    node = str(data["node"])
    return Executed(
        prompt_id=_opt_str(data.get("prompt_id")),
        node=node,
        outputs=output_files(node, data.get("output")),
    )


def _shown(value: Any) -> str | None:
    return None if value is None else server_text(value, 200)


def _error(data: Mapping[str, Any]) -> ExecutionError:
    return ExecutionError(
        prompt_id=_opt_str(data.get("prompt_id")),
        node_id=_shown(data.get("node_id")),
        node_type=_shown(data.get("node_type")),
        exception_type=server_text(data.get("exception_type") or "", 200),
        exception_message=server_text(data.get("exception_message") or ""),
        traceback=join_traceback(data.get("traceback") or ""),
    )


def _interrupted(data: Mapping[str, Any]) -> ExecutionInterrupted:
    return ExecutionInterrupted(
        prompt_id=_opt_str(data.get("prompt_id")),
        node_id=_shown(data.get("node_id")),
        node_type=_shown(data.get("node_type")),
    )


_TEXT_PARSERS: Mapping[str, Callable[[Mapping[str, Any]], Event]] = {
    "status": _status,
    "execution_start": lambda d: ExecutionStart(prompt_id=_opt_str(d.get("prompt_id"))),
    "execution_cached": _cached,
    "executing": lambda d: Executing(
        prompt_id=_opt_str(d.get("prompt_id")), node=_opt_str(d.get("node"))
    ),
    "progress": _progress,
    "progress_state": _progress_state,
    "executed": _executed,
    "execution_success": lambda d: ExecutionSuccess(prompt_id=_opt_str(d.get("prompt_id"))),
    "execution_error": _error,
    "execution_interrupted": _interrupted,
}


# Everything a frame of the wrong shape can raise; parse_text/parse_binary turn it into None.
_MALFORMED = (
    ComfyProtocolError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    RecursionError,
    OverflowError,
    struct.error,
)


_DECODER = json.JSONDecoder()


def _loads(raw: str | bytes) -> Any:
    """`json.loads(raw)`, faster for what every ComfyUI frame is: one UTF-8 JSON value from the
    first byte to the last (json.loads also sniffs the encoding and skips outer whitespace, a
    quarter of a small frame's parse). Any other frame goes to json.loads, whose verdict stands.
    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        value, end = _DECODER.raw_decode(text)
    except ValueError:  # not UTF-8, leading whitespace, or not JSON at all
        return json.loads(raw)
    if end != len(text):  # trailing whitespace, or junk that json.loads refuses
        return json.loads(raw)
    return value


def parse_text(raw: str | bytes) -> Event | None:
    """A text frame `{"type": ..., "data": {...}}` as an event; None if unknown or malformed,
    except an `executed` frame, which is UNREADABLE_EXECUTED then (its files must not be lost)."""
    kind: Any = None
    try:
        if type(raw) is bytes and raw.startswith(_STATE_HEAD):
            state = _progress_state_frame(raw)
            if state is not None:
                return state
        message = _loads(raw)
        # JSON objects decode to dicts: a type check, not isinstance of an ABC (slow, per frame)
        if type(message) is not dict:
            return None
        kind = message.get("type")
        parser = _TEXT_PARSERS.get(str(kind))
        data = message.get("data", {})
        if parser is None or type(data) is not dict:
            return UNREADABLE_EXECUTED if kind == "executed" else None
        return parser(data)
    except _MALFORMED:
        return UNREADABLE_EXECUTED if kind == "executed" else None


# Binary frame event types (ComfyUI server.py BinaryEventTypes).
_PREVIEW_IMAGE = 1
_UNENCODED_PREVIEW_IMAGE = 2  # server-internal; never sent over the wire
_TEXT = 3
_PREVIEW_IMAGE_WITH_METADATA = 4

_PREVIEW_FORMATS = {1: "jpeg", 2: "png"}
_MIME_FORMATS = {"image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp"}
_U32 = struct.Struct(">I")


def parse_binary(raw: bytes) -> Event | None:
    """A binary frame (uint32 big-endian event type, then a payload) as an event.

    1: preview, uint32 format (1 JPEG, 2 PNG) + image. 3: progress text, uint32 node id length +
    node id + UTF-8 text. 4: preview with metadata, uint32 JSON length + JSON + image.
    """
    try:
        if len(raw) < 4:
            return None
        (event_type,) = _U32.unpack_from(raw, 0)
        payload = memoryview(raw)[4:]
        if event_type == _PREVIEW_IMAGE:
            return _preview(payload)
        if event_type == _TEXT:
            return _progress_text(payload)
        if event_type == _PREVIEW_IMAGE_WITH_METADATA:
            return _preview_with_metadata(payload)
        return None
    except _MALFORMED:
        return None


def _preview(payload: memoryview) -> Preview | None:
    if len(payload) <= 4:
        return None
    (code,) = _U32.unpack_from(payload, 0)
    fmt = _PREVIEW_FORMATS.get(code)
    if fmt is None:
        return None
    return Preview(image=bytes(payload[4:]), format=fmt)


def _progress_text(payload: memoryview) -> ProgressText | None:
    if len(payload) < 4:
        return None
    (id_len,) = _U32.unpack_from(payload, 0)
    if id_len == 0 or 4 + id_len > len(payload):
        return None
    node_id = bytes(payload[4 : 4 + id_len]).decode("utf-8")
    text = server_text(
        bytes(payload[4 + id_len :]).decode("utf-8", errors="replace"), TRACEBACK_CHARS
    )
    return ProgressText(node_id=node_id, text=text)


def _preview_with_metadata(payload: memoryview) -> Preview | None:
    if len(payload) < 4:
        return None
    (meta_len,) = _U32.unpack_from(payload, 0)
    end = 4 + meta_len
    if end >= len(payload):  # no room for any image bytes
        return None
    metadata = json.loads(bytes(payload[4:end]).decode("utf-8"))
    if not isinstance(metadata, Mapping):
        return None
    fmt = _MIME_FORMATS.get(str(metadata.get("image_type", "image/jpeg")))
    if fmt is None:
        return None
    return Preview(
        prompt_id=_opt_str(metadata.get("prompt_id")),
        image=bytes(payload[end:]),
        format=fmt,
        metadata=metadata,
    )
