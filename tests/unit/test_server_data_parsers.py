"""Every parser of data a ComfyUI server sends, fed anything JSON can hold: wrong types, huge
integers, inf and nan, deep nesting, poisoned text. A parser either returns or raises
ComfyProtocolError; the websocket parsers return None. Nothing else may come out, or a hostile
server crashes the engine thread with an OverflowError it never expected."""

from __future__ import annotations

import contextlib
import json
import struct
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_desktop.core.comfy import ComfyProtocolError, ObjectInfo, Preview, PromptRejected
from studio_desktop.core.comfy.events import parse_binary, parse_text
from studio_desktop.core.comfy.models import (
    execution_error_info,
    history_entry_from_json,
    output_files,
    queue_state_from_json,
    server_int,
    submit_result_from_json,
    system_stats_from_json,
    uploaded_file_from_json,
)
from studio_desktop.core.comfy.text import server_text

# The names parsers look up, so generated objects reach past the first `.get`.
KEYS = [
    "prompt_id", "number", "node", "node_id", "node_type", "value", "max", "status", "exec_info",
    "queue_remaining", "sid", "nodes", "output", "outputs", "images", "filename", "subfolder",
    "type", "data", "messages", "status_str", "completed", "exception_type",
    "exception_message", "traceback", "queue_running", "queue_pending", "system", "devices",
    "vram_total", "vram_free", "name", "error", "node_errors", "errors", "class_type",
    "details", "extra_info", "input_name", "image_type", "input", "required", "optional",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63, max_value=10**400),
    st.integers(min_value=-(10**400), max_value=-(2**63)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308]),
    st.text(max_size=30),
    st.sampled_from(["\x1b[2J\x07", "\u202e", "1e999", "9" * 30, "-0", ""]),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)
# The values that broke parsers before: each is picked often, not left to chance.
HOSTILE = st.sampled_from(
    [
        float("inf"),
        float("-inf"),
        float("nan"),
        10**400,
        -(10**400),
        2**63,
        "1e999",
        "\x1b[2J\x07\u202e",
        "x" * 5000,
        [],
        {},
        None,
        True,
    ]
)
objects = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8)


def poisoned(shape: Any) -> st.SearchStrategy[Any]:
    """`shape` (a well-formed body) with any part of it possibly swapped for hostile JSON."""
    if isinstance(shape, dict):
        keep = st.fixed_dictionaries({key: poisoned(value) for key, value in shape.items()})
    elif isinstance(shape, list):
        keep = st.tuples(*(poisoned(item) for item in shape)).map(list)
    else:
        return st.one_of(st.just(shape), HOSTILE, json_values)
    return st.one_of(keep, keep, keep, HOSTILE, json_values)  # mostly keep the structure


FILE = {"filename": "a.png", "subfolder": "", "type": "output"}
ERROR = {
    "prompt_id": "p",
    "node_id": "3",
    "node_type": "KSampler",
    "exception_type": "RuntimeError",
    "exception_message": "boom",
    "traceback": ["line 1\n", "line 2\n"],
}
# (parser, a well-formed body it understands)
MODEL_PARSERS: dict[str, tuple[Callable[[Any], object], Any]] = {
    "system_stats": (
        system_stats_from_json,
        {
            "system": {"comfyui_version": "0.3.64", "python_version": "3.11", "os": "posix"},
            "devices": [{"name": "cuda:0", "type": "cuda", "vram_total": 8, "vram_free": 4}],
        },
    ),
    "submit_result": (submit_result_from_json, {"prompt_id": "p", "number": 3}),
    "queue_state": (
        queue_state_from_json,
        {
            "queue_running": [[0, "p", {}, {"client_id": "c"}, ["9"]]],
            "queue_pending": [[1, "q", {}, {}, []]],
        },
    ),
    "history_entry": (
        lambda body: history_entry_from_json("p", body),
        {
            "outputs": {"9": {"images": [FILE]}},
            "status": {
                "status_str": "error",
                "completed": False,
                "messages": [["execution_start", {"prompt_id": "p"}], ["execution_error", ERROR]],
            },
        },
    ),
    "uploaded_file": (uploaded_file_from_json, {"name": "a.png", "subfolder": "", "type": "input"}),
    "output_files": (lambda body: output_files("9", body), {"images": [FILE], "gifs": [FILE]}),
    "execution_error_info": (lambda body: execution_error_info("execution_error", body), ERROR),
    "server_int": (server_int, 42),
}
EVENTS: dict[str, Any] = {
    "status": {"status": {"exec_info": {"queue_remaining": 1}}, "sid": "c"},
    "execution_start": {"prompt_id": "p"},
    "execution_cached": {"prompt_id": "p", "nodes": ["4", "5"]},
    "executing": {"prompt_id": "p", "node": "3"},
    "progress": {"prompt_id": "p", "node": "3", "value": 1, "max": 20},
    "progress_state": {"prompt_id": "p", "nodes": {"3": {"value": 1, "max": 20}}},
    "executed": {"prompt_id": "p", "node": "9", "output": {"images": [FILE]}},
    "execution_success": {"prompt_id": "p"},
    "execution_error": ERROR,
    "execution_interrupted": {"prompt_id": "p", "node_id": "3", "node_type": "KSampler"},
}
REJECTION = {
    "error": {"type": "prompt_outputs_failed_validation", "message": "m", "details": "d"},
    "node_errors": {
        "3": {
            "class_type": "KSampler",
            "errors": [
                {"type": "x", "message": "m", "details": "d", "extra_info": {"input_name": "seed"}}
            ],
        }
    },
}

# No example database: tests write nothing into the checkout.
HYPOTHESIS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def only_protocol_errors(parse: Callable[[Any], object], value: Any) -> None:
    with contextlib.suppress(ComfyProtocolError):
        parse(value)


@pytest.mark.parametrize("name", sorted(MODEL_PARSERS))
@HYPOTHESIS
@given(data=st.data())
def test_http_body_parsers_raise_only_protocol_errors(name: str, data: st.DataObject) -> None:
    parse, shape = MODEL_PARSERS[name]
    only_protocol_errors(parse, data.draw(poisoned(shape)))


@pytest.mark.parametrize("kind", sorted(EVENTS))
@HYPOTHESIS
@given(data=st.data())
def test_websocket_text_frames_of_any_shape_are_an_event_or_none(
    kind: str, data: st.DataObject
) -> None:
    message = data.draw(poisoned({"type": kind, "data": EVENTS[kind]}))
    raw = json.dumps(message)
    parse_text(raw)
    parse_text(raw.encode())


@HYPOTHESIS
@given(
    event_type=st.sampled_from([1, 2, 3, 4, 5]),
    meta=poisoned({"prompt_id": "p", "node_id": "3", "image_type": "image/png"}),
    tail=st.binary(max_size=64),
    claimed=st.one_of(st.none(), st.integers(0, 2**32 - 1)),
)
def test_binary_frames_of_any_shape_are_an_event_or_none(
    event_type: int, meta: Any, tail: bytes, claimed: int | None
) -> None:
    body = json.dumps(meta).encode()
    length = len(body) if claimed is None else claimed
    parse_binary(struct.pack(">II", event_type, length) + body + tail)


@HYPOTHESIS
@given(body=poisoned(REJECTION))
def test_a_rejection_body_of_any_shape_is_a_rejection_or_none(body: Any) -> None:
    rejected = PromptRejected.from_body("http://x", body)
    if rejected is not None:
        assert len(str(rejected)) < 200_000


@HYPOTHESIS
@given(raw=st.one_of(objects, json_values), name=st.sampled_from(KEYS))
def test_object_info_of_any_shape_reads_as_absent(raw: Any, name: str) -> None:
    info = ObjectInfo(raw if isinstance(raw, dict) else {})
    info.input_spec(name, name)
    info.combo_options(name, name)
    info.required_inputs(name)
    info.output_types(name)
    info.is_output_node(name)
    assert isinstance(info.checkpoints, list)


@HYPOTHESIS
@given(value=json_values, limit=st.integers(1, 300))
def test_server_text_is_clean_and_bounded(value: Any, limit: int) -> None:
    shown = server_text(value, limit)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in shown)
    assert len(shown) <= limit + len("… ( more characters)") + 12


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_frames_are_none(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    assert parse_text(f'{{"type": "progress", "data": {{"value": {nested}, "max": 1}}}}') is None
    meta = f'{{"prompt_id": {nested}}}'.encode()
    frame = struct.pack(">II", 4, len(meta)) + meta + b"\xff\xd8"
    assert isinstance(parse_binary(frame), Preview | None)  # a shallow list is a fine prompt id


@pytest.mark.parametrize(
    "value", [float("inf"), float("-inf"), float("nan"), 10**400, -(10**400), "1" * 25, [], {}]
)
def test_numbers_we_cannot_hold_are_protocol_errors(value: Any) -> None:
    with pytest.raises(ComfyProtocolError):
        server_int(value)


def test_a_2_mb_message_with_escape_codes_is_cut_to_2000_readable_characters() -> None:
    shown = server_text("\x1b]0;owned\x07" + "x" * 2_000_000)
    assert shown.startswith("]0;ownedx")
    assert shown.endswith("x… (1998008 more characters)")
    assert len(shown) == 2_000 + len("… (1998008 more characters)")
