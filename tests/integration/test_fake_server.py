"""The fake ComfyUI server against the recorded ComfyUI 0.3.64 traces.

Uses plain ``requests`` and ``websocket-client`` on purpose: these tests check the fake, not our
client.
"""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import websocket
from PIL import Image, UnidentifiedImageError

from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer

# fake_comfy / fake_comfy_factory come from tests/fakes/fixtures.py via tests/conftest.py.

TRACES = Path(__file__).resolve().parent.parent / "data" / "traces"
DATA = TRACES.parent
Factory = Callable[..., FakeComfyServer]
Message = dict[str, Any] | bytes


def trace(name: str) -> Any:
    (path,) = TRACES.glob(f"{name}_*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def txt2img(seed: int = 42, *, client_id: str | None = "c1", **extra: Any) -> dict[str, Any]:
    body = copy.deepcopy(trace("30")["request"])
    body["prompt"]["3"]["inputs"]["seed"] = seed
    if client_id is None:
        body.pop("client_id", None)
    else:
        body["client_id"] = client_id
    if extra:
        body["extra_data"] = extra
    result: dict[str, Any] = body
    return result


def connect(server: FakeComfyServer, client_id: str | None = "c1", **kw: Any) -> Any:
    url = server.url.replace("http://", "ws://") + "/ws"
    if client_id is not None:
        url += f"?clientId={client_id}"
    return websocket.create_connection(url, timeout=10, **kw)


def recv(ws: Any) -> Message:
    msg = ws.recv()
    return msg if isinstance(msg, bytes) else json.loads(msg)


def collect(ws: Any, until: Callable[[Message], bool], limit: int = 2000) -> list[Message]:
    out: list[Message] = []
    for _ in range(limit):
        msg = recv(ws)
        out.append(msg)
        if until(msg):
            return out
    raise AssertionError("message limit reached")


def done(prompt_id: str) -> Callable[[Message], bool]:
    def check(msg: Message) -> bool:
        return (
            isinstance(msg, dict)
            and msg["type"] == "executing"
            and msg["data"]["node"] is None
            and msg["data"].get("prompt_id") == prompt_id
        )

    return check


def name(msg: Message) -> str:
    if isinstance(msg, bytes):
        return "<binary>"
    if msg["type"] == "executing":
        return f"executing:{msg['data']['node']}"
    return str(msg["type"])


def post(server: FakeComfyServer, body: Any, **kw: Any) -> requests.Response:
    return requests.post(server.url + "/prompt", json=body, timeout=10, **kw)


def history(server: FakeComfyServer, prompt_id: str) -> dict[str, Any]:
    result: dict[str, Any] = requests.get(f"{server.url}/history/{prompt_id}", timeout=10).json()
    return result


def view(server: FakeComfyServer, **params: str) -> requests.Response:
    return requests.get(server.url + "/view", params=params, timeout=10)


def upload(server: FakeComfyServer, filename: str, data: bytes, **fields: str) -> requests.Response:
    return requests.post(
        server.url + "/upload/image",
        files={"image": (filename, data, "image/png")},
        data=fields,
        timeout=10,
    )


def png(size: tuple[int, int] = (8, 6), color: tuple[int, int, int] = (1, 2, 3)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def run_prompt(server: FakeComfyServer, body: dict[str, Any], ws: Any) -> tuple[str, list[Message]]:
    response = post(server, body)
    assert response.status_code == 200, response.text
    prompt_id = response.json()["prompt_id"]
    return prompt_id, collect(ws, done(prompt_id))


def skeleton(value: Any) -> Any:
    """Keys and value types, recursively (for 'same shape' comparisons)."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [skeleton(v) for v in value]
    return type(value).__name__


# ---------------------------------------------------------------------------- routes


def test_get_routes_match_trace_21(fake_comfy: FakeComfyServer) -> None:
    gets = trace("21")
    for path in (
        "/embeddings",
        "/models",
        "/features",
        "/extensions",
        "/object_info/SaveImage",
        "/object_info/NoSuchNode",
        "/api/object_info/EmptyImage",
        "/api/features",
    ):
        response = requests.get(fake_comfy.url + path, timeout=10)
        assert response.status_code == 200, path
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json() == gets[path]["body"], path
    stats = requests.get(fake_comfy.url + "/api/system_stats", timeout=10).json()
    assert stats == json.loads((DATA / "system_stats.json").read_text(encoding="utf-8"))
    info = requests.get(fake_comfy.url + "/object_info", timeout=10).json()
    assert len(info) == gets["/object_info"]["n_nodes"]
    assert requests.get(fake_comfy.url + "/models/nonexistent", timeout=10).status_code == 404
    assert requests.get(fake_comfy.url + "/models/loras", timeout=10).json() == []
    assert requests.get(fake_comfy.url + "/models/checkpoints", timeout=10).json() == [
        "random_sd15.safetensors"
    ]
    for prefix in ("", "/api"):
        assert requests.get(fake_comfy.url + prefix + "/prompt", timeout=10).json() == {
            "exec_info": {"queue_remaining": 0}
        }
        assert requests.get(fake_comfy.url + prefix + "/queue", timeout=10).json() == {
            "queue_running": [],
            "queue_pending": [],
        }
        assert requests.get(fake_comfy.url + prefix + "/history", timeout=10).json() == {}
        assert requests.get(fake_comfy.url + prefix + "/history/nope", timeout=10).json() == {}


def test_checkpoints_argument_replaces_model_lists(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(checkpoints=["a.safetensors", "b.ckpt"])
    info = requests.get(server.url + "/object_info/CheckpointLoaderSimple", timeout=10).json()
    assert info["CheckpointLoaderSimple"]["input"]["required"]["ckpt_name"][0] == [
        "a.safetensors",
        "b.ckpt",
    ]
    assert requests.get(server.url + "/models/checkpoints", timeout=10).json() == [
        "a.safetensors",
        "b.ckpt",
    ]
    body = txt2img()
    body["prompt"]["4"]["inputs"]["ckpt_name"] = "random_sd15.safetensors"
    assert post(server, body).json()["error"]["type"] == "prompt_outputs_failed_validation"
    body["prompt"]["4"]["inputs"]["ckpt_name"] = "b.ckpt"
    assert post(server, body).status_code == 200


# ---------------------------------------------------------------------------- validation


@pytest.mark.parametrize("number", ["07", "08", "09", "10", "11", "12", "13", "14"])
def test_rejections_equal_traces(fake_comfy: FakeComfyServer, number: str) -> None:
    recorded = trace(number)
    response = post(fake_comfy, recorded["request"])
    assert response.status_code == recorded["http_status"] == 400
    assert response.json() == recorded["response"]


def test_no_prompt_and_bad_combo_list_and_not_json(fake_comfy: FakeComfyServer) -> None:
    response = post(fake_comfy, {"client_id": "x"})
    assert (response.status_code, response.json()) == (trace("15")["status"], trace("15")["json"])
    body = txt2img()
    body["prompt"]["4"]["inputs"]["ckpt_name"] = "nope.safetensors"
    body["prompt"]["3"]["inputs"]["sampler_name"] = "bogus"
    response = post(fake_comfy, body)
    assert (response.status_code, response.json()) == (trace("46")["status"], trace("46")["json"])
    raw = requests.post(
        fake_comfy.url + "/prompt",
        data="{not json",
        timeout=10,
        headers={"Content-Type": "application/json"},
    )
    assert (raw.status_code, raw.text) == (trace("16")["status"], trace("16")["text"])
    # Rejected prompts consume numbers, like ComfyUI (traces 07-17: 24 -> 34).
    assert post(fake_comfy, txt2img()).json()["number"] == 2


def test_partially_valid_prompt_runs_good_outputs(fake_comfy: FakeComfyServer) -> None:
    body = copy.deepcopy(trace("01")["request"])
    body["prompt"]["4"] = {"class_type": "SaveImage", "inputs": {"filename_prefix": "x"}}
    response = post(fake_comfy, body)
    assert response.status_code == 200
    assert set(response.json()["node_errors"]) == {"4"}
    assert fake_comfy.wait_idle()
    entry = history(fake_comfy, response.json()["prompt_id"])[response.json()["prompt_id"]]
    assert entry["prompt"][4] == ["3"]


# ---------------------------------------------------------------------------- execution


def test_txt2img_message_order_equals_trace_40(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=3, step_seconds=0.01)
    ws = connect(server, "c40")
    try:
        first = recv(ws)
        prompt_id, messages = run_prompt(
            server, txt2img(client_id="c40", preview_method="auto"), ws
        )
    finally:
        ws.close()
    assert [name(first), *map(name, messages)] == trace("40")["sequence"]
    by_type = {m["type"]: m["data"] for m in messages if isinstance(m, dict)}
    recorded = {m["type"]: m["data"] for m in trace("40")["all_ws"]}
    for kind in (
        "execution_start",
        "execution_cached",
        "executing",
        "progress",
        "executed",
        "execution_success",
        "progress_state",
    ):
        assert skeleton(by_type[kind]) == skeleton(recorded[kind]), kind
    assert by_type["executed"]["output"]["images"][0]["subfolder"] == "peer"
    binaries = [m for m in messages if isinstance(m, bytes)]
    assert all(b[:8] == b"\0\0\0\1\0\0\0\1" and b[8:10] == b"\xff\xd8" for b in binaries)
    entry = history(server, prompt_id)[prompt_id]
    cold = trace("30")
    recorded_entry = cold["history"][cold["response"]["prompt_id"]]
    entry["prompt"][3].pop("preview_method")
    assert skeleton(entry) == skeleton(recorded_entry)


def test_model_free_invert_then_cached_rerun(fake_comfy: FakeComfyServer) -> None:
    body = trace("01")["request"]
    ws = connect(fake_comfy, body["client_id"])
    try:
        recv(ws)
        first_id, first = run_prompt(fake_comfy, body, ws)
        second_id, second = run_prompt(fake_comfy, body, ws)
    finally:
        ws.close()
    assert [name(m) for m in first] == trace("01")["ws_sequence"][1:]
    assert [name(m) for m in second] == trace("02")["ws_sequence"][-9:]
    cached = next(m for m in second if isinstance(m, dict) and m["type"] == "execution_cached")
    assert cached["data"]["nodes"] == ["1", "2", "3"]
    out1 = history(fake_comfy, first_id)[first_id]["outputs"]
    out2 = history(fake_comfy, second_id)[second_id]["outputs"]
    assert (
        out1
        == out2
        == {
            "3": {
                "images": [{"filename": "invert_00001_.png", "subfolder": "peer", "type": "output"}]
            }
        }
    )
    image = view(fake_comfy, filename="invert_00001_.png", subfolder="peer", type="output")
    assert image.headers["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(image.content)) as img:
        assert img.size == (64, 48)
        assert img.getpixel((0, 0)) == (0, 127, 255)  # inverted 0xFF8000
        assert json.loads(img.info["prompt"]) == body["prompt"]
    # A different input runs again and makes the next file.
    changed = copy.deepcopy(body)
    changed["prompt"]["1"]["inputs"]["color"] = 0
    other = post(fake_comfy, changed).json()["prompt_id"]
    assert fake_comfy.wait_idle()
    images = history(fake_comfy, other)[other]["outputs"]["3"]["images"]
    assert images[0]["filename"] == "invert_00002_.png"


def test_load_scale_blur_with_preview_image_and_workflow(fake_comfy: FakeComfyServer) -> None:
    assert upload(fake_comfy, "peer_test.png", png((20, 10))).status_code == 200
    body = trace("05")["request"]
    ws = connect(fake_comfy, body["client_id"])
    try:
        recv(ws)
        prompt_id, messages = run_prompt(fake_comfy, body, ws)
    finally:
        ws.close()
    assert [name(m) for m in messages] == trace("05")["ws_sequence"][-24:]
    outputs = history(fake_comfy, prompt_id)[prompt_id]["outputs"]
    (temp,) = outputs["15"]["images"]
    assert temp["type"] == "temp" and temp["subfolder"] == ""
    assert temp["filename"].startswith("ComfyUI_temp_") and temp["filename"].endswith("_00001_.png")
    saved = outputs["14"]["images"][0]
    assert saved == {"filename": "loadblur_00001_.png", "subfolder": "peer", "type": "output"}
    data = view(fake_comfy, **saved).content
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (80, 60)
        assert json.loads(img.info["workflow"]) == {"note": "peer test"}
    assert view(fake_comfy, **temp).status_code == 200


def test_progress_text_frame_from_get_image_size(fake_comfy: FakeComfyServer) -> None:
    body = copy.deepcopy(trace("36")["request"])
    body["client_id"] = "c36"
    ws = connect(fake_comfy, "c36")
    try:
        recv(ws)
        prompt_id, messages = run_prompt(fake_comfy, body, ws)
    finally:
        ws.close()
    seq = [name(m) for m in messages if name(m) != "status"]
    assert seq == trace("36")["ws_sequence"]
    (frame,) = [m for m in messages if isinstance(m, bytes)]
    assert frame[:9] == b"\0\0\0\3\0\0\0\0012"
    assert frame[9:].decode() == "width: 64, height: 32\n batch size: 2"
    images = history(fake_comfy, prompt_id)[prompt_id]["outputs"]["9"]["images"]
    assert [i["filename"] for i in images] == ["getsize_00001_.png", "getsize_00002_.png"]


def test_prompt_without_client_id_broadcasts_like_trace_43(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=2)
    warm = connect(server, "warm")
    try:
        recv(warm)
        run_prompt(server, txt2img(1, client_id="warm"), warm)
    finally:
        warm.close()
    assert server.wait_idle()
    ws = connect(server, "watcher")
    try:
        messages = [recv(ws)]
        response = post(server, txt2img(2, client_id=None, preview_method="auto"))
        messages += collect(
            ws,
            lambda m: (
                isinstance(m, dict)
                and m["type"] == "status"
                and m["data"]["status"]["exec_info"]["queue_remaining"] == 0
            ),
        )
    finally:
        ws.close()
    assert [name(m) for m in messages] == trace("43")["sequence"]
    prompt_id = response.json()["prompt_id"]
    assert history(server, prompt_id)[prompt_id]["prompt"][3] == {"preview_method": "auto"}


def test_previews_only_with_preview_method(fake_comfy: FakeComfyServer) -> None:
    ws = connect(fake_comfy)
    try:
        recv(ws)
        _, plain = run_prompt(fake_comfy, txt2img(1), ws)
        _, none = run_prompt(fake_comfy, txt2img(2, preview_method="none"), ws)
        _, auto = run_prompt(fake_comfy, txt2img(3, preview_method="auto"), ws)
    finally:
        ws.close()
    assert not any(isinstance(m, bytes) for m in plain + none)
    frames = [m for m in auto if isinstance(m, bytes)]
    assert len(frames) == fake_comfy.steps
    for frame in frames:
        assert frame[:8] == b"\0\0\0\1\0\0\0\1"
        with Image.open(io.BytesIO(frame[8:])) as img:
            assert img.format == "JPEG"


def test_feature_flags_give_type_4_previews_like_trace_32(fake_comfy: FakeComfyServer) -> None:
    ws = connect(fake_comfy, "c32")
    try:
        recv(ws)
        run_prompt(fake_comfy, txt2img(43, client_id="c32"), ws)  # warm the cache like trace 32
        ws.send(json.dumps({"type": "feature_flags", "data": {"supports_preview_metadata": True}}))
        reply = recv(ws)
        prompt_id, messages = run_prompt(
            fake_comfy, txt2img(44, client_id="c32", preview_method="auto"), ws
        )
    finally:
        ws.close()
    assert reply == {"type": "feature_flags", "data": trace("21")["/features"]["body"]}
    assert [name(m) for m in messages if name(m) != "status"] == trace("32")["ws_sequence"]
    recorded = next(m["data"] for m in trace("32")["ws"] if m["type"] == "<binary>")
    for frame in (m for m in messages if isinstance(m, bytes)):
        assert frame[:4] == b"\0\0\0\4"
        length = int.from_bytes(frame[4:8], "big")
        meta = json.loads(frame[8 : 8 + length])
        assert meta == {**recorded["metadata"], "prompt_id": prompt_id}
        assert frame[8 + length : 8 + length + 4].hex() == recorded["magic"]


def test_client_supplied_prompt_id(fake_comfy: FakeComfyServer) -> None:
    body = copy.deepcopy(trace("07")["request"])
    body["prompt"]["3"]["inputs"]["images"] = ["1", 0]
    body["prompt_id"] = "my-own-id-8f240feb"
    response = post(fake_comfy, body)
    assert response.json() == {"prompt_id": "my-own-id-8f240feb", "number": 0, "node_errors": {}}
    assert fake_comfy.wait_idle()
    assert history(fake_comfy, "my-own-id-8f240feb")["my-own-id-8f240feb"]["status"]["completed"]
    assert fake_comfy.submitted == [body]


def test_save_prefix_outside_output_fails_like_trace_17(fake_comfy: FakeComfyServer) -> None:
    body = trace("17")["request"]
    ws = connect(fake_comfy, body["client_id"])
    try:
        recv(ws)
        prompt_id, messages = run_prompt(fake_comfy, body, ws)
    finally:
        ws.close()
    assert [name(m) for m in messages] == trace("17")["ws_sequence"][-15:]
    error = next(
        m["data"] for m in messages if isinstance(m, dict) and m["type"] == "execution_error"
    )
    recorded = next(m["data"] for m in trace("17")["ws"] if m["type"] == "execution_error")
    assert skeleton(error) == skeleton(recorded)
    assert error["exception_message"].startswith("**** ERROR: Saving image outside the output")
    assert (error["node_id"], error["executed"], error["current_outputs"]) == (
        "3",
        ["1", "2"],
        ["1", "2", "3"],
    )
    status = history(fake_comfy, prompt_id)[prompt_id]["status"]
    assert (status["status_str"], status["completed"]) == ("error", False)


# ---------------------------------------------------------------------------- queue & interrupt


def wait_for(ws: Any, kind: str) -> Message:
    return collect(ws, lambda m: isinstance(m, dict) and m["type"] == kind)[-1]


def test_queue_front_delete_clear_interrupt_like_trace_19(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    ws = connect(server)
    try:
        recv(ws)
        a = post(server, txt2img(1)).json()
        wait_for(ws, "progress")
        b = post(server, txt2img(2)).json()
        c = post(server, {**txt2img(3), "front": True}).json()
        d = post(server, txt2img(4)).json()
        assert (a["number"], b["number"], c["number"], d["number"]) == (0, 1, -2, 3)
        queue = requests.get(server.url + "/queue", timeout=10).json()
        assert [q[1] for q in queue["queue_running"]] == [a["prompt_id"]]
        assert [q[0] for q in queue["queue_pending"]] == [-2, 1, 3]
        assert len(queue["queue_pending"][0]) == 5
        assert requests.get(server.url + "/prompt", timeout=10).json() == trace("19")["get_prompt"]
        requests.post(server.url + "/queue", json={"delete": [b["prompt_id"]]}, timeout=10)
        queue = requests.get(server.url + "/queue", timeout=10).json()
        assert [q[1] for q in queue["queue_pending"]] == [c["prompt_id"], d["prompt_id"]]
        assert (
            requests.post(
                server.url + "/interrupt", json={"prompt_id": d["prompt_id"]}, timeout=10
            ).status_code
            == 200
        )
        requests.post(server.url + "/queue", json={"clear": True}, timeout=10)
        queue = requests.get(server.url + "/queue", timeout=10).json()
        assert queue["queue_pending"] == [] and len(queue["queue_running"]) == 1
        requests.post(server.url + "/interrupt", json={"prompt_id": a["prompt_id"]}, timeout=10)
        tail = collect(ws, done(a["prompt_id"]))
    finally:
        ws.close()
    assert [name(m) for m in tail[-3:]] == ["execution_interrupted", "status", "executing:None"]
    interrupted = tail[-3]
    assert isinstance(interrupted, dict)
    recorded = next(
        m["data"] for m in trace("42")["all_ws"] if m["type"] == "execution_interrupted"
    )
    assert skeleton(interrupted["data"]) == skeleton(recorded)
    assert interrupted["data"]["node_id"] == "3" and interrupted["data"]["node_type"] == "KSampler"
    assert server.wait_idle()
    entry = history(server, a["prompt_id"])[a["prompt_id"]]
    assert entry["status"]["status_str"] == "error" and entry["outputs"] == {}
    assert entry["status"]["messages"][-1][0] == "execution_interrupted"
    for other in (b, c, d):
        assert history(server, other["prompt_id"]) == {}
    assert server.deleted == [b["prompt_id"]]
    assert server.interrupts == [d["prompt_id"], a["prompt_id"]]


def test_global_interrupt_at_next_node_like_trace_18(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    ws = connect(server)
    try:
        recv(ws)
        prompt_id = post(server, txt2img()).json()["prompt_id"]
        wait_for(ws, "progress")
        requests.post(server.url + "/interrupt", timeout=10)
        tail = collect(ws, done(prompt_id))
    finally:
        ws.close()
    assert [name(m) for m in tail[-3:]] == ["execution_interrupted", "status", "executing:None"]
    assert not any(name(m) == "progress" for m in tail[:-3][1:])
    assert server.interrupts == [None]


# ---------------------------------------------------------------------------- websocket routing


def test_reconnect_same_client_id_reroutes_like_trace_45(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.03)
    old = connect(server, "same")
    new = None
    try:
        recv(old)
        prompt_id = post(server, txt2img(client_id="same")).json()["prompt_id"]
        wait_for(old, "progress")
        new = connect(server, "same")
        first, second = recv(new), recv(new)
        server.steps = 4  # the run was still going when the new socket came; now let it end
        rest = collect(new, done(prompt_id))
    finally:
        old.close()
        if new is not None:
            new.close()
    recorded = trace("45")["new_socket"]
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["type"] == "status" and first["data"]["sid"] == "same"
    assert first["data"]["status"] == recorded[0]["data"]["status"]
    assert (second["type"], second["data"]) == (recorded[1]["type"], recorded[1]["data"])
    assert [name(m) for m in rest][-6:] == trace("45")["new_socket_sequence"][-6:]


# ---------------------------------------------------------------------------- files


def test_upload_rename_and_view_like_trace_04(fake_comfy: FakeComfyServer) -> None:
    recorded = trace("04")
    a, b = png(color=(1, 1, 1)), png(color=(2, 2, 2))
    steps = [
        ("first_overwrite_true", upload(fake_comfy, "peer_test.png", a, overwrite="true")),
        ("same_bytes_no_overwrite", upload(fake_comfy, "peer_test.png", a)),
        ("different_bytes_no_overwrite", upload(fake_comfy, "peer_test.png", b)),
        ("with_subfolder", upload(fake_comfy, "sub_test.png", a, subfolder="peersub")),
        ("type_temp", upload(fake_comfy, "t.png", a, type="temp")),
    ]
    for key, response in steps:
        assert (response.status_code, response.json()) == (
            recorded[key]["status"],
            recorded[key]["json"],
        ), key
    no_image = requests.post(fake_comfy.url + "/upload/image", data={"type": "input"}, timeout=10)
    assert no_image.status_code == 400
    escape = upload(fake_comfy, "x.png", a, subfolder="../../etc")
    assert escape.status_code == recorded["subfolder_escape"]["status"]
    got = view(fake_comfy, filename="peer_test (1).png", type="input")
    assert (got.status_code, got.headers["Content-Type"], got.content) == (200, "image/png", b)
    assert view(fake_comfy, filename="sub_test.png", subfolder="peersub", type="input").content == a
    info = requests.get(fake_comfy.url + "/object_info/LoadImage", timeout=10).json()
    assert info["LoadImage"]["input"]["required"]["image"][0] == [
        "peer_test (1).png",
        "peer_test.png",
    ]
    errors = trace("03")["03_view_errors"]
    assert view(fake_comfy, filename="missing.png").status_code == errors["missing"]
    assert view(fake_comfy, filename="../x.png", type="input").status_code == errors["dotdot"]
    assert (
        view(fake_comfy, filename="peer_test.png", subfolder="../../etc", type="input").status_code
        == errors["subfolder_escape"]
    )
    assert view(fake_comfy, filename="/etc/passwd").status_code == 400
    assert view(fake_comfy, filename="x.png", type="bogus").status_code == 400
    preview = view(fake_comfy, filename="peer_test.png", type="input", preview="webp;90")
    assert preview.headers["Content-Type"] == "image/webp"


# ---------------------------------------------------------------------------- faults


def test_fault_reject_prompt(fake_comfy: FakeComfyServer) -> None:
    fake_comfy.faults.reject_prompt = True
    response = post(fake_comfy, txt2img())
    assert response.status_code == 400
    body = response.json()
    assert skeleton(body["error"]) == skeleton(trace("11")["response"]["error"])
    assert body["error"]["type"] == "prompt_outputs_failed_validation"
    (node,) = body["node_errors"].values()
    assert node["errors"][0]["type"] == "value_not_in_list"
    assert node["dependent_outputs"] == ["9"]
    assert fake_comfy.submitted == []
    fake_comfy.faults.reject_prompt = False
    assert post(fake_comfy, txt2img()).status_code == 200


def test_fault_runtime_error(fake_comfy: FakeComfyServer) -> None:
    fake_comfy.faults.runtime_error = True
    ws = connect(fake_comfy)
    try:
        recv(ws)
        prompt_id, messages = run_prompt(fake_comfy, txt2img(), ws)
    finally:
        ws.close()
    assert [name(m) for m in messages][-4:] == [
        "executing:3",
        "execution_error",
        "status",
        "executing:None",
    ]
    error = messages[-3]
    assert isinstance(error, dict)
    recorded = next(m["data"] for m in trace("41")["all_ws"] if m["type"] == "execution_error")
    assert list(error["data"]) == list(recorded)
    assert error["data"]["node_type"] == "KSampler" and error["data"]["executed"] == [
        "4",
        "5",
        "7",
        "6",
    ]
    entry = history(fake_comfy, prompt_id)[prompt_id]
    assert entry["status"]["status_str"] == "error" and entry["outputs"] == {}


def test_fault_drop_websocket_mid_run(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    server.faults.drop_websocket_mid_run = True
    ws = connect(server, "dropme")
    seen: list[str] = []
    try:
        recv(ws)
        prompt_id = post(server, txt2img(client_id="dropme")).json()["prompt_id"]
        with pytest.raises(websocket.WebSocketConnectionClosedException):
            for _ in range(1000):
                seen.append(name(recv(ws)))
    finally:
        ws.close()
    assert seen[-1] == "progress" and seen.count("progress") == 1
    again = connect(server, "dropme")
    try:
        assert name(recv(again)) == "status"
        assert recv(again) == {"type": "executing", "data": {"node": "3"}}
        requests.post(server.url + "/interrupt", timeout=10)
        tail = collect(again, done(prompt_id))
    finally:
        again.close()
    assert name(tail[-3]) == "execution_interrupted"


def test_fault_slow_junk_and_server_error(fake_comfy: FakeComfyServer) -> None:
    fake_comfy.faults.slow_seconds = 0.3
    start = time.monotonic()
    assert requests.get(fake_comfy.url + "/queue", timeout=10).status_code == 200
    assert time.monotonic() - start >= 0.3
    fake_comfy.faults.slow_seconds = 0.0
    fake_comfy.faults.junk_json = True
    junk = requests.get(fake_comfy.url + "/queue", timeout=10)
    assert junk.status_code == 200
    with pytest.raises(ValueError):
        junk.json()
    assert post(fake_comfy, txt2img()).status_code == 200
    assert fake_comfy.submitted == []  # junk answers do nothing else
    fake_comfy.faults.junk_json = False
    fake_comfy.faults.server_error = True
    for path in ("/queue", "/object_info", "/api/system_stats"):
        response = requests.get(fake_comfy.url + path, timeout=10)
        assert (response.status_code, response.text) == (500, trace("16")["text"])
    assert post(fake_comfy, txt2img()).status_code == 500
    with pytest.raises(websocket.WebSocketBadStatusException):
        connect(fake_comfy)
    fake_comfy.faults.server_error = False
    assert requests.get(fake_comfy.url + "/queue", timeout=10).status_code == 200


@pytest.mark.parametrize(
    ("mode", "filename", "subfolder"),
    [("dotdot", "../../evil.png", "../.."), ("absolute", "/etc/evil.png", "")],
)
def test_fault_hostile_filenames(
    fake_comfy: FakeComfyServer, mode: str, filename: str, subfolder: str
) -> None:
    fake_comfy.faults.hostile_filenames = mode
    prompt_id = post(fake_comfy, txt2img()).json()["prompt_id"]
    assert fake_comfy.wait_idle()
    (image,) = history(fake_comfy, prompt_id)[prompt_id]["outputs"]["9"]["images"]
    assert image == {"filename": filename, "subfolder": subfolder, "type": "output"}
    data = view(fake_comfy, **image).content
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == fake_comfy.output_size


def test_fault_non_image_and_huge_image(fake_comfy: FakeComfyServer) -> None:
    prompt_id = post(fake_comfy, txt2img()).json()["prompt_id"]
    assert fake_comfy.wait_idle()
    (image,) = history(fake_comfy, prompt_id)[prompt_id]["outputs"]["9"]["images"]
    fake_comfy.faults.non_image_output = True
    with pytest.raises(UnidentifiedImageError):
        Image.open(io.BytesIO(view(fake_comfy, **image).content))
    fake_comfy.faults.non_image_output = False
    fake_comfy.faults.huge_image_output = True
    bomb = view(fake_comfy, **image).content
    assert len(bomb) < 1000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb))


# ---------------------------------------------------------------------------- lifecycle


def test_restart_on_same_port_loses_queue_and_history(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(output_size=(32, 16))
    prompt_id = post(server, txt2img()).json()["prompt_id"]
    assert server.wait_idle()
    port = server.port
    server.restart()
    assert server.port == port
    assert history(server, prompt_id) == {}
    assert post(server, txt2img()).json()["number"] == 0
    assert server.wait_idle()
    assert len(server.submitted) == 2
    server.stop()
    server.stop()  # idempotent
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/queue", timeout=2)


def test_auth_header_required(fake_comfy_factory: Factory) -> None:
    server = fake_comfy_factory(require_auth="Bearer s3cret")
    assert requests.get(server.url + "/queue", timeout=10).status_code == 401
    ok = requests.get(
        server.url + "/api/queue", headers={"Authorization": "Bearer s3cret"}, timeout=10
    )
    assert ok.status_code == 200
    with pytest.raises(websocket.WebSocketBadStatusException):
        connect(server)
    ws = connect(server, header=["Authorization: Bearer s3cret"])
    try:
        assert name(recv(ws)) == "status"
    finally:
        ws.close()


def test_large_outputs_and_context_manager() -> None:
    with FakeComfyServer(output_size=(1024, 1024), step_seconds=0) as server:
        ids = [post(server, txt2img(seed)).json()["prompt_id"] for seed in range(3)]
        assert server.wait_idle()
        for prompt_id in ids:
            (image,) = history(server, prompt_id)[prompt_id]["outputs"]["9"]["images"]
            with Image.open(io.BytesIO(view(server, **image).content)) as img:
                assert img.size == (1024, 1024)
                img.load()


def test_cli_runs_until_sigterm(fake_comfy_factory: Factory) -> None:
    probe = fake_comfy_factory()
    port = probe.port
    probe.stop()  # a free port we know
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fakes.comfy_server",
            "--port",
            str(port),
            "--steps",
            "2",
            "--step-seconds",
            "0.01",
            "--output-size",
            "32x32",
        ],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == f"http://127.0.0.1:{port}"
        response = requests.get(f"http://127.0.0.1:{port}/system_stats", timeout=10)
        assert response.status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


# ---------------------------------------------------------------------------- media outputs

# Specs of nodes the captured server did not load (audio savers, ComfyUI's EmptyAudio, the video
# pack's VHS_VideoCombine), after their sources.
_PREFIX = ["STRING", {"default": "audio/ComfyUI"}]
MEDIA_CLASSES: dict[str, Any] = {
    "EmptyAudio": {
        "input": {
            "required": {
                "duration": ["FLOAT", {"default": 60.0, "min": 0.0}],
                "sample_rate": ["INT", {"default": 44100}],
                "channels": ["INT", {"default": 2, "min": 1, "max": 2}],
            }
        },
        "output": ["AUDIO"],
        "output_node": False,
        "category": "audio",
    },
    **{
        name: {
            "input": {"required": {"audio": ["AUDIO"], "filename_prefix": _PREFIX}},
            "output": [],
            "output_node": True,
            "category": "audio",
        }
        for name in ("SaveAudio", "SaveAudioMP3", "SaveAudioOpus")
    },
    "VHS_VideoCombine": {
        "input": {
            "required": {
                "images": ["IMAGE"],
                "frame_rate": ["FLOAT", {"default": 8, "min": 1, "step": 1}],
                "loop_count": ["INT", {"default": 0, "min": 0, "max": 100, "step": 1}],
                "filename_prefix": ["STRING", {"default": "AnimateDiff"}],
                "format": [["image/gif", "image/webp", "video/webm", "video/h264-mp4"]],
                "pingpong": ["BOOLEAN", {"default": False}],
                "save_output": ["BOOLEAN", {"default": True}],
            }
        },
        "output": ["VHS_FILENAMES"],
        "output_node": True,
        "category": "Video Helper Suite 🎥🅥🅗🅢",
    },
}


@pytest.fixture
def media_fake(fake_comfy_factory: Factory, tmp_path: Path) -> FakeComfyServer:
    info = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))
    info.update(copy.deepcopy(MEDIA_CLASSES))
    path = tmp_path / "object_info.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    server: FakeComfyServer = fake_comfy_factory(object_info_path=path)
    return server


def frames_node(count: int = 5) -> dict[str, Any]:
    inputs = {"width": 48, "height": 32, "batch_size": count, "color": 0x3366CC}
    return {"class_type": "EmptyImage", "inputs": inputs}


def run_graph(server: FakeComfyServer, graph: dict[str, Any]) -> dict[str, Any]:
    response = post(server, {"prompt": graph, "extra_data": {"extra_pnginfo": {"workflow": {}}}})
    assert response.status_code == 200, response.text
    prompt_id = response.json()["prompt_id"]
    assert server.wait_idle()
    entry = history(server, prompt_id)[prompt_id]
    assert entry["status"]["status_str"] == "success", entry["status"]
    outputs: dict[str, Any] = entry["outputs"]
    return outputs


def media(server: FakeComfyServer, record: dict[str, Any]) -> tuple[bytes, str]:
    response = view(server, **{k: record[k] for k in ("filename", "subfolder", "type")})
    assert response.status_code == 200
    return response.content, response.headers["Content-Type"]


@pytest.mark.parametrize(
    ("node", "extra", "ext", "animated"),
    [
        ("SaveWEBM", {"codec": "vp9", "fps": 12.0, "crf": 32.0}, "webm", True),
        ("SaveAnimatedWEBP", {"fps": 6.0, "lossless": True, "quality": 80, "method": "default"},
         "webp", True),
        ("SaveAnimatedPNG", {"fps": 6.0, "compress_level": 4}, "png", True),
    ],
)  # fmt: skip
def test_animated_and_webm_savers_report_under_images(
    media_fake: FakeComfyServer, node: str, extra: dict[str, Any], ext: str, animated: bool
) -> None:
    from studio_desktop.core.library.media import probe_media

    graph = {
        "1": frames_node(5),
        "2": {"class_type": node, "inputs": {"images": ["1", 0], "filename_prefix": "clip/x"}},
    }
    graph["2"]["inputs"].update(extra)
    outputs = run_graph(media_fake, graph)
    assert outputs["2"] == {
        "images": [{"filename": f"x_00001_.{ext}", "subfolder": "clip", "type": "output"}],
        "animated": [animated],
    }
    data, content_type = media(media_fake, outputs["2"]["images"][0])
    info = probe_media(data)
    assert (info.kind, info.width, info.height, info.frames) == (
        "video" if ext == "webm" else "animated",
        48,
        32,
        5,
    )
    if ext == "webm":
        assert content_type == "video/webm"


def test_save_animated_webp_of_one_frame_is_not_animated(media_fake: FakeComfyServer) -> None:
    graph = {
        "1": frames_node(1),
        "2": {
            "class_type": "SaveAnimatedWEBP",
            "inputs": {"images": ["1", 0], "filename_prefix": "one", "fps": 6.0,
                       "lossless": True, "quality": 80, "method": "default"},
        },
    }  # fmt: skip
    assert run_graph(media_fake, graph)["2"]["animated"] == [False]


def test_create_video_then_save_video_is_an_mp4_with_comfy_tags(
    media_fake: FakeComfyServer,
) -> None:
    from studio_desktop.core.library.media import container_texts, probe_media

    graph = {
        "1": frames_node(8),
        "2": {"class_type": "CreateVideo", "inputs": {"images": ["1", 0], "fps": 8.0}},
        "3": {
            "class_type": "SaveVideo",
            "inputs": {"video": ["2", 0], "filename_prefix": "video/ComfyUI",
                       "format": "auto", "codec": "auto"},
        },
    }  # fmt: skip
    outputs = run_graph(media_fake, graph)
    record = {"filename": "ComfyUI_00001_.mp4", "subfolder": "video", "type": "output"}
    assert outputs["3"] == {"images": [record], "animated": [True]}
    data, content_type = media(media_fake, record)
    assert content_type == "video/mp4"
    info = probe_media(data)
    assert (info.kind, info.frames, info.fps) == ("video", 8, 8.0)
    texts = container_texts(data)
    assert json.loads(texts["prompt"]) == graph and json.loads(texts["workflow"]) == {}


@pytest.mark.parametrize(
    ("fmt", "ext", "kind"),
    [("image/gif", "gif", "animated"), ("video/webm", "webm", "video"),
     ("video/h264-mp4", "mp4", "video")],
)  # fmt: skip
def test_vhs_video_combine_reports_under_gifs(
    media_fake: FakeComfyServer, fmt: str, ext: str, kind: str
) -> None:
    from studio_desktop.core.library.media import probe_media

    graph = {
        "1": frames_node(4),
        "2": {
            "class_type": "VHS_VideoCombine",
            "inputs": {"images": ["1", 0], "frame_rate": 8.0, "loop_count": 0,
                       "filename_prefix": "AnimateDiff", "format": fmt, "pingpong": False,
                       "save_output": True},
        },
    }  # fmt: skip
    first = run_graph(media_fake, graph)["2"]
    again = copy.deepcopy(graph)
    again["2"]["inputs"]["frame_rate"] = 4.0  # not cached: the next number
    second = run_graph(media_fake, again)["2"]
    assert first == {
        "gifs": [
            {
                "filename": f"AnimateDiff_00001.{ext}",
                "subfolder": "",
                "type": "output",
                "format": fmt,
                "frame_rate": 8.0,
                "workflow": "AnimateDiff_00001.png",
                "fullpath": f"/opt/ComfyUI/output/AnimateDiff_00001.{ext}",
            }
        ]
    }
    assert second["gifs"][0]["filename"] == f"AnimateDiff_00002.{ext}"
    data, _ = media(media_fake, first["gifs"][0])
    assert probe_media(data).kind == kind
    workflow_png, _ = media(media_fake, {**first["gifs"][0], "filename": "AnimateDiff_00001.png"})
    with Image.open(io.BytesIO(workflow_png)) as img:
        assert img.size == (48, 32) and "prompt" in img.info


def test_vhs_without_save_output_writes_temp(media_fake: FakeComfyServer) -> None:
    graph = {
        "1": frames_node(2),
        "2": {
            "class_type": "VHS_VideoCombine",
            "inputs": {"images": ["1", 0], "frame_rate": 8.0, "loop_count": 0,
                       "filename_prefix": "AnimateDiff", "format": "image/webp",
                       "pingpong": False, "save_output": False},
        },
    }  # fmt: skip
    (record,) = run_graph(media_fake, graph)["2"]["gifs"]
    assert record["type"] == "temp" and record["fullpath"].startswith("/opt/ComfyUI/temp/")
    assert media(media_fake, record)[0][:4] == b"RIFF"


@pytest.mark.parametrize(
    ("node", "ext", "magic", "rate"),
    [("SaveAudio", "flac", b"fLaC", 44100), ("SaveAudioMP3", "mp3", b"ID3", 44100),
     ("SaveAudioOpus", "opus", b"OggS", 48000)],
)  # fmt: skip
def test_audio_savers_write_real_files_under_audio(
    media_fake: FakeComfyServer, node: str, ext: str, magic: bytes, rate: int
) -> None:
    from studio_desktop.core.library.media import container_texts, probe_media

    graph = {
        "1": {
            "class_type": "EmptyAudio",
            "inputs": {"duration": 2.0, "sample_rate": 44100, "channels": 2},
        },
        "2": {"class_type": node, "inputs": {"audio": ["1", 0], "filename_prefix": "audio/song"}},
    }
    outputs = run_graph(media_fake, graph)
    record = {"filename": f"song_00001_.{ext}", "subfolder": "audio", "type": "output"}
    assert outputs["2"] == {"audio": [record]}
    data, _ = media(media_fake, record)
    assert data.startswith(magic)
    info = probe_media(data)
    assert (info.kind, info.sample_rate, info.channels) == ("audio", rate, 2)
    assert info.duration_s == pytest.approx(1.0, abs=0.05)
    assert json.loads(container_texts(data)["prompt"]) == graph
