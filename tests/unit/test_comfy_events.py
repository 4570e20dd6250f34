"""Parsing of ComfyUI's protocol: every websocket message of the recorded traces, hand-built
binary frames (well-formed and broken), and the HTTP bodies (history, queue, system stats,
object_info) the client turns into typed results."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio_desktop.core.comfy import (
    Event,
    EventType,
    Executed,
    Executing,
    ExecutionCached,
    ExecutionError,
    ExecutionInterrupted,
    ObjectInfo,
    OutputFile,
    Preview,
    Progress,
    ProgressState,
    ProgressText,
    Status,
    parse_binary,
    parse_text,
)
from studio_desktop.core.comfy.events import _loads
from studio_desktop.core.comfy.models import (
    history_entry_from_json,
    queue_state_from_json,
    system_stats_from_json,
)

DATA = Path(__file__).resolve().parents[1] / "data"
TRACES = sorted((DATA / "traces").glob("*.json"))


def _load(name: str) -> Any:
    return json.loads((DATA / "traces" / name).read_text(encoding="utf-8"))


def _ws_messages() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every recorded websocket message (dicts with `type`), wherever a trace keeps them."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if isinstance(node.get("type"), str) and "data" in node and "t" in node:
                yield where, node
                return
            for key, value in node.items():
                yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    for path in TRACES:
        yield from walk(json.loads(path.read_text(encoding="utf-8")), path.name)


ALL_MESSAGES = list(_ws_messages())
TEXT_MESSAGES = [(w, m) for w, m in ALL_MESSAGES if m["type"] != "<binary>"]
BINARY_SUMMARIES = [(w, m) for w, m in ALL_MESSAGES if m["type"] == "<binary>"]


def test_the_traces_hold_what_we_expect() -> None:
    assert len(TRACES) >= 30
    types = {m["type"] for _, m in TEXT_MESSAGES}
    assert {
        "status",
        "execution_start",
        "execution_cached",
        "executing",
        "progress",
        "progress_state",
        "executed",
        "execution_success",
        "execution_error",
        "execution_interrupted",
    } <= types
    assert {m["data"]["event_type"] for _, m in BINARY_SUMMARIES} == {1, 3, 4}


# --- text frames ---------------------------------------------------------------------------


def _check_fields(event: Event, data: dict[str, Any]) -> None:
    if isinstance(event, Status):
        assert event.queue_remaining == data["status"]["exec_info"]["queue_remaining"]
        assert event.sid == data.get("sid")
    elif isinstance(event, ExecutionCached):
        assert event.nodes == tuple(data["nodes"])
    elif isinstance(event, Executing):
        assert event.node == data["node"]
    elif isinstance(event, Progress):
        assert (event.value, event.max, event.node) == (data["value"], data["max"], data["node"])
    elif isinstance(event, ProgressState):
        assert event.nodes == data["nodes"]
    elif isinstance(event, Executed):
        assert event.node == data["node"]
        expected = [
            (kind, f["filename"], f["subfolder"], f["type"])
            for kind, files in data["output"].items()
            for f in files
            if isinstance(f, dict)
        ]
        assert [(o.kind, o.filename, o.subfolder, o.type) for o in event.outputs] == expected
        assert all(o.node_id == data["node"] for o in event.outputs)
    elif isinstance(event, ExecutionError):
        assert event.node_id == data["node_id"]
        assert event.node_type == data["node_type"]
        assert event.exception_type == data["exception_type"]
        assert event.exception_message == data["exception_message"]
        assert event.traceback == "".join(data["traceback"])
    elif isinstance(event, ExecutionInterrupted):
        assert (event.node_id, event.node_type) == (data["node_id"], data["node_type"])


@pytest.mark.parametrize(("where", "message"), TEXT_MESSAGES, ids=[w for w, _ in TEXT_MESSAGES])
def test_every_recorded_text_message_parses(where: str, message: dict[str, Any]) -> None:
    raw = json.dumps({"type": message["type"], "data": message["data"]})
    event = parse_text(raw)
    assert event is not None, where
    assert event.type is EventType(message["type"])
    assert event.prompt_id == message["data"].get("prompt_id")
    _check_fields(event, message["data"])
    assert parse_text(raw.encode("utf-8")) == event  # websocket frames may arrive as bytes


def test_end_marker_and_message_without_prompt_id() -> None:
    end = parse_text('{"type":"executing","data":{"node":null,"prompt_id":"p"}}')
    assert end == Executing(prompt_id="p", node=None)
    # After a reconnect ComfyUI re-sends the running node without a prompt id (trace 45).
    assert parse_text('{"type":"executing","data":{"node":"3"}}') == Executing(node="3")


@pytest.mark.parametrize(
    "data",
    [
        {"prompt_id": "p", "output": {}},  # no node
        "not an object",
    ],
)
def test_an_executed_frame_that_cannot_be_read_is_reported_not_dropped(data: Any) -> None:
    """Its files are unknown, and the engine must know to read them from /history."""
    event = parse_text(json.dumps({"type": "executed", "data": data}))
    assert isinstance(event, Executed) and not event.readable


def test_other_frames_that_cannot_be_read_are_dropped() -> None:
    assert parse_text(json.dumps({"type": "executing", "data": "junk"})) is None
    assert parse_text(json.dumps({"type": "progress", "data": {"value": "x"}})) is None


def test_executed_skips_entries_that_are_not_files() -> None:
    event = parse_text(
        json.dumps(
            {
                "type": "executed",
                "data": {
                    "node": "9",
                    "prompt_id": "p",
                    "output": {
                        "images": [{"filename": "a.webp", "subfolder": "", "type": "output"}],
                        "animated": [True],
                        "text": ["hello"],
                        "gifs": [{"filename": "b.mp4", "subfolder": "vid", "type": "output"}],
                    },
                },
            }
        )
    )
    assert isinstance(event, Executed)
    assert event.outputs == (
        OutputFile("9", "a.webp", "", "output", "images"),
        OutputFile("9", "b.mp4", "vid", "output", "gifs"),
    )


# --- progress_state: the prompt id at once, the node map when read ---------------------------

STATE_NODES = {
    "4": {
        "value": 1.0,
        "max": 1.0,
        "state": "finished",
        "node_id": "4",
        "prompt_id": "p-1",
        "display_node_id": "4",
        "parent_node_id": None,
        "real_node_id": "4",
    },
    "3": {"value": 7, "max": 20, "state": "running", "node_id": "3", "title": 'Käse ✓ "q"'},
}


def _comfy_frame(data: dict[str, Any]) -> bytes:
    """A text frame byte for byte as ComfyUI's send_json writes it."""
    return json.dumps({"type": "progress_state", "data": data}).encode("utf-8")


def test_a_progress_state_frame_gives_its_prompt_and_every_node_state() -> None:
    raw = _comfy_frame({"prompt_id": "p-1", "nodes": STATE_NODES})
    event = parse_text(raw)
    assert isinstance(event, ProgressState)
    assert event.prompt_id == "p-1"
    assert event.nodes == STATE_NODES
    assert dict(event.nodes) == STATE_NODES and len(event.nodes) == 2
    assert event.nodes["3"]["value"] == 7
    # The same event as the whole-frame parse (other spacing, or text, takes that one).
    assert event == parse_text(raw.decode("utf-8"))
    assert event == parse_text(raw.replace(b'"data": ', b'"data":'))


@pytest.mark.parametrize(
    "data",
    [
        {"prompt_id": 'a"b', "nodes": STATE_NODES},  # an escaped quote in the id
        {"prompt_id": "a\\b", "nodes": STATE_NODES},
        {"prompt_id": "a\nb", "nodes": STATE_NODES},  # a control character, escaped
        {"prompt_id": "ü-1", "nodes": STATE_NODES},  # json.dumps escapes it: \u00fc
        {"nodes": STATE_NODES, "prompt_id": "p-1"},  # another key order
        {"prompt_id": "p-1", "nodes": {}},
        {"prompt_id": None, "nodes": STATE_NODES},
        {"prompt_id": "p-1", "nodes": STATE_NODES, "extra": 1},
    ],
)
def test_a_progress_state_frame_of_another_layout_reads_the_same(data: dict[str, Any]) -> None:
    raw = _comfy_frame(data)
    event = parse_text(raw)
    assert isinstance(event, ProgressState)
    assert event.prompt_id == data["prompt_id"]
    assert event.nodes == data["nodes"]


def test_a_progress_state_frame_with_a_broken_node_map_names_its_prompt() -> None:
    # The layout of ComfyUI's frame around a node map that is not JSON: its prompt is still
    # alive, and the map, read, is empty rather than an error.
    raw = b'{"type": "progress_state", "data": {"prompt_id": "p-1", "nodes": {"3": nope}}}'
    event = parse_text(raw)
    assert isinstance(event, ProgressState) and event.prompt_id == "p-1"
    assert dict(event.nodes) == {}
    # A frame cut short, or with a raw control character in the id, is no event at all.
    assert parse_text(raw[:-1]) is None
    assert parse_text(raw.replace(b"p-1", b"p\x01")) is None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not json",
        "[]",
        "42",
        "null",
        '{"data":{}}',
        '{"type":"crystools.monitor","data":{"cpu_utilization":3}}',
        '{"type":"feature_flags","data":{"supports_preview_metadata":true}}',
        '{"type":"status","data":[]}',
        '{"type":"status","data":{"status":null}}',
        '{"type":"progress","data":{"value":"x","max":2}}',
        '{"type":"progress","data":{"max":2}}',
        '{"type":"progress_state","data":{"nodes":[1,2]}}',
        '{"type":"execution_start","data":"nope"}',
        "[" * 100_000,
        b"\xff\xfe\x00",
    ],
)
def test_unknown_or_malformed_text_is_none(raw: str | bytes) -> None:
    assert parse_text(raw) is None


# --- binary frames -------------------------------------------------------------------------


def _u32(value: int) -> bytes:
    return struct.pack(">I", value)


JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x00" * 50
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50


def _frame_from_summary(summary: dict[str, Any]) -> bytes:
    """Rebuild the real frame from a trace summary, byte-identical in header and length."""
    head = bytes.fromhex(summary["first16hex"])
    kind = summary["event_type"]
    frame: bytes
    if kind == 1:
        frame = head
    elif kind == 4:
        meta = json.dumps(summary["metadata"]).encode()
        frame = _u32(4) + _u32(len(meta)) + meta + bytes.fromhex(summary["magic"])
    elif kind == 3:
        node = summary["node_id"].encode()
        frame = _u32(3) + _u32(len(node)) + node + summary["text"].encode()
    else:
        raise AssertionError(kind)
    assert frame[:16] == head
    length: int = summary["len"]
    return frame + b"\x00" * (length - len(frame))


@pytest.mark.parametrize(
    ("where", "message"), BINARY_SUMMARIES, ids=[w for w, _ in BINARY_SUMMARIES]
)
def test_every_recorded_binary_frame_parses(where: str, message: dict[str, Any]) -> None:
    summary = message["data"]
    frame = _frame_from_summary(summary)
    assert len(frame) == summary["len"]
    event = parse_binary(frame)
    assert event is not None, where
    if summary["event_type"] == 3:
        assert event == ProgressText(node_id=summary["node_id"], text=summary["text"])
        return
    assert isinstance(event, Preview)
    assert event.format == "jpeg"
    assert event.image.startswith(bytes.fromhex("ffd8ffe0"))
    if summary["event_type"] == 4:
        assert event.metadata == summary["metadata"]
        assert event.prompt_id == summary["metadata"]["prompt_id"]
        assert len(event.image) == summary["len"] - 8 - 166
    else:
        assert event.metadata is None and event.prompt_id is None
        assert len(event.image) == summary["len"] - 8


def test_preview_jpeg_and_png() -> None:
    jpeg = parse_binary(_u32(1) + _u32(1) + JPEG)
    assert jpeg == Preview(image=JPEG, format="jpeg")
    assert jpeg.type is EventType.PREVIEW
    png = parse_binary(_u32(1) + _u32(2) + PNG)
    assert png == Preview(image=PNG, format="png")


def test_preview_with_metadata() -> None:
    meta = {"node_id": "3", "prompt_id": "abc", "display_node_id": "3", "image_type": "image/png"}
    raw_meta = json.dumps(meta).encode()
    event = parse_binary(_u32(4) + _u32(len(raw_meta)) + raw_meta + PNG)
    assert event == Preview(prompt_id="abc", image=PNG, format="png", metadata=meta)


def test_progress_text_with_unicode() -> None:
    node = b"12:5"
    text = "步骤 3/4 ✓"
    event = parse_binary(_u32(3) + _u32(len(node)) + node + text.encode())
    assert event == ProgressText(node_id="12:5", text=text)
    assert event.type is EventType.PROGRESS_TEXT and event.prompt_id is None
    empty = parse_binary(_u32(3) + _u32(1) + b"7")
    assert empty == ProgressText(node_id="7", text="")


def _meta_frame(meta: bytes, image: bytes = JPEG, declared: int | None = None) -> bytes:
    length = len(meta) if declared is None else declared
    return _u32(4) + _u32(length) + meta + image


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\x00\x01",
        _u32(1),
        _u32(1) + _u32(1),  # no image bytes
        _u32(1) + _u32(9) + JPEG,  # unknown image format
        _u32(1) + b"\x00\x01",  # truncated format
        _u32(2) + _u32(1) + JPEG,  # "unencoded preview" never goes over the wire
        _u32(99) + b"whatever",
        _u32(3),
        _u32(3) + _u32(0) + b"text",  # empty node id
        _u32(3) + _u32(50) + b"3text",  # node id longer than the frame
        _u32(3) + _u32(2) + b"\xff\xfe" + b"text",  # node id not UTF-8
        _u32(4),
        _u32(4) + _u32(10) + b"{}",  # metadata longer than the frame
        _meta_frame(b'{"image_type":"image/jpeg"}', image=b""),  # no image bytes
        _meta_frame(b"{not json"),
        _meta_frame(b"[1,2]"),
        _meta_frame(b'{"image_type":"image/bmp"}'),
        _meta_frame(b"\xff\xfe"),
        _u32(4) + _u32(0xFFFFFFFF) + b"{}",
    ],
)
def test_malformed_binary_is_none(raw: bytes) -> None:
    assert parse_binary(raw) is None


# --- HTTP bodies ---------------------------------------------------------------------------


def test_history_success_outputs() -> None:
    trace = _load("01_invert.json")
    ((prompt_id, raw),) = trace["history"].items()
    entry = history_entry_from_json(prompt_id, raw)
    assert entry.prompt_id == prompt_id
    assert (entry.status_str, entry.completed, entry.error) == ("success", True, None)
    assert entry.outputs == (OutputFile("3", "invert_00002_.png", "peer", "output", "images"),)
    assert [name for name, _ in entry.messages] == [
        "execution_start",
        "execution_cached",
        "execution_success",
    ]


def test_history_runtime_error() -> None:
    ((prompt_id, raw),) = _load("17_runtime_error.json")["history"].items()
    entry = history_entry_from_json(prompt_id, raw)
    assert (entry.status_str, entry.completed, entry.outputs) == ("error", False, ())
    assert entry.error is not None and not entry.error.interrupted
    assert (entry.error.node_id, entry.error.node_type) == ("3", "SaveImage")
    assert entry.error.exception_type == "Exception"
    assert "outside the output folder" in entry.error.exception_message
    assert "get_save_image_path" in entry.error.traceback


def test_history_interrupted() -> None:
    ((prompt_id, raw),) = _load("18_interrupt_global.json")["history"].items()
    entry = history_entry_from_json(prompt_id, raw)
    assert entry.error is not None and entry.error.interrupted
    assert (entry.error.node_id, entry.error.node_type) == ("3", "ImageBlur")
    assert entry.status_str == "error"


@pytest.mark.parametrize("name", [p.name for p in TRACES])
def test_every_recorded_history_parses(name: str) -> None:
    trace = _load(name)
    histories = [trace[k] for k in ("history",) if isinstance(trace.get(k), dict)]
    for history in histories:
        for prompt_id, raw in history.items():
            entry = history_entry_from_json(prompt_id, raw)
            assert entry.status_str in ("success", "error")
            assert entry.completed == (entry.status_str == "success")
            assert (entry.error is None) == entry.completed


def test_queue_state_order_and_positions() -> None:
    trace = _load("19_queue_ops.json")
    state = queue_state_from_json(trace["queue_before"])
    running = "ae6f2dd3-2961-4393-b9c1-e15eb979b197"
    front = "336df41f-54eb-4cf3-a1e9-43c7ea20a1db"
    assert [i.prompt_id for i in state.running] == [running]
    assert [i.number for i in state.pending] == [-38, 37, 39]
    assert state.pending[0].client_id == "dfd769fe1b734b568ca9b306647e5609"
    assert state.position(running) == 0
    assert state.position(front) == 1
    assert state.position("a43f3e30-9fec-41ee-bd14-5e4d9b9418af") == 2
    assert state.position("nope") is None and not state.contains("nope")
    assert state.contains(front)
    empty = queue_state_from_json({"queue_running": [], "queue_pending": []})
    assert empty.running == () and empty.pending == ()


def test_system_stats() -> None:
    stats = system_stats_from_json(json.loads((DATA / "system_stats.json").read_text()))
    assert stats.comfyui_version == "0.3.64"
    assert stats.os == "posix"
    assert stats.python_version.startswith("3.11")
    (device,) = stats.devices
    assert (device.name, device.type) == ("cpu", "cpu")
    assert device.vram_total == 25276514304 and device.vram_free == 20200427520


# --- object_info ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def info() -> ObjectInfo:
    return ObjectInfo(json.loads((DATA / "object_info.json").read_text(encoding="utf-8")))


def test_object_info_model_lists(info: ObjectInfo) -> None:
    assert info.checkpoints == ["random_sd15.safetensors"]
    assert info.loras == []
    assert info.vaes == ["pixel_space"]
    assert "euler" in info.samplers and "dpmpp_2m" in info.samplers
    assert "normal" in info.schedulers and "karras" in info.schedulers
    assert info.upscale_models == []  # ["COMBO", {"options": []}]
    assert info.controlnets == []  # [[]] with no config at all


def test_object_info_nodes_and_inputs(info: ObjectInfo) -> None:
    assert len(info.node_classes) == 478
    assert info.has("KSampler") and not info.has("NoSuchNode")
    assert info.required_inputs("KSampler")[:3] == ["model", "seed", "steps"]
    assert info.required_inputs("NoSuchNode") == []
    assert info.output_types("CheckpointLoaderSimple") == ["MODEL", "CLIP", "VAE"]
    assert info.is_output_node("SaveImage") and not info.is_output_node("KSampler")
    spec = info.input_spec("KSampler", "steps")
    assert spec is not None and spec[0] == "INT" and spec[1]["min"] == 1
    combo = info.input_spec("CheckpointLoaderSimple", "ckpt_name")
    assert combo is not None and combo[0] == "COMBO"
    assert combo[1]["options"] == ["random_sd15.safetensors"]
    assert info.input_spec("KSampler", "nope") is None
    assert info.combo_options("KSampler", "steps") is None
    assert info.combo_options("LatentCut", "dim") == ["x", "y", "t"]  # new COMBO form
    # A COMBO whose options come from another route.
    assert info.combo_options("LoadImageOutput", "image") == []


def test_object_info_optional_inputs_and_odd_shapes() -> None:
    info = ObjectInfo(
        {
            "N": {
                "input": {
                    "required": {"a": ["INT"], "bad": "x", "empty": []},
                    "optional": {"mode": [["x", "y"], {"default": "x"}]},
                },
                "output": "not a list",
                "output_node": "yes",
            },
            "Broken": ["not", "a", "node"],
        }
    )
    assert info.input_spec("N", "a") == ("INT", {})
    assert info.input_spec("N", "bad") is None
    assert info.input_spec("N", "empty") is None
    assert info.combo_options("N", "mode") == ["x", "y"]
    assert info.input_spec("N", "mode") == ("COMBO", {"default": "x", "options": ["x", "y"]})
    assert info.output_types("N") == []
    assert not info.is_output_node("N")
    assert not info.has("Broken") and info.required_inputs("Broken") == []
    assert info.checkpoints == []


@pytest.mark.parametrize(
    "raw",
    [
        b'{"type": "status", "data": {}}',
        '{"type": "status", "data": {}}',
        b' {"type": "status"}',  # outer whitespace: json.loads skips it
        b'{"type": "status"}\n',
        '{"type": "status"}'.encode("utf-16"),  # json.loads sniffs UTF-16 and -32
        b'{"type": "st\xed\xa0\x80"}',  # a lone surrogate: json.loads passes it through
        b'{"type": "status"} junk',
        b'{"type": "status"',
        b"\xff\xfe\xfd",
        b"",
        b"[1, 2]",
        b"1e999",
    ],
)
def test_frames_decode_exactly_as_json_loads_decodes_them(raw: str | bytes) -> None:
    try:
        expected: object = json.loads(raw)
    except ValueError as exc:
        with pytest.raises(type(exc)):
            _loads(raw)
    else:
        assert _loads(raw) == expected
